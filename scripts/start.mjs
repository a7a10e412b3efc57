// `npm start`: builds the extension if needed, serves the bundled sample news site (sample-site/)
// on localhost under realistic host names, runs the extension in Chromium on it, drives the main
// flows and writes screenshots to demo-output/. With a display it opens a window and stays open
// for you to try; without one it runs headless and exits.
//
// The flows live in scripts/demo/*.mjs, one file per feature, each exporting `run(demo)`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findBrowser } from './browsers.mjs';
import { launchChromiumWithExtension } from './chromium.mjs';
import { startSiteServer } from './site-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'demo-output');

function newestMtime(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Rebuilds when a source is newer than the build (the demo drives the test build's hooks). */
function buildIfNeeded() {
  const built = join(root, 'dist-test/chrome/manifest.json');
  const release = join(root, 'dist/chrome/manifest.json');
  const sources = Math.max(...['src', '_locales', 'icons', 'manifest.json', 'build.mjs'].map((p) => newestMtime(join(root, p))));
  if (!existsSync(release) || statSync(release).mtimeMs < sources) execFileSync('node', ['build.mjs'], { cwd: root, stdio: 'inherit' });
  if (!existsSync(built) || statSync(built).mtimeMs < sources) execFileSync('node', ['build.mjs', '--test'], { cwd: root, stdio: 'inherit' });
}

/** Sends a hook request through the test bridge of a web page (see src/test-hooks/bridge.ts). */
async function hook(page, request) {
  const reply = await page.evaluate(
    (req) =>
      new Promise((resolve) => {
        const id = Math.random().toString(36).slice(2);
        window.addEventListener('message', function onMessage(event) {
          if (event.data?.samizdatTestReply !== id) return;
          window.removeEventListener('message', onMessage);
          resolve(event.data);
        });
        window.postMessage({ samizdatTest: id, request: req }, '*');
      }),
    request,
  ).catch((error) => {
    // Hooks that open the reader navigate the page away before the answer can come back.
    if (/destroyed|navigat/i.test(String(error))) return { result: 'navigated' };
    throw error;
  });
  if (reply.error) throw new Error(reply.error);
  return reply.result;
}

async function main() {
  buildIfNeeded();
  const executablePath = findBrowser('chromium');
  const server = await startSiteServer({ root: join(root, 'sample-site'), port: Number(process.env.PORT ?? 0) });
  const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  const profileDir = mkdtempSync(join(tmpdir(), 'samizdat-demo-'));
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const { context, extensionBase } = await launchChromiumWithExtension({
    extensionDir: join(root, 'dist-test/chrome'),
    profileDir,
    executablePath,
    headless,
  });
  console.log(`Sample site: ${server.url('daily-ledger.test', '/')} (Chromium maps *.test to this machine)`);

  const shots = [];
  const demo = {
    context,
    server,
    extensionBase,
    url: (host, path = '/') => server.url(host, path),
    hook,
    async screenshot(page, name, options = {}) {
      const path = join(outDir, `${name}.png`);
      await page.screenshot({ path, ...options });
      shots.push(path);
      console.log(`  screenshot ${name}.png`);
    },
  };

  const flows = readdirSync(join(root, 'scripts/demo')).filter((name) => name.endsWith('.mjs')).sort();
  let failed = 0;
  for (const flow of flows) {
    console.log(`Flow ${flow}`);
    try {
      const { run } = await import(pathToFileURL(join(root, 'scripts/demo', flow)).href);
      await run(demo);
    } catch (error) {
      failed++;
      console.error(`  flow ${flow} failed: ${error instanceof Error ? error.stack : error}`);
    }
  }
  console.log(`${shots.length} screenshots in demo-output/${failed ? `; ${failed} flow(s) failed` : ''}`);

  if (!headless) {
    console.log('The browser stays open: try the extension on the sample site. Press Ctrl+C to quit.');
    await new Promise((resolve) => process.once('SIGINT', resolve));
  }
  await context.close();
  await server.close();
  rmSync(profileDir, { recursive: true, force: true });
  process.exitCode = failed ? 1 : 0;
}

await main();
