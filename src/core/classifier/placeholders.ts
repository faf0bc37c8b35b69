// Tells placeholder and example secrets (`your_api_key`, `${TOKEN}`, `changeme`) from real-looking ones.
//
// Decision (documented for the privacy rule): a concrete literal given as a password, token or key
// counts as a credential even when it is weak or looks like an example (`password: 'mypassword'`,
// `API_KEY: abcdef123`), because the labelled data treats such prompts as `local` and a weak real
// password cannot be told from a made-up one. What does not count is text that only names the slot:
// templates and environment lookups, instructions to replace it, masks and ellipses, and the
// documentation examples providers publish (AWS `AKIAIOSFODNN7EXAMPLE`).

const TEMPLATE = /\$\{[^}]*\}|\{\{[^}]*\}\}|<[^<>]{1,60}>|%[A-Z_]{1,40}%|^\$[A-Za-z_]\w*$|^\$\(|process\.env|os\.environ|getenv|ENV\[|System\.getenv|secrets\.|vars\./;
const INSTRUCTION =
  /your|example|placeholder|changeme|change_me|change-me|changeit|replace|insert|dummy|sample|redacted|xxxx|\*\*\*|\.\.\.|…|todo|fixme|here$|_here|goes_?here|^(?:secret|token|key|apikey|api_key|value|string|null|none|nil|undefined|true|false)$|^sk-(?:proj-|ant-)?x+$|^<|>$/i;
const KNOWN_EXAMPLES = new Set(['AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY']);
const IDENTIFIER_KEYWORDS = /^(?:input|getpass|prompt|read(?:line)?|os|env|process|config|settings|self|this|args|argv|request|req|params|options|opts|props|data|user|form|body|cfg|conf|secrets?|vault|keyring)\b/i;

/** Number of distinct characters, a cheap stand-in for entropy. */
export function distinctChars(value: string): number {
  return new Set(value).size;
}

/** True when a candidate secret is a template, an instruction, a mask or a published example. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  if (KNOWN_EXAMPLES.has(v)) return true;
  if (TEMPLATE.test(v) || INSTRUCTION.test(v)) return true;
  if (/^(.)\1*$/.test(v) || /^[x*.#•_-]+$/i.test(v)) return true;
  return false;
}

/**
 * For values written without quotes after `password =` / `token:`: true when the value reads as
 * code (an identifier, a member access, a call), a plain word or a bare number, not as a secret. Quoted values
 * and values holding a digit or symbol are kept.
 */
export function looksLikeCodeNotSecret(value: string): boolean {
  if (IDENTIFIER_KEYWORDS.test(value)) return true;
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value)) return true;
  if (/^[A-Za-z_]+$/.test(value)) return true;
  if (/^\d+(?:\.\d+)?$/.test(value)) return true;
  return false;
}
