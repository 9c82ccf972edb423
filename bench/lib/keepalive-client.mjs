// bench:serve's load client: keep-alive HTTP/1.1 connections on node:net, one call in flight per
// connection, requests written as one string and answers framed by Content-Length (what `asl serve`
// always sends). It exists because the client shares this 2-core machine with the server it
// measures: node:http's client spends ~0.2-0.3 ms of CPU per call here (undici's Pool about the
// same), this one 0.05-0.1 ms, so more of the machine is left to the server. It speaks only to
// servers that answer with Content-Length and no chunked bodies; `--client node-http` uses node:http.
import { connect } from 'node:net';

/** A pool of `size` connections to `url`; call() takes a free one (or waits for one). */
export function keepAliveClient(url, size) {
  const free = [];
  const waiting = [];
  const all = [];
  let opened = 0;

  const open = () =>
    new Promise((resolve, reject) => {
      const socket = connect({ host: url.hostname, port: Number(url.port), noDelay: true });
      socket.once('connect', () => resolve(connection(socket, `${url.hostname}:${url.port}`)));
      socket.once('error', reject);
    });

  async function take() {
    const idle = free.pop();
    if (idle !== undefined) return idle;
    if (opened < size) {
      opened++;
      const made = await open();
      all.push(made);
      return made;
    }
    return new Promise((resolve) => waiting.push(resolve));
  }

  function give(conn) {
    const next = waiting.shift();
    if (next !== undefined) next(conn);
    else free.push(conn);
  }

  async function call(operation, body) {
    const conn = await take();
    try {
      const { status, text } = await conn.send(operation, JSON.stringify(body));
      if (status !== 200) throw new Error(`${operation}: HTTP ${status} ${text.slice(0, 300)}`);
      return JSON.parse(text);
    } finally {
      give(conn);
    }
  }

  return { call, close: () => all.forEach((conn) => conn.socket.destroy()) };
}

/** One connection: send() writes a request and resolves with the next whole answer. */
function connection(socket, host) {
  let buffered = Buffer.alloc(0);
  let pending;
  socket.on('data', (chunk) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    const headEnd = buffered.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const head = buffered.toString('latin1', 0, headEnd);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1]);
    if (!Number.isInteger(length)) return fail(new Error(`an answer without Content-Length: ${head.slice(0, 200)}`));
    const end = headEnd + 4 + length;
    if (buffered.length < end) return;
    const answer = { status: Number(head.slice(9, 12)), text: buffered.toString('utf8', headEnd + 4, end) };
    buffered = buffered.subarray(end);
    const done = pending;
    pending = undefined;
    done?.resolve(answer);
  });
  const fail = (error) => {
    const done = pending;
    pending = undefined;
    done?.reject(error);
  };
  socket.on('error', fail);
  socket.on('close', () => fail(new Error('the server closed the connection')));
  return {
    socket,
    send(operation, text) {
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        socket.write(
          `POST / HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: AWSStepFunctions.${operation}\r\n` +
            `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
        );
      });
    },
  };
}
