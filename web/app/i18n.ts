/**
 * The engine's and the pages' words, in one catalogue: zh-CN first, English second. A key missing
 * from English falls back to Chinese; `{name}` in a message is filled from the parameters.
 *
 * A kind's own words — its name, facts, events, outcomes, fields, ladders' labels and statuses,
 * in Chinese and in English — are not here: they live in its folder (its definition's
 * `presentation`) and reach the workbench with the kinds (kinds.ts), so a new kind brings its
 * words with it and this file names no kind.
 */
import { kindWord, presentationOf, presentedEvent, inEnglish } from './kinds';

const zh = {
  'app.title': '工作台',
  'app.skip': '跳到正文',
  'app.loading': '正在载入…',
  'app.signOut': '退出',
  'app.language': 'English',
  'app.live': '实时更新',
  'app.offline': '实时更新已断开，正在重连',
  'nav.inbox': '待办',
  'nav.board': '挂图作战',
  'nav.admin': '流程管理',
  'signin.title': '登录工作台',
  'signin.demo': '演示环境：选择一位人员登录',
  'signin.person': '人员',
  'signin.submit': '登录',
  'signin.token': '登录令牌（由统一身份认证签发）',
  'signin.failed': '登录失败：{reason}',
  'light.green': '绿',
  'light.yellow': '黄',
  'light.red': '红',
  'light.green.long': '绿灯（正常）',
  'light.yellow.long': '黄灯（临近期限）',
  'light.red.long': '红灯（已超期或被退回）',
  'light.all': '全部灯色',
  'kind.all': '全部类型',
  'inbox.title': '我的待办',
  'inbox.empty': '没有待办任务。',
  'inbox.count': '共 {n} 件',
  'inbox.filterLight': '灯色',
  'inbox.filterKind': '类型',
  'inbox.task': '任务',
  'inbox.deadline': '办理期限',
  'inbox.holder': '经办',
  'inbox.offered': '待认领（{dept}）',
  'inbox.mine': '我',
  'inbox.page': '第 {page} / {pages} 页',
  'inbox.prev': '上一页',
  'inbox.next': '下一页',
  'inbox.limited': '共 {total} 件，只显示最早到期的 {n} 件。',
  'inbox.toClaim': '待认领',
  'time.provisional': '暂定',
  'time.provisionalHint': '该年度的法定节假日尚未公布，期限按法定规则暂定',
  'time.none': '无期限',
  'task.back': '返回待办',
  'task.asked': '办理事项',
  'task.process': '所属流程',
  'task.status': '状态',
  'task.status.open': '待认领',
  'task.status.claimed': '办理中',
  'task.status.completed': '已办结',
  'task.status.cancelled': '已取消',
  'task.department': '承办部门',
  'task.assignee': '经办人',
  'task.nobody': '尚无人认领',
  'task.created': '创建时间',
  'task.deadline': '办理期限',
  'task.materials': '申报材料',
  'task.essential': '必要',
  'task.optional': '可容缺',
  'task.missing': '缺',
  'task.history': '任务记录',
  'task.timeline': '流程经过',
  'task.ladder': '预警与升级',
  'task.ladder.due': '办理期限',
  'task.ladder.step': '第 {n} 级提醒/升级',
  'task.ladder.fired': '已触发',
  'task.ladder.pending': '未到',
  'task.ladder.note': '黄灯提醒经办人，红灯升级至部门负责人，再至挂点领导。',
  'task.claim': '认领',
  'task.release': '退回部门',
  'task.complete': '办理',
  'task.outcome': '办理结果',
  'task.submit': '提交',
  'task.submitting': '正在提交…',
  'task.done': '已办结：{outcome}',
  'task.confirming': '已提交，正在确认…',
  'task.confirming.wait': '办理系统暂未答复。{seconds} 秒后自动再次确认（第 {n} 次，最多 {max} 次），请留在本页；确认前不会显示“已办结”。',
  'task.confirming.now': '正在再次确认（第 {n} 次，最多 {max} 次）…',
  'task.unconfirmed': '仍未确认：办理结果已提交，但系统一直未答复，可能稍后才生效。本次提交的内容和编号（{key}）已保留，请稍后点“再次确认”：同一编号不会重复办结。若仍无法确认，请把编号告知系统管理员。',
  'task.confirmAgain': '再次确认',
  'task.reloadFailed': '未能刷新任务状态：{reason}',
  'task.refused': '未能办理：{reason}',
  'task.formInvalid': '请先改正标出的内容。',
  'task.extension': '申请延期',
  'task.extension.days': '延长工作日数',
  'task.extension.reason': '延期理由',
  'task.extension.pending': '延期申请待审批：{days} 个工作日，理由：{reason}（{by}）',
  'task.extension.granted': '已批准延期 {days} 个工作日',
  'task.extension.approve': '批准延期',
  'task.extension.refuse': '不批准',
  'task.extension.decisionReason': '审批意见',
  'task.reassign': '改派 / 转办',
  'task.reassign.person': '改派给人员',
  'task.reassign.department': '转办给部门',
  'task.reassign.reason': '改派理由',
  'task.reassign.none': '（不指定）',
  'task.notFound': '找不到这件任务，或它不属于你的部门。',
  'task.readOnly': '只读：此任务不由你办理。',
  'nav.alerts': '我的预警',
  'nav.instructions': '督办',
  'alerts.title': '我的预警与升级',
  'alerts.count': '共 {n} 件，未阅 {unread} 件',
  'alerts.empty': '没有升级到你的预警。',
  'alerts.read': '已阅',
  'alerts.unread': '未阅',
  'alerts.acknowledge': '已阅',
  'alerts.note': '批示（如“已阅，请今日办结”）',
  'alerts.done': '已阅：{title}',
  'alerts.reached': '升级到你',
  'alerts.instruct': '查看 / 督办',
  'alerts.thisTask': '升级到你的预警',
  'instruct.title': '督办',
  'instruct.hint': '下达督办后，承办部门负责人会在待办中收到答复任务，逾期未答复将升级回你。',
  'instruct.text': '督办内容',
  'instruct.department': '责任部门',
  'instruct.days': '答复时限（工作日）',
  'instruct.daysRange': '答复时限请填 1 到 60 之间的整数',
  'instruct.submit': '下达督办',
  'instruct.issued': '已向{dept}下达督办。',
  'instruct.open': '查看督办',
  'instructions.title': '我下达的督办',
  'instructions.hint': '督办答复后请审阅：认可则办结，不认可可退回一次并说明不足。',
  'instructions.empty': '你还没有下达督办。',
  'instructions.back': '返回督办列表',
  'instructions.ofProcess': '督办',
  'instruction.title': '督办事项',
  'instruction.issuedBy': '督办领导',
  'instruction.about': '针对',
  'instruction.due': '答复期限',
  'instruction.closed': '办结于',
  'instruction.trail': '督办记录',
  'instruction.round': '第 {n} 轮',
  'instruction.answers': '答复',
  'instruction.noAnswer': '尚未答复。',
  'instruction.answer': '答复督办',
  'instruction.answerLabel': '答复内容（做了什么、结果如何）',
  'instruction.answered': '已答复，督办领导会收到通知。',
  'instruction.decide': '审阅答复',
  'instruction.comment': '意见',
  'instruction.commentHint': '认可时可不填；退回时请写明答复缺什么。',
  'instruction.returnedOnce': '已退回过一次，只能认可。',
  'instruction.returnNeedsComment': '退回时请写明答复缺什么',
  'instruction.accept': '认可答复，办结',
  'instruction.return': '退回重新答复',
  'instruction.acceptedDone': '督办已办结。',
  'instruction.returnedDone': '已退回，部门负责人将重新答复。',
  'instruction.returnedWith': '领导退回了上一轮答复：{comment}',
  'instruction.notFound': '找不到这件督办，或你无权查看。',
  'instruction.decision.accepted': '已认可',
  'instruction.decision.returned': '已退回',
  'instruction.status.awaitingAnswer': '待答复',
  'instruction.status.answered': '已答复，待审阅',
  'instruction.status.accepted': '已办结',
  'instruction.event.issued': '下达督办',
  'instruction.event.answered': '答复督办',
  'instruction.event.accepted': '认可答复，督办办结',
  'instruction.event.returned': '退回答复',
  'instruction.event.escalated': '督办逾期未答复，升级至督办领导',
  'instruction.event.light-changed': '督办灯色变化',
  'ladder.overdue: department head': '超期，升级至部门负责人',
  'ladder.overdue: assigned leader': '超期，升级至挂点领导',
  'ladder.reminder: due tomorrow': '明日到期',
  'ladder.督办 answer due tomorrow': '督办明日须答复',
  'ladder.督办 answer overdue': '督办答复超期',
  'ladder.督办 unanswered: back to the leader who issued it': '督办未答复，升级回督办领导',
  'timeline.task': '任务：{what}',
  'timeline.instruction': '督办：{what}',
  'timeline.unknown': '{what}',
  'history.acknowledged': '领导已阅',
  'history.issued': '下达督办',
  'history.answered': '答复',
  'history.accepted': '认可',
  'history.returned': '退回',
  'history.created': '任务创建',
  'history.claimed': '认领',
  'history.released': '退回部门',
  'history.reassigned': '改派',
  'history.completed': '办结',
  'history.cancelled': '取消',
  'history.escalated': '升级',
  'history.escalation': '升级',
  'history.reminder': '提醒',
  'history.reminded': '提醒',
  'history.light-changed': '灯色变化',
  'history.extension-requested': '申请延期',
  'history.extension-approved': '批准延期',
  'history.extension-refused': '不批准延期',
  'history.deadline-extended': '期限顺延',
  'history.deadlines-recomputed': '按新日历重算期限',
  'form.required': '请填写{label}',
  'form.requiredList': '请至少填写一项{label}（每行一项）',
  'form.date': '{label}请按 年-月-日 填写',
  'form.tooLong': '{label}最多 {n} 个字',
  'form.oneItemPerLine': '每行一项',
  'form.optional': '（选填）',
  'field.comment': '意见',
  'field.reason': '理由',
  'field.answer': '答复内容（做了什么、结果如何）',
  'outcome.approve': '同意',
  'outcome.reject': '不同意（驳回）',
  'outcome.answered': '答复督办',
  'board.title': '挂图作战',
  'board.byCategory': '按类别',
  'board.byDepartment': '按负责部门',
  'board.chart': '{kind}各类别灯色分布图',
  'board.uncategorised': '尚未分类',
  'board.running': '在办',
  'board.noneRedYellow': '没有红灯或黄灯。',
  'board.more': '另有 {n} 件，见流程列表。',
  'board.scope.district': '范围：全区',
  'board.scope.departments': '范围：你挂点的项目，以及 {list}',
  'board.none': '暂无',
  'board.redFirst': '红灯事项',
  'board.open': '查看',
  'board.items': '事项与经办',
  'board.item': '事项',
  'board.holder': '经办',
  'board.back': '返回挂图',
  'board.decidedBy': '办理人',
  'board.why': '理由',
  'admin.title': '流程管理',
  'admin.kinds': '流程类型',
  'admin.processes': '流程实例',
  'admin.id': '编号',
  'admin.name': '名称',
  'admin.status': '状态',
  'admin.started': '开始时间',
  'admin.state': '流程状态（原始数据）',
  'admin.openTasks': '未办结任务',
  'admin.filter': '筛选',
  'error.network': '网络或服务暂时不可用，请稍后重试。',
  'error.forbidden': '无权查看或办理：{reason}',
  'error.generic': '出错了：{reason}',
} as const;

