/**
 * The key project's own search attribute: facts the wall chart's filters and the event
 * subscription look up (`tier:city`, `year:2026`, `linked:<approval process id>`), in one list
 * because SQL visibility stores hold few Keyword columns.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const GlKeyProjectFacts = defineSearchAttributeKey('GlKeyProjectFacts', SearchAttributeType.KEYWORD_LIST);
