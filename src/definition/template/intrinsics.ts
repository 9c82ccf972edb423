// Evaluates CloudFormation intrinsic functions against the template's own Parameters, Mappings,
// Conditions and Resources: Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::If, Fn::Select, Fn::Split,
// Fn::FindInMap, Fn::Base64, Fn::GetAZs, Fn::ToJsonString, Fn::Length, and the condition
// functions. What cannot be known locally (Fn::ImportValue, a parameter with no Default and no
// value given) is a TemplateError naming it, never a made-up value.
import { isJsonObject, type JsonObject, type JsonValue } from '../../core/json.js';
import { TemplateError } from './parse.js';
import { defaultName, nameProperty, resourceValue, type StackEnvironment } from './resources.js';

/** AWS::NoValue: the member or item it stands for is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
export type Resolved = JsonValue | typeof NO_VALUE;

export interface ResolverOptions {
  readonly env: StackEnvironment;
  readonly stackName: string;
  /** Values for template Parameters, over their Defaults. */
  readonly parameters: Readonly<Record<string, string>>;
}

const FUNCTIONS = new Set([
  'Ref', 'Fn::GetAtt', 'Fn::Sub', 'Fn::Join', 'Fn::If', 'Fn::Select', 'Fn::Split', 'Fn::FindInMap', 'Fn::Base64', 'Fn::GetAZs',
  'Fn::ImportValue', 'Fn::ToJsonString', 'Fn::Length', 'Fn::Cidr', 'Fn::Transform',
]);

export class TemplateResolver {
  /** Values that are only approximations (resource types we do not model), for warnings. */
  readonly notes: string[] = [];
  private readonly resources: JsonObject;
  private readonly conditions = new Map<string, boolean>();
  private readonly naming = new Set<string>();

  constructor(private readonly template: JsonObject, private readonly options: ResolverOptions) {
    this.resources = asObject(template['Resources']);
  }

