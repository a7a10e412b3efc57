// Unavailable pages (issue 6): the in-page notice on a page that redirects to a block page, and
// the unavailable page for a connection reset, with the copies offered best first.
export async function run(demo) {
  const worker = demo.context.serviceWorkers()[0];
  // A mirror the user added in the options, so the offer shows one (the public list needs the internet).
  await worker.evaluate(async () => {
    const { copySettings = {} } = await chrome.storage.local.get('copySettings');
    await chrome.storage.local.set({ copySettings: { ...copySettings, customMirrors: [{ mainDomain: 'daily-ledger.test', url: 'https://ledger-mirror.example' }] } });
  });
  const port = demo.server.port;
  demo.server.route('daily-ledger.test/world/election-report.html', (_req, res) => {
    res.writeHead(302, { location: `http://blocked-news.test:${port}/` });
    res.end();
    return true;
  });
  demo.server.route('daily-ledger.test/world/protest-report.html', (req) => {
    req.socket.resetAndDestroy();
    return true;
  });

  const page = await demo.context.newPage();
  await page.setViewportSize({ width: 1100, height: 700 });
  await page.goto(demo.url('daily-ledger.test', '/world/election-report.html'));
  await page.waitForFunction(() => !!document.querySelector('[data-samizdat-notice]')?.shadowRoot?.querySelector('.archives a'), null, { timeout: 8000 });
  await page.waitForTimeout(800);
  await demo.screenshot(page, '10-notice-block-page');

  await page.goto(demo.url('daily-ledger.test', '/world/protest-report.html')).catch(() => undefined);
  await page.waitForURL(/unavailable\.html/, { timeout: 5000 });
  await page.waitForSelector('.archives a');
  await page.waitForTimeout(1500);
  await demo.screenshot(page, '11-unavailable-reset', { fullPage: true });
  await page.close();
}
