/**
 * Lights (亮灯预警) without zod: workflow code imports this, not ladder.ts, because the
 * Temporal sandbox evaluates a workflow's imports once per workflow and zod schemas built at
 * import cost every workflow memory and start-up time.
 */
export type LightColour = 'green' | 'yellow' | 'red';

const lightRank: Record<LightColour, number> = { green: 0, yellow: 1, red: 2 };

/** The worse of two lights. */
export function worseLight<L extends LightColour>(a: L, b: L): L {
  return lightRank[a] >= lightRank[b] ? a : b;
}
