// Filling in `${Name}` placeholders the way CloudFormation's DefinitionSubstitutions does: a plain
// text replacement of "${key}" by the value (no JSON escaping; a value may itself hold
// placeholders, expanded in turn), names nobody gave left as they are. Text is substituted before
// it is parsed, as AWS does with a DefinitionS3Location file, so `TimeoutSeconds: ${Timeout}` in
// YAML becomes a number; the positions of the parsed result still point into the original text.
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import type { Diagnostic } from './diagnostic.js';
import { LineIndex } from './source-position.js';
import { ParsedDefinition, parseDefinition, type ParseOptions, type SourcePosition } from './source.js';

/** Values for `${Name}` placeholders, by name. Numbers and booleans are written as JSON writes them. */
export type Substitutions = Readonly<Record<string, string | number | boolean>>;

/** A value refers to itself, directly or through others: CloudFormation rejects that too. */
export class SubstitutionCycleError extends Error {
  constructor(readonly names: readonly string[]) {
    super(`The substitutions refer to each other in a cycle: ${names.map((n) => '${' + n + '}').join(' -> ')}`);
    this.name = 'SubstitutionCycleError';
  }
}

const PLACEHOLDER = /\$\{([^${}\s]+)\}/g;

/** Each value with the placeholders it holds expanded (throws SubstitutionCycleError on a cycle). */
export function expandSubstitutions(subs: Substitutions): ReadonlyMap<string, string> {
  const expanded = new Map<string, string>();
  const expand = (name: string, chain: readonly string[]): string => {
    const done = expanded.get(name);
    if (done !== undefined) return done;
    if (chain.includes(name)) throw new SubstitutionCycleError([...chain.slice(chain.indexOf(name)), name]);
    const raw = String(subs[name]);
    const value = raw.replace(PLACEHOLDER, (whole, inner: string) => (Object.hasOwn(subs, inner) ? expand(inner, [...chain, name]) : whole));
    expanded.set(name, value);
    return value;
  };
  for (const name of Object.keys(subs)) expand(name, []);
  return expanded;
}

/** One replacement: original [from, to) became substituted [newFrom, newFrom + length). */
interface Replacement {
  readonly from: number;
  readonly to: number;
  readonly newFrom: number;
  readonly length: number;
}

/** Text substitution that remembers where each replacement went, to map positions back. */
function substituteWithMap(text: string, values: ReadonlyMap<string, string>): { text: string; replacements: Replacement[] } {
  const replacements: Replacement[] = [];
  let out = '';
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const value = values.get(match[1] as string);
    if (value === undefined) continue;
    out += text.slice(last, match.index);
    replacements.push({ from: match.index, to: match.index + match[0].length, newFrom: out.length, length: value.length });
    out += value;
    last = match.index + match[0].length;
  }
  return { text: out + text.slice(last), replacements };
}

/** Replaces every `${key}` of `subs` in `text` (and in values, recursively); other placeholders stay. */
export function substituteText(text: string, subs: Substitutions): string {
  if (!text.includes('${')) return text;
  return substituteWithMap(text, expandSubstitutions(subs)).text;
}

/**
 * Substitutes `${Name}` placeholders in a definition.
 *
 * - Text (JSON or YAML): replaced in the text, then parsed; positions point into the original text.
 * - A JSON object: replaced inside every string (member names too), as CloudFormation does with an
 *   inline `Definition` once serialised. Returns a new object; the input is not changed.
 *
 * Throws SubstitutionCycleError when the values refer to each other in a cycle.
 */
export function substituteDefinition(text: string, subs: Substitutions, options?: ParseOptions): ParsedDefinition;
export function substituteDefinition(definition: JsonObject, subs: Substitutions): JsonObject;
export function substituteDefinition(input: string | JsonObject, subs: Substitutions, options: ParseOptions = {}): ParsedDefinition | JsonObject {
  const values = expandSubstitutions(subs);
  if (typeof input !== 'string') return substituteValue(input, values) as JsonObject;
  if (values.size === 0 || !input.includes('${')) return parseDefinition(input, options);
  const { text, replacements } = substituteWithMap(input, values);
  const parsed = parseDefinition(text, options);
  if (replacements.length === 0) return parsed;
  const toOriginal = positionMapper(input, text, replacements);
  const diagnostics = parsed.diagnostics.map((d) => moved(d, toOriginal));
  return new ParsedDefinition(parsed.value, parsed.format, diagnostics, (pointer) => {
    const position = parsed.locate(pointer);
    return position === undefined ? undefined : toOriginal(position);
  });
}

function substituteValue(value: JsonValue, values: ReadonlyMap<string, string>): JsonValue {
  if (typeof value === 'string') return value.includes('${') ? substituteWithMap(value, values).text : value;
  if (Array.isArray(value)) return value.map((item) => substituteValue(item, values));
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const [name, child] of Object.entries(value)) {
    out[name.includes('${') ? substituteWithMap(name, values).text : name] = substituteValue(child, values);
  }
  return out;
}

function moved(d: Diagnostic, toOriginal: (p: SourcePosition) => SourcePosition): Diagnostic {
  if (d.line === undefined) return d;
  const position = toOriginal({ line: d.line, column: d.column ?? 1 });
  return { ...d, line: position.line, column: position.column };
}

/** Maps a line/column of the substituted text back to the original (inside a value: its placeholder). */
function positionMapper(original: string, substituted: string, replacements: readonly Replacement[]): (p: SourcePosition) => SourcePosition {
  const originalLines = new LineIndex(original);
  const starts = lineStarts(substituted);
  return ({ line, column }) => {
    const offset = offsetOf(substituted, starts, line, column);
    let shift = 0;
    for (const r of replacements) {
      if (offset < r.newFrom) break;
      if (offset < r.newFrom + r.length) return originalLines.position(r.from);
      shift = r.to - (r.newFrom + r.length);
    }
    return originalLines.position(offset + shift);
  };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) starts.push(i + 1);
  }
  return starts;
}

/** The UTF-16 offset of a 1-based line and code-point column. */
function offsetOf(text: string, starts: readonly number[], line: number, column: number): number {
  let offset = starts[Math.min(Math.max(line - 1, 0), starts.length - 1)] ?? 0;
  for (let col = 1; col < column && offset < text.length; col++) {
    const c = text.charCodeAt(offset);
    offset += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
  }
  return offset;
}
