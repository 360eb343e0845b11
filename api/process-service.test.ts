/** Which workflows the generic routes of a kind serve, and the list's visibility query. */
import type { Actor } from '../contracts/directory';
import { definitionOf } from '../processes/registry';
import { isVersionOf, listQuery } from './process-service';

test('a workflow type is the kind only when it is the kind or a version of it', () => {
  expect(isVersionOf('hotlineTicket', 'hotlineTicket')).toBe(true);
  expect(isVersionOf('hotlineTicket', 'hotlineTicketV2')).toBe(true);
  expect(isVersionOf('hotline', 'hotlineTicket')).toBe(false);
  expect(isVersionOf('hotlineTicket', 'hotlineTicketV2b')).toBe(false);
});

test("a department's staff list only their departments' processes; a leader every one; a quote in a filter stays a literal", () => {
  const staff: Actor = { personId: 'tax-huang', departments: ['tax'], roles: ['staff'] };
  const leader: Actor = { personId: 'leader-sun', departments: [], roles: ['leader'] };
  const tickets = definitionOf('hotlineTicket')!;
  expect(listQuery(tickets, staff, { category: 'complaint' })).toBe(
    "GlEntityKind = 'process' AND GlProcessKind = 'hotlineTicket' AND ExecutionStatus != 'ContinuedAsNew' AND GlCategory = 'complaint' AND (GlDepartment IN ('tax') OR GlAssignedLeader = 'tax-huang')",
  );
  expect(listQuery(tickets, leader, { status: "x' OR 'a'='a" })).toBe(
    "GlEntityKind = 'process' AND GlProcessKind = 'hotlineTicket' AND ExecutionStatus != 'ContinuedAsNew' AND GlStatus = 'x\\' OR \\'a\\'=\\'a'",
  );
});

test('a filter narrows a list and never widens it: a department filter from another department finds nothing of theirs', () => {
  const staff: Actor = { personId: 'finance-liu', departments: ['finance'], roles: ['staff'] };
  const projects = definitionOf('projectApproval')!;
  expect(listQuery(projects, staff, { department: 'housing' })).toContain("GlDepartment = 'housing' AND (GlDepartment IN ('finance') OR GlAssignedLeader = 'finance-liu')");
  const nobody: Actor = { personId: 'x', departments: [], roles: [] };
  expect(listQuery(projects, nobody, {})).toBeUndefined();
});

test("a kind's own overseers list every process of that kind, and only of that kind", () => {
  const committee: Actor = { personId: 'cppcc-yang', departments: ['cppcc'], roles: ['committeeStaff'] };
  expect(listQuery(definitionOf('proposalHandling')!, committee, {})).not.toContain('GlDepartment');
  expect(listQuery(definitionOf('projectApproval')!, committee, {})).toContain("GlDepartment IN ('cppcc')");
});
