// The parts of the CLI that only some commands and flags need, loaded with `await import()` when
// they do: `asl test`, `asl graph`, `asl test-state`, --report, --template, --world/--world-out
// and the aws backend. So `asl run` and `asl validate` start without compiling them. One module for
// all of them, because the bundle (scripts/bundle-cli.mjs) makes a chunk per module imported this
// way and more for each combination of code they share: files the binary would load at start-up.
export { graphDefinition } from './commands/graph-run.js';
export { runTestsWithCoverage } from './commands/test-run.js';
export { runTestState } from './commands/test-state-run.js';
export { writeReport } from './run-report.js';
export { fromTemplate, seededTemplateWorld } from './template-source.js';
export { openWorld } from './run-world.js';
export { createAwsBackend } from '../index.js';
// Durable executions: `asl run --store`, `asl resume`, `asl executions`.
export { runDurably } from './durable-run.js';
export { resumeExecutions } from './commands/resume-run.js';
export { listStoredExecutions } from './commands/executions-run.js';
// `asl serve`.
export { serveApi } from './serve-run.js';
