// Every execution a filter matches, page by page: what a caller needs when it must see them all
// (an engine resuming, `asl executions`, `asl resume`), written once.
import type { ExecutionFilter, ExecutionStore, ExecutionSummary } from './types.js';

const PAGE = 500;

export async function listAllExecutions(store: ExecutionStore, filter: Omit<ExecutionFilter, 'limit' | 'after'> = {}): Promise<ExecutionSummary[]> {
  const found: ExecutionSummary[] = [];
  let after: string | undefined;
  do {
    const page = await store.listExecutions({ ...filter, limit: PAGE, ...(after === undefined ? {} : { after }) });
    found.push(...page.executions);
    after = page.next;
  } while (after !== undefined);
  return found;
}
