import { parseEpochTime, parseIsoTime } from './dates.ts';
import { arrayAt, describeType, idAt, isObject, numberAt, objectAt, stringAt } from './fields.ts';
import type { PostFormatReader } from './format.ts';
import { accepted, reject, type Mapped } from './items.ts';
import type { JsonPath, Selection } from './json-document.ts';
import { emptyPost, UNKNOWN_ORIGIN } from './post.ts';
import { extractUrls, uniqueUrls } from './urls.ts';

/**
 * Telegram Desktop's JSON export (`result.json`): one chat `{ name, type, id,
 * messages }`, or a whole account `{ chats: { list: [chat…] }, left_chats: … }`.
 * Read message by message, whatever the size of the export.
 *
 * - Post id `chatId/messageId` (message ids are only unique within a chat);
 *   a reply points at `chatId/reply_to_message_id`.
 * - The account is `from_id` (`user123`, `channel123`), its name `from`; the
 *   chat's name is the post's channel.
 * - The time is `date_unixtime`; older exports only have `date`, the exporting
 *   machine's local time, which is read as UTC with a warning.
 * - `text` is a string or a list of strings and entities `{ type, text, href }`:
 *   `text_link` hrefs and `link` texts are the post's links.
 * - A forward reposts `forwarded_from`, the original's name as the export
 *   writes it (UNKNOWN_ORIGIN when hidden). Service messages are skipped.
 * - Channels and supergroups get a `t.me/c/…` permalink (it opens for members).
 */
export const telegram: PostFormatReader = {
  source: 'json',
  layout: 'document',
  select: selectTelegram,
  map: (value, context) => [mapTelegramMessage(value, context)],
  sniff: (head) => (/"messages"\s*:/.test(head) && /"date_unixtime"|"(personal_chat|private_group|private_supergroup|public_supergroup|public_channel|private_channel|bot_chat|saved_messages)"/.test(head) ? 0.95 : /"chats"\s*:\s*\{[\s\S]*"list"/.test(head) ? 0.6 : 0),
};

const CHAT_FIELDS = new Set(['name', 'type', 'id']);
const LISTS = new Set(['chats', 'left_chats']);

/** A chat is the document itself or an element of `chats.list` / `left_chats.list`. */
const isChat = (p: JsonPath) => p.length === 0 || (p.length === 3 && LISTS.has(String(p[0])) && p[1] === 'list' && typeof p[2] === 'number');

export function selectTelegram(path: JsonPath): Selection {
  const n = path.length;
  const last = path[n - 1];
  if (n === 0 || isChat(path)) return 'descend';
  if (n === 1 && LISTS.has(String(last))) return 'descend';
  if (n === 2 && LISTS.has(String(path[0])) && last === 'list') return 'descend';
  const parent = path.slice(0, -1);
  if (isChat(parent)) return last === 'messages' ? 'descend' : CHAT_FIELDS.has(String(last)) ? 'context' : 'skip';
  if (typeof last === 'number' && path[n - 2] === 'messages' && isChat(path.slice(0, -2))) return 'record';
  return 'skip';
}

export function mapTelegramMessage(message: unknown, chat: Record<string, unknown>): Mapped {
  if (!isObject(message)) return reject(`${describeType(message)} where a message was expected`);
  if (message.type !== undefined && message.type !== 'message') return { skipped: `telegram ${String(message.type)}` };
  const id = idAt(message.id);
  if (!id) return reject('a message without an "id"');
  const chatId = idAt(chat.id);
  const chatName = stringAt(chat.name);
  const account = idAt(message.from_id) ?? stringAt(message.from) ?? chatName ?? chatId;
  if (!account) return reject(`message ${id} names no sender`);
  const content = readText(message.text, message.text_entities);
  if ('error' in content) return reject(`message ${id}: ${content.error}`);
  const time = message.date_unixtime !== undefined ? parseEpochTime(message.date_unixtime, 'date_unixtime') : parseIsoTime(message.date, 'date');

  const ref = (messageId: unknown) => (idAt(messageId) ? (chatId ? `${chatId}/${idAt(messageId)}` : idAt(messageId)) : null);
  const post = emptyPost('telegram', ref(id)!, account);
  post.accountName = stringAt(message.from);
  post.text = content.text;
  post.createdAt = time.createdAt;
  post.urls = content.links;
  if ('forwarded_from' in message) post.repostOf = stringAt(message.forwarded_from) ?? UNKNOWN_ORIGIN;
  post.replyTo = ref(message.reply_to_message_id);
  post.channel = chatName;
  if (chatId && /channel|supergroup/.test(String(chat.type))) post.url = `https://t.me/c/${chatId}/${id}`;
  const reactions = arrayAt(message.reactions).reduce<number>((sum, r) => sum + (numberAt(objectAt(r).count) ?? 0), 0);
  if (reactions > 0) post.metrics = { reactions };
  return accepted(post, time.warning);
}

/** The plain text and links of a message's `text` (a string, or strings and entities). */
function readText(text: unknown, entities: unknown): { text: string; links: string[] } | { error: string } {
  if (text === undefined || text === null) return { text: '', links: [] };
  if (typeof text !== 'string' && !Array.isArray(text)) return { error: `"text" is ${describeType(text)}, not text or a list of entities` };
  const parts = typeof text === 'string' ? [text] : text;
  let plain = '';
  const links: string[] = [];
  for (const part of parts) {
    if (typeof part === 'string') plain += part;
    else if (isObject(part) && typeof part.text === 'string') plain += part.text;
  }
  // a plain-string text may still come with its entities beside it
  for (const entity of [...parts, ...(typeof text === 'string' ? arrayAt(entities) : [])]) {
    if (!isObject(entity)) continue;
    if (entity.type === 'text_link' && stringAt(entity.href)) links.push(entity.href as string);
    if (entity.type === 'link' && stringAt(entity.text)) links.push(withScheme(entity.text as string));
  }
  return { text: plain, links: uniqueUrls([...links, ...extractUrls(plain)]) };
}

/** Telegram links "example.com/page" written without a scheme. */
const withScheme = (link: string) => (/^[a-z][a-z0-9+.-]*:/i.test(link) ? link : `https://${link}`);
