import { status } from '@grpc/grpc-js';

/**
 * An error answer of the fake API, carrying the canonical google.rpc.Code so the gRPC transport and the REST
 * rendering report the same failure the same way (gRPC status, or HTTP status + `error.status` name).
 */
export class ApiError extends Error {
  constructor(
    readonly code: status,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const invalidArgument = (message: string) => new ApiError(status.INVALID_ARGUMENT, message);
export const notFound = (message: string) => new ApiError(status.NOT_FOUND, message);
export const failedPrecondition = (message: string) => new ApiError(status.FAILED_PRECONDITION, message);
export const permissionDenied = (message: string) => new ApiError(status.PERMISSION_DENIED, message);
export const unavailable = (message: string) => new ApiError(status.UNAVAILABLE, message);
export const cancelled = (message: string) => new ApiError(status.CANCELLED, message);
export const unimplemented = (message: string) => new ApiError(status.UNIMPLEMENTED, message);

/** HTTP status and google.rpc.Code name for the REST rendering (the mapping in google/rpc/code.proto). */
export function httpStatusOf(code: status): { http: number; name: string } {
  const http: Partial<Record<status, number>> = {
    [status.OK]: 200,
    [status.CANCELLED]: 499,
    [status.INVALID_ARGUMENT]: 400,
    [status.DEADLINE_EXCEEDED]: 504,
    [status.NOT_FOUND]: 404,
    [status.ALREADY_EXISTS]: 409,
    [status.PERMISSION_DENIED]: 403,
    [status.RESOURCE_EXHAUSTED]: 429,
    [status.FAILED_PRECONDITION]: 400,
    [status.ABORTED]: 409,
    [status.OUT_OF_RANGE]: 400,
    [status.UNIMPLEMENTED]: 501,
    [status.UNAVAILABLE]: 503,
    [status.UNAUTHENTICATED]: 401,
  };
  return { http: http[code] ?? 500, name: status[code] ?? 'UNKNOWN' };
}
