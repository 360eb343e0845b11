/**
 * The ranking of departments (红黑榜) on a documented score, with the trend against the
 * previous period. The weights are configuration (reports/ranking-weights.json, or the file
 * GREENLIGHT_RANKING_WEIGHTS names):
 *
 *   score = onTimeRate × (on time ÷ (on time + late + open past due); 1 when none was due)
 *         − lateWorkingDay × late working days − openPastDue × tasks open past due
 *         − leaderEscalation × escalations that reached a leader − chase × chases (催办)
 *         − supervisionLate × 督办 answered late − supervisionReturned × 督办 answers returned
 *
 * rounded to one decimal. Equal scores share a rank. The 红榜 is the first `listSize`
 * departments scoring at least `redFrom`; the 黑榜 the last `listSize` scoring below `blackBelow`,
 * worst first. Only departments with a task or a 督办 counted in the period are ranked (a kind's
 * own measures, such as a key project's nodes on time, are reported beside the ranking, not in it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { hasFigures, type FigureRow, type Figures } from './figures';

export const RankingWeights = z.object({
  onTimeRate: z.number().nonnegative(),
  lateWorkingDay: z.number().nonnegative(),
  openPastDue: z.number().nonnegative(),
  leaderEscalation: z.number().nonnegative(),
  chase: z.number().nonnegative(),
  supervisionLate: z.number().nonnegative(),
  supervisionReturned: z.number().nonnegative(),
  listSize: z.number().int().min(1),
  redFrom: z.number(),
  blackBelow: z.number(),
}).strict().refine((w) => w.blackBelow <= w.redFrom, { message: 'blackBelow must not exceed redFrom', path: ['blackBelow'] });
export type RankingWeights = z.infer<typeof RankingWeights>;

export const DEFAULT_WEIGHTS_FILE = join(__dirname, 'ranking-weights.json');

/** The weights from the file GREENLIGHT_RANKING_WEIGHTS names, or the project's defaults; an error names the field. */
export function loadWeights(env: NodeJS.ProcessEnv = process.env): RankingWeights {
  const file = env.GREENLIGHT_RANKING_WEIGHTS || DEFAULT_WEIGHTS_FILE;
  const parsed = RankingWeights.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

export interface Ranked {
  departmentId: string;
  score: number;
  rank: number;
  /** The rank and score in the previous period; absent when it was not ranked then. */
  previousRank?: number;
  previousScore?: number;
  /** Places gained (positive) or lost against the previous period. */
  rankChange?: number;
}

export interface Ranking {
  weights: RankingWeights;
  ranked: Ranked[];
  redList: Ranked[];
  blackList: Ranked[];
}

/** A department's score (see the module's doc). */
export function score(row: FigureRow, w: RankingWeights): number {
  const f = row.figures;
  const settled = f.onTime + f.late + f.openPastDue;
  const rate = settled === 0 ? 1 : f.onTime / settled;
  const s = w.onTimeRate * rate - w.lateWorkingDay * f.lateWorkingDays - w.openPastDue * f.openPastDue
    - w.leaderEscalation * f.leaderEscalations - w.chase * f.chases
    - w.supervisionLate * f.supervisionLate - w.supervisionReturned * f.supervisionReturned;
  return Math.round(s * 10) / 10;
}

function rankRows(rows: FigureRow[], w: RankingWeights): Ranked[] {
  // A department counted only in a kind's measures (a node of a key project) has no task or 督办 to score.
  const scored = rows.filter(hasFigures).map((r) => ({ departmentId: r.key, score: score(r, w) }))
    .sort((a, b) => b.score - a.score || a.departmentId.localeCompare(b.departmentId));
  return scored.map((s) => ({ ...s, rank: 1 + scored.findIndex((o) => o.score === s.score) }));
}

/** The ranking of a period's departments, with the trend against the previous period's figures. */
export function rankDepartments(current: Figures, previous: Figures | undefined, w: RankingWeights): Ranking {
  const before = new Map(rankRows(previous?.byDepartment ?? [], w).map((r) => [r.departmentId, r]));
  const ranked = rankRows(current.byDepartment, w).map((r) => {
    const p = before.get(r.departmentId);
    return p ? { ...r, previousRank: p.rank, previousScore: p.score, rankChange: p.rank - r.rank } : r;
  });
  const redList = ranked.filter((r) => r.score >= w.redFrom).slice(0, w.listSize);
  const blackList = ranked.filter((r) => r.score < w.blackBelow).reverse().slice(0, w.listSize);
  return { weights: w, ranked, redList, blackList };
}
