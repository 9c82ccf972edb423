// Local Amazon EventBridge: event buses that record every event put on them and forward the ones
// matching an enabled rule's EventPattern to the rule's SQS queue (or SNS topic) targets.
import type { JsonObject, JsonValue } from '../core/json.js';
import { isJsonObject } from '../core/json.js';
import { ServiceError } from '../integrations/backend.js';
import type { LocalService, WorldContext } from './context.js';
import { lastSegment, unsupportedAction } from './context.js';
import { matchesPattern, patternProblem } from './event-pattern.js';
import type { Fail } from './input.js';
import { copyJson, optionalArray, optionalString, requireString } from './input.js';
import type { SnsService } from './sns.js';
import type { SqsService } from './sqs.js';

const invalid: Fail = (message) => new ServiceError('eventbridge', 'ValidationException', message);

export interface Rule {
  readonly Name: string;
  readonly Arn: string;
  readonly EventBusName: string;
  readonly EventPattern: JsonObject;
  State: string;
  readonly Targets: JsonObject[];
}

export class EventBridgeService implements LocalService {
  private readonly buses = new Set<string>(['default']);
  private readonly rules = new Map<string, Rule>();
  /** Every event accepted, in order, with the bus it was put on. */
  readonly received: JsonObject[] = [];

  constructor(private readonly context: WorldContext, private readonly sqs: SqsService, private readonly sns: SnsService) {}

  call(action: string, input: JsonObject): JsonObject {
    switch (action) {
      case 'PutEvents': return this.putEvents(input);
      case 'CreateEventBus': return { EventBusArn: this.createBus(requireString(input, 'Name', invalid)) };
      case 'PutRule': return { RuleArn: this.putRule(input).Arn };
      case 'PutTargets': return this.putTargets(input);
      case 'ListRules': return { Rules: this.allRules().map(({ Name, Arn, EventBusName, EventPattern, State }) => ({ Name, Arn, EventBusName, EventPattern: JSON.stringify(EventPattern), State })) };
      case 'DeleteRule': this.rules.delete(this.ruleKey(this.busName(input), requireString(input, 'Name', invalid))); return {};
      default: throw unsupportedAction('eventbridge', action);
    }
  }

  createBus(name: string): string {
    this.buses.add(name);
    return this.busArn(name);
  }

  putRule(input: JsonObject): Rule {
    const name = requireString(input, 'Name', invalid);
    const bus = this.busName(input);
    if (!this.buses.has(bus)) throw new ServiceError('eventbridge', 'ResourceNotFoundException', `Event bus ${bus} does not exist.`);
    const raw = input.EventPattern;
    let pattern: JsonValue = null;
    try {
      pattern = typeof raw === 'string' ? (JSON.parse(raw) as JsonValue) : (raw ?? null);
    } catch {
      throw new ServiceError('eventbridge', 'InvalidEventPatternException', 'Event pattern is not valid. Reason: Filter is not valid JSON');
    }
    const problem = patternProblem(pattern);
    if (problem !== undefined) throw new ServiceError('eventbridge', 'InvalidEventPatternException', `Event pattern is not valid. Reason: ${problem}`);
    const key = this.ruleKey(bus, name);
    const rule: Rule = {
      Name: name,
      Arn: `arn:aws:events:${this.context.region}:${this.context.accountId}:rule/${bus === 'default' ? '' : `${bus}/`}${name}`,
      EventBusName: bus,
      EventPattern: pattern as JsonObject,
      State: optionalString(input, 'State', invalid) ?? 'ENABLED',
      Targets: this.rules.get(key)?.Targets ?? [],
    };
    this.rules.set(key, rule);
    return rule;
  }

  busNames(): string[] {
    return [...this.buses];
  }

  allRules(): Rule[] {
    return [...this.rules.values()];
  }

