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
  let n = 0;
  const seg = segmenter;
  for (const tok of text.split(/\s+/)) {
    if (!tok) continue;
    if (PUNCT_WRAPPED_WORD.test(tok) && !DICT_SCRIPT.test(tok)) {
      n++;
      continue;
    }
    for (const s of seg.segment(tok)) if (s.isWordLike) n++;
  }
  return n;
}

// Letters of right-to-left scripts: Hebrew, Arabic (incl. Persian/Urdu), Syriac, Thaana, NKo.
const RTL_CHARS = /[\u0590-\u07ff\ufb1d-\ufdff\ufe70-\ufefc]/g;
const LETTERS = /\p{L}/gu;

/**
 * Guess direction from the script of the text: if most letters in a sample are from an RTL
 * script, the text is RTL. Why: many mirror and CMS pages omit dir= on Persian/Arabic content.
 */
export function guessDir(text: string): 'ltr' | 'rtl' | null {
  const sample = text.length > 4000 ? text.slice(0, 4000) : text;
  const letters = sample.match(LETTERS)?.length ?? 0;
  if (letters < 20) return null;
  const rtl = sample.match(RTL_CHARS)?.length ?? 0;
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
