/**
 * How the workbench shows an enterprise request: what the enterprise asked, in its words, and
 * every other word of the kind — its forms' outcomes and fields, its ladder, its statuses — in
 * Chinese and in English.
 */
import type { Presentation } from '../definition';

export const presentation: Presentation = {
  name: '企业诉求',
  facts: [
    { label: '企业', path: 'enterpriseName' },
    {
      label: '类别', path: 'category',
      values: { financing: '贷款融资', propertyServices: '物业服务', tax: '税收', parkingAndTraffic: '停车与交通', permits: '审批许可', other: '其他' },
    },
    { label: '诉求内容', path: 'description', as: 'paragraph' },
    { label: '红小二', path: 'liaisonId', as: 'person' },
    { label: '承办部门', path: 'departmentId', as: 'department' },
  ],
  events: {
    submitted: '已提交', routed: '已分派', transferred: '已转办', resolved: '已办结', confirmed: '红小二已回访确认',
    reopened: '不满意，升级重办', escalated: '仍不满意，报挂点领导', closed: '已关闭', withdrawn: '办理结果已撤回，重新办理',
  },
  words: {
    'outcome.resolved': '已解决',
    'outcome.transferred': '转交其他部门',
    'outcome.satisfied': '满意',
    'outcome.notSatisfied': '不满意',
    'field.summary': '办理情况（做了什么）',
    'field.toDepartmentId': '转交部门',
    'ladder.confirmation overdue': '回访确认超期',
    'status.routing': '分派中',
    'status.handling': '办理中',
    'status.confirming': '待回访确认',
    'status.closed': '已关闭',
  },
  en: {
    企业诉求: 'Enterprise request', 企业: 'Enterprise', 类别: 'Category', 诉求内容: 'Request', 红小二: 'Liaison', 承办部门: 'Handling department',
    贷款融资: 'Financing', 物业服务: 'Property services', 税收: 'Tax', 停车与交通: 'Parking and traffic', 审批许可: 'Permits', 其他: 'Other',
    已提交: 'Submitted', 已分派: 'Routed', 已转办: 'Transferred', 已办结: 'Resolved', 红小二已回访确认: 'Confirmed by the liaison',
    '不满意，升级重办': 'Not satisfied: reopened one level higher', '仍不满意，报挂点领导': 'Still not satisfied: escalated to the assigned leader', 已关闭: 'Closed',
    '办理结果已撤回，重新办理': 'Resolution withdrawn by its handler: handling again',
    已解决: 'Resolved', 转交其他部门: 'Transfer to another department', 满意: 'Satisfied', 不满意: 'Not satisfied',
    '办理情况（做了什么）': 'What was done', 转交部门: 'Transfer to', 回访确认超期: 'Confirmation overdue',
    分派中: 'Routing', 办理中: 'Handling', 待回访确认: 'Awaiting confirmation',
  },
};
