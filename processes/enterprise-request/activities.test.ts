import { join } from 'node:path';
import { loadDirectory } from '../../activities/directory-file';
import { routeRequest } from './activities';

const directory = loadDirectory(join(__dirname, '../../directory/demo.json'));

describe('routing a request', () => {
  test('the category picks the department that handles it; an explicit department wins', () => {
    expect(routeRequest(directory, { category: 'parkingAndTraffic' })).toMatchObject({ departmentId: 'traffic', assignedLeaderId: 'leader-qian' });
    expect(routeRequest(directory, { category: 'parkingAndTraffic', departmentId: 'housing' })).toMatchObject({ departmentId: 'housing' });
  });

  test('an unknown department is refused by name', () => {
    expect(() => routeRequest(directory, { category: 'tax', departmentId: 'weather' })).toThrow('unknown department weather');
  });
});
