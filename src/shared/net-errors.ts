/**
 * Network failures and HTTP statuses → the `reason` codes of `unavailable.html` (PRODUCT.md).
 *
 * Chrome reports `net::ERR_*` strings (webNavigation.onErrorOccurred and webRequest.onErrorOccurred).
 * Firefox reports webRequest errors as names (`NS_ERROR_NET_RESET`, `NS_BINDING_ABORTED`,
 * `SSL_ERROR_…`) and webNavigation errors as numeric nsresults, usually as "Error code 2152398878".
 * nsresult = 0x80000000 | ((module + 0x45) << 16) | code (xpcom/base/ErrorList.py):
 * network module 6 → 0x804B0000 (2152398848), URI loader 24 → 0x805D0000, security 21 →
 * 0x805A0000 (every NSS/PKIX certificate and TLS error lives there).
 *
 * `null` means "not a failure of the page": the user stopped it, another navigation replaced it,
 * it became a download, or the browser showed its own safe-browsing warning.
 */

export type NetErrorReason =
  | 'dns'
  | 'connection-reset'
  | 'connection-refused'
  | 'connection-closed'
  | 'timeout'
  | 'tls'
  | 'empty-response'
  | 'blocked-by-policy'
  | 'unknown';

const CHROME: Record<string, NetErrorReason | null> = {
  // Not failures
  ERR_ABORTED: null, // user stop, replaced navigation, download, 204
  ERR_UNKNOWN_URL_SCHEME: null,
  ERR_INVALID_URL: null,
  ERR_INVALID_REDIRECT: 'unknown',
  // DNS
  ERR_NAME_NOT_RESOLVED: 'dns',
  ERR_NAME_RESOLUTION_FAILED: 'dns',
  ERR_ICANN_NAME_COLLISION: 'dns',
  // Connection
  ERR_CONNECTION_RESET: 'connection-reset',
  ERR_NETWORK_IO_SUSPENDED: 'connection-reset',
  ERR_CONNECTION_REFUSED: 'connection-refused',
  ERR_CONNECTION_FAILED: 'connection-refused',
  ERR_ADDRESS_UNREACHABLE: 'connection-refused',
  ERR_ADDRESS_INVALID: 'connection-refused',
  ERR_PROXY_CONNECTION_FAILED: 'connection-refused',
  ERR_TUNNEL_CONNECTION_FAILED: 'connection-refused',
  ERR_SOCKS_CONNECTION_FAILED: 'connection-refused',
  ERR_CONNECTION_CLOSED: 'connection-closed',
  ERR_CONNECTION_ABORTED: 'connection-closed',
  ERR_SOCKET_NOT_CONNECTED: 'connection-closed',
  ERR_HTTP2_PROTOCOL_ERROR: 'connection-closed',
  ERR_QUIC_PROTOCOL_ERROR: 'connection-closed',
  ERR_INCOMPLETE_CHUNKED_ENCODING: 'connection-closed',
  ERR_CONTENT_LENGTH_MISMATCH: 'connection-closed',
  ERR_EMPTY_RESPONSE: 'empty-response',
  ERR_TIMED_OUT: 'timeout',
  ERR_CONNECTION_TIMED_OUT: 'timeout',
  ERR_SOCKS_CONNECTION_HOST_UNREACHABLE: 'timeout',
  // TLS (besides every ERR_CERT_* / ERR_SSL_*)
  ERR_BAD_SSL_CLIENT_AUTH_CERT: 'tls',
  ERR_CERTIFICATE_TRANSPARENCY_REQUIRED: 'tls',
  ERR_TLS13_DOWNGRADE_DETECTED: 'tls',
  ERR_ECH_FALLBACK_CERTIFICATE_INVALID: 'tls',
  ERR_INSECURE_RESPONSE: 'tls',
  ERR_HTTP2_INADEQUATE_TRANSPORT_SECURITY: 'tls',
  ERR_CLEARTEXT_NOT_PERMITTED: 'tls',
  // Policy
  ERR_BLOCKED_BY_ADMINISTRATOR: 'blocked-by-policy',
  ERR_BLOCKED_BY_CLIENT: 'blocked-by-policy', // another extension or the browser refused it
  ERR_NETWORK_ACCESS_DENIED: 'blocked-by-policy',
  ERR_UNSAFE_PORT: 'blocked-by-policy',
  // Other real failures
  ERR_INTERNET_DISCONNECTED: 'unknown',
  ERR_NETWORK_CHANGED: 'unknown',
  ERR_TOO_MANY_REDIRECTS: 'unknown',
  ERR_BLOCKED_BY_RESPONSE: 'unknown',
  ERR_HTTP_RESPONSE_CODE_FAILURE: 'unknown', // see isHttpErrorPageFailure
  ERR_FAILED: 'unknown',
};