  /** A value with every intrinsic function evaluated; NO_VALUE members and items removed. */
  resolve(value: JsonValue): Resolved {
    if (Array.isArray(value)) return value.map((item) => this.resolve(item)).filter((item): item is JsonValue => item !== NO_VALUE);
    if (!isJsonObject(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && FUNCTIONS.has(keys[0] as string)) return this.call(keys[0] as string, value[keys[0] as string] as JsonValue);
    const out: JsonObject = {};
    for (const key of keys) {
      const resolved = this.resolve(value[key] as JsonValue);
      if (resolved !== NO_VALUE) out[key] = resolved;
    }
    return out;
  }

  /** resolve(), required to give a string (numbers and booleans are written as text). */
  resolveString(value: JsonValue, what: string): string {
    const resolved = this.resolve(value);
    if (typeof resolved === 'string') return resolved;
    if (typeof resolved === 'number' || typeof resolved === 'boolean') return String(resolved);
    throw new TemplateError(`${what} must be a string, but it is ${resolved === NO_VALUE ? 'AWS::NoValue' : JSON.stringify(resolved)}`);
  }

  private call(fn: string, arg: JsonValue): Resolved {
    const args = (count: number): JsonValue[] => {
      if (!Array.isArray(arg) || arg.length < count) throw new TemplateError(`${fn} takes a list of ${count} arguments, not ${JSON.stringify(arg)}`);
      return arg;
    };
    switch (fn) {
      case 'Ref':
        return this.ref(this.resolveString(arg, 'Ref'));
      case 'Fn::GetAtt': {
        const parts = typeof arg === 'string' ? [arg.slice(0, arg.indexOf('.')), arg.slice(arg.indexOf('.') + 1)] : args(2);
        return this.getAtt(this.resolveString(parts[0] as JsonValue, fn), this.resolveString(parts[1] as JsonValue, fn));
      }
      case 'Fn::Sub':
        return typeof arg === 'string' ? this.sub(arg, {}) : this.sub(this.resolveString(args(2)[0] as JsonValue, fn), asObject(args(2)[1]));
      case 'Fn::Join': {
        const [delimiter, list] = args(2);
        return this.list(list as JsonValue, fn).map((item) => this.text(item, fn)).join(this.resolveString(delimiter as JsonValue, fn));
      }
      case 'Fn::If': {
        const [name, whenTrue, whenFalse] = args(3);
        return this.resolve((this.condition(this.resolveString(name as JsonValue, fn)) ? whenTrue : whenFalse) as JsonValue);
      }
      case 'Fn::Select': {
        const [index, list] = args(2);
        const item = this.list(list as JsonValue, fn)[Number(this.resolveString(index as JsonValue, fn))];
        if (item === undefined) throw new TemplateError(`Fn::Select: index ${JSON.stringify(index)} is outside the list`);
        return item;
      }
      case 'Fn::Split': {
        const [delimiter, source] = args(2);
        return this.resolveString(source as JsonValue, fn).split(this.resolveString(delimiter as JsonValue, fn));
      }
      case 'Fn::FindInMap':
        return this.findInMap(args(3).slice(0, 3).map((part) => this.resolveString(part, fn)));
      case 'Fn::Base64':
        return Buffer.from(this.resolveString(arg, fn), 'utf8').toString('base64');
      case 'Fn::GetAZs':
        return ['a', 'b', 'c'].map((zone) => `${this.options.env.region}${zone}`);
      case 'Fn::ToJsonString': {
        const resolved = this.resolve(arg);
        return JSON.stringify(resolved === NO_VALUE ? null : resolved);
      }
      case 'Fn::Length':
        return this.list(arg, fn).length;
      case 'Fn::ImportValue':
        throw new TemplateError(`Fn::ImportValue ${JSON.stringify(arg)}: another stack's export is not known locally; give the value as a substitution instead`);
      default:
        throw new TemplateError(`${fn} is not supported locally; give the value as a substitution instead`);
    }
  }

  private ref(name: string): Resolved {
    const env = this.options.env;
    switch (name) {
      case 'AWS::Region': return env.region;
      case 'AWS::AccountId': return env.accountId;
      case 'AWS::Partition': return env.partition;
      case 'AWS::URLSuffix': return 'amazonaws.com';
      case 'AWS::StackName': return this.options.stackName;
      case 'AWS::StackId': return `arn:${env.partition}:cloudformation:${env.region}:${env.accountId}:stack/${this.options.stackName}/00000000-0000-0000-0000-000000000000`;
      case 'AWS::NotificationARNs': return [];
      case 'AWS::NoValue': return NO_VALUE;
    }
    const parameters = asObject(this.template['Parameters']);
    if (Object.hasOwn(parameters, name)) return this.parameter(name, asObject(parameters[name]));
    return this.resourceAttribute(name, undefined);
  }

  private parameter(name: string, declaration: JsonObject): JsonValue {
    const given = this.options.parameters[name];
    const value = given ?? declaration['Default'];
    if (value === undefined || value === null) {
      throw new TemplateError(`Parameter "${name}" has no Default; give it a value as a substitution named "${name}"`);
    }
    const text = typeof value === 'string' ? value : Array.isArray(value) ? value.join(',') : String(value);
    const type = typeof declaration['Type'] === 'string' ? declaration['Type'] : 'String';
    return type === 'CommaDelimitedList' || type.startsWith('List<') ? text.split(',').map((item) => item.trim()) : text;
  }

  private getAtt(logicalId: string, attribute: string): Resolved {
    return this.resourceAttribute(logicalId, attribute);
  }

  private resourceAttribute(logicalId: string, attribute: string | undefined): string {
    const resource = this.resources[logicalId];
    const what = attribute === undefined ? `Ref ${logicalId}` : `Fn::GetAtt ${logicalId}.${attribute}`;
    if (!isJsonObject(resource)) throw new TemplateError(`${what}: the template has no parameter or resource named "${logicalId}"`);
    const type = typeof resource['Type'] === 'string' ? resource['Type'] : '';
    const found = resourceValue(type, this.resourceName(logicalId, type, asObject(resource['Properties'])), attribute, this.options.env);
    if (found === undefined) throw new TemplateError(`${what}: ${type || 'this resource'} has no attribute "${attribute ?? ''}" known locally`);
    if (found.approximate) this.notes.push(`${what} (${type}) stands for "${found.value}", a local guess`);
    return found.value;
  }

  private resourceName(logicalId: string, type: string, properties: JsonObject): string {
    const property = nameProperty(type);
    const declared = property === undefined ? undefined : properties[property];
    if (declared === undefined || this.naming.has(logicalId)) return defaultName(type, logicalId, properties);
    this.naming.add(logicalId); // a name that refers back to its own resource falls back to the logical id
    try {
      return this.resolveString(declared, `${property} of ${logicalId}`);
    } finally {
      this.naming.delete(logicalId);
    }
  }

  private sub(text: string, variables: JsonObject): string {
    return text.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
      if (inner.startsWith('!')) return '${' + inner.slice(1) + '}';
      const name = inner.trim();
      if (Object.hasOwn(variables, name)) return this.text(variables[name] as JsonValue, `Fn::Sub variable ${name}`);
      const dot = name.indexOf('.');
      const value = dot > 0 && !name.startsWith('AWS::') ? this.getAtt(name.slice(0, dot), name.slice(dot + 1)) : this.ref(name);
      return this.text(value === NO_VALUE ? '' : value, `Fn::Sub ${whole}`);
    });
  }

  private findInMap([map, top, second]: string[]): JsonValue {
    const value = asObject(asObject(asObject(this.template['Mappings'])[map ?? ''])[top ?? ''])[second ?? ''];
    if (value === undefined) throw new TemplateError(`Fn::FindInMap: Mappings has no ${map}.${top}.${second}`);
    return value;
  }

  private condition(name: string): boolean {
    const known = this.conditions.get(name);
    if (known !== undefined) return known;
    const declaration = asObject(this.template['Conditions'])[name];
    if (declaration === undefined) throw new TemplateError(`Condition "${name}" is not defined in Conditions`);
    this.conditions.set(name, false); // a condition that refers to itself is false, not a stack overflow
    const value = this.evaluate(declaration);
    this.conditions.set(name, value);
    return value;
  }

  private evaluate(expression: JsonValue): boolean {
    if (typeof expression === 'boolean') return expression;
    if (!isJsonObject(expression)) throw new TemplateError(`A condition must be a condition function, not ${JSON.stringify(expression)}`);
    const [fn, arg] = Object.entries(expression)[0] ?? ['', null];
    const list = Array.isArray(arg) ? arg : [];
    switch (fn) {
      case 'Condition': return this.condition(this.resolveString(arg, fn));
      case 'Fn::Equals': return this.comparable(list[0] ?? null) === this.comparable(list[1] ?? null);
      case 'Fn::Not': return !this.evaluate(list[0] ?? null);
      case 'Fn::And': return list.every((item) => this.evaluate(item));
      case 'Fn::Or': return list.some((item) => this.evaluate(item));
      default: throw new TemplateError(`${fn || 'An empty object'} is not a condition function`);
    }
  }

  /** Fn::Equals compares as CloudFormation does: "true", true and "1", 1 are equal. */
  private comparable(value: JsonValue): string {
    const resolved = this.resolve(value);
    return typeof resolved === 'object' || resolved === NO_VALUE ? JSON.stringify(resolved ?? null) : String(resolved);
  }

  private list(value: JsonValue, fn: string): JsonValue[] {
    const resolved = this.resolve(value);
    if (!Array.isArray(resolved)) throw new TemplateError(`${fn} needs a list, not ${JSON.stringify(resolved)}`);
    return resolved;
  }

  private text(value: Resolved, what: string): string {
    return this.resolveString(value === NO_VALUE ? '' : value, what);
  }
}

function asObject(value: JsonValue | undefined): JsonObject {
  return isJsonObject(value) ? value : {};
}
