import { describe, expect, it } from 'vitest';
import {
  hasErrorCode, httpStatusReason, isBadPortUrl, isBotChallenge, isHttpErrorPageFailure, netErrorReason, warrantsHttpNotice,
} from '../../../src/shared/net-errors.js';

describe('netErrorReason: Chrome', () => {
  const cases: Array<[string, string | null]> = [
    ['net::ERR_NAME_NOT_RESOLVED', 'dns'],
    ['net::ERR_NAME_RESOLUTION_FAILED', 'dns'],
    ['net::ERR_DNS_TIMED_OUT', 'dns'],
    ['net::ERR_CONNECTION_RESET', 'connection-reset'],
    ['net::ERR_CONNECTION_REFUSED', 'connection-refused'],
    ['net::ERR_CONNECTION_CLOSED', 'connection-closed'],
    ['net::ERR_EMPTY_RESPONSE', 'empty-response'],
    ['net::ERR_TIMED_OUT', 'timeout'],
    ['net::ERR_CONNECTION_TIMED_OUT', 'timeout'],
    ['net::ERR_CERT_AUTHORITY_INVALID', 'tls'],
    ['net::ERR_CERT_COMMON_NAME_INVALID', 'tls'],
    ['net::ERR_SSL_PROTOCOL_ERROR', 'tls'],
    ['net::ERR_SSL_VERSION_OR_CIPHER_MISMATCH', 'tls'],
    ['net::ERR_BLOCKED_BY_ADMINISTRATOR', 'blocked-by-policy'],
    ['net::ERR_BLOCKED_BY_CLIENT', 'blocked-by-policy'],
    ['net::ERR_INTERNET_DISCONNECTED', 'unknown'],
    ['net::ERR_ABORTED', null],
    ['net::ERR_SOMETHING_NEW', 'unknown'],
  ];
  for (const [err, reason] of cases) it(`${err} → ${reason}`, () => expect(netErrorReason(err)).toBe(reason));

  it('numeric Chrome codes', () => {
    expect(netErrorReason(-105)).toBe('dns');
    expect(netErrorReason(-101)).toBe('connection-reset');
    expect(netErrorReason(-3)).toBeNull();
    expect(netErrorReason(-202)).toBe('tls');
  });
});

describe('netErrorReason: Firefox', () => {
  const names: Array<[string, string | null]> = [
    ['NS_ERROR_UNKNOWN_HOST', 'dns'],
    ['NS_ERROR_NET_RESET', 'connection-reset'],
    ['NS_ERROR_NET_INTERRUPT', 'connection-reset'],
    ['NS_ERROR_CONNECTION_REFUSED', 'connection-refused'],
    ['NS_ERROR_NET_TIMEOUT', 'timeout'],
    ['NS_ERROR_NET_EMPTY_RESPONSE', 'empty-response'],
    ['NS_ERROR_NET_PARTIAL_TRANSFER', 'connection-closed'],
    ['SSL_ERROR_BAD_CERT_DOMAIN', 'tls'],
    ['SEC_ERROR_UNKNOWN_ISSUER', 'tls'],
    ['MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT', 'tls'],
    ['NS_ERROR_BLOCKED_URI', 'blocked-by-policy'],
    ['NS_BINDING_ABORTED', null],
    ['NS_ERROR_ABORT', null],
    ['NS_BINDING_RETARGETED', null],
    ['NS_ERROR_PHISHING_URI', null],
  ];
  for (const [err, reason] of names) it(`${err} → ${reason}`, () => expect(netErrorReason(err)).toBe(reason));

  it('numeric nsresults as webNavigation reports them', () => {
    expect(netErrorReason('Error code 2152398878')).toBe('dns'); // NS_ERROR_UNKNOWN_HOST
    expect(netErrorReason(2152398878)).toBe('dns');
    expect(netErrorReason('Error code 2152398868')).toBe('connection-reset'); // NS_ERROR_NET_RESET
    expect(netErrorReason('Error code 2152398861')).toBe('connection-refused');
    expect(netErrorReason('Error code 2152398862')).toBe('timeout');
    expect(netErrorReason('Error code 2152398919')).toBe('connection-reset'); // NET_INTERRUPT
    expect(netErrorReason('Error code 2152398850')).toBeNull(); // NS_BINDING_ABORTED
    expect(netErrorReason('Error code 2147500036')).toBeNull(); // NS_ERROR_ABORT
    expect(netErrorReason('Error code 2153394164')).toBe('tls'); // SSL_ERROR_BAD_CERT_DOMAIN
    expect(netErrorReason('Error code 2153390067')).toBe('tls'); // SEC_ERROR_UNKNOWN_ISSUER
    expect(netErrorReason('Error code 2153398258')).toBe('tls'); // MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT (-0x4000 + 14)
    expect(netErrorReason('Error code 2153394174')).toBe('tls'); // SSL_ERROR_RX_RECORD_TOO_LONG (-0x3000 + 2)
    expect(netErrorReason('Error code 2153390069')).toBe('tls'); // SEC_ERROR_EXPIRED_CERTIFICATE (-0x2000 + 11)
    expect(netErrorReason('0x805a1ff3')).toBe('tls'); // SEC_ERROR_UNKNOWN_ISSUER in hex
    expect(netErrorReason('Something else went wrong.')).toBe('unknown');
    expect(netErrorReason('0x804b001e')).toBe('dns');
    expect(netErrorReason(2152398878 - 2 ** 32)).toBe('dns'); // signed view
  });

  it("a browser's message in words is no code, in any language: webNavigation's nsresult decides", () => {
    // Firefox's webRequest gives NSS's message instead of a name (seen in Firefox ESR for a
    // self-signed certificate), translated with the browser's UI.
    for (const words of [
      'The certificate is not trusted because it is self-signed.',
      "Peer's Certificate issuer is not recognized.",
      'Das Zertifikat ist nicht vertrauenswürdig, weil es vom Aussteller selbst signiert wurde.',
      'Сертификат не является доверенным, так как он самоподписан.',
    ]) {
      expect(hasErrorCode(words)).toBe(false);
      expect(netErrorReason(words)).toBe('unknown');
    }
    for (const coded of ['Error code 2153398258', 'NS_ERROR_NET_RESET', 'net::ERR_CERT_AUTHORITY_INVALID', 'SEC_ERROR_UNKNOWN_ISSUER', 2153390067]) {
      expect(hasErrorCode(coded)).toBe(true);
    }
  });

  it('anything else is unknown, never a throw', () => {
    for (const v of [undefined, null, {}, '', 'boom', 12, NaN, 'Error code 99']) {
      expect(netErrorReason(v)).toBe('unknown');
    }
  });
});

