/**
 * Chrome only: the offscreen document that keeps the slow-load deadlines while the service
 * worker may be stopped. A worker's timers die with it and packed extensions' alarms fire no
 * sooner than 30 s after they are set; a document's timers keep running, and a message from
 * it starts the worker again. It holds nothing but timers: the worker tells it each deadline
 * (`wake-clock-set`/`-clear`), and at a deadline it sends `wake-clock-due`, which wakes the
 * worker to settle that tab's watch from storage.session.
 */
import { envelope, isEnvelope } from '../shared/messages.js';

const timers = new Map<number, ReturnType<typeof setTimeout>>();

function clear(tabId: number): void {
  const timer = timers.get(tabId);
  if (timer !== undefined) clearTimeout(timer);
  timers.delete(tabId);
}

chrome.runtime.onMessage.addListener((message: unknown) => {
  if (!isEnvelope(message)) return undefined;
  if (message.type === 'wake-clock-set') {
    const { tabId, at } = message.payload as { tabId: number; at: number };
    clear(tabId);
    timers.set(
      tabId,
      setTimeout(() => {
        timers.delete(tabId);
        // The worker may be stopped: this message is what starts it again.
        chrome.runtime.sendMessage(envelope('wake-clock-due', { tabId })).catch(() => undefined);
      }, Math.max(0, at - Date.now())),
    );
  } else if (message.type === 'wake-clock-clear') {
    clear((message.payload as { tabId: number }).tabId);
  }
  return undefined;
});
