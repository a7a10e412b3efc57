// Save an article offline, then open the library and the saved copy with the site down.
export async function run(demo) {
  const articleUrl = demo.url('daily-ledger.test', '/world/flood-defences.html');
  const page = await demo.context.newPage();
  await page.goto(`${demo.extensionBase}reader.html?url=${encodeURIComponent(articleUrl)}`);
  await page.waitForSelector('article p');
  await page.getByRole('button', { name: /Save/ }).click();
  await page.waitForTimeout(1500);
  await demo.context.setOffline(true);
  await page.goto(`${demo.extensionBase}library.html`);
  await page.waitForSelector(`a[href*="reader.html"]`);
  await page.waitForTimeout(300);
  await demo.screenshot(page, '06-library');
  await page.click(`a[href*="reader.html"]`);
  await page.waitForSelector('article p');
  await page.waitForTimeout(500);
  await demo.screenshot(page, '07-saved-copy-offline');
  await demo.context.setOffline(false);
  await page.close();
}