describe('HTTP statuses', () => {
  it('httpStatusReason', () => {
    expect(httpStatusReason(404)).toBe('http-404');
    expect(httpStatusReason(522)).toBe('http-522');
  });

  it('Chrome error page for an empty-body HTTP error', () => {
    expect(isHttpErrorPageFailure('net::ERR_HTTP_RESPONSE_CODE_FAILURE')).toBe(true);
    expect(isHttpErrorPageFailure('net::ERR_ABORTED')).toBe(false);
  });

  it('notice for 404, 410, 451, 5xx and 52x', () => {
    for (const s of [404, 410, 451, 500, 502, 503, 504, 520, 521, 522, 523, 524, 525, 526, 530]) {
      expect(warrantsHttpNotice(s)).toBe(true);
    }
  });

  it('no notice for 2xx/3xx, 401, 429, other 4xx', () => {
    for (const s of [200, 204, 301, 304, 400, 401, 405, 407, 408, 429, 600, NaN]) {
      expect(warrantsHttpNotice(s)).toBe(false);
    }
  });

  it('403 only when the page is not an article', () => {
    expect(warrantsHttpNotice(403)).toBe(false);
    expect(warrantsHttpNotice(403, { pageIsArticle: true })).toBe(false);
    expect(warrantsHttpNotice(403, { pageIsArticle: false })).toBe(true);
  });

  it('Cloudflare challenges (403/503) are not unavailable pages', () => {
    const cf = { server: 'cloudflare', 'cf-ray': '8a1b2c3d4e5f-AMS' };
    expect(warrantsHttpNotice(403, { headers: { 'cf-mitigated': 'challenge' }, pageIsArticle: false })).toBe(false);
    expect(warrantsHttpNotice(503, { headers: cf, bodySample: '<title>Just a moment...</title><script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1"></script>' })).toBe(false);
    expect(isBotChallenge(503, cf, '<p>origin is down</p>')).toBe(false);
    expect(warrantsHttpNotice(503, { headers: cf, bodySample: '<p>origin is down</p>' })).toBe(true);
    expect(isBotChallenge(503, { Server: 'cloudflare', 'CF-Chl-Bypass': '1' })).toBe(true);
    expect(isBotChallenge(503, { server: 'nginx' }, 'Just a moment...')).toBe(false);
  });
});

describe('isBadPortUrl', () => {
  it("the Fetch standard's bad ports on http(s) URLs only", () => {
    expect(isBadPortUrl('http://news.test:6000/story.html')).toBe(true);
    expect(isBadPortUrl('https://news.test:25/')).toBe(true);
    expect(isBadPortUrl('http://news.test:8080/')).toBe(false);
    expect(isBadPortUrl('http://news.test/')).toBe(false);
    expect(isBadPortUrl('ftp://news.test:6000/')).toBe(false);
    expect(isBadPortUrl('not a url')).toBe(false);
  });
});
