import { describe, expect, it } from 'vitest';
import type { Handoff } from '../../../src/shared/messages.js';
import { HANDOFF_TTL_MS, handoffKey, staleHandoffKeys } from '../../../src/shared/handoff.js';
import { takeHandoff, type HandoffApi } from '../../../src/pages/reader/take-handoff.js';

const url = 'https://news.test/a/story.html';
const handoff = { article: { title: 'T', url }, httpStatus: 200 } as unknown as Handoff;

/** storage.session and the background, as the reader page sees them. */
function fakeApi(session: Record<string, unknown>, background: Handoff | null | Error) {
  const messages: unknown[] = [];
  const api: HandoffApi = {
    storage: {
      session: {
        get: async (key) => (key in session ? { [key]: session[key] } : {}),
        remove: async (key) => void delete session[key],
      },
    },
    runtime: {
      sendMessage: async (message) => {
        messages.push(message);
        if (background instanceof Error) throw background;
        return background;
      },
    },
  };
  return { api, messages };
}

describe('reader handoff', () => {
  it('takes the article from storage.session, removes it there, and does not ask the background', async () => {
    const session: Record<string, unknown> = { [handoffKey(url)]: { handoff, at: Date.now() } };
    const { api, messages } = fakeApi(session, null);
    expect(await takeHandoff(api, url)).toEqual(handoff);
    await Promise.resolve();
    expect(session).toEqual({});
    expect(messages).toEqual([]);
  });

  it('asks the background when storage.session has none (the write was refused), and gives null when neither has it', async () => {
    const { api, messages } = fakeApi({}, handoff);
    expect(await takeHandoff(api, url)).toEqual(handoff);
    expect(messages).toEqual([{ type: 'take-handoff', payload: { url } }]);
    expect(await takeHandoff(fakeApi({}, null).api, url)).toBeNull();
    expect(await takeHandoff(fakeApi({}, new Error('no background')).api, url)).toBeNull();
  });

  it('takes only the handoff of its own page', async () => {
    const session: Record<string, unknown> = { [handoffKey('https://news.test/other.html')]: { handoff, at: Date.now() } };
    expect(await takeHandoff(fakeApi(session, null).api, url)).toBeNull();
    expect(Object.keys(session)).toHaveLength(1);
  });

  it('names the handoffs no reader took within the TTL, and nothing else in storage.session', () => {
    const now = 1_000_000;
    const items = {
      [handoffKey('https://a.test/')]: { handoff, at: now - HANDOFF_TTL_MS - 1 },
      [handoffKey('https://b.test/')]: { handoff, at: now - 10 },
      [handoffKey('https://c.test/')]: { handoff },
      'tab:3': { at: 0 },
    };
    expect(staleHandoffKeys(items, now).sort()).toEqual([handoffKey('https://a.test/'), handoffKey('https://c.test/')]);
  });
});
