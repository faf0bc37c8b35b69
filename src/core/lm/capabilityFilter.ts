// Capabilities route too: a request with tools goes only to models that call tools, one with an image only to models
// that take images; when none in the chain can, the caller is told so instead of the request being sent.
import type { ModelInfo } from '../pools/poolsConfig';
import type { ModelCapabilities } from './lmModelList';

/** What a request needs beyond text. */
export interface RequestNeeds {
  readonly tools: boolean;
  readonly images: boolean;
}

export type CapabilityChoice =
  | { readonly ok: true; readonly refs: readonly string[]; readonly skipped: readonly string[] }
  | { readonly ok: false; readonly message: string };

/** A model's capabilities as its `triage.models` facts state them; no facts: undefined (counts as "cannot"). */
export function capabilitiesOf(info: ModelInfo | undefined): ModelCapabilities | undefined {
  if (!info) return undefined;
  return { ...(info.tools === undefined ? {} : { toolCalling: info.tools }), ...(info.images === undefined ? {} : { imageInput: info.images }) };
}

/** Why a model cannot take a request, or undefined when it can. */
export function missingCapability(needs: RequestNeeds, capabilities: ModelCapabilities | undefined): string | undefined {
  const missing = [
    needs.tools && capabilities?.toolCalling !== true ? 'does not call tools' : '',
    needs.images && capabilities?.imageInput !== true ? 'takes no images' : '',
  ].filter(Boolean);
  return missing.length > 0 ? missing.join(', ') : undefined;
}

/** Keeps the chain's order; `skipped` names the models passed over, for the reason shown with the answer. */
export function filterByCapability(
  chain: readonly string[],
  needs: RequestNeeds,
  capabilities: (ref: string) => ModelCapabilities | undefined,
): CapabilityChoice {
  const fits = (ref: string): boolean => missingCapability(needs, capabilities(ref)) === undefined;
  const refs = chain.filter(fits);
  if (refs.length > 0) return { ok: true, refs, skipped: chain.filter((r) => !fits(r)) };
  const what = [needs.tools ? 'call tools' : '', needs.images ? 'take images' : ''].filter(Boolean).join(' and ');
  return {
    ok: false,
    message: `No model this request can reach is known to ${what} (tried ${chain.join(', ')}). Add one to the pools, or mark it in triage.models.`,
  };
}
