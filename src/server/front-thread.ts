// `asl serve`'s HTTP runs on a thread of its own: node:http's parsing, the sockets and the writing of
// answers take about 40% of a StartExecution's CPU, and on the engine's thread they delayed every
// call behind the others' I/O. The front thread reads each request (up to the body limit) and hands
// it over; the engine's thread answers (server.ts) and hands the answer back. Both sides send what a
// turn of their event loop gathered as one message, so a burst of fifty calls costs two messages,
// not a hundred. Measured with bench:serve on the project's 2-core machine, side by side with the
// server on one thread (12 rounds each): StartExecution p99 median 20.3 -> 14.4 ms, executions/s
// 4,800 -> 5,500, CPU per call (both threads) 0.24 -> 0.20 ms.
//
// The thread's code is CommonJS handed to the Worker as text (eval), as the checkpointer's is
// (sqlite-checkpointer.ts): no file of its own, so the bundled CLI and the tests need nothing beside
// it. It only moves bytes: every rule (host names, methods, targets, JSON, limits' errors) is judged
// on the engine's thread, where it is typed and tested.
import { Worker } from 'node:worker_threads';
import { onNextTurn } from '../core/clock.js';

/** A request as the front thread read it. */
export interface ForwardedRequest {
  readonly method: string;
  /** The request target (an absolute-form one names the host: host-check.ts). */
  readonly url: string;
  readonly hostHeader: string | undefined;
  readonly target: string | undefined;
  /** The body as text; undefined when it was over the limit (and not read: the connection then closes after the answer). */
  readonly body: string | undefined;
}

export interface ForwardedAnswer {
  readonly status: number;
  readonly requestId: string;
  readonly text: string;
  /** AWS's `x-amzn-ErrorType` header, for an error. */
  readonly errorType?: string;
}

export interface FrontThreadOptions {
  readonly host: string;
  readonly port: number;
  readonly maxBodyBytes: number;
  /** Answers one request; must not reject (an error is an answer). */
  readonly answer: (request: ForwardedRequest) => Promise<ForwardedAnswer>;
  /** The thread failed after it started listening: the server no longer answers. */
  readonly onError: (error: Error) => void;
}

export interface FrontThread {
  readonly port: number;
  /** Stops accepting connections, ends each one after its answer and resolves once all are closed and the thread is gone. */
  close(): Promise<void>;
}

/** [id, method, url, Host header, X-Amz-Target header, body or null when over the limit] */
type RequestRow = [number, string, string, string | null, string | null, string | null];
/** [id, status, request id, text, x-amzn-ErrorType or null] */
type AnswerRow = [number, number, string, string, string | null];
type Control = { readonly listening: number } | { readonly listenError: string; readonly code?: string } | { readonly closed: true };

