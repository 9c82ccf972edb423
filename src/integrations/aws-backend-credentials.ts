// Task `Credentials: {RoleArn}` on the aws backend: the call runs with the temporary credentials of
// an STS AssumeRole, fetched once per role and reused until shortly before they expire (AssumeRole
// is rate-limited, and a Map of 1,000 items must not assume the same role 1,000 times).

/** Credentials as the AWS SDK v3 takes them. */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/** Calls STS AssumeRole with the backend's own (base) credentials and returns the raw output. */
export type AssumeRole = (input: { RoleArn: string; RoleSessionName: string }) => Promise<unknown>;

/** Refresh this long before expiry, as the SDK's own providers do. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** The session name CloudTrail shows for calls a state machine makes on a role. */
export const ROLE_SESSION_NAME = 'asl-engine';

/** Role ARN → a promise of that role's current credentials, shared by every client and call. */
export function createRoleCredentials(assumeRole: AssumeRole, now: () => number): (roleArn: string) => Promise<AwsCredentials> {
  const cache = new Map<string, Promise<AwsCredentials>>();
  const fresh = new Map<string, AwsCredentials>();
  return (roleArn) => {
    const known = fresh.get(roleArn);
    const cached = cache.get(roleArn);
    if (cached !== undefined && (known === undefined || !expiresSoon(known, now()))) return cached;
    const pending = assumeRole({ RoleArn: roleArn, RoleSessionName: ROLE_SESSION_NAME }).then((output) => {
      const credentials = fromAssumeRoleOutput(roleArn, output);
      fresh.set(roleArn, credentials);
      return credentials;
    });
    // A failure is not cached: the next task tries again (the role's trust policy may be fixed meanwhile).
    pending.catch(() => {
      if (cache.get(roleArn) === pending) cache.delete(roleArn);
    });
    fresh.delete(roleArn);
    cache.set(roleArn, pending);
    return pending;
  };
}

function expiresSoon(credentials: AwsCredentials, nowMs: number): boolean {
  return credentials.expiration !== undefined && credentials.expiration.getTime() - REFRESH_MARGIN_MS <= nowMs;
}

function fromAssumeRoleOutput(roleArn: string, output: unknown): AwsCredentials {
  const raw = typeof output === 'object' && output !== null ? (output as { Credentials?: unknown }).Credentials : undefined;
  const c = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const { AccessKeyId: accessKeyId, SecretAccessKey: secretAccessKey, SessionToken: sessionToken, Expiration: expiration } = c;
  if (typeof accessKeyId !== 'string' || typeof secretAccessKey !== 'string') {
    throw new Error(`STS AssumeRole for ${roleArn} returned no credentials`);
  }
  return {
    accessKeyId,
    secretAccessKey,
    ...(typeof sessionToken === 'string' ? { sessionToken } : {}),
    ...(expiration instanceof Date ? { expiration } : {}),
  };
}
