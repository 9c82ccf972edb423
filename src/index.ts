/**
 * asl-engine: run, test and validate Amazon States Language state machines outside AWS.
 * @packageDocumentation
 */
export type { JsonValue, JsonObject } from './core/json.js';
export type { Diagnostic, DiagnosticCode, Severity } from './definition/diagnostic.js';
export { DIAGNOSTIC_CODES } from './definition/diagnostic.js';
export type { ParseOptions, SourceFormat, SourcePosition } from './definition/source.js';
/**
 * Parse definition text (JSON or YAML) keeping source positions.
 * @example
 * const parsed = parseDefinition(text, { fileName: 'machine.asl.json' });
 * parsed.value; parsed.diagnostics; parsed.locate('/States/A/Next');
 */
export { ParsedDefinition, parseDefinition } from './definition/source.js';
export type { StateMachineType, ValidateOptions, ValidationResult } from './definition/validate.js';
/**
 * Validate a definition (text, parsed definition or JSON value) the way AWS Step Functions does.
 * @example
 * const { valid, diagnostics } = validateDefinition(text, { fileName: 'machine.asl.json' });
 */
export { validateDefinition } from './definition/validate.js';
/**
 * Fill in `${Name}` placeholders as CloudFormation's DefinitionSubstitutions does (plain text
 * replacement; names not given stay as they are). Text is substituted, then parsed, and its
 * positions still point into the original text; an object is substituted string by string.
 * @example
 * const parsed = substituteDefinition(text, { ProcessFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:process' }, { fileName: 'machine.asl.json' });
 * const machine = createStateMachine(parsed);
 */
export { substituteDefinition, substituteText, SubstitutionCycleError } from './definition/substitutions.js';
export type { Substitutions } from './definition/substitutions.js';
/**
 * Every string (values and member names) in a definition that still holds a `${Name}` placeholder.
 * `validateDefinition` reports each as an UNRESOLVED_SUBSTITUTION warning.
 * @example
 * findPlaceholders({ StartAt: 'A', States: { A: { Type: 'Task', Resource: '${FnArn}', End: true } } });
 * // [{ pointer: '/States/A/Resource', names: ['FnArn'], key: false }]
 */
export { findPlaceholders } from './definition/placeholders.js';
export type { PlaceholderSite } from './definition/placeholders.js';
/**
 * Load a state machine from a SAM or CloudFormation template (JSON, or YAML with `!Ref`, `!GetAtt`,
 * `!Sub`... tags): its Definition, DefinitionUri file or DefinitionString, with DefinitionSubstitutions
 * resolved against the template's own resources (local ARNs: us-east-1, account 123456789012).
 * Throws TemplateError when the template cannot give one.
 * @example
 * const sm = await loadStateMachineFromTemplate(await readFile('template.yaml', 'utf8'), { fileName: 'template.yaml', stateMachine: 'OrderFlow' });
 * const machine = createStateMachine(sm.definition, { type: sm.type ?? 'STANDARD' });
 */
export { loadStateMachineFromTemplate } from './definition/template/load.js';
export type { TemplateLoadOptions, TemplateStateMachine } from './definition/template/load.js';
/** Thrown by loadStateMachineFromTemplate: the template cannot give the state machine; the message says why. */
export { TemplateError } from './definition/template/parse.js';
/**
 * Draw a state machine as a Mermaid flowchart (default) or Graphviz DOT: every state (Choice as a
 * diamond, Succeed/Fail as terminal shapes, Parallel and Map as clusters holding their branches),
 * Next edges, Choice rules and Default, Catch and Retry (dashed), Start and End. States can be
 * coloured by a run's outcome or by coverage, keyed by their JSON Pointer in the definition.
 * Throws DefinitionError when the definition is invalid.
 * @example
 * const mermaid = renderGraph(text, { fileName: 'machine.asl.json' });
 * const dot = renderGraph(definition, { format: 'dot', highlight: { stateOutcomes: { '/States/Charge': 'failed' } } });
 */