const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createServer } = require('node:http');
const { Server } = require('node:net');
const { maxBodyBytes } = workerData;
// By a key of their own: a dictionary object, not a Map, for entries that come and go (src/core/live-table.ts).
// The requests handed over and not answered yet: an answered one leaves at once, as a response
// queued behind another on a pipelining connection never emits 'close' when its client leaves.
const responses = Object.create(null);
// The open connections, so that close() can end those with nothing left to answer.
const sockets = Object.create(null);
let nextSocket = 0;
let nextId = 0;
let closing = false;
let outbox = [];
let scheduled = false;
function flush() {
  scheduled = false;
  const batch = outbox;
  outbox = [];
  parentPort.postMessage(batch);
}
function forward(row) {
  outbox.push(row);
  if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
}
function header(request, name) {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value === undefined ? null : value;
}
const server = createServer((request, response) => {
  const id = nextId++;
  const key = '#' + id;
  const row = (body) => {
    responses[key] = response;
    return [id, request.method || '', request.url || '', header(request, 'host'), header(request, 'x-amz-target'), body];
  };
  // A response closed before its answer came (its client left) leaves the table too.
  response.on('close', () => delete responses[key]);
  // A client gone mid-body: nothing to answer, and its 'close' has tidied up.
  request.on('error', () => undefined);
  if (Number(header(request, 'content-length') || 0) > maxBodyBytes) return forward(row(null));
  const chunks = [];
  let size = 0;
  let over = false;
  request.on('data', (chunk) => {
    size += chunk.length;
    if (size <= maxBodyBytes) return void chunks.push(chunk);
    over = true;
    request.removeAllListeners('data');
    request.pause();
    forward(row(null));
  });
  request.on('end', () => {
    if (!over) forward(row(Buffer.concat(chunks).toString('utf8')));
  });
});
parentPort.on('message', (message) => {
  if (!Array.isArray(message)) return close();
  for (const [id, status, requestId, text, errorType] of message) {
    const response = responses['#' + id];
    delete responses['#' + id];
    if (response === undefined || response.headersSent) continue;
    const headers = { 'Content-Type': 'application/x-amz-json-1.0', 'Content-Length': Buffer.byteLength(text), 'x-amzn-RequestId': requestId };
    if (errorType !== null) headers['x-amzn-ErrorType'] = errorType;
    // The answer ends the connection when the body was not read whole, or when the server is closing.
    if (closing || !response.req.complete) headers['Connection'] = 'close';
    response.writeHead(status, headers);
    response.end(text);
  }
});
function close() {
  closing = true;
  // Requests still being answered end their connection with their answer.
  const answering = new Set();
  for (const key in responses) {
    if (!responses[key].headersSent) responses[key].setHeader('Connection', 'close');
    answering.add(responses[key].req.socket);
  }
  // net's close, not http's: that one also runs closeIdleConnections(), which destroys a connection
  // whose answer is written but not flushed yet (the client loses the rest of it).
  Server.prototype.close.call(server, () => {
    parentPort.postMessage({ closed: true });
    parentPort.close();
  });
  // Every other connection ends now, once what was written to it has gone out: one that sent
  // nothing or half a request would otherwise hold close() until its client left, as Node no longer
  // times connections out once its server closes.
  for (const key in sockets) {
    const socket = sockets[key];
    if (!answering.has(socket)) socket.end(() => socket.destroy());
  }
}
server.on('connection', (socket) => {
  const key = '#' + nextSocket++;
  sockets[key] = socket;
  socket.once('close', () => delete sockets[key]);
});
const listenFailed = (error) => parentPort.postMessage({ listenError: error.message, code: error.code });
server.once('error', listenFailed);
server.listen(workerData.port, workerData.host, () => {
  server.off('error', listenFailed);
  // Once listening, an error is one accept's (EMFILE: too many open files): say so and go on serving.
  server.on('error', (error) => process.stderr.write('asl serve: ' + error.message + '\\n'));
  parentPort.postMessage({ listening: server.address().port });
});
`;

/** Starts the front thread listening on host:port; rejects as server.listen would (EADDRINUSE, ...). */
export function startFrontThread(options: FrontThreadOptions): Promise<FrontThread> {
  const worker = new Worker(THREAD_SOURCE, { eval: true, workerData: { host: options.host, port: options.port, maxBodyBytes: options.maxBodyBytes } });
  let outbox: AnswerRow[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    const batch = outbox;
    outbox = [];
    worker.postMessage(batch);
  };
  const send = (id: number, answer: ForwardedAnswer): void => {
    outbox.push([id, answer.status, answer.requestId, answer.text, answer.errorType ?? null]);
    if (scheduled) return;
    scheduled = true;
    onNextTurn(flush);
  };
  let listening: ((port: number) => void) | undefined;
  let failed: ((error: Error) => void) | undefined;
  let closed: (() => void) | undefined;
  const gone = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('message', (message: RequestRow[] | Control) => {
    if (Array.isArray(message)) {
      for (const [id, method, url, hostHeader, target, body] of message) {
        void options.answer({ method, url, hostHeader: hostHeader ?? undefined, target: target ?? undefined, body: body ?? undefined }).then((answer) => send(id, answer));
      }
    } else if ('listening' in message) listening?.(message.listening);
    else if ('listenError' in message) failed?.(Object.assign(new Error(message.listenError), { code: message.code }));
    else closed?.();
  });
  worker.on('error', (error) => {
    if (failed !== undefined) failed(error);
    else options.onError(error);
  });
  return new Promise<FrontThread>((resolve, reject) => {
    failed = (error) => {
      failed = undefined;
      void worker.terminate();
      reject(error);
    };
    listening = (port) => {
      failed = undefined;
      resolve({
        port,
        close: async () => {
          const done = new Promise<void>((resolveClosed) => (closed = resolveClosed));
          worker.postMessage('close');
          await Promise.race([done, gone]);
          await gone;
        },
      });
    };
  });
}
