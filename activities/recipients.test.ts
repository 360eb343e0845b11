import { join } from 'node:path';
import { loadDirectory } from './directory-file';
import { resolveRecipients } from './recipients';

const directory = loadDirectory(join(__dirname, '../directory/demo.json'));

describe('resolving a ladder step to people', () => {
  test('an unclaimed task reminds every staff member of its department; a claimed one its holder', () => {
    expect(resolveRecipients(directory, { roles: ['assignee'], departmentId: 'tax' })).toEqual(['tax-head', 'tax-huang']);
    expect(resolveRecipients(directory, { roles: ['assignee'], departmentId: 'tax', assigneeId: 'tax-huang' })).toEqual(['tax-huang']);
  });

  test("the assigned leader is the project's when given, else the department's", () => {
    expect(resolveRecipients(directory, { roles: ['assignedLeader'], departmentId: 'tax' })).toEqual(['leader-sun']);
    expect(resolveRecipients(directory, { roles: ['assignedLeader'], departmentId: 'tax', assignedLeaderId: 'leader-zhao' })).toEqual(['leader-zhao']);
  });

  test('top leaders are the supervising ones when named, else everyone with the role; each person once', () => {
    expect(resolveRecipients(directory, { roles: ['topLeaders'] })).toEqual(['secretary-wang', 'mayor-li']);
    expect(resolveRecipients(directory, { roles: ['topLeaders', 'topLeaders'], supervisingLeaderIds: ['mayor-li'] })).toEqual(['mayor-li']);
    expect(resolveRecipients(directory, { roles: ['departmentHead', 'assignee'], departmentId: 'tax' })).toEqual(['tax-head', 'tax-huang']);
  });
});
