// `asl run --history FILE`: the history is written as it happens, one event at a time, instead of
// being kept in memory and written at the end. An Express run with no transition limit can record
// millions of events; kept, they grow memory without bound and, joined, pass the longest string
// V8 can build. Streamed, memory stays flat, every event reaches the file, and a run stopped by
// Ctrl-C leaves a complete file too. The file is the same JSON array as before.
import { toAwsHistoryEvent } from '../index.js';
import type { HistoryEvent } from '../index.js';
import type { FileSink, Io } from './io.js';

export class HistoryFile {
  private count = 0;
  /** The first write error: later events are dropped, and close() reports it. */
  private failure: unknown;

  private constructor(private readonly sink: FileSink) {}

  /** Creates (or replaces) the file; rejects when it cannot be opened, before anything runs. */
  static async open(io: Io, path: string): Promise<HistoryFile> {
    return new HistoryFile(await io.createFile(path));
  }

  /** Appends one event. Never throws: it runs inside the execution's event fan-out. */
  add(event: HistoryEvent): void {
    if (this.failure !== undefined) return;
    try {
      // The same layout as JSON.stringify(events, null, 2): each event indented by two spaces
      // (JSON text has no raw line breaks inside strings, so indenting every line is safe).
      const text = JSON.stringify(toAwsHistoryEvent(event), null, 2).replace(/\n/g, '\n  ');
      this.sink.write(`${this.count === 0 ? '[\n  ' : ',\n  '}${text}`);
      this.count++;
    } catch (error) {
      this.failure = error;
    }
  }

  /** Ends the array and closes the file; resolves to the write error, if there was one. */
  async close(): Promise<unknown> {
    try {
      if (this.failure === undefined) this.sink.write(this.count === 0 ? '[]\n' : '\n]\n');
    } catch (error) {
      this.failure = error;
    }
    try {
      await this.sink.close();
    } catch (error) {
      this.failure ??= error;
    }
    return this.failure;
  }
}
