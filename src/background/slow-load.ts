/**
 * The slow-load watch: a top-level page still loading after the configured time (default 15 s)
 * gets the offer of copies, without leaving the page.
 *
 * Chrome may stop the service worker while a page hangs (after 30 s without events, or at any
 * time), and a setTimeout dies with it. So each pending load is kept in storage.session with its
 * deadline, and three things can settle it:
 * - a setTimeout, exact, while the worker lives (the navigation event that started the watch has
 *   just woken it, and its 30 s idle limit is longer than the default 15 s);
 * - in Chrome, an offscreen document's timer (wake-clock.ts), whose message at the deadline
 *   starts a stopped worker on time;
 * - a browser alarm at the deadline, which wakes a stopped worker (and Firefox's suspended event
 *   page). Chrome runs alarms no sooner than 30 s after they are set (unpacked extensions
 *   excepted), so there the alarm is the backstop, not the clock;
 * - the worker starting for any other reason (the popup asking, another event): overdue loads
 *   are settled at once and the others get their timer back (`resume`).
 * No extension API here: the browser side is passed in, so unit tests run it on a fake clock.
 */

export interface PendingLoad {
  url: string;
  /** Epoch ms. */
  deadline: number;
}

export interface SlowLoadDeps {
  now(): number;
  session: {
    get(keys: string | null): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>): Promise<void>;
    remove(key: string): Promise<void>;
  };
  alarms: {
    create(name: string, info: { when: number }): Promise<void> | void;
    clear(name: string): Promise<unknown> | unknown;
  };
  /** Chrome: the offscreen clock that wakes a stopped worker at a deadline. */
  wakeClock?: { set(tabId: number, at: number): void; clear(tabId: number): void };
  /** Whether the tab is still loading that navigation (it may have ended while the worker slept). */
  stillLoading(tabId: number, url: string): Promise<boolean>;
  /** The page is slow: offer copies. */
  onSlow(tabId: number, url: string): Promise<void>;
}

const KEY_PREFIX = 'slowLoad:';
export const ALARM_PREFIX = 'slow-load:';
const keyOf = (tabId: number) => `${KEY_PREFIX}${tabId}`;
const alarmOf = (tabId: number) => `${ALARM_PREFIX}${tabId}`;

export class SlowLoadWatch {
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();
  /** Per-tab queue, so a stop never overtakes the start it ends (both write storage). */
  private readonly queues = new Map<number, Promise<void>>();

  constructor(private readonly deps: SlowLoadDeps) {}

  private queue(tabId: number, task: () => Promise<void>): Promise<void> {
    const next = (this.queues.get(tabId) ?? Promise.resolve()).then(task, task).catch(() => undefined);
    this.queues.set(tabId, next);
    void next.then(() => {
      if (this.queues.get(tabId) === next) this.queues.delete(tabId);
    });
    return next;
  }

  private arm(tabId: number, deadline: number): void {
    this.disarm(tabId);
    const delay = Math.max(0, deadline - this.deps.now());
    this.timers.set(
      tabId,
      setTimeout(() => {
        this.timers.delete(tabId);
        void this.settle(tabId);
      }, delay),
    );
  }

  private disarm(tabId: number): void {
    const timer = this.timers.get(tabId);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(tabId);
  }

  /** A top-level navigation started: watch it. */
  start(tabId: number, url: string, seconds: number | Promise<number>): Promise<void> {
    return this.queue(tabId, async () => {
      const deadline = this.deps.now() + (await seconds) * 1000;
      await this.deps.session.set({ [keyOf(tabId)]: { url, deadline } satisfies PendingLoad });
      this.arm(tabId, deadline);
      this.deps.wakeClock?.set(tabId, deadline);
      await this.deps.alarms.create(alarmOf(tabId), { when: deadline });
    });
  }

  /** The navigation loaded, failed or was replaced, or the tab closed. */
  stop(tabId: number): Promise<void> {
    this.disarm(tabId);
    return this.queue(tabId, async () => {
      this.disarm(tabId);
      this.deps.wakeClock?.clear(tabId);
      await this.deps.session.remove(keyOf(tabId));
      await this.deps.alarms.clear(alarmOf(tabId));
    });
  }

  /** The deadline may have passed: offer copies if the tab is still loading that page. */
  settle(tabId: number): Promise<void> {
    return this.queue(tabId, async () => {
      const pending = (await this.deps.session.get(keyOf(tabId)))[keyOf(tabId)] as PendingLoad | undefined;
      if (!pending) return;
      if (pending.deadline > this.deps.now()) {
        this.arm(tabId, pending.deadline);
        this.deps.wakeClock?.set(tabId, pending.deadline);
        return;
      }
      this.disarm(tabId);
      this.deps.wakeClock?.clear(tabId);
      await this.deps.session.remove(keyOf(tabId));
      await this.deps.alarms.clear(alarmOf(tabId));
      if (await this.deps.stillLoading(tabId, pending.url)) await this.deps.onSlow(tabId, pending.url);
    });
  }

  /** A browser alarm fired, or the wake clock's deadline came (either may have woken the worker). */
  onAlarm(name: string): Promise<void> {
    if (!name.startsWith(ALARM_PREFIX)) return Promise.resolve();
    const tabId = Number(name.slice(ALARM_PREFIX.length));
    return Number.isInteger(tabId) ? this.settle(tabId) : Promise.resolve();
  }

  /** The worker (re)started: settle what is overdue, re-arm the rest. */
  async resume(): Promise<void> {
    const stored = await this.deps.session.get(null).catch(() => ({}) as Record<string, unknown>);
    const tabs = Object.keys(stored)
      .filter((k) => k.startsWith(KEY_PREFIX))
      .map((k) => Number(k.slice(KEY_PREFIX.length)))
      .filter((id) => Number.isInteger(id));
    await Promise.all(tabs.map((tabId) => this.settle(tabId)));
  }
}
