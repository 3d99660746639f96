import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { status } from '@grpc/grpc-js';
import { ApiError, httpStatusOf, notFound, unimplemented } from '../../../src/demo/fake-gcp/api-error.js';
import type { CallCounter } from '../../../src/demo/fake-gcp/call-counter.js';
import { FakeGcpBackend, type FakeGcpOptions } from '../../../src/demo/fake-gcp/fake-backend.js';
import type { ProtoJson } from '../../../src/demo/fake-gcp/proto-json.js';
import { REST_ROUTES } from './rest-routes.js';

/** A running REST rendering of the fake. */
export interface FakeGcpRestServer {
  /** `http://127.0.0.1:PORT/`, the form `gcloud config set api_endpoint_overrides/...` takes. */
  url: string;
  address: string;
  port: number;
  calls: CallCounter;
  stop(): Promise<void>;
}

/**
 * Serves the same fixtures over HTTP/JSON on 127.0.0.1, so an independent real client (`gcloud`) can read
 * them and prove they are shaped like the real API.
 *
 * It also works as a plain HTTP proxy: a request whose target is an absolute URL is answered here, with the
 * region taken from a regional host name (`us-central1-run.example.invalid`). `gcloud run` derives such hosts
 * from the endpoint override, and resolving them would leave the machine; routing gcloud through this
 * server as its proxy keeps every connection on loopback.
 */
export async function startFakeGcpRest(options: FakeGcpOptions): Promise<FakeGcpRestServer> {
  const backend = new FakeGcpBackend(options);
  const server = createServer((request, response) => {
    const abandoned = new AbortController();
    response.on('close', () => abandoned.abort());
    answer(request, backend, abandoned.signal).then(
      (body) => send(response, 200, body),
      (error: unknown) => send(response, ...errorBody(error)),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake-gcp REST: no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    address: `127.0.0.1:${address.port}`,
    port: address.port,
    calls: backend.calls,
    async stop() {
      backend.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function answer(request: IncomingMessage, backend: FakeGcpBackend, signal: AbortSignal): Promise<ProtoJson> {
  // An absolute target (proxy form) carries the host; otherwise the Host header does.
  const url = new URL(request.url ?? '/', `http://${request.headers.host ?? '127.0.0.1'}`);
  if (request.method !== 'GET') throw unimplemented(`The fake serves reads only; ${request.method} ${url.pathname} is not implemented.`);
  const region = /^([a-z]+-[a-z]+\d+)-/.exec(url.hostname)?.[1];
  for (const route of REST_ROUTES) {
    const found = route.pattern.exec(url.pathname);
    if (found) return route.answer(found.slice(1).map((segment) => decodeURIComponent(segment)), { backend, query: url.searchParams, signal, ...(region ? { region } : {}) });
  }
  throw notFound(`The fake does not serve ${url.pathname}.`);
}

function errorBody(error: unknown): [number, ProtoJson] {
  const apiError = error instanceof ApiError ? error : new ApiError(status.INTERNAL, `fake-gcp internal error: ${(error as Error).message}`);
  const { http, name } = httpStatusOf(apiError.code);
  return [http, { error: { code: http, message: apiError.message, status: name } }];
}

function send(response: ServerResponse, status: number, body: ProtoJson): void {
  if (response.destroyed) return;
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  response.end(JSON.stringify(body));
}
