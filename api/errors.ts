/**
 * Maps what Temporal says to HTTP: a rejected Update's failure type becomes the status a
 * person can act on; a service that cannot answer in time becomes 503 with Retry-After, never
 * a slow 500.
 */
import { isGrpcDeadlineError, isGrpcServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';

export class HttpError extends Error {
  constructor(readonly statusCode: number, message: string, readonly details?: unknown, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

/** Seconds a caller is told to wait before retrying when Temporal or the worker did not answer. */
export const RETRY_AFTER_SECONDS = 5;

/** 503: Temporal or the worker did not answer within the API's deadline. */
export function unavailable(what = 'the workflow service did not answer in time'): HttpError {
  return new HttpError(503, `${what}: retry after ${RETRY_AFTER_SECONDS} s`, undefined, { 'retry-after': String(RETRY_AFTER_SECONDS) });
}

const statusByFailureType: Record<string, number> = {
  Forbidden: 403,
  TaskAlreadyCompleted: 409,
  TaskCancelled: 409,
  InvalidOutcome: 400,
  InvalidPayload: 400,
  InvalidRequest: 400,
  Conflict: 409,
  NotFound: 404,
  TooSoon: 429,
};

/** A refusal that says when to try again (a 催办 inside its quiet period): Retry-After in seconds. */
function retryAfter(failure: ApplicationFailure): Record<string, string> {
  const next = (failure.details?.[0] as { nextAllowedAt?: unknown } | undefined)?.nextAllowedAt;
  if (typeof next !== 'string') return {};
  return { 'retry-after': String(Math.max(1, Math.ceil((Date.parse(next) - Date.now()) / 1000))) };
}

/** Turns a Temporal client error into an HttpError, or rethrows what it does not know. */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (isNotFound(err)) return new HttpError(404, 'not found');
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const status = statusByFailureType[err.cause.type ?? ''] ?? 400;
    // A refused completion carries its issues, each with its field (contracts/say-issues.ts): the answer's details.
    const details = err.cause.type === 'InvalidPayload' && Array.isArray(err.cause.details?.[0]) ? err.cause.details[0] : undefined;
    return new HttpError(status, err.cause.message, details, retryAfter(err.cause));
  }
  if (isUnavailable(err)) return unavailable();
  // INVALID_ARGUMENT: what the caller sent the service refused (an id it cannot take).
  if (grpcCode(err) === 3) return new HttpError(400, 'the workflow service refused this request as invalid');
  throw err;
}

/** Awaits a call to Temporal, with its failure as an HttpError (an unknown id: 404). */
export async function orHttpError<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    throw toHttpError(err);
  }
}

const grpcCode = (err: unknown): number | undefined => {
  for (let e = err, depth = 0; typeof e === 'object' && e !== null && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'number') return code;
  }
  return undefined;
};

/** An unknown workflow id (gRPC NOT_FOUND), or an Update the server no longer knows because its workflow closed. */
export function isNotFound(err: unknown): boolean {
  return err instanceof WorkflowNotFoundError || grpcCode(err) === 5;
}

/**
 * Temporal could not answer: the deadline passed (a worker down leaves a query or an Update
 * waiting), the service is unreachable (UNAVAILABLE), or it is shedding load (RESOURCE_EXHAUSTED).
 */
export function isUnavailable(err: unknown): boolean {
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcDeadlineError(err)) return true;
  const code = grpcCode(err);
  if (code !== undefined && isGrpcServiceError(err)) return code === 4 || code === 14 || code === 8 || code === 1;
  return code === 4 || code === 14 || code === 8 || code === 1
    || (err instanceof Error && /failed to connect|ECONNREFUSED|connection (closed|refused)|deadline exceeded/i.test(err.message));
}
