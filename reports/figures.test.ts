import { WorkingCalendar } from '../calendar';
import { computeFigures, lateWorkingDays, type FigureName, type FigureRow } from './figures';
import { registeredMeasures } from './source';
import { parsePeriod, previousPeriod } from './period';
import { rankDepartments, RankingWeights, score } from './ranking';
import { seededFacts } from '../test/fixtures/reports/seeded-history';
import defaults from './ranking-weights.json';

const calendar = WorkingCalendar.load();
const isWorkingDay = (d: string) => calendar.day(d).working;
const november = parsePeriod('month', '2026-11');
const weights = RankingWeights.parse(defaults);

/** Only the figures a case names; every other is 0. */
const expectFigures = (got: Record<FigureName, number>, want: Partial<Record<FigureName, number>>) => {
  for (const [name, value] of Object.entries(got)) expect([name, value]).toEqual([name, want[name as FigureName] ?? 0]);
};

describe('computeFigures over the seeded November', () => {
  const figures = computeFigures(seededFacts, november, { isWorkingDay, measures: registeredMeasures });

  test('the totals, counted by hand', () => {
    expectFigures(figures.total.figures, {
      due: 4, onTime: 1, late: 2, lateWorkingDays: 4, openPastDue: 1,
      turnedRed: 3, redDays: 26.2, leaderEscalations: 1, chases: 1, extensionsAsked: 3, extensionsGranted: 2,
      supervisionIssued: 2, supervisionOnTime: 1, supervisionLate: 1, supervisionReturned: 1,
    });
  });

  test('by department, by leader and by kind', () => {
    // resources and traffic are counted in a key project's measures only
    expect(figures.byDepartment.map((r) => r.key)).toEqual(['housing', 'resources', 'tax', 'traffic']);
    const [housing, , tax] = figures.byDepartment;
    expectFigures(tax.figures, {
      due: 2, onTime: 1, late: 1, lateWorkingDays: 1, turnedRed: 1, redDays: 2.4, extensionsAsked: 2, extensionsGranted: 1,
      supervisionIssued: 1, supervisionOnTime: 1, supervisionReturned: 1,
    });
    expectFigures(housing.figures, {
      due: 2, late: 1, lateWorkingDays: 3, openPastDue: 1, turnedRed: 2, redDays: 23.8, leaderEscalations: 1, chases: 1,
      extensionsAsked: 1, extensionsGranted: 1, supervisionIssued: 1, supervisionLate: 1,
    });
    expect(figures.byLeader.map((r) => [r.key, r.figures.due])).toEqual([['leader-li', 2], ['leader-sun', 2], ['leader-zhao', 0]]);
    expect(figures.byKind.map((r) => [r.key, r.figures.due, r.figures.late])).toEqual([
      ['enterpriseRequest', 2, 1], ['hotlineTicket', 2, 1], ['keyProjectPush', 0, 0], ['proposalHandling', 0, 0],
    ]);
  });

  test('each figure keeps the cases behind it', () => {
    expect(figures.total.cases.late).toEqual(['req-2/handling-1', '12345-2/handling-1']);
    expect(figures.total.cases.openPastDue).toEqual(['12345-1/handling-1']);
    expect(figures.total.cases.redDays).toEqual(['req-2/handling-1', '12345-1/handling-1', '12345-2/handling-1', '12345-0/handling-1']);
    expect(figures.total.cases.supervisionLate).toEqual(['12345-1/instruction-1']);
  });

  test("the kinds' own measures, counted by hand: a key project's nodes and problems, callbacks, the session's proposals", () => {
    const counts = (row: FigureRow | undefined) => Object.fromEntries(Object.entries(row?.measures ?? {}).map(([k, c]) => [k, `${c.good}/${c.total}`]));
    expect(counts(figures.total)).toEqual({
      // land on time, permit late (design was October's); p1 closed on time, p2 late; one callback satisfied, one not;
      // the session: prop-1 satisfied, prop-2 basically satisfied by November's end (its July rating no longer holds), prop-0 last year's
      'keyProjectPush.nodesOnTime': '1/2', 'keyProjectPush.problemsClosedOnTime': '1/2', 'hotlineTicket.callbacksSatisfied': '1/2', 'proposalHandling.satisfaction': '2/2',
    });
    const department = (key: string) => counts(figures.byDepartment.find((r) => r.key === key));
    expect(department('housing')).toEqual({ 'keyProjectPush.nodesOnTime': '0/1', 'keyProjectPush.problemsClosedOnTime': '1/1', 'hotlineTicket.callbacksSatisfied': '1/2' });
    expect(department('resources')).toEqual({ 'keyProjectPush.nodesOnTime': '1/1' });
    expect(department('traffic')).toEqual({ 'keyProjectPush.problemsClosedOnTime': '0/1' });
    expect(department('tax')).toEqual({ 'proposalHandling.satisfaction': '2/2' });
    // A node of housing counts for the project's leader, as the project does.
    expect(counts(figures.byLeader.find((r) => r.key === 'leader-zhao'))).toEqual({ 'keyProjectPush.nodesOnTime': '1/2', 'keyProjectPush.problemsClosedOnTime': '1/2' });
    expect(figures.total.measures['hotlineTicket.callbacksSatisfied'].cases).toEqual({ good: ['12345-2'], bad: ['12345-0'] });

    const october = computeFigures(seededFacts, previousPeriod(november), { isWorkingDay, measures: registeredMeasures });
    expect(counts(october.total)).toEqual({ 'keyProjectPush.nodesOnTime': '1/1', 'proposalHandling.satisfaction': '1/2' });
  });

  test('as of a day inside the period: what was not yet due is not late', () => {
    const early = computeFigures(seededFacts, november, { isWorkingDay, asOf: new Date('2026-11-10T12:00:00+08:00') });
    expectFigures(early.total.figures, {
      due: 4, onTime: 1, late: 1, lateWorkingDays: 1, notYetDue: 2, turnedRed: 1,
      redDays: Math.round(((34 + 58) / 24) * 10) / 10 /* 漏水 34 h of November, 退税 58 h */, extensionsAsked: 1, supervisionIssued: 1, supervisionOnTime: 1, // returned at 15:00, after asOf
    });
  });
});

