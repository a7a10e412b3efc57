// Writes THIRD_PARTY_NOTICES: the licences of the code, fonts and data the extension bundles.
//   node scripts/notices.mjs [path to the corpus, default ../shared/corpus]
// Run it after adding a runtime dependency, a font or a data table.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = process.argv[2] ?? join(root, '..', 'shared', 'corpus');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Runtime dependencies the CLI needs but no browser bundle contains. */
const cliOnly = new Set(['jsdom']);

function licenceText(dir) {
  const file = readdirSync(dir).find((name) => /^licen[cs]e/i.test(name));
  if (!file) throw new Error(`No licence file in ${dir}`);
  return readFileSync(join(dir, file), 'utf8').trim();
}

const sections = [];
for (const name of Object.keys(pkg.dependencies ?? {}).sort()) {
  if (cliOnly.has(name)) continue;
  const dir = join(root, 'node_modules', name);
  const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  sections.push(`${name} ${meta.version} — ${meta.license}\n${meta.homepage ?? ''}\n\n${licenceText(dir)}`);
}

const fontsDir = join(root, 'src/pages/shared/fonts');
if (existsSync(fontsDir)) {
  for (const file of readdirSync(fontsDir).filter((name) => name.startsWith('LICENSE-')).sort()) {
    const font = file.replace(/^LICENSE-|\.txt$/g, '');
    sections.push(`Font: ${font} — SIL Open Font License 1.1 (bundled as woff2 in fonts/)\n\n${readFileSync(join(fontsDir, file), 'utf8').trim()}`);
  }
}

const citizenLab = join(corpus, 'blockpages', 'LICENSE-citizenlab.md');
if (!existsSync(citizenLab)) throw new Error(`The Citizen Lab licence was not found at ${citizenLab}`);
sections.push(
  'Citizen Lab filtering annotations (block-page signatures) — BSD-3-Clause\n' +
    'The block-page signature table src/core/blockpage/signatures.generated.ts is derived from\n' +
    "Citizen Lab's citizenlab-http-signatures data.\n\n" +
    readFileSync(citizenLab, 'utf8').trim(),
);

const header =
  'Third-party notices for Samizdat\n\n' +
  'Samizdat bundles the following third-party software, fonts and data. Each is used under the\n' +
  'licence reproduced below. This file is written by scripts/notices.mjs.\n';
writeFileSync(join(root, 'THIRD_PARTY_NOTICES'), `${header}\n${sections.map((s) => `${'='.repeat(78)}\n${s}\n`).join('\n')}`);
console.log(`THIRD_PARTY_NOTICES: ${sections.length} entries`);
