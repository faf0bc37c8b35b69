// What a failed `vscode.lm` request means for the cascade: LanguageModelError codes (and Copilot's named errors) as
// ProviderErrors, judged by code and name, never by message text. No `vscode` import, so it is unit-tested in Node.
import { ProviderError } from '../../core/providerError';

/** Copilot's quota is a month's premium requests: skip its premium model for an hour rather than try it on every request. */
const QUOTA_WAIT_MS = 60 * 60_000;

/**
 * The ProviderError for an error thrown by `selectChatModels`, `sendRequest` or the response stream of `model`
 * (`vendor/family`, as the user wrote it). `aborted`: Triage's own signal fired, so it is a cancel whatever was thrown.
 *
 * - `NoPermissions` (the user declined the consent dialog, or revoked access) and `NotFound` (the model is gone) are
 *   remembered for the model like a missing key: skipped until the models on offer or the settings change, so the
 *   consent dialog is not shown again and again.
 * - `Blocked` is Copilot's "blocked due to making too many requests, try again later": a rate limit of that model.
 * - Copilot's `ChatQuotaExceeded` (premium requests used up) and `ChatRateLimited` errors are rate limits too.
 * - Anything else (the vendor's own failure, a filtered answer) moves on to the next model.
 */
export function lmProviderError(error: unknown, model: string, aborted: boolean): ProviderError {
  const { code, name } = errorFields(error);
  if (aborted || name === 'Canceled' || code === 'Canceled') return new ProviderError('cancelled', 'Cancelled.', { cause: error });
  switch (code) {
    case 'NoPermissions':
      return new ProviderError('auth', `${model} did not let Triage use it (no permission: access was declined or withdrawn).`, { scope: 'model', cause: error });
    case 'NotFound':
      return new ProviderError('not-found', `${model} is not offered by any installed extension.`, { scope: 'model', cause: error });
    case 'Blocked':
      return new ProviderError('rate-limit', `${model} blocked Triage for now (too many requests).`, { cause: error });
  }
  if (name === 'ChatQuotaExceeded') return new ProviderError('rate-limit', `${model}: the subscription's quota is used up.`, { retryAfterMs: QUOTA_WAIT_MS, cause: error });
  if (name === 'ChatRateLimited') return new ProviderError('rate-limit', `${model} is rate limited.`, { cause: error });
  return new ProviderError('unavailable', `${model} failed (${code || name || 'no reason given'}).`, { cause: error });
}

function errorFields(error: unknown): { code: string; name: string } {
  if (typeof error !== 'object' || error === null) return { code: '', name: '' };
  const { code, name } = error as { code?: unknown; name?: unknown };
  return { code: typeof code === 'string' ? code : '', name: typeof name === 'string' ? name : '' };
}
