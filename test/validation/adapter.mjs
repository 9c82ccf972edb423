// Adapter for ../shared/validation/run.mjs. It answers through the CLI's `asl validate --json`
// path (the built dist/cli/program.js, run in process with an in-memory Io), so the shared cases
// measure exactly what users of the command get. `npm run validation` builds dist first.
import { runCli } from '../../dist/cli/program.js';

export const name = 'asl-engine (asl validate --json)';

// A .json name makes the parser treat the text as JSON, as AWS does; raw-text cases that are not
// JSON must be rejected, not reinterpreted as YAML.
const FILE = 'definition.asl.json';

/** @param {unknown} definitionOrText the parsed definition, or raw text for non-JSON fixtures */
export async function validate(definitionOrText) {
  const text = typeof definitionOrText === 'string' ? definitionOrText : JSON.stringify(definitionOrText);
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: (chunk) => {
      stdout += chunk;
    },
    stderr: (chunk) => {
      stderr += chunk;
    },
    readFile: async (path) => {
      if (path === FILE) return text;
      throw new Error(`ENOENT: no such file or directory, open '${path}'`);
    },
    readStdin: async () => text,
  };
  const code = await runCli(['node', 'asl', 'validate', '--json', FILE], io);
  if (code !== 0 && code !== 2) throw new Error(`asl validate exited ${code}: ${stderr.trim()}`);
  const report = JSON.parse(stdout.trim().split('\n')[0] ?? '');
  if (report.valid !== (code === 0)) throw new Error(`exit code ${code} disagrees with valid=${report.valid}`);
  return { valid: report.valid, errors: report.diagnostics };
}
