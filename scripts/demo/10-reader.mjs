// The reader flow: a news article is recognised, one click opens it in the reader view.
export async function run(demo) {
  const page = await demo.context.newPage();
  await page.goto(demo.url('daily-ledger.test', '/world/flood-defences.html'));
  await demo.screenshot(page, '01-article-page');
  await demo.hook(page, { hook: 'action-click' });
  await page.waitForURL(/reader\.html/);
  await page.waitForSelector('article');
  await page.waitForTimeout(300);
  await demo.screenshot(page, '02-reader', { fullPage: true });
  await page.close();
}
