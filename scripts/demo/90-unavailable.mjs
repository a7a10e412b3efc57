// Pages that cannot be opened: a name that does not resolve goes to the unavailable page.
// The demo has no internet, so the published mirror list is served by the sample server in the
// same format (bypass-mirrors' mirrorSites.json) and the options point at it.
export async function run(demo) {
  const failedUrl = 'http://samizdat-demo-no-such-host.invalid/news/story.html';
  const listUrl = demo.url('mirror-list.test', '/mirrorSites.json');
  demo.server.route('mirror-list.test/mirrorSites.json', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({
      version: '2.0',
      sites: [{
        main_domain: 'samizdat-demo-no-such-host.invalid',
        available_alternatives: [
          { proto: 'https', type: 'mirror', url: 'https://story-mirror.example', created_at: '2026-10-01', updated_at: '2026-11-20' },
          { proto: 'tor', type: 'eotk', url: 'http://storymirrorexampleonionaddressxxxxxxxxxxxxxxxxxxxxxx.onion', created_at: '2026-10-01', updated_at: '2026-11-20' },
        ],
      }],
    }));
    return true;
  });
  const worker = demo.context.serviceWorkers()[0];
  await worker.evaluate(async (url) => {
    const { copySettings = {} } = await chrome.storage.local.get('copySettings');
    await chrome.storage.local.set({ copySettings: { ...copySettings, mirrorListUrls: [url] } });
  }, listUrl);

  const page = await demo.context.newPage();
  await page.goto(failedUrl).catch(() => undefined);
  await page.waitForURL(/unavailable\.html/, { timeout: 5000 }).catch(() => undefined);
  if (!page.url().includes('unavailable.html')) {
    await page.goto(`${demo.extensionBase}unavailable.html?url=${encodeURIComponent(failedUrl)}&reason=dns`);
  }
  await page.waitForFunction(() => /story-mirror\.example/.test(document.body.textContent ?? ''), null, { timeout: 5000 }).catch(() => undefined);
  await page.waitForTimeout(300);
  await demo.screenshot(page, '09-unavailable', { fullPage: true });
  await page.close();
}