  private putTargets(input: JsonObject): JsonObject {
    const rule = this.rules.get(this.ruleKey(this.busName(input), requireString(input, 'Rule', invalid)));
    if (!rule) throw new ServiceError('eventbridge', 'ResourceNotFoundException', `Rule ${String(input.Rule)} does not exist.`);
    for (const target of optionalArray(input, 'Targets', invalid) ?? []) {
      if (!isJsonObject(target) || typeof target.Id !== 'string' || typeof target.Arn !== 'string') throw invalid('Each target needs an Id and an Arn');
      const index = rule.Targets.findIndex((existing) => existing.Id === target.Id);
      if (index >= 0) rule.Targets.splice(index, 1, copyJson(target));
      else rule.Targets.push(copyJson(target));
    }
    return { FailedEntryCount: 0, FailedEntries: [] };
  }

  private putEvents(input: JsonObject): JsonObject {
    const entries = optionalArray(input, 'Entries', invalid) ?? [];
    if (entries.length === 0 || entries.length > 10) {
      throw invalid("1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10 and greater than or equal to 1");
    }
    let failed = 0;
    const results = entries.map((entry) => {
      const result = this.putEvent(isJsonObject(entry) ? entry : {});
      if (result.ErrorCode !== undefined) failed++;
      return result;
    });
    return { FailedEntryCount: failed, Entries: results };
  }

  private putEvent(entry: JsonObject): JsonObject {
    const fail = (ErrorCode: string, ErrorMessage: string): JsonObject => ({ ErrorCode, ErrorMessage });
    for (const field of ['Source', 'DetailType', 'Detail']) {
      if (typeof entry[field] !== 'string' || entry[field] === '') return fail('InvalidArgument', `Parameter ${field} is not valid. Reason: ${field} is a required argument.`);
    }
    let detail: JsonValue;
    try {
      detail = JSON.parse(entry.Detail as string) as JsonValue;
    } catch {
      return fail('MalformedDetail', 'Detail is malformed.');
    }
    if (!isJsonObject(detail)) return fail('MalformedDetail', 'Detail is malformed.');
    const bus = this.busName(entry);
    if (!this.buses.has(bus)) return fail('ResourceNotFoundException', `Event bus ${bus} does not exist.`);
    // Time: an ISO string, or epoch seconds as the JSON protocol sends a timestamp; else the clock.
    const given = typeof entry.Time === 'number' ? entry.Time * 1000 : typeof entry.Time === 'string' ? Date.parse(entry.Time) : Number.NaN;
    const time = new Date(Number.isFinite(given) ? given : this.context.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const event: JsonObject = {
      version: '0',
      id: this.context.uuid(),
      'detail-type': entry.DetailType as string,
      source: entry.Source as string,
      account: this.context.accountId,
      time,
      region: this.context.region,
      resources: Array.isArray(entry.Resources) ? copyJson(entry.Resources) : [],
      detail,
    };
    this.received.push({ EventBusName: bus, ...event });
    this.route(bus, event);
    return { EventId: event.id as string };
  }

  private route(bus: string, event: JsonObject): void {
    for (const rule of this.rules.values()) {
      if (rule.EventBusName !== bus || rule.State !== 'ENABLED' || !matchesPattern(rule.EventPattern, event)) continue;
      for (const target of rule.Targets) {
        const arn = String(target.Arn);
        const body = typeof target.Input === 'string' ? target.Input : JSON.stringify(event);
        try {
          if (arn.startsWith('arn:aws:sqs:')) {
            const parameters = isJsonObject(target.SqsParameters) ? target.SqsParameters : {};
            this.sqs.deliver(arn, body, undefined, typeof parameters.MessageGroupId === 'string' ? parameters.MessageGroupId : undefined, String(event.id));
          } else if (arn.startsWith('arn:aws:sns:')) {
            this.sns.call('Publish', { TopicArn: arn, Message: body });
          }
        } catch {
          // As in AWS, a target that cannot take the event loses it; PutEvents still succeeded.
        }
      }
    }
  }

  /** The bus an entry or request names (by name or ARN), 'default' when none. */
  private busName(input: JsonObject): string {
    const name = optionalString(input, 'EventBusName', invalid);
    return name === undefined || name === '' ? 'default' : name.startsWith('arn:') ? lastSegment(name, '/') : name;
  }

  private busArn(name: string): string {
    return `arn:aws:events:${this.context.region}:${this.context.accountId}:event-bus/${name}`;
  }

  private ruleKey(bus: string, name: string): string {
    return `${bus}/${name}`;
  }
}
