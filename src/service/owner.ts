// Who holds a store: this process, told apart from a crashed holder by its pid on the same host.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { uuidV4 } from '../core/ids.js';
import { freshSeed, SeededRandom } from '../core/random.js';
import type { StoreOwner } from '../store/types.js';

export function engineOwner(): StoreOwner {
  return { id: uuidV4(new SeededRandom(freshSeed())), pid: process.pid, host: hostname() };
}

/** A holder on another host cannot be checked from here: it counts as alive. */
export function isProcessAlive(pid: number, host: string): boolean {
  if (host !== hostname()) return true;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/** A killed process nobody has reaped yet still answers kill(pid, 0); Linux shows it as state Z. */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}
