// The one typed handle on the webview host API (`acquireVsCodeApi`), which may be acquired only once per page.

/** What a webview script may do with its host: post typed messages. State lives in the host. */
export interface HostChannel<T> {
  postMessage(message: T): void;
}

declare function acquireVsCodeApi(): HostChannel<unknown>;

/** Acquires the host API once and narrows it to this view's outgoing message type. */
export function connectToHost<T>(): HostChannel<T> {
  return acquireVsCodeApi() as HostChannel<T>;
}
