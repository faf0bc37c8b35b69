// Every command id Triage registers, declared once; a test checks them against package.json.

/** Command ids, `triage.verbNoun`. */
export const CommandIds = {
  editSelection: 'triage.editSelection',
  reviewSelection: 'triage.reviewSelection',
  clearReview: 'triage.clearReview',
  acceptEdit: 'triage.acceptEdit',
  rejectEdit: 'triage.rejectEdit',
  cancelRequest: 'triage.cancelRequest',
  openChat: 'triage.openChat',
  showSpend: 'triage.showSpend',
  exportLedger: 'triage.exportLedger',
  setApiKey: 'triage.setApiKey',
  clearApiKey: 'triage.clearApiKey',
  checkOllama: 'triage.checkOllama',
  showPools: 'triage.showPools',
  resetLearning: 'triage.resetLearning',
  showLog: 'triage.showLog',
  clearCache: 'triage.clearCache',
  endExperiment: 'triage.endExperiment',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];
