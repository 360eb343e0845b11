/**
 * Supervision instructions (督办) over the API: a leader issues one on a process of any kind (one
 * workflow per instruction, `<processId>/instruction-<n>`, workflows/supervision.ts), the
 * department's head answers it (the response task's completion), the leader accepts or returns
 * the answer (the instruction's Updates, whose validators decide who). Who may issue one is the
 * table's `instruct` row (api/policy.ts).
 */
import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowExecutionInfo, type WorkflowHandle } from '@temporalio/client';
import type { Actor } from '../contracts/directory';
import type { InstructionState, IssueInstruction } from '../contracts/instruction';
import type { Light } from '../contracts/ladder';
import { quote } from '../contracts/process-queries';
import {
  GlAssignedLeader, GlAssignee, GlDepartment, GlDueAt, GlEntityKind, GlLight, GlProcessId, GlProcessKind, GlStatus,
} from '../contracts/search-attributes';
import type { TaskCompletion } from '../contracts/task';
import { completeTaskUpdate } from '../workflows/human-task';
import { acceptInstructionUpdate, instructionStateQuery, returnInstructionUpdate, supervisionInstruction } from '../workflows/supervision';
import { loadDirectory } from '../activities/directory-file';
import { INSTRUCTION, instructionConcerns, notFound, processOf, resolve, resolveVisible } from './resolve';
import type { ProcessDefinition } from '../processes/definition';
import { fieldLabel } from '../contracts/field-labels';
import { HttpError, orHttpError, toHttpError } from './errors';
import { mayInstruct, mayRead, mayReadInstruction } from './policy';
import type { RecordConnection } from '../records/database';
import { instructionsIssuedBy, type IssuedInstruction } from '../records/reads';

/** An instruction as lists show it. */
export type InstructionSummary = IssuedInstruction;

/** Instructions started at once on one process take the next free number; a few tries are plenty. */
const maxNumberTries = 20;

export function summariseInstruction(info: WorkflowExecutionInfo): InstructionSummary {
  const sa = info.typedSearchAttributes;
  const due = sa.get(GlDueAt);
  return {
    instructionId: info.workflowId,
    text: typeof info.memo?.text === 'string' ? info.memo.text : undefined,
    processTitle: typeof info.memo?.processTitle === 'string' ? info.memo.processTitle : undefined,
    processKind: sa.get(GlProcessKind),
    processId: sa.get(GlProcessId),
    status: sa.get(GlStatus),
    light: sa.get(GlLight) as Light | undefined,
    departmentId: sa.get(GlDepartment),
    issuedBy: sa.get(GlAssignedLeader),
    responderId: sa.get(GlAssignee),
    dueAt: due ? due.toISOString() : undefined,
    issuedAt: info.startTime.toISOString(),
    closedAt: info.closeTime?.toISOString(),
  };
}

/** The visibility query of a process's instructions. */
export function instructionsOfQuery(processId: string): string {
  return `GlEntityKind = 'instruction' AND GlProcessId = ${quote(processId)}`;
}

