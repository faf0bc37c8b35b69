// Licence of each training source group, and which ones a shipped (derived) model may be trained on.

/**
 * Licence per source group (see bench/data/README.md "Sources" and bench/data/train/*.md). `shippable` is false for
 * non-commercial data (CC BY-NC 4.0) and for data that states no licence: a model derived from them is not shipped.
 */
export const SOURCE_LICENCES: Readonly<Record<string, { readonly licence: string; readonly shippable: boolean }>> = {
  codealpaca: { licence: 'CC BY-NC 4.0 (DATA_LICENSE)', shippable: false },
  'wizardlm-testset': { licence: 'CC BY-NC 4.0', shippable: false },
  mbpp: { licence: 'CC BY-NC 4.0 (WizardCoder copy)', shippable: false },
  'kochatgpt-ppo': { licence: 'none stated', shippable: false },
  oasst1: { licence: 'MIT (octopack)', shippable: true },
  bbh: { licence: 'MIT', shippable: true },
  'aqua-rat-test': { licence: 'Apache-2.0', shippable: true },
  'kmwps-test': { licence: 'MIT', shippable: true },
  'system-design-primer': { licence: 'CC BY 4.0', shippable: true },
  'triage-authored': { licence: 'written here (MIT, this repository)', shippable: true },
};

/** Written styles (`w-*` groups) are written here; selections quote MIT/BSD/Apache files named in their provenance. */
export function licenceOf(group: string): { readonly licence: string; readonly shippable: boolean } | undefined {
  if (group.startsWith('w-')) return { licence: 'written here (MIT); quoted code MIT/BSD-3-Clause/Apache-2.0 per provenance', shippable: true };
  return SOURCE_LICENCES[group];
}

/** True when a model trained on this group may be shipped; an unknown group is not. */
export function isShippable(group: string): boolean {
  return licenceOf(group)?.shippable === true;
}
