import { diagnose, type Diagnosis } from './call-diagnosis.js';

/**
 * Every call to a Google API goes through `callGoogle`: a per-call timeout within an overall deadline,
 * retries with backoff for transient failures, and failures turned into a reason a person can act on
 * (which permission, on which resource, which role grants it). Sources record that reason as "unreadable";
 * nothing here throws past the source.
 */

/** gRPC status codes (google.rpc.Code) that matter here. */
export const GrpcCode = {
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

const CODE_NAMES: Record<number, string> = {
  1: 'CANCELLED', 2: 'UNKNOWN', 3: 'INVALID_ARGUMENT', 4: 'DEADLINE_EXCEEDED', 5: 'NOT_FOUND', 6: 'ALREADY_EXISTS',
  7: 'PERMISSION_DENIED', 8: 'RESOURCE_EXHAUSTED', 9: 'FAILED_PRECONDITION', 10: 'ABORTED', 11: 'OUT_OF_RANGE',
  12: 'UNIMPLEMENTED', 13: 'INTERNAL', 14: 'UNAVAILABLE', 15: 'DATA_LOSS', 16: 'UNAUTHENTICATED',
};

const MAX_ATTEMPTS = 4;
/** How long past the overall deadline a call may take to settle before it is abandoned. */
const DEADLINE_GRACE_MS = 1000;

/** Time limits of one run: each call gets at most `perCallMs`, and nothing starts after `deadline`. */
export interface CallBudget {
  perCallMs: number;
  /** Epoch milliseconds after which no call is started (the `--timeout`). */
  deadline: number;
  overallSeconds: number;
}

/** What a call needs to say when it fails: the resource, and the permission and role a person would grant. */
export interface CallPurpose {
  resource: string;
  permission: string;
  role: string;
}

/** A call that did not succeed, with a reason fit for the report. `code` is the gRPC status, if any. */
export class GoogleCallFailure extends Error {
  constructor(
    readonly reason: string,
    readonly code?: number,
    /** The server's own first line, for callers that can learn more from it (a version's state). */
    readonly serverMessage?: string,
  ) {
    super(reason);
    this.name = 'GoogleCallFailure';
  }
}

/** Per-call options for the generated clients: our own timeout, and no retries of theirs (we retry here). */
export interface GaxCallOptions {
  timeout: number;
  maxRetries: number;
  autoPaginate: false;
}

export async function callGoogle<T>(budget: CallBudget, purpose: CallPurpose, call: (options: GaxCallOptions) => Promise<T>): Promise<T> {
  let last: Diagnosis | undefined;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const remaining = budget.deadline - Date.now();
    if (remaining <= 0) throw overallTimeout(budget, purpose, last);
    try {
      return await withinDeadline(call({ timeout: Math.min(budget.perCallMs, remaining), maxRetries: 0, autoPaginate: false }), budget, purpose);
    } catch (error) {
      if (error instanceof GoogleCallFailure) throw error;
      last = diagnose(error);
      if (!last.transient || attempt === MAX_ATTEMPTS) throw new GoogleCallFailure(explain(error, last, purpose, budget, attempt), last.code, firstLine(error));
      await sleep(Math.min(100 * 2 ** attempt, Math.max(0, budget.deadline - Date.now())));
    }
  }
  throw new GoogleCallFailure(`${purpose.resource} could not be read`, last?.code);
}

/**
 * The per-call timeout is enforced by gRPC, but not everything in a call is gRPC (fetching a token,
 * pagination inside the library): nothing may outlive the overall deadline by more than a moment.
 */
function withinDeadline<T>(work: Promise<T>, budget: CallBudget, purpose: CallPurpose): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(overallTimeout(budget, purpose)), Math.max(0, budget.deadline - Date.now()) + DEADLINE_GRACE_MS);
  });
  return Promise.race([work, expiry]).finally(() => clearTimeout(timer));
}

function overallTimeout(budget: CallBudget, purpose: CallPurpose, last?: Diagnosis): GoogleCallFailure {
  const before = last && last.kind !== 'timed out' ? ` (the last attempt failed: ${last.kind})` : '';
  return new GoogleCallFailure(`not read: the overall --timeout of ${budget.overallSeconds}s was reached before ${purpose.resource} could be read${before}`, last?.code ?? GrpcCode.DEADLINE_EXCEEDED);
}

function explain(error: unknown, diagnosis: Diagnosis, purpose: CallPurpose, budget: CallBudget, attempts: number): string {
  const tries = attempts > 1 ? `; ${attempts} attempts` : '';
  switch (diagnosis.kind) {
    case 'unauthenticated':
      return `not authenticated for ${purpose.resource}: the credentials were refused or could not produce an access token; log in with \`gcloud auth application-default login\``;
    case 'refused':
      return `connection refused${diagnosis.address ? ` by ${diagnosis.address}` : ''} reading ${purpose.resource}: nothing is listening there${tries}`;
    case 'reset':
      return `connection reset reading ${purpose.resource}: the server closed the connection before answering${tries}`;
    case 'host not found':
      return `host not found reading ${purpose.resource}: the API's address does not resolve${tries}`;
    case 'malformed response':
      return `malformed response reading ${purpose.resource}: the server did not answer as a Google API does`;
    case 'unavailable':
      return `unavailable: ${purpose.resource} could not be read (${CODE_NAMES[diagnosis.code ?? 14]}${tries}): ${firstLine(error)}`;
    case 'timed out':
      return `timed out reading ${purpose.resource} (${attempts} attempts of at most ${Math.round(budget.perCallMs / 1000)}s)`;
    default:
      break;
  }
  if (diagnosis.code === GrpcCode.PERMISSION_DENIED) return `permission denied: reading ${purpose.resource} needs ${purpose.permission} (granted by ${purpose.role})`;
  if (diagnosis.code === undefined) {
    // Not an answer from a server: the client library failed on its own. Its message may quote local input
    // (a credentials file), so only the error's kind is named.
    return `${purpose.resource} could not be read: the Google client library failed before the server answered (${errorKind(error)})`;
  }
  return `${CODE_NAMES[diagnosis.code] ?? `code ${diagnosis.code}`} reading ${purpose.resource}: ${firstLine(error)}`;
}

function errorKind(error: unknown): string {
  const name = (error as Error)?.name;
  return typeof name === 'string' && /^\w{1,40}$/.test(name) ? name : 'unknown error';
}

/** The server's own words, first line only, without the client's "5 NOT_FOUND:" prefix. */
function firstLine(error: unknown): string {
  const details = (error as { details?: unknown }).details;
  const text = typeof details === 'string' && details ? details : String((error as Error)?.message ?? error);
  return (text.split('\n')[0] ?? '').replace(/^Exceeded maximum number of retries retrying error (?:Error: )?/, '').replace(/^\d+ [A-Z_]+: /, '');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs `work` over `items` with at most `limit` in flight, so one slow item never holds up the rest. */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(workers);
  return results;
}
