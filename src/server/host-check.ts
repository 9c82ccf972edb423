// Which names a loopback `asl serve` answers to. The API has no authentication, so a web page must
// not reach it: once the page's own domain resolves to 127.0.0.1 (DNS rebinding), the browser sends
// it requests as same-origin, but they still carry the page's domain as their Host. A client on this
// machine names the server by an IP address or a localhost name, and the SDKs' StartSyncExecution
// adds a `sync-` prefix to that name (`sync-localhost`, `sync-127.0.0.1`).
// The request target may be in absolute form (`POST http://sync-localhost:8083/`): that is what a
// client sends to a proxy, and pointing the AWS CLI's HTTP proxy at the server is how it reaches
// StartSyncExecution without a `sync-localhost` entry in /etc/hosts. The server answers such a
// request itself (it forwards nothing), judging the name in the target as HTTP says a server must.
import { isIP } from 'node:net';
import { ApiError } from './wire.js';

const LOOPBACK_LISTEN = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/i;

/** True when the server listens on loopback only, so only this machine's names are expected. */
export function listensOnLoopback(host: string): boolean {
  return LOOPBACK_LISTEN.test(host);
}

/**
 * The host name a request is addressed to: the authority of an absolute-form target, else the Host
 * header; lower-case, without port, brackets or a trailing dot. Undefined when neither names one.
 */
export function requestedHost(target: string | undefined, hostHeader: string | undefined): string | undefined {
  let authority = hostHeader;
  if (target !== undefined && /^https?:\/\//i.test(target)) {
    try {
      authority = new URL(target).host;
    } catch {
      return undefined;
    }
  }
  if (authority === undefined || authority === '') return undefined;
  const bracketed = /^\[([^\]]+)\](?::\d*)?$/.exec(authority);
  const name = bracketed?.[1] ?? authority.replace(/:\d*$/, '');
  return name.toLowerCase().replace(/\.$/, '');
}

/**
 * Whether a loopback server answers a request addressed to `name`: an IP address, `localhost` or a
 * name under it, each also with the `sync-` prefix of StartSyncExecution; or one of `extraNames`.
 * A request naming no host at all (HTTP/1.0) comes from no browser and is answered.
 */
export function loopbackNameAllowed(name: string | undefined, extraNames: readonly string[] = []): boolean {
  if (name === undefined) return true;
  const bare = name.startsWith('sync-') ? name.slice('sync-'.length) : name;
  if (isIP(bare) !== 0 || bare === 'localhost' || bare.endsWith('.localhost')) return true;
  return extraNames.some((extra) => {
    const wanted = extra.toLowerCase();
    return name === wanted || bare === wanted;
  });
}

/**
 * The server's check of each request's name: throws AWS's AccessDeniedException (403) for a name a
 * loopback server does not answer to; checks nothing when the server listens beyond loopback.
 */
export type HostGuard = (target: string | undefined, hostHeader: string | undefined) => void;

export function hostGuard(listenHost: string, extraNames: readonly string[] = []): HostGuard {
  if (!listensOnLoopback(listenHost)) return () => undefined;
  return (target, hostHeader) => {
    const name = requestedHost(target, hostHeader);
    if (loopbackNameAllowed(name, extraNames)) return;
    throw new ApiError(
      'AccessDeniedException',
      `This server listens on loopback and answers requests addressed to localhost or an IP address, not to '${name ?? ''}' (a web page could reach it under such a name).`,
      403,
    );
  };
}
