/**
 * How the workbench shows a major project: its applicant and leader, the task's item with its
 * materials, and its phase on the board; and every other word of the kind — its items'
 * statuses, its forms' outcomes and fields, its ladders — in Chinese and in English.
 */
import type { Presentation } from '../definition';

const itemStatuses = {
  waiting: '待前置事项', inReview: '审查中', awaitingCorrection: '补正中', tolerated: '容缺通过，待补材料',
  checkingSupplement: '补交材料审查中', suspended: '逾期未补，已暂停', approved: '已通过', rejected: '已驳回', withdrawn: '已退件', waived: '已免办',
};

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
      { label: '状态', path: 'status', values: itemStatuses },
    ],
    materials: { list: 'materials', missing: 'tolerance.missingMaterials' },
    decisions: {
      history: 'history',
      events: [
        'item-approved', 'item-rejected', 'item-returned', 'item-tolerance-refused', 'item-tolerated', 'item-supplement-insufficient', 'item-waived',
        'item-sent-back', 'item-reopened', 'item-review-cancelled',
      ],
      why: ['reason', 'comment', 'commitment'],
    },
  },
  categories: { reserve: '储备', starting: '开工', underConstruction: '在建', completed: '竣工' },
  events: {
    submitted: '已提交', 'item-started': '事项开始审查', 'item-approved': '事项通过', 'item-rejected': '事项驳回', 'item-returned': '退回补正',
    'item-resubmitted': '补正后重新提交', 'item-tolerance-refused': '不予容缺', 'item-tolerated': '容缺通过', 'item-suspended': '逾期未补，暂停',
    'item-withdrawn': '退件', 'item-supplement-insufficient': '补交材料不全', 'item-waived': '免办', 'item-added': '新增事项',
    'item-reassigned': '改由他部门审批', 'deadlines-recomputed': '期限重新计算', 'light-changed': '亮灯变化', approved: '全部通过',
    'resubmission-received': '收到补正材料', suspended: '暂停', withdrawn: '退件',
    'item-sent-back': '退回前置事项', 'item-reopened': '被退回，重新审查', 'item-review-cancelled': '随退回取消审查',
  },
  words: {
    'outcome.returnForCorrection': '退回补正',
    'outcome.approveWithTolerance': '容缺受理',
    'outcome.accept': '材料合格',
    'outcome.insufficient': '材料仍不齐',
    'field.missing': '缺少或有误的材料',
    'field.missingMaterials': '缺少的非必要材料',
    'field.commitment': '申请人的承诺（何时补齐）',
    'ladder.supplement check overdue': '补交材料审查超期，升级至部门负责人',
    'ladder.supplement check overdue: assigned leader': '补交材料审查超期，升级至挂点领导',
    'status.running': '审批中',
    'status.approved': '全部通过',
  },
  en: {
    重大项目审批: 'Major project approval', 申请单位: 'Applicant', 挂点领导: 'Assigned leader', 负责部门: 'Responsible department',
    本事项: 'This item', 审批部门: 'Reviewing department', 状态: 'Status',
    待前置事项: 'Waiting for its prerequisites', 审查中: 'In review', 补正中: 'Awaiting correction', '容缺通过，待补材料': 'Tolerated, materials to follow',
    补交材料审查中: 'Supplement in review', '逾期未补，已暂停': 'Suspended: supplement overdue', 已通过: 'Approved', 已驳回: 'Rejected', 已退件: 'Withdrawn', 已免办: 'Waived',
    储备: 'Reserve', 开工: 'Starting', 在建: 'Under construction', 竣工: 'Completed',
    已提交: 'Submitted', 事项开始审查: 'Item in review', 事项通过: 'Item approved', 事项驳回: 'Item rejected', 退回补正: 'Returned for correction',
    补正后重新提交: 'Resubmitted after correction', 不予容缺: 'Tolerance refused', 容缺通过: 'Tolerated', '逾期未补，暂停': 'Suspended: supplement overdue',
    退件: 'Withdrawn', 补交材料不全: 'Supplement insufficient', 免办: 'Waived', 新增事项: 'Item added', 改由他部门审批: 'Item reassigned',
    期限重新计算: 'Deadlines recomputed', 亮灯变化: 'Light changed', 全部通过: 'All approved', 收到补正材料: 'Correction received', 暂停: 'Suspended',
    容缺受理: 'Approve with tolerance', 材料合格: 'Materials in order', 材料仍不齐: 'Still insufficient',
    缺少或有误的材料: 'Missing or wrong materials', 缺少的非必要材料: 'Missing non-essential materials', '申请人的承诺（何时补齐）': "The applicant's commitment (by when)",
    '补交材料审查超期，升级至部门负责人': 'Supplement check overdue: to the department head', '补交材料审查超期，升级至挂点领导': 'Supplement check overdue: to the assigned leader',
    审批中: 'In approval',
    退回前置事项: 'Returned to a prerequisite', '被退回，重新审查': 'Returned to: in review again', 随退回取消审查: 'Review cancelled by a return',
  },
};
