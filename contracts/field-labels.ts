/**
 * The names people know the fields by, in zh-CN and English: of the task forms (engine's and
 * kinds') and of the API's bodies and queries. The workbench labels its fields with them, and the
 * API names them when it refuses a request (api/say-issues.ts), so a form and its refusal say the
 * same word. A field not listed here is named as it is.
 */
export interface FieldLabel { zh: string; en: string }

export const fieldLabels: Readonly<Record<string, FieldLabel>> = {
  // The forms' fields.
  comment: { zh: '意见', en: 'Comment' },
  reason: { zh: '理由', en: 'Reason' },
  summary: { zh: '办理情况（做了什么）', en: 'What was done' },
  toDepartmentId: { zh: '转交部门', en: 'Department to transfer to' },
  missing: { zh: '缺少或有误的材料', en: 'Materials missing or wrong' },
  missingMaterials: { zh: '缺少的非必要材料', en: 'Non-essential materials missing' },
  commitment: { zh: '申请人的承诺（何时补齐）', en: "The applicant's commitment (when they will supply them)" },
  opinion: { zh: '协办意见', en: "The co-unit's opinion" },
  reply: { zh: '答复内容', en: 'Reply' },
  plannedCompletion: { zh: '计划完成日期', en: 'Planned completion date' },
  progress: { zh: '进展情况', en: 'Progress' },
  answer: { zh: '答复内容（做了什么、结果如何）', en: 'Answer (what was done, with what result)' },
  // The API's bodies and queries.
  outcome: { zh: '办理结果', en: 'Outcome' },
  payload: { zh: '表单内容', en: 'Form' },
  workingDays: { zh: '延长工作日数', en: 'Working days more' },
  approve: { zh: '是否批准', en: 'Whether to grant it' },
  toPersonId: { zh: '改派人员', en: 'Person to reassign to' },
  text: { zh: '督办内容', en: 'Instruction' },
  responseWorkingDays: { zh: '答复时限（工作日）', en: 'Working days to answer' },
  departmentId: { zh: '责任部门', en: 'Department' },
  about: { zh: '针对的任务', en: 'Task it is about' },
  note: { zh: '批示', en: 'Note' },
  step: { zh: '升级级次', en: 'Escalation step' },
  light: { zh: '灯色', en: 'Light' },
  status: { zh: '状态', en: 'Status' },
  limit: { zh: '条数上限', en: 'Limit' },
  id: { zh: '编号', en: 'Id' },
};

/** A field's name in the language asked for; the last part of a dotted path names it (`items.0.reason` → 理由). */
export function fieldLabel(path: string, language: 'zh' | 'en' = 'zh'): string {
  const name = path.split('.').filter((p) => !/^\d+$/.test(p)).pop() ?? path;
  return fieldLabels[name]?.[language] ?? name;
}
