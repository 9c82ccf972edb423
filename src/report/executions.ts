// From a run's history to what the report shows: the timeline rows, each state's visits (input,
// output, error) and its outcome. State names are unique in a whole definition (branches
// included), so a name gives the state's JSON Pointer; previousEventId gives each event's visit.
import type { EventDetails, HistoryEvent } from '../core/events.js';
import type { JsonValue } from '../core/json.js';
import type { StateGraph, GraphScope } from '../graph/model.js';

/** How a state ended in one execution; `cancelled`: entered, then stopped because a sibling failed. */
export type ReportOutcome = 'succeeded' | 'failed' | 'caught' | 'cancelled';

/** The result of an execution, as `execution.result` resolves (ExecutionResult). */
export interface ReportResult {
  readonly status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'SUSPENDED';
  readonly output?: JsonValue;
  readonly error?: string;
  readonly cause?: string;
}

export interface ReportExecution {
  /** Shown in the execution picker (an execution name, or a test case's name). */
  readonly name: string;
  readonly result: ReportResult;
  /** Its history events (`execution.history`, or the events an onEvent listener collected). */
  readonly history: readonly HistoryEvent[];
}

export interface EventRow {
  readonly id: number;
  readonly offsetMs: number;
  readonly type: string;
  readonly state: string | undefined;
  readonly pointer: string | undefined;
  readonly details: EventDetails | undefined;
}

export interface Visit {
  readonly enteredEventId: number;
  input?: JsonValue;
  output?: JsonValue;
  error?: string;
  cause?: string;
  outcome?: ReportOutcome;
}

export interface ExecutionView {
  readonly name: string;
  readonly result: ReportResult;
  readonly events: readonly EventRow[];
  readonly visits: Readonly<Record<string, Visit[]>>;
  readonly outcomes: Readonly<Record<string, ReportOutcome>>;
}

// ExecutionFailed/TimedOut follow the thread of the state the run failed in (a States.Runtime error
// in a Pass state has no failure event of its own).
const FAILURE = /^(TaskFailed|TaskTimedOut|LambdaFunctionFailed|LambdaFunctionTimedOut|LambdaFunctionStartFailed|ParallelStateFailed|MapStateFailed|EvaluationFailed|ExecutionFailed|ExecutionTimedOut)$/;
const SUCCESS = /^(TaskSucceeded|LambdaFunctionSucceeded|ParallelStateSucceeded|MapStateSucceeded)$/;
const RANK: Readonly<Record<ReportOutcome, number>> = { succeeded: 0, cancelled: 1, caught: 2, failed: 3 };

const OPENERS = new Set(['ParallelStateStarted', 'MapIterationStarted']);
const CLOSERS = /^(Parallel|Map)State(Succeeded|Failed|Aborted)$/;

/** Per event: the state it belongs to, that state's visit, and the Parallel/Map visit it runs inside. */
interface Place {
  readonly type: string;
  readonly state: string | undefined;
  readonly visit: Visit | undefined;
  readonly inside: Visit | undefined;
}

interface VisitOf {
  readonly pointer: string;
  readonly inside: Visit | undefined;
}

export function viewExecution(graph: StateGraph, execution: ReportExecution): ExecutionView {
  const { byName, parents } = indexStates(graph);
  const places = new Map<number, Place>();
  const visits: Record<string, Visit[]> = {};
  const whose = new Map<Visit, VisitOf>();
  const open = new Set<Visit>();
  const start = execution.history[0]?.timestamp ?? 0;
  const events: EventRow[] = [];
  for (const event of execution.history) {
    const prev = places.get(event.previousEventId);
    const inside = prev === undefined ? undefined : OPENERS.has(prev.type) ? prev.visit : prev.inside;
    const name = event.details?.name;
    const entered = event.type.endsWith('StateEntered');
    const exited = event.type.endsWith('StateExited');
    let place: Place = { type: event.type, state: prev?.state, visit: prev?.visit, inside };
    if ((entered || exited) && name !== undefined && byName.has(name)) {
      const pointer = byName.get(name) as string;
      // Events follow their own state's thread (previousEventId): concurrent iterations never mix.
      let visit = prev?.state === pointer ? prev.visit : visits[pointer]?.findLast((v) => open.has(v));
      if (entered) {
        visit = { enteredEventId: event.id, ...(event.details?.input === undefined ? {} : { input: event.details.input }) };
        (visits[pointer] ??= []).push(visit);
        whose.set(visit, { pointer, inside });
        open.add(visit);
        if (event.type === 'FailStateEntered') visit.outcome = 'failed';
      }
      place = { type: event.type, state: pointer, visit, inside: visit === undefined ? inside : whose.get(visit)?.inside };
    } else if (CLOSERS.test(event.type)) {
      // A Parallel/Map's own end may follow its last branch's thread: it belongs to the state itself.
      const own = prev?.visit !== undefined && parents.has(whose.get(prev.visit)?.pointer ?? '') && open.has(prev.visit) ? prev.visit : inside;
      const of = own === undefined ? undefined : whose.get(own);
      place = { type: event.type, state: of?.pointer, visit: own, inside: of?.inside };
    }
    if (place.visit !== undefined && open.has(place.visit) && !entered) {
      record(place.visit, event, exited);
      if (exited) open.delete(place.visit);
    }
    places.set(event.id, place);
    events.push({ id: event.id, offsetMs: event.timestamp - start, type: event.type, state: name, pointer: place.state, details: event.details });
  }
  // Entered, never left, no failure of its own: stopped because something else failed or the run was stopped.
  for (const visit of open) visit.outcome ??= 'cancelled';
  const outcomes: Record<string, ReportOutcome> = {};
  for (const [pointer, list] of Object.entries(visits)) {
    for (const visit of list) {
      const outcome = visit.outcome ?? 'cancelled';
      const known = outcomes[pointer];
      if (known === undefined || RANK[outcome] > RANK[known]) outcomes[pointer] = outcome;
    }
  }
  return { name: execution.name, result: execution.result, events, visits, outcomes };
}

function record(visit: Visit, event: HistoryEvent, exited: boolean): void {
  if (FAILURE.test(event.type)) {
    visit.outcome = 'failed';
    if (event.details?.error !== undefined) visit.error = event.details.error;
    if (event.details?.cause !== undefined) visit.cause = event.details.cause;
  } else if (SUCCESS.test(event.type)) visit.outcome = 'succeeded';
  else if (exited) {
    if (event.details?.output !== undefined) visit.output = event.details.output;
    // Left with an error seen and not retried away: a Catch took it.
    visit.outcome = visit.outcome === 'failed' ? 'caught' : 'succeeded';
  }
}

/** State name → its JSON Pointer (names are unique in a definition); the pointers of Parallel/Map states. */
function indexStates(graph: StateGraph): { byName: Map<string, string>; parents: Set<string> } {
  const byName = new Map<string, string>();
  const parents = new Set<string>();
  const add = (pointer: string): void => {
    byName.set(unescapeSegment(pointer.slice(pointer.lastIndexOf('/') + 1)), pointer);
  };
  const walk = (scope: GraphScope): void => {
    for (const node of scope.nodes) {
      if (node.kind === 'state' && node.pointer !== undefined && node.stateType !== 'Parallel' && node.stateType !== 'Map') add(node.pointer);
    }
    for (const cluster of scope.clusters) {
      if (cluster.kind === 'state') {
        add(cluster.pointer);
        parents.add(cluster.pointer);
      }
      walk(cluster);
    }
  };
  walk(graph);
  return { byName, parents };
}

function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
