/**
 * What a set of forms is: by name, each a thunk building its outcome → payload schemas on first
 * use. Its own file, so that the engine's forms (engine-forms.ts), which the registry of forms
 * (forms.ts) loads lazily, can name it without importing the registry.
 */
import type { z } from 'zod';

export type FormSet = Record<string, () => Record<string, z.ZodType>>;
