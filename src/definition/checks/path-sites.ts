// The path-valued fields of the JSONPath states (ASL.md §3), collected once per validation by
// analysis.ts for the paths and variables checks. Like templateRoots (sites.ts), this walks each
// state's own fields rather than the thirteen that could hold a path, and indexes instead of
// using for...of: it runs for every state before V8 has optimised anything.
import { isJsonObject, type JsonValue } from '../../core/json.js';
import type { DefinitionModel, StateNode } from '../model.js';
import { CHOICE_OPERATORS } from './choice-rules.js';

/** How a path-valued field may be written. */
export type PathRole = 'path' | 'reference' | 'result' | 'reference-or-intrinsic';

export interface PathSite {
  readonly node: StateNode;
  readonly field: string;
  readonly pointer: string;
  readonly text: string;
  readonly role: PathRole;
}

const STATE_PATH_FIELDS: ReadonlyArray<{ readonly field: string; readonly role: PathRole }> = [
  { field: 'InputPath', role: 'path' },
  { field: 'OutputPath', role: 'path' },
  { field: 'ResultPath', role: 'result' },
  { field: 'ItemsPath', role: 'reference' },
  { field: 'SecondsPath', role: 'reference' },
  { field: 'TimestampPath', role: 'reference' },
  { field: 'TimeoutSecondsPath', role: 'reference' },
  { field: 'HeartbeatSecondsPath', role: 'reference' },
  { field: 'MaxConcurrencyPath', role: 'reference' },
  { field: 'ToleratedFailureCountPath', role: 'reference' },
  { field: 'ToleratedFailurePercentagePath', role: 'reference' },
  { field: 'ErrorPath', role: 'reference-or-intrinsic' },
  { field: 'CausePath', role: 'reference-or-intrinsic' },
];
const PATH_FIELD_RANKS: ReadonlyMap<string, number> = new Map(STATE_PATH_FIELDS.map(({ field }, rank) => [field, rank]));

/** Every path-valued field of the JSONPath states (templates are collected separately). */
export function pathSites(model: DefinitionModel): PathSite[] {
  const sites: PathSite[] = [];
  const states = model.states;
  for (let s = 0; s < states.length; s++) {
    const node = states[s] as StateNode;
    if (node.queryLanguage !== 'JSONPath') continue;
    const raw = node.raw;
    const first = sites.length;
    const keys = Object.keys(raw);
    for (let k = 0; k < keys.length; k++) {
      const field = keys[k] as string;
      const rank = PATH_FIELD_RANKS.get(field);
      const text = raw[field];
      if (rank !== undefined && typeof text === 'string') {
        sites.push({ node, field, pointer: `${node.pointer}/${field}`, text, role: (STATE_PATH_FIELDS[rank] as { role: PathRole }).role });
      }
    }
    // STATE_PATH_FIELDS order, not the writer's key order; usually two or three sites.
    if (sites.length - first > 1) sortTail(sites, first);
    const catchers = raw['Catch'];
    if (Array.isArray(catchers)) {
      for (let i = 0; i < catchers.length; i++) {
        const catcher = catchers[i];
        const text = isJsonObject(catcher) ? catcher['ResultPath'] : undefined;
        if (typeof text === 'string') sites.push({ node, field: 'ResultPath', pointer: `${node.pointer}/Catch/${i}/ResultPath`, text, role: 'result' });
      }
    }
    if (node.type === 'Map') addSectionPaths(node, sites);
    const choices = node.type === 'Choice' ? raw['Choices'] : undefined;
    if (Array.isArray(choices)) choices.forEach((rule, i) => addRulePaths(node, rule, `${node.pointer}/Choices/${i}`, sites));
  }
  return sites;
}

/** The Distributed Map's nested *Path fields (ASL.md §7.8): each names a single number. */
const SECTION_PATH_FIELDS: ReadonlyArray<readonly [section: string, holder: string | undefined, field: string]> = [
  ['ItemReader', 'ReaderConfig', 'MaxItemsPath'],
  ['ItemBatcher', undefined, 'MaxItemsPerBatchPath'],
  ['ItemBatcher', undefined, 'MaxInputBytesPerBatchPath'],
];

function addSectionPaths(node: StateNode, sites: PathSite[]): void {
  for (const [section, holder, field] of SECTION_PATH_FIELDS) {
    const outer = node.raw[section];
    const inner = isJsonObject(outer) && holder !== undefined ? outer[holder] : outer;
    const text = isJsonObject(inner) ? inner[field] : undefined;
    if (typeof text !== 'string') continue;
    const pointer = `${node.pointer}/${section}${holder === undefined ? '' : `/${holder}`}/${field}`;
    sites.push({ node, field, pointer, text, role: 'reference' });
  }
}

/** Insertion sort of sites[from..] by STATE_PATH_FIELDS rank (each field appears once). */
function sortTail(sites: PathSite[], from: number): void {
  for (let i = from + 1; i < sites.length; i++) {
    const site = sites[i] as PathSite;
    const rank = PATH_FIELD_RANKS.get(site.field) as number;
    let j = i - 1;
    for (; j >= from && (PATH_FIELD_RANKS.get((sites[j] as PathSite).field) as number) > rank; j--) sites[j + 1] = sites[j] as PathSite;
    sites[j + 1] = site;
  }
}

function addRulePaths(node: StateNode, rule: JsonValue, pointer: string, sites: PathSite[]): void {
  if (!isJsonObject(rule)) return;
  const variable = rule['Variable'];
  if (typeof variable === 'string') sites.push({ node, field: 'Variable', pointer: `${pointer}/Variable`, text: variable, role: 'path' });
  for (const [key, value] of Object.entries(rule)) {
    if (CHOICE_OPERATORS[key] === 'path' && typeof value === 'string') sites.push({ node, field: key, pointer: `${pointer}/${key}`, text: value, role: 'path' });
  }
  const not = rule['Not'];
  if (not !== undefined) addRulePaths(node, not, `${pointer}/Not`, sites);
  for (const key of ['And', 'Or']) {
    const list = rule[key];
    if (Array.isArray(list)) list.forEach((inner, i) => addRulePaths(node, inner, `${pointer}/${key}/${i}`, sites));
  }
}