export { renderGraph } from './graph/render-graph.js';
/**
 * The graph as data (generated node ids, each state's JSON Pointer, clusters, labelled edges), and
 * its rendering, for tools that need to map what they draw back to states.
 * @example
 * const graph = buildGraph(definition);
 * const text = renderStateGraph(graph, 'dot');
 */
export { buildGraph, renderStateGraph } from './graph/render-graph.js';
export { GRAPH_FORMATS } from './graph/formats.js';
export type { GraphFormat, GraphOptions, RenderGraphOptions } from './graph/render-graph.js';
export type { GraphCluster, GraphEdge, GraphEdgeKind, GraphHighlight, GraphNode, GraphNodeKind, GraphScope, NodeShape, StateGraph, StateOutcome } from './graph/model.js';
/**
 * An HTML report of one or more executions as one self-contained file (inline SVG, CSS and script;
 * nothing is fetched): the graph coloured by each state's outcome (succeeded, caught, failed,
 * cancelled, not run) or by coverage, the event timeline, and each state's input and output on
 * click. All names and payloads are escaped. Throws DefinitionError when the definition is invalid.
 * @example
 * const execution = machine.start(input);
 * const result = await execution.result;
 * const html = renderHtmlReport({ definition: text, fileName: 'machine.asl.json', executions: [{ name: execution.name, result, history: execution.history }] });
 * await writeFile('report.html', html);
 */
export { renderHtmlReport } from './report/html-report.js';
export type { HtmlReportOptions } from './report/html-report.js';
export type { ReportExecution, ReportResult } from './report/executions.js';

/**
 * Build a state machine (compiled once) and run executions of it.
 * @example
 * const machine = createStateMachine(definition, { clock: new VirtualClock({ autoAdvance: true }), lambdas: { greet: (e) => ({ hi: e }) } });
 * const execution = machine.start({ name: 'Ada' });
 * const result = await execution.result; // { status: 'SUCCEEDED', output: ... }
 */
export { createStateMachine } from './runtime/execution.js';
export type {
  Execution,
  ExecutionResult,
  ExecutionStatus,
  ResumeOptions,
  StartOptions,
  StateMachine,
  StateMachineOptions,
} from './runtime/types.js';
/**
 * An execution as plain JSON (Execution.snapshot()), versioned: StateMachine.resume(snapshot) goes
 * on with it, in this process or another. SnapshotError says why a snapshot cannot be taken or used.
 */
export type { ChildrenSnapshot, ExecutionSnapshot, ThreadSnapshot, VisitSnapshot } from './runtime/snapshot.js';
export { SNAPSHOT_VERSION, SnapshotError } from './runtime/snapshot.js';
/**
 * Task tokens: `.waitForTaskToken` and activity Tasks wait in a CallbackHub (StateMachine.callbacks,
 * Engine.callbacks.hub) until sendTaskSuccess / sendTaskFailure; sendTaskHeartbeat resets their
 * HeartbeatSeconds; getActivityTask hands an activity's queued task to a worker. TaskTokenError
 * carries AWS's error code (InvalidToken, TaskDoesNotExist, TaskTimedOut, ...).
 */
export { CallbackHub, TaskTokenError } from './runtime/callbacks.js';
export type { CallbackHubOptions } from './runtime/callbacks.js';
export type { ActivityTask, GetActivityTaskOptions } from './runtime/activities.js';
export type { ActivityPoll, ActivityRecord } from './service/engine-callbacks.js';
/**
 * Durable executions: an engine on an ExecutionStore (':memory:' by default, a file path for
 * SQLite) commits each execution as it goes, and goes on with RUNNING ones when it opens again.
 * @example
 * const engine = await openEngine({ store: 'executions.db', lambdas: { work } });
 * await engine.register('Orders', definition);
 * const execution = await engine.start('Orders', { id: 1 });
 * const result = await execution.result;
 * await engine.close();
 */
