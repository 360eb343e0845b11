/**
 * The search attributes every process keeps up to date, so that boards and lists are
 * visibility queries: what it is, where it stands, and whose it is. A process adds its own.
 */
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { upsertSearchAttributes } from '@temporalio/workflow';
import { GlAssignedLeader, GlCategory, GlDepartment, GlEntityKind, GlLight, GlProcessKind, GlStatus } from '../contracts/search-attributes';

export interface ProcessIndex {
  kind: string;
  status: string;
  light: string;
  category?: string | null;
  departmentId?: string | null;
  assignedLeaderId?: string | null;
}

export function indexProcess(index: ProcessIndex, more: SearchAttributeUpdatePair[] = []): void {
  const pairs: SearchAttributeUpdatePair[] = [
    { key: GlEntityKind, value: 'process' },
    { key: GlProcessKind, value: index.kind },
    { key: GlStatus, value: index.status },
    { key: GlLight, value: index.light },
  ];
  if (index.category !== undefined) pairs.push({ key: GlCategory, value: index.category });
  if (index.departmentId !== undefined) pairs.push({ key: GlDepartment, value: index.departmentId });
  if (index.assignedLeaderId !== undefined) pairs.push({ key: GlAssignedLeader, value: index.assignedLeaderId });
  upsertSearchAttributes([...pairs, ...more]);
}
