// Launches Chromium with an unpacked extension loaded (used by the E2E harness and `npm start`).
// The flags keep Chromium off the network (this machine has none) and map *.test to localhost.
import { chromium } from 'playwright-core';
import { paintHoldingLaunchOptions } from './paint-holding.mjs';

/**
 * @param {{ extensionDir: string, profileDir: string, executablePath: string, headless?: boolean, extraArgs?: string[], paintHolding?: boolean }} options
 *   paintHolding: keep Playwright's flags but not its disabling of PaintHolding, as a user's
 *   Chrome runs (paint-holding.mjs); the click benchmarks use it.
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, extensionBase: string }>}
 */
export async function launchChromiumWithExtension({ extensionDir, profileDir, executablePath, headless = true, extraArgs = [], paintHolding = false }) {
  const holding = paintHolding ? paintHoldingLaunchOptions() : { args: [] };
  const context = await chromium.launchPersistentContext(profileDir, {
    headless,
    executablePath,
    viewport: { width: 1280, height: 860 },
    ...(holding.ignoreDefaultArgs ? { ignoreDefaultArgs: holding.ignoreDefaultArgs } : {}),
    args: [
      ...holding.args,
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic',
      `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`,
      '--host-resolver-rules=MAP *.test 127.0.0.1',
      ...extraArgs,
    ],
  });
  // Chromium starts the extension's worker as it starts; on a 2-core machine at a load of 20 or
  // more that took over 15 s once (an E2E beforeAll failed there), so the wait is a minute.
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 60000 }));
  return { context, extensionBase: new URL('/', worker.url()).href };
}
