import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { ApiError } from './api-error.js';
import type { CallCounter } from './call-counter.js';
import { FakeGcpBackend, type FakeGcpOptions } from './fake-backend.js';
import { FAKE_GCP_METHODS, METHOD_SERVICES, type FakeGcpMethod } from './methods.js';
import { protoCodec } from './proto-codec.js';
import { PROTO_ENTRY_FILES, protoIncludeDirs } from './proto-files.js';
import type { ProtoJson } from './proto-json.js';

/** A running fake; `address` is what `CLOUD_RUN_EMULATOR_HOST` / `SECRET_MANAGER_EMULATOR_HOST` take. */
export interface FakeGcpServer {
  /** `127.0.0.1:PORT`. */
  address: string;
  host: '127.0.0.1';
  port: number;
  /** Calls received so far, per method (retries and failed calls included). */
  calls: CallCounter;
  /** Cancels pending calls and closes every connection; resolves when the port is released. */
  stop(): Promise<void>;
}

/**
 * Starts the fake Cloud Run v2 + Secret Manager v1 + Locations gRPC server on 127.0.0.1 (a free port), so the
 * real `@google-cloud/run` and `@google-cloud/secret-manager` clients can run against it over real gRPC.
 * Only loopback is ever bound: the fake must not be reachable from other machines.
 */
export async function startFakeGcp(options: FakeGcpOptions): Promise<FakeGcpServer> {
  const backend = new FakeGcpBackend(options);
  const server = new grpc.Server();
  for (const [definition, implementation] of serviceBindings(backend)) server.addService(definition, implementation);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, boundPort) => (error ? reject(error) : resolve(boundPort)));
  });
  return {
    address: `127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    calls: backend.calls,
    async stop() {
      backend.close();
      // Hanging calls would keep a graceful shutdown waiting for their clients' deadlines; nothing of value
      // is lost by cutting them, since the fake holds no state worth flushing.
      server.forceShutdown();
    },
  };
}

let packageDefinition: protoLoader.PackageDefinition | undefined;

/** proto-loader's view of the services (paths, request decoding), loaded once per process. */
function loadPackageDefinition(): protoLoader.PackageDefinition {
  packageDefinition ??= protoLoader.loadSync([...PROTO_ENTRY_FILES], {
    includeDirs: protoIncludeDirs(),
    // Requests arrive as proto3-JSON-like objects: camelCase keys, enums as names, int64 as strings.
    keepCase: false,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  return packageDefinition;
}

/**
 * One (definition, implementation) pair per gRPC service, restricted to the implemented methods (the rest
 * answer UNIMPLEMENTED). Responses are encoded from proto3 JSON by the codec rather than by proto-loader,
 * whose `fromObject` does not understand proto3 JSON (RFC 3339 timestamps, "3.5s" durations, base64 bytes).
 */
function serviceBindings(backend: FakeGcpBackend): Array<[grpc.ServiceDefinition, grpc.UntypedServiceImplementation]> {
  const definitions = loadPackageDefinition();
  const codec = protoCodec();
  const byService = new Map<string, [Record<string, grpc.MethodDefinition<object, object>>, grpc.UntypedServiceImplementation]>();
  for (const method of FAKE_GCP_METHODS) {
    const { service, responseType, rpc = method } = METHOD_SERVICES[method];
    const serviceDefinition = definitions[service] as protoLoader.ServiceDefinition | undefined;
    const methodDefinition = serviceDefinition?.[rpc];
    if (!methodDefinition) throw new Error(`fake-gcp: ${service}/${rpc} is missing from the shipped protos`);
    const [definition, implementation] = byService.get(service) ?? [{}, {}];
    definition[rpc] = {
      ...methodDefinition,
      responseSerialize: (json: ProtoJson) => Buffer.from(codec.encode(responseType, json)),
    } as grpc.MethodDefinition<object, object>;
    implementation[rpc] = unaryHandler(backend, method);
    byService.set(service, [definition, implementation]);
  }
  return [...byService.values()];
}

function unaryHandler(backend: FakeGcpBackend, method: FakeGcpMethod): grpc.handleUnaryCall<ProtoJson, ProtoJson> {
  return (call, callback) => {
    // When the client's deadline passes, grpc-js cancels the call; settle it so no timer outlives it.
    const abandoned = new AbortController();
    call.on('cancelled', () => abandoned.abort());
    backend.invoke(method, call.request, abandoned.signal).then(
      (response) => callback(null, response),
      (error: unknown) => callback(toStatus(error)),
    );
  };
}

function toStatus(error: unknown): Partial<grpc.StatusObject> {
  if (error instanceof ApiError) return { code: error.code, details: error.message };
  return { code: grpc.status.INTERNAL, details: `fake-gcp internal error: ${(error as Error).message}` };
}
