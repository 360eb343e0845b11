/**
 * The message catalogue: every word a notification says, zh-CN, in one place. Event types,
 * ladder rungs (their kind and English label), lights and the aggregates' names are looked up
 * here; anything the catalogue does not know yet is still told, in generic words with the raw
 * name beside them, so a new kind's event reaches its people before anyone writes its Chinese.
 */

/** `greenlight.<aggregate>.<event>` → what happened, as a headline. */
export const eventTitles: Readonly<Record<string, string>> = {
  'task.created': '新待办',
  'task.reminded': '到期提醒',
  'task.escalated': '超期升级',
  'task.reassigned': '任务转派',
  'task.chased': '催办',
  'task.copied': '抄送给你',
  'task.signers-added': '请你提出意见（加签）',
  'task.sign-answered': '加签意见已回复',
  'task.signer-removed': '已减签，无需再提意见',
  'task.delegated': '委派给你办理',
  'task.delegation-returned': '委派事项已交回',
  'task.transferred': '转交给你',
  'task.extension-requested': '延期申请待审批',
  'task.extension-approved': '延期申请已批准',
  'task.extension-refused': '延期申请未获批准',
  'task.deadline-extended': '延期已批准，办理时限已更新',
  'task.completed': '任务已办结',
  'task.cancelled': '任务已取消',
  'task.withdrawn': '上一步已撤回，此任务无需办理',
  'task.returned': '退回给你重新办理',
  'request.escalated': '企业诉求升级',
  'request.reopened': '企业诉求重新办理',
  'project.item-rejected': '审批事项不予通过',
  'project.item-tolerance-refused': '容缺受理未通过',
  'project.item-suspended': '容缺事项逾期未补齐，审批中止',
  'project.item-withdrawn': '容缺事项宽限期满，已退件',
  'project.target-reminded': '项目总体时限临近',
  'project.target-escalated': '项目总体时限已到',
  'proposal.registered': '提案交办',
  'proposal.opinion-given': '协办单位意见已送达',
  'proposal.replied': '提案已答复',
  'proposal.satisfaction': '提案满意度评价',
  'proposal.reclassified': '提案回头看改类',
  'hotlineticket.escalated': '12345工单升级',
  'instruction.issued': '督办，请答复',
  'instruction.answered': '督办已答复，待您审阅',
  'instruction.accepted': '督办答复已认可，督办办结',
  'instruction.returned': '督办答复被退回，请重新答复',
  'instruction.escalated': '督办逾期未答复',
  'report.issued': '通报已发布',
};

/** Events that ask the one told to act by a deadline: their notice says what is left of it. */
export const asksToAct: ReadonlySet<string> = new Set(['task.created', 'task.deadline-extended', 'instruction.issued', 'instruction.returned']);

/** Who acted, by event, where 办理人 is not the word: the one who asked, answered, issued or decided. */
export const actorWords: Readonly<Record<string, string>> = {
  'task.extension-requested': '申请人',
  'task.extension-approved': '批准人',
  'task.extension-refused': '审批人',
  'task.deadline-extended': '批准人',
  'task.reassigned': '改派人',
  'instruction.issued': '下达人',
  'instruction.answered': '答复人',
  'instruction.accepted': '审阅人',
  'instruction.returned': '审阅人',
};

/** An aggregate's name, for events whose kind the registry cannot name. */
export const aggregateNames: Readonly<Record<string, string>> = {
  task: '任务',
  request: '企业诉求',
  project: '重大项目',
  proposal: '政协提案',
  hotlineticket: '12345工单',
  report: '通报',
};

/** A ladder rung's kind. */
export const rungKinds: Readonly<Record<string, string>> = {
  reminder: '提醒',
  escalation: '升级',
};

/** The ladders' English labels (workflows/blocks/ladder.ts and the kinds' ladders), in Chinese. */
export const rungLabels: Readonly<Record<string, string>> = {
  'reminder: due soon': '即将到期',
  'reminder: due tomorrow': '明天到期',
  'overdue: department head': '已超期，报部门负责人',
  'overdue: assigned leader': '已超期，报挂点领导',
  'confirmation overdue': '回访确认已超期',
  'supplement check overdue': '补正材料核查已超期',
  'supplement check overdue: assigned leader': '补正材料核查已超期，报挂点领导',
  'opinion due in a week': '协办意见一周内到期',
  'opinion overdue': '协办意见已超期',
  'rating due in two working days': '满意度评价两个工作日内到期',
  'reply due in a month': '提案答复一个月内到期',
  'reply overdue: unit head and proposal committee': '提案答复已超期，报承办单位负责人和提案委',
  'redone reply due soon': '重新答复即将到期',
  'redone reply overdue: unit head and proposal committee': '重新答复已超期，报承办单位负责人和提案委',
  'follow-up review overdue': '回头看已超期',
  'follow-up review due in a week': '回头看一周内到期',
  'review window closes in two weeks': '回头看窗口两周后关闭',
  'callback due tomorrow': '回访明天到期',
  'callback overdue: center head': '回访已超期，报中心负责人',
};

const roleNames: Readonly<Record<string, string>> = {
  assignee: '经办人',
  departmentHead: '部门负责人',
  assignedLeader: '挂点领导',
  topLeaders: '主要领导',
};

export const lightNames: Readonly<Record<string, string>> = { green: '绿灯', yellow: '黄灯', red: '红灯' };

export const words = {
  provisional: '暂定',
  due: '办理时限',
  department: '责任部门',
  handler: '经办人',
  unclaimed: '未认领',
  light: '亮灯',
  item: '事项',
  reason: '原因',
  actor: '办理人',
  instruction: '督办内容',
  answer: '答复',
  comment: '意见',
  extension: '申请延期',
  handedOut: '任务已交办',
  open: '查看',
  rung: '节点',
  digest: (n: number) => `免打扰时段内的 ${n} 条通知`,
  unknownEvent: (type: string) => `事项动态 (${type})`,
};

/** A rung's label in Chinese: the catalogue's, or the chase's roles (`催办 (chase): a, b`), or the label as given. */
export function rungLabel(label: string | undefined, kind?: string): string | undefined {
  if (!label) return kind ? rungKinds[kind] : undefined;
  const known = rungLabels[label];
  if (known) return known;
  const chase = /^催办 \(chase\): (.+)$/.exec(label);
  if (chase) return `催办：${chase[1].split(', ').map((r) => roleNames[r] ?? r).join('、')}`;
  const due = /^reminder: due in (\d+) working days$/.exec(label);
  if (due) return `${due[1]}个工作日后到期`;
  return label;
}

/** What happened, for an event type (`greenlight.task.escalated`). */
export function eventTitle(type: string): string {
  const key = type.replace(/^greenlight\./, '');
  return eventTitles[key] ?? words.unknownEvent(key);
}
