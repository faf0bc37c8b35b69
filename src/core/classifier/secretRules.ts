// Credential patterns, vendored as data from secretlint and gitleaks (both MIT) plus Triage's additions.
//
// Provenance:
// - secretlint: npm @secretlint/secretlint-rule-preset-recommend@10.2.2 (rules aws, gcp, npm, slack, basicauth,
//   openai, linear, privatekey, sendgrid, shopify, github, 1password), MIT, Copyright (c) 2020 azu.
// - gitleaks: github.com/gitleaks/gitleaks config/gitleaks.toml at b58d3f102cf3a2c84cb7f923d05c25c9b1aed84b
//   (rules anthropic-api-key, gitlab-pat, stripe-access-token, gcp-api-key, jwt, huggingface-access-token,
//   digitalocean-pat, pypi-upload-token), MIT, Copyright (c) 2019 Zachary Rice.
// Patterns are transcribed to JavaScript syntax (inline `(?i)` becomes a flag or a character class).
// - triage: rules neither set has in this form (shorter provider keys pasted into prompts, password
//   assignments in code and config, connection strings, bearer headers, passwords stated in prose).

/** One credential rule: where the secret is in a match, and how to tell it from a placeholder. */
export interface SecretRule {
  readonly id: string;
  readonly origin: 'secretlint' | 'gitleaks' | 'triage';
  /** Global regex; `group` (default 0) is the secret itself. */
  readonly pattern: RegExp;
  readonly group?: number;
  /** Lower-case substrings one of which must appear for the rule to run (a cheap prefilter). */
  readonly keywords: readonly string[];
  /** The secret must have at least this many distinct characters (rejects `sk-xxxxxxxx`). */
  readonly minDistinct?: number;
  /** For assignment-style rules: an unquoted value must look like a secret, not an identifier. */
  readonly assignment?: boolean;
}

const KEY_NAME =
  '(?:[A-Za-z_][\\w.-]{0,30})?(?:password|passwd|passwort|pwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|auth[_-]?token|authorization|client[_-]?secret|private[_-]?key|credentials?)[A-Za-z_]{0,12}';
const VALUE = `(?:"([^"\\n\\\\]{4,200})"|'([^'\\n\\\\]{4,200})'|\`([^\`\\n]{4,200})\`|([^\\s"'\`,;(){}\\[\\]<>]{4,200}))`;

/** Words naming what a short "pass"/"pw"/"pin" unlocks, so "the admin pass is …" counts and "the first pass is …" does not. */
const ACCOUNT_WORD = '(?:admin|administrator|root|sudo|user|login|account|db|database|server|wifi|wi-fi|ssh|vpn|ftp|sftp|mail|email|router|master|app|portal|vault|bank|card|phone)';
/** Services whose short `_PASS` / `_PW` keys name a login (`MYSQL_PASS=`, `SMTP_PW:`), beside the account words. */
const SERVICE_WORD = '(?:mysql|postgres|pg|redis|smtp|imap|pop3?|ldap|mongo|rabbitmq|amqp|mq|proxy|git|jenkins|registry|docker|oracle|sql|ftps?)';
/** What may stand between a password word and "is": `the password for the staging db is …` (a few short words). */
const PROSE_FOR = '(?:\\s+(?:for|of|to|on)\\s+(?:(?:the|my|our|this|that)\\s+)?[\\w.-]{1,30}(?:\\s+[\\w.-]{1,30})?)?';

