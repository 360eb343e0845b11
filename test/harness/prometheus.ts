/**
 * Reads Prometheus's text exposition format (0.0.4) strictly: every line a comment, a `# HELP`
 * or `# TYPE` of a known type, or a sample `name{label="value",…} value [timestamp]`; anything
 * else throws with its line number. For tests of /metrics endpoints.
 */
export interface Sample { name: string; labels: Record<string, string>; value: number }

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

/** A float as Prometheus reads one (Go's ParseFloat: NaN and Inf in any case; prom-client writes `Nan`). */
function parseValue(text: string, at: string): number {
  const word = text.toLowerCase();
  if (word === '+inf' || word === 'inf') return Infinity;
  if (word === '-inf') return -Infinity;
  if (word === 'nan') return NaN;
  const n = Number(text);
  if (text === '' || Number.isNaN(n)) throw new Error(`${at}: "${text}" is not a number`);
  return n;
}

export function parsePrometheus(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  text.split('\n').forEach((line, i) => {
    const at = `line ${i + 1} (${line.slice(0, 80)})`;
    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      const m = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) ?(.*)$/.exec(line);
      if (m?.[1] === 'TYPE') {
        if (!TYPES.has(m[3])) throw new Error(`${at}: unknown type ${m[3]}`);
        if (types.has(m[2])) throw new Error(`${at}: a second TYPE for ${m[2]}`);
        types.set(m[2], m[3]);
      }
      return;
    }
    const name = NAME.exec(line)?.[0];
    if (!name) throw new Error(`${at}: no metric name`);
    let rest = line.slice(name.length);
    const labels: Record<string, string> = {};
    if (rest.startsWith('{')) {
      rest = rest.slice(1);
      while (!rest.startsWith('}')) {
        const m = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/.exec(rest);
        if (!m) throw new Error(`${at}: malformed labels`);
        labels[m[1]] = m[2].replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
        rest = rest.slice(m[0].length);
      }
      rest = rest.slice(1);
    }
    const parts = rest.trim().split(/\s+/);
    if (!rest.startsWith(' ') || parts.length < 1 || parts.length > 2) throw new Error(`${at}: expected " value [timestamp]"`);
    samples.push({ name, labels, value: parseValue(parts[0], at) });
  });
  return { samples, types };
}

/** The sum of the samples named `name` whose labels include `labels`. */
export function sampleSum(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + s.value, 0);
}
