// A file written in pieces with synchronous writes, batched: what --history streams into. Writes
// are synchronous so that the data cannot pile up in a stream's buffer faster than the disk takes
// it (an execution that never waits would otherwise outrun the disk and grow memory again).
import { closeSync, openSync, writeSync } from 'node:fs';
import type { FileSink } from './io.js';

/** Text is gathered up to this many characters before each write: one system call per batch. */
const BATCH_CHARS = 64 * 1024;

/** Opens (creating or truncating) the file; throws like fs.openSync (ENOENT, EACCES, EISDIR). */
export function openFileSink(path: string): FileSink {
  const fd = openSync(path, 'w');
  let batch: string[] = [];
  let size = 0;
  let closed = false;
  const flush = (): void => {
    if (batch.length === 0) return;
    const text = batch.join('');
    batch = [];
    size = 0;
    // A pipe or a terminal (--history /dev/stdout) may take part of a write: write the rest.
    const bytes = Buffer.from(text, 'utf8');
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
  };
  return {
    write(text) {
      if (closed) throw new Error('the file is already closed');
      batch.push(text);
      size += text.length;
      if (size >= BATCH_CHARS) flush();
    },
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        flush();
      } finally {
        closeSync(fd);
      }
    },
  };
}
