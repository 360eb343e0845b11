/**
 * Maps what Temporal says to HTTP: a rejected Update's failure type becomes the status a
 * person can act on.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';

export class HttpError extends Error {
  constructor(readonly statusCode: number, message: string, readonly details?: unknown) {
    super(message);
  }
}

const statusByFailureType: Record<string, number> = {
  Forbidden: 403,
  TaskAlreadyCompleted: 409,
  TaskCancelled: 409,
  InvalidOutcome: 400,
  InvalidPayload: 400,
  InvalidRequest: 400,
  Conflict: 409,
};

/** Turns a Temporal client error into an HttpError, or rethrows what it does not know. */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof WorkflowNotFoundError) return new HttpError(404, 'not found');
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const status = statusByFailureType[err.cause.type ?? ''] ?? 500;
    return new HttpError(status, err.cause.message);
  }
  if (isNotFound(err)) return new HttpError(404, 'not found');
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

/** gRPC NOT_FOUND from the service: an unknown workflow id. */
export function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: number }).code === 5;
}
