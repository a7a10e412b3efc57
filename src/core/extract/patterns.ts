/** Shared tag sets and class/id patterns used by scanning, cleaning and detection. */

/** Subtrees that never hold readable article text (or are not rendered). */
export const SKIP_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH', 'IFRAME', 'OBJECT', 'EMBED', 'CANVAS',
  'SELECT', 'TEXTAREA', 'BUTTON', 'OPTION', 'HEAD', 'LINK', 'META', 'TITLE', 'INPUT', 'FRAMESET',
  'FRAME', 'MAP', 'DIALOG', 'svg', 'math',
]);

/**
 * Elements that start a new line of text. Text is attributed to the nearest block ancestor,
 * which is our unit of "paragraph" whether or not the site used <p>.
 */
export const BLOCK_TAGS = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'LI', 'TD', 'TH', 'DD', 'DT', 'BLOCKQUOTE', 'PRE',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'FIGCAPTION', 'FIGURE', 'UL', 'OL', 'DL', 'TABLE', 'TR',
  'TBODY', 'THEAD', 'TFOOT', 'CAPTION', 'HEADER', 'FOOTER', 'NAV', 'ASIDE', 'FORM', 'BODY',
  'CENTER', 'ADDRESS', 'FIELDSET', 'DETAILS', 'SUMMARY', 'HTML', 'HGROUP', 'LEGEND',
]);

/** Landmarks that are page chrome rather than content. */
export const CHROME_TAGS = new Set(['NAV', 'ASIDE', 'FOOTER']);

/**
 * Class/id words that mark page furniture: navigation, promos, share bars, comments,
 * recommendations, ads and consent banners. Why: CMS templates name these consistently across
 * languages, and they are where non-article text with paragraph-like shape lives.
 * STRONG words are never wrappers of the article; WEAK words sometimes name layout wrappers
 * ("content-with-sidebar", "has-ads"), so they are overruled when the element holds a lot of prose.
 */
export const NEGATIVE_STRONG = /(?:^|[\s_-])(?:comment|comments|commentlist|comment-list|disqus|outbrain|taboola|cookie|cookies|consent|gdpr|breadcrumb|breadcrumbs|skiplink|skip-link|skip|share|sharing|share-?bar|sharetools|social|socials|newsletter|subscribe|signup|sign-up|paywall|donate|donation|related|recommend|recommended|recirc|more-stories|most-?read|most-?popular|popular|trending|ticker|promo|advert|advertisement|sponsor|sponsored|ad|ads|adslot|ad-slot|dfp)(?:$|[\s_-])/i;
export const NEGATIVE = /(?:^|[\s_-])(?:sidebar|side-bar|rail|right-rail|widget|widgets|read-?more|readmore|also-read|subscription|promotion|share|banner|nav|navbar|navigation|menu|masthead|footer|site-footer|modal|popup|breaking|tags|tag-list|taglist|keywords|author-bio|about-author|pagination|pager|sr-only|visually-hidden|screen-reader-text|bio|author-info|about-the-author|contributor-bio)(?:$|[\s_-])/i;

/** Class/id words that mark the article body container. */
export const POSITIVE = /(?:^|[\s_-])(?:article|article-?body|articlebody|body-?text|story|story-?body|entry|entry-?content|post|post-?content|post-?body|content|main|main-?content|text|prose|blog|hentry|h-entry|news-?text|rich-?text|page-?content)(?:$|[\s_-])/i;

/** Short blocks whose whole text is page furniture in any of a few big languages. */
export const BOILERPLATE_TEXT = /^(?:advertisement|advertising|advert|ad|anzeige|publicité|реклама|تبلیغات|إعلان|广告|sponsored( content)?|share( this( article| story| page)?)?( on \w+)?|share|tweet|email|e-mail|print|copy link|link copied|read more|read next|read also|see also|more on this( story)?|related( articles| stories| coverage| content| topics)?|more from .{0,40}|sign up.{0,60}|subscribe.{0,60}|follow us.{0,40}|(\d+ )?comments?|leave a comment|skip to (main )?content|skip to navigation|accessibility links|image|photo|video|\d+x\d+ image|image \d+ of \d+|loading…?|loading\.\.\.|listen( to this article)?.{0,20}|play( video)?|watch|click to (expand|enlarge)|enlarge this image|toggle caption|hide caption|show caption|close|back to top|top|newsletters?|get (?:our|the) .{0,40}newsletter.{0,40}|want more stories like this\??|get the latest .{0,60}inbox.{0,20}|читать также|читайте также|поделиться|اشتراک‌گذاری|همرسانی|分享)[\s.:!]*$/i;

/**
 * Sentences of the site speaking to the reader about itself, rather than the story: follow us,
 * sign up for the newsletter, send us a tip, share it with a friend. Why: such lines close many
 * articles as plain paragraphs without any class to mark them, and one of them in a short block
 * is never reporting. Matched only on short blocks (see clean.ts).
 */
export const PROMO_SENTENCE = /\bfollow (?:us|\S+(?: \S+){0,3}) on (?:twitter|facebook|instagram|youtube|linkedin|tiktok)\b|\b(?:sign up|subscribe|register)\b.{0,80}\b(?:newsletter|inbox)|\b(?:delivered|straight|right) (?:to|in|into) your (?:inbox|letterbox|mailbox)|\bhave a (?:news )?tip\b|\bshare (?:it|this(?: story| article)?) with (?:a|your) friends?\b|\bthis slideshow requires javascript\b|\bclick here for more information\b|\btell us what you think\b|\bjoin (?:our|the) .{0,40}(?:forum|community|conversation)s?\b/i;
