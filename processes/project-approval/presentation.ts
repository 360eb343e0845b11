/** How the workbench shows a major project: its applicant and leader, the task's item with its materials, and its phase on the board. */
import type { Presentation } from '../definition';

export const presentation: Presentation = {
  name: '重大项目审批',
  facts: [
    { label: '申请单位', path: 'applicantName' },
    { label: '挂点领导', path: 'assignedLeaderId', as: 'person' },
    { label: '负责部门', path: 'responsibleDepartmentId', as: 'department' },
  ],
  item: {
    list: 'items',
    facts: [
      { label: '本事项', path: 'name' },
      { label: '审批部门', path: 'departmentId', as: 'department' },
      {
        label: '状态', path: 'status',
        values: {
          waiting: '待前置事项', inReview: '审查中', awaitingCorrection: '补正中', tolerated: '容缺通过，待补材料',
          checkingSupplement: '补交材料审查中', suspended: '逾期未补，已暂停', approved: '已通过', rejected: '已驳回', withdrawn: '已退件', waived: '已免办',
        },
      },
    ],
    materials: { list: 'materials', missing: 'tolerance.missingMaterials' },
    decisions: {
      history: 'history',
      events: ['item-approved', 'item-rejected', 'item-returned', 'item-tolerance-refused', 'item-tolerated', 'item-supplement-insufficient', 'item-waived'],
      why: ['reason', 'comment', 'commitment'],
    },
  },
  categories: { reserve: '储备', starting: '开工', underConstruction: '在建', completed: '竣工' },
  events: {
    submitted: '已提交', 'item-started': '事项开始审查', 'item-approved': '事项通过', 'item-rejected': '事项驳回', 'item-returned': '退回补正',
    'item-resubmitted': '补正后重新提交', 'item-tolerance-refused': '不予容缺', 'item-tolerated': '容缺通过', 'item-suspended': '逾期未补，暂停',
    'item-withdrawn': '退件', 'item-supplement-insufficient': '补交材料不全', 'item-waived': '免办', 'item-added': '新增事项',
    'item-reassigned': '改由他部门审批', 'deadlines-recomputed': '期限重新计算', 'light-changed': '亮灯变化', approved: '全部通过',
  },
};
