// Where each compiled state sits in the definition, as a JSON Pointer spelled the way diagnostics
// spell it: `/States/A`, `/States/P/Branches/0/States/B`, `/States/M/ItemProcessor/States/C` (or
// `/Iterator/` when the definition uses the legacy field). The coverage collector and the runtime
// probe both key on these, so a probe event names the same state the coverage report does.
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import type { CompiledMachine, CompiledScope, CompiledState } from './compiled.js';
import { escapePointerSegment } from './diagnostic.js';

/** One state of a machine, with its pointer and where it is nested. */
export interface LocatedState {
  readonly state: CompiledState;
  /** JSON Pointer of the state in the definition. */
  readonly pointer: string;
  /** JSON Pointer of the scope holding it: '' for the top level, `/States/P/Branches/0`... */
  readonly scopePointer: string;
  /** The state's raw JSON (undefined only if the compiled machine and its definition disagree). */
  readonly raw: JsonObject | undefined;
}

/** Every state of the machine, depth first: a Parallel/Map before the states nested in it. */
export function locateStates(machine: CompiledMachine): LocatedState[] {
  const found: LocatedState[] = [];
  walkScope(machine.root, '', machine.definition, found);
  return found;
}

/** The pointer of every state of the machine, by state object. */
export function statePointers(machine: CompiledMachine): Map<CompiledState, string> {
  return new Map(locateStates(machine).map((located) => [located.state, located.pointer]));
}

function walkScope(scope: CompiledScope, scopePointer: string, raw: JsonValue | undefined, found: LocatedState[]): void {
  const rawStates = isJsonObject(raw) ? raw['States'] : undefined;
  for (const [name, state] of scope.states) {
    const pointer = `${scopePointer}/States/${escapePointerSegment(name)}`;
    const rawState = isJsonObject(rawStates) ? rawStates[name] : undefined;
    const rawObject = isJsonObject(rawState) ? rawState : undefined;
    found.push({ state, pointer, scopePointer, raw: rawObject });
    if (state.type === 'Parallel') {
      const rawBranches = rawObject?.['Branches'];
      state.branches.forEach((branch, i) => walkScope(branch, `${pointer}/Branches/${i}`, Array.isArray(rawBranches) ? rawBranches[i] : undefined, found));
    } else if (state.type === 'Map') {
      // The legacy Iterator field is spelled as the definition spells it.
      const field = rawObject !== undefined && rawObject['ItemProcessor'] === undefined && rawObject['Iterator'] !== undefined ? 'Iterator' : 'ItemProcessor';
      walkScope(state.processor, `${pointer}/${field}`, rawObject?.[field], found);
    }
  }
}