/** Chrome's numeric net error codes (net_error_list.h), for callers that have only the number. */
const CHROME_NUMERIC: Record<number, string> = {
  [-3]: 'ERR_ABORTED', [-7]: 'ERR_TIMED_OUT', [-20]: 'ERR_BLOCKED_BY_CLIENT',
  [-22]: 'ERR_BLOCKED_BY_ADMINISTRATOR', [-100]: 'ERR_CONNECTION_CLOSED', [-101]: 'ERR_CONNECTION_RESET',
  [-102]: 'ERR_CONNECTION_REFUSED', [-103]: 'ERR_CONNECTION_ABORTED', [-104]: 'ERR_CONNECTION_FAILED',
  [-105]: 'ERR_NAME_NOT_RESOLVED', [-106]: 'ERR_INTERNET_DISCONNECTED', [-107]: 'ERR_SSL_PROTOCOL_ERROR',
  [-109]: 'ERR_ADDRESS_UNREACHABLE', [-113]: 'ERR_SSL_VERSION_OR_CIPHER_MISMATCH',
  [-118]: 'ERR_CONNECTION_TIMED_OUT', [-137]: 'ERR_NAME_RESOLUTION_FAILED', [-324]: 'ERR_EMPTY_RESPONSE',
  [-370]: 'ERR_HTTP_RESPONSE_CODE_FAILURE',
};

const FIREFOX: Record<string, NetErrorReason | null> = {
  // Not failures
  NS_BINDING_ABORTED: null,
  NS_ERROR_ABORT: null,
  NS_BINDING_REDIRECTED: null,
  NS_BINDING_RETARGETED: null, // handed to a download / another handler
  NS_ERROR_DOCSHELL_DYING: null,
  NS_ERROR_NO_CONTENT: null,
  NS_ERROR_UNKNOWN_PROTOCOL: null,
  NS_ERROR_MALFORMED_URI: null,
  NS_ERROR_WONT_HANDLE_CONTENT: null,
  NS_ERROR_PARSED_DATA_CACHED: null,
  NS_ERROR_SAVE_LINK_AS_TIMEOUT: null,
  // Safe Browsing shows its own warning with a way through: not ours to replace.
  NS_ERROR_MALWARE_URI: null,
  NS_ERROR_PHISHING_URI: null,
  NS_ERROR_UNWANTED_URI: null,
  NS_ERROR_HARMFUL_URI: null,
  NS_ERROR_TRACKING_URI: null,
  // DNS
  NS_ERROR_UNKNOWN_HOST: 'dns',
  NS_ERROR_UNKNOWN_PROXY_HOST: 'dns',
  // Connection
  NS_ERROR_NET_RESET: 'connection-reset',
  NS_ERROR_NET_INTERRUPT: 'connection-reset',
  NS_ERROR_CONNECTION_REFUSED: 'connection-refused',
  NS_ERROR_PROXY_CONNECTION_REFUSED: 'connection-refused',
  NS_ERROR_NOT_CONNECTED: 'connection-closed',
  NS_ERROR_NET_PARTIAL_TRANSFER: 'connection-closed',
  NS_ERROR_NET_HTTP2_SENT_GOAWAY: 'connection-closed',
  NS_ERROR_NET_HTTP3_PROTOCOL_ERROR: 'connection-closed',
  NS_ERROR_NET_EMPTY_RESPONSE: 'empty-response',
  NS_ERROR_NET_TIMEOUT: 'timeout',
  NS_ERROR_NET_TIMEOUT_EXTERNAL: 'timeout',
  // TLS (besides every SSL_ERROR_* / SEC_ERROR_* / MOZILLA_PKIX_ERROR_*)
  NS_ERROR_NET_INADEQUATE_SECURITY: 'tls',
  // Policy
  NS_ERROR_BLOCKED_URI: 'blocked-by-policy',
  NS_ERROR_BLOCKED_BY_POLICY: 'blocked-by-policy',
  NS_ERROR_PORT_ACCESS_NOT_ALLOWED: 'blocked-by-policy',
  // Other real failures
  NS_ERROR_OFFLINE: 'unknown',
  NS_ERROR_REDIRECT_LOOP: 'unknown',
  NS_ERROR_CORRUPTED_CONTENT: 'unknown',
  NS_ERROR_INVALID_CONTENT_ENCODING: 'unknown',
  NS_BINDING_FAILED: 'unknown',
  NS_ERROR_FAILURE: 'unknown',
};

