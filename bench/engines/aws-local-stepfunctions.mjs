// The peer, aws-local-stepfunctions, behind the same adapter contract. It is not a dependency of
// the project (it asks for Node 22, so `npm ci` on Node 20 would warn): bench/run.mjs installs it
// on demand into bench/peer/node_modules, and it is resolved from there.
// Its 3.x release calls Promise.withResolvers (Node 22+); on Node 20 this module supplies it. The
// module is only ever imported in the peer's own child process, so asl-engine never sees it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inspect } from 'node:util';

if (typeof Promise.withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers() {
      const out = {};
      out.promise = new this((resolve, reject) => {
        out.resolve = resolve;
        out.reject = reject;
      });
      return out;
    },
  });
}

const peerDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'peer');
const require = createRequire(join(peerDir, 'package.json'));
// build/main.node.cjs -> the package folder (its exports map hides package.json)
const entry = require.resolve('aws-local-stepfunctions');
const pkgDir = dirname(dirname(entry));
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const { StateMachine } = await import(pathToFileURL(entry).href);

export const info = { engine: 'aws-local-stepfunctions', version: pkg.version };

/** The peer overrides Task states by state name; map each Task's Resource to its handler. */
function taskHandlersByState(scope, tasks, out = {}) {
  for (const [name, state] of Object.entries(scope.States ?? {})) {
    if (state.Type === 'Task' && tasks[state.Resource]) out[name] = tasks[state.Resource];
    if (state.Type === 'Map') taskHandlersByState(state.ItemProcessor ?? state.Iterator, tasks, out);
    if (state.Type === 'Parallel') for (const branch of state.Branches) taskHandlersByState(branch, tasks, out);
  }
  return out;
}

export async function load(definition, { tasks = {} } = {}) {
  return { machine: new StateMachine(definition), overrides: { taskResourceLocalHandlers: taskHandlersByState(definition, tasks) } };
}

export async function run({ machine, overrides }, input) {
  return machine.run(input, { overrides }).result;
}

export function cliCommand(machinePath, inputPath) {
  return { args: [join(pkgDir, 'bin', 'CLI.cjs'), '-f', machinePath], stdinFile: inputPath };
}

/** The peer's CLI prints each result with console.log, i.e. util.inspect, not JSON. */
export function cliOutput(stdout, expected) {
  return stdout.trim() === inspect(expected) ? expected : { unexpectedOutput: stdout.trim() };
}