export type MessageKey = keyof typeof zh;

const en: Partial<Record<MessageKey, string>> = {
  'app.title': 'Workbench',
  'app.skip': 'Skip to content',
  'app.loading': 'Loading…',
  'app.signOut': 'Sign out',
  'app.language': '中文',
  'app.live': 'Live',
  'app.offline': 'Live updates lost, reconnecting',
  'nav.inbox': 'Inbox',
  'nav.board': 'Board',
  'nav.admin': 'Processes',
  'signin.title': 'Sign in',
  'signin.demo': 'Demo: pick a person',
  'signin.person': 'Person',
  'signin.submit': 'Sign in',
  'signin.token': 'Sign-in token (from the identity provider)',
  'signin.failed': 'Sign-in failed: {reason}',
  'light.green': 'green',
  'light.yellow': 'yellow',
  'light.red': 'red',
  'light.all': 'All lights',
  'kind.all': 'All kinds',
  'inbox.title': 'My tasks',
  'inbox.empty': 'Nothing to do.',
  'inbox.count': '{n} in all',
  'inbox.task': 'Task',
  'inbox.deadline': 'Deadline',
  'inbox.holder': 'Held by',
  'inbox.offered': 'offered ({dept})',
  'inbox.mine': 'me',
  'inbox.page': 'page {page} of {pages}',
  'inbox.prev': 'Previous',
  'inbox.next': 'Next',
  'time.provisional': 'provisional',
  'task.back': 'Back to the inbox',
  'task.claim': 'Claim',
  'task.release': 'Release',
  'task.submit': 'Submit',
  'task.refused': 'Refused: {reason}',
  'task.confirming': 'Sent, being confirmed…',
  'task.confirming.wait': 'No answer from the system yet. Asking again in {seconds} s (attempt {n} of {max}); please stay on this page. It is not done until confirmed.',
  'task.confirming.now': 'Asking again (attempt {n} of {max})…',
  'task.unconfirmed': 'Not confirmed yet: the completion was sent, but the system has not answered; it may still take effect. What you sent and its key ({key}) are kept: press “Ask again” later, the same key cannot complete the task twice. If it still cannot be confirmed, give the key to the administrator.',
  'task.confirmAgain': 'Ask again',
  'task.reloadFailed': 'Could not refresh the task: {reason}',
  'form.required': '{label} is required',
  'nav.alerts': 'My alerts',
  'nav.instructions': 'Instructions',
  'alerts.title': 'Escalations that reached me',
  'alerts.count': '{n} in all, {unread} unread',
  'alerts.empty': 'No escalation has reached you.',
  'alerts.read': 'read',
  'alerts.unread': 'unread',
  'alerts.acknowledge': 'Acknowledge',
  'alerts.instruct': 'Open / instruct',
  'instruct.title': 'Supervision instruction',
  'instruct.text': 'Instruction',
  'instruct.department': 'Department',
  'instruct.days': 'Working days to answer',
  'instruct.submit': 'Issue',
  'instructions.title': 'Instructions I issued',
  'instruction.title': 'Supervision instruction',
  'instruction.accept': 'Accept the answer',
  'instruction.return': 'Send back',
  'timeline.task': 'task: {what}',
  'timeline.instruction': 'instruction: {what}',
  'board.title': 'Board',
  'board.uncategorised': 'Not yet classified',
  'admin.title': 'Processes',
};

