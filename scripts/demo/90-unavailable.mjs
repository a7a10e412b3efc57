// Pages that cannot be opened: a name that does not resolve goes to the unavailable page.
export async function run(demo) {
  const page = await demo.context.newPage();
  await page.goto('http://samizdat-demo-no-such-host.invalid/news/story.html').catch(() => undefined);
  await page.waitForURL(/unavailable\.html/, { timeout: 5000 }).catch(() => undefined);
  if (!page.url().includes('unavailable.html')) {
    await page.goto(`${demo.extensionBase}unavailable.html?url=${encodeURIComponent('http://samizdat-demo-no-such-host.invalid/news/story.html')}&reason=dns`);
  }
  await page.waitForTimeout(300);
  await demo.screenshot(page, '09-unavailable', { fullPage: true });
  await page.close();
}
