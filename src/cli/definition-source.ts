// Where `asl run` and `asl validate` get a definition: a file (or "-" for standard input), with any
// `--sub NAME=VALUE` placeholders filled in, or a state machine of a SAM/CloudFormation template
// (`--template FILE [--state-machine LOGICAL_ID]`; template-source.ts, loaded through on-demand.ts
// only then). Problems become one rendered message (exit 3).
import { InvalidArgumentError } from 'commander';
import { findPlaceholders, parseDefinition, substituteDefinition, SubstitutionCycleError } from '../index.js';
import type { Clock, JsonObject, LocalWorld, ParsedDefinition, StateMachineOptions, StateMachineType, WorldSeed } from '../index.js';
import type { Io } from './io.js';
import { renderProblem, renderReadError } from './render.js';
import type { Loaded } from './run-sources.js';

export interface DefinitionSourceOptions {
  readonly template?: string | undefined;
  readonly stateMachine?: string | undefined;
  readonly sub?: ReadonlyArray<readonly [string, string]> | undefined;
}

export interface DefinitionSource {
  /** What messages name: the file the positions point into. */
  readonly label: string;
  readonly parsed: ParsedDefinition;
  /** The template's StateMachineType/Type, when it sets one. */
  readonly type: StateMachineType | undefined;
  /** Lines to print on stderr before going on (local guesses made for the template). */
  readonly notes: readonly string[];
  /** A --template's own topics, queues, tables, buckets and buses, as a local world seed (WorldSeed shape). */
  readonly worldSeed: JsonObject | undefined;
}

const STDIN = '-';

/** A `--sub NAME=VALUE` value: the first "=" ends the name, so values may hold "=" (and ARNs ":"). */
export function parseSubstitution(text: string): readonly [string, string] {
  const eq = text.indexOf('=');
  const name = eq < 0 ? '' : text.slice(0, eq).trim();
  if (name === '' || /[${}\s]/.test(name)) throw new InvalidArgumentError('Expected NAME=VALUE, as in --sub GreetArn=arn:aws:lambda:us-east-1:123456789012:function:greet.');
  return [name, text.slice(eq + 1)];
}

/** Reads and parses the definition the options name. `file` is the positional argument, if given. */
export async function loadDefinitionSource(file: string | undefined, opts: DefinitionSourceOptions, io: Io, json: boolean): Promise<Loaded<DefinitionSource>> {
  const subs = Object.fromEntries(opts.sub ?? []);
  if (opts.template !== undefined) {
    if (file !== undefined) return problem('--template', 'give either a definition file or --template, not both', json);
    const { fromTemplate } = await import('./on-demand.js');
    return fromTemplate(opts.template, opts.stateMachine, subs, io, json);
  }
  if (opts.stateMachine !== undefined) return problem('--state-machine', 'chooses a state machine of a --template; give --template FILE too', json);
  if (file === undefined) return problem('asl', 'give a definition file, "-" for standard input, or --template FILE', json);
  const label = file === STDIN ? '<stdin>' : file;
  let text: string;
  try {
    text = file === STDIN ? await io.readStdin() : await io.readFile(file);
  } catch (err) {
    return { ok: false, message: renderReadError(label, err, json) };
  }
  try {
    // Parsed here rather than inside the library so that diagnostics can be given line and column.
    const options = file === STDIN ? {} : { fileName: file };
    const parsed = Object.keys(subs).length === 0 ? parseDefinition(text, options) : substituteDefinition(text, subs, options);
    return { ok: true, value: { label, parsed, type: undefined, notes: [], worldSeed: undefined } };
  } catch (err) {
    if (err instanceof SubstitutionCycleError) return problem('--sub', err.message, json);
    throw err;
  }
}

/**
 * Warnings for placeholders left in a definition that will still run (plain data such as a
 * Parameters value), so that a forgotten --sub is not a mystery later.
 */
export function placeholderWarnings(source: DefinitionSource): string {
  const value = source.parsed.value;
  if (value === undefined) return '';
  return findPlaceholders(value)
    .filter((site) => !site.pointer.endsWith('/Comment')) // a Comment changes nothing when run
    .map((site) => {
      const position = source.parsed.locate(site.pointer);
      const where = position === undefined ? source.label : `${source.label}:${position.line}:${position.column}`;
      const names = site.names.map((n) => '${' + n + '}').join(', ');
      const give = site.names.map((n) => `--sub ${n}=VALUE`).join(' ');
      return `asl: warning: ${where}: unresolved substitution ${names} at ${site.pointer || '/'} stays literal text (give ${give})\n`;
    })
    .join('');
}

/**
 * A --template's own topics, queues, tables and buckets exist in the run's local world, so its
 * machine finds what its template declares. Nothing for a plain definition file.
 */
export async function templateWorld(source: DefinitionSource, clock: Clock, into?: LocalWorld): Promise<Pick<StateMachineOptions, 'world'>> {
  const seed = source.worldSeed as WorldSeed | undefined;
  if (seed === undefined || Object.keys(seed).length === 0) return {};
  const { seededTemplateWorld } = await import('./on-demand.js');
  return { world: seededTemplateWorld(seed, clock, into) };
}

/** A hint when the "definition" given is a SAM/CloudFormation template (it has Resources, no States). */
export function templateHint(file: string | undefined, source: DefinitionSource): string {
  const value = source.parsed.value;
  const looksLikeTemplate = typeof value === 'object' && value !== null && !Array.isArray(value) && 'Resources' in value && !('States' in value);
  return looksLikeTemplate && file !== undefined ? `asl: hint: ${source.label} looks like a SAM/CloudFormation template; load its state machine with --template ${file}\n` : '';
}

/** The hint printed after definition errors caused by placeholders. */
export function placeholderHint(codes: readonly string[]): string {
  return codes.includes('UNRESOLVED_SUBSTITUTION') ? 'asl: hint: give the values with --sub NAME=VALUE, or load the state machine with --template FILE\n' : '';
}

/** A usage problem with the definition's source, rendered (template-source.ts words its own the same way). */
export function problem(subject: string, message: string, json: boolean): Loaded<never> {
  return { ok: false, message: renderProblem(subject, message, json) };
}
