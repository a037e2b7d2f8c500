/**
 * Recognising links on a watched page that lead nowhere worth fetching:
 * static assets and account or search pages. General rules only; no site's
 * markup is special-cased.
 */

// Documents (.pdf, .zip, .txt, .csv) are deliberately not assets: on a drop site they are the leak.
const ASSET = /\.(?:css|js|mjs|map|json|xml|png|jpe?g|gif|svg|ico|webp|avif|bmp|tiff?|woff2?|ttf|otf|eot|webmanifest)$/i;

/** Path segments and query words that name account, search and similar chrome pages. */
const CHROME_WORDS = new Set([
  'login', 'log-in', 'logon', 'signin', 'sign-in', 'wp-login',
  'logout', 'log-out', 'logoff', 'signout', 'sign-out',
  'signup', 'sign-up', 'register', 'registration',
  'lostpassword', 'lost-password', 'forgotpassword', 'forgot-password', 'reset-password', 'password-reset', 'resetpassword',
  'search', 'advanced-search', 'advancedsearch',
]);

const SCRIPT_SUFFIX = /\.(?:php|aspx?|jsp|cgi|pl|html?)$/i;

/**
 * Whether a normalised absolute URL is a static asset or an account/search
 * page: `/static/app.css`, `/login`, `ucp.php?mode=register`, `/search?q=x`.
 *
 * @example
 * isChromeLink('https://forum.example/member.php?action=register'); // true
 * isChromeLink('https://forum.example/threads/register-of-voters-leak.812/'); // false
 */
export function isChromeLink(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return true;
  }
  if (ASSET.test(parsed.pathname)) return true;
  const words = [...parsed.pathname.split('/'), ...parsed.search.slice(1).split(/[&=/?;]/)];
  return words.some((word) => CHROME_WORDS.has(decodeWord(word).replace(SCRIPT_SUFFIX, '')));
}

function decodeWord(word: string): string {
  try {
    return decodeURIComponent(word).toLowerCase();
  } catch {
    return word.toLowerCase();
  }
}
