// `asl run`'s progress line for Distributed Maps, drawn on standard error when it is a terminal:
// children done of all, failures, rate and time left, redrawn at most ten times a second in place,
// and left standing when the Map Run ends. Quiet anywhere else (a pipe, a file, CI logs).
import type { MapRunProgress } from '../index.js';
import type { Io } from './io.js';

/** Real milliseconds between two drawings of a running Map Run's line. */
const REDRAW_MS = 100;

/** The listener to give StateMachineOptions.onMapRunProgress; `now` reads real milliseconds. */
export function mapRunProgressLine(io: Io, now: () => number): (progress: MapRunProgress) => void {
  const startedAt = new Map<string, number>();
  let lastDrawn = -Infinity;
  return (progress) => {
    const at = now();
    const began = startedAt.get(progress.mapRunArn) ?? at;
    startedAt.set(progress.mapRunArn, began);
    if (!progress.done && at - lastDrawn < REDRAW_MS) return;
    lastDrawn = at;
    // Erase the line and draw it again from its start; the last one stays.
    io.stderr(`\r\u001b[2K${describeProgress(progress, (at - began) / 1000)}${progress.done ? '\n' : ''}`);
    if (progress.done) {
      startedAt.delete(progress.mapRunArn);
      lastDrawn = -Infinity;
    }
  };
}

/** "Map Run Export: 1,200/10,000 items, 3 failed, 4,500/s, 2 s left". */
export function describeProgress(progress: MapRunProgress, seconds: number): string {
  const ended = progress.succeeded + progress.failed;
  const unit = progress.batched ? 'batches' : 'items';
  const parts = [`Map Run ${progress.stateName}: ${count(ended)}/${count(progress.total)} ${unit}`];
  if (progress.failed > 0) parts.push(`${count(progress.failed)} failed`);
  const rate = seconds > 0 ? ended / seconds : 0;
  if (rate > 0) parts.push(`${count(Math.round(rate))}/s`);
  if (progress.done) parts.push(`done in ${duration(seconds)}`);
  else if (rate > 0) parts.push(`${duration((progress.total - ended) / rate)} left`);
  return parts.join(', ');
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}