let language: 'zh' | 'en' = 'zh';

export function setLanguage(next: 'zh' | 'en'): void {
  language = next;
  if (typeof document !== 'undefined') document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
}

export function currentLanguage(): 'zh' | 'en' {
  return language;
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text: string = (language === 'en' ? en[key] : undefined) ?? zh[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/**
 * A message for a key built at run time (an outcome, a field, a ladder's label, a status): the
 * kind's own words first when the kind is known, then the catalogue's, then any kind's that has
 * the key, else the fallback (the raw name).
 */
export function tOr(key: string, fallback: string, params: Record<string, string | number> = {}, kind?: string): string {
  const own = kind ? kindWord(key, kind) : undefined;
  if (own !== undefined) return said(own, params);
  if (key in zh) return t(key as MessageKey, params);
  const anyKind = kindWord(key);
  return anyKind !== undefined ? said(anyKind, params) : fallback;
}

/** A kind's Chinese word as the reader's language says it, with its parameters filled. */
function said(word: string, params: Record<string, string | number> = {}): string {
  return (language === 'en' ? inEnglish(word) : word).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** A kind's word that the page already holds (a fact's label or value, a category), in the reader's language. */
export function kindSaid(word: string): string {
  return said(word);
}

/** A timeline's event in words: `submitted`, `request.submitted`, `task.claimed`, `instruction.answered`; an unknown one readable as it is. */
export function eventWord(event: string, kind?: string): string {
  const dot = event.indexOf('.');
  const [prefix, name] = dot > 0 ? [event.slice(0, dot), event.slice(dot + 1)] : ['', event];
  const plain = (n: string) => n.replace(/[-_.]/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  if (prefix === 'task') return t('timeline.task', { what: tOr(`history.${name}`, plain(name)) });
  if (prefix === 'instruction') return tOr(`instruction.event.${name}`, t('timeline.instruction', { what: tOr(`history.${name}`, plain(name)) }));
  // The kind's own words (its presentation's `events`), then the catalogue's history words, then the event in plain words.
  const own = presentedEvent(name, kind);
  return own !== undefined ? said(own) : tOr(`history.${name}`, plain(event));
}

/** A kind's name: its presentation's `name` (in the reader's language), else the kind as the API names it. */
export function kindName(kind?: string): string {
  if (!kind) return '';
  const name = presentationOf(kind)?.name;
  return name ? said(name) : kind;
}
