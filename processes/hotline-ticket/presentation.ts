/** How the workbench shows a 12345 ticket: who called, and what they said. */
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
  },
  statuses: { signing: '待签收', handling: '办理中', callback: '待回访', closed: '已办结' },
  outcomes: { signed: '签收', handled: '办理完毕', dissatisfied: '不满意' },
};
