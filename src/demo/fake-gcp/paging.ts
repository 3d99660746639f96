import { invalidArgument } from './api-error.js';

/** How list calls page, per server. */
export interface PagingOptions {
  /** Page size when a request asks for none (0). Small by default so that clients must follow page tokens. */
  defaultPageSize: number;
  /** Larger requested sizes are capped to this, as the real APIs cap them. */
  maxPageSize: number;
}

export interface PageRequest {
  pageSize?: unknown;
  pageToken?: unknown;
}

export interface Page<T> {
  items: T[];
  /** Empty on the last page, as the real APIs answer. */
  nextPageToken: string;
}

/**
 * Issues and checks page tokens. A token is bound to the list it came from (method and parent), like the
 * real APIs ("all other parameters must match"); an unknown or foreign token is INVALID_ARGUMENT.
 */
export class PageTokens {
  readonly #issued = new Map<string, { scope: string; offset: number }>();
  #serial = 0;

  constructor(private readonly options: PagingOptions) {}

  /**
   * The page of `items` that `request` asks for. `scope` names the list (e.g. "ListServices projects/p/...").
   * With `spoilNextToken` the returned token is one this server will refuse (the bad-page-token fault).
   */
  page<T>(items: readonly T[], request: PageRequest, scope: string, spoilNextToken = false, loop?: 'sameToken' | 'freshTokens'): Page<T> {
    if (loop) return this.#loopingPage(items, request, scope, loop);
    const pageSize = Number(request.pageSize ?? 0);
    if (!Number.isInteger(pageSize) || pageSize < 0) throw invalidArgument(`Invalid page_size ${String(request.pageSize)}: must be a non-negative integer.`);
    const size = Math.min(pageSize === 0 ? this.options.defaultPageSize : pageSize, this.options.maxPageSize);
    const offset = this.#offsetOf(request.pageToken, scope);
    const end = offset + size;
    let nextPageToken = '';
    if (end < items.length) {
      nextPageToken = `page-${++this.#serial}`;
      if (!spoilNextToken) this.#issued.set(nextPageToken, { scope, offset: end });
    }
    return { items: items.slice(offset, end), nextPageToken };
  }

  /** The first page, every time, with a next-page token that leads back to it (the looping-pages fault). */
  #loopingPage<T>(items: readonly T[], request: PageRequest, scope: string, loop: 'sameToken' | 'freshTokens'): Page<T> {
    const size = Math.min(Number(request.pageSize) || this.options.defaultPageSize, this.options.maxPageSize);
    const nextPageToken = loop === 'sameToken' ? `loop-${scope}` : `loop-${++this.#serial}`;
    this.#issued.set(nextPageToken, { scope, offset: 0 });
    if (request.pageToken) this.#offsetOf(request.pageToken, scope);
    return { items: items.slice(0, size), nextPageToken };
  }

  #offsetOf(pageToken: unknown, scope: string): number {
    if (pageToken === undefined || pageToken === null || pageToken === '') return 0;
    const issued = typeof pageToken === 'string' ? this.#issued.get(pageToken) : undefined;
    if (!issued || issued.scope !== scope) throw invalidArgument(`Invalid page token ${JSON.stringify(pageToken)}.`);
    return issued.offset;
  }
}