const NET_MODULE = 0x804b0000;
const URILOADER_MODULE = 0x805d0000;
const SECURITY_MODULE = 0x805a0000;

/** Numeric nsresults, checked against xpcom/base/ErrorList.py (FAILURE(code) in each module). */
const FIREFOX_NUMERIC: Record<number, string> = {
  [NET_MODULE + 1]: 'NS_BINDING_FAILED',
  [NET_MODULE + 2]: 'NS_BINDING_ABORTED',
  [NET_MODULE + 3]: 'NS_BINDING_REDIRECTED',
  [NET_MODULE + 4]: 'NS_BINDING_RETARGETED',
  [NET_MODULE + 10]: 'NS_ERROR_MALFORMED_URI',
  [NET_MODULE + 12]: 'NS_ERROR_NOT_CONNECTED',
  [NET_MODULE + 13]: 'NS_ERROR_CONNECTION_REFUSED',
  [NET_MODULE + 14]: 'NS_ERROR_NET_TIMEOUT',
  [NET_MODULE + 16]: 'NS_ERROR_OFFLINE',
  [NET_MODULE + 17]: 'NS_ERROR_NO_CONTENT',
  [NET_MODULE + 18]: 'NS_ERROR_UNKNOWN_PROTOCOL',
  [NET_MODULE + 19]: 'NS_ERROR_PORT_ACCESS_NOT_ALLOWED',
  [NET_MODULE + 20]: 'NS_ERROR_NET_RESET',
  [NET_MODULE + 27]: 'NS_ERROR_INVALID_CONTENT_ENCODING',
  [NET_MODULE + 29]: 'NS_ERROR_CORRUPTED_CONTENT',
  [NET_MODULE + 30]: 'NS_ERROR_UNKNOWN_HOST',
  [NET_MODULE + 31]: 'NS_ERROR_REDIRECT_LOOP',
  [NET_MODULE + 42]: 'NS_ERROR_UNKNOWN_PROXY_HOST',
  [NET_MODULE + 71]: 'NS_ERROR_NET_INTERRUPT',
  [NET_MODULE + 72]: 'NS_ERROR_PROXY_CONNECTION_REFUSED',
  [NET_MODULE + 76]: 'NS_ERROR_NET_PARTIAL_TRANSFER',
  [NET_MODULE + 78]: 'NS_ERROR_DOCSHELL_DYING',
  [NET_MODULE + 82]: 'NS_ERROR_NET_INADEQUATE_SECURITY',
  [URILOADER_MODULE + 1]: 'NS_ERROR_WONT_HANDLE_CONTENT',
  [URILOADER_MODULE + 30]: 'NS_ERROR_MALWARE_URI',
  [URILOADER_MODULE + 31]: 'NS_ERROR_PHISHING_URI',
  [URILOADER_MODULE + 33]: 'NS_ERROR_PARSED_DATA_CACHED',
  [URILOADER_MODULE + 34]: 'NS_ERROR_TRACKING_URI',
  [URILOADER_MODULE + 35]: 'NS_ERROR_UNWANTED_URI',
  [URILOADER_MODULE + 37]: 'NS_ERROR_BLOCKED_URI',
  [0x80004004]: 'NS_ERROR_ABORT',
  [0x80004005]: 'NS_ERROR_FAILURE',
};

