import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { blockedByParty, decide, emptyErrorResponse, needsDomVerdict, needsProbe } = await import('../../../src/background/http-status.js');
const { failureReason } = await import('../../../src/background/navigation-errors.js');

const page = { verdict: { blocked: false }, textLength: 400, elementCount: 12, linkCount: 3, title: 'Not found', challenge: false, articleLike: false, errorLike: true };
const response = (status: number, extra: Partial<{ headers: Record<string, string>; redirects: string[]; url: string; finalUrl: string }> = {}) => ({
  status,
  headers: {},
  redirects: [],
  url: 'https://news.example/story',
  finalUrl: 'https://news.example/story',
  ...extra,
});

describe('needsProbe', () => {
  it('probes error statuses but not 401, 429 or a Cloudflare challenge', () => {
    for (const status of [403, 404, 410, 451, 500, 503, 522]) expect(needsProbe(response(status)), String(status)).toBe(true);
    for (const status of [401, 407, 429, 400, 304]) expect(needsProbe(response(status)), String(status)).toBe(false);
    expect(needsProbe(response(503, { headers: { 'cf-mitigated': 'challenge' } }))).toBe(false);
  });
  it('probes a 200 only when suspicious: a redirect to another host or a short page', () => {
    expect(needsProbe(response(200, { headers: { 'content-length': '250000' } }))).toBe(false);
    expect(needsProbe(response(200))).toBe(false);
    expect(needsProbe(response(200, { headers: { 'content-length': '900' } }))).toBe(true);
    expect(needsProbe(response(200, { redirects: ['https://block.isp.example/'], finalUrl: 'https://block.isp.example/' }))).toBe(true);
    expect(needsProbe(response(200, { redirects: ['https://news.example/story/'], finalUrl: 'https://news.example/story/', headers: { 'content-length': '250000' } }))).toBe(false);
  });
});

describe('needsDomVerdict', () => {
  it('asks the page for its block-page and article verdicts only where the status leaves them to decide', () => {
    for (const status of [200, 204, 403]) expect(needsDomVerdict(response(status)), String(status)).toBe(true);
    for (const status of [404, 410, 451, 500, 503, 522]) expect(needsDomVerdict(response(status)), String(status)).toBe(false);
  });
  it('the status alone decides those: a page that looks blocked or like an article changes no notice', () => {
    for (const status of [404, 410, 451, 500, 503, 522]) {
      const light = decide(response(status), page);
      const full = decide(response(status), { ...page, verdict: { blocked: true, kind: 'heuristic' }, articleLike: true });
      expect(light?.action, String(status)).toBe('notice');
      expect(full?.action).toBe(light?.action);
      expect(full?.action === 'notice' && full.info.reason).toBe(light?.action === 'notice' && light.info.reason);
    }
  });
});

