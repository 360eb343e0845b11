/**
 * Registers the project's custom search attributes on a Temporal namespace, adding only the
 * missing ones.
 *
 *   const connection = await Connection.connect({ address });
 *   await ensureSearchAttributes(connection, 'default');   // every registered key by default
 *
 * The dev server's --search-attribute flags register keys only when it creates its database:
 * restarted on an existing one it ignores keys added to contracts/search-attributes.ts since.
 * This fills that gap, and does the same against a cluster given by TEMPORAL_ADDRESS, where
 * nothing is written when every key is there already. A key registered with another type is an
 * error: a workflow upserting it would fail later, far from the cause.
 */
import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { allSearchAttributes } from '../processes/search-attributes';

const { IndexedValueType } = temporal.api.enums.v1;

/** The server type names that `temporal server start-dev --search-attribute` accepts. */
const indexedValueTypes: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  Text: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  Keyword: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Int: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  Double: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  Bool: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  Datetime: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  KeywordList: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

export interface SearchAttributeSpec {
  name: string;
  type: string;
}

/** Adds the missing attributes; returns the names it added. */
export async function ensureSearchAttributes(
  connection: Connection,
  namespace: string,
  attributes: ReadonlyArray<SearchAttributeSpec> = allSearchAttributes(),
): Promise<string[]> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const missing: Record<string, temporal.api.enums.v1.IndexedValueType> = {};
  const conflicts: string[] = [];
  for (const { name, type } of attributes) {
    const wanted = indexedValueTypes[type];
    if (wanted === undefined) throw new Error(`search attribute ${name}: unknown type ${type}`);
    const existing = customAttributes?.[name];
    if (existing === undefined || existing === null) missing[name] = wanted;
    else if (existing !== wanted) conflicts.push(`${name} is ${IndexedValueType[existing]}, wanted ${type}`);
  }
  if (conflicts.length > 0) {
    throw new Error(`search attributes registered with another type in namespace ${namespace}: ${conflicts.join('; ')}`);
  }
  const names = Object.keys(missing);
  if (names.length > 0) await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing });
  return names;
}

/** Registers every attribute without asking first: for the time-skipping test server, which cannot list them. */
export async function addSearchAttributes(
  connection: Connection,
  namespace: string,
  attributes: ReadonlyArray<SearchAttributeSpec> = allSearchAttributes(),
): Promise<void> {
  const searchAttributes = Object.fromEntries(attributes.map(({ name, type }) => [name, indexedValueTypes[type]]));
  await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
}