/** The rule list, scanned in order. */
export const SECRET_RULES: readonly SecretRule[] = [
  { id: 'openai-api-key', origin: 'secretlint', pattern: /sk-(?:proj|svcacct|admin)-(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})T3BlbkFJ(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})\b|sk-[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20}/g, keywords: ['sk-'] },
  { id: 'anthropic-api-key', origin: 'gitleaks', pattern: /\bsk-ant-(?:api03|admin01)-[a-zA-Z0-9_-]{93}AA/g, keywords: ['sk-ant-'] },
  { id: 'anthropic-key-fragment', origin: 'triage', pattern: /\bsk-ant-[a-z]+\d*-[A-Za-z0-9_-]{16,}/g, keywords: ['sk-ant-'], minDistinct: 10 },
  { id: 'openai-key-fragment', origin: 'triage', pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g, keywords: ['sk-'], minDistinct: 10 },
  { id: 'aws-access-key-id', origin: 'secretlint', pattern: /(?<![A-Za-z0-9])(?:A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g, keywords: ['a3t', 'akia', 'agpa', 'aida', 'aroa', 'aipa', 'anpa', 'anva', 'asia'], minDistinct: 8 },
  {
    id: 'aws-secret-access-key',
    origin: 'secretlint',
    pattern: /["']?(?:AWS|aws|Aws)?_?(?:SECRET|secret|Secret)_?(?:ACCESS|access|Access)_?(?:KEY|key|Key)["']?\s*(?::|=>|=)\s*["']?([A-Za-z0-9/+=]{40})["']?\b/g,
    group: 1,
    keywords: ['secret'],
    minDistinct: 12,
  },
  { id: 'aws-secret-key-bare', origin: 'triage', pattern: /(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=]))(?=[^\s]*[a-z])(?=[^\s]*[A-Z])(?=[^\s]*\d)[A-Za-z0-9/+=]{40}/g, keywords: ['aws', 'secret'], minDistinct: 20 },
  { id: 'github-token', origin: 'secretlint', pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9_]{36}\b/g, keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], minDistinct: 10 },
  { id: 'github-fine-grained-pat', origin: 'secretlint', pattern: /\bgithub_pat_[A-Za-z0-9_]{82}\b/g, keywords: ['github_pat_'], minDistinct: 10 },
  { id: 'github-x-oauth-basic', origin: 'secretlint', pattern: /https?:\/\/([^\s:@/]{1,256}):x-oauth-basic@github\.com\//g, group: 1, keywords: ['x-oauth-basic'], minDistinct: 8 },
  { id: 'gitlab-pat', origin: 'gitleaks', pattern: /\bglpat-[\w-]{20,}/g, keywords: ['glpat-'], minDistinct: 8 },
  { id: 'slack-token', origin: 'secretlint', pattern: /\b(?:xoxb|xoxp|xapp|xoxa|xoxo|xoxr)-(?:\d-)?(?:[a-zA-Z0-9]{1,40}-)+[a-zA-Z0-9]{1,40}\b/g, keywords: ['xox', 'xapp-'], minDistinct: 8 },
  { id: 'slack-webhook', origin: 'secretlint', pattern: /https:\/\/hooks\.slack\.com\/services\/T[a-zA-Z0-9]{1,40}\/B[a-zA-Z0-9]{1,40}\/[a-zA-Z0-9]{1,40}/gi, keywords: ['hooks.slack.com'], minDistinct: 8 },
  { id: 'stripe-key', origin: 'gitleaks', pattern: /\b(?:sk|rk)_(?:test|live|prod)_[a-zA-Z0-9]{10,99}(?![a-zA-Z0-9])/g, keywords: ['sk_', 'rk_'], minDistinct: 8 },
  { id: 'google-api-key', origin: 'gitleaks', pattern: /\bAIza[\w-]{35}(?![\w-])/g, keywords: ['aiza'], minDistinct: 10 },
  { id: 'npm-access-token', origin: 'secretlint', pattern: /\bnpm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/g, keywords: ['npm_'], minDistinct: 10 },
  { id: 'npmrc-auth-token', origin: 'secretlint', pattern: /_authToken=([^$\s][^\s]*)/g, group: 1, keywords: ['_authtoken'], minDistinct: 6 },
  { id: 'sendgrid-api-key', origin: 'secretlint', pattern: /(?<![A-Za-z])SG\.[\w-]{22}\.[\w-]{43}/g, keywords: ['sg.'], minDistinct: 10 },
  { id: 'shopify-token', origin: 'secretlint', pattern: /\b(?:shppa|shpca|shpat|shpss)_[a-zA-Z0-9]{32,64}(?![a-zA-Z0-9])/g, keywords: ['shp'], minDistinct: 8 },
  { id: 'linear-api-key', origin: 'secretlint', pattern: /\blin_api_[a-zA-Z0-9_]{32,128}\b/g, keywords: ['lin_api_'], minDistinct: 8 },
  { id: '1password-service-token', origin: 'secretlint', pattern: /\bops_ey[A-Za-z0-9+/=]{100,1280}/g, keywords: ['ops_ey'], minDistinct: 10 },
  { id: 'huggingface-token', origin: 'gitleaks', pattern: /\bhf_[A-Za-z]{34}(?![A-Za-z0-9])/g, keywords: ['hf_'], minDistinct: 10 },
  { id: 'digitalocean-pat', origin: 'gitleaks', pattern: /\bdop_v1_[a-f0-9]{64}(?![a-zA-Z0-9])/g, keywords: ['dop_v1_'], minDistinct: 8 },
  { id: 'pypi-token', origin: 'gitleaks', pattern: /\bpypi-AgEIcHlwaS5vcmc[\w-]{50,1000}/g, keywords: ['pypi-'], minDistinct: 10 },
  { id: 'jwt', origin: 'gitleaks', pattern: /\bey[a-zA-Z0-9]{17,}\.ey[a-zA-Z0-9/\\_-]{17,}\.(?:[a-zA-Z0-9/\\_-]{10,}={0,2})?/g, keywords: ['ey'], minDistinct: 12 },
  {
    id: 'private-key',
    origin: 'secretlint',
    pattern: /-----BEGIN\s?((?:DSA|RSA|EC|PGP|OPENSSH|ENCRYPTED|[A-Z]{2,16})?\s?PRIVATE KEY(?:\sBLOCK)?)-----(?:[\s\S]{1,10000}?-----END\s?\1-----|\s*[A-Za-z0-9+/=\s]{40,})/g,
    group: 0,
    keywords: ['private key'],
  },
  {
    id: 'basic-auth-url',
    origin: 'secretlint',
    pattern: /\b(?:https?|ftps?):\/\/[-a-zA-Z0-9_.%]{1,256}:([^\s@/:]{3,256})@[-a-zA-Z0-9%._+~#=]{1,256}\.[a-zA-Z0-9()]{1,6}\b/g,
    group: 1,
    keywords: ['://'],
    assignment: true,
  },
  {
    id: 'connection-string-password',
    origin: 'triage',
    pattern: /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|smtps?|sftp|ldaps?):\/\/[^\s:/@]{0,64}:([^\s@/]{3,128})@[^\s]+/gi,
    group: 1,
    keywords: ['://'],
    assignment: true,
  },
  { id: 'bearer-token', origin: 'triage', pattern: /\b(?:bearer|token)\s+([A-Za-z0-9._~+/-]{16,}=*)/gi, group: 1, keywords: ['bearer', 'token'], minDistinct: 10 },
  {
    id: 'password-assignment',
    origin: 'triage',
    pattern: new RegExp(`(?<![\\w$])["']?${KEY_NAME}["']?\\s{0,3}(?:=|:|=>|:=|\\?=)\\s{0,3}${VALUE}`, 'gi'),
    keywords: ['pass', 'pwd', 'secret', 'token', 'key', 'auth', 'credential'],
    assignment: true,
  },
  {
    id: 'account-pass-assignment',
    origin: 'triage',
    // `DB_PASS=…`, `admin pass: …`: "pass"/"pw" only after an account or service word (`first_pass = 3` is not a login).
    pattern: new RegExp(`(?<![\\w$])["']?(?:[A-Za-z_][\\w.-]{0,30}[_.-])?(?:${ACCOUNT_WORD}|${SERVICE_WORD})[ _.-]?(?:pass|pw)["']?\\s{0,3}(?:=|:|=>|:=|\\?=)\\s{0,3}${VALUE}`, 'gi'),
    keywords: ['pass', 'pw'],
    assignment: true,
  },
  {
    id: 'password-in-prose',
    origin: 'triage',
    // "pass"/"pw"/"pin" alone read as prose ("the first pass is slow"): only after a word naming an account. A last
    // `.,;:)` is the sentence's, not the password's.
    pattern: new RegExp(
      `\\b(?:password|passcode|passwort|passphrase|contraseña|mot de passe|${ACCOUNT_WORD}\\s+(?:pass|pw|pwd|pin))${PROSE_FOR}\\s+(?:is|was|ist|es|est)\\s+["'“]?([^\\s"'”]{3,63}[^\\s"'”.,;:)])|(?:비밀번호|암호)\\s*(?:는|은|:)\\s*["'“]?([^\\s"'”]{4,64})`,
      'gi',
    ),
    keywords: ['pass', 'pw', 'pin', 'contraseña', 'mot de passe', '비밀번호', '암호'],
    assignment: true,
  },
];
