// Machine versions as the store keeps them (definition text, type, limits) and compiled once each:
// a resumed execution runs on the version it started on, whatever was registered since.
import type { JsonObject, JsonValue } from '../core/json.js';
import type { StateMachineType } from '../definition/model.js';
import { createStateMachine } from '../runtime/execution.js';
import type { StateMachine, StateMachineOptions } from '../runtime/types.js';
import type { ExecutionStore, MachineRecord } from '../store/types.js';

export interface RegisterOptions {
  readonly type?: StateMachineType;
  readonly region?: string;
  readonly accountId?: string;
  readonly payloadLimitBytes?: number;
  readonly maxHistoryEvents?: number;
  readonly maxTransitions?: number;
}

export class MachineVersions {
  private readonly compiledVersions = new Map<string, StateMachine>();
  /** The same, by the record itself (latest() hands out one object per version): no key to build and hash on every start. */
  private readonly compiledByRecord = new WeakMap<MachineRecord, StateMachine>();
  /**
   * The latest version by name and by ARN, as this engine registered or first found it: a start
   * does not read the store's machine list. (Another engine's later registration is seen after a restart.)
   */
  private readonly latestVersions = new Map<string, MachineRecord>();

  constructor(
    private readonly store: ExecutionStore,
    /** What every machine shares (clock, lambdas, services...). */
    private readonly shared: StateMachineOptions,
    /** A Step Functions Local MockConfigFile whose test cases executions may run under (compiled(version, testCase)). */
    private readonly mockConfigFile?: JsonValue,
  ) {}

  async register(name: string, definition: string | JsonValue, options: RegisterOptions): Promise<MachineRecord> {
    const text = typeof definition === 'string' ? definition : JSON.stringify(definition);
    const type = options.type ?? 'STANDARD';
    const stored = storedOptions(options);
    // Compiled now: an invalid definition throws DefinitionError before anything is stored.
    const machine = createStateMachine(text, { ...this.shared, ...optionsFromStore(stored), type, name, recordHistory: false });
    const record: MachineRecord = { arn: machine.arn, name, type, definition: text, definitionHash: machine.definitionHash, options: stored, createdAt: this.shared.clock?.now() ?? 0 };
    await this.store.putMachine(record);
    this.compiledVersions.set(key(record.arn, record.definitionHash), machine);
    const kept = (await this.store.getMachine(record.arn, record.definitionHash)) ?? record;
    this.latestVersions.set(kept.name, kept).set(kept.arn, kept);
    return kept;
  }

  /** The latest version of a machine named by name or ARN. */
  async latest(machine: string): Promise<MachineRecord> {
    const known = this.latestVersions.get(machine);
    if (known !== undefined) return known;
    const found = machine.startsWith('arn:') ? await this.store.getMachine(machine) : (await this.store.listMachines()).filter((m) => m.name === machine).at(-1);
    if (found === undefined) throw new Error(`No state machine ${JSON.stringify(machine)} is registered in this store.`);
    const newest = machine.startsWith('arn:') ? found : ((await this.store.getMachine(found.arn)) ?? found);
    // The API's resource names the current version (UpdateStateMachine back to an older definition).
    const current = (await this.store.getMachineResource(newest.arn))?.definitionHash;
    const latest = current === undefined || current === newest.definitionHash ? newest : ((await this.store.getMachine(newest.arn, current)) ?? newest);
    this.latestVersions.set(machine, latest);
    return latest;
  }

  async version(arn: string, definitionHash: string): Promise<MachineRecord> {
    const found = await this.store.getMachine(arn, definitionHash);
    if (found === undefined) throw new Error(`The store holds no definition ${definitionHash.slice(0, 12)}… of ${arn}.`);
    return found;
  }

  /**
   * The machine of a stored version, compiled on first use; with a test case, compiled with that
   * test case of the MockConfigFile (its StateMachines entry named as the machine). Throws
   * MockConfigError when the file has no such test case.
   */
  compiled(version: MachineRecord, testCase?: string): StateMachine {
    if (testCase === undefined) {
      const known = this.compiledByRecord.get(version);
      if (known !== undefined) return known;
    }
    const id = key(version.arn, version.definitionHash) + (testCase === undefined ? '' : `#${testCase}`);
    let machine = this.compiledVersions.get(id);
    if (machine === undefined) {
      const mocks = testCase === undefined ? {} : { mockConfig: { config: this.mockConfigFile ?? {}, testCase, stateMachineName: version.name } };
      machine = createStateMachine(version.definition, { ...this.shared, ...optionsFromStore(version.options), ...mocks, type: version.type, name: version.name, recordHistory: false });
      // The hash is of the compiled definition: a version stored by another asl-engine must still match.
      if (machine.definitionHash !== version.definitionHash) throw new Error(`The stored definition of ${version.arn} does not match its hash.`);
      this.compiledVersions.set(id, machine);
    }
    if (testCase === undefined) this.compiledByRecord.set(version, machine);
    return machine;
  }
}

function key(arn: string, hash: string): string {
  return `${arn}#${hash}`;
}

/** The options a store can keep (JSON); Infinity is kept as null. */
function storedOptions(options: RegisterOptions): JsonObject {
  const out: JsonObject = {};
  for (const [name, value] of Object.entries(options)) if (value !== undefined && name !== 'type') out[name] = typeof value === 'number' && !Number.isFinite(value) ? null : value;
  return out;
}

/** Stored options as createStateMachine takes them: a limit stored as null (no limit) is Infinity again, not the default. */
function optionsFromStore(options: JsonObject): RegisterOptions {
  const out: Record<string, JsonValue | number> = {};
  for (const [name, value] of Object.entries(options)) out[name] = value === null ? Infinity : value;
  return out as RegisterOptions;
}
