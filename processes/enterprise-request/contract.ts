/**
 * An enterprise's request (企业诉求), collected by a liaison (红小二) and resolved within
 * three working days.
 */
import { z } from 'zod';
import { DepartmentId, PersonId } from '../../contracts/directory';
import { Light } from '../../contracts/ladder';

export const RequestCategory = z.enum(['financing', 'propertyServices', 'tax', 'parkingAndTraffic', 'permits', 'other']);
export type RequestCategory = z.infer<typeof RequestCategory>;

/** The submission, as a liaison's app sends it on `gl.cmd.request.submit` or `POST /api/processes/enterpriseRequest`. */
export const SubmitRequest = z.object({
  /** The request's own id: also its workflow id, so a repeated submission has one effect. */
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,80}$/, '3–81 letters, digits, ".", "_" or "-"'),
  enterprise: z.object({
    name: z.string().trim().min(1).max(200),
    /** How the handler reaches the enterprise; shown to the handler, never logged. */
    contact: z.string().trim().max(200).optional(),
  }),
  category: RequestCategory,
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(8000),
  liaisonId: PersonId,
  /** An explicit handling department wins over the category's. */
  departmentId: DepartmentId.optional(),
  /**
   * A named handling ladder from the directory, the preset `enterpriseRequest.handling.<name>`,
   * instead of the kind's own: the demo's tax request runs on `demo-minutes`, so that one trying
   * Greenlight sees it turn yellow, red and reach its leader within minutes (README).
   */
  handlingLadder: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'a preset name: lower-case letters, digits and "-"').optional(),
});
export type SubmitRequest = z.infer<typeof SubmitRequest>;

export const RequestStatus = z.enum(['routing', 'handling', 'confirming', 'closed']);
export const RequestResolution = z.enum(['resolved', 'unresolved']);

export const TimelineEntry = z.object({
  at: z.string(),
  event: z.string(),
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** The request workflow's own state; the API's view adds its tasks' authoritative state and history. */
export const RequestState = z.object({
  id: z.string(),
  title: z.string(),
  category: RequestCategory,
  enterpriseName: z.string(),
  /** What the enterprise asked, in its words: the handler reads it in the request's view. */
  description: z.string().optional(),
  liaisonId: z.string(),
  status: RequestStatus,
  resolution: RequestResolution.optional(),
  departmentId: z.string().optional(),
  assignedLeaderId: z.string().optional(),
  round: z.number().int(),
  openTaskIds: z.array(z.string()),
  light: Light,
  timeline: z.array(TimelineEntry),
});
export type RequestState = z.infer<typeof RequestState>;

/** Whom a request concerns: the department handling it and the liaison who collected it (its definition's access scope). */
export const requestScope = (state: Pick<RequestState, 'departmentId' | 'liaisonId'>) =>
  ({ departments: state.departmentId ? [state.departmentId] : [], people: [state.liaisonId] });

