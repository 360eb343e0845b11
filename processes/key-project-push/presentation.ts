/** How the workbench shows a key project's year: its facts, and its events in words. */
import type { Presentation } from '../definition';

export const presentation: Presentation = {
  name: '重点项目推进',
  facts: [
    { label: '项目', path: 'name' },
    { label: '级别', path: 'tier', values: { provincial: '省重点', city: '市重点', district: '区重点' } },
    { label: '类别', path: 'category', values: { newStart: '新开工', underConstruction: '在建', socialInvestment: '社会投资' } },
    { label: '业主单位', path: 'ownerUnit.name' },
    { label: '负责部门', path: 'responsibleDepartmentId', as: 'department' },
    { label: '挂点领导', path: 'assignedLeaderId', as: 'person' },
    { label: '年度计划投资（万元）', path: 'plannedInvestment' },
  ],
  categories: { newStart: '新开工', underConstruction: '在建', socialInvestment: '社会投资' },
  events: {
    started: '已列入年度推进',
    'node-done': '节点完成',
    'replan-requested': '申请调整计划',
    'replan-decided': '调整计划已审批',
    'problem-raised': '问题上报',
    'problem-assigned': '问题交办',
    'problem-assign-refused': '交办部门无效，重新交办',
    'problem-applied': '申请销号',
    'problem-closed': '已销号',
    'problem-returned': '销号申请退回',
    'dispatch-reported': '月调度已填报',
    'dispatch-missed': '月调度逾期未报',
    'dispatch-interview': '约谈（报挂点领导）',
    'visit-done': '已走访',
    'element-reported': '要素保障情况更新',
    'policy-service-done': '已送政策、送服务',
    'light-changed': '亮灯变化',
    closed: '年度推进结束',
  },
};
