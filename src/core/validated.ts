// The result shape of every settings validator in core: a safe value plus plain-language problems.

/** A settings value after validation: always usable, together with what was wrong with the raw input. */
export interface Validated<T> {
  readonly value: T;
  /** One sentence per problem, each naming the setting, e.g. "triage.pools.coding: 'gpt5' is not provider:model — ignored". */
  readonly problems: readonly string[];
}

/** A short, safe rendering of a raw settings value for a problem message. */
export function describeValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = `'${value}'`;
  else if (value === undefined) text = 'undefined';
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** True for a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
