import type { FakeGcpListMethod, FakeGcpMethod } from './methods.js';
import { regionOf } from './resource-names.js';

/**
 * Failures the fake injects, per start, to exercise what envdrift must do when Google Cloud misbehaves:
 * report "could not read" (exit 3) instead of a false green, and never hang.
 */
export interface FakeGcpFaults {
  /**
   * Resource names that answer PERMISSION_DENIED, together with everything below them: a project
   * (`projects/acme`), a region (`projects/acme/locations/europe-west1`), a service, a secret
   * (`projects/acme/secrets/jwt` also denies its versions) or one version. Project id or number both match.
   */
  permissionDenied?: string[];
  /**
   * Methods that answer PERMISSION_DENIED whatever the resource: a caller missing one permission, such as
   * `resourcemanager.projects.getIamPolicy` (`GetProjectIamPolicy`), while everything else is readable.
   */
  deniedMethods?: FakeGcpMethod[];
  /** Regions whose calls never answer, so the client runs into its deadline (DEADLINE_EXCEEDED). */
  hangingRegions?: string[];
  /** Method → how many of its first calls answer UNAVAILABLE before it behaves normally (retry testing). */
  unavailableFirstCalls?: Partial<Record<FakeGcpMethod, number>>;
  /** Secret version names (`projects/P/secrets/S/versions/N`, N a number) whose access answer carries a wrong dataCrc32c. */
  corruptChecksums?: string[];
  /** List methods whose next-page tokens the server then refuses with INVALID_ARGUMENT, like an expired token. */
  badPageTokens?: FakeGcpListMethod[];
  /**
   * List methods that never end: every answer is the first page again. `sameToken` repeats one next-page
   * token forever (a server stuck on a cursor); `freshTokens` hands out a new token each time (a server that
   * ignores the token it is given).
   */
  loopingPages?: Partial<Record<FakeGcpListMethod, 'sameToken' | 'freshTokens'>>;
}

/** Rewrites `projects/<id or number>/rest` so that both spellings of a project compare equal. */
export type ProjectCanonicalizer = (name: string) => string;

/** Answers "does this fault apply to this call?"; stateful only for the UNAVAILABLE countdown. */
export class FaultPlan {
  readonly #unavailableLeft: Map<string, number>;
  readonly #denied: string[];
  readonly #corrupt: Set<string>;

  constructor(
    private readonly faults: FakeGcpFaults,
    private readonly canonical: ProjectCanonicalizer,
  ) {
    this.#unavailableLeft = new Map(Object.entries(faults.unavailableFirstCalls ?? {}));
    this.#denied = (faults.permissionDenied ?? []).map(canonical);
    this.#corrupt = new Set((faults.corruptChecksums ?? []).map(canonical));
  }

  /** True (and counts down) when this call of `method` must answer UNAVAILABLE. */
  takeUnavailable(method: FakeGcpMethod): boolean {
    const left = this.#unavailableLeft.get(method) ?? 0;
    if (left <= 0) return false;
    this.#unavailableLeft.set(method, left - 1);
    return true;
  }

  hangs(resource: string): boolean {
    const region = regionOf(resource);
    return region !== undefined && (this.faults.hangingRegions ?? []).includes(region);
  }

  denies(resource: string, method?: FakeGcpMethod): boolean {
    if (method !== undefined && (this.faults.deniedMethods ?? []).includes(method)) return true;
    const name = this.canonical(resource);
    return this.#denied.some((denied) => name === denied || name.startsWith(`${denied}/`));
  }

  corruptsChecksum(versionName: string): boolean {
    return this.#corrupt.has(this.canonical(versionName));
  }

  loopsPages(method: FakeGcpMethod): 'sameToken' | 'freshTokens' | undefined {
    return (this.faults.loopingPages as Partial<Record<string, 'sameToken' | 'freshTokens'>> | undefined)?.[method];
  }

  spoilsPageTokens(method: FakeGcpMethod): boolean {
    return (this.faults.badPageTokens ?? []).some((listMethod) => listMethod === method);
  }
}
