// One compiler per state type. Each returns the state object at once (phase 1) and, when the state
// names other states, a link that fills those references in once the whole scope exists (phase 2).
import { isJsonObject, type JsonObject } from '../core/json.js';
import { parseRfc3339 } from '../core/timestamp.js';
import { compileChoiceRule } from './compile-choice.js';
import {
  baseFields,
  type BaseFields,
  type CompileContext,
  type CompiledEntry,
  compileCatch,
  compileRetry,
  type Link,
  optionalExpression,
  optionalNumber,
  optionalPath,
  optionalString,
  queryLanguageOf,
  resultPathOrNull,
  template,
} from './compile-fields.js';
import type {
  CompiledChoice,
  CompiledChoiceBranch,
  CompiledMap,
  CompiledParallel,
  CompiledPass,
  CompiledTask,
  CompiledWait,
} from './compiled.js';
import type { CompileCache } from './compile-cache.js';
import { compileItemBatcher, compileResultWriter } from './compile-map-io.js';
import { compileItemReader } from './compile-map-reader.js';
import type { QueryLanguage } from './model.js';

export function compileState(name: string, raw: JsonObject, ctx: CompileContext): CompiledEntry {
  const ql = queryLanguageOf(raw, ctx);
  // Base fields are copied one by one, not spread: object spread here made compiling ~15x slower.
  const b = baseFields(name, raw, ql, ctx.cache);
  switch (raw['Type']) {
    case 'Pass':
      return withNext(raw, {
        name: b.name, queryLanguage: b.queryLanguage, inputPath: b.inputPath, outputPath: b.outputPath, assign: b.assign, jsonata: b.jsonata,
        type: 'Pass',
        next: undefined,
        parameters: template(raw, 'Parameters', ql, ctx.cache),
        result: raw['Result'],
        resultPath: resultPathOrNull(raw, ctx.cache),
      });
    case 'Task':
      return compileTask(raw, b, ql, ctx.cache);
    case 'Choice':
      return compileChoice(raw, b, ql, ctx.cache);
    case 'Wait':
      return withNext(raw, compileWait(raw, b, ctx.cache));
    case 'Succeed':
      return { state: { name: b.name, queryLanguage: b.queryLanguage, inputPath: b.inputPath, outputPath: b.outputPath, assign: b.assign, jsonata: b.jsonata, type: 'Succeed' }, link: undefined };
    case 'Fail':
      return {
        state: {
          name: b.name, queryLanguage: b.queryLanguage, inputPath: b.inputPath, outputPath: b.outputPath, assign: b.assign, jsonata: b.jsonata,
          type: 'Fail',
          error: optionalString(raw, 'Error'),
          errorPath: optionalExpression(raw, 'ErrorPath', ctx.cache),
          cause: optionalString(raw, 'Cause'),
          causePath: optionalExpression(raw, 'CausePath', ctx.cache),
        },
        link: undefined,
      };
    case 'Parallel':
      return compileParallel(raw, b, ql, ctx);
    case 'Map':
      return compileMap(raw, b, ql, ctx);
    default:
      throw new Error(`State "${name}" has an unknown Type ${JSON.stringify(raw['Type'])}; validate the definition before compiling it.`);
  }
}

type Transitioning = CompiledPass | CompiledTask | CompiledWait | CompiledParallel | CompiledMap;

/** Links `next` of a state with Next/End; `extra` links what else it names (catchers). */
function withNext(raw: JsonObject, state: Transitioning, extra?: Link): CompiledEntry {
  const target = raw['Next'];
  if (target === undefined && extra === undefined) return { state, link: undefined };
  return {
    state,
    link: (resolve) => {
      if (target !== undefined) state.next = resolve(target);
      extra?.(resolve);
    },
  };
}

function compileTask(raw: JsonObject, b: BaseFields, ql: QueryLanguage, cache: CompileCache): CompiledEntry {
  const { catchers, link } = compileCatch(raw, ql, cache);
  const state: CompiledTask = {
    name: b.name, queryLanguage: b.queryLanguage, inputPath: b.inputPath, outputPath: b.outputPath, assign: b.assign, jsonata: b.jsonata,
    type: 'Task',
    next: undefined,
    resultSelector: template(raw, 'ResultSelector', ql, cache),
    resultPath: resultPathOrNull(raw, cache),
    retry: compileRetry(raw),
    parameters: template(raw, 'Parameters', ql, cache),
    catch: catchers,
    resource: optionalString(raw, 'Resource') ?? '',
    timeoutSeconds: optionalNumber(raw, 'TimeoutSeconds'),
    timeoutSecondsPath: optionalPath(raw, 'TimeoutSecondsPath', cache),
    heartbeatSeconds: optionalNumber(raw, 'HeartbeatSeconds'),
    heartbeatSecondsPath: optionalPath(raw, 'HeartbeatSecondsPath', cache),
    credentials: template(raw, 'Credentials', ql, cache),
  };
  return withNext(raw, state, link);
}

