/**
 * Terms of a text, one normalisation for documents and queries alike —
 *   case folded; diacritics removed (NFKD, drop combining marks, NFC again so Hangul recomposes);
 *   Arabic/Persian: ي ى → ی, ك → ک, ة kept, tatweel and ZWNJ/ZWJ removed, Arabic-Indic and
 *   Persian digits → ASCII (so می‌خواهم, میخواهم and مي‌خواهم are one word);
 *   Han, Hiragana and Katakana runs (no spaces between words) are indexed as overlapping
 *   bigrams, so any two-or-more-character substring is searchable; Cyrillic and every other
 *   script are split on letters/numbers like Latin (ё folds to е through the diacritics rule).
 */
export interface SearchDoc {
  url: string;
  title: string;
  siteName: string;
  text: string;
  tags: string[];
}

export const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3005\u30fc]+/u;
export const TOKEN = /[\p{L}\p{N}\p{M}\u200c\u200d\u0640]+/gu;

export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{Mn}/gu, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u064a\u0649]/g, '\u06cc')
    .replace(/\u0643/g, '\u06a9')
    .replace(/[\u200c\u200d\u0640]/g, '')
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
}

function splitCjk(word: string, out: string[]): void {
  // A word may mix scripts (e.g. "東京2026"): CJK runs become bigrams, the rest stays whole.
  let rest = word;
  while (rest) {
    const m = CJK_RUN.exec(rest);
    if (!m) {
      out.push(rest);
      return;
    }
    if (m.index > 0) out.push(rest.slice(0, m.index));
    const run = [...m[0]];
    if (run.length === 1) out.push(run[0]!);
    for (let i = 0; i + 1 < run.length; i++) out.push(run[i]! + run[i + 1]!);
    rest = rest.slice(m.index + m[0].length);
  }
}

/** Terms of a text, already normalised. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const m of normalizeText(text).matchAll(TOKEN)) splitCjk(m[0], out);
  return out;
}

/**
 * For indexing: each term at most 3 times per field. BM25 saturates term frequency, so ranking
 * barely changes, and a 1,500-word article is indexed in a fraction of the time.
 */
export function tokenizeForIndex(text: string): string[] {
  const counts = new Map<string, number>();
  const out: string[] = [];
  for (const term of tokenize(text)) {
    const n = (counts.get(term) ?? 0) + 1;
    counts.set(term, n);
    if (n <= 3) out.push(term);
  }
  return out;
}
