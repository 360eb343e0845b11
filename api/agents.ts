/**
 * Agents (代理): a person names an agent for a period; while it lasts, the tasks assigned to them
 * or offered to their departments reach the agent too, and what the agent does on them is done
 * for them and says so (代某某办理). Each person's agent is kept in the NATS KV bucket `gl-agents`
 * (key: the person's id), so every API process answers alike; each keeps a copy the bucket's watch
 * keeps current, as api/sessions.ts does for the ended sessions.
 *
 * ```ts
 * const agents = await Agents.open(nats);
 * await agents.set('tax-huang', { agentId: 'tax-li', from, until, setBy: 'tax-huang', setAt });
 * agents.principalsOf('tax-li', new Date());   // ['tax-huang'] while the period lasts
 * ```
 */
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Actor, Directory } from '../contracts/directory';

export const AGENTS_BUCKET = 'gl-agents';

/** A person's agent: who, for which period (`from` inclusive, `until` exclusive, ISO instants), named by whom and when. */
export interface Agent {
  agentId: string;
  from: string;
  until: string;
  setBy: string;
  setAt: string;
}

/** A person's agent (代理) and its period, as GET /api/people/:id/agent answers; absent when they named none. */
export interface AgentView {
  personId: string;
  agent?: Agent & { active: boolean };
}

const isAgent = (v: unknown): v is Agent => typeof v === 'object' && v !== null
  && ['agentId', 'from', 'until', 'setBy', 'setAt'].every((k) => typeof (v as Record<string, unknown>)[k] === 'string');

/** Whether the agent stands in at this instant. */
export const standsIn = (agent: Agent, at: Date): boolean => Date.parse(agent.from) <= at.getTime() && at.getTime() < Date.parse(agent.until);

export class Agents {
  /** A person → their agent. */
  private readonly agents = new Map<string, Agent>();

  private constructor(private readonly kv: KV, private readonly watching: { stop(): void }) {}

  static async open(nats: NatsConnection): Promise<Agents> {
    const kv = await new Kvm(nats).create(AGENTS_BUCKET, { history: 1 });
    const watch = await kv.watch();
    const agents = new Agents(kv, watch);
    void (async () => {
      for await (const entry of watch) agents.apply(entry.key, entry.operation === 'PUT' ? entry.string() : undefined);
    })();
    // Read once, so that an API restarted knows every agent from its first request.
    for await (const key of await kv.keys()) {
      const entry = await kv.get(key);
      if (entry?.operation === 'PUT') agents.apply(key, entry.string());
    }
    return agents;
  }

  private apply(personId: string, value: string | undefined): void {
    if (value === undefined) {
      this.agents.delete(personId);
      return;
    }
    try {
      const agent: unknown = JSON.parse(value);
      if (isAgent(agent)) this.agents.set(personId, agent);
    } catch {
      // not an agent this API wrote: ignored
    }
  }

  /** The person's agent, whether or not its period has begun or is over. */
  of(personId: string): Agent | undefined {
    return this.agents.get(personId);
  }

  /** The people this person stands in for at this instant. */
  principalsOf(agentId: string, at: Date): string[] {
    return [...this.agents].filter(([, a]) => a.agentId === agentId && standsIn(a, at)).map(([personId]) => personId);
  }

  /**
   * The people this actor stands in for now, each as the actor the API makes of them (their
   * departments and roles, from the directory) with `agentId` the actor's. The directory is asked
   * for only when there is someone: most people stand in for no one, on every request and event.
   */
  standingInFor(actor: Actor, directory: () => Pick<Directory, 'people'>, at = new Date()): Actor[] {
    const ids = this.principalsOf(actor.personId, at);
    if (ids.length === 0) return [];
    const { people } = directory();
    return ids.flatMap((id) => {
      const person = people.find((p) => p.id === id);
      return person ? [{ personId: person.id, departments: [...person.departments], roles: [...person.roles], agentId: actor.personId }] : [];
    });
  }

  async set(personId: string, agent: Agent): Promise<void> {
    await this.kv.put(personId, JSON.stringify(agent));
    this.agents.set(personId, agent);
  }

  async clear(personId: string): Promise<void> {
    await this.kv.delete(personId);
    this.agents.delete(personId);
  }

  stop(): void {
    this.watching.stop();
  }
}
