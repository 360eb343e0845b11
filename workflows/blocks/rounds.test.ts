import { redoUntilSatisfied } from './rounds';

/** Runs the block with the checks' answers given, and returns what happened, in order. */
async function run(rounds: number, answers: boolean[]) {
  const steps: string[] = [];
  const resolution = await redoUntilSatisfied({
    rounds,
    handle: async (round) => void steps.push(`handle ${round}`),
    check: async (round) => {
      steps.push(`check ${round}`);
      return answers[round - 1];
    },
    redo: async (round) => void steps.push(`redo ${round}`),
    giveUp: (round) => void steps.push(`give up after ${round}`),
  });
  return { resolution, steps };
}

test('satisfied at once: one handling, one check', async () => {
  expect(await run(2, [true])).toEqual({ resolution: 'resolved', steps: ['handle 1', 'check 1'] });
});

test('dissatisfied once: redone, then satisfied', async () => {
  expect(await run(2, [false, true])).toEqual({ resolution: 'resolved', steps: ['handle 1', 'check 1', 'redo 2', 'handle 2', 'check 2'] });
});

test('dissatisfied after the last round: escalated, unresolved, and no round beyond it', async () => {
  expect(await run(2, [false, false, true])).toEqual({
    resolution: 'unresolved', steps: ['handle 1', 'check 1', 'redo 2', 'handle 2', 'check 2', 'give up after 2'],
  });
  expect((await run(1, [false])).steps).toEqual(['handle 1', 'check 1', 'give up after 1']);
});

test('a number of rounds that is not a whole number from 1 is refused by name', async () => {
  await expect(run(0, [])).rejects.toThrow('redoUntilSatisfied: rounds must be a whole number ≥ 1, not 0');
});
