/** Small text helpers shared by extraction and detection. Pure functions, no DOM. */

/** Collapse runs of whitespace (including NBSP) into single spaces and trim. */
export function normalizeSpace(s: string): string {
  return s.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

let segmenter: Intl.Segmenter | null | undefined;
const PUNCT_WRAPPED_WORD = /^[\p{P}]{0,3}[\p{L}\p{M}\p{Nd}]+[\p{P}]{0,3}$/u;
// Scripts segmented by dictionary or with per-character words: Han, kana, Hangul syllable
// runs are fine but kana/Han mix, Thai, Lao, Khmer, Myanmar, Tibetan need the segmenter.
const DICT_SCRIPT = /[\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af\u3000-\u303f]/;
/**
 * A character that can make a run other than exactly one word: anything but a letter, mark,
 * digit or space, or a letter of a script DICT_SCRIPT names (\u3000 left out: it is a space).
 */
const HAS_UNPLAIN = /[^\p{L}\p{M}\p{Nd}\s]|[\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af\u3001-\u303f]/u;
/** ASCII letters and digits: a run made only of them is exactly one word. */
const ASCII_ALNUM = new Uint8Array(128);
for (let c = 48; c < 123; c++) if (c <= 57 || (c >= 65 && c <= 90) || c >= 97) ASCII_ALNUM[c] = 1;

/**
 * The commonest runs the rule above leaves to the segmenter, counted as UAX #29 counts them:
 * Latin or Cyrillic letters joined by an apostrophe ("aren’t": one word, rules WB6 and WB7),
 * digits joined by a comma or period ("400,000", "3.5": one word, WB11 and WB12), and such
 * parts joined by hyphens, where every hyphen breaks ("far-flung": two words, WB999); with up to
 * three punctuation marks at either end as before. The segmenter costs about 10 µs a word.
 */
const JOINED_WORDS = /^\p{P}{0,3}((?:[A-Za-z\u0410-\u044f\u0401\u0451]+(?:['\u2019][A-Za-z\u0410-\u044f\u0401\u0451]+)*|[0-9]+(?:[.,][0-9]+)*)(?:-(?:[A-Za-z\u0410-\u044f\u0401\u0451]+(?:['\u2019][A-Za-z\u0410-\u044f\u0401\u0451]+)*|[0-9]+(?:[.,][0-9]+)*))*)\p{P}{0,3}$/u;
/**
 * A run of only these is no word at all (none of them is a letter, digit or word joiner of its
 * own: dashes, ellipses and ASCII punctuation and symbols other than the underscore).
 */
const NO_WORD = /^[!-/:-@[-^`{-~\u2010-\u2017\u201a-\u2023\u2025\u2026]+$/;

/**
 * Count words as Intl.Segmenter word-like segments, so CJK text (no spaces) counts by word
 * rather than by run. Falls back to whitespace splitting where Segmenter is missing.
 */
export function countWords(text: string): number {
  if (!text) return 0;
  if (segmenter === undefined) {
    try {
      segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl
        ? new Intl.Segmenter(undefined, { granularity: 'word' })
        : null;
    } catch {
      segmenter = null;
    }
  }
  if (!segmenter) return text.split(/\s+/).filter(Boolean).length;
  // Why the fast path: segmenting is slow (an object per segment). A whitespace-separated
  // run made only of letters, marks and digits of a spaced script is exactly one word-like
  // segment under UAX #29, so only other runs (punctuation, CJK, Thai…) go to the segmenter.
  // Punctuation at either end of a run ("word," "(word" «word») forms segments of its own that
  // are never word-like, so such runs take the fast path too.
  // Every whitespace-separated run counts one, except the runs holding a character that could
  // make them more or fewer than one word: those are tested as above and, when they fail,
  // counted by the segmenter. Why one pass over the characters with a test only for runs that are
  // not plain ASCII letters and digits: a regex scan for the unplain characters (exec per hit,
  // one per comma or period) cost more than the rest of the count together.
  let n = 0;
  const hard: string[] = [];
  const len = text.length;
  let i = 0;
  while (i < len) {
    while (i < len && isSpace(text.charCodeAt(i))) i++;
    if (i >= len) break;
    const start = i;
    let plain = true;
    for (; i < len; i++) {
      const c = text.charCodeAt(i);
      if (c < 128 && ASCII_ALNUM[c]) continue;
      if (isSpace(c)) break;
      plain = false;
    }
    n++;
    if (plain) continue;
    const tok = text.slice(start, i);
    if (!HAS_UNPLAIN.test(tok)) continue;
    if (PUNCT_WRAPPED_WORD.test(tok) && !DICT_SCRIPT.test(tok)) continue;
    if (NO_WORD.test(tok)) {
      n--;
      continue;
    }
    const joined = JOINED_WORDS.exec(tok);
    // Counted as one run above; each hyphen inside adds a word.
    if (joined) for (let h = joined[1]!.indexOf('-'); h >= 0; h = joined[1]!.indexOf('-', h + 1)) n++;
    else hard.push(tok);
  }
  if (!hard.length) return n;
  // One segmenter pass over the hard runs joined by line breaks: UAX #29 always breaks before and
  // after a line break (rules WB3a, WB3b, ahead of every other rule), so each run is segmented
  // exactly as on its own, without a segmenter call per run.
  n -= hard.length;
  for (const x of segmenter.segment(hard.join('\n'))) if (x.isWordLike) n++;
  return n;
}

/** Whitespace exactly as the regex class \s has it (the runs above are what split(/\s+/) gives). */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

// Letters of right-to-left scripts: Hebrew, Arabic (incl. Persian/Urdu), Syriac, Thaana, NKo.
const RTL_CHARS = /[\u0590-\u07ff\ufb1d-\ufdff\ufe70-\ufefc]+/g;
const LETTERS = /\p{L}+/gu;

/**
 * UTF-16 code units of `text` that `runs` (a global pattern of character runs) matches. Why not
 * match().length: that builds an array of thousands of one-character strings per call.
 */
export function countUnits(text: string, runs: RegExp): number {
  return text.length - text.replace(runs, '').length;
}

/**
 * Guess direction from the script of the text: if most letters in a sample are from an RTL
 * script, the text is RTL. Why: many mirror and CMS pages omit dir= on Persian/Arabic content.
 */
export function guessDir(text: string): 'ltr' | 'rtl' | null {
  const sample = text.length > 4000 ? text.slice(0, 4000) : text;
  const letters = countUnits(sample, LETTERS);
  if (letters < 20) return null;
  const rtl = countUnits(sample, RTL_CHARS);
  return rtl / letters > 0.5 ? 'rtl' : 'ltr';
}

/** Normalise a language tag as found in markup ("en_US " → "en-US"); null when unusable. */
export function normalizeLang(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = raw.trim().replace(/_/g, '-');
  return /^[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*$/.test(s) ? s : null;
}

/** Does this text contain ideographs or kana/hangul (where "words" are short in characters)? */
export function hasCjk(text: string): boolean {
  return /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/.test(text);
}
