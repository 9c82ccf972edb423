// Loading AWS SDK v3 client packages on first use. Nothing here imports the SDK statically: a
// state machine without service tasks must not pay for loading it (the CLI's cold start), and a
// service we do not ship is found in the user's own node_modules.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ServiceError } from './backend.js';
import { clientPackage } from './aws-backend-packages.js';

/** Imports a package by name; the default tries asl-engine's own dependencies, then the working directory's. */
export type ModuleLoader = (name: string) => Promise<unknown>;

/** What a client package gives us: the client class and its commands, looked up by name. */
export interface SdkModule {
  readonly packageName: string;
  readonly Client: SdkClientClass;
  command(action: string): SdkCommandClass | undefined;
}

/** The part of an SDK v3 client this backend uses. */
export interface SdkClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

export type SdkClientClass = new (config: Record<string, unknown>) => SdkClient;
export type SdkCommandClass = new (input: Record<string, unknown>) => unknown;

/** The packages asl-engine depends on; any other client is the user's to install. */
const SHIPPED = new Set(['sns', 'sqs', 'dynamodb', 's3', 'eventbridge', 'lambda', 'sts'].map(clientPackage));

/**
 * Imports from asl-engine's own dependencies, then from `projectDirectory`'s node_modules (default:
 * the working directory): asl-engine installed globally, or run through npx, does not see the
 * project's packages otherwise.
 */
export function projectModuleLoader(projectDirectory?: string): ModuleLoader {
  return async (name) => {
    try {
      return await import(name);
    } catch (err) {
      if (!isModuleNotFound(err)) throw err;
      let resolved: string;
      try {
        resolved = createRequire(join(projectDirectory ?? process.cwd(), 'package.json')).resolve(name);
      } catch {
        throw err;
      }
      return import(pathToFileURL(resolved).href);
    }
  };
}

export const defaultModuleLoader: ModuleLoader = projectModuleLoader();

function isModuleNotFound(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

/** Loads and inspects a service's client package once; later calls share the same promise. */
export function createModuleCache(load: ModuleLoader): (service: string) => Promise<SdkModule> {
  const modules = new Map<string, Promise<SdkModule>>();
  return (service) => {
    const packageName = clientPackage(service);
    let loaded = modules.get(packageName);
    if (loaded === undefined) {
      loaded = loadSdkModule(load, service, packageName);
      // A failed load is not remembered: the user may install the package and run again in-process.
      loaded.catch(() => modules.delete(packageName));
      modules.set(packageName, loaded);
    }
    return loaded;
  };
}

async function loadSdkModule(load: ModuleLoader, service: string, packageName: string): Promise<SdkModule> {
  let exports: unknown;
  try {
    exports = await load(packageName);
  } catch (err) {
    if (!isModuleNotFound(err)) throw err;
    const how = SHIPPED.has(packageName)
      ? `asl-engine depends on ${packageName}, but it is not installed; reinstall asl-engine`
      : `install it next to your state machine: npm install ${packageName}`;
    throw new ServiceError(service, 'SdkClientException', `The AWS SDK v3 client for service '${service}' (${packageName}) cannot be loaded: ${how}.`, 0);
  }
  const record = namespaceOf(exports);
  const Client = clientClass(record);
  if (Client === undefined) {
    throw new ServiceError(service, 'SdkClientException', `${packageName} does not export an AWS SDK v3 client class.`, 0);
  }
  return {
    packageName,
    Client,
    command(action) {
      const command = record[`${action}Command`];
      return typeof command === 'function' ? (command as SdkCommandClass) : undefined;
    },
  };
}

/** A module namespace; a CommonJS package imported from ESM may keep its exports under `default`. */
function namespaceOf(exports: unknown): Record<string, unknown> {
  if (typeof exports !== 'object' || exports === null) return {};
  const record = exports as Record<string, unknown>;
  if (clientClass(record) === undefined && typeof record['default'] === 'object' && record['default'] !== null) {
    return record['default'] as Record<string, unknown>;
  }
  return record;
}

/** Every client package exports exactly one "<Name>Client" class besides the shared "__Client". */
function clientClass(record: Record<string, unknown>): SdkClientClass | undefined {
  for (const [name, value] of Object.entries(record)) {
    if (name !== '__Client' && name.endsWith('Client') && typeof value === 'function') return value as SdkClientClass;
  }
  return undefined;
}
