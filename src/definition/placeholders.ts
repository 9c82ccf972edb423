// `${Name}` placeholders that a deploy tool fills in before AWS ever sees the definition:
// CloudFormation/SAM DefinitionSubstitutions (a plain text replacement of "${key}"), Fn::Sub,
// Terraform's templatefile. Most published definitions are kept this way, so the validator
// accepts a placeholder wherever a string goes and says, as a WARNING, which ones are unresolved.
//
// A check that rejects a string holding a placeholder ("${FnArn}" is not an ARN, "${P}" not a
// path) cannot know what the deploy tool will put there, so its ERROR becomes a WARNING naming the
// placeholder. Those fields are interpreted by the engine, so a machine cannot run until they are
// substituted: `blocking` lists them for compileOrThrow. A placeholder in plain data (a Parameters
// value, a Pass Result, a Comment) is left as literal text when run, exactly as AWS leaves a
// "${...}" that no substitution names.
import { isJsonObject, type JsonValue } from '../core/json.js';
import { type Diagnostic, escapePointerSegment, warning } from './diagnostic.js';

/** `${Name}`, `${Res.Attr}`, `${AWS::Region}`; not Fn::Sub's `${!Literal}` escape, nor `${ spaced }`. */
const PLACEHOLDER = /\$\{([^${}\s!][^${}\s]*)\}/g;

/** The distinct placeholder names in a string, in order of first appearance. */
/** A Task's Resource, or that of a Distributed Map's ItemReader / ResultWriter. */
const RESOURCE_FIELD = /\/States\/[^/]+\/(?:ItemReader\/|ResultWriter\/)?Resource$/;

export function placeholderNames(text: string): string[] {
  if (!text.includes('${')) return [];
  const names: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] as string;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** A string in the definition holding placeholders: a value, or (key: true) a member name. */
export interface PlaceholderSite {
  /** JSON pointer of the value (for a key: of the member whose name holds it). */
  readonly pointer: string;
  readonly names: readonly string[];
  readonly key: boolean;
}

/** Every string (values and member names) holding a placeholder, in document order. Iterative: any depth. */
export function findPlaceholders(value: JsonValue): PlaceholderSite[] {
  const sites: PlaceholderSite[] = [];
  // [node, its pointer, the placeholder names in the member name that leads to it]
  type Frame = readonly [JsonValue, string, readonly string[]];
  const stack: Frame[] = [[value, '', []]];
  while (stack.length > 0) {
    const [node, pointer, keyNames] = stack.pop() as Frame;
    if (keyNames.length > 0) sites.push({ pointer, names: keyNames, key: true });
    if (typeof node === 'string') {
      const names = placeholderNames(node);
      if (names.length > 0) sites.push({ pointer, names, key: false });
      continue;
    }
    const children: Frame[] = [];
    if (Array.isArray(node)) {
      node.forEach((item, i) => children.push([item, `${pointer}/${i}`, []]));
    } else if (isJsonObject(node)) {
      for (const [name, child] of Object.entries(node)) children.push([child, `${pointer}/${escapePointerSegment(name)}`, placeholderNames(name)]);
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Frame);
  }
  return sites;
}

export interface PlaceholderReview {
  /** The diagnostics with errors on placeholder-holding strings turned into warnings, plus one warning per other site. */
  readonly diagnostics: Diagnostic[];
  /** ERRORs for the fields the engine interprets that still hold a placeholder: the machine cannot run. */
  readonly blocking: Diagnostic[];
}

/** Applies the rules above to a definition's diagnostics. Cheap when the definition has no "${". */
export function reviewPlaceholders(definition: JsonValue, diagnostics: readonly Diagnostic[]): PlaceholderReview {
  const sites = mentionsPlaceholder(definition) ? findPlaceholders(definition) : [];
  if (sites.length === 0) return { diagnostics: [...diagnostics], blocking: [] };
  const valueSites = new Map<string, PlaceholderSite>();
  for (const site of sites) if (!site.key) valueSites.set(site.pointer, site);
  const out: Diagnostic[] = [];
  const blocking: Diagnostic[] = [];
  const explained = new Set<string>();
  for (const d of diagnostics) {
    const site = d.severity === 'ERROR' ? valueSites.get(d.path) : undefined;
    if (site === undefined) {
      out.push(d);
      continue;
    }
    const what = describeNames(site.names);
    out.push({ ...d, ...warning('UNRESOLVED_SUBSTITUTION', d.path, `${what}: this field is checked once substituted; the machine cannot run until then.`) });
    blocking.push({ ...d, code: 'UNRESOLVED_SUBSTITUTION', message: `${what} must be substituted before the machine can run: ${d.message}` });
    explained.add(d.path);
  }
  for (const site of sites) {
    if (explained.has(site.pointer)) continue;
    if (!site.key && RESOURCE_FIELD.test(site.pointer)) {
      // Even when it still looks like an ARN ("...:function:${Name}"), it names what to call.
      const what = describeNames(site.names);
      out.push(warning('UNRESOLVED_SUBSTITUTION', site.pointer, `${what} in a Resource: the machine cannot run until it is substituted.`));
      blocking.push({ ...warning('UNRESOLVED_SUBSTITUTION', site.pointer, `${what} must be substituted before the machine can run: it is part of a Resource.`), severity: 'ERROR' });
      continue;
    }
    const where = site.key ? ' in a member name' : '';
    out.push(warning('UNRESOLVED_SUBSTITUTION', site.pointer, `${describeNames(site.names)}${where}: left as literal text when run unless substituted.`));
  }
  return { diagnostics: out, blocking };
}

/**
 * Whether any string or member name contains "${": runs on every compile, so it allocates nothing
 * per node (most definitions have no placeholder, and then the full walk above is skipped).
 */
function mentionsPlaceholder(value: JsonValue): boolean {
  const stack: JsonValue[] = [value];
  while (stack.length > 0) {
    const node = stack.pop() as JsonValue;
    if (typeof node === 'string') {
      if (node.includes('${')) return true;
    } else if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) stack.push(node[i] as JsonValue);
    } else if (isJsonObject(node)) {
      for (const key in node) {
        if (key.includes('${')) return true;
        stack.push(node[key] as JsonValue);
      }
    }
  }
  return false;
}

/** "Unresolved substitution ${A}" / "Unresolved substitutions ${A}, ${B}". */
function describeNames(names: readonly string[]): string {
  const list = names.map((n) => '${' + n + '}').join(', ');
  return `Unresolved substitution${names.length === 1 ? '' : 's'} ${list}`;
}
