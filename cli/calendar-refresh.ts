/**
 * `greenlight calendar refresh`: after calendar data is added or corrected, tells every running
 * task whose deadlines are provisional to compute its future deadlines again (the
 * `calendarUpdated` signal). Deadlines already passed stay as they fired.
 */
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../contracts/config';
import { calendarUpdatedSignal } from '../workflows/human-task';

// Projects too: a project computes its items' rungs and its target itself (its workflow).
export const provisionalTasksQuery = `GlEntityKind IN ('task', 'process') AND ExecutionStatus = 'Running' AND GlProvisional = true`;

export async function refreshProvisionalDeadlines(client: Client, out: (line: string) => void): Promise<number> {
  let signalled = 0;
  for await (const info of client.workflow.list({ query: provisionalTasksQuery })) {
    await client.workflow.getHandle(info.workflowId).signal(calendarUpdatedSignal);
    signalled++;
    out(`recomputing ${info.workflowId}`);
  }
  out(`${signalled} task(s) with provisional deadlines told to recompute`);
  return signalled;
}

export async function calendarRefreshCommand(out: (line: string) => void): Promise<number> {
  const config = loadConfig();
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    await refreshProvisionalDeadlines(new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }), out);
    return 0;
  } finally {
    await connection.close();
  }
}
