// VALIDATION.md check 16 and LIMITS.md §2: Task Resource forms, the task token a callback task
// must pass on, and the integration patterns an Express machine (or Express child) cannot use.
import { type JsonValue } from '../../core/json.js';
import { type Diagnostic, error, warning } from '../diagnostic.js';
import type { DefinitionModel, StateNode } from '../model.js';
import type { StateMachineType } from '../model.js';

/**
 * arn:partition:service:region:account:resource — the generic ARN shape. The region is read
 * loosely: recorded definitions carry test-harness regions such as "stub-localstack.testing…".
 */
const ARN = /^arn:aws[a-z-]*:[a-z0-9-]+:[\w.-]*:(\d{12})?:.+$/;
/** arn:partition:states:::service:action[.sync[:2]|.waitForTaskToken] — optimised integrations. */
const SERVICE_INTEGRATION = /^arn:aws[a-z-]*:states:::[a-z0-9-]+(:[A-Za-z0-9_.-]+)+$/;

export function checkResources(model: DefinitionModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (let s = 0; s < model.states.length; s++) {
    const node = model.states[s] as StateNode;
    const resource = node.raw['Resource'];
    if (node.type !== 'Task' || typeof resource !== 'string' || resource === '') continue;
    const pointer = `${node.pointer}/Resource`;
    if (resource.startsWith('{%')) {
      out.push(error('INVALID_RESOURCE', pointer, `Resource of "${node.name}" must be a constant ARN; put dynamic values in Arguments.`));
      continue;
    }
    if (!ARN.test(resource) || (resource.includes(':states:::') && !SERVICE_INTEGRATION.test(resource))) {
      out.push(
        error(
          'INVALID_RESOURCE',
          pointer,
          `Resource "${resource}" of "${node.name}" is not a valid ARN; use a function ARN such as arn:aws:lambda:us-east-1:123456789012:function:name, or an integration such as arn:aws:states:::lambda:invoke.`,
        ),
      );
      continue;
    }
    const pattern = integrationPattern(resource);
    if (effectiveType(model, node) === 'EXPRESS' && pattern !== 'request-response') {
      out.push(error('UNSUPPORTED_IN_EXPRESS', pointer, expressMessage(pattern)));
    }
    // AWS accepts a callback task that passes no token (INTEGRATIONS.md §1, recorded), so this is a hint.
    if (pattern === 'waitForTaskToken' && !passesTaskToken(node)) {
      out.push(
        warning(
          'SCHEMA_VALIDATION_FAILED',
          pointer,
          `"${node.name}" waits for a task token but its ${node.queryLanguage === 'JSONata' ? 'Arguments never pass $states.context.Task.Token' : 'Parameters never pass $$.Task.Token'}, so nothing can send its task token back: the task waits until it times out.`,
        ),
      );
    }
  }
  return out;
}

type Pattern = 'request-response' | 'sync' | 'waitForTaskToken' | 'activity';

function integrationPattern(resource: string): Pattern {
  if (/:activity:/.test(resource) && /^arn:aws[a-z-]*:states:/.test(resource)) return 'activity';
  if (resource.endsWith('.waitForTaskToken')) return 'waitForTaskToken';
  if (/\.sync(:\d+)?$/.test(resource)) return 'sync';
  return 'request-response';
}

function expressMessage(pattern: Pattern): string {
  if (pattern === 'waitForTaskToken') return "Express state machine does not support '.waitForTaskToken' service integration ";
  if (pattern === 'sync') return "Express state machine does not support '.sync' service integration ";
  return 'Express state machine does not support Activities.';
}

/** The type a state runs under: the machine's, or that of the nearest Distributed Map child. */
function effectiveType(model: DefinitionModel, node: StateNode): StateMachineType {
  for (let scope = node.scope; scope.owner; scope = scope.owner.scope) {
    const config = scope.raw['ProcessorConfig'];
    if (typeof config === 'object' && config !== null && !Array.isArray(config) && config['Mode'] === 'DISTRIBUTED') {
      return config['ExecutionType'] === 'EXPRESS' ? 'EXPRESS' : 'STANDARD';
    }
  }
  return model.machineType;
}

// The whole context object (`$$`, `$states.context`, `$states`) or its Task member carries the token.
const JSONPATH_TOKEN = /\$\$(?![.[\w])|\$\$\.Task\b|\$\$\[\\?["']Task\\?["']\]/;
const JSONATA_TOKEN = /\$states(?![.[\w])|\$states\.context(?![.[\w])|\$states\.context\.Task\b/;

function passesTaskToken(node: StateNode): boolean {
  const payload: JsonValue | undefined = node.raw['Parameters'] ?? node.raw['Arguments'];
  if (payload === undefined) return false;
  const text = JSON.stringify(payload);
  return JSONPATH_TOKEN.test(text) || JSONATA_TOKEN.test(text);
}