describe('lateWorkingDays', () => {
  test('a deadline at 24:00 Friday met on Monday is 1; one across National Day counts only working days', () => {
    expect(lateWorkingDays('2026-11-07T00:00:00+08:00', '2026-11-09T10:00:00+08:00', isWorkingDay)).toBe(1);
    expect(lateWorkingDays('2026-11-07T00:00:00+08:00', '2026-11-07T10:00:00+08:00', isWorkingDay)).toBe(0);
    // due end of 30 September; 1-7 October are off, Saturday 10 October is worked (调休)
    expect(lateWorkingDays('2026-10-01T00:00:00+08:00', '2026-10-10T12:00:00+08:00', isWorkingDay)).toBe(3);
    expect(lateWorkingDays('2026-11-07T00:00:00+08:00', '2026-11-06T10:00:00+08:00', isWorkingDay)).toBe(0);
  });
});

describe('ranking', () => {
  const current = computeFigures(seededFacts, november, { isWorkingDay });
  const previous = computeFigures(seededFacts, previousPeriod(november), { isWorkingDay });

  test('the scores follow the documented formula and the weights', () => {
    const [housing, tax] = current.byDepartment;
    expect(score(tax, weights)).toBe(100 * 0.5 - 2 * 1 - 3 * 1);
    expect(score(housing, weights)).toBe(0 - 2 * 3 - 5 * 1 - 3 * 1 - 1 * 1 - 5 * 1);
    expect(score(tax, { ...weights, supervisionReturned: 0 })).toBe(48);
  });

  test('red and black lists by the configured thresholds, and the trend against October', () => {
    expect(previous.byDepartment.map((r) => [r.key, r.figures.openPastDue, r.figures.leaderEscalations, r.figures.redDays])).toEqual([['housing', 1, 1, 2]]);
    const ranking = rankDepartments(current, previous, weights);
    expect(ranking.ranked).toEqual([
      { departmentId: 'tax', score: 45, rank: 1 },
      { departmentId: 'housing', score: -20, rank: 2, previousRank: 1, previousScore: -9, rankChange: -1 },
    ]);
    expect(ranking.redList).toEqual([]);
    expect(ranking.blackList.map((r) => r.departmentId)).toEqual(['housing', 'tax']);
    expect(rankDepartments(current, previous, { ...weights, listSize: 1 }).blackList.map((r) => r.departmentId)).toEqual(['housing']);
    expect(rankDepartments(current, previous, { ...weights, redFrom: 40, blackBelow: 0 })).toMatchObject({ redList: [{ departmentId: 'tax' }], blackList: [{ departmentId: 'housing' }] });
  });
});