function compileChoice(raw: JsonObject, b: BaseFields, ql: QueryLanguage, cache: CompileCache): CompiledEntry {
  const choices: CompiledChoiceBranch[] = [];
  const state: CompiledChoice = {
    name: b.name, queryLanguage: b.queryLanguage, inputPath: b.inputPath, outputPath: b.outputPath, assign: b.assign, jsonata: b.jsonata,
    type: 'Choice',
    choices,
    default: undefined,
  };
  const rules = Array.isArray(raw['Choices']) ? raw['Choices'].filter(isJsonObject) : [];
  const pending = rules.map((rule) => ({ rule: compileChoiceRule(rule, ql, cache), assign: template(rule, 'Assign', ql, cache), target: rule['Next'] }));
  const defaultTarget = raw['Default'];
  return {
    state,
    link: (resolve) => {
      for (const p of pending) choices.push({ rule: p.rule, next: resolve(p.target), assign: p.assign });
      if (defaultTarget !== undefined) state.default = resolve(defaultTarget);
    },
  };
}

function compileWait(raw: JsonObject, b: BaseFields, cache: CompileCache): CompiledWait {
  const timestamp = optionalString(raw, 'Timestamp');
  return {
    name: b.name, queryLanguage: b.queryLanguage, inputPath: b.inputPath, outputPath: b.outputPath, assign: b.assign, jsonata: b.jsonata,
    type: 'Wait',
    next: undefined,
    seconds: optionalNumber(raw, 'Seconds'),
    secondsPath: optionalPath(raw, 'SecondsPath', cache),
    timestamp: timestamp === undefined ? undefined : parseRfc3339(timestamp),
    timestampPath: optionalPath(raw, 'TimestampPath', cache),
  };
}

function compileParallel(raw: JsonObject, b: BaseFields, ql: QueryLanguage, ctx: CompileContext): CompiledEntry {
  const { cache } = ctx;
  const { catchers, link } = compileCatch(raw, ql, cache);
  const branches = Array.isArray(raw['Branches']) ? raw['Branches'].filter(isJsonObject).map(ctx.compileScope) : [];
  const state: CompiledParallel = {
    name: b.name, queryLanguage: b.queryLanguage, inputPath: b.inputPath, outputPath: b.outputPath, assign: b.assign, jsonata: b.jsonata,
    type: 'Parallel',
    next: undefined,
    resultSelector: template(raw, 'ResultSelector', ql, cache),
    resultPath: resultPathOrNull(raw, cache),
    retry: compileRetry(raw),
    parameters: template(raw, 'Parameters', ql, cache),
    catch: catchers,
    branches,
  };
  return withNext(raw, state, link);
}

function compileMap(raw: JsonObject, b: BaseFields, ql: QueryLanguage, ctx: CompileContext): CompiledEntry {
  const { cache } = ctx;
  const { catchers, link } = compileCatch(raw, ql, cache);
  const rawProcessor = isJsonObject(raw['ItemProcessor']) ? raw['ItemProcessor'] : raw['Iterator'];
  if (!isJsonObject(rawProcessor)) throw new Error(`Map state "${b.name}" has no ItemProcessor; validate the definition before compiling it.`);
  const config = isJsonObject(rawProcessor['ProcessorConfig']) ? rawProcessor['ProcessorConfig'] : {};
  const itemsPath = optionalString(raw, 'ItemsPath');
  const state: CompiledMap = {
    name: b.name, queryLanguage: b.queryLanguage, inputPath: b.inputPath, outputPath: b.outputPath, assign: b.assign, jsonata: b.jsonata,
    type: 'Map',
    next: undefined,
    resultSelector: template(raw, 'ResultSelector', ql, cache),
    resultPath: resultPathOrNull(raw, cache),
    retry: compileRetry(raw),
    // The legacy Parameters of a Map is its per-item selector, never a state-input template.
    parameters: undefined,
    catch: catchers,
    processor: ctx.compileScope(rawProcessor),
    mode: config['Mode'] === 'DISTRIBUTED' ? 'DISTRIBUTED' : 'INLINE',
    executionType: config['ExecutionType'] === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
    itemsPath: cache.path(itemsPath ?? '$'),
    itemSelector: template(raw, raw['ItemSelector'] === undefined ? 'Parameters' : 'ItemSelector', ql, cache),
    maxConcurrency: optionalNumber(raw, 'MaxConcurrency') ?? 0,
    maxConcurrencyPath: optionalPath(raw, 'MaxConcurrencyPath', cache),
    toleratedFailurePercentage: optionalNumber(raw, 'ToleratedFailurePercentage'),
    toleratedFailurePercentagePath: optionalPath(raw, 'ToleratedFailurePercentagePath', cache),
    toleratedFailureCount: optionalNumber(raw, 'ToleratedFailureCount'),
    toleratedFailureCountPath: optionalPath(raw, 'ToleratedFailureCountPath', cache),
    label: optionalString(raw, 'Label'),
    itemReader: compileItemReader(raw['ItemReader'], ql, cache),
    itemBatcher: compileItemBatcher(raw, ql, cache),
    resultWriter: compileResultWriter(raw, ql, cache),
  };
  return withNext(raw, state, link);
}
