/**
 * Acknowledging an escalation (已阅): a person an escalation of the task reached says they have
 * seen it, with a note if they like.
 *
 * Rules: recorded and published; the light does not change. The rung named, or else the latest
 * that reached the actor; an escalation that did not reach them is refused. A second
 * acknowledgement by the same person changes nothing: the first one stands. The next rung's
 * event says whether the previous one was acknowledged, and by whom (task-deadlines.ts).
 */
import { ApplicationFailure, defineUpdate, setHandler } from '@temporalio/workflow';
import type { AcknowledgeEscalation, EscalationRecord, TaskState } from '../contracts/task';
import { workflowNowIso } from './clock';
import { acknowledgeRequest } from './task-requests';
import type { TaskRun } from './task-run';

/** A person an escalation reached acknowledges it (已阅): recorded and published; the light does not change. */
export const acknowledgeEscalationUpdate = defineUpdate<TaskState, [AcknowledgeEscalation]>('acknowledge');

export function handleAcknowledgement(run: TaskRun): void {
  const { state, escalations } = run;

  /** The escalation the actor acknowledges: the rung named, or the latest that reached them. */
  const escalationToAcknowledge = (actor: { personId: string }, step: number | undefined): EscalationRecord => {
    if (step !== undefined) {
      const named = escalations.find((e) => e.step === step);
      if (!named) throw new ApplicationFailure(`rung ${step} has not escalated this task`, 'InvalidRequest', true);
      if (!named.recipients.includes(actor.personId)) run.forbid(`rung ${step}'s escalation did not reach you`);
      return named;
    }
    const reached = escalations.filter((e) => e.recipients.includes(actor.personId));
    if (reached.length === 0) run.forbid('no escalation of this task has reached you');
    return reached[reached.length - 1];
  };

  setHandler(acknowledgeEscalationUpdate, (req) => {
    const { actor, step, note } = acknowledgeRequest(req);
    const escalation = escalationToAcknowledge(actor, step);
    // A second acknowledgement by the same person changes nothing: the first one stands.
    if (escalation.acknowledgements.some((a) => a.personId === actor.personId)) return state;
    escalation.acknowledgements.push({ personId: actor.personId, at: workflowNowIso(), ...(note ? { note } : {}) });
    run.record('acknowledged', actor, { step: escalation.step, label: escalation.label, note });
    run.emit('acknowledged', { actorId: actor.personId, step: escalation.step, detail: { label: escalation.label, escalatedAt: escalation.at, note } });
    return state;
  }, {
    validator: (req) => {
      const { actor, step } = run.rejectInvalid(acknowledgeRequest, req);
      run.rejectUnlessOpen();
      escalationToAcknowledge(actor, step);
    },
  });
}
