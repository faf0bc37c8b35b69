// Remembers providers whose key is missing or was rejected, so they are skipped and the user is told once.

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

  /** True when calls to this provider are known to fail authentication. */
  isRejected(providerId: string): boolean {
    return this.rejected.has(providerId);
  }

  /** True the first time it is asked about a provider since it was last forgiven. */
  shouldTell(providerId: string): boolean {
    if (this.told.has(providerId)) return false;
    this.told.add(providerId);
    return true;
  }

  /** The user set a new key: try this provider again and tell again if it fails. */
  forgive(providerId: string): void {
    this.rejected.delete(providerId);
    this.told.delete(providerId);
  }
}
