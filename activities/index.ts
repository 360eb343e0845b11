/**
 * The activities: every side effect of a workflow lives here. `createActivities` binds them to
 * a NATS connection, the directory file and the calendar, so a worker and a test build the
 * same set.
 *
 * ```ts
 * const activities = createActivities({ nats, directoryPath, calendar });
 * await Worker.create({ activities, ... });
 * ```
 */
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { ApplicationFailure } from '@temporalio/activity';
import type { WorkingCalendar } from '../calendar';
import { addCalendarMonths } from '../calendar/calendar-months';
import { CloudEvent, eventSubject, toCloudEvent, type EventDraft } from '../contracts/events';
import type { Offset } from '../contracts/ladder';
import { loadDirectory } from './directory-file';
import { resolveRecipients, type RecipientQuery } from './recipients';
import { ladderPresets } from './ladder-presets';
import type { Ladder } from '../contracts/ladder';
import { workingDaysBetween } from './working-days';
import { traceHeaders } from './trace-headers';

export interface ActivityDeps {
  nats: NatsConnection;
  directoryPath: string;
  calendar: () => WorkingCalendar;
}

export interface ComputedDeadline {
  at: string;
  provisional: boolean;
}

export interface PublishRequest {
  draft: EventDraft;
  /** When set, the people these roles name are resolved and put in `data.recipients`. */
  recipients?: RecipientQuery;
}

export interface DepartmentRoute {
  departmentId: string;
  headId: string;
  assignedLeaderId: string;
  /** The directory's presets for the kind, by task name: they replace the definition's built-in ladders. */
  ladders: Record<string, Ladder>;
}

export function createActivities(deps: ActivityDeps) {
  const js: JetStreamClient = jetstream(deps.nats);
  return {
    /**
     * Absolute instants for offsets from a start, from the business calendar. Recorded in
     * history as the activity's result, so a later calendar change never breaks replay.
     */
    async computeDeadlines(req: { from: string; offsets: Offset[] }): Promise<ComputedDeadline[]> {
      const calendar = deps.calendar();
      return req.offsets.map((offset) => {
        const due = 'calendarMonths' in offset
          ? addCalendarMonths(calendar, req.from, offset.calendarMonths)
          : 'workingDays' in offset
            ? calendar.addWorkingDays(req.from, offset.workingDays)
            : calendar.addDuration(req.from, offset.duration);
        return { at: new Date(due.due).toISOString(), provisional: due.provisional };
      });
    },

    /** The start of the next half working day after `from` (when a 催办 may be sent again); recorded, so replay is stable. */
    async nextHalfWorkingDay(req: { from: string }): Promise<ComputedDeadline> {
      const next = deps.calendar().nextHalfWorkingDay(req.from);
      return { at: new Date(next.due).toISOString(), provisional: next.provisional };
    },

    /** Working days a paused SLA clock stood still (see working-days.ts); recorded, so replay is stable. */
    async countWorkingDays(req: { from: string; to: string }): Promise<number> {
      return workingDaysBetween(deps.calendar(), req.from, req.to);
    },

    /**
     * Publishes events to JetStream in order, each with its id as msgID: a retry after a lost
     * ack stores each event once. Returns, per event, the recipients it resolved so the
     * workflow can record them.
     */
    async publishEvents(requests: PublishRequest[]): Promise<Array<{ recipients: string[] }>> {
      const directory = requests.some((r) => r.recipients) ? loadDirectory(deps.directoryPath) : undefined;
      const results: Array<{ recipients: string[] }> = [];
      for (const req of requests) {
        const recipients = req.recipients && directory ? resolveRecipients(directory, req.recipients) : [];
        const event = toCloudEvent({ ...req.draft, data: { ...req.draft.data, recipients } });
        const checked = CloudEvent.safeParse(event);
        if (!checked.success) {
          throw ApplicationFailure.nonRetryable(`event ${event.id} breaks the envelope contract: ${checked.error.message}`);
        }
        await js.publish(eventSubject(req.draft.aggregate, req.draft.event), JSON.stringify(event), { msgID: event.id, headers: traceHeaders() });
        results.push({ recipients });
      }
      return results;
    },

    /**
     * A department a process names, with its head and assigned leader, and the directory's
     * ladder presets for the kind (`<kind>.<task>`): what a new kind's workflow asks first.
     */
    async lookupDepartment(req: { processKind: string; departmentId: string }): Promise<DepartmentRoute> {
      const directory = loadDirectory(deps.directoryPath);
      const department = directory.departments.find((d) => d.id === req.departmentId);
      if (!department) throw ApplicationFailure.nonRetryable(`unknown department ${req.departmentId}`, 'RoutingFailed');
      return {
        departmentId: department.id,
        headId: department.headId,
        assignedLeaderId: department.assignedLeaderId,
        ladders: ladderPresets(directory, req.processKind),
      };
    },
    /** The directory's ladder presets for a kind (`<kind>.<task>`), by task name: they replace its built-in ladders. */
    async ladderPresets(req: { processKind: string }): Promise<Record<string, Ladder>> {
      return ladderPresets(loadDirectory(deps.directoryPath), req.processKind);
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
