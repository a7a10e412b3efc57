import { describe, expect, it } from 'vitest';
import { reasonForError } from '../../../src/background/net-reason.js';

describe('reasonForError', () => {
  it('maps Chrome net errors to reason codes', () => {
    expect(reasonForError('net::ERR_NAME_NOT_RESOLVED')).toBe('dns');
    expect(reasonForError('net::ERR_CONNECTION_RESET')).toBe('connection-reset');
    expect(reasonForError('net::ERR_CONNECTION_REFUSED')).toBe('connection-refused');
    expect(reasonForError('net::ERR_CONNECTION_CLOSED')).toBe('connection-closed');
    expect(reasonForError('net::ERR_EMPTY_RESPONSE')).toBe('empty-response');
    expect(reasonForError('net::ERR_CONNECTION_TIMED_OUT')).toBe('timeout');
    expect(reasonForError('net::ERR_CERT_AUTHORITY_INVALID')).toBe('tls');
    expect(reasonForError('net::ERR_SSL_PROTOCOL_ERROR')).toBe('tls');
    expect(reasonForError('net::ERR_BLOCKED_BY_ADMINISTRATOR')).toBe('blocked-by-policy');
    expect(reasonForError('net::ERR_HTTP_RESPONSE_CODE_FAILURE')).toBe('http');
    expect(reasonForError('net::ERR_SOMETHING_NEW')).toBe('unknown');
  });

  it('treats aborts, replaced navigations, downloads and other extensions as no failure', () => {
    expect(reasonForError('net::ERR_ABORTED')).toBeNull();
    expect(reasonForError('net::ERR_BLOCKED_BY_CLIENT')).toBeNull();
    expect(reasonForError('NS_BINDING_ABORTED')).toBeNull();
    expect(reasonForError('NS_BINDING_REDIRECTED')).toBeNull();
    expect(reasonForError('NS_BINDING_RETARGETED')).toBeNull();
    expect(reasonForError('Error code 2152398850')).toBeNull();
    expect(reasonForError('')).toBeNull();
    expect(reasonForError(undefined)).toBeNull();
  });

  it('maps Firefox NS_ERROR names (webRequest) and nsresult numbers (webNavigation)', () => {
    expect(reasonForError('NS_ERROR_UNKNOWN_HOST')).toBe('dns');
    expect(reasonForError('NS_ERROR_NET_RESET')).toBe('connection-reset');
    expect(reasonForError('NS_ERROR_CONNECTION_REFUSED')).toBe('connection-refused');
    expect(reasonForError('NS_ERROR_NET_INTERRUPT')).toBe('connection-closed');
    expect(reasonForError('NS_ERROR_NET_TIMEOUT')).toBe('timeout');
    expect(reasonForError('SEC_ERROR_UNKNOWN_ISSUER')).toBe('tls');
    expect(reasonForError('SSL_ERROR_BAD_CERT_DOMAIN')).toBe('tls');
    expect(reasonForError('Error code 2152398878')).toBe('dns');
    expect(reasonForError('Error code 2152398868')).toBe('connection-reset');
    expect(reasonForError('Error code 2152398861')).toBe('connection-refused');
    expect(reasonForError('Error code 2152398862')).toBe('timeout');
    expect(reasonForError('Error code 2153394164')).toBe('tls');
  });
});
