// Remembers providers whose key is missing or was rejected (and single models that refused Triage), so they are
// skipped and the user is told once.

/**
 * Providers known to fail authentication. A provider stays skipped until `forgive` (the key changed),
 * and `shouldTell` answers true only the first time for each provider.
 */
export class ProviderGate {
  private readonly rejected = new Set<string>();
  private readonly told = new Set<string>();

  /** Marks a provider's key as missing or rejected. */
  reject(providerId: string): void {
    this.rejected.add(providerId);
  }

  /** Marks one model (`provider:model`) as refusing Triage: no permission, blocked, or gone (a `vscode-lm` model). */
  rejectModel(providerId: string, modelKey: string): void {
    this.rejected.add(modelGateKey(providerId, modelKey));
  }

  /** True when calls to this provider are known to fail authentication. */
  isRejected(providerId: string): boolean {
    return this.rejected.has(providerId);
  }

  /** True when this model refused Triage before (and the provider has not been forgiven since). */
  isModelRejected(providerId: string, modelKey: string): boolean {
    return this.rejected.has(modelGateKey(providerId, modelKey));
  }

  /** `shouldTell` for one model. */
  shouldTellModel(providerId: string, modelKey: string): boolean {
    return this.shouldTell(modelGateKey(providerId, modelKey));
  }

  /** True the first time it is asked about a provider since it was last forgiven. */
  shouldTell(providerId: string): boolean {
    if (this.told.has(providerId)) return false;
    this.told.add(providerId);
    return true;
  }

  /** The user set a new key (or the models on offer changed): try this provider and its models again, tell again if they fail. */
  forgive(providerId: string): void {
    const prefix = modelGateKey(providerId, '');
    for (const set of [this.rejected, this.told]) {
      set.delete(providerId);
      for (const key of [...set]) if (key.startsWith(prefix)) set.delete(key);
    }
  }
}

/** Model entries sit apart from provider ids (which never hold a space). */
function modelGateKey(providerId: string, modelKey: string): string {
  return `${providerId} model ${modelKey}`;
}
