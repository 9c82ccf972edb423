// TRACE for HTTP Tasks: the request the Task sent and the response it got, as TestState's
// inspectionData.request/response show them. The built-in HTTP integration is run over a fetch that
// notes both; nothing else about the Task changes.
import type { JsonObject } from '../core/json.js';
import { createHttpIntegration } from '../integrations/http.js';
import type { Integration } from '../integrations/types.js';
import type { InspectionDataRequest, InspectionDataResponse } from './test-state-types.js';

export interface HttpExchange {
  request?: InspectionDataRequest;
  response?: InspectionDataResponse;
}

/** The HTTP Task integration, noting its last request and response in `exchange`. */
export function recordingHttpIntegration(exchange: HttpExchange, send: typeof fetch = fetch): Integration {
  const recordingFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    const protocol = url.protocol.replace(/:$/, '');
    exchange.request = {
      protocol,
      method: init?.method ?? 'GET',
      url: url.toString(),
      headers: JSON.stringify(headerObject(new Headers(init?.headers))),
      body: typeof init?.body === 'string' ? init.body : '',
    };
    const response = await send(input, init);
    // A clone, so that the integration still reads the body itself.
    const body = await response.clone().text();
    exchange.response = {
      protocol,
      statusCode: String(response.status),
      statusMessage: response.statusText,
      headers: JSON.stringify(headerObject(response.headers)),
      body,
    };
    return response;
  };
  return createHttpIntegration({ fetch: recordingFetch as typeof fetch });
}

function headerObject(headers: Headers): JsonObject {
  const object: JsonObject = {};
  headers.forEach((value, name) => {
    object[name] = value;
  });
  return object;
}
