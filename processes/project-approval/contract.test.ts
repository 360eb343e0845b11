/** The approval plan's validator: each refusal names the items at fault. */
import { ApprovalPlan, stillMissing, toleranceRefusal, validatePlan, type ApprovalItemInput } from './contract';

const directory = { departments: [{ id: 'drc' }, { id: 'resources' }, { id: 'permits' }] };
const item = (key: string, dependsOn: string[] = [], departmentId = 'drc'): ApprovalItemInput =>
  ({ key, name: key, departmentId, slaWorkingDays: 5, dependsOn });
const plan = (...items: ApprovalItemInput[]) => ApprovalPlan.parse({ items, targetWorkingDays: 60 });

describe('validatePlan', () => {
  test('a sound plan with shared dependencies has no problems', () => {
    expect(validatePlan(plan(item('filing'), item('land', ['filing'], 'resources'), item('permit', ['filing', 'land'], 'permits')), directory)).toEqual([]);
  });

  test('a duplicate key is named', () => {
    expect(validatePlan(plan(item('filing'), item('filing')), directory)).toEqual([
      { path: 'items.1.key', message: 'duplicate item key "filing"' },
    ]);
  });

  test('an unknown dependency names the item and the missing key', () => {
    expect(validatePlan(plan(item('permit', ['land'])), directory)).toEqual([
      { path: 'items.0.dependsOn.0', message: 'item "permit" depends on unknown item "land"' },
    ]);
  });

  test('an unknown department names the item and the department', () => {
    expect(validatePlan(plan(item('fire-review', [], 'fire')), directory)).toEqual([
      { path: 'items.0.departmentId', message: 'item "fire-review" names unknown department "fire"' },
    ]);
  });

  test('without a directory the departments are not checked', () => {
    expect(validatePlan(plan(item('fire-review', [], 'fire')))).toEqual([]);
  });

  test('a cycle names every item along it', () => {
    const problems = validatePlan(plan(item('a', ['c']), item('b', ['a']), item('c', ['b']), item('d', ['a'])), directory);
    expect(problems).toEqual([{ path: 'items', message: 'dependency cycle: a → c → b → a' }]);
  });

  test('an item depending on itself is refused', () => {
    expect(validatePlan(plan(item('a', ['a'])), directory)).toEqual([
      { path: 'items.0.dependsOn.0', message: 'item "a" depends on itself' },
    ]);
  });
});

describe('toleranceRefusal and stillMissing', () => {
  const eligible = ApprovalPlan.parse({
    targetWorkingDays: 60,
    items: [{
      key: 'eia', name: '环评', departmentId: 'ecology', slaWorkingDays: 10, toleranceEligible: true,
      materials: [{ key: 'report', name: '环境影响报告表', essential: true }, { key: 'survey', name: '公众参与调查', essential: false }],
    }],
  }).items[0];

  test('non-essential materials named by key or name may be missing', () => {
    expect(toleranceRefusal(eligible, ['survey'])).toBeUndefined();
    expect(toleranceRefusal(eligible, ['公众参与调查'])).toBeUndefined();
  });
  test('an essential material may not be missing', () => {
    expect(toleranceRefusal(eligible, ['survey', 'report'])).toBe('essential materials cannot be missing: "report"');
  });
  test('an unknown material is named', () => {
    expect(toleranceRefusal(eligible, ['photos'])).toBe('item "eia" requires no material named "photos"');
  });
  test('an item not eligible refuses any tolerance', () => {
    expect(toleranceRefusal({ ...eligible, toleranceEligible: false }, ['survey'])).toBe('item "eia" is not eligible for tolerance approval');
  });
  test('supplied materials match by key or name', () => {
    expect(stillMissing(eligible, ['survey'], ['公众参与调查'])).toEqual([]);
    expect(stillMissing(eligible, ['survey'], ['report'])).toEqual(['survey']);
  });
});
