// Paint holding in Playwright's Chromium. A user's Chrome keeps the old page's last frame on
// screen through a navigation until the new page paints (the PaintHolding feature); Playwright
// launches Chromium with `--disable-features=…,PaintHolding,…` (playwright#28023), so a tab there
// shows the new document as soon as it commits, blank until its first paint. These helpers
// give the launch Playwright's own flags with PaintHolding alone taken out of that list, and
// check on the running browser's command line that it was.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The features Playwright's default `--disable-features` switch names, read from the installed
 * playwright-core (it does not export the list). Throws when the list cannot be found, so a
 * Playwright upgrade cannot silently turn the option into a no-op.
 */
export function playwrightDisabledFeatures() {
  const require = createRequire(import.meta.url);
  const lib = join(dirname(require.resolve('playwright-core/package.json')), 'lib');
  for (const file of ['coreBundle.js', 'server/chromium/chromiumSwitches.js']) {
    let source;
    try {
      source = readFileSync(join(lib, file), 'utf8');
    } catch {
      continue;
    }
    const match = source.match(/disabledFeatures = \[([\s\S]*?)\]\.filter\(Boolean\)/);
    if (!match) continue;
    const names = [...match[1].replace(/\/\/.*$/gm, '').matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    if (names.includes('PaintHolding')) return names;
  }
  throw new Error('paint-holding.mjs: Playwright\'s default --disable-features list was not found in playwright-core');
}

/** Launch options that keep every Playwright flag but turn paint holding back on. */
export function paintHoldingLaunchOptions() {
  const features = playwrightDisabledFeatures();
  return {
    ignoreDefaultArgs: [`--disable-features=${features.join(',')}`],
    args: [`--disable-features=${features.filter((name) => name !== 'PaintHolding').join(',')}`],
  };
}

/**
 * The command line of the browser process using this profile (Linux /proc; the renderers and
 * helpers carry `--type=`), or null where it cannot be read.
 */
export function browserCommandLine(profileDir) {
  let pids;
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  for (const pid of pids) {
    let argv;
    try {
      argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    } catch {
      continue;
    }
    if (argv.some((a) => a === `--user-data-dir=${profileDir}`) && !argv.some((a) => a.startsWith('--type='))) return argv;
  }
  return null;
}

/** 'on' or 'off' as the browser process was launched (its --disable-features switches), or null if unknown. */
export function paintHoldingState(profileDir) {
  const argv = browserCommandLine(profileDir);
  if (!argv) return null;
  const disabled = argv.filter((a) => a.startsWith('--disable-features=')).flatMap((a) => a.slice('--disable-features='.length).split(','));
  return disabled.includes('PaintHolding') ? 'off' : 'on';
}