function fromName(name: string): NetErrorReason | null | undefined {
  if (name in CHROME) return CHROME[name];
  if (name in FIREFOX) return FIREFOX[name];
  if (/^ERR_(?:CERT|SSL)_/.test(name)) return 'tls';
  if (/^ERR_(?:DNS|NAME)_/.test(name)) return 'dns';
  if (/^(?:SSL_ERROR|SEC_ERROR|MOZILLA_PKIX_ERROR)_/.test(name)) return 'tls';
  return undefined;
}

function fromNumber(n: number): NetErrorReason | null | undefined {
  if (!Number.isFinite(n) || !Number.isInteger(n)) return undefined;
  if (n < 0 && n > -1000) {
    const name = CHROME_NUMERIC[n];
    if (name) return fromName(name);
    if (n <= -200 && n > -300) return 'tls'; // certificate errors
    return undefined;
  }
  const u = n < 0 ? n + 0x1_0000_0000 : n; // nsresult seen as a signed 32-bit int
  const name = FIREFOX_NUMERIC[u];
  if (name) return fromName(name);
  if ((u & 0xffff0000) >>> 0 === SECURITY_MODULE) return 'tls';
  return undefined;
}

/** The reason from the codes in an error string (names, nsresults, net error numbers), or undefined when it holds none. */
function reasonFromCodes(s: string): NetErrorReason | null | undefined {
  // Names anywhere in the string ("net::ERR_X", "Error: NS_ERROR_X", "SSL_ERROR_X").
  const names = s.match(/\b(?:ERR_[A-Z0-9_]+|NS_(?:ERROR|BINDING)_[A-Z0-9_]+|NS_BINDING_[A-Z]+|(?:SSL_ERROR|SEC_ERROR|MOZILLA_PKIX_ERROR)_[A-Z0-9_]+)\b/g);
  if (names) {
    for (const n of names) {
      const r = fromName(n);
      if (r !== undefined) return r;
    }
  }
  // Numbers: "Error code 2152398878", "0x804b001e", "-2142568418", "-105".
  const hex = /\b0x([0-9a-f]{1,8})\b/i.exec(s);
  if (hex) {
    const r = fromNumber(parseInt(hex[1]!, 16));
    if (r !== undefined) return r;
  }
  const dec = /(?:^|[^\w.])(-?\d{1,10})(?![\w.])/.exec(s);
  if (dec) {
    const r = fromNumber(Number(dec[1]));
    if (r !== undefined) return r;
  }
  return undefined;
}

/**
 * The `reason` code for a navigation/request error as the browser reports it, or `null` when it
 * is not a failure of the page. Only codes count, never wording: Firefox's webRequest gives
 * certificate and TLS failures as NSS's message in the browser's UI language ("The certificate
 * is not trusted because it is self-signed."), so such a message is `unknown` here and the
 * caller waits for webNavigation's numeric nsresult of the same failure (see `hasErrorCode`).
 * Unknown errors are `unknown`; never throws.
 */
export function netErrorReason(error: unknown): NetErrorReason | null {
  if (typeof error === 'number') {
    const r = fromNumber(error);
    return r === undefined ? 'unknown' : r;
  }
  if (typeof error !== 'string') return 'unknown';
  const s = error.trim();
  if (!s) return 'unknown';
  const r = reasonFromCodes(s);
  return r === undefined ? 'unknown' : r;
}

