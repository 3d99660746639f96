import { setMaxListeners } from 'node:events';
import { cancelled, permissionDenied, unavailable } from './api-error.js';
import { CallCounter } from './call-counter.js';
import { FaultPlan, type FakeGcpFaults } from './faults.js';
import { loadFixture, type FixtureStore } from './fixture-store.js';
import type { FakeGcpFixture } from './fixture-types.js';
import type { MethodContext, MethodHandler } from './method-context.js';
import { METHOD_PERMISSIONS, type FakeGcpMethod } from './methods.js';
import { PageTokens } from './paging.js';
import { protoCodec } from './proto-codec.js';
import { stringField, type ProtoJson } from './proto-json.js';
import { RUN_METHODS } from './run-methods.js';
import { IAM_METHODS } from './iam-methods.js';
import { SECRET_MANAGER_METHODS } from './secret-manager-methods.js';

/** Everything that shapes one fake: what it serves, how it pages, and what goes wrong. */
export interface FakeGcpOptions {
  fixture: FakeGcpFixture;
  faults?: FakeGcpFaults;
  /** Added to every call before it is answered, to make a benchmark feel the network. Default 0. */
  latencyMs?: number;
  /** Page size when a list request asks for none. Default 2, so clients must follow page tokens. */
  defaultPageSize?: number;
  /** Cap on requested page sizes. Default 100. */
  maxPageSize?: number;
}

const METHODS: Record<FakeGcpMethod, MethodHandler> = { ...RUN_METHODS, ...SECRET_MANAGER_METHODS, ...IAM_METHODS };

/**
 * The transport-independent fake: answers API calls from the fixture, with faults, latency and counting.
 * The gRPC server and the REST rendering are thin shells around one of these.
 */
export class FakeGcpBackend {
  readonly calls = new CallCounter();
  readonly store: FixtureStore;
  readonly #faults: FaultPlan;
  readonly #pages: PageTokens;
  readonly #latencyMs: number;
  readonly #closing = new AbortController();

  constructor(options: FakeGcpOptions) {
    this.store = loadFixture(options.fixture, protoCodec());
    this.#faults = new FaultPlan(options.faults ?? {}, (name) => this.#canonicalProject(name));
    this.#pages = new PageTokens({ defaultPageSize: options.defaultPageSize ?? 2, maxPageSize: options.maxPageSize ?? 100 });
    this.#latencyMs = options.latencyMs ?? 0;
    // Every delayed call listens for the close; many in flight is normal, not a leak.
    setMaxListeners(0, this.#closing.signal);
  }

  /**
   * Answers one call. Rejects with an ApiError; a call into a hanging region settles only when `signal`
   * aborts (the client gave up) or the backend closes.
   */
  async invoke(method: FakeGcpMethod, request: ProtoJson, signal?: AbortSignal): Promise<ProtoJson> {
    this.calls.record(method);
    const abandoned = [this.#closing.signal, ...(signal ? [signal] : [])];
    if (this.#latencyMs > 0) await sleep(this.#latencyMs, abandoned);
    const resource = stringField(request, 'name') || stringField(request, 'parent') || stringField(request, 'resource') || '';
    if (this.#faults.hangs(resource)) await sleep(Number.POSITIVE_INFINITY, abandoned);
    if (this.#faults.takeUnavailable(method)) throw unavailable('The service is currently unavailable.');
    if (this.#faults.denies(resource, method)) {
      throw permissionDenied(`Permission '${METHOD_PERMISSIONS[method]}' denied on resource '${resource}' (or it may not exist).`);
    }
    const context: MethodContext = { method, store: this.store, pages: this.#pages, faults: this.#faults };
    return METHODS[method](request, context);
  }

  /** Settles every pending (delayed or hanging) call with CANCELLED, so stopping never waits on them. */
  close(): void {
    this.#closing.abort();
  }

  #canonicalProject(name: string): string {
    const found = /^projects\/([^/]+)(.*)$/.exec(name);
    const project = found ? this.store.project(found[1]!) : undefined;
    return project && found ? `projects/${project.id}${found[2]}` : name;
  }
}

/**
 * Resolves after `ms` (never, for Infinity), or rejects with CANCELLED as soon as any of `signals` aborts.
 * Listeners are removed when it settles, so thousands of benchmark calls do not pile them up.
 */
function sleep(ms: number, signals: AbortSignal[]): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signals.some((signal) => signal.aborted)) return reject(cancelled('The call was cancelled.'));
    const timer = Number.isFinite(ms) ? setTimeout(() => settle(resolve), ms) : undefined;
    const onAbort = () => settle(() => reject(cancelled('The call was cancelled.')));
    for (const signal of signals) signal.addEventListener('abort', onAbort, { once: true });
    function settle(finish: () => void) {
      clearTimeout(timer);
      for (const signal of signals) signal.removeEventListener('abort', onAbort);
      finish();
    }
  });
}
