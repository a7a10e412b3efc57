/**
 * Test build only. Relays `window.postMessage({ samizdatTest: id, request })` from a test page
 * to the background's test hooks and posts the answer back as `{ samizdatTestReply: id, result }`.
 */
type Runtime = typeof chrome.runtime;
const runtime: Runtime = ((globalThis as { browser?: { runtime: Runtime } }).browser ?? chrome).runtime;

window.addEventListener('message', (event: MessageEvent) => {
  const data = event.data as { samizdatTest?: string; request?: unknown } | null;
  if (event.source !== window || !data || typeof data.samizdatTest !== 'string') return;
  const id = data.samizdatTest;
  Promise.resolve(runtime.sendMessage({ type: 'test-hook', payload: data.request }))
    .then((result) => window.postMessage({ samizdatTestReply: id, result }, '*'))
    .catch((error: unknown) => window.postMessage({ samizdatTestReply: id, error: String(error) }, '*'));
});
