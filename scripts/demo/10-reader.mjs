// The reader flow: a news article is recognised, one click opens it in the reader view.
export async function run(demo) {
  const page = await demo.context.newPage();
  await page.goto(demo.url('daily-ledger.test', '/world/flood-defences.html'));
  await demo.screenshot(page, '01-article-page');
  await demo.hook(page, { hook: 'action-click' });
  await page.waitForURL(/reader\.html/);
  await page.waitForSelector('article');
  // The reader's images load lazily: scroll through once, as a reader would, so the full-page
  // shot shows them rather than their reserved space.
  await page.evaluate(async () => {
    window.scrollTo(0, document.body.scrollHeight);
    await Promise.all(Array.from(document.images, (img) => img.decode().catch(() => undefined)));
    window.scrollTo(0, 0);
  });
  await page.waitForTimeout(300);
  await demo.screenshot(page, '02-reader', { fullPage: true });
  await page.close();
}
