/**
 * How the workbench shows a 12345 ticket: who called, and what they said; and every other word
 * of the kind — its forms' outcomes and fields, its ladders, its statuses — in Chinese and in
 * English.
 */
import type { Presentation } from '../definition';

export const presentation: Presentation = {
  name: '12345 工单',
  facts: [
    { label: '类别', path: 'category', values: { consultation: '咨询', complaint: '投诉' } },
    { label: '来电人', path: 'citizen.name' },
    { label: '联系电话', path: 'citizen.phone' },
    { label: '来电内容', path: 'description', as: 'paragraph' },
    { label: '承办单位', path: 'departmentId', as: 'department' },
    { label: '派单中心', path: 'centerDepartmentId', as: 'department' },
  ],
  events: {
    dispatched: '已派单', signed: '已签收', handled: '已办理', 'called-back': '已回访', redone: '不满意，重办', escalated: '仍不满意，报挂点领导', closed: '已办结',
    withdrawn: '办理结果已撤回，重新办理', returned: '回访前退回办理，重新办理',
  },
  words: {
    'outcome.signed': '签收',
    'outcome.handled': '办理完毕',
    'outcome.satisfied': '满意',
    'outcome.dissatisfied': '不满意',
    'field.summary': '办理情况（做了什么）',
    'ladder.callback due tomorrow': '明日须回访',
    'ladder.callback overdue: center head': '回访超期，升级至中心负责人',
    'status.signing': '待签收',
    'status.handling': '办理中',
    'status.callback': '待回访',
    'status.closed': '已办结',
  },
  en: {
    '12345 工单': '12345 ticket', 类别: 'Category', 咨询: 'Consultation', 投诉: 'Complaint', 来电人: 'Caller', 联系电话: 'Phone', 来电内容: 'What the caller said',
    承办单位: 'Handling unit', 派单中心: 'Dispatching center',
    已派单: 'Dispatched', 已签收: 'Signed for', 已办理: 'Handled', 已回访: 'Called back', '不满意，重办': 'Not satisfied: redone',
    '仍不满意，报挂点领导': 'Still not satisfied: escalated to the assigned leader', 已办结: 'Closed',
    '办理结果已撤回，重新办理': 'Handling withdrawn by its handler: handling again',
    '回访前退回办理，重新办理': 'Returned to the handling before the callback: handling again',
    签收: 'Sign for it', 办理完毕: 'Handled', 满意: 'Satisfied', 不满意: 'Not satisfied', '办理情况（做了什么）': 'What was done',
    明日须回访: 'Callback due tomorrow', '回访超期，升级至中心负责人': 'Callback overdue: to the center head',
    待签收: 'Awaiting signature', 办理中: 'Handling', 待回访: 'Awaiting callback',
  },
};