export { Engine, openEngine } from './service/engine.js';
export type { EngineExecution, EngineMachineOptions, EngineOptions, EngineStartOptions, RegisterOptions } from './service/engine.js';
/**
 * `asl serve`'s server: the Step Functions API (AWS JSON 1.0) over an engine, so the AWS SDK and
 * CLI work unchanged. `startServer({ engine, host: '127.0.0.1', port: 0 })` → { url, port, close() }.
 */
export { startServer, MAX_BODY_BYTES } from './server/server.js';
export type { RunningServer, ServerOptions } from './server/server.js';
export { createMemoryStore } from './store/memory-store.js';
export { openSqliteStore } from './store/sqlite-store.js';
export { openStore, MEMORY_LOCATION } from './store/open-store.js';
export { listAllExecutions } from './store/list-all.js';
export { StoreClosedError, StoreConflictError, StoreCorruptError, StoreError, StoreLockedError } from './store/errors.js';
export type {
  Commit,
  ExecutionFilter,
  ExecutionOutcome,
  ExecutionPage,
  ExecutionRecord,
  ExecutionStore,
  ExecutionSummary,
  HistoryQuery,
  MachineRecord,
  MachineResource,
  NewExecution,
  StoreWrite,
  ResourceTag,
  StoreOwner,
  StoredStatus,
} from './store/types.js';
/** What StateMachineOptions.probe hears; asl-engine/testing's createCoverage is one listener. */
export type { ExecutionProbe, ProbeEvent } from './runtime/probe.js';
/** What StateMachineOptions.onMapRunProgress hears about a Distributed Map's run. */
export type { MapRunProgress } from './runtime/types.js';
export {
  AWS_PAYLOAD_LIMIT_BYTES,
  DEFAULT_MAX_EXPRESS_TRANSITIONS,
  DEFAULT_MAX_HISTORY_EVENTS,
  DEFAULT_PAYLOAD_LIMIT_BYTES,
} from './runtime/types.js';
/**
 * Why a value cannot be an execution input, or undefined when it can: nested deeper than
 * MAX_JSON_DEPTH (1000) levels, or holding NaN/Infinity (JSON.parse reads `1e999` as Infinity).
 * Such an input fails the execution with States.Runtime; check first to reject it up front.
 * @example
 * const problem = jsonValueProblem(JSON.parse('{"a": 1e999}')); // 'holds the number Infinity at $.a, ...'
 */
export { unsoundness as jsonValueProblem } from './runtime/value-limits.js';
export { MAX_JSON_DEPTH } from './core/json.js';
/** Thrown by createStateMachine when the definition is invalid; `diagnostics` says why. */
export { DefinitionError } from './definition/compile.js';
/**
 * Clocks: SystemClock (default) and VirtualClock, which only moves when told to, or by itself
 * to the next timer with `autoAdvance` — so Waits and retries cost no real time.
 * @example
 * const clock = new VirtualClock({ autoAdvance: true });
 */
export { SystemClock, VirtualClock } from './core/clock.js';
export type { Clock, SystemClockOptions, VirtualClockOptions } from './core/clock.js';
/** Renders a history event exactly as AWS GetExecutionHistory does (payloads as JSON strings). */
export { toAwsHistoryEvent } from './core/events.js';
export type { EventDetails, HistoryEvent, HistoryEventType } from './core/events.js';
export type { Integration, LambdaContext, LambdaHandler, ParsedResource, TaskContext, TaskRequest } from './integrations/types.js';
/** The error a custom integration or Lambda handler throws to fail a task with an ASL error name. */
export { AslError } from './core/errors.js';
export type { MockConfig, MockResponse } from './integrations/mock-config.js';
/** Thrown by createStateMachine when `mocks` or `mockConfig` cannot be used; the message says where and why. */
export { MockConfigError } from './integrations/mock-config.js';
export type { MockConfigFileOption } from './integrations/mock-config-file.js';
/** True when a parsed JSON file is a Step Functions Local MockConfigFile rather than the inline `mocks` form. */
export { isMockConfigFile } from './integrations/mock-config-file.js';
/** Resolves one test case of a MockConfigFile to its mocked states; throws MockConfigError naming what is wrong. */
export { resolveMockConfigFile } from './integrations/mock-config-file.js';
/**
 * The aws backend: AWS SDK v3 clients (loaded on first use) with the standard credential and region
 * chain and an endpoint per service, for `services: 'aws'` (AWS, LocalStack, moto, dynalite, fauxqs).
 * @example
 * const awsBackend = createAwsBackend({ region: 'us-east-1', endpoints: { '*': 'http://localhost:4566' } });
 * createStateMachine(definition, { services: 'aws', awsBackend });
 */
