/**
 * The calendar as activities see it: loaded once, and loaded again whenever a data file under
 * the calendar folder is added, changed or removed — so a new year's schedule takes effect in
 * a running worker, and the `calendarUpdated` signal then makes tasks use it.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WorkingCalendar } from './working-calendar';

function fingerprint(dataDir: string): string {
  try {
    return readdirSync(dataDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => `${f}:${statSync(join(dataDir, f)).mtimeMs}`)
      .join('|');
  } catch {
    return 'absent';
  }
}

export function calendarSource(dataDir: string): () => WorkingCalendar {
  let loaded: { key: string; calendar: WorkingCalendar } | undefined;
  return () => {
    const key = fingerprint(dataDir);
    if (!loaded || loaded.key !== key) loaded = { key, calendar: WorkingCalendar.load({ dataDir }) };
    return loaded.calendar;
  };
}
