/**
 * What a workflow of the worker's bundle evaluates. The Temporal sandbox evaluates a workflow's
 * imports once per workflow, and a human task that is only waiting on its deadlines — most of
 * them, most of the time — should not pay for zod or any kind's forms (docs/performance.md,
 * "Memory"). The bundle is the production one, evaluated here as the SDK's sandbox does: in a V8
 * context whose module cache holds what each workflow has evaluated.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { workflowBundle } from '../test/harness/workflow-bundle';

type ModuleCache = Record<string, { exports: Record<string, unknown> }>;

/** A fresh context with the bundle loaded and the worker's workflows imported, as for one new workflow. */
async function importWorkflows(): Promise<ModuleCache> {
  const { code } = await workflowBundle();
  const cache: ModuleCache = {};
  const context = vm.createContext({ __webpack_module_cache__: cache });
  vm.runInContext(code, context);
  vm.runInContext('__TEMPORAL__.importWorkflows()', context);
  return cache;
}

/** Every kind folder that has forms, as the bundle names its module: the list grows with the kinds. */
const kindsForms = () => readdirSync(path.join(__dirname, '../processes'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(__dirname, '../processes', entry.name, 'forms.ts')))
  .map((entry) => `./processes/${entry.name}/forms.ts`);

const zodModules = (cache: ModuleCache) => Object.keys(cache).filter((k) => k.startsWith('./node_modules/zod/'));
/** The modules that define forms (contracts/forms.ts is the registry, which holds none). */
const formModules = (cache: ModuleCache) =>
  Object.keys(cache).filter((k) => (k.endsWith('/forms.ts') || k.endsWith('/engine-forms.ts')) && k !== './contracts/forms.ts');

describe('the worker\'s workflow bundle', () => {
  jest.setTimeout(120_000);

  it('evaluates neither zod nor any form for a workflow until a form is looked up', async () => {
    const cache = await importWorkflows();
    expect(Object.keys(cache)).toContain('./workflows/human-task.ts');
    expect(zodModules(cache)).toEqual([]);
    expect(formModules(cache)).toEqual([]);
  });

  it('loads the engine\'s and every kind\'s forms at the first lookup, and checks a completion against them', async () => {
    const cache = await importWorkflows();
    const registry = cache['./contracts/forms.ts'].exports as typeof import('../contracts/forms');
    expect(registry.checkFormPayload('requestHandling', 'resolved', {})).toEqual({
      ok: false, message: '请改正后再提交：请填写办理情况（做了什么）',
      issues: [{ path: 'summary', field: '办理情况（做了什么）', message: '请填写办理情况（做了什么）' }],
    });
    expect(zodModules(cache).length).toBeGreaterThan(0);
    expect(kindsForms()).toContain('./processes/enterprise-request/forms.ts');
    expect(formModules(cache).sort()).toEqual(['./contracts/engine-forms.ts', ...kindsForms()].sort());
    expect(registry.checkFormPayload('review', 'reject', { reason: '材料不全' })).toEqual({ ok: true, payload: { reason: '材料不全' } });
    expect(registry.checkFormPayload('noSuchForm', 'approve', {})).toEqual({ ok: false, message: 'unknown form noSuchForm' });
  });
});
