// Every command id Triage registers, declared once; a test checks them against package.json.

/** Command ids, `triage.verbNoun`. */
export const CommandIds = {
  showSpend: 'triage.showSpend',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];
