// The typed messages between the host and its webviews (chat view, spend panel). Imported by both bundles.

/** Messages a webview sends to the host. The host validates each one before acting on it. */
export type ViewToHost = { readonly type: 'ready' };

/** Messages the host sends to a webview. */
export type HostToView = { readonly type: 'snapshot'; readonly todaySpendMicros: number };

/** Narrows an unknown posted value to a well-formed ViewToHost message, or undefined. */
export function parseViewToHost(value: unknown): ViewToHost | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const type = (value as { type?: unknown }).type;
  switch (type) {
    case 'ready':
      return { type };
    default:
      return undefined;
  }
}
