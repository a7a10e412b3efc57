/**
 * Chrome only: the service worker's side of the offscreen wake clock (src/offscreen/wake-clock.ts),
 * which wakes a stopped worker at a slow-load deadline. Chrome stops an idle worker after 30 s
 * (or sooner: updates, memory, DevTools), its timers with it, and a packed extension's alarm
 * fires no sooner than 30 s after it is set, so without the clock the offer could come up to
 * 30 s late.
 *
 * The document is opened only for a load still pending after `graceMs` (most pages get there
 * first, and an idle stop needs 30 s without events, longer than the grace); while it is open
 * every new deadline goes to it at once. It closes `lingerMs` after the last watch ends, so a
 * burst of navigations opens it once. A worker stopped within the grace before any document
 * was open falls back on the alarm.
 */
import { envelope, type MessageType, type Request } from '../shared/messages.js';

export interface WakeClock {
  set(tabId: number, at: number): void;
  clear(tabId: number): void;
}

export interface OffscreenApi {
  hasDocument(): Promise<boolean>;
  createDocument(): Promise<void>;
  closeDocument(): Promise<void>;
  send<K extends MessageType>(type: K, payload: Request<K>): Promise<unknown>;
}

export class OffscreenWakeClock implements WakeClock {
  /** Deadlines not yet handed to the document (within the grace). */
  private readonly waiting = new Map<number, ReturnType<typeof setTimeout>>();
  /** Deadlines the document holds. */
  private readonly posted = new Set<number>();
  private opening: Promise<void> | null = null;
  private closeTimer: ReturnType<typeof setTimeout> | null = null;
  /** Whether a document may be open (unknown at start: a past life may have left one). */
  private mayBeOpen = true;
  /** Whether this life opened (or found) the document and has not closed it. */
  private isOpen = false;

  constructor(
    private readonly api: OffscreenApi,
    private readonly graceMs: number,
    private readonly lingerMs: number,
  ) {
    // A worker that starts with nothing to watch closes a document a past life left open.
    this.closeWhenIdle();
  }

  set(tabId: number, at: number): void {
    this.clear(tabId);
    this.cancelClose();
    const post = () => {
      this.waiting.delete(tabId);
      this.posted.add(tabId);
      void this.open()
        .then(() => this.api.send('wake-clock-set', { tabId, at }))
        .catch(() => undefined); // the alarm remains the backstop
    };
    // The grace saves opening a document; one already open takes the deadline at once.
    if (this.isOpen) post();
    else this.waiting.set(tabId, setTimeout(post, this.graceMs));
  }

  clear(tabId: number): void {
    const timer = this.waiting.get(tabId);
    if (timer !== undefined) clearTimeout(timer);
    this.waiting.delete(tabId);
    if (this.posted.delete(tabId)) void this.api.send('wake-clock-clear', { tabId }).catch(() => undefined);
    this.closeWhenIdle();
  }

  private open(): Promise<void> {
    this.mayBeOpen = true;
    this.opening ??= (async () => {
      if (!(await this.api.hasDocument())) await this.api.createDocument();
      this.isOpen = true;
    })().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  private cancelClose(): void {
    if (this.closeTimer !== null) clearTimeout(this.closeTimer);
    this.closeTimer = null;
  }

  private closeWhenIdle(): void {
    if (!this.mayBeOpen || this.waiting.size > 0 || this.posted.size > 0) return;
    this.cancelClose();
    this.closeTimer = setTimeout(() => {
      this.closeTimer = null;
      if (this.waiting.size > 0 || this.posted.size > 0) return;
      this.mayBeOpen = false;
      this.isOpen = false;
      void this.api
        .hasDocument()
        .then((open) => (open ? this.api.closeDocument() : undefined))
        .catch(() => undefined);
    }, this.lingerMs);
  }
}

/** The clock over chrome.offscreen. */
export function chromeWakeClock(graceMs: number, lingerMs: number): OffscreenWakeClock {
  const url = 'wake-clock.html';
  return new OffscreenWakeClock(
    {
      hasDocument: () => chrome.offscreen.hasDocument(),
      createDocument: () =>
        chrome.offscreen.createDocument({
          url,
          // No reason names timers; WORKERS is the closest (README, permissions).
          reasons: [chrome.offscreen.Reason.WORKERS],
          justification: 'Wakes the service worker at a slow-load deadline, so the offer of copies of a page that will not load comes on time.',
        }),
      closeDocument: () => chrome.offscreen.closeDocument(),
      send: (type, payload) => chrome.runtime.sendMessage(envelope(type, payload)),
    },
    graceMs,
    lingerMs,
  );
}
