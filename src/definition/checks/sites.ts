// Where a definition holds payload templates (ASL.md §4) and Assign keys (path fields are in
// path-sites.ts). The templates, variables and assign checks read these; analysis.ts collects
// them once per validation. A pointer is built only for a field that is present.
import { isJsonObject, type JsonObject, type JsonValue } from '../../core/json.js';
import { escapePointerSegment as escape } from '../diagnostic.js';
import type { DefinitionModel, StateNode } from '../model.js';

export interface TemplateRoot {
  readonly node: StateNode;
  readonly field: string;
  readonly pointer: string;
  readonly value: JsonObject;
}

/** A template root, or an object nested in it at any depth, also inside arrays (ASL.md §4). */
export interface TemplateObject {
  readonly root: TemplateRoot;
  readonly object: JsonObject;
  readonly pointer: string;
  /** Object.keys(object), read once for every check that walks the keys. */
  readonly keys: readonly string[];
}

/** A ".$" entry of a template: the value AWS evaluates. */
export interface DynamicEntry {
  readonly root: TemplateRoot;
  readonly key: string;
  /** The pointer of the object holding the entry; see entryPointer. */
  readonly objectPointer: string;
  readonly value: JsonValue;
}

/** The entry's own pointer, built only when a diagnostic needs it. */
export function entryPointer(entry: DynamicEntry): string {
  return `${entry.objectPointer}/${escape(entry.key)}`;
}

/**
 * The template fields of a state, in the order their roots are listed: plain fields, fields of a
 * section (ItemReader.Parameters...), then the Assign and Output of each Choice rule and catcher.
 */
const TEMPLATE_FIELDS: ReadonlyArray<{ readonly field: string; readonly section?: string }> = [
  { field: 'Parameters' },
  { field: 'ResultSelector' },
  { field: 'ItemSelector' },
  { field: 'Credentials' },
  { field: 'Assign' },
  { field: 'Arguments' },
  { field: 'Output' },
  { section: 'ItemReader', field: 'Parameters' },
  { section: 'ResultWriter', field: 'Parameters' },
  { section: 'ItemBatcher', field: 'BatchInput' },
  { section: 'ItemReader', field: 'Arguments' },
  { section: 'ResultWriter', field: 'Arguments' },
];
const RULE_LISTS: readonly string[] = ['Choices', 'Catch'];

/** For each state field that may hold templates, the ranks (TEMPLATE_FIELDS indexes, then lists) it contributes. */
const TEMPLATE_RANKS: ReadonlyMap<string, readonly number[]> = (() => {
  const ranks = new Map<string, number[]>();
  const add = (key: string, rank: number): void => {
    ranks.set(key, [...(ranks.get(key) ?? []), rank]);
  };
  TEMPLATE_FIELDS.forEach(({ field, section }, rank) => add(section ?? field, rank));
  RULE_LISTS.forEach((list, i) => add(list, TEMPLATE_FIELDS.length + i));
  return ranks;
})();

// The loops below run for every state of every validation, before V8 has optimised them. They
// walk the state's own fields (a handful) rather than every field that could hold a template (a
// dozen), and index instead of using for...of (which allocates per step when unoptimised).

interface RankedRoot {
  readonly rank: number;
  readonly root: TemplateRoot;
}

/** The object-valued templates of a state, whichever language it uses, in TEMPLATE_FIELDS order. */
export function templateRoots(node: StateNode): TemplateRoot[] {
  const ranked: RankedRoot[] = [];
  const raw = node.raw;
  const keys = Object.keys(raw);
  for (let k = 0; k < keys.length; k++) {
    const ranks = TEMPLATE_RANKS.get(keys[k] as string);
    if (ranks === undefined) continue;
    for (let r = 0; r < ranks.length; r++) addRoots(node, ranks[r] as number, ranked);
  }
  // Restore the table order (the state's own key order is the writer's); usually one root.
  if (ranked.length > 1) ranked.sort(byRank);
  return ranked.map(rootOf);
}

function addRoots(node: StateNode, rank: number, out: RankedRoot[]): void {
  const raw = node.raw;
  const spec = TEMPLATE_FIELDS[rank];
  if (spec !== undefined) {
    const { field, section } = spec;
    if (section === undefined) {
      const value = raw[field];
      if (isJsonObject(value)) out.push({ rank, root: { node, field, pointer: `${node.pointer}/${field}`, value } });
      return;
    }
    const holder = raw[section];
    const value = isJsonObject(holder) ? holder[field] : undefined;
    if (isJsonObject(value)) out.push({ rank, root: { node, field: `${section}.${field}`, pointer: `${node.pointer}/${section}/${field}`, value } });
    return;
  }
  const list = RULE_LISTS[rank - TEMPLATE_FIELDS.length] as string;
  const entries = raw[list];
  if (!Array.isArray(entries)) return;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (!isJsonObject(entry)) continue;
    const assign = entry['Assign'];
    if (isJsonObject(assign)) out.push({ rank, root: { node, field: 'Assign', pointer: `${node.pointer}/${list}/${i}/Assign`, value: assign } });
    const output = entry['Output'];
    if (isJsonObject(output)) out.push({ rank, root: { node, field: 'Output', pointer: `${node.pointer}/${list}/${i}/Output`, value: output } });
  }
}

