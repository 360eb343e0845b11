/** The demo projects are sound: each passes the contract, the plan's rules and the demo directory. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDirectory } from '../../activities/directory-file';
import { validateAgainst } from '../../contracts/issues';
import { SubmitProject } from './contract';
import { projectDirectoryIssues } from './directory-check';

const commands = JSON.parse(readFileSync(join(__dirname, 'demo.commands.json'), 'utf8')) as Array<{ subject: string; body: unknown }>;
const directory = loadDirectory(join(__dirname, '../../directory/demo.json'));

describe('the demo projects (demo.commands.json)', () => {
  test('holds the four projects the source names', () => {
    expect(commands.map((c) => (c.body as { name: string }).name)).toEqual([
      '江西金控数字金融创新产业园', '洪州大道三清山跨线桥工程', '南昌学校建设项目', '南昌市红谷滩基金产业园',
    ]);
    expect(new Set(commands.map((c) => c.subject))).toEqual(new Set(['gl.cmd.project.submit']));
  });

  test.each(commands.map((c) => [(c.body as { id: string }).id, c.body]))('%s is a valid project', (_id, body) => {
    expect(validateAgainst(SubmitProject, projectDirectoryIssues, body, directory)).toMatchObject({ ok: true });
  });
});
