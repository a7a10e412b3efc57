// The popup on a page that is not an article.
export async function run(demo) {
  const page = await demo.context.newPage();
  await page.goto(demo.url('daily-ledger.test', '/about/'));
  const tabId = await demo.context.serviceWorkers()[0].evaluate(async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)?.id, page.url());
  const popup = await demo.context.newPage();
  await popup.setViewportSize({ width: 360, height: 260 });
  await popup.goto(`${demo.extensionBase}popup.html?tabId=${tabId}`);
  await popup.waitForTimeout(300);
  await demo.screenshot(popup, '03-popup');
  await popup.close();
  await page.close();
}
