import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { CheckResult } from '../provenance/check.ts';

type Alteration = CheckResult['alterations'][number];

/** Texts longer than this are shown only around their alterations. */
const WHOLE_TEXT_CHARS = 60_000;
const CONTEXT_CHARS = 300;

function marks(a: Alteration) {
  if (a.type === 'inserted') return html`<ins title="inserted: not in the original">${a.text}</ins>`;
  if (a.type === 'removed') return html`<del title="removed: in the original, missing here">${a.text}</del>`;
  return html`<del title="changed: the original">${a.originalText ?? ''}</del><ins title="changed: this copy">${a.text}</ins>`;
}

/**
 * The checked copy with its alterations marked inline: inserted text as
 * `<ins>`, text the original has and this copy lacks as `<del>` at the place
 * it was cut, a change as both. Everything is escaped; a long text is cut to
 * the passages around its alterations.
 *
 * @example
 * alteredText('A. B. C.', [{ type: 'inserted', text: 'B.', checkedStart: 3, checkedEnd: 5, … }]); // 'A. <ins …>B.</ins> C.'
 */
export function alteredText(text: string, alterations: readonly Alteration[]) {
  const sorted = [...alterations].sort((a, b) => a.checkedStart - b.checkedStart || a.checkedEnd - b.checkedEnd);
  const whole = text.length <= WHOLE_TEXT_CHARS;
  const parts: (string | HtmlEscapedString | Promise<HtmlEscapedString>)[] = [];
  let cursor = 0;
  const plain = (from: number, to: number, before: boolean, after: boolean) => {
    if (whole || to - from <= 2 * CONTEXT_CHARS) return parts.push(text.slice(from, to));
    // far from any alteration: keep the context on each side, mark what was left out
    if (after) parts.push(text.slice(from, from + CONTEXT_CHARS));
    parts.push(html`<span class="gap">… ${(to - from - (after ? CONTEXT_CHARS : 0) - (before ? CONTEXT_CHARS : 0)).toLocaleString('en')} characters unchanged …</span>`);
    if (before) parts.push(text.slice(to - CONTEXT_CHARS, to));
  };
  for (const a of sorted) {
    if (a.checkedStart < cursor) continue;
    plain(cursor, a.checkedStart, true, cursor > 0);
    parts.push(marks(a));
    cursor = a.checkedEnd;
  }
  plain(cursor, text.length, false, cursor > 0);
  return html`<div class="checked-text" id="altered-text" tabindex="0" aria-label="The checked copy with its alterations marked">${parts}</div>`;
}
