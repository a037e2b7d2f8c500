/**
 * Query parameters that only track a click: removed so that the same page
 * reached from a newsletter, a tweet or a search is one URL.
 */
const TRACKING = /^(utm_[a-z_]+|phpsessid|sessionid|jsessionid|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|igsh|ref_src|ref_url|_ga|_gl|yclid|twclid|ttclid|li_fat_id|mkt_tok|oly_anon_id|oly_enc_id|vero_id|wt_mc|__twitter_impression|s_kwcid|cmpid|ncid|sr_share|share|si|feature)$/i;

/** Forum software (phpBB) adds `sid=<32 hex digits>` per visitor; elsewhere `sid` can name a story, so only that shape goes. */
const isSessionId = (key: string, value: string) => key.toLowerCase() === 'sid' && /^[0-9a-f]{32}$/i.test(value);

/**
 * The normal form of a URL used to deduplicate fetches and sightings: lower-case
 * scheme and host, no default port, no fragment, no tracking parameters, no
 * trailing `?`. Returns null for anything that is not an absolute http(s) URL.
 *
 * @example
 * normaliseUrl('HTTPS://News.Example:443/a?utm_source=x&id=3#top'); // 'https://news.example/a?id=3'
 */
export function normaliseUrl(input: string, base?: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  const kept = [...url.searchParams].filter(([key, value]) => !TRACKING.test(key) && !isSessionId(key, value));
  url.search = '';
  for (const [key, value] of kept) url.searchParams.append(key, value);
  let out = url.toString();
  if (out.endsWith('?')) out = out.slice(0, -1);
  return out;
}

/** The host of a URL without `www.`, lower-case; null when it has none. */
export function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '').replace(/\.$/, '') || null;
  } catch {
    return null;
  }
}