/** Array.prototype.sort is stable, so roots of one rank keep their order. */
function byRank(a: RankedRoot, b: RankedRoot): number {
  return a.rank - b.rank;
}

function rootOf(ranked: RankedRoot): TemplateRoot {
  return ranked.root;
}

/** Every object of the JSONPath states' templates, each template in walkObjects order. */
export function templateObjects(model: DefinitionModel): TemplateObject[] {
  const out: TemplateObject[] = [];
  // walkObjects, inlined with one stack for all templates: a callback or a stack per template
  // would cost an allocation per state.
  const stack: TemplateObject[] = [];
  const states = model.states;
  for (let s = 0; s < states.length; s++) {
    const node = states[s] as StateNode;
    if (node.queryLanguage !== 'JSONPath') continue;
    const roots = templateRoots(node);
    for (let r = 0; r < roots.length; r++) {
      const root = roots[r] as TemplateRoot;
      stack.push({ root, object: root.value, pointer: root.pointer, keys: Object.keys(root.value) });
      for (let top = stack.pop(); top; top = stack.pop()) {
        out.push(top);
        const { object, pointer, keys } = top;
        for (let k = 0; k < keys.length; k++) {
          const key = keys[k] as string;
          const value = object[key];
          if (isJsonObject(value)) stack.push({ root, object: value, pointer: `${pointer}/${escape(key)}`, keys: Object.keys(value) });
          else if (Array.isArray(value)) pushArrayObjects(root, value, `${pointer}/${escape(key)}`, stack);
        }
      }
    }
  }
  return out;
}

/**
 * Pushes the objects held by an array, at any depth of nested arrays, so that they pop in array
 * order: objects inside arrays are templates too (the runtime evaluates them, payload-template.ts).
 */
function pushArrayObjects(root: TemplateRoot, array: readonly JsonValue[], pointer: string, stack: TemplateObject[]): void {
  const found: TemplateObject[] = [];
  const arrays: Array<{ readonly items: readonly JsonValue[]; readonly pointer: string }> = [{ items: array, pointer }];
  for (let top = arrays.pop(); top; top = arrays.pop()) {
    for (let i = 0; i < top.items.length; i++) {
      const item = top.items[i];
      const at = `${top.pointer}/${i}`;
      if (isJsonObject(item)) found.push({ root, object: item, pointer: at, keys: Object.keys(item) });
      else if (Array.isArray(item)) arrays.push({ items: item, pointer: at });
    }
  }
  for (let i = found.length - 1; i >= 0; i--) stack.push(found[i] as TemplateObject);
}

/** The ".$" entries of these objects, in order. */
export function dynamicEntries(objects: readonly TemplateObject[]): DynamicEntry[] {
  const out: DynamicEntry[] = [];
  for (let o = 0; o < objects.length; o++) {
    const { root, object, pointer, keys } = objects[o] as TemplateObject;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as string;
      if (key.endsWith('.$')) out.push({ root, key, objectPointer: pointer, value: object[key] as JsonValue });
    }
  }
  return out;
}

/** Visits an object and every object nested in it through object members (not through arrays). */
export function walkObjects(root: JsonObject, pointer: string, visit: (object: JsonObject, pointer: string) => void): void {
  const objects: JsonObject[] = [root];
  const pointers: string[] = [pointer];
  for (let object = objects.pop(); object; object = objects.pop()) {
    const at = pointers.pop() as string;
    visit(object, at);
    for (const key of Object.keys(object)) {
      const value = object[key];
      if (isJsonObject(value)) {
        objects.push(value);
        pointers.push(`${at}/${escape(key)}`);
      }
    }
  }
}

export interface AssignSite {
  readonly node: StateNode;
  /** Name as assigned (".$" suffix removed). */
  readonly name: string;
  readonly pointer: string;
}

/** Every Assign key of a state: state level, each top-level Choice rule, and each catcher. */
export function assignSites(node: StateNode): AssignSite[] {
  const own = node.raw['Assign'];
  if (own === undefined && node.raw['Choices'] === undefined && node.raw['Catch'] === undefined) return [];
  const sites: AssignSite[] = [];
  if (isJsonObject(own)) addAssignSites(node, own, `${node.pointer}/Assign`, sites);
  for (let l = 0; l < RULE_LISTS.length; l++) {
    const field = RULE_LISTS[l] as string;
    const list = node.raw[field];
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) {
      const entry = list[i];
      const assign = isJsonObject(entry) ? entry['Assign'] : undefined;
      if (isJsonObject(assign)) addAssignSites(node, assign, `${node.pointer}/${field}/${i}/Assign`, sites);
    }
  }
  return sites;
}

function addAssignSites(node: StateNode, assign: JsonObject, pointer: string, sites: AssignSite[]): void {
  for (const key of Object.keys(assign)) {
    const name = node.queryLanguage === 'JSONPath' && key.endsWith('.$') ? key.slice(0, -2) : key;
    sites.push({ node, name, pointer: `${pointer}/${escape(key)}` });
  }
}
