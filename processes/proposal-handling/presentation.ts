/** How the workbench shows a CPPCC proposal: its text, its units, its reply. */
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
  statuses: { replying: '答复中', rating: '待委员评价', followUp: '待回头看', reviewing: '回头看中', closed: '已办结' },
};
