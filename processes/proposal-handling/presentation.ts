/**
 * How the workbench shows a CPPCC proposal: its text, its units, its reply; and every other word
 * of the kind — its forms' outcomes and fields, its ladders, its statuses — in Chinese and in
 * English.
 */
import type { Presentation } from '../definition';

export const presentation: Presentation = {
  name: '政协提案',
  facts: [
    { label: '提案人', path: 'proposers' },
    { label: '提案内容', path: 'text', as: 'paragraph' },
    { label: '主办单位', path: 'leadUnitId', as: 'department' },
    { label: '协办单位', path: 'coUnitIds', as: 'departments' },
    { label: '办理类别', path: 'class', values: { A: 'A 类：采纳或解决', B: 'B 类：列入计划', C: 'C 类：因条件所限暂不能解决' } },
    { label: '答复', path: 'reply.reply', as: 'paragraph' },
  ],
  categories: { A: 'A 类', B: 'B 类', C: 'C 类' },
  events: {
    registered: '已立案', 'opinion-given': '协办单位已提意见', replied: '已答复', satisfaction: '委员已评价', 'follow-up-scheduled': '已安排回头看',
    reviewed: '已回头看', reclassified: '回头看后改类', closed: '已办结',
  },
  words: {
    'outcome.given': '提出意见',
    'outcome.A': 'A 类：已采纳或解决',
    'outcome.B': 'B 类：列入计划解决',
    'outcome.C': 'C 类：因条件所限暂不能解决',
    'outcome.satisfied': '满意',
    'outcome.basicallySatisfied': '基本满意',
    'outcome.notSatisfied': '不满意',
    'outcome.unchanged': '维持原类别',
    'field.opinion': '协办意见',
    'field.reply': '答复内容',
    'field.plannedCompletion': '计划完成日期',
    'field.progress': '进展情况',
    'ladder.opinion due in a week': '协办意见一周内到期',
    'ladder.opinion overdue': '协办意见超期，升级至协办单位负责人',
    'ladder.rating due in two working days': '满意度测评两个工作日内到期',
    'ladder.reply due in a month': '一个月内须答复',
    'ladder.reply overdue: unit head and proposal committee': '答复超期，升级至承办单位负责人和提案委',
    'ladder.redone reply due soon': '重办答复临近期限',
    'ladder.redone reply overdue: unit head and proposal committee': '重办答复超期，升级至承办单位负责人和提案委',
    'ladder.follow-up review due in a week': '一周内须跟踪复核',
    'ladder.follow-up review overdue': '跟踪复核超期',
    'ladder.review window closes in two weeks': '两周后复核期结束',
    'status.replying': '答复中',
    'status.rating': '待满意度测评',
    'status.followUp': '跟踪办理中',
    'status.reviewing': '回头看中',
    'status.closed': '已办结',
  },
  en: {
    政协提案: 'CPPCC proposal', 提案人: 'Proposers', 提案内容: 'Proposal', 主办单位: 'Lead unit', 协办单位: 'Co-units', 办理类别: 'Class', 答复: 'Reply',
    'A 类：采纳或解决': 'A: adopted or solved', 'B 类：列入计划': 'B: planned', 'C 类：因条件所限暂不能解决': 'C: not possible for now',
    'A 类': 'A', 'B 类': 'B', 'C 类': 'C',
    已立案: 'Registered', 协办单位已提意见: 'Opinion given', 已答复: 'Replied', 委员已评价: 'Rated by the proposers', 已安排回头看: 'Follow-up scheduled',
    已回头看: 'Reviewed', 回头看后改类: 'Reclassified after review', 已办结: 'Closed',
    提出意见: 'Give the opinion', 'A 类：已采纳或解决': 'A: adopted or solved', 'B 类：列入计划解决': 'B: planned', 满意: 'Satisfied', 基本满意: 'Basically satisfied',
    不满意: 'Not satisfied', 维持原类别: 'Class unchanged', 协办意见: 'Opinion', 答复内容: 'Reply', 计划完成日期: 'Planned completion', 进展情况: 'Progress',
    协办意见一周内到期: 'Opinion due in a week', '协办意见超期，升级至协办单位负责人': 'Opinion overdue: to the co-unit head',
    满意度测评两个工作日内到期: 'Rating due in two working days', 一个月内须答复: 'Reply due in a month',
    '答复超期，升级至承办单位负责人和提案委': 'Reply overdue: to the unit head and the proposal committee', 重办答复临近期限: 'Redone reply due soon',
    '重办答复超期，升级至承办单位负责人和提案委': 'Redone reply overdue: to the unit head and the proposal committee',
    一周内须跟踪复核: 'Follow-up review due in a week', 跟踪复核超期: 'Follow-up review overdue', 两周后复核期结束: 'Review window closes in two weeks',
    答复中: 'Replying', 待满意度测评: 'Awaiting rating', 跟踪办理中: 'Following up', 回头看中: 'Reviewing',
  },
};
