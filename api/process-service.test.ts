/** Which workflows the generic routes of a kind serve, and the list's visibility query. */
import type { Actor } from '../contracts/directory';
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
  expect(listQuery('hotlineTicket', staff, { category: 'complaint' })).toBe(
    "GlEntityKind = 'process' AND GlProcessKind = 'hotlineTicket' AND ExecutionStatus != 'ContinuedAsNew' AND GlCategory = 'complaint' AND GlDepartment IN ('tax')",
  );
  expect(listQuery('hotlineTicket', leader, { status: "x' OR 'a'='a" })).toBe(
    "GlEntityKind = 'process' AND GlProcessKind = 'hotlineTicket' AND ExecutionStatus != 'ContinuedAsNew' AND GlStatus = 'x\\' OR \\'a\\'=\\'a'",
  );
});
