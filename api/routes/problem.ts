/** The body of every error answer, and the statuses a route documents with it. */
import { z } from 'zod';

export const Problem = z.object({ error: z.string(), details: z.unknown().optional() });

/** 400, 401, 403, 404 and 409 answered with a Problem, for a route's `response` schema. */
export const problemResponses = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
