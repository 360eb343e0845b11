/** The demo's key projects are sound: each passes the contract and the demo directory. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDirectory } from '../../activities/directory-file';
import { validateAgainst } from '../../contracts/issues';
import { StartKeyProjectPush } from './contract';
import { keyProjectPushDefinition } from './definition';

const commands = JSON.parse(readFileSync(join(__dirname, 'demo.commands.json'), 'utf8')) as Array<{ subject: string; body: unknown }>;
const directory = loadDirectory(join(__dirname, '../../directory/demo.json'));

describe("the demo's key projects (demo.commands.json)", () => {
  test('holds the four projects the source names, each linked to its approval process', () => {
    expect(commands.map((c) => (c.body as { name: string }).name)).toEqual([
      '江西金控数字金融创新产业园', '洪州大道三清山跨线桥工程', '南昌学校建设项目', '南昌市红谷滩基金产业园',
    ]);
    expect(new Set(commands.map((c) => c.subject))).toEqual(new Set([keyProjectPushDefinition.start.subject]));
  });

  test.each(commands.map((c) => [(c.body as { id: string }).id, c.body]))('%s is a valid key project', (_id, body) => {
    expect(validateAgainst(StartKeyProjectPush, keyProjectPushDefinition.checkDirectory as never, body, directory)).toMatchObject({ ok: true });
  });
});
