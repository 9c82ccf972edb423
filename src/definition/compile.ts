// Raw (validated) definition → CompiledMachine (ARCHITECTURE.md 1.1: parse once, run many).
// Each scope is compiled in two passes, so cycles between states cost nothing: first every state
// object is created, then every Next/Default/Catch Next is patched to the object it names.
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import { CompileCache } from './compile-cache.js';
import type { CompileContext, CompiledEntry } from './compile-fields.js';
import { compileState } from './compile-states.js';
import type { CompiledMachine, CompiledScope, CompiledState } from './compiled.js';
import type { Diagnostic } from './diagnostic.js';
import type { QueryLanguage, StateMachineType } from './model.js';
import { ParsedDefinition, parseDefinition } from './source.js';
import { validateForRun } from './validate.js';

/** The definition is invalid; `diagnostics` holds its ERROR diagnostics. */
export class DefinitionError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(describe(diagnostics));
    this.name = 'DefinitionError';
  }
}

function describe(diagnostics: readonly Diagnostic[]): string {
  const lines = diagnostics.map((d) => {
    const at = d.line === undefined ? d.path || '/' : `${d.line}:${d.column ?? 1}`;
    return `  ${d.code} at ${at}: ${d.message}`;
  });
  return `Invalid state machine definition (${diagnostics.length} error${diagnostics.length === 1 ? '' : 's'}):\n${lines.join('\n')}`;
}

export interface CompileOptions {
  readonly type: StateMachineType;
}

/**
 * Compiles a definition that already passed validateDefinition (it is not re-validated: unvalidated
 * input may throw a plain Error or compile to nonsense). Linear in the size of the definition.
 */
export function compileDefinition(raw: JsonObject, options: CompileOptions): CompiledMachine {
  const queryLanguage: QueryLanguage = raw['QueryLanguage'] === 'JSONata' ? 'JSONata' : 'JSONPath';
  // Scope ids in pre-order (the machine is 0): a snapshot names a position as (scope id, state name).
  const scopes: CompiledScope[] = [];
  const ctx: CompileContext = {
    machineLanguage: queryLanguage,
    compileScope: (scope) => compileScope(scope, ctx, scopes),
    cache: new CompileCache(),
  };
  const timeoutSeconds = raw['TimeoutSeconds'];
  return {
    root: compileScope(raw, ctx, scopes),
    scopes,
    timeoutSeconds: typeof timeoutSeconds === 'number' ? timeoutSeconds : undefined,
    queryLanguage,
    type: options.type,
    definition: raw,
  };
}

export interface CompileOrThrowOptions {
  /** Default STANDARD. */
  readonly type?: StateMachineType;
  /** Used to pick JSON or YAML when the input is text. */
  readonly fileName?: string;
}

/**
 * Validates, then compiles. Throws DefinitionError carrying the ERROR diagnostics when the
 * definition is invalid (warnings never stop compilation).
 */
export function compileOrThrow(input: string | JsonValue | ParsedDefinition, options: CompileOrThrowOptions = {}): CompiledMachine {
  // Text is parsed here, once, so that the value validated is the value compiled.
  const source =
    typeof input === 'string' ? parseDefinition(input, options.fileName === undefined ? {} : { fileName: options.fileName }) : input;
  const type = options.type ?? 'STANDARD';
  const result = validateForRun(source, { type });
  const errors = [...result.diagnostics.filter((d) => d.severity === 'ERROR'), ...result.blocking];
  const value = source instanceof ParsedDefinition ? source.value : source;
  if (errors.length > 0 || !isJsonObject(value)) throw new DefinitionError(errors);
  return compileDefinition(value, { type });
}

function compileScope(raw: JsonObject, ctx: CompileContext, scopes: CompiledScope[]): CompiledScope {
  const id = scopes.length;
  // Reserved before the states are compiled, so that nested scopes take the ids after this one.
  scopes.push(PLACEHOLDER_SCOPE);
  const rawStates = isJsonObject(raw['States']) ? raw['States'] : {};
  const states = new Map<string, CompiledState>();
  const entries: CompiledEntry[] = [];
  // Indexed: once per state, before V8 has optimised anything (unoptimised for...of allocates).
  const names = Object.keys(rawStates);
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    const rawState = rawStates[name];
    if (!isJsonObject(rawState)) continue;
    const entry = compileState(name, rawState, ctx);
    states.set(name, entry.state);
    entries.push(entry);
  }
  const resolve = (target: JsonValue | undefined): CompiledState => {
    const state = typeof target === 'string' ? states.get(target) : undefined;
    if (state === undefined) {
      throw new Error(`Transition target ${JSON.stringify(target)} names no state of its scope; validate the definition before compiling it.`);
    }
    return state;
  };
  for (let i = 0; i < entries.length; i++) (entries[i] as CompiledEntry).link?.(resolve);
  const scope: CompiledScope = { id, startAt: resolve(raw['StartAt']), states };
  scopes[id] = scope;
  return scope;
}

const PLACEHOLDER_SCOPE = { id: -1, startAt: undefined, states: new Map() } as unknown as CompiledScope;
