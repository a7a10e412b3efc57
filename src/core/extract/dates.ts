/**
 * Publication dates: pages give them as ISO 8601 (with or without zone), RFC 2822, Unix
 * seconds, or loose local formats. The contract is ISO 8601 with an offset or Z.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?)?$/i;

function pad(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** Normalise a date string to ISO 8601 with offset or Z; null when it is not a plausible date. */
export function normalizeDate(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = raw.trim();
  if (!s || s.length > 80) return null;
  const m = ISO.exec(s);
  if (m) {
    const [, y, mo, d, h = '00', mi = '00', sec = '00', frac = '', zone] = m;
    if (+mo! < 1 || +mo! > 12 || +d! < 1 || +d! > 31 || +h > 24 || +mi > 59 || +sec > 60) return null;
    // Why keep the page's offset: it is the time as the newsroom published it; only a
    // missing zone is taken as UTC (we cannot know the server's zone).
    let z = 'Z';
    if (zone && zone.toUpperCase() !== 'Z') {
      const digits = zone.replace(':', '');
      z = digits.length === 3 ? `${digits}:00` : `${digits.slice(0, 3)}:${digits.slice(3)}`;
      if (z === '+00:00' || z === '-00:00') z = 'Z';
    }
    return `${y}-${mo}-${d}T${h}:${mi}:${sec}${frac.slice(0, 4)}${z}`;
  }
  if (/^\d{10}(?:\d{3})?$/.test(s)) {
    // Unix time in seconds or milliseconds.
    const ms = s.length === 13 ? +s : +s * 1000;
    return iso(new Date(ms));
  }
  // Only try the engine's parser on strings that look like dates (a year and a month name or
  // numeric date), to avoid turning "3 comments" into a date.
  if (!/\b(1[89]|20)\d\d\b/.test(s)) return null;
  const t = Date.parse(s.replace(/\s+(?:at|um|à)\s+/i, ' ').replace(/(\d)(st|nd|rd|th)\b/, '$1'));
  if (Number.isNaN(t)) return null;
  return iso(new Date(t));
}

function iso(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  const y = d.getUTCFullYear();
  if (y < 1900 || y > 2200) return null;
  return `${y}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}Z`;
}
