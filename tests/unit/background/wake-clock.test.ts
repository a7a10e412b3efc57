/** The worker's side of Chrome's offscreen wake clock, on a fake clock and a fake chrome.offscreen. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OffscreenWakeClock, type OffscreenApi } from '../../../src/background/wake-clock.js';

function fakeOffscreen(open = false) {
  const state = { open, created: 0, closed: 0, sent: [] as [string, unknown][] };
  const api: OffscreenApi = {
    hasDocument: async () => state.open,
    createDocument: async () => {
      if (state.open) throw new Error('Only a single offscreen document may be created.');
      state.open = true;
      state.created++;
    },
    closeDocument: async () => {
      state.open = false;
      state.closed++;
    },
    send: async (type, payload) => void state.sent.push([type, payload]),
  };
  return { state, api };
}

describe('OffscreenWakeClock', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('opens no document for a load that ends within the grace', async () => {
    const { state, api } = fakeOffscreen();
    const clock = new OffscreenWakeClock(api, 2000, 30_000);
    clock.set(1, 1_015_000);
    await vi.advanceTimersByTimeAsync(1500);
    clock.clear(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(state.created).toBe(0);
    expect(state.sent).toEqual([]);
  });

  it('hands a still-pending deadline to one document, and closes it a while after the last watch', async () => {
    const { state, api } = fakeOffscreen();
    const clock = new OffscreenWakeClock(api, 2000, 30_000);
    clock.set(1, 1_015_000);
    clock.set(2, 1_020_000);
    await vi.advanceTimersByTimeAsync(2100);
    expect(state.created).toBe(1);
    expect(state.sent).toEqual([
      ['wake-clock-set', { tabId: 1, at: 1_015_000 }],
      ['wake-clock-set', { tabId: 2, at: 1_020_000 }],
    ]);
    clock.clear(1);
    await vi.advanceTimersByTimeAsync(40_000);
    expect(state.open).toBe(true); // tab 2 still watched
    clock.clear(2);
    expect(state.sent.slice(2)).toEqual([
      ['wake-clock-clear', { tabId: 1 }],
      ['wake-clock-clear', { tabId: 2 }],
    ]);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(state.open).toBe(true);
    // A new watch within the linger keeps the same document, and goes to it at once.
    clock.set(3, 1_100_000);
    await vi.advanceTimersByTimeAsync(10);
    expect(state.sent.at(-1)).toEqual(['wake-clock-set', { tabId: 3, at: 1_100_000 }]);
    expect(state.created).toBe(1);
    clock.clear(3);
    await vi.advanceTimersByTimeAsync(30_100);
    expect(state.open).toBe(false);
  });

  it('a worker that starts with nothing to watch closes a document a past life left open', async () => {
    const { state, api } = fakeOffscreen(true);
    new OffscreenWakeClock(api, 2000, 30_000);
    await vi.advanceTimersByTimeAsync(30_100);
    expect(state.closed).toBe(1);
  });
});
