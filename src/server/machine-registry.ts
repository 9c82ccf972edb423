// State machines as the Step Functions API sees them: a stored MachineResource (role, tags, status,
// revision, current version) over the engine's machine versions. A machine registered through the
// engine alone (`asl run --store`, the library) has no resource; one is derived from its versions.
// DeleteStateMachine leaves a DELETING resource while executions run, and it turns DELETED (a
// tombstone: the versions stay for the executions that name them) once none runs any more.
import type { Engine } from '../service/engine.js';
import type { MachineRecord, MachineResource } from '../store/types.js';
import { ApiError, checkArn } from './wire.js';

/** A machine the API can answer for: its resource and the version it names. */
export interface MachineView {
  readonly resource: MachineResource;
  readonly version: MachineRecord;
}

/** Per engine, the last change of each machine (by name) still under way: see MachineRegistry.serialize. */
const pendingChanges = new WeakMap<Engine, Map<string, Promise<void>>>();

/**
 * Per engine, the ACTIVE machines as last read from the store, by arn: every StartExecution looks its
 * machine up, and the store hands out fresh copies (a definition parsed again each time). Every
 * change of a resource goes through save(), which forgets it; machines without a stored resource
 * (registered through the engine alone) and DELETING ones are always read afresh.
 */
const activeViews = new WeakMap<Engine, Map<string, MachineView>>();

export class MachineRegistry {
  constructor(private readonly engine: Engine) {}

  /**
   * Runs `work` once every earlier change of the machine named `name` ended. Requests are handled
   * concurrently and a change reads, then writes, the machine's resource: without this, two
   * TagResource calls at once would each drop the other's tags.
   */
  serialize<T>(name: string, work: () => Promise<T>): Promise<T> {
    let byName = pendingChanges.get(this.engine);
    if (byName === undefined) pendingChanges.set(this.engine, (byName = new Map()));
    const changes = byName;
    const next = (changes.get(name) ?? Promise.resolve()).then(work);
    const done = next.then(
      () => undefined,
      () => undefined,
    );
    changes.set(name, done);
    void done.then(() => {
      if (changes.get(name) === done) changes.delete(name);
    });
    return next;
  }

  /** The machine, unless unknown or deleted (a DELETING one whose executions all ended is deleted now). */
  async find(arn: string): Promise<MachineView | undefined> {
    const known = this.views().get(arn);
    if (known !== undefined) return known;
    const store = this.engine.store;
    const stored = await store.getMachineResource(arn);
    if (stored === undefined) return this.derived(arn);
    if (stored.status === 'DELETED') return undefined;
    if (stored.status === 'DELETING' && !(await this.hasRunning(arn))) {
      await store.putMachineResource({ ...stored, status: 'DELETED' });
      return undefined;
    }
    const version = await store.getMachine(arn, stored.definitionHash);
    if (version === undefined) return undefined;
    const view = { resource: stored, version };
    if (stored.status === 'ACTIVE') this.views().set(arn, view);
    return view;
  }

  private views(): Map<string, MachineView> {
    let views = activeViews.get(this.engine);
    if (views === undefined) activeViews.set(this.engine, (views = new Map()));
    return views;
  }

  /** The machine of a valid ARN, or AWS's StateMachineDoesNotExist. */
  async require(arn: string): Promise<MachineView> {
    checkArn(arn, 'stateMachine');
    const found = await this.find(arn);
    if (found === undefined) throw doesNotExist(arn);
    return found;
  }

  /** As require(), and StateMachineDeleting once DeleteStateMachine was called (no new executions, no updates). */
  async requireActive(arn: string): Promise<MachineView> {
    const found = await this.require(arn);
    if (found.resource.status === 'DELETING') throw deleting(arn);
    return found;
  }

  /** Every machine not deleted, in creation order. */
  async list(): Promise<MachineView[]> {
    const arns = new Set<string>();
    for (const version of await this.engine.store.listMachines()) arns.add(version.arn);
    for (const resource of await this.engine.store.listMachineResources()) arns.add(resource.arn);
    const views: MachineView[] = [];
    for (const arn of arns) {
      const view = await this.find(arn);
      if (view !== undefined) views.push(view);
    }
    return views.sort((a, b) => a.resource.createdAt - b.resource.createdAt || a.version.name.localeCompare(b.version.name));
  }

  /** The machine named `name` in this store, deleted or not (its arn is what a new one would get). */
  async byName(name: string): Promise<MachineView | undefined> {
    const version = (await this.engine.store.listMachines()).find((m) => m.name === name);
    return version === undefined ? undefined : this.find(version.arn);
  }

  async save(resource: MachineResource): Promise<void> {
    this.views().delete(resource.arn);
    try {
      await this.engine.store.putMachineResource(resource);
    } finally {
      // A find() that read the old resource while the write was under way must not keep it.
      this.views().delete(resource.arn);
    }
  }

  /**
   * DeleteStateMachine: DELETING while executions run (they go on), DELETED at once otherwise. An
   * unknown or already deleted machine is no error (AWS answers 200).
   */
  async delete(arn: string): Promise<void> {
    const found = await this.find(arn);
    if (found === undefined) return;
    const status = (await this.hasRunning(arn)) ? 'DELETING' : 'DELETED';
    await this.save({ ...found.resource, status });
  }

  /** A resource for a machine only the engine registered: its latest version, created with its first. */
  private async derived(arn: string): Promise<MachineView | undefined> {
    const version = await this.engine.store.getMachine(arn);
    if (version === undefined) return undefined;
    let createdAt = version.createdAt;
    for (const other of await this.engine.store.listMachines()) if (other.arn === arn && other.createdAt < createdAt) createdAt = other.createdAt;
    return { resource: { arn, status: 'ACTIVE', definitionHash: version.definitionHash, createdAt, tags: [], settings: {} }, version };
  }

  private async hasRunning(arn: string): Promise<boolean> {
    const page = await this.engine.store.listExecutions({ machineArn: arn, status: 'RUNNING', limit: 1 });
    return page.executions.length > 0;
  }
}

export function doesNotExist(arn: string): ApiError {
  return new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
}

export function deleting(arn: string): ApiError {
  return new ApiError('StateMachineDeleting', `State Machine is being deleted: '${arn}'`);
}

/** The machine name of a state machine ARN (what serialize() keys changes by). */
export function nameOfArn(arn: string): string {
  return arn.split(':')[6] ?? arn;
}
