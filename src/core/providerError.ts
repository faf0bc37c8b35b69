// The one error type every provider adapter reports; the cascade decides from `kind` alone.

/** Why a provider call failed, normalised from HTTP status and SDK error class. */
export type ProviderErrorKind =
  | 'rate-limit'
  | 'overloaded'
  | 'timeout'
  | 'auth'
  | 'bad-request'
  | 'context-too-long'
  | 'not-found'
  | 'unavailable'
  | 'cancelled'
  | 'malformed';

/** A provider failure in core's terms. `cause` keeps the SDK error for logs; never shown raw. */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly options: {
      /** When the provider said to come back, in ms from now. */
      readonly retryAfterMs?: number;
      /** HTTP status when there was a response. */
      readonly status?: number;
      /**
       * `model`: an `auth` or `not-found` failure that concerns this model alone (a model another extension offers
       * through `vscode.lm`: the user denied access, the vendor blocked Triage, or it is gone); it is remembered for
       * the model, not the whole provider, like a missing key.
       */
      readonly scope?: 'model';
      /**
       * `context-too-long`: the context in tokens the prompt was found not to fit, when the provider tells (Ollama's
       * `num_ctx` when it cut the prompt): the prompt is longer than this, whatever the estimate said.
       */
      readonly contextTokens?: number;
      /** `context-too-long`: the prompt's own token count, when the provider counted it (llama-server's refusal). */
      readonly promptTokens?: number;
      readonly cause?: unknown;
    } = {},
  ) {
    super(message);
  }

  get retryAfterMs(): number | undefined {
    return this.options.retryAfterMs;
  }

  get status(): number | undefined {
    return this.options.status;
  }
}

/** True for a ProviderError (also across bundles, where `instanceof` may fail). */
export function isProviderError(value: unknown): value is ProviderError {
  return (
    value instanceof ProviderError ||
    (typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'ProviderError' && 'kind' in value)
  );
}
