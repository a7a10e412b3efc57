/**
 * Every message between the content scripts, the extension pages and the background,
 * in one typed table: the key is the message type, `request` what is sent, `response`
 * what comes back. Senders and the background's router both check against it.
 */
import type { Article } from '../core/types.js';
import type { SaveResult } from '../storage/save.js';
import type { ArchiveLookup, CopyOffer, MirrorOffer, PreserveResult, TabTrouble } from './copy-offer.js';
import type { NoticeInfo, PageProbe } from './page-check.js';

/** What the one-click flow hands the reader: the article, and the HTTP status its page was served with (null when not known). */
export interface Handoff {
  article: Article;
  httpStatus: number | null;
}

export interface MessageTable {
  /**
   * Always-on content script (and detect-full.js) → background: what this page is.
   * `needsBlockCheck`: an article unless it is a block page; the background injects detect-full.js.
   */
  'page-detected': { request: { isArticle: boolean; score: number; needsBlockCheck?: boolean }; response: void };
  /**
   * Page check (injected into a page the background found suspicious) → background: the page
   * measured; the answer is the notice to show in it, if any.
   */
  /** The notice comes with the instant part of its offer, so the page asks nothing more to show the links. */
  'page-probe': { request: PageProbe; response: { notice: NoticeInfo | null; offer?: CopyOffer } };
  /** Reader page → background: take the article the one-click flow extracted for this URL. */
  'take-handoff': { request: { url: string }; response: Handoff | null };
  /** Popup → background: open the reader for a tab (same as a toolbar click on an article). */
  'open-reader': { request: { tabId: number }; response: { ok: boolean; error?: string } };
  /** Any page → background: what the background knows about a tab. */
  'tab-state': { request: { tabId: number }; response: TabState };
  /** Unavailable page, notice, popup → background: the saved copy and plain archive links (instant). */
  'copies': { request: { url: string; reason: string }; response: CopyOffer };
  /** … the publisher's mirrors of the page (fetches the mirror list when its cache is stale). */
  'copies-mirrors': { request: { url: string }; response: MirrorOffer };
  /** … the archives' availability checks (only after a real failure or on the user's click). */
  'copies-lookup': { request: { url: string }; response: ArchiveLookup };
  /** … submit the page to the Wayback Machine's Save Page Now. */
  'preserve-page': { request: { url: string }; response: PreserveResult };
  /** Notice → background: open the saved copy of the page in the reader, in the same tab. */
  'open-saved-copy': { request: { url: string }; response: { ok: boolean } };
  /** Notice → background: go to unavailable.html (every copy) for this page. */
  'open-copies': { request: { url: string; reason: string }; response: { ok: boolean } };
  /** Unavailable page → background: the user pressed Retry (so a failure now is not a Back). */
  'retry-page': { request: { url: string }; response: { ok: boolean } };
  /** Popup → background: is this tab's page failing (slow, error status, block page)? */
  'tab-trouble': { request: { tabId: number }; response: TabTrouble };
  /** Popup → background: save the article on this tab offline (same as the Save menu item). */
  'save-tab': { request: { tabId: number }; response: SaveResult };
  /** Background (Chrome) → its offscreen wake clock: wake me at `at` (epoch ms) for this tab's slow-load watch. */
  'wake-clock-set': { request: { tabId: number; at: number }; response: void };
  /** Background (Chrome) → its offscreen wake clock: that tab's watch ended. */
  'wake-clock-clear': { request: { tabId: number }; response: void };
  /** Offscreen wake clock → background (starting a stopped worker): this tab's deadline has come. */
  'wake-clock-due': { request: { tabId: number }; response: void };
  /** Test build only: run the code a browser event would run. */
  'test-hook': { request: TestHookRequest; response: unknown };
}

export interface TabState {
  url: string | null;
  isArticle: boolean;
  score: number;
}

export type TestHookRequest =
  | { hook: 'open-page'; path: string }
  | { hook: 'action-click' }
  /** The floor of click to readable text: the tab sent to a trivial extension page (floor.html; or to `url`) as the reader is, after the engine's extraction when `extract`. */
  | { hook: 'floor-click'; extract?: boolean; url?: string }
  | { hook: 'command'; name: string }
  | { hook: 'menu'; menuItemId: string; linkUrl?: string }
  | { hook: 'ping' };

export type MessageType = keyof MessageTable;
export type Request<K extends MessageType> = MessageTable[K]['request'];
export type Response<K extends MessageType> = MessageTable[K]['response'];
export type Envelope<K extends MessageType = MessageType> = { type: K; payload: Request<K> };

export function envelope<K extends MessageType>(type: K, payload: Request<K>): Envelope<K> {
  return { type, payload };
}

export function isEnvelope(value: unknown): value is Envelope {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' && 'payload' in value;
}
