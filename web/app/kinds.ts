/**
 * The kinds of process this Greenlight runs, loaded once after sign-in (`GET /api/processes`):
 * every page reads a kind's name, facts, item, categories and words (Chinese, and English by
 * their Chinese) from its own `presentation`, so a new kind shows up with no page written for it.
 */
import { workbenchPath } from '../../contracts/workbench-links';
import { api, type KindSummary, type Presentation } from './api';

let kinds: KindSummary[] = [];

/** Loads the kinds once; a failure leaves the list empty and the pages fall back to plain words. */
export async function loadKinds(): Promise<KindSummary[]> {
  try {
    kinds = (await api.kinds()).kinds;
  } catch {
    kinds = [];
  }
  return kinds;
}

/** For tests and for pages that already hold the list. */
export function setKinds(next: KindSummary[]): void {
  kinds = next;
}

export function allKinds(): readonly KindSummary[] {
  return kinds;
}

export function presentationOf(kind?: string): Presentation | undefined {
  return kind ? kinds.find((k) => k.kind === kind)?.presentation : undefined;
}

/** A kind's events' words (`submitted` → 已提交) from its presentation; without a kind, from the first kind that words it. */
export function presentedEvent(name: string, kind?: string): string | undefined {
  if (kind) return presentationOf(kind)?.events?.[name];
  for (const k of kinds) {
    const word = k.presentation?.events?.[name];
    if (word) return word;
  }
  return undefined;
}

/** A kind's word by its key (`outcome.resolved`, `ladder.…`, `status.handling`): the kind's, or without a kind, the first kind's that has it. */
export function kindWord(key: string, kind?: string): string | undefined {
  if (kind) return presentationOf(kind)?.words?.[key];
  for (const k of kinds) {
    const word = k.presentation?.words?.[key];
    if (word) return word;
  }
  return undefined;
}

/** A kind's Chinese word in English, as the kind that says it gives it; the word itself when no kind does. */
export function inEnglish(word: string): string {
  for (const k of kinds) {
    const english = k.presentation?.en?.[word];
    if (english) return english;
  }
  return word;
}

/** Where a process is shown: its items' page for a kind whose tasks belong to items of a list, the process page otherwise. */
export function processHref(kind: string, id: string): string {
  return workbenchPath({ processKind: kind, processId: id, presentation: presentationOf(kind) }) as string;
}

/** A dotted path into a state (`reply.reply`). */
export function at(state: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), state);
}
