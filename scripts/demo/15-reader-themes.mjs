// The reader in each theme, and a right-to-left (Persian) article.
export async function run(demo) {
  const worker = demo.context.serviceWorkers()[0];
  const articleUrl = demo.url('daily-ledger.test', '/world/flood-defences.html');
  const page = await demo.context.newPage();
  for (const theme of ['light', 'sepia', 'dark']) {
    await worker.evaluate(async (t) => {
      const { readerSettings = {} } = await chrome.storage.local.get('readerSettings');
      await chrome.storage.local.set({ readerSettings: { ...readerSettings, theme: t } });
    }, theme);
    await page.goto(`${demo.extensionBase}reader.html?url=${encodeURIComponent(articleUrl)}`);
    await page.waitForSelector('article p');
    await page.waitForTimeout(300);
    await demo.screenshot(page, `04-reader-${theme}`);
  }
  await page.goto(`${demo.extensionBase}reader.html?url=${encodeURIComponent(demo.url('khabarnameh.test', '/farhang/ketabkhaneh.html'))}`);
  await page.waitForSelector('article p');
  await page.waitForTimeout(300);
  await demo.screenshot(page, '05-reader-rtl');
  await worker.evaluate(() => chrome.storage.local.remove('readerSettings'));
  await page.close();
}
