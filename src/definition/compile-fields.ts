// Field readers shared by the per-state compilers. The input already passed validation, so these
// read fields by their validated shapes; a field of an unexpected type falls back to the default
// (that only happens in JSONata states, whose {% %} forms a later issue compiles).
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import type { CompiledExpression, CompiledPath, CompiledResultPath, CompiledTemplate } from '../paths/evaluate-types.js';
import type { CompileCache } from './compile-cache.js';
import { compileJsonataFields } from './compile-jsonata.js';
import type { CompiledCatcher, CompiledRetrier, CompiledScope, CompiledState, StateBase } from './compiled.js';
import type { QueryLanguage } from './model.js';

/** Looks a transition target up in the state's own scope. */
export type Resolve = (target: JsonValue | undefined) => CompiledState;

/** Second phase of a state's compilation: fills in the fields that point at other states. */
export type Link = (resolve: Resolve) => void;

export interface CompiledEntry {
  readonly state: CompiledState;
  readonly link: Link | undefined;
}

export interface CompileContext {
  /** The machine's top-level QueryLanguage, inherited by states that do not set their own. */
  readonly machineLanguage: QueryLanguage;
  /** Compiles a nested sub-machine (Parallel branch, Map ItemProcessor) into its own scope. */
  readonly compileScope: (raw: JsonObject) => CompiledScope;
  /** The paths and expressions compiled so far, shared by every state of the definition. */
  readonly cache: CompileCache;
}

/** The fields every compiled state has. */
export type BaseFields = StateBase;

export function queryLanguageOf(raw: JsonObject, ctx: CompileContext): QueryLanguage {
  const own = raw['QueryLanguage'];
  return own === 'JSONata' || own === 'JSONPath' ? own : ctx.machineLanguage;
}

export function baseFields(name: string, raw: JsonObject, queryLanguage: QueryLanguage, cache: CompileCache): BaseFields {
  return {
    name,
    queryLanguage,
    inputPath: pathOrNull(raw, 'InputPath', cache),
    outputPath: pathOrNull(raw, 'OutputPath', cache),
    assign: template(raw, 'Assign', queryLanguage, cache),
    jsonata: queryLanguage === 'JSONata' ? compileJsonataFields(raw, String(raw['Type'])) : undefined,
  };
}

/** InputPath/OutputPath: absent means "$" (identity), JSON null means "use {}" (ASL.md §5). */
export function pathOrNull(raw: JsonObject, key: string, cache: CompileCache): CompiledPath | null {
  const value = raw[key];
  if (value === null) return null;
  return cache.path(typeof value === 'string' ? value : '$');
}

/** ResultPath (state or catcher): absent means "$", JSON null discards the result. */
export function resultPathOrNull(raw: JsonObject, cache: CompileCache): CompiledResultPath | null {
  const value = raw['ResultPath'];
  if (value === null) return null;
  return cache.resultPath(typeof value === 'string' ? value : '$');
}

export function optionalPath(raw: JsonObject, key: string, cache: CompileCache): CompiledPath | undefined {
  const value = raw[key];
  return typeof value === 'string' ? cache.path(value) : undefined;
}

export function optionalExpression(raw: JsonObject, key: string, cache: CompileCache): CompiledExpression | undefined {
  const value = raw[key];
  return typeof value === 'string' ? cache.expression(value) : undefined;
}

export function optionalNumber(raw: JsonObject, key: string): number | undefined {
  const value = raw[key];
  return typeof value === 'number' ? value : undefined;
}

export function optionalString(raw: JsonObject, key: string): string | undefined {
  const value = raw[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * A JSONPath payload template (Parameters, ResultSelector, ItemSelector, Assign, Credentials).
 * JSONata states get undefined: their templates hold {% %} expressions, which compileTemplate
 * would copy as literal strings.
 */
export function template(raw: JsonObject, key: string, queryLanguage: QueryLanguage, cache: CompileCache): CompiledTemplate | undefined {
  const value = raw[key];
  if (value === undefined || queryLanguage === 'JSONata') return undefined;
  return cache.template(value);
}

/** Retry with the defaults of ERRORS.md §4 filled in. */
export function compileRetry(raw: JsonObject): CompiledRetrier[] {
  const retriers = raw['Retry'];
  if (!Array.isArray(retriers)) return [];
  return retriers.filter(isJsonObject).map((r) => ({
    errorEquals: stringArray(r['ErrorEquals']),
    intervalSeconds: optionalNumber(r, 'IntervalSeconds') ?? 1,
    maxAttempts: optionalNumber(r, 'MaxAttempts') ?? 3,
    backoffRate: optionalNumber(r, 'BackoffRate') ?? 2.0,
    maxDelaySeconds: optionalNumber(r, 'MaxDelaySeconds'),
    jitter: r['JitterStrategy'] === 'FULL' ? 'FULL' : 'NONE',
  }));
}

/**
 * Catch: the catchers' static parts are compiled at once; each catcher is pushed into `catchers`
 * by the returned link, once the state it names exists.
 */
export function compileCatch(raw: JsonObject, queryLanguage: QueryLanguage, cache: CompileCache): { catchers: CompiledCatcher[]; link: Link } {
  const catchers: CompiledCatcher[] = [];
  const rawCatchers = Array.isArray(raw['Catch']) ? raw['Catch'].filter(isJsonObject) : [];
  const pending = rawCatchers.map((c) => ({
    errorEquals: stringArray(c['ErrorEquals']),
    resultPath: resultPathOrNull(c, cache),
    assign: template(c, 'Assign', queryLanguage, cache),
    target: c['Next'],
  }));
  const link: Link = (resolve) => {
    for (const p of pending) catchers.push({ errorEquals: p.errorEquals, next: resolve(p.target), resultPath: p.resultPath, assign: p.assign });
  };
  return { catchers, link };
}

function stringArray(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
