import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ALARM_PREFIX, SlowLoadWatch, type SlowLoadDeps } from '../../../src/background/slow-load.js';

/** storage.session and alarms that outlive a watch, as the browser's outlive the worker. */
function browserSide() {
  const session = new Map<string, unknown>();
  const alarms = new Map<string, number>();
  const loading = new Set<number>();
  const slow: { tabId: number; url: string }[] = [];
  const deps = (): SlowLoadDeps => ({
    now: () => Date.now(),
    session: {
      get: async (key) => (key === null ? Object.fromEntries(session) : session.has(key) ? { [key]: session.get(key) } : {}),
      set: async (items) => void Object.entries(items).forEach(([k, v]) => session.set(k, v)),
      remove: async (key) => void session.delete(key),
    },
    alarms: {
      create: (name, { when }) => void alarms.set(name, when),
      clear: (name) => alarms.delete(name),
    },
    stillLoading: async (tabId) => loading.has(tabId),
    onSlow: async (tabId, url) => void slow.push({ tabId, url }),
  });
  return { session, alarms, loading, slow, deps };
}

describe('SlowLoadWatch', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('offers copies when the page is still loading at the deadline, not before', async () => {
    const b = browserSide();
    const watch = new SlowLoadWatch(b.deps());
    b.loading.add(7);
    await watch.start(7, 'https://news.example/slow', 15);
    expect(b.alarms.get(`${ALARM_PREFIX}7`)).toBe(1_000_000 + 15_000);
    await vi.advanceTimersByTimeAsync(14_900);
    expect(b.slow).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(b.slow).toEqual([{ tabId: 7, url: 'https://news.example/slow' }]);
    // Settled: nothing left to wake the worker for.
    expect(b.session.size).toBe(0);
    expect(b.alarms.size).toBe(0);
  });

  it('says nothing for a page that loaded, or one that stopped loading meanwhile', async () => {
    const b = browserSide();
    const watch = new SlowLoadWatch(b.deps());
    b.loading.add(1);
    await watch.start(1, 'https://a.example/', 15);
    await vi.advanceTimersByTimeAsync(5_000);
    await watch.stop(1);
    await watch.start(2, 'https://b.example/', 15); // tab 2 is not loading by the deadline
    await vi.advanceTimersByTimeAsync(20_000);
    expect(b.slow).toEqual([]);
    expect(b.session.size).toBe(0);
    expect(b.alarms.size).toBe(0);
  });

  it('a stop right after a start wins, even while the start still waits for the settings', async () => {
    const b = browserSide();
    const watch = new SlowLoadWatch(b.deps());
    b.loading.add(3);
    let give: (s: number) => void = () => undefined;
    void watch.start(3, 'https://c.example/', new Promise<number>((r) => (give = r)));
    const stopped = watch.stop(3);
    give(2);
    await stopped;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(b.slow).toEqual([]);
    expect(b.session.size).toBe(0);
  });

  it('survives a worker restart: the alarm settles the watch the dead worker left', async () => {
    const b = browserSide();
    const before = new SlowLoadWatch(b.deps());
    b.loading.add(9);
    await before.start(9, 'https://news.example/hangs', 15);
    // The worker stops: its timers die (clearing them all is what the browser's stop amounts to).
    vi.clearAllTimers();
    const after = new SlowLoadWatch(b.deps());
    await after.resume(); // not yet due: re-armed in the new worker
    vi.clearAllTimers(); // …and that worker stops too, before the deadline
    await vi.advanceTimersByTimeAsync(20_000);
    expect(b.slow).toEqual([]);
    // The browser fires the alarm, which starts a third worker.
    const name = [...b.alarms.keys()][0]!;
    const third = new SlowLoadWatch(b.deps());
    await third.onAlarm(name);
    expect(b.slow).toEqual([{ tabId: 9, url: 'https://news.example/hangs' }]);
    expect(b.alarms.size).toBe(0);
  });

  it('a worker that starts after the deadline settles overdue watches at once, and re-arms the others', async () => {
    const b = browserSide();
    const first = new SlowLoadWatch(b.deps());
    b.loading.add(4).add(5);
    await first.start(4, 'https://d.example/', 5);
    await first.start(5, 'https://e.example/', 60);
    vi.clearAllTimers();
    await vi.advanceTimersByTimeAsync(10_000);
    const second = new SlowLoadWatch(b.deps());
    await second.resume();
    expect(b.slow).toEqual([{ tabId: 4, url: 'https://d.example/' }]);
    await vi.advanceTimersByTimeAsync(50_000);
    expect(b.slow).toEqual([{ tabId: 4, url: 'https://d.example/' }, { tabId: 5, url: 'https://e.example/' }]);
  });

  it('ignores alarms that are not its own', async () => {
    const b = browserSide();
    const watch = new SlowLoadWatch(b.deps());
    await watch.onAlarm('something-else');
    await watch.onAlarm(`${ALARM_PREFIX}x`);
    expect(b.slow).toEqual([]);
  });
});
