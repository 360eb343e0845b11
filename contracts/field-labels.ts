/**
 * The names people know the fields by, in zh-CN, as the API names them when it refuses a request
 * (contracts/say-issues.ts): of the task forms and of the API's bodies and queries. They are the
 * words the workbench labels the same fields with (the kinds' `field.*` words and its catalogue's),
 * so a form and its refusal say the same word. A field not listed here is named as it is.
 */
export const fieldLabels: Readonly<Record<string, string>> = {
  // The forms' fields.
  comment: '意见',
  reason: '理由',
  summary: '办理情况（做了什么）',
  toDepartmentId: '转交部门',
  missing: '缺少或有误的材料',
  missingMaterials: '缺少的非必要材料',
  commitment: '申请人的承诺（何时补齐）',
  opinion: '协办意见',
  reply: '答复内容',
  plannedCompletion: '计划完成日期',
  progress: '进展情况',
  answer: '答复内容（做了什么、结果如何）',
  // The API's bodies and queries.
  outcome: '办理结果',
  payload: '表单内容',
  workingDays: '延长工作日数',
  approve: '是否批准',
  toPersonId: '改派人员',
  text: '督办内容',
  responseWorkingDays: '答复时限（工作日）',
  departmentId: '责任部门',
  about: '针对的任务',
  note: '批示',
  step: '升级级次',
  light: '灯色',
  status: '状态',
  limit: '条数上限',
  id: '编号',
};

/** A field's name; the last part of a dotted path names it (`items.0.reason` → 理由). */
export function fieldLabel(path: string): string {
  const name = path.split('.').filter((p) => !/^\d+$/.test(p)).pop() ?? path;
  return fieldLabels[name] ?? name;
}
