// `asl graph <definition> [--format mermaid|dot] [--out FILE] [--sub NAME=VALUE] | --template FILE`:
// a thin client of the library's renderGraph. The graph goes to stdout (or --out); diagnostics of an
// invalid definition go to stderr with exit code 2, as for `asl run`; usage and I/O problems exit 3.
// The drawing is loaded when the command runs (graph-run.ts, through on-demand.ts), so other commands start without it.
import type { Command } from 'commander';
import { Option } from 'commander';
import { GRAPH_FORMATS } from '../../index.js';
import type { GraphFormat } from '../../index.js';
import type { ExitCode } from '../exit-codes.js';
import type { Io } from '../io.js';
import { parseSubstitution } from '../definition-source.js';
import type { DefinitionSourceOptions } from '../definition-source.js';
import { collect } from '../run-options.js';

export interface GraphCommandOptions extends DefinitionSourceOptions {
  readonly format: GraphFormat;
  readonly out?: string | undefined;
}

const STDIN = '-';

/** Adds the `graph` subcommand; the action reports its exit code through `onExitCode`. */
export function registerGraph(program: Command, io: Io, onExitCode: (code: ExitCode) => void): void {
  program
    .command('graph')
    .description('draw a state machine as a Mermaid flowchart or a Graphviz DOT graph')
    .argument('[definition]', `definition file (JSON or YAML); "${STDIN}" reads standard input (or use --template)`)
    .addOption(new Option('--format <format>', 'output format').choices(GRAPH_FORMATS).default('mermaid'))
    .option('--out <file>', 'write the graph to a file instead of standard output')
    .option('--sub <NAME=VALUE>', 'fill in a ${NAME} placeholder (DefinitionSubstitutions); repeatable', collect(parseSubstitution))
    .option('--template <file>', 'take the state machine from a SAM/CloudFormation template (JSON or YAML)')
    .option('--state-machine <id>', "the template's state machine to draw, by logical id (when it has several)")
    .action(async (definition: string | undefined, opts: GraphCommandOptions, command: Command) => {
      if (definition === undefined && opts.template === undefined) command.error("error: missing required argument 'definition' (or give --template FILE)");
      const { graphDefinition } = await import('../on-demand.js');
      onExitCode(await graphDefinition(definition, opts, io));
    });
}