describe('decide', () => {
  it('shows the notice on 404, 410, 5xx and 52x', () => {
    for (const status of [404, 410, 500, 502, 503, 522]) expect(decide(response(status), page)).toMatchObject({ action: 'notice', info: { reason: `http-${status}` } });
  });
  it('sends an empty-body error to the unavailable page', () => {
    expect(decide(response(404), { ...page, textLength: 0, elementCount: 0 })).toEqual({ action: 'unavailable', url: 'https://news.example/story', reason: 'http-404' });
  });
  it('names the blocked-by party of a 451', () => {
    const d = decide(response(451, { headers: { link: '<https://isp.example/why>; rel="blocked-by"' } }), page);
    expect(d).toMatchObject({ action: 'notice', info: { reason: 'http-451', blockedBy: 'https://isp.example/why' } });
  });
  it('leaves Cloudflare challenges, soft-404 search pages and 403 articles alone', () => {
    expect(decide(response(503), { ...page, challenge: true })).toBeNull();
    expect(decide(response(403, { headers: { 'cf-mitigated': 'challenge' } }), page)).toBeNull();
    expect(decide(response(404, { url: 'https://news.example/search?q=x', finalUrl: 'https://news.example/search?q=x' }), { ...page, textLength: 5000, linkCount: 60 })).toBeNull();
    expect(decide(response(403), { ...page, articleLike: true, errorLike: false, textLength: 9000 })).toBeNull();
    expect(decide(response(403), { ...page, errorLike: false, textLength: 9000 })).toBeNull();
  });
  it('shows a 403 error page and a recognised block page', () => {
    expect(decide(response(403), page)).toMatchObject({ action: 'notice', info: { reason: 'http-403' } });
    expect(decide(response(200), { ...page, verdict: { blocked: true, kind: 'national', country: 'IR' } })).toMatchObject({ action: 'notice', info: { reason: 'block-page', kind: 'national', country: 'IR' } });
    expect(decide(response(200), page)).toBeNull();
  });
  it('adds what the response says to the verdict the page check made on the DOM alone', () => {
    // A redirect to a listed block host (Citizen Lab: lighthouse.du.ae) with a page that says nothing.
    const redirected = response(200, { redirects: ['http://lighthouse.du.ae/'], finalUrl: 'http://lighthouse.du.ae/' });
    expect(decide(redirected, page)).toMatchObject({ action: 'notice', info: { reason: 'block-page', url: 'https://news.example/story', kind: 'isp', country: 'AE' } });
    // The DOM's verdict stands when the response says nothing.
    expect(decide(response(200), { ...page, verdict: { blocked: true, kind: 'heuristic' } })).toMatchObject({ info: { reason: 'block-page', kind: 'heuristic' } });
  });
  it('offers copies of the URL asked for, not the block page redirected to', () => {
    const d = decide(response(200, { redirects: ['http://blocked.example/'], finalUrl: 'http://blocked.example/' }), { ...page, verdict: { blocked: true, kind: 'isp' } });
    expect(d).toMatchObject({ info: { url: 'https://news.example/story' } });
  });
});

describe('blockedByParty', () => {
  it('reads RFC 7725 Link headers', () => {
    expect(blockedByParty('<https://a.example/>; rel="blocked-by"')).toBe('https://a.example/');
    expect(blockedByParty('<https://x/>; rel="next", <https://b.example/>; rel=blocked-by')).toBe('https://b.example/');
    expect(blockedByParty('<https://x/>; rel="next"')).toBeUndefined();
    expect(blockedByParty(undefined)).toBeUndefined();
  });
});

describe('failureReason', () => {
  const record = { status: undefined, redirects: [] as string[], finalUrl: 'https://news.example/x', headers: {} };
  it('maps errors and ignores aborts', () => {
    expect(failureReason('net::ERR_CONNECTION_RESET', record)).toBe('connection-reset');
    expect(failureReason('net::ERR_ABORTED', record)).toBeNull();
  });
  it("gives Chrome's empty-body error page its HTTP status", () => {
    expect(failureReason('net::ERR_HTTP_RESPONSE_CODE_FAILURE', { ...record, status: 404 })).toBe('http-404');
    expect(failureReason('net::ERR_HTTP_RESPONSE_CODE_FAILURE', record)).toBe('unknown');
  });
  it('calls a failed redirect to a known block host a block page', () => {
    expect(failureReason('net::ERR_CONNECTION_REFUSED', { ...record, redirects: ['http://lighthouse.du.ae/index2.php?ucat=1'], finalUrl: 'http://lighthouse.du.ae/index2.php?ucat=1' })).toBe('block-page');
    expect(failureReason('net::ERR_CONNECTION_REFUSED', { ...record, redirects: ['https://news.example/y'], finalUrl: 'https://news.example/y' })).toBe('connection-refused');
  });
});

describe('emptyErrorResponse', () => {
  it('sends an error status with a declared empty body to unavailable.html without a probe', () => {
    expect(emptyErrorResponse(response(404, { headers: { 'content-length': '0' } }))).toEqual({ action: 'unavailable', url: 'https://news.example/story', reason: 'http-404' });
    expect(emptyErrorResponse(response(503, { headers: { 'content-length': '0' } }))).toMatchObject({ reason: 'http-503' });
  });
  it('leaves pages with a body, an unknown length or a success status to the probe', () => {
    expect(emptyErrorResponse(response(404, { headers: { 'content-length': '812' } }))).toBeNull();
    expect(emptyErrorResponse(response(404))).toBeNull();
    expect(emptyErrorResponse(response(200, { headers: { 'content-length': '0' } }))).toBeNull();
    expect(emptyErrorResponse(response(304, { headers: { 'content-length': '0' } }))).toBeNull();
  });
});
