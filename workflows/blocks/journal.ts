/**
 * The process journal: one call records what happened in a process — a line of its timeline,
 * and the event others receive — so the two never tell different stories.
 *
 * ```ts
 * const { happened } = processJournal({
 *   outbox, aggregate: 'hotlineticket', subject: id, timeline: state.timeline,
 *   data: () => ({ ticketId: id, status: state.status, light: state.light }),
 *   recipients: (roles) => ({ roles, departmentId: state.departmentId }),
 * });
 * happened('handled', { by: completion.actorId }, { said: { summary: completion.payload.summary } });
 * ```
 *
 * Terms:
 * - `detail`: ids, outcomes and states: in the timeline and in the event;
 * - `said`: what a person typed (a summary, a reason, a reply): in the timeline only, which only
 *   those who may read the process see. Events reach every subscriber of `gl.evt.>` and every
 *   notification channel, so they carry a person's words only where the one told must read them
 *   to act, in `detail` (a refusal's ground to the assigned leader, a 督办's answer to its leader);
 * - `recipients`: roles told of it at once (resolved to people when the event is published);
 * - `snapshot`: the process as it stands (title, status, light, whom it concerns, its facts), on
 *   every event, from which the record keeps its lists and reports.
 *
 * A step of the process — its state moves, its search attributes follow, the journal tells it, and
 * its events leave before it goes on — is one call, given the process's `index`:
 *
 * ```ts
 * await stepped(() => { state.status = 'closed'; state.resolution = resolution; }, 'closed', { resolution });
 * ```
 */
import type { EventOutbox } from '../event-outbox';
import { workflowNowIso } from '../clock';
import type { RecipientRole } from '../../contracts/ladder';
import type { ProcessSnapshot } from '../../contracts/events';

export interface JournalEntry {
  at: string;
  event: string;
  detail?: Record<string, unknown>;
}

export interface RecipientScope {
  roles: RecipientRole[];
  departmentId?: string;
  assignedLeaderId?: string;
  supervisingLeaderIds?: string[];
}

export interface JournalOptions {
  outbox: EventOutbox;
  /** The events' aggregate: `gl.evt.<aggregate>.<event>`. */
  aggregate: string;
  /** The events' subject: the process id. */
  subject: string;
  /** The state's timeline, which the journal appends to. */
  timeline: JournalEntry[];
  /** What every event of the process carries beside its detail (its id, status, light, …), read at the moment. */
  data: () => Record<string, unknown>;
  /** Whom the given roles name for this process, at the moment. */
  recipients: (roles: RecipientRole[]) => RecipientScope;
  /** Its search attributes from its state (`indexProcess`), for `stepped`. */
  index?: () => void;
  /** The process as it stands, carried by every event as `data.process` (contracts/events.ts ProcessSnapshot). */
  snapshot: () => ProcessSnapshot;
}

export type JournalTold = { said?: Record<string, unknown>; recipients?: RecipientRole[] };

export interface Journal {
  happened(event: string, detail?: Record<string, unknown>, options?: JournalTold): void;
  /** `change` moves the state; then it is indexed, told, and its events leave before this resolves. */
  stepped(change: () => void, event: string, detail?: Record<string, unknown>, options?: JournalTold): Promise<void>;
}

export function processJournal(o: JournalOptions): Journal {
  const happened: Journal['happened'] = (event, detail = {}, { said, recipients } = {}) => {
    o.timeline.push({ at: workflowNowIso(), event, detail: { ...detail, ...said } });
    o.outbox.push({
      aggregate: o.aggregate,
      event,
      subject: o.subject,
      data: { ...o.data(), ...detail, process: o.snapshot() },
      recipients: recipients && o.recipients(recipients),
    });
  };
  return {
    happened,
    async stepped(change, event, detail, options) {
      change();
      o.index?.();
      happened(event, detail, options);
      await o.outbox.drain();
    },
  };
}
