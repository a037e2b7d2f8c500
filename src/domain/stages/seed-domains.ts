import type { StageEntry } from './registry.ts';

const drop = (pattern: string, label: string): StageEntry => ({ pattern, stage: 'drop', tier: null, label, platform: null });
const social = (pattern: string, platform: string): StageEntry => ({ pattern, stage: 'amplification', tier: null, label: platform, platform });
const news = (pattern: string, tier: 1 | 2 | 3, label: string): StageEntry => ({ pattern, stage: 'mainstream', tier, label, platform: null });

/**
 * The default registry: where dumps are dropped, where they are amplified,
 * and which newsrooms make them mainstream (tier 1: national or international
 * outlets of record; 2: large regional, specialist or online-native outlets;
 * 3: partisan and state-controlled outlets). Users edit it from there.
 */
export const SEED_DOMAINS: readonly StageEntry[] = [
  // paste sites
  ...['pastebin.com', 'paste.ee', 'ghostbin.com', 'ghostbin.co', 'justpaste.it', 'privatebin.net', 'controlc.com', 'rentry.co', 'rentry.org', 'hastebin.com', 'dpaste.org', 'pastes.io', 'paste.debian.net', 'pastelink.net', 'textbin.net', 'paste.gg', 'zerobin.net', 'defuse.ca/b'].map((p) => drop(p, 'paste site')),
  // anonymous file hosts and leak mirrors
  ...['mega.nz', 'mega.co.nz', 'anonfiles.com', 'anonfile.com', 'bayfiles.com', 'gofile.io', 'files.fm', 'sendspace.com', 'mediafire.com', 'zippyshare.com', 'dropmefiles.com', 'file.io', 'pixeldrain.com', 'uploadfiles.io', 'catbox.moe', 'transfer.sh', 'anonymousfiles.io', 'krakenfiles.com', 'archive.org/details'].map((p) => drop(p, 'file host')),
  ...['wikileaks.org', 'dcleaks.com', 'ddosecrets.com', 'cryptome.org', 'distributeddenialofsecrets.com', 'guccifer2.wordpress.com', 'fancybear.net'].map((p) => drop(p, 'leak site')),
  // leak forums and image boards where dumps are announced
  ...['raidforums.com', 'breachforums.is', 'breachforums.st', 'breached.vc', 'breached.to', 'xss.is', 'exploit.in', 'leakbase.io', 'nulled.to', 'cracked.io', '4chan.org', '4channel.org', '8kun.top', '8ch.net', 'endchan.org'].map((p) => drop(p, 'leak forum')),
  // social platforms
  social('twitter.com', 'twitter'),
  social('x.com', 'twitter'),
  social('t.co', 'twitter'),
  social('mobile.twitter.com', 'twitter'),
  social('facebook.com', 'facebook'),
  social('fb.com', 'facebook'),
  social('instagram.com', 'instagram'),
  social('threads.net', 'threads'),
  social('reddit.com', 'reddit'),
  social('redd.it', 'reddit'),
  social('t.me', 'telegram'),
  social('telegram.me', 'telegram'),
  social('bsky.app', 'bluesky'),
  social('mastodon.social', 'mastodon'),
  social('mastodon.online', 'mastodon'),
  social('mstdn.social', 'mastodon'),
  social('youtube.com', 'youtube'),
  social('youtu.be', 'youtube'),
  social('tiktok.com', 'tiktok'),
  social('vk.com', 'vk'),
  social('ok.ru', 'odnoklassniki'),
  social('gab.com', 'gab'),
  social('truthsocial.com', 'truth social'),
  social('gettr.com', 'gettr'),
  social('parler.com', 'parler'),
  social('rumble.com', 'rumble'),
  social('bitchute.com', 'bitchute'),
  social('linkedin.com', 'linkedin'),
  social('medium.com', 'blog'),
  social('substack.com', 'blog'),
  social('blogspot.com', 'blog'),
  social('wordpress.com', 'blog'),
  social('tumblr.com', 'blog'),
  social('livejournal.com', 'blog'),
  social('telegra.ph', 'blog'),
  // news outlets, tier 1
  ...[
    ['nytimes.com', 'The New York Times'], ['washingtonpost.com', 'The Washington Post'], ['wsj.com', 'The Wall Street Journal'], ['reuters.com', 'Reuters'],
    ['apnews.com', 'Associated Press'], ['afp.com', 'AFP'], ['bloomberg.com', 'Bloomberg'], ['ft.com', 'Financial Times'], ['theguardian.com', 'The Guardian'],
    ['bbc.co.uk', 'BBC'], ['bbc.com', 'BBC'], ['cnn.com', 'CNN'], ['nbcnews.com', 'NBC News'], ['cbsnews.com', 'CBS News'], ['abcnews.go.com', 'ABC News'],
    ['npr.org', 'NPR'], ['politico.com', 'Politico'], ['politico.eu', 'Politico Europe'], ['economist.com', 'The Economist'], ['latimes.com', 'Los Angeles Times'],
    ['usatoday.com', 'USA Today'], ['theatlantic.com', 'The Atlantic'], ['newyorker.com', 'The New Yorker'], ['axios.com', 'Axios'], ['aljazeera.com', 'Al Jazeera'],
    ['lemonde.fr', 'Le Monde'], ['lefigaro.fr', 'Le Figaro'], ['liberation.fr', 'Libération'], ['francetvinfo.fr', 'France Info'], ['spiegel.de', 'Der Spiegel'],
    ['zeit.de', 'Die Zeit'], ['sueddeutsche.de', 'Süddeutsche Zeitung'], ['faz.net', 'FAZ'], ['elpais.com', 'El País'], ['elmundo.es', 'El Mundo'],
    ['corriere.it', 'Corriere della Sera'], ['repubblica.it', 'la Repubblica'], ['nzz.ch', 'NZZ'], ['asahi.com', 'Asahi Shimbun'], ['nhk.or.jp', 'NHK'],
    ['theglobeandmail.com', 'The Globe and Mail'], ['cbc.ca', 'CBC'], ['abc.net.au', 'ABC Australia'], ['smh.com.au', 'Sydney Morning Herald'], ['thetimes.co.uk', 'The Times'],
    ['telegraph.co.uk', 'The Telegraph'], ['independent.co.uk', 'The Independent'], ['dw.com', 'Deutsche Welle'], ['france24.com', 'France 24'], ['nos.nl', 'NOS'],
  ].map(([p, label]) => news(p!, 1, label!)),
  // tier 2
  ...[
    ['huffpost.com', 'HuffPost'], ['buzzfeednews.com', 'BuzzFeed News'], ['vice.com', 'Vice'], ['vox.com', 'Vox'], ['thedailybeast.com', 'The Daily Beast'],
    ['theverge.com', 'The Verge'], ['wired.com', 'Wired'], ['arstechnica.com', 'Ars Technica'], ['techcrunch.com', 'TechCrunch'], ['theintercept.com', 'The Intercept'],
    ['propublica.org', 'ProPublica'], ['motherjones.com', 'Mother Jones'], ['thehill.com', 'The Hill'], ['newsweek.com', 'Newsweek'], ['time.com', 'Time'],
    ['businessinsider.com', 'Business Insider'], ['cnbc.com', 'CNBC'], ['foxnews.com', 'Fox News'], ['nypost.com', 'New York Post'], ['dailymail.co.uk', 'Daily Mail'],
    ['mediapart.fr', 'Mediapart'], ['bfmtv.com', 'BFM TV'], ['20minutes.fr', '20 Minutes'], ['bild.de', 'Bild'], ['welt.de', 'Die Welt'], ['heise.de', 'heise'],
    ['seattletimes.com', 'The Seattle Times'], ['chicagotribune.com', 'Chicago Tribune'], ['bostonglobe.com', 'The Boston Globe'], ['sfchronicle.com', 'San Francisco Chronicle'],
  ].map(([p, label]) => news(p!, 2, label!)),
  // tier 3
  ...[
    ['breitbart.com', 'Breitbart'], ['infowars.com', 'Infowars'], ['thegatewaypundit.com', 'The Gateway Pundit'], ['dailycaller.com', 'The Daily Caller'],
    ['rt.com', 'RT (state media)'], ['sputniknews.com', 'Sputnik (state media)'], ['tass.com', 'TASS (state media)'], ['ria.ru', 'RIA Novosti (state media)'],
    ['cgtn.com', 'CGTN (state media)'], ['globaltimes.cn', 'Global Times (state media)'], ['presstv.ir', 'Press TV (state media)'], ['zerohedge.com', 'ZeroHedge'],
  ].map(([p, label]) => news(p!, 3, label!)),
];
