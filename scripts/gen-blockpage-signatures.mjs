#!/usr/bin/env node
// Generates src/core/blockpage/signatures.generated.ts from Citizen Lab's
// filtering-annotations HTTP signature list (BSD-3-Clause).
//
//   node scripts/gen-blockpage-signatures.mjs [path/to/citizenlab-http-signatures.json]
//
// Default input: ../shared/corpus/blockpages/citizenlab-http-signatures.json (relative to the
// repository root). The output keeps only what matching needs: the normalised pattern, where it
// is looked for (body or header/URL), the kind, the signature name and the country.
//
// What the script does to the list (and why):
// - drops scopes `injb` (benign injections: "pay your bill" notices, router updates) and `fp`
//   (known false positives); drops `vbw` (vague blocking words): those are kept separately in the
//   matcher as weak evidence that never alone makes a verdict;
// - drops `susp_blankhtml_*`: "empty document" signatures; a parsed DOM re-serialises any empty
//   document the same way, so they cannot be told from an about:blank or a page still loading;
// - base64 patterns (OONI stores undecodable bodies as base64, so some signatures are base64 of
//   the body's first bytes): decoded, and the distinctive ASCII line named in BASE64_PICKS is
//   used (checked to occur in the decoded text); others are dropped;
// - normalises each pattern the way the matcher normalises a page (see normalise() below; the
//   matcher has the same function in src/core/blockpage/normalise.ts);
// - country: ISO alpha-2 from the signature name (`isp_ru_…`) when it has one, else the single
//   expected country; none for filtering products (`prod`), which are sold everywhere.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const input = resolve(process.argv[2] ?? resolve(root, '../shared/corpus/blockpages/citizenlab-http-signatures.json'));
const output = resolve(root, 'src/core/blockpage/signatures.generated.ts');

/** Distinctive ASCII pieces of base64-encoded body signatures (verified against the decoded text). */
const BASE64_PICKS = {
  isp_ru_alliancetelecom_block: 'saved from url=(0015)http://zerx.ru/',
  isp_ru_westcall_block: '<HTML style="font-family: Geneva, Helvetica, sans-serif;">',
};

const KIND = { nat: 'n', isp: 'i', prod: 'p', inst: 's', prov: 'l' };

const ENTITIES = {
  nbsp: ' ', quot: '"', amp: '&', lt: '<', gt: '>', apos: "'", laquo: '«', raquo: '»',
  bull: '•', mdash: '—', ndash: '–', hellip: '…', copy: '©', reg: '®', shy: '',
};

/** Must stay identical in behaviour to normalise() in src/core/blockpage/normalise.ts. */
function normalise(s) {
  return normaliseText(decodeEntities(s).replace(/\s*\/>/g, '>')).replace(/ ?([<>]) ?/g, '$1');
}

function normaliseText(s) {
  return s.toLowerCase().replace(/["']/g, '').replace(/[\s\u200b-\u200d]+/g, ' ');
}

function decodeEntities(s) {
  return s
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e) => {
      if (e[0] === '#') {
        const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return cp > 0 && cp < 0x110000 ? String.fromCodePoint(cp) : m;
      }
      const v = ENTITIES[e.toLowerCase()];
      return v === undefined ? m : v;
    });
}

function decodeBase64Pick(name, pattern) {
  const pick = BASE64_PICKS[name];
  if (!pick) return null;
  for (let off = 0; off < 4; off++) {
    const q = pattern.slice(off, off + Math.floor((pattern.length - off) / 4) * 4);
    const text = Buffer.from(q, 'base64').toString('latin1');
    if (text.includes(pick)) return pick;
  }
  throw new Error(`base64 pick for ${name} not found in its decoded pattern`);
}

function countryOf(sig) {
  if (sig.scope === 'prod') return '';
  const m = /^(?:nat|isp|inst|prov)_([a-z]{2})_/.exec(sig.name);
  if (m) return m[1].toUpperCase();
  const cs = (sig.expected_countries ?? []).filter((c) => typeof c === 'string' && /^[A-Za-z]{2}$/.test(c));
  return cs.length === 1 ? cs[0].toUpperCase() : '';
}

const list = JSON.parse(readFileSync(input, 'utf8'));
if (!Array.isArray(list)) throw new Error('expected a JSON array of signatures');

const rows = [];
const dropped = {};
const drop = (why) => { dropped[why] = (dropped[why] ?? 0) + 1; };
for (const sig of list) {
  const kind = KIND[sig.scope];
  if (!kind) { drop(`scope ${sig.scope}`); continue; }
  if (/^susp_/.test(sig.name)) { drop('empty-document signature'); continue; }
  let pattern = String(sig.pattern ?? '');
  if (/^[A-Za-z0-9+/=]{60,}$/.test(pattern)) {
    const pick = decodeBase64Pick(sig.name, pattern);
    if (!pick) { drop('base64 without a distinctive piece'); continue; }
    pattern = pick;
  }
  const where = sig.location_found === 'header' ? 'h' : 'b';
  if (where === 'h') {
    // Header signatures are mostly URL pieces seen in Location; a few name the header.
    // Match them on "name: value" lines and URLs without the scheme.
    pattern = pattern.replace(/^(location:\s*)?https?:\/\//i, (_m, loc) => (loc ? 'location: ' : ''));
  }
  const norm = normalise(pattern);
  if (norm.trim().length < 5) { drop('too short'); continue; }
  rows.push([norm, where, kind, sig.name, countryOf(sig)]);
  // A few header signatures are sentences (a custom header repeating the page's notice):
  // the same sentence in the page body is as telling.
  if (where === 'h' && / /.test(norm) && norm.length >= 30 && !/^[a-z-]+: /.test(norm)) {
    rows.push([norm, 'b', kind, sig.name, countryOf(sig)]);
  }
}

// De-duplicate identical (pattern, where) pairs, keeping the first name.
const seen = new Set();
const unique = rows.filter((r) => {
  const k = r[1] + '\u0000' + r[0];
  if (seen.has(k)) return false;
  seen.add(k);
  return true;
});

const licence = readLicence();
const header = `// GENERATED by scripts/gen-blockpage-signatures.mjs from Citizen Lab's filtering-annotations
// HTTP signatures (https://github.com/citizenlab/filtering-annotations). Do not edit by hand.
//
${licence.map((l) => (l ? `// ${l}` : '//')).join('\n')}
//
// Row: [normalised pattern, where ('b' body | 'h' header/URL), kind ('n' national, 'i' isp,
//       'p' product, 's' institution, 'l' provider geoblock under a legal order), name, country]
`;
const body = `export type SignatureRow = readonly [pattern: string, where: 'b' | 'h', kind: 'n' | 'i' | 'p' | 's' | 'l', name: string, country: string];

export const SIGNATURES: readonly SignatureRow[] = [
${unique.map((r) => `  ${JSON.stringify(r)},`).join('\n')}
];
`;
writeFileSync(output, header + '\n' + body);
console.log(`wrote ${unique.length} signatures to ${output}`);
console.log('dropped:', dropped, `duplicates: ${rows.length - unique.length}`);

function readLicence() {
  try {
    const text = readFileSync(resolve(dirname(input), 'LICENSE-citizenlab.md'), 'utf8');
    return text.trim().split(/\n/).map((l) => l.trimEnd());
  } catch {
    return [
      'Copyright (c) 2020, Citizen Lab',
      'All rights reserved.',
      'Licensed under the BSD 3-Clause License; see THIRD_PARTY_NOTICES.',
    ];
  }
}
