/**
 * The forms of a key project's tasks. Form names are global, so each starts with the kind. Each is
 * a function: its schemas are built the first time a task uses it.
 */
import { z } from 'zod';
import { CivilDate } from '../../contracts/civil-date';
import { comment } from '../../contracts/engine-forms';
import { DepartmentId } from '../../contracts/directory';
import type { FormSet } from '../../contracts/forms';

const said = (message: string) => z.string({ error: message }).trim().min(1, message).max(4000);

export const forms = {
  /** The node's person reports it done (节点完成): what was done and the day it actually happened. */
  keyProjectPushNode: () => ({
    done: z.object({
      summary: said('say what was done'),
      actualDate: CivilDate,
    }).strict(),
  }),
  /** The project office decides a replan (调整计划). */
  keyProjectPushReplan: () => ({
    approve: z.object({ comment: comment() }).strict(),
    refuse: z.object({ reason: said('say why the plan stays') }).strict(),
  }),
  /** The project office assigns a problem (交办): the department and the working days it has. */
  keyProjectPushProblemAssign: () => ({
    assign: z.object({
      departmentId: DepartmentId,
      workingDays: z.number({ error: 'give the working days the department has' }).int().min(1).max(60),
      comment: comment(),
    }).strict(),
  }),
  /** The department handles the problem and applies for 销号 with what was done. */
  keyProjectPushProblemHandling: () => ({
    applyClose: z.object({ summary: said('say what was done to solve it') }).strict(),
  }),
  /** The project office verifies an application: 销号, or returned for rework with the reason. */
  keyProjectPushProblemVerify: () => ({
    close: z.object({ comment: comment() }).strict(),
    return: z.object({ reason: said('say what is still to be done') }).strict(),
  }),
  /** The owner unit's monthly dispatch report (月调度). */
  keyProjectPushDispatch: () => ({
    reported: z.object({
      investmentThisMonth: z.number({ error: "give this month's investment (万元)" }).min(0),
      cumulativeInvestment: z.number({ error: "give the year's cumulative investment (万元)" }).min(0),
      workers: z.number({ error: 'give the workers on site' }).int().min(0),
      progress: said('say how the works stand (形象进度)'),
    }).strict(),
  }),
  /** A visit to a project planned to start (走访): what was found. */
  keyProjectPushVisit: () => ({
    visited: z.object({ found: said('say what was found') }).strict(),
  }),
  /** Policies and services brought to a social-investment project (送政策、送服务). */
  keyProjectPushPolicyService: () => ({
    delivered: z.object({ summary: said('say which policies and services were brought') }).strict(),
  }),
} satisfies FormSet;
