// The `vscode-lm` provider kind: pool entries naming a model another extension offers through VS Code's language model
// API (Copilot's, or any extension's), written `vscode-lm:<vendor>/<family>`, and the rule that Triage's own are not.

/** The built-in provider id of models reached through `vscode.lm` (no `triage.providers` entry, no key). */
export const VSCODE_LM_PROVIDER = 'vscode-lm';

/** Triage's own vendor in `vscode.lm`: never a pool member, or a request would route back into Triage. */
export const TRIAGE_LM_VENDOR = 'triage';

/**
 * What a `vscode-lm` pool entry selects. `selector` is matched against the models' `family` first (the stable,
 * documented selector of `vscode.lm.selectChatModels`, e.g. Copilot's `gpt-5-mini`), then against their `id`
 * (opaque, vendor-defined; some vendors give each model a family shared by several).
 */
export interface VscodeLmSelector {
  readonly vendor: string;
  readonly selector: string;
}

/** Vendor and family/id: letters, digits and `._-`, as the vendors' contributed names are written. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Parses the model part of `vscode-lm:<vendor>/<family or id>`. Returns the selector, or a sentence saying what is
 * wrong (for the settings problem list). Triage's own vendor is refused: such a model would call Triage again.
 */
export function parseVscodeLmModel(model: string): VscodeLmSelector | string {
  const slash = model.indexOf('/');
  const vendor = slash < 0 ? '' : model.slice(0, slash);
  const selector = slash < 0 ? '' : model.slice(slash + 1);
  if (!NAME.test(vendor) || !NAME.test(selector)) {
    return `a ${VSCODE_LM_PROVIDER} model is written ${VSCODE_LM_PROVIDER}:<vendor>/<family>, e.g. ${VSCODE_LM_PROVIDER}:copilot/gpt-5-mini`;
  }
  if (vendor.toLowerCase() === TRIAGE_LM_VENDOR) {
    return `'${TRIAGE_LM_VENDOR}' is Triage's own vendor: a request would route back into Triage (a loop)`;
  }
  return { vendor, selector };
}

/** True for a `provider:model` key served through `vscode.lm`. */
export function isVscodeLmKey(key: string): boolean {
  return key.startsWith(`${VSCODE_LM_PROVIDER}:`);
}

/**
 * The service a provider-wide memory (overloaded, unreachable, an open circuit) is about: the provider, except that each
 * `vscode-lm` vendor is its own service. Copilot failing says nothing about another extension's models, so it must not
 * take them out of the pools too.
 */
export function serviceOf(ref: { readonly provider: string; readonly model: string }): string {
  if (ref.provider !== VSCODE_LM_PROVIDER) return ref.provider;
  const slash = ref.model.indexOf('/');
  return slash < 0 ? ref.provider : `${ref.provider}:${ref.model.slice(0, slash).toLowerCase()}`;
}
