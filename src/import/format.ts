import type { Mapped } from './items.ts';
import type { PathSelector } from './json-document.ts';

/**
 * One import format, as import-posts.ts dispatches to it: where its records
 * come from (JSON in any layout, or CSV rows), how a record becomes posts,
 * and how well the start of a file fits it (for detectFormat: 0 no fit, 1 sure).
 */
export type PostFormatReader =
  | {
      source: 'json';
      /** Where records sit in a whole JSON document, when not at the top (Telegram's messages). */
      select?: PathSelector;
      /** `document` when the format is only ever one JSON document. */
      layout?: 'auto' | 'document';
      map(value: unknown, context: Record<string, unknown>): Mapped[];
      sniff(head: string): number;
    }
  | {
      source: 'csv';
      map(row: Record<string, string>): Mapped[];
      sniff(head: string): number;
    };
