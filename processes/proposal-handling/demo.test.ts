/** The demo proposals are sound, and hold what the demo must show: ten key proposals, imported B and C replies, a review due soon. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDirectory } from '../../activities/directory-file';
import type { ProposalParams } from './contract';
import { validateAgainst } from '../../contracts/issues';
import { RegisterProposal } from './contract';
import { proposalDirectoryIssues } from './directory-check';

const commands = JSON.parse(readFileSync(join(__dirname, 'demo.commands.json'), 'utf8')) as Array<{ subject: string; body: ProposalParams }>;
const directory = loadDirectory(join(__dirname, '../../directory/demo.json'));

describe('the demo proposals (demo.commands.json)', () => {
  test('registers ten key proposals, others, and imported replies of each class', () => {
    expect(new Set(commands.map((c) => c.subject))).toEqual(new Set(['gl.cmd.proposal.register']));
    expect(commands.filter((c) => c.body.key).length).toBe(10);
    const imported = commands.filter((c) => c.body.history).map((c) => c.body.history?.reply.class);
    expect(new Set(imported)).toEqual(new Set(['A', 'B', 'C']));
    // The smart-parking proposal's plan falls due on 2026-12-01: its follow-up review opens then.
    expect(commands.find((c) => c.body.id === '2026-101')?.body.history?.reply).toMatchObject({ class: 'B', plannedCompletion: '2026-12-01' });
  });

  test.each(commands.map((c) => [c.body.id, c.body]))('%s is a valid registration', (_id, body) => {
    expect(validateAgainst(RegisterProposal, proposalDirectoryIssues, body, directory)).toMatchObject({ ok: true });
  });
});
