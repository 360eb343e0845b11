/** The body of every error answer, the statuses a route documents with it, and the text a query or path may carry. */
import { z } from 'zod';

export const Problem = z.object({ error: z.string(), details: z.unknown().optional() });

/**
 * The error statuses every `/api` route may answer, each with a Problem: 400 (invalid), 401 (no
 * or a bad token), 403, 404 (unknown id, or an id of something else), 409, 422 (an
 * Idempotency-Key reused with another body), 503 (Temporal or the worker did not answer in time;
 * `Retry-After` says when to try again).
 */
export const problemResponses = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem, 503: Problem };

export { CONTROL_CHARACTERS } from '../../contracts/text';

/** A query parameter's or id's text: checked before it reaches a store (Temporal's visibility SQL). */
// eslint-disable-next-line no-control-regex -- these are the characters refused
export const SafeText = (max = 200) => z.string().min(1).max(max).regex(/^[^\u0000-\u001f\u007f]+$/, 'no control characters');
