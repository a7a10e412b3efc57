/**
 * navigation-errors.ts against the event orders the browsers really produce (recorded from
 * Firefox ESR and Chromium), on a fake browser: which page the tab is sent to, and when not.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

type Listener = (details: Record<string, unknown>) => unknown;
const event = () => {
  const listeners: Listener[] = [];
  return { listeners, addListener: (fn: Listener) => void listeners.push(fn), fire: (d: Record<string, unknown>) => listeners.forEach((fn) => fn(d)) };
};
const session = new Map<string, unknown>();
const tabsNow = new Map<number, { url: string; status: string }>();
const fake = {
  webNavigation: { onBeforeNavigate: event(), onCommitted: event(), onDOMContentLoaded: event(), onErrorOccurred: event(), onCompleted: event(), onHistoryStateUpdated: event() },
  webRequest: { onBeforeRequest: event(), onBeforeRedirect: event(), onHeadersReceived: event(), onErrorOccurred: event() },
  tabs: {
    onRemoved: event(),
    onUpdated: event(),
    update: vi.fn(async () => ({})),
    goBack: vi.fn(async () => undefined),
    get: vi.fn(async (id: number) => ({ id, ...(tabsNow.get(id) ?? { url: '', status: 'loading' }) })),
  },
  alarms: { create: vi.fn(), clear: vi.fn(async () => true), onAlarm: event() },
  // Extensions cannot script the browser's error pages: by default the injection is refused.
  scripting: { executeScript: vi.fn(async (_: unknown): Promise<{ result: unknown }[]> => Promise.reject(new Error('Missing host permission for the tab'))) },
  storage: {
    session: {
      get: async (key: string | null) => (key === null ? Object.fromEntries(session) : session.has(key) ? { [key]: session.get(key) } : {}),
      set: async (items: Record<string, unknown>) => void Object.entries(items).forEach(([k, v]) => session.set(k, v)),
      remove: async (key: string) => void session.delete(key),
    },
    local: { get: async () => ({}) },
  },
  runtime: { getURL: (path: string) => `moz-extension://ext/${path}` },
  action: { setIcon: async () => undefined, setPopup: async () => undefined, setTitle: async () => undefined },
  i18n: { getMessage: () => '' },
};
vi.mock('webextension-polyfill', () => ({ default: fake }));
(globalThis as Record<string, unknown>).__BROWSER__ = 'firefox';
(globalThis as Record<string, unknown>).__TEST__ = false;

const { mainFrameRecord, startMainFrameTracking } = await import('../../../src/background/main-frame.js');
const { startNavigationErrors } = await import('../../../src/background/navigation-errors.js');
const { dispatch } = await import('../../../src/background/router.js');

const wn = fake.webNavigation;
const wr = fake.webRequest;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sentTo = (tabId: number) =>
  fake.tabs.update.mock.calls.filter((c) => (c as unknown[])[0] === tabId).map((c) => new URL(((c as unknown[])[1] as { url: string }).url).searchParams);

describe('navigation failures', () => {
  beforeAll(() => {
    startMainFrameTracking();
    startNavigationErrors();
  });

  const asked = 'http://news.example/story?i=1';
  const blockHost = 'http://blocked.example:1/index2.php?ucat=7';

  function firefoxRedirectBeforeWebRequest(tabId: number, requestId: string) {
    // Firefox: webNavigation starts a navigation for the redirect target, aborts the first one,
    // and reports the target's failure, all before webRequest reports the redirect.
    wn.onBeforeNavigate.fire({ tabId, frameId: 0, url: asked });
    wr.onBeforeRequest.fire({ tabId, requestId, url: asked });
    wn.onBeforeNavigate.fire({ tabId, frameId: 0, url: blockHost });
    wn.onErrorOccurred.fire({ tabId, frameId: 0, url: asked, error: 'Error code 2152398850' }); // NS_BINDING_ABORTED
    wn.onErrorOccurred.fire({ tabId, frameId: 0, url: blockHost, error: 'Error code 2152398861' }); // NS_ERROR_CONNECTION_REFUSED
  }
  function webRequestCatchesUp(tabId: number, requestId: string) {
    wr.onHeadersReceived.fire({ tabId, requestId, url: asked, statusCode: 302, responseHeaders: [{ name: 'location', value: blockHost }] });
    wr.onBeforeRedirect.fire({ tabId, requestId, url: asked, redirectUrl: blockHost });
    wr.onBeforeRequest.fire({ tabId, requestId, url: blockHost });
  }

  it('a redirect to a dead block host names the page asked for, though webNavigation reports first', async () => {
    firefoxRedirectBeforeWebRequest(11, 'r11');
    await sleep(100);
    webRequestCatchesUp(11, 'r11');
    await sleep(300);
    const sent = sentTo(11);
    expect(sent.length).toBeGreaterThan(0);
    for (const params of sent) expect([params.get('url'), params.get('reason')]).toEqual([asked, 'block-page']);
  });

  it('the same when webRequest also reports the error, after webNavigation did', async () => {
    firefoxRedirectBeforeWebRequest(12, 'r12');
    await sleep(50);
    webRequestCatchesUp(12, 'r12');
    wr.onErrorOccurred.fire({ tabId: 12, requestId: 'r12', url: blockHost, error: 'NS_ERROR_CONNECTION_REFUSED' });
    await sleep(300);
    const sent = sentTo(12);
    expect(sent.length).toBeGreaterThan(0);
    for (const params of sent) expect([params.get('url'), params.get('reason')]).toEqual([asked, 'block-page']);
  });

  const failed = 'http://news.example/reset';
  const unavailable = `moz-extension://ext/unavailable.html?url=${encodeURIComponent(failed)}&reason=connection-reset`;

  function backIntoFailedEntry(tabId: number) {
    wn.onCommitted.fire({ tabId, frameId: 0, url: unavailable });
    tabsNow.set(tabId, { url: failed, status: 'complete' });
    wn.onBeforeNavigate.fire({ tabId, frameId: 0, url: failed });
    wr.onBeforeRequest.fire({ tabId, requestId: `b${tabId}`, url: failed });
    wr.onErrorOccurred.fire({ tabId, requestId: `b${tabId}`, url: failed, error: 'NS_ERROR_NET_RESET' });
    wn.onErrorOccurred.fire({ tabId, frameId: 0, url: failed, error: 'Error code 2152398868' });
  }

  it('Back from unavailable.html into the failed entry goes one step further back, not to unavailable.html again', async () => {
    backIntoFailedEntry(21);
    await sleep(300);
    expect(fake.tabs.goBack).toHaveBeenCalledWith(21);
    expect(sentTo(21)).toEqual([]);
  });

  it('Retry from unavailable.html that fails shows unavailable.html again', async () => {
    await dispatch('retry-page', { url: failed }, { tab: { id: 22 } } as never);
    backIntoFailedEntry(22);
    await sleep(300);
    expect(fake.tabs.goBack).not.toHaveBeenCalledWith(22);
    expect(sentTo(22).map((p) => p.get('url'))).toContain(failed);
  });

  it('with nothing to go back to, the failure is shown', async () => {
    fake.tabs.goBack.mockRejectedValueOnce(new Error('Cannot find a next page in history.'));
    backIntoFailedEntry(23);
    await sleep(300);
    expect(sentTo(23).map((p) => p.get('url'))).toContain(failed);
  });

  it('after a redirect the record has no status until the next hop answers (not the 302 for the page that loaded)', () => {
    wr.onBeforeRequest.fire({ tabId: 31, requestId: 'r31', url: asked });
    wr.onHeadersReceived.fire({ tabId: 31, requestId: 'r31', url: asked, statusCode: 302, responseHeaders: [{ name: 'location', value: blockHost }] });
    wr.onBeforeRedirect.fire({ tabId: 31, requestId: 'r31', url: asked, redirectUrl: blockHost });
    expect(mainFrameRecord(31)).toMatchObject({ url: asked, finalUrl: blockHost, redirects: [blockHost], headers: { location: blockHost } });
    expect(mainFrameRecord(31)?.status).toBeUndefined();
    wr.onHeadersReceived.fire({ tabId: 31, requestId: 'r31', url: blockHost, statusCode: 200, responseHeaders: [] });
    expect(mainFrameRecord(31)?.status).toBe(200);
  });

  const certPage = 'https://tls.example/story.html';
  // Firefox's order for an untrusted certificate: webRequest's message in words (translated with
  // the UI: German here), then webNavigation's nsresult (MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT).
  it('a certificate error reported in words (any language) is tls by webNavigation\'s code', async () => {
    wn.onBeforeNavigate.fire({ tabId: 41, frameId: 0, url: certPage });
    wr.onBeforeRequest.fire({ tabId: 41, requestId: 'r41', url: certPage });
    wr.onErrorOccurred.fire({ tabId: 41, requestId: 'r41', url: certPage, error: 'Das Zertifikat ist nicht vertrauenswürdig, weil es vom Aussteller selbst signiert wurde.' });
    await sleep(100);
    expect(sentTo(41)).toEqual([]); // waiting for the code
    wn.onErrorOccurred.fire({ tabId: 41, frameId: 0, url: certPage, error: 'Error code 2153398258' });
    await sleep(1300);
    const sent = sentTo(41);
    expect(sent.length).toBeGreaterThan(0);
    for (const params of sent) expect([params.get('url'), params.get('reason')]).toEqual([certPage, 'tls']);
  });

  it('the same when webNavigation reports first, and our page has already committed when the words come', async () => {
    wn.onBeforeNavigate.fire({ tabId: 42, frameId: 0, url: certPage });
    wr.onBeforeRequest.fire({ tabId: 42, requestId: 'r42', url: certPage });
    wn.onErrorOccurred.fire({ tabId: 42, frameId: 0, url: certPage, error: 'Error code 2153390067' }); // SEC_ERROR_UNKNOWN_ISSUER
    await sleep(100);
    wn.onCommitted.fire({ tabId: 42, frameId: 0, url: `moz-extension://ext/unavailable.html?url=${encodeURIComponent(certPage)}&reason=tls` });
    wr.onErrorOccurred.fire({ tabId: 42, requestId: 'r42', url: certPage, error: "L'émetteur du certificat du pair n'est pas reconnu." });
    await sleep(1300);
    expect(sentTo(42).map((p) => p.get('reason'))).toEqual(['tls']);
  });

  it('words alone, with no code ever, still send the tab on, as unknown', async () => {
    wn.onBeforeNavigate.fire({ tabId: 43, frameId: 0, url: certPage });
    wr.onBeforeRequest.fire({ tabId: 43, requestId: 'r43', url: certPage });
    wr.onErrorOccurred.fire({ tabId: 43, requestId: 'r43', url: certPage, error: 'Něco se pokazilo.' });
    await sleep(1300);
    expect(sentTo(43).map((p) => p.get('reason'))).toEqual(['unknown']);
  });

  // A page on one of the Fetch standard's bad ports commits in Firefox with no error event,
  // whether the browser refused it (its error page) or the user allowed the port (the page).
  const badPortPage = 'http://news.example:10080/story.html';
  it('a bad-port page the browser refused goes to unavailable.html', async () => {
    wn.onCommitted.fire({ tabId: 51, frameId: 0, url: badPortPage });
    await sleep(200);
    expect(sentTo(51).map((p) => [p.get('url'), p.get('reason')])).toContainEqual([badPortPage, 'blocked-by-policy']);
  });

  it('a bad-port page the user allowed, which was served, is left alone', async () => {
    wn.onBeforeNavigate.fire({ tabId: 52, frameId: 0, url: badPortPage });
    wr.onBeforeRequest.fire({ tabId: 52, requestId: 'r52', url: badPortPage });
    wr.onHeadersReceived.fire({ tabId: 52, requestId: 'r52', url: badPortPage, statusCode: 200, responseHeaders: [] });
    wn.onCommitted.fire({ tabId: 52, frameId: 0, url: badPortPage });
    await sleep(200);
    expect(sentTo(52)).toEqual([]);
  });

  it('the same when webRequest has not reported the response yet: the page takes a script', async () => {
    fake.scripting.executeScript.mockImplementationOnce(async () => [{ result: badPortPage }]);
    wn.onCommitted.fire({ tabId: 53, frameId: 0, url: badPortPage });
    await sleep(200);
    expect(sentTo(53)).toEqual([]);
  });
});
