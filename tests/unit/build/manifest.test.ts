/**
 * The manifest facts PRODUCT.md fixes, checked on what the release build writes for each
 * browser: host access at install, the exact extension-page CSP, no web-accessible pages,
 * and the background each browser needs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
type Manifest = Record<string, unknown> & {
  permissions: string[];
  host_permissions: string[];
  content_security_policy: { extension_pages: string };
  background: { service_worker?: string; scripts?: string[] };
  browser_specific_settings?: { gecko: { id: string; strict_min_version: string } };
};
const read = (browser: string): Manifest => JSON.parse(readFileSync(join(root, 'dist', browser, 'manifest.json'), 'utf8'));

describe('built manifests', () => {

  for (const browser of ['chrome', 'firefox']) {
    describe(browser, () => {
      it('is MV3 with host access to every http and https site', () => {
        const manifest = read(browser);
        expect(manifest.manifest_version).toBe(3);
        expect(manifest.host_permissions).toEqual(['http://*/*', 'https://*/*']);
      });

      it('has exactly the extension-page CSP of PRODUCT.md (no upgrade-insecure-requests)', () => {
        expect(read(browser).content_security_policy.extension_pages).toBe("script-src 'self'; object-src 'none'; base-uri 'none'");
      });

      it('runs the always-on detector at document_idle on every web page, and offers Alt+Shift+R for the reader', () => {
        const manifest = read(browser) as unknown as { content_scripts: object[]; commands: { [name: string]: { suggested_key: { default: string } } } };
        expect(manifest.content_scripts[0]).toMatchObject({ matches: ['http://*/*', 'https://*/*'], js: ['content.js'], run_at: 'document_idle' });
        expect(manifest.commands['open-reader']?.suggested_key.default).toBe('Alt+Shift+R');
      });

      it('exposes no page to the web', () => {
        expect(read(browser)).not.toHaveProperty('web_accessible_resources');
      });

      it('holds the offline library without a storage limit (issue 5: `unlimitedStorage`)', () => {
        expect(read(browser).permissions).toContain('unlimitedStorage');
      });

      it('asks only for permissions the README justifies', () => {
        const readme = readFileSync(join(root, 'README.md'), 'utf8');
        for (const permission of read(browser).permissions) expect(readme, permission).toContain(`\`${permission}\``);
      });

      it('ships every file the manifest names', () => {
        const manifest = read(browser);
        const files = [
          ...(manifest.background.scripts ?? [manifest.background.service_worker!]),
          ...Object.values(manifest.icons as Record<string, string>),
          ...(manifest.content_scripts as { js: string[] }[]).flatMap((script) => script.js),
          (manifest.options_ui as { page: string }).page,
          (manifest.action as { default_popup: string }).default_popup,
        ];
        for (const file of files) expect(existsSync(join(root, 'dist', browser, file)), file).toBe(true);
      });
    });
  }

  it('chrome runs the background as a service worker', () => {
    expect(read('chrome').background).toEqual({ service_worker: 'background.js' });
  });

  it('only chrome asks for offscreen, and has the wake clock document it opens', () => {
    expect(read('chrome').permissions).toContain('offscreen');
    expect(existsSync(join(root, 'dist/chrome/wake-clock.html'))).toBe(true);
    expect(existsSync(join(root, 'dist/chrome/wake-clock.js'))).toBe(true);
    expect(read('firefox').permissions).not.toContain('offscreen');
    expect(existsSync(join(root, 'dist/firefox/wake-clock.html'))).toBe(false);
  });

  it('firefox runs background scripts, with a gecko id and ESR 128 as the oldest version', () => {
    const manifest = read('firefox');
    expect(manifest.background).toEqual({ scripts: ['background.js'] });
    expect(manifest.browser_specific_settings?.gecko.id).toMatch(/@/);
    expect(manifest.browser_specific_settings?.gecko.strict_min_version).toBe('128.0');
  });

  it('writes a zip of each build', () => {
    for (const browser of ['chrome', 'firefox']) expect(existsSync(join(root, 'dist', `samizdat-${browser}.zip`))).toBe(true);
  });
});
