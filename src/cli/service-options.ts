// Parsers for the `asl run` options that choose where service Tasks go: --services (the backend,
// for all services or per service), --endpoint SERVICE=URL and --region. Like run-options.ts, each
// throws Commander's InvalidArgumentError, so a bad value is a usage error (exit 3).
import { InvalidArgumentError } from 'commander';
import type { BackendKind, ServicesChoice } from '../index.js';

/** Service ids as `--services` and `--endpoint` accept them: sqs, sns, dynamodb, s3, eventbridge... */
const SERVICE_ID = /^[a-z][a-z0-9-]*$/;

/**
 * "local", "aws", or a comma-separated list such as "sqs=aws,sns=local" (an entry without "="
 * sets every service not named, kept under "*"). Repeating the option adds to the earlier choices.
 */
export function parseServices(text: string, previous: Readonly<Record<string, BackendKind>> | undefined): Record<string, BackendKind> {
  const choices: Record<string, BackendKind> = { ...previous };
  for (const entry of text.split(',').map((part) => part.trim())) {
    const eq = entry.indexOf('=');
    if (eq < 0) {
      choices['*'] = backend(entry);
      continue;
    }
    const service = entry.slice(0, eq).trim().toLowerCase();
    if (!SERVICE_ID.test(service)) throw new InvalidArgumentError(`"${entry}": expected SERVICE=local or SERVICE=aws, SERVICE a service id such as sqs or dynamodb.`);
    choices[service] = backend(entry.slice(eq + 1));
  }
  return choices;
}

/** The library's `services` option: one backend for all, or the per-service choices. */
export function servicesOption(choices: Readonly<Record<string, BackendKind>>): ServicesChoice {
  const all = choices['*'];
  return all !== undefined && Object.keys(choices).length === 1 ? all : choices;
}

/** True when some service goes to the aws backend. */
export function usesAws(choices: Readonly<Record<string, BackendKind>> | undefined): boolean {
  return Object.values(choices ?? {}).includes('aws');
}

function backend(text: string): BackendKind {
  const kind = text.trim().toLowerCase();
  if (kind === 'local' || kind === 'aws') return kind;
  throw new InvalidArgumentError(`Expected "local", "aws" or SERVICE=local|aws entries separated by commas (got "${text.trim()}").`);
}

/** One --endpoint: the service id and the URL its aws-backend client talks to. */
export interface EndpointSpec {
  readonly service: string;
  readonly url: string;
}

/** "SERVICE=URL", e.g. "dynamodb=http://127.0.0.1:8000", or "*=URL" for every service; http(s) only. */
export function parseEndpoint(text: string): EndpointSpec {
  const eq = text.indexOf('=');
  const service = eq < 0 ? '' : text.slice(0, eq).trim().toLowerCase();
  const url = eq < 0 ? '' : text.slice(eq + 1).trim();
  if (!(service === '*' || SERVICE_ID.test(service)) || url === '') throw new InvalidArgumentError('Expected SERVICE=URL, e.g. dynamodb=http://127.0.0.1:8000.');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidArgumentError(`"${url}" is not a URL.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new InvalidArgumentError(`"${url}" is not an http:// or https:// URL.`);
  return { service, url };
}

/** Endpoints by service; a later --endpoint for the same service replaces the earlier one. */
export function endpointMap(specs: readonly EndpointSpec[] | undefined): Record<string, string> {
  const endpoints: Record<string, string> = {};
  for (const spec of specs ?? []) endpoints[spec.service] = spec.url;
  return endpoints;
}

/** An AWS region name: lower-case words and a number, e.g. us-east-1, eu-central-2, us-gov-west-1. */
export function parseRegion(text: string): string {
  const region = text.trim();
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new InvalidArgumentError('Expected a region such as us-east-1.');
  return region;
}
