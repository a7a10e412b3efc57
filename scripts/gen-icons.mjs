// Renders the toolbar and store icons from the SVG mark in icons/ (run after editing the SVG):
//   node scripts/gen-icons.mjs
// The mark is a typed page (the samizdat carbon copy) on a crimson tile; the states add a badge:
// a teal book for "article here", an amber "!" for "page unavailable".
import { Resvg } from '@resvg/resvg-js';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const iconsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'icons');
const base = readFileSync(join(iconsDir, 'samizdat.svg'), 'utf8');

const badges = {
  article: '<circle cx="98" cy="98" r="30" fill="#2a9d8f" stroke="#fff" stroke-width="6"/>' +
    '<path d="M80 90 q9 -5 18 0 q9 -5 18 0 v22 q-9 -5 -18 0 q-9 -5 -18 0z" fill="#fff"/>' +
    '<path d="M98 90 v22" stroke="#2a9d8f" stroke-width="3"/>',
  unavailable: '<circle cx="98" cy="98" r="30" fill="#e9a100" stroke="#fff" stroke-width="6"/>' +
    '<rect x="92" y="78" width="12" height="26" rx="5" fill="#fff"/><circle cx="98" cy="114" r="6.5" fill="#fff"/>',
};

function withBadge(svg, badge) {
  return svg.replace('</svg>', `${badge}</svg>`);
}

const variants = { '': base, '-article': withBadge(base, badges.article), '-unavailable': withBadge(base, badges.unavailable) };
for (const [suffix, svg] of Object.entries(variants)) {
  if (suffix) writeFileSync(join(iconsDir, `samizdat${suffix}.svg`), svg);
  for (const size of [16, 32, 48, 128]) {
    const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
    writeFileSync(join(iconsDir, `icon${suffix}-${size}.png`), png);
  }
}
console.log('icons written');
