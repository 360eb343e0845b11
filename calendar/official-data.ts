/**
 * Official holiday arrangements by year: the chinese-days package's table with the few days it
 * misses added, then the JSON override files of a data directory, each replacing the whole
 * year it names. Only the
 * package's JSON is read — its date functions read dates in the host's time zone.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { OverrideFile } from './override-file';

export interface OfficialYear {
  /** Date (YYYY-MM-DD) → holiday name. */
  holidays: ReadonlyMap<string, string>;
  /** Weekend date (YYYY-MM-DD) worked in exchange (调休) → the holiday it serves. */
  workdays: ReadonlyMap<string, string>;
}

/** Entries are "English name,Chinese name,statutory days", e.g. "National Day,国庆节,3". */
const PackageDays = z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.string());
const PackageTable = z.object({ holidays: PackageDays, workdays: PackageDays });

/**
 * Days the package leaves out, found by the cross-check against the `holidays` package
 * (cross-check/cross-check.test.ts), each from the State Council's notice. The package files a
 * day by its own year, so an adjusted working day that a notice puts in the year before is lost.
 */
const PACKAGE_CORRECTIONS: Record<'holidays' | 'workdays', Record<string, string>> = {
  holidays: {},
  workdays: {
    // 国务院办公厅关于2006年部分节假日安排的通知: Saturday 2005-12-31 worked for Tuesday 2006-01-03 off.
    '2005-12-31': "New Year's Day",
  },
};

let packageYears: ReadonlyMap<number, OfficialYear> | undefined;

function loadPackageYears(): ReadonlyMap<number, OfficialYear> {
  if (packageYears) return packageYears;
  const path = require.resolve('chinese-days/dist/chinese-days.json');
  const table = PackageTable.parse(JSON.parse(readFileSync(path, 'utf8')));
  const years = new Map<number, { holidays: Map<string, string>; workdays: Map<string, string> }>();
  for (const field of ['holidays', 'workdays'] as const) {
    for (const [date, entry] of Object.entries(table[field])) {
      const year = Number(date.slice(0, 4));
      const official = years.get(year) ?? { holidays: new Map(), workdays: new Map() };
      official[field].set(date, entry.split(',')[0]);
      years.set(year, official);
    }
    for (const [date, name] of Object.entries(PACKAGE_CORRECTIONS[field])) years.get(Number(date.slice(0, 4)))?.[field].set(date, name);
  }
  packageYears = years;
  return years;
}

/** The package's years with a data directory's override files applied. */
export function loadOfficialYears(dataDir: string): Map<number, OfficialYear> {
  const years = new Map(loadPackageYears());
  const fromFile = new Map<number, string>();
  for (const file of overrideFiles(dataDir)) {
    const override = parseOverrideFile(file);
    const earlier = fromFile.get(override.year);
    if (earlier) throw new Error(`calendar override files ${earlier} and ${file} both give ${override.year}`);
    fromFile.set(override.year, file);
    years.set(override.year, {
      holidays: new Map(Object.entries(override.holidays)),
      workdays: new Map(Object.entries(override.workdays)),
    });
  }
  return years;
}

function overrideFiles(dataDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dataDir);
  } catch (error) {
    throw new Error(`cannot read the calendar data directory ${dataDir}: ${(error as Error).message}`);
  }
  return names.filter((name) => name.endsWith('.json')).sort().map((name) => join(dataDir, name));
}

function parseOverrideFile(file: string): OverrideFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`calendar override file ${file}: ${(error as Error).message}`);
  }
  const parsed = OverrideFile.safeParse(json);
  if (!parsed.success) throw new Error(`calendar override file ${file} is invalid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
