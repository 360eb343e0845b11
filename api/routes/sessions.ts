/** Ending sessions: an administrator ends a person's (every token they hold is refused), or a person their own. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadDirectory } from '../../activities/directory-file';
import { PersonId } from '../../contracts/directory';
import { HttpError, unavailable } from '../errors';
import { mayEndSessions } from '../policy';
import type { SessionEnds } from '../sessions';
import { problemResponses } from './problem';

export const sessionRoutes: FastifyPluginAsyncZod<{ sessions: SessionEnds; directoryPath: string }> = async (app, { sessions, directoryPath }) => {
  app.post('/api/people/:id/sessions/end', {
    schema: {
      tags: ['sessions'],
      summary: "End every session the person holds now: their tokens and the workbench's cookies are refused (401) from here on (admins; each person their own)",
      params: z.object({ id: PersonId }),
      response: { 204: z.undefined().describe('The sessions are ended; no body'), ...problemResponses },
    },
  }, async (req, reply) => {
    const allowed = mayEndSessions(req.auth.actor, req.params.id);
    if (allowed !== true) throw new HttpError(403, allowed);
    if (!loadDirectory(directoryPath).people.some((p) => p.id === req.params.id)) throw new HttpError(404, `no person ${req.params.id}`);
    try {
      await sessions.endPerson(req.params.id);
    } catch (err) {
      req.log.warn({ err, personId: req.params.id }, 'the end of the sessions could not be stored');
      throw unavailable('the end of the sessions could not be stored (NATS)');
    }
    return reply.status(204).send();
  });
};
