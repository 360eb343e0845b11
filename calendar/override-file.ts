/**
 * The format of an override file in the calendar data directory: one year's official
 * holidays and adjusted working days, as the State Council publishes them.
 */
import { z } from 'zod';
import { CONTROL_CHARACTERS } from '../contracts/text';
import { isWeekend, parseCivilDate, weekdayOf, yearOf } from './civil-date';
import { STATUTORY_RULE_YEARS } from './statutory-rules';

// Keys are checked in superRefine, whose messages say more than zod's "Invalid key in record".
// A name is shown in deadlines and messages: short plain text (春节, National Day), no markup.
const DayNames = z.record(z.string().max(10), z.string().trim().min(1, 'a holiday name').max(40, 'a holiday name of at most 40 characters')
  .refine((name) => !CONTROL_CHARACTERS.test(name), 'no control characters')
  .refine((name) => !/[<>[\]`*_|\\]/.test(name), 'plain text: no markup (< > [ ] ` * _ | \\)'));

export const OverrideFile = z
  .strictObject({
    year: z.int().min(STATUTORY_RULE_YEARS.first).max(STATUTORY_RULE_YEARS.last),
    /** Where the dates come from, e.g. the notice's URL. */
    source: z.string().max(500).refine((text) => !CONTROL_CHARACTERS.test(text), 'no control characters').optional(),
    holidays: DayNames,
    workdays: DayNames,
  })
  .superRefine((file, ctx) => {
    for (const field of ['holidays', 'workdays'] as const) {
      for (const date of Object.keys(file[field])) {
        const issue = (message: string) => ctx.addIssue({ code: 'custom', path: [field, date], message });
        let day: number;
        try {
          day = parseCivilDate(date);
        } catch (error) {
          issue((error as Error).message);
          continue;
        }
        if (yearOf(day) !== file.year) issue(`${date} is not in ${file.year}; a file holds one year`);
        if (field === 'workdays' && !isWeekend(day)) {
          issue(`${date} is a ${weekdayOf(date)}; only a Saturday or Sunday can be an adjusted working day`);
        }
        if (field === 'workdays' && date in file.holidays) issue(`${date} is listed as a holiday too`);
      }
    }
  });
export type OverrideFile = z.infer<typeof OverrideFile>;
