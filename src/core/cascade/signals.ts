// The signal → action table: what the cascade does after each provider error kind (before output reached the user).

import type { ProviderErrorKind } from '../providerError';

/** The cascade's response to one failed call. */
export type ErrorAction =
  /** Try the next candidate. */
  | 'next'
  /** Remember the model's rate-limit window, then try the next candidate. */
  | 'next-block-model'
  /** Remember the provider as overloaded for a while, then try the next candidate. */
  | 'next-block-provider'
  /** Skip this provider until its key changes, tell the user once, then try the next candidate. */
  | 'next-skip-provider'
  /** Prefer candidates with a larger known context window, then try the next candidate. */
  | 'next-larger-context'
  /** The user cancelled: stop, never fall back. */
  | 'stop';

/** Action per error kind. `bad-request` moves on: a 400 is usually about one provider's API, not the request. */
export const ERROR_ACTIONS: Readonly<Record<ProviderErrorKind, ErrorAction>> = {
  'rate-limit': 'next-block-model',
  overloaded: 'next-block-provider',
  timeout: 'next',
  unavailable: 'next',
  'not-found': 'next',
  'context-too-long': 'next-larger-context',
  malformed: 'next',
  'bad-request': 'next',
  auth: 'next-skip-provider',
  cancelled: 'stop',
};
