/**
 * What a leader sees (领导): their escalations and the board by light (挂图作战), read from the
 * record (records/reads.ts), generic over the registry: every process counted, none cut. Who may is
 * contracts/access.ts's; what a person may do inside a task, its validators'.
 */
import type { Actor } from '../contracts/directory';
import { loadDirectory } from '../activities/directory-file';
import type { ProcessDefinition } from '../processes/definition';
import { boardFromGroups, type Board } from './board';
import { HttpError } from './errors';
import { boardScope } from './policy';
import type { RecordConnection } from '../records/database';
import { boardGroups, boardItems, escalationsOf, type Escalation } from '../records/reads';

/** An escalation that reached the person (我的预警). */
export type MyEscalation = Escalation;

export class LeaderService {
  constructor(
    private readonly directoryPath: string,
    private readonly definitions: readonly ProcessDefinition[],
    private readonly record?: RecordConnection,
  ) {}

  private db() {
    if (!this.record) throw new HttpError(503, "a leader's lists are read from the record: this API was started without one (GREENLIGHT_DATABASE_URL)");
    return this.record.db;
  }

  /** The open tasks whose escalations reached the actor, the latest escalation first, each with what they acknowledged. */
  async escalations(actor: Actor, filter: { acknowledged?: boolean }): Promise<MyEscalation[]> {
    return escalationsOf(this.db(), actor.personId, filter);
  }

  /**
   * The actor's board: every running process of every kind it covers, counted exactly in SQL by
   * kind, category, department and light (api/board.ts says how), and a page of its red and yellow
   * ones (`limit`, from `cursor`).
   */
  async board(actor: Actor, page: { limit: number; cursor?: string }): Promise<Board> {
    const db = this.db();
    const scope = boardScope(actor, loadDirectory(this.directoryPath));
    const kinds = this.definitions.map((d) => d.kind);
    const [groups, items] = await Promise.all([boardGroups(db, kinds, scope), boardItems(db, kinds, scope, page)]);
    const described = this.definitions.map((d) => ({
      kind: d.kind, title: d.title, ...(d.presentation.categories ? { categories: Object.keys(d.presentation.categories) } : {}),
    }));
    return boardFromGroups(scope === 'all' ? 'district' : scope, described, groups, items.items, items.next);
  }
}
