// The work of `asl executions` (commands/executions.ts): read the store's executions page by page.
import { access } from 'node:fs/promises';
import { listAllExecutions, openStore, StoreError } from '../../index.js';
import type { ExecutionStore, ExecutionSummary } from '../../index.js';
import { ExitCode } from '../exit-codes.js';
import type { Io } from '../io.js';
import { describeError, renderProblem } from '../render.js';
import type { ExecutionsCommandOptions } from './executions.js';

export async function listStoredExecutions(opts: ExecutionsCommandOptions, io: Io): Promise<ExitCode> {
  const json = opts.json === true;
  const store = await openExisting(opts.store, io, json);
  if (store === undefined) return ExitCode.USAGE_OR_IO;
  try {
    const rows = await listAllExecutions(store, opts.status === undefined ? {} : { status: opts.status });
    if (json) for (const row of rows) io.stdout(JSON.stringify(summaryJson(row)) + '\n');
    else io.stdout(table(rows));
    return ExitCode.OK;
  } finally {
    await store.close();
  }
}

/** Opens a store that must exist (listing never creates one); a problem is printed and gives undefined. */
export async function openExisting(file: string, io: Io, json: boolean): Promise<ExecutionStore | undefined> {
  try {
    await access(file);
    return await openStore(file);
  } catch (error) {
    const problem = error instanceof StoreError ? error.message : `cannot open the store: ${describeError(error)}`;
    io.stderr(renderProblem(file, problem, json));
    return undefined;
  }
}

function summaryJson(row: ExecutionSummary): Record<string, string | number> {
  return {
    executionArn: row.arn,
    name: row.name,
    stateMachineArn: row.machineArn,
    status: row.status,
    startDate: new Date(row.startDate).toISOString(),
    ...(row.stopDate === undefined ? {} : { stopDate: new Date(row.stopDate).toISOString() }),
    events: row.lastEventId,
  };
}

function table(rows: readonly ExecutionSummary[]): string {
  if (rows.length === 0) return 'no executions\n';
  const lines = rows.map((row) => [row.name, row.status, new Date(row.startDate).toISOString(), row.stopDate === undefined ? '-' : new Date(row.stopDate).toISOString(), String(row.lastEventId)]);
  const header = ['NAME', 'STATUS', 'STARTED', 'STOPPED', 'EVENTS'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => (line[i] as string).length)));
  const render = (cells: readonly string[]): string => cells.map((cell, i) => cell.padEnd(widths[i] as number)).join('  ').trimEnd();
  return [render(header), ...lines.map(render)].join('\n') + '\n';
}