export { createAwsBackend } from './integrations/aws-backend.js';
export type { AwsBackend, AwsBackendOptions, AwsCredentials } from './integrations/aws-backend.js';
/** Lambda on the aws backend: bare function ARNs and lambda:invoke call real functions through the Invoke API. */
export { createAwsLambdaIntegration } from './integrations/aws-backend-lambda.js';
/** The HTTP Task (arn:aws:states:::http:invoke) over fetch; `connections` maps connection ARNs to what they add locally. */
export { createHttpIntegration } from './integrations/http.js';
export type { HttpConnection, HttpIntegrationOptions } from './integrations/http.js';
/**
 * The local world: in-process SNS, SQS, DynamoDB, S3 and EventBridge that service tasks use by
 * default. Seed it before a run and read it back after.
 * @example
 * const world = createLocalWorld({ seed: { sqs: { queues: [{ QueueName: 'jobs' }] } } });
 * await createStateMachine(definition, { world }).start(input).result;
 * world.messages('jobs'); // what the run queued
 */
export { createLocalWorld, LocalWorld } from './world/world.js';
export type { LocalWorldOptions, WorldSeed, WorldSnapshot } from './world/world.js';
/** Where each service task goes: 'local' (the world), 'aws' (awsBackend), or per service. */
export type { BackendKind, ServicesChoice } from './runtime/service-backends.js';
/** The port both backends implement, for a backend of your own. */
export { ServiceError } from './integrations/backend.js';
export type { ServiceBackend, ServiceCall } from './integrations/backend.js';
/**
 * AWS Step Functions' TestState API, offline: run one state (or the state `stateName` of a whole
 * definition) once with an input, context, variables and an optional mock, and get its status
 * (SUCCEEDED, FAILED, RETRIABLE, CAUGHT_ERROR), output, nextState and, at DEBUG/TRACE, the data flow
 * step by step. Payloads are JSON text, as in the API. Unmocked Tasks call the integrations as
 * createStateMachine's do (local world, lambdas); Waits and retries take no real time.
 * Rejects with TestStateRequestError (AWS's 400s) or DefinitionError.
 * @example
 * const response = await testState({
 *   definition: JSON.stringify({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultSelector: { 'total.$': '$.Payload.total' }, Next: 'Ship' }),
 *   input: JSON.stringify({ orderId: 7 }),
 *   inspectionLevel: 'DEBUG',
 *   mock: { result: JSON.stringify({ Payload: { total: 42 } }) },
 * });
 * // { status: 'SUCCEEDED', output: '{"total":42}', nextState: 'Ship', inspectionData: { afterResultSelector: '{"total":42}', ... } }
 */
export { testState } from './runtime/test-state.js';
/** Thrown by testState for a request AWS would refuse: `code` is AWS's exception name, `field` the member at fault. */
export { TestStateRequestError } from './runtime/test-state-types.js';
export type {
  InspectionData,
  InspectionDataRequest,
  InspectionDataResponse,
  InspectionErrorDetails,
  InspectionLevel,
  TestStateConfiguration,
  TestStateMock,
  TestStateOptions,
  TestStateRequest,
  TestStateResponse,
  TestStateStatus,
} from './runtime/test-state-types.js';
