/**
 * The context object `$$` (ASL.md §6; `$states.context` in JSONata) in AWS's member names and key
 * order, which matters when `$$` is serialised into an output string. The runtime builds it lazily,
 * only for states whose compiled paths say `readsContext`.
 */
import type { JsonObject, JsonValue } from '../core/json.js';

export interface ExecutionContextParts {
  /** The execution ARN. */
  readonly id: string;
  readonly name: string;
  /** ISO-8601 UTC with milliseconds, e.g. 2025-01-01T00:00:00.000Z. */
  readonly startTime: string;
  /** The execution's original input (shared, never copied). */
  readonly input: JsonValue;
  readonly roleArn: string;
  /** 0 on a fresh Standard execution; omitted when undefined (sync Express executions have none). */
  readonly redriveCount?: number;
}

export interface StateContextParts {
  readonly name: string;
  readonly enteredTime: string;
  /** Only states that can retry (Task, Parallel, Map) carry it; AWS omits it in Pass states. */
  readonly retryCount?: number;
}

export interface MapItemParts {
  readonly index: number;
  readonly value: JsonValue;
  /** The property name when a Map iterates over a JSON object. */
  readonly key?: string;
}

export interface ContextObjectParts {
  readonly execution: ExecutionContextParts;
  readonly stateMachine: { readonly id: string; readonly name: string };
  readonly state: StateContextParts;
  /** Only in `.waitForTaskToken` tasks. */
  readonly task?: { readonly token: string };
  /** Only in a Map state's ItemSelector. */
  readonly map?: { readonly item: MapItemParts };
}

/**
 * A fresh context object. Key order follows the 2024–2026 AWS recordings: Execution (Id, Input,
 * StartTime, Name, RoleArn, RedriveCount), StateMachine (Id, Name), State (Name, EnteredTime,
 * RetryCount), then Task and Map when present.
 */
export function buildContextObject(parts: ContextObjectParts): JsonObject {
  const context: JsonObject = {
    Execution: executionObject(parts.execution),
    StateMachine: { Id: parts.stateMachine.id, Name: parts.stateMachine.name },
    State: stateObject(parts.state),
  };
  if (parts.task !== undefined) context['Task'] = { Token: parts.task.token };
  if (parts.map !== undefined) context['Map'] = { Item: mapItemObject(parts.map.item) };
  return context;
}

/**
 * The same context for another state visit: Execution and StateMachine are shared with `base`
 * (they never change during an execution), only State, Task and Map are new.
 */
export function contextForState(
  base: JsonObject,
  state: StateContextParts,
  extra: { readonly task?: { readonly token: string }; readonly map?: { readonly item: MapItemParts } } = {},
): JsonObject {
  const context: JsonObject = {
    Execution: base['Execution'] ?? null,
    StateMachine: base['StateMachine'] ?? null,
    State: stateObject(state),
  };
  if (extra.task !== undefined) context['Task'] = { Token: extra.task.token };
  if (extra.map !== undefined) context['Map'] = { Item: mapItemObject(extra.map.item) };
  return context;
}

function executionObject(execution: ExecutionContextParts): JsonObject {
  const object: JsonObject = {
    Id: execution.id,
    Input: execution.input,
    StartTime: execution.startTime,
    Name: execution.name,
    RoleArn: execution.roleArn,
  };
  if (execution.redriveCount !== undefined) object['RedriveCount'] = execution.redriveCount;
  return object;
}

function stateObject(state: StateContextParts): JsonObject {
  const object: JsonObject = { Name: state.name, EnteredTime: state.enteredTime };
  if (state.retryCount !== undefined) object['RetryCount'] = state.retryCount;
  return object;
}

function mapItemObject(item: MapItemParts): JsonObject {
  const object: JsonObject = { Index: item.index, Value: item.value };
  if (item.key !== undefined) object['Key'] = item.key;
  return object;
}