export class InstructionService {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly directoryPath: string,
    private readonly record?: RecordConnection,
  ) {}

  /** Issues an instruction on a running process of this kind; 404 when the id names none (or another kind's). */
  async issue(definition: ProcessDefinition, processId: string, actor: Actor, body: IssueInstruction): Promise<{ instructionId: string; processId: string }> {
    const { handle: process, execution } = await resolve(this.client, processId, processOf(definition.kind));
    const state = await orHttpError(process.query<unknown>('state'));
    if (mayRead(actor, definition, state) !== true) throw notFound(processOf(definition.kind), processId);
    const allowed = mayInstruct(actor, definition, state);
    if (allowed !== true) throw new HttpError(403, allowed);
    if (execution.status.name !== 'RUNNING') throw new HttpError(409, `this ${definition.kind} is closed: an instruction goes to a running one`);
    const department = loadDirectory(this.directoryPath).departments.find((d) => d.id === body.departmentId);
    if (!department) {
      const message = `部门名录中没有 ${body.departmentId}，请从名录中选择责任部门`;
      throw new HttpError(400, `请改正后再提交：${message}`, [{ path: 'departmentId', field: fieldLabel('departmentId'), message }]);
    }

    const processTitle = typeof execution.memo?.title === 'string' ? execution.memo.title : undefined;
    const input = { ...body, processKind: definition.kind, processId, processTitle, issuedBy: actor.personId, responderId: department.headId };
    let n = Number((await this.client.workflow.count(instructionsOfQuery(processId))).count) + 1;
    for (let tries = 0; ; tries += 1, n += 1) {
      const instructionId = `${processId}/instruction-${n}`;
      try {
        await this.client.workflow.start(supervisionInstruction, {
          taskQueue: this.taskQueue,
          workflowId: instructionId,
          args: [input],
          // A number is never reused, even after its instruction has closed.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          // The process's title, so that a list of instructions names what each is about without reading every process.
          memo: { title: body.text, text: body.text, ...(typeof execution.memo?.title === 'string' ? { processTitle: execution.memo.title } : {}) },
          typedSearchAttributes: [
            { key: GlEntityKind, value: 'instruction' },
            { key: GlProcessKind, value: definition.kind },
            { key: GlProcessId, value: processId },
            { key: GlStatus, value: 'awaitingAnswer' },
            { key: GlLight, value: 'green' },
            { key: GlDepartment, value: department.id },
            { key: GlAssignedLeader, value: actor.personId },
            { key: GlAssignee, value: department.headId },
          ],
        });
        return { instructionId, processId };
      } catch (err) {
        // Visibility lags a start by a moment: a number already taken means the next one.
        if (!(err instanceof WorkflowExecutionAlreadyStartedError) || tries >= maxNumberTries) throw err;
      }
    }
  }

  /** An instruction's state, for those who may read it: its leader, its department, and those who oversee. */
  async get(instructionId: string, actor: Actor): Promise<InstructionState> {
    return orHttpError((await this.instruction(instructionId, actor)).query(instructionStateQuery));
  }

  /** The department's answer: the completion of the instruction's open response task (its validator decides who). */
  async answer(instructionId: string, actor: Actor, body: { answer: string }): Promise<{ taskId: string; completion: TaskCompletion }> {
    const state = await orHttpError((await this.instruction(instructionId, actor)).query(instructionStateQuery));
    if (!state.responseTaskId) throw new HttpError(409, state.status === 'accepted' ? 'the instruction is already closed' : 'the answer is already given: it awaits the leader');
    const taskId = state.responseTaskId;
    const completion = await this.call(() => this.client.workflow.getHandle(taskId)
      .executeUpdate(completeTaskUpdate, { args: [{ actor, outcome: 'answered', payload: { answer: body.answer } }] }));
    return { taskId, completion };
  }

  async accept(instructionId: string, actor: Actor, body: { comment?: string }): Promise<InstructionState> {
    const handle = await this.instruction(instructionId, actor);
    return this.call(() => handle.executeUpdate(acceptInstructionUpdate, { args: [{ actor, ...body }] }));
  }

  async sendBack(instructionId: string, actor: Actor, body: { comment: string }): Promise<InstructionState> {
    const handle = await this.instruction(instructionId, actor);
    return this.call(() => handle.executeUpdate(returnInstructionUpdate, { args: [{ actor, ...body }] }));
  }

  /** The instructions the actor issued, the latest first. */
  async mine(actor: Actor, filter: { status?: string }): Promise<InstructionSummary[]> {
    if (this.record) return instructionsIssuedBy(this.record.db, actor.personId, filter);
    const clauses = [`GlEntityKind = 'instruction'`, `GlAssignedLeader = ${quote(actor.personId)}`];
    if (filter.status) clauses.push(`GlStatus = ${quote(filter.status)}`);
    const found: InstructionSummary[] = [];
    for await (const info of this.client.workflow.list({ query: clauses.join(' AND '), pageSize: 200 })) {
      found.push(summariseInstruction(info));
      if (found.length >= 1000) break;
    }
    return found;
  }

  /** An instruction the actor may read; 404 as for an unknown id otherwise, before anything else is asked of it. */
  private async instruction(instructionId: string, actor: Actor): Promise<WorkflowHandle> {
    return (await resolveVisible(this.client, instructionId, INSTRUCTION, ({ execution }) => mayReadInstruction(actor, instructionConcerns(execution)))).handle;
  }

  private async call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof Error && /workflow execution already completed/i.test(err.message)) throw new HttpError(409, 'the instruction is already closed');
      throw toHttpError(err);
    }
  }
}
