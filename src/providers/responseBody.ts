// Small helpers for the fetch wrappers that hold a response body to a rule (stream checks, timeouts).

/** The same response (status, headers) with its body replaced by `body`, a wrapper around the original. */
export function withBody(response: Response, body: ReadableStream<Uint8Array>): Response {
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** True for a server-sent-events body (`text/event-stream`). */
export function isEventStream(response: Response): boolean {
  return response.headers.get('content-type')?.includes('text/event-stream') ?? false;
}
