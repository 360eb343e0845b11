/**
 * What is wrong with what a person sent, in the words of the person who must fix it: each problem
 * zod finds, named by its field (contracts/field-labels.ts) and said as what to do, in zh-CN —
 * "请填写延期理由", not "reason: Invalid input: expected string, received undefined". The API
 * answers every refused body and query with these, and a task's form its refused completion
 * (contracts/forms.ts); the workbench shows each beside its field and the CLI prints them.
 *
 * Parse with `reportInput: true`: a missing field is then told from one of the wrong type.
 * Pure and deterministic, so a workflow's Update validator may use it.
 */
import type { z } from 'zod';
import { fieldLabel } from './field-labels';

/** One problem: the field's path (`reply`, `items.0.reason`; empty for the whole), its name, and what to do. */
export interface SaidIssue { path: string; field: string; message: string }

const TYPE_WORDS: Record<string, string> = {
  string: '文字', number: '数字', int: '整数', boolean: '是或否', array: '列表（每项一行）', object: '一组内容', date: '日期',
};

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);

/** One issue in words. */
export function sayIssue(issue: z.core.$ZodIssue): SaidIssue {
  const path = issue.path.map(String).join('.');
  const field = path ? fieldLabel(path) : '提交的内容';
  const input = (issue as { input?: unknown }).input;
  const message = ((): string => {
    switch (issue.code) {
      case 'invalid_type':
        return input === undefined || input === null ? `请填写${field}` : `${field}应为${TYPE_WORDS[issue.expected] ?? issue.expected}`;
      case 'too_small': {
        const n = Number(issue.minimum);
        if (issue.origin === 'string') return n <= 1 ? `请填写${field}` : `${field}至少 ${n} 个字`;
        if (issue.origin === 'array' || issue.origin === 'set') return n <= 1 ? `请至少填写一项${field}` : `请至少填写 ${n} 项${field}`;
        return `${field}不能小于 ${n}`;
      }
      case 'too_big': {
        const n = Number(issue.maximum);
        if (issue.origin === 'string') return `${field}最多 ${n} 个字`;
        if (issue.origin === 'array' || issue.origin === 'set') return `${field}最多 ${n} 项`;
        return `${field}不能大于 ${n}`;
      }
      case 'invalid_value':
        return `${field}只能是：${issue.values.map(String).join('、')}`;
      case 'invalid_format':
        return issue.format === 'date' || issue.format === 'datetime' ? `${field}请按 年-月-日 填写` : `${field}的格式不对`;
      case 'not_multiple_of':
        return `${field}须为 ${String(issue.divisor)} 的倍数`;
      case 'unrecognized_keys':
        return `没有这几项，请删去：${issue.keys.map((k) => fieldLabel(k)).join('、')}`;
      case 'custom':
        // A rule of the contract's own says it in Chinese where a person meets it; a date's rule is said here.
        if (hasChinese(issue.message)) return issue.message;
        if (/YYYY-MM-DD/.test(issue.message)) return `${field}请按 年-月-日 填写`;
        return `${field}不符合要求`;
      default:
        return `${field}不符合要求`;
    }
  })();
  return { path, field, message };
}

/** Every issue in words, and one sentence of them all for a refusal's `error`. */
export function sayIssues(issues: readonly z.core.$ZodIssue[]): { error: string; details: SaidIssue[] } {
  const details = issues.map(sayIssue);
  return { error: `请改正后再提交：${[...new Set(details.map((d) => d.message))].join('；')}`, details };
}
