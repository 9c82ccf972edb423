// What `asl graph` does once its options are read (commands/graph.ts): load the definition, draw
// it with the library's renderGraph, write it. Loaded on demand, so `asl run` does not load the drawing.
import { DefinitionError, renderGraph } from '../../index.js';
import { ExitCode } from '../exit-codes.js';
import type { Io } from '../io.js';
import { loadDefinitionSource, placeholderHint, templateHint } from '../definition-source.js';
import { describeError, renderDefinitionErrors, renderProblem } from '../render.js';
import type { GraphCommandOptions } from './graph.js';

/** Loads, compiles and draws one definition; never throws for anything the user did. */
export async function graphDefinition(file: string | undefined, opts: GraphCommandOptions, io: Io): Promise<ExitCode> {
  const source = await loadDefinitionSource(file, opts, io, false);
  if (!source.ok) {
    io.stderr(source.message);
    return ExitCode.USAGE_OR_IO;
  }
  const { label, parsed, type, notes } = source.value;
  io.stderr(notes.join(''));
  let text: string;
  try {
    text = renderGraph(parsed, { format: opts.format, ...(type === undefined ? {} : { type }) });
  } catch (err) {
    if (!(err instanceof DefinitionError)) throw err;
    io.stderr(renderDefinitionErrors(label, err.diagnostics, parsed, false));
    io.stderr(placeholderHint(err.diagnostics.map((d) => d.code)) + templateHint(file, source.value));
    return ExitCode.INVALID_DEFINITION;
  }
  if (opts.out === undefined) {
    io.stdout(text);
    return ExitCode.OK;
  }
  try {
    await io.writeFile(opts.out, text);
  } catch (err) {
    io.stderr(renderProblem(opts.out, `cannot write: ${describeError(err)}`, false));
    return ExitCode.USAGE_OR_IO;
  }
  return ExitCode.OK;
}

