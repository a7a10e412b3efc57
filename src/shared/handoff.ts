/**
 * The one-click handoff through storage.session: the background writes the extracted article
 * there before it navigates the tab, and the reader page reads it itself, straight from the
 * browser, instead of asking the background (whose thread is busy with the tab's new toolbar
 * state just then). storage.session stays in memory, and only extension pages can read it.
 */
import type { Handoff } from './messages.js';

const PREFIX = 'handoff:';

export function handoffKey(pageUrl: string): string {
  return PREFIX + pageUrl;
}

export interface StoredHandoff {
  handoff: Handoff;
  /** When it was written (ms since the epoch): entries no reader took are dropped later. */
  at: number;
}

/** How long an untaken handoff may stay (the reader asks for it within a second or so). */
export const HANDOFF_TTL_MS = 60_000;

/** The keys of stored handoffs older than the TTL, from all of storage.session's items. */
export function staleHandoffKeys(items: Record<string, unknown>, now: number): string[] {
  return Object.entries(items)
    .filter(([key, value]) => key.startsWith(PREFIX) && !(typeof (value as StoredHandoff | null)?.at === 'number' && now - (value as StoredHandoff).at < HANDOFF_TTL_MS))
    .map(([key]) => key);
}
