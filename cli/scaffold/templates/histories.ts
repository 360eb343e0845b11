import type { KindNames } from '../names';

/** The recorded histories the scaffold's test records, as test/replay.test.ts reads them from `histories/histories.md`. */
export const historyFiles = (n: KindNames): Array<[string, string]> => [
  [`${n.folder}-approved.json`, 'reviewed and approved in time, closed green.'],
  [`${n.folder}-overdue.json`, 'left past its deadline: red, the department head reached, then rejected and closed.'],
];

/** `histories/histories.md`: each history the kind's test records, under its workflow type, with the path it covers. */
export function historiesFile(n: KindNames): string {
  return `# Recorded histories of the ${n.words}

Replayed by \`test/replay.test.ts\` against the current workflow code. Each file is listed under
the workflow type it records, with the path it covers; the replay test checks this list against
the folder. Recorded with \`GREENLIGHT_RECORD_HISTORIES=1 npx jest processes/${n.folder}\`: record
each path you add, and list it here.

## ${n.kind}

${historyFiles(n).map(([file, covers]) => `- \`${file}\` — ${covers}`).join('\n')}
`;
}
