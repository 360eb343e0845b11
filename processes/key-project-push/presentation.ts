/** How the workbench shows a key project's year: its facts, and its events in words. */
import type { DatedList, Presentation } from '../definition';

const tiers = { provincial: '省重点', city: '市重点', district: '区重点' };
const categories = { newStart: '新开工', underConstruction: '在建', socialInvestment: '社会投资' };
const problemCategories = { land: '用地', energy: '用能', labour: '用工', funds: '资金', approval: '审批', relocation: '征迁', other: '其他' };
/** The chain's nodes, as the wall chart and the responsibility list read them. */
const nodes: DatedList = {
  list: 'nodes', noun: '节点', label: 'name', planned: 'assessedDate', done: 'done.actualDate', light: 'light',
  open: { path: 'status', values: ['open'] }, department: 'departmentId', person: 'personId',
};

export const presentation: Presentation = {
  name: '重点项目推进',
  facts: [
    { label: '项目', path: 'name' },
    { label: '级别', path: 'tier', values: tiers },
    { label: '类别', path: 'category', values: categories },
    { label: '业主单位', path: 'ownerUnit.name' },
    { label: '负责部门', path: 'responsibleDepartmentId', as: 'department' },
    { label: '挂点领导', path: 'assignedLeaderId', as: 'person' },
    { label: '年度计划投资（万元）', path: 'plannedInvestment' },
  ],
  categories,
  views: {
    chart: {
      title: '重点项目挂图作战',
      year: 'year',
      name: 'name',
      light: 'light',
      items: nodes,
      filters: [
        { label: '级别', path: 'tier', values: tiers },
        { label: '类别', path: 'category', values: categories },
        { label: '负责部门', path: 'responsibleDepartmentId', as: 'department' },
        { label: '挂点领导', path: 'assignedLeaderId', as: 'person' },
      ],
    },
    sections: [
      {
        title: '节点清单（年度推进工作链条）',
        list: 'nodes',
        light: 'light',
        columns: [
          { label: '节点', path: 'name' },
          { label: '责任部门', path: 'departmentId', as: 'department' },
          { label: '责任人', path: 'personId', as: 'person' },
          { label: '计划完成', path: 'plannedDate' },
          { label: '考核日期', path: 'assessedDate' },
          { label: '实际完成', path: 'done.actualDate' },
          { label: '完成情况', path: 'done.summary' },
        ],
      },
      {
        title: '问题清单（滚动销号）',
        list: 'problems',
        light: 'light',
        columns: [
          { label: '类别', path: 'category', values: problemCategories },
          { label: '问题', path: 'description' },
          { label: '影响', path: 'blocks' },
          { label: '责任部门', path: 'departmentId', as: 'department' },
          { label: '办理时限', path: 'dueAt' },
          { label: '状态', path: 'status', values: { raised: '待交办', assigned: '办理中', applied: '已申请销号', closed: '已销号' } },
        ],
      },
      {
        title: '月调度',
        list: 'dispatches',
        light: 'light',
        columns: [
          { label: '月份', path: 'month' },
          { label: '本月完成投资（万元）', path: 'report.investmentThisMonth' },
          { label: '年度累计（万元）', path: 'report.cumulativeInvestment' },
          { label: '序时进度（%）', path: 'expectedPercent' },
          { label: '完成率（%）', path: 'actualPercent' },
          { label: '落后（百分点）', path: 'behindPoints' },
          { label: '在岗人数', path: 'report.workers' },
          { label: '形象进度', path: 'report.progress' },
        ],
      },
    ],
    responsibilities: {
      title: '责任清单',
      lists: [nodes, {
        list: 'problems', noun: '问题', label: 'description', planned: 'dueAt', light: 'light',
        open: { path: 'status', values: ['raised', 'assigned', 'applied'] }, department: 'departmentId',
      }],
    },
  },
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
