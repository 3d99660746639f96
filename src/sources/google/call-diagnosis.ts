/**
 * What actually went wrong with a failed Google call, in the words a person needs: the connection was
 * refused or reset, the server's answer was not a Google API's, the credentials were refused, the service
 * was unavailable, or the call timed out. google-gax hides most of these behind one DEADLINE_EXCEEDED
 * ("Exceeded maximum number of retries retrying error Error: 14 UNAVAILABLE: …") even when the call failed
 * within milliseconds, which made every failure read "timed out".
 */
export type FailureKind = 'refused' | 'reset' | 'host not found' | 'malformed response' | 'unauthenticated' | 'unavailable' | 'timed out' | 'other';

export interface Diagnosis {
  kind: FailureKind;
  /** The gRPC status of the underlying failure (unwrapped from gax's retry wrapper), if any. */
  code?: number;
  /** Worth another attempt: the server may answer next time. */
  transient: boolean;
  /** The address a refused connection was made to, for the message. */
  address?: string;
}

const UNAVAILABLE = 14;
const DEADLINE_EXCEEDED = 4;
const RESOURCE_EXHAUSTED = 8;
const UNAUTHENTICATED = 16;

export function diagnose(error: unknown): Diagnosis {
  const text = messageOf(error);
  const wrapped = /Exceeded maximum number of retries retrying error (?:Error: )?(\d+) [A-Z_]+:/.exec(text);
  const outerCode = (error as { code?: unknown })?.code;
  const code = wrapped ? Number(wrapped[1]) : typeof outerCode === 'number' ? outerCode : undefined;

  if (/Getting metadata from plugin failed/i.test(text) || code === UNAUTHENTICATED) return { kind: 'unauthenticated', code, transient: false };
  if (/ECONNREFUSED/.test(text)) return { kind: 'refused', code, transient: true, ...addressOf(text) };
  if (/ECONNRESET|EPIPE|socket hang up|Connection dropped|RST_STREAM|connection closed/i.test(text)) return { kind: 'reset', code, transient: true };
  // A connection that opens and then closes before the HTTP/2 exchange starts is UNAVAILABLE "Failed to connect"
  // without the ECONNRESET underneath, depending on timing (a refused one says ECONNREFUSED, matched above; a
  // connect that never completes is DEADLINE_EXCEEDED, "timed out" below).
  if (code === UNAVAILABLE && /Failed to connect/.test(text)) return { kind: 'reset', code, transient: true };
  if (/ENOTFOUND|EAI_AGAIN|Name resolution failed|DNS resolution failed/i.test(text)) return { kind: 'host not found', code, transient: true };
  if (/Protocol error|Failed to parse server response|Response message parsing error|Received HTTP status code|unexpected content-type|Received RST_STREAM with code 1\b|Malformed/i.test(text)) {
    return { kind: 'malformed response', code, transient: false };
  }
  if (code === UNAVAILABLE || code === RESOURCE_EXHAUSTED) return { kind: 'unavailable', code, transient: true };
  if (code === DEADLINE_EXCEEDED) return { kind: 'timed out', code, transient: true };
  return { kind: 'other', code, transient: false };
}

function addressOf(text: string): { address?: string } {
  const found = /ECONNREFUSED ([\w.:[\]-]+:\d+)/.exec(text);
  return found ? { address: found[1] } : {};
}

function messageOf(error: unknown): string {
  const details = (error as { details?: unknown })?.details;
  const message = (error as { message?: unknown })?.message;
  return `${typeof message === 'string' ? message : ''}\n${typeof details === 'string' ? details : ''}`;
}
