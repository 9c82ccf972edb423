// `--template FILE [--state-machine LOGICAL_ID]`: a state machine of a SAM/CloudFormation template
// as the definition source (definition-source.ts), and the template's own resources in the local
// world. Loaded only when --template is given, so other runs start without the template loader.
import { createLocalWorld, loadStateMachineFromTemplate, SubstitutionCycleError, TemplateError } from '../index.js';
import type { Clock, LocalWorld, WorldSeed } from '../index.js';
import { type DefinitionSource, problem } from './definition-source.js';
import type { Io } from './io.js';
import { renderReadError } from './render.js';
import type { Loaded } from './run-sources.js';

/** The definition source a --template gives: its state machine, notes and world seed. */
export async function fromTemplate(
  file: string,
  stateMachine: string | undefined,
  substitutions: Readonly<Record<string, string>>,
  io: Io,
  json: boolean,
): Promise<Loaded<DefinitionSource>> {
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (err) {
    return { ok: false, message: renderReadError(file, err, json) };
  }
  try {
    const options = { fileName: file, substitutions, readFile: (path: string) => io.readFile(path) };
    const sm = await loadStateMachineFromTemplate(text, stateMachine === undefined ? options : { ...options, stateMachine });
    const label = sm.sourceFile ?? `${file}#${sm.logicalId}/DefinitionString`;
    const notes = sm.notes.map((note) => `asl: note: ${note}\n`);
    return { ok: true, value: { label, parsed: sm.definition, type: sm.type, notes, worldSeed: sm.worldSeed } };
  } catch (err) {
    if (err instanceof SubstitutionCycleError) return problem(file, err.message, json);
    if (!(err instanceof TemplateError)) throw err;
    const hint = /choose one by its logical id$/.test(err.message) ? ' with --state-machine LOGICAL_ID' : '';
    const message = err.message.replace(/as a substitution( named "[^"]+")?/, (_m, named: string | undefined) => `with --sub ${named === undefined ? 'NAME' : named.slice(8, -1)}=VALUE`);
    return problem(file, message + hint, json);
  }
}

/** The run's local world with a template's resources added (templateWorld in definition-source.ts). */
export function seededTemplateWorld(seed: WorldSeed, clock: Clock, into?: LocalWorld): LocalWorld {
  // The --world/--world-out world when there is one, so the template's resources join the seed's.
  const world = into ?? createLocalWorld({ clock });
  // One resource at a time, in dependency order (subscriptions last): a resource the world refuses
  // is simply not there, and a Task using it fails naming it; the others are still created.
  const parts: WorldSeed[] = [
    ...(seed.dynamodb?.tables ?? []).map((table) => ({ dynamodb: { tables: [table] } })),
    ...(seed.sqs?.queues ?? []).map((queue) => ({ sqs: { queues: [queue] } })),
    ...(seed.sns?.topics ?? []).map((topic) => ({ sns: { topics: [topic] } })),
    ...(seed.s3?.buckets ?? []).map((bucket) => ({ s3: { buckets: [bucket] } })),
    ...(seed.events?.buses ?? []).map((bus) => ({ events: { buses: [bus] } })),
    ...(seed.sns?.subscriptions ?? []).map((subscription) => ({ sns: { subscriptions: [subscription] } })),
  ];
  for (const part of parts) {
    try {
      world.seed(part);
    } catch {
      continue;
    }
  }
  return world;
}