/** Whether an error string carries a code we know (false for a browser's free-text message). */
export function hasErrorCode(error: unknown): boolean {
  if (typeof error === 'number') return fromNumber(error) !== undefined;
  return typeof error === 'string' && reasonFromCodes(error.trim()) !== undefined;
}

/** The Fetch standard's "bad ports": no browser loads a page from them (ERR_UNSAFE_PORT). */
const BAD_PORTS = new Set([
  0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111,
  113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548,
  554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665,
  6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/**
 * Whether the browser refuses this http(s) URL for its port. Firefox refuses such a navigation
 * without any error event (its error page commits under the URL), so the commit is the only sign.
 */
export function isBadPortUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.port !== '' && BAD_PORTS.has(Number(u.port));
  } catch {
    return false;
  }
}

/**
 * Chrome's own error page for an HTTP error with an empty body ("HTTP ERROR 404"): the reason
 * is then `http-<status>` from the response, not a network failure.
 */
export function isHttpErrorPageFailure(error: unknown): boolean {
  return typeof error === 'string' ? /\bERR_HTTP_RESPONSE_CODE_FAILURE\b/.test(error) : error === -370;
}

/** `http-<status>`. */
export function httpStatusReason(status: number): `http-${number}` {
  return `http-${Math.trunc(status)}`;
}

export type Headers = Record<string, string | undefined>;

function header(h: Headers | undefined, name: string): string {
  if (!h) return '';
  const v = h[name] ?? h[name.toLowerCase()];
  if (typeof v === 'string') return v;
  for (const k of Object.keys(h)) if (k.toLowerCase() === name) return String(h[k] ?? '');
  return '';
}

const CHALLENGE_BODY = /cf-chl-|challenge-platform|_cf_chl_opt|cf_chl_|\bjust a moment\.\.\.|checking your browser|ddos-guard|captcha-delivery|sucuri website firewall|\/_incapsula_resource|px-captcha|hcaptcha|turnstile/i;

/**
 * A bot check (Cloudflare and similar) rather than an unavailable page: the browser passes it by
 * itself, so no notice. Headers: `cf-mitigated: challenge`; or a Cloudflare/DDoS-Guard/etc.
 * 403/503 with a challenge marker in the body (pass its first few KB as `bodySample`).
 */
export function isBotChallenge(status: number, headers?: Headers, bodySample?: string): boolean {
  if (/\bchallenge\b/i.test(header(headers, 'cf-mitigated'))) return true;
  if (status !== 403 && status !== 503 && status !== 429) return false;
  const server = header(headers, 'server').toLowerCase();
  const waf = /cloudflare|ddos-guard|sucuri|akamai|imperva|incapsula|stormwall|qrator|variti/.test(server) ||
    header(headers, 'cf-ray') !== '' || header(headers, 'cf-chl-bypass') !== '' || header(headers, 'x-sucuri-id') !== '';
  if (!waf) return false;
  if (header(headers, 'cf-chl-bypass')) return true;
  return typeof bodySample === 'string' && CHALLENGE_BODY.test(bodySample.slice(0, 20_000));
}

export interface HttpNoticeOptions {
  headers?: Headers;
  /** The start of the response body, for challenge markers. */
  bodySample?: string;
  /** For 403: whether the page that loaded is an article (detectArticle). Unknown → no notice. */
  pageIsArticle?: boolean;
}

/**
 * Whether a main-document HTTP status warrants the in-page notice: 404, 410, 451, 5xx (with the
 * CDN 52x family), and 403 when what loaded is an error page rather than an article (geo-blocking).
 * Never for 401 (login), 429 (rate limit), other 4xx, 2xx/3xx, or a bot challenge.
 */
export function warrantsHttpNotice(status: number, opts: HttpNoticeOptions = {}): boolean {
  if (!Number.isInteger(status) || status < 400 || status > 599) return false;
  if (isBotChallenge(status, opts.headers, opts.bodySample)) return false;
  if (status === 404 || status === 410 || status === 451) return true;
  if (status >= 500) return true;
  if (status === 403) return opts.pageIsArticle === false;
  return false;
}
