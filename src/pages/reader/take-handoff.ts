/**
 * Takes the article the one-click flow handed over for a page: from storage.session, where the
 * background wrote it before navigating (one round trip to the browser, none through the
 * background), else from the background itself (it keeps the article when the write failed,
 * e.g. over the storage quota). Taken means removed: a reload shows the saved copy or the live
 * page, as the source order says. No polyfill here: the first-paint script uses it too.
 */
import type { Handoff } from '../../shared/messages.js';
import { handoffKey, type StoredHandoff } from '../../shared/handoff.js';

export interface HandoffApi {
  storage: { session: { get(key: string): Promise<Record<string, unknown>>; remove(key: string): Promise<void> } };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

export async function takeHandoff(api: HandoffApi, pageUrl: string): Promise<Handoff | null> {
  const key = handoffKey(pageUrl);
  try {
    const stored = (await api.storage.session.get(key))[key] as StoredHandoff | undefined;
    if (stored?.handoff?.article) {
      api.storage.session.remove(key).catch(() => undefined);
      return stored.handoff;
    }
  } catch {
    // No storage.session here: the background has it.
  }
  try {
    return ((await api.runtime.sendMessage({ type: 'take-handoff', payload: { url: pageUrl } })) as Handoff | null) ?? null;
  } catch {
    return null;
  }
}
