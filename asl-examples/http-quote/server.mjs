// A stand-in quote service on 127.0.0.1, so that the http:invoke example needs no internet:
//
//   node asl-examples/http-quote/server.mjs          # http://127.0.0.1:8787/quotes
//   PORT=9000 node asl-examples/http-quote/server.mjs
//
// POST /quotes {"sku", "quantity"} answers {"sku", "quantity", "price", "currency"}. The examples
// test starts it on a free port and points the input's URL there.
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

/** The port input.json's URL names. */
export const DEFAULT_PORT = 8787;

const UNIT_PRICES = { 'BOOK-1': 12, 'PEN-7': 1.5 };

function answer(response, status, body) {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Starts the service; resolves to its URL and a close() that stops it. */
export function startServer(port = DEFAULT_PORT) {
  const server = createServer((request, response) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || !request.url.startsWith('/quotes')) return answer(response, 404, { message: 'Not Found' });
      let order;
      try {
        order = JSON.parse(text);
      } catch {
        return answer(response, 400, { message: 'The body must be JSON' });
      }
      const unit = UNIT_PRICES[order.sku];
      if (unit === undefined) return answer(response, 404, { message: `No price for ${order.sku}` });
      return answer(response, 200, { sku: order.sku, quantity: order.quantity, price: unit * order.quantity, currency: 'EUR' });
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address();
      resolve({ url: `http://127.0.0.1:${bound}/quotes`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { url } = await startServer(Number(process.env.PORT ?? DEFAULT_PORT));
  console.log(`quote service listening on ${url} (Ctrl-C stops it)`);
}
