// Parsers for `asl run` option values. Each throws Commander's InvalidArgumentError, so a bad value
// is reported by Commander like any other usage error ("option '--seed <n>' argument 'x' is
// invalid. ...") and exits 3.
import { InvalidArgumentError } from 'commander';
import type { StateMachineType } from '../index.js';

const BYTE_UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  kb: 1000,
  mb: 1000 ** 2,
  gb: 1000 ** 3,
};

/**
 * "262144", "256KiB", "1MiB", "1GiB" (binary units), "300KB", "1MB", "1GB" (decimal units), or
 * "Infinity" for no limit: the values the library's payloadLimitBytes takes.
 */
export function parseByteSize(text: string): number {
  if (/^inf(inity)?$/i.test(text.trim())) return Infinity;
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = match ? BYTE_UNITS[(match[2] ?? '').toLowerCase()] : undefined;
  if (!match || unit === undefined) throw new InvalidArgumentError('Expected a size in bytes such as 262144, 256KiB, 1MiB or 1GiB, or "Infinity".');
  // Fractions of a unit ("1.5GiB") round down to whole bytes.
  const bytes = Math.floor(Number(match[1]) * unit);
  if (!Number.isSafeInteger(bytes) || bytes <= 0) throw new InvalidArgumentError('The size must be a positive number of bytes.');
  return bytes;
}

/** A seed: any integer that fits in 32 bits (the PRNG's state size). */
export function parseSeed(text: string): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) throw new InvalidArgumentError('Expected an integer.');
  return value;
}

/** A positive integer, or "Infinity" to lift the limit. */
export function parseLimit(text: string): number {
  if (/^inf(inity)?$/i.test(text.trim())) return Infinity;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value <= 0) {
    throw new InvalidArgumentError('Expected a positive integer or "Infinity".');
  }
  return value;
}

/** "standard" or "express", in any case. */
export function parseMode(text: string): StateMachineType {
  const upper = text.trim().toUpperCase();
  if (upper === 'STANDARD' || upper === 'EXPRESS') return upper;
  throw new InvalidArgumentError('Expected "standard" or "express".');
}

/** A `--lambda NAME=./module.js#export` value. */
export interface LambdaSpec {
  /** What the definition calls the function: a name or an ARN. */
  readonly name: string;
  readonly modulePath: string;
  /** The export to use; undefined means the default export (or, failing that, `handler`). */
  readonly exportName: string | undefined;
  /** The option value as given, for messages. */
  readonly text: string;
}

export function parseLambdaSpec(text: string): LambdaSpec {
  const eq = text.indexOf('=');
  // An ARN holds no "=", so the first one separates the name from the module.
  const name = eq < 0 ? '' : text.slice(0, eq).trim();
  const target = eq < 0 ? '' : text.slice(eq + 1).trim();
  const hash = target.lastIndexOf('#');
  const modulePath = hash < 0 ? target : target.slice(0, hash);
  const exportName = hash < 0 ? undefined : target.slice(hash + 1);
  if (name === '' || modulePath === '' || exportName === '') {
    throw new InvalidArgumentError('Expected NAME=./module.js or NAME=./module.js#export (NAME: a function name or ARN).');
  }
  return { name, modulePath, exportName, text };
}

/** Commander's accumulator for repeatable options. */
export function collect<T>(parse: (text: string) => T): (text: string, previous: T[] | undefined) => T[] {
  return (text, previous) => [...(previous ?? []), parse(text)];
}
