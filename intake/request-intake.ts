/** `gl.cmd.request.submit`: a liaison's app submits an enterprise request over NATS. */
import type { Client } from '@temporalio/client';
import { loadDirectory } from '../activities/directory-file';
import type { CommandHandler } from './command-consumer';
import { startRequest, validateSubmission } from './submit-request';

export function requestSubmitHandler(client: Client, taskQueue: string, directoryPath: string): CommandHandler {
  return {
    subject: 'gl.cmd.request.submit',
    durable: 'intake-request-submit',
    async handle(body) {
      const checked = validateSubmission(body, loadDirectory(directoryPath));
      if (!checked.ok) return checked;
      const started = await startRequest(client, taskQueue, checked.value);
      return { ok: true, detail: { requestId: started.id, existing: started.existing } };
    },
  };
}
