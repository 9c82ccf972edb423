// A read-only view of a raw definition as scopes (top level, each Parallel branch, each Map
// ItemProcessor) and the states inside them. Every check walks this instead of raw JSON, so
// malformed shapes (States not an object, Branches not an array...) are tolerated in one place.
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import { escapePointerSegment } from './diagnostic.js';
export type StateMachineType = 'STANDARD' | 'EXPRESS';

export type QueryLanguage = 'JSONPath' | 'JSONata';

export interface StateNode {
  readonly name: string;
  readonly pointer: string;
  readonly raw: JsonObject;
  /** The raw Type when it is a string, else undefined. */
  readonly type: string | undefined;
  readonly queryLanguage: QueryLanguage;
  readonly scope: ScopeNode;
}

export interface ScopeNode {
  readonly kind: 'root' | 'branch' | 'processor';
  readonly pointer: string;
  readonly raw: JsonObject;
  /** The Parallel or Map state that owns this scope; undefined for the top level. */
  readonly owner: StateNode | undefined;
  readonly states: StateNode[];
  /** States by name (first occurrence wins; duplicates are reported by a check). */
  readonly byName: Map<string, StateNode>;
  /** True inside a DISTRIBUTED Map ItemProcessor (child executions). */
  readonly distributed: boolean;
}

export interface DefinitionModel {
  readonly raw: JsonObject;
  readonly machineType: StateMachineType;
  readonly queryLanguage: QueryLanguage;
  readonly scopes: ScopeNode[];
  readonly states: StateNode[];
}

export function buildModel(raw: JsonObject, machineType: StateMachineType): DefinitionModel {
  const queryLanguage: QueryLanguage = raw['QueryLanguage'] === 'JSONata' ? 'JSONata' : 'JSONPath';
  const model: DefinitionModel = { raw, machineType, queryLanguage, scopes: [], states: [] };
  addScope(model, 'root', raw, '', undefined, false);
  return model;
}

// Pointers are built by appending escaped segments, and the states are walked by index: this runs
// once per state, before V8 has optimised anything (unoptimised for...of allocates at each step).
function addScope(
  model: DefinitionModel,
  kind: ScopeNode['kind'],
  raw: JsonObject,
  pointer: string,
  owner: StateNode | undefined,
  distributed: boolean,
): void {
  const scope: ScopeNode = { kind, pointer, raw, owner, states: [], byName: new Map(), distributed };
  model.scopes.push(scope);
  const states = raw['States'];
  if (!isJsonObject(states)) return;
  const names = Object.keys(states);
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    const state = states[name];
    if (!isJsonObject(state)) continue;
    const type = typeof state['Type'] === 'string' ? state['Type'] : undefined;
    const declared = state['QueryLanguage'];
    const queryLanguage: QueryLanguage =
      declared === 'JSONata' || declared === 'JSONPath' ? declared : model.queryLanguage;
    const node: StateNode = { name, pointer: `${pointer}/States/${escapePointerSegment(name)}`, raw: state, type, queryLanguage, scope };
    scope.states.push(node);
    if (!scope.byName.has(name)) scope.byName.set(name, node);
    model.states.push(node);
    addChildScopes(model, node, distributed);
  }
}

function addChildScopes(model: DefinitionModel, node: StateNode, distributed: boolean): void {
  if (node.type === 'Parallel' && Array.isArray(node.raw['Branches'])) {
    node.raw['Branches'].forEach((branch, i) => {
      if (isJsonObject(branch)) addScope(model, 'branch', branch, `${node.pointer}/Branches/${i}`, node, distributed);
    });
  }
  if (node.type === 'Map') {
    for (const field of ['ItemProcessor', 'Iterator'] as const) {
      const processor = node.raw[field];
      if (!isJsonObject(processor)) continue;
      const config = processor['ProcessorConfig'];
      const isDistributed = isJsonObject(config) && config['Mode'] === 'DISTRIBUTED';
      addScope(model, 'processor', processor, `${node.pointer}/${field}`, node, distributed || isDistributed);
    }
  }
}

/** A Next, Default, Choice rule Next or catcher Next, and where it is written. */
export interface Transition {
  readonly target: JsonValue;
  readonly pointer: string;
}

/** The names a state may transition to, with the pointer of each transition field. */
export function transitionsOf(node: StateNode): Transition[] {
  const out: Transition[] = [];
  const raw = node.raw;
  if (raw['Next'] !== undefined) out.push({ target: raw['Next'], pointer: `${node.pointer}/Next` });
  if (node.type === 'Choice') {
    if (raw['Default'] !== undefined) out.push({ target: raw['Default'], pointer: `${node.pointer}/Default` });
    const choices = raw['Choices'];
    if (Array.isArray(choices)) {
      choices.forEach((rule, i) => {
        if (isJsonObject(rule) && rule['Next'] !== undefined) {
          out.push({ target: rule['Next'], pointer: `${node.pointer}/Choices/${i}/Next` });
        }
      });
    }
  }
  const catchers = raw['Catch'];
  if (Array.isArray(catchers)) {
    catchers.forEach((catcher, i) => {
      if (isJsonObject(catcher) && catcher['Next'] !== undefined) {
        out.push({ target: catcher['Next'], pointer: `${node.pointer}/Catch/${i}/Next` });
      }
    });
  }
  return out;
}

/** A state ends its scope: Succeed, Fail, or End: true. */
export function isTerminal(node: StateNode): boolean {
  return node.type === 'Succeed' || node.type === 'Fail' || node.raw['End'] === true;
}
