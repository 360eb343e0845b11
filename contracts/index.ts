/**
 * The contracts: zod 4 schemas and their inferred types for everything that crosses a
 * boundary — configuration, the directory, the human task, the ladder, events.
 *
 * ```ts
 * import { HumanTaskInput, CloudEvent } from '../contracts';
 * const input = HumanTaskInput.parse(body);
 * ```
 */
export * from './config';
export * from './directory';
export * from './events';
export * from './forms';
export * from './handover';
export * from './ladder';
export * from './search-attributes';
export * from './task';
export * from './instruction';
