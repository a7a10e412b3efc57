import { describe, expect, it } from 'vitest';
import { isPrivateHost, lookupPolicy, reasonMessageKey, unavailablePath, withoutQuery } from '../../../src/shared/copy-offer.js';

describe('privacy of lookups', () => {
  it('knows private, loopback, onion and intranet hosts', () => {
    for (const host of ['localhost', 'app.localhost', '127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.1.1', '[::1]', 'fd00::1', 'fe80::1', 'abcdefgh.onion', 'printer.local', 'intranet']) {
      expect(isPrivateHost(host), host).toBe(true);
    }
    for (const host of ['example.org', '8.8.8.8', '172.32.0.1', 'news.test', '2001:db8::1']) expect(isPrivateHost(host), host).toBe(false);
  });
  it('never looks up private hosts, asks after DNS failures or when turned off', () => {
    expect(lookupPolicy('http://192.168.0.1/x', 'connection-reset', true)).toBe('never');
    expect(lookupPolicy('http://abc.onion/x', 'timeout', true)).toBe('never');
    expect(lookupPolicy('https://example.org/x', 'dns', true)).toBe('ask');
    expect(lookupPolicy('https://example.org/x', 'connection-reset', false)).toBe('ask');
    expect(lookupPolicy('https://example.org/x', 'connection-reset', true)).toBe('auto');
    expect(lookupPolicy('ftp://example.org/x', 'user', true)).toBe('never');
  });
});

describe('helpers', () => {
  it('strips the query string', () => {
    expect(withoutQuery('https://a.org/x?y=1#z')).toBe('https://a.org/x');
    expect(withoutQuery('https://a.org/x#a?b')).toBeNull();
    expect(withoutQuery('https://a.org/x')).toBeNull();
  });
  it('names every reason', () => {
    expect(reasonMessageKey('connection-reset')).toBe('reasonConnectionReset');
    expect(reasonMessageKey('http-404')).toBe('reasonHttp404');
    expect(reasonMessageKey('http-522')).toBe('reasonHttp52x');
    expect(reasonMessageKey('http-502')).toBe('reasonHttp5xx');
    expect(reasonMessageKey('whatever')).toBe('reasonUnknown');
  });
  it('builds the unavailable page path', () => {
    expect(unavailablePath('https://a.org/x?y=1&z', 'dns')).toBe('unavailable.html?url=https%3A%2F%2Fa.org%2Fx%3Fy%3D1%26z&reason=dns');
  });
});
