/**
 * Release builds must carry no test hook: the hooks let a web page drive the extension.
 * The test build is checked too, so that this test can tell the two apart at all.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
// Also the bench probes: the content script's own timing and the trigger time of a click.
const hookMarkers = ['test-hook', 'samizdatTest', 'test-bridge', 'samizdat:content-script', 'samizdatTriggerAt'];

function bundleText(dir: string): string {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.js') || name === 'manifest.json')
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n');
}

describe('release bundles', () => {

  for (const browser of ['chrome', 'firefox']) {
    it(`${browser}: the release build contains no test hook`, () => {
      const text = bundleText(join(root, 'dist', browser));
      for (const marker of hookMarkers) expect(text, marker).not.toContain(marker);
    });

    it(`${browser}: the always-on content script is at most 8 KB minified, without the block-page matcher`, () => {
      const script = readFileSync(join(root, 'dist', browser, 'content.js'), 'utf8');
      expect(Buffer.byteLength(script)).toBeLessThanOrEqual(8 * 1024);
      // The matcher is injected on demand (detect-full.js); a Citizen Lab signature name marks it.
      expect(existsSync(join(root, 'dist', browser, 'detect-full.js'))).toBe(true);
      expect(readFileSync(join(root, 'dist', browser, 'detect-full.js'), 'utf8')).toMatch(/rostelcom/i);
      expect(script).not.toMatch(/rostelcom/i);
    });

    it(`${browser}: the test build does contain the hooks`, () => {
      const text = bundleText(join(root, 'dist-test', browser));
      for (const marker of hookMarkers) expect(text, marker).toContain(marker);
    });
  }
});
