/**
 * Browser network errors → the `reason` codes of unavailable.html, or null when the error is
 * not a failure of the site (user abort, replaced navigation, download, another extension).
 * Chrome reports "net::ERR_*"; Firefox reports NS_ERROR_* names in webRequest and numeric
 * nsresults ("Error code 2152398861") in webNavigation.
 */

const chrome: Record<string, string | null> = {
  ERR_NAME_NOT_RESOLVED: 'dns',
  ERR_NAME_RESOLUTION_FAILED: 'dns',
  ERR_DNS_TIMED_OUT: 'dns',
  ERR_CONNECTION_RESET: 'connection-reset',
  ERR_CONNECTION_REFUSED: 'connection-refused',
  ERR_CONNECTION_CLOSED: 'connection-closed',
  ERR_CONNECTION_ABORTED: 'connection-closed',
  ERR_QUIC_PROTOCOL_ERROR: 'connection-closed',
  ERR_HTTP2_PROTOCOL_ERROR: 'connection-closed',
  ERR_EMPTY_RESPONSE: 'empty-response',
  ERR_CONNECTION_TIMED_OUT: 'timeout',
  ERR_TIMED_OUT: 'timeout',
  ERR_BLOCKED_BY_ADMINISTRATOR: 'blocked-by-policy',
  ERR_CONNECTION_FAILED: 'unknown',
  ERR_ADDRESS_UNREACHABLE: 'unknown',
  ERR_INVALID_RESPONSE: 'unknown',
  ERR_TOO_MANY_REDIRECTS: 'unknown',
  ERR_INTERNET_DISCONNECTED: 'unknown',
  ERR_PROXY_CONNECTION_FAILED: 'unknown',
  ERR_TUNNEL_CONNECTION_FAILED: 'unknown',
  // Not failures of the site:
  ERR_ABORTED: null,
  ERR_BLOCKED_BY_CLIENT: null,
  ERR_BLOCKED_BY_RESPONSE: null,
  ERR_CACHE_MISS: null,
  ERR_NETWORK_CHANGED: null,
  ERR_UNKNOWN_URL_SCHEME: null,
  ERR_FILE_NOT_FOUND: null,
  ERR_UNSAFE_PORT: null,
  ERR_HTTP_RESPONSE_CODE_FAILURE: 'http',
};

const firefoxNames: Record<string, string | null> = {
  NS_ERROR_UNKNOWN_HOST: 'dns',
  NS_ERROR_UNKNOWN_PROXY_HOST: 'unknown',
  NS_ERROR_NET_RESET: 'connection-reset',
  NS_ERROR_CONNECTION_REFUSED: 'connection-refused',
  NS_ERROR_PROXY_CONNECTION_REFUSED: 'unknown',
  NS_ERROR_NET_INTERRUPT: 'connection-closed',
  NS_ERROR_NET_PARTIAL_TRANSFER: 'connection-closed',
  NS_ERROR_NET_TIMEOUT: 'timeout',
  NS_ERROR_NET_TIMEOUT_EXTERNAL: 'timeout',
  NS_ERROR_NET_EMPTY_RESPONSE: 'empty-response',
  NS_ERROR_BLOCKED_BY_POLICY: 'blocked-by-policy',
  NS_ERROR_REDIRECT_LOOP: 'unknown',
  NS_ERROR_OFFLINE: 'unknown',
  NS_ERROR_NET_INADEQUATE_SECURITY: 'tls',
  NS_BINDING_ABORTED: null,
  NS_BINDING_REDIRECTED: null,
  NS_BINDING_RETARGETED: null,
  NS_ERROR_ABORT: null,
  NS_ERROR_DOCUMENT_NOT_CACHED: null,
  NS_ERROR_UNKNOWN_PROTOCOL: null,
  NS_ERROR_FILE_NOT_FOUND: null,
  NS_ERROR_PORT_ACCESS_NOT_ALLOWED: null,
  NS_ERROR_CONTENT_BLOCKED: null,
  NS_ERROR_TRACKING_URI: null,
  NS_ERROR_INTERCEPTION_FAILED: null,
};

/** Firefox nsresult numbers of the network module (0x804B….) by name. */
const nsNetwork: Record<number, string> = {
  0x02: 'NS_BINDING_ABORTED',
  0x03: 'NS_BINDING_REDIRECTED',
  0x04: 'NS_BINDING_RETARGETED',
  0x0d: 'NS_ERROR_CONNECTION_REFUSED',
  0x0e: 'NS_ERROR_NET_TIMEOUT',
  0x10: 'NS_ERROR_OFFLINE',
  0x13: 'NS_ERROR_PORT_ACCESS_NOT_ALLOWED',
  0x14: 'NS_ERROR_NET_RESET',
  0x12: 'NS_ERROR_UNKNOWN_PROTOCOL',
  0x1e: 'NS_ERROR_UNKNOWN_HOST',
  0x1f: 'NS_ERROR_REDIRECT_LOOP',
  0x2a: 'NS_ERROR_UNKNOWN_PROXY_HOST',
  0x47: 'NS_ERROR_NET_INTERRUPT',
  0x48: 'NS_ERROR_PROXY_CONNECTION_REFUSED',
  0x4c: 'NS_ERROR_NET_PARTIAL_TRANSFER',
  0x51: 'NS_ERROR_NET_INADEQUATE_SECURITY',
  0x55: 'NS_ERROR_NET_TIMEOUT_EXTERNAL',
  0x56: 'NS_ERROR_NET_EMPTY_RESPONSE',
};

/**
 * The reason code for a browser error string: a code, 'http' for Chrome's own page over an
 * empty-body HTTP error (the caller adds the status), null for non-failures.
 */
export function reasonForError(error: string | undefined | null): string | null {
  if (!error) return null;
  const text = error.trim();
  const net = /(?:net::)?(ERR_[A-Z0-9_]+)/.exec(text);
  if (net && net[1]) {
    const code = net[1];
    if (code in chrome) return chrome[code] ?? null;
    if (/^ERR_(SSL|CERT)_/.test(code) || code === 'ERR_BAD_SSL_CLIENT_AUTH_CERT') return 'tls';
    return 'unknown';
  }
  const name = /\b((?:NS_ERROR|NS_BINDING|SEC_ERROR|SSL_ERROR|MOZILLA_PKIX_ERROR)_[A-Z0-9_]+)\b/.exec(text)?.[1];
  const numeric = /(?:^|\D)(\d{9,10})(?:\D|$)/.exec(text)?.[1] ?? /0x([0-9a-f]{8})/i.exec(text)?.[1];
  let resolved = name;
  if (!resolved && numeric) {
    const value = /^\d+$/.test(numeric) ? Number(numeric) : parseInt(numeric, 16);
    if (value >>> 16 === 0x804b) resolved = nsNetwork[value & 0xffff] ?? 'NS_ERROR_NET_UNKNOWN';
    else if (value >>> 16 === 0x805a || value >>> 16 === 0x805d) resolved = 'SEC_ERROR_FROM_NUMBER';
    else if (value === 0x80004004) resolved = 'NS_ERROR_ABORT';
    else if (value === 0x804b0001) resolved = 'NS_BINDING_FAILED';
  }
  if (!resolved) return /abort/i.test(text) ? null : 'unknown';
  if (resolved in firefoxNames) return firefoxNames[resolved] ?? null;
  if (/^(SEC_ERROR|SSL_ERROR|MOZILLA_PKIX_ERROR)_/.test(resolved)) return 'tls';
  return 'unknown';
}
