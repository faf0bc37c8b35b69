// Labelled corpus for the privacy rule: synthesised credentials and identifiers, and placeholders that must pass.
// Secrets are generated from a seeded PRNG at load time (right shape, random body) so no real key is stored.

/** One corpus case: text, and for positives the finding kind expected. */
export interface PrivacyCase {
  readonly name: string;
  readonly text: string;
  readonly expect?: 'credential' | 'personal';
}

let state = 0x2f6b1a3d;
function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function rand(n: number, alphabet = ALNUM): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(random() * alphabet.length)];
  return s;
}
const UPPER_NUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const HEX = '0123456789abcdef';
const B64 = `${ALNUM}+/`;

/** Credentials and personal identifiers that must be found. */
export const POSITIVES: readonly PrivacyCase[] = [
  { name: 'openai project key', text: `const client = new OpenAI({ apiKey: "sk-proj-${rand(74)}T3BlbkFJ${rand(74)}" });`, expect: 'credential' },
  { name: 'openai legacy key', text: `OPENAI_API_KEY=sk-${rand(20)}T3BlbkFJ${rand(20)}`, expect: 'credential' },
  { name: 'openai key fragment in prose', text: `my key sk-proj-${rand(40)} stopped working, why?`, expect: 'credential' },
  { name: 'anthropic key', text: `export ANTHROPIC_API_KEY=sk-ant-api03-${rand(93)}AA`, expect: 'credential' },
  { name: 'anthropic key fragment', text: `client = anthropic.Anthropic(api_key="sk-ant-api03-${rand(32)}")`, expect: 'credential' },
  { name: 'aws access key id', text: `aws_access_key_id = AKIA${rand(16, UPPER_NUM)}`, expect: 'credential' },
  { name: 'aws secret access key', text: `aws_secret_access_key = ${rand(40, B64)}`, expect: 'credential' },
  { name: 'github classic token', text: `git clone https://ghp_${rand(36)}@github.com/acme/app.git`, expect: 'credential' },
  { name: 'github fine-grained pat', text: `GITHUB_TOKEN: github_pat_${rand(82)}`, expect: 'credential' },
  { name: 'github oauth token', text: `token gho_${rand(36)}`, expect: 'credential' },
  { name: 'gitlab pat', text: `curl --header "PRIVATE-TOKEN: glpat-${rand(20)}" https://gitlab.com/api/v4/projects`, expect: 'credential' },
  { name: 'slack bot token', text: `SLACK_BOT_TOKEN=xoxb-${rand(11, '0123456789')}-${rand(12, '0123456789')}-${rand(24)}`, expect: 'credential' },
  { name: 'slack webhook', text: `post to https://hooks.slack.com/services/T${rand(8, UPPER_NUM)}/B${rand(8, UPPER_NUM)}/${rand(24)}`, expect: 'credential' },
  { name: 'stripe live key', text: `stripe.api_key = "sk_live_${rand(24)}"`, expect: 'credential' },
  { name: 'stripe restricted key', text: `STRIPE_KEY=rk_test_${rand(24)}`, expect: 'credential' },
  { name: 'google api key', text: `https://maps.googleapis.com/maps/api/js?key=AIza${rand(35)}&callback=init`, expect: 'credential' },
  { name: 'npm token', text: `//registry.npmjs.org/:_authToken=npm_${rand(36)}`, expect: 'credential' },
  { name: 'npmrc auth token', text: `//npm.acme.dev/:_authToken=${rand(32, HEX)}`, expect: 'credential' },
  { name: 'sendgrid key', text: `SENDGRID_API_KEY='SG.${rand(22)}.${rand(43)}'`, expect: 'credential' },
  { name: 'huggingface token', text: `login(token="hf_${rand(34, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ')}")`, expect: 'credential' },
  { name: 'digitalocean token', text: `DO_TOKEN=dop_v1_${rand(64, HEX)}`, expect: 'credential' },
  { name: 'shopify token', text: `X-Shopify-Access-Token: shpat_${rand(32, HEX)}`, expect: 'credential' },
  { name: 'jwt', text: `Authorization: Bearer eyJ${rand(30)}.eyJ${rand(60)}.${rand(43)}`, expect: 'credential' },
  { name: 'bearer token in header', text: `fetch(url, { headers: { Authorization: "Bearer ${rand(40)}" } })`, expect: 'credential' },
  { name: 'rsa private key', text: `-----BEGIN RSA PRIVATE KEY-----\n${rand(64, B64)}\n${rand(64, B64)}\n-----END RSA PRIVATE KEY-----`, expect: 'credential' },
  { name: 'truncated openssh private key', text: `why does ssh reject this key?\n-----BEGIN OPENSSH PRIVATE KEY-----\n${rand(70, B64)}\n${rand(70, B64)}`, expect: 'credential' },
  { name: 'postgres url', text: `DATABASE_URL=postgres://app:${rand(14)}@db.acme.internal:5432/prod`, expect: 'credential' },
  { name: 'mongodb srv url', text: `mongoose.connect("mongodb+srv://admin:${rand(12)}@cluster0.ab1cd.mongodb.net/shop")`, expect: 'credential' },
  { name: 'basic auth url', text: `requests.get("https://deploy:${rand(12)}@ci.acme.io/api/status")`, expect: 'credential' },
  { name: 'python password assignment', text: `DB_PASSWORD = "${rand(6)}!${rand(5)}"`, expect: 'credential' },
  { name: 'yaml password', text: `database:\n  user: app\n  password: ${rand(5)}9${rand(5)}`, expect: 'credential' },
  { name: 'json password', text: `{ "username": "kim", "password": "${rand(10)}" }`, expect: 'credential' },
  { name: 'weak literal password (documented: counts)', text: `Connect with Server: 'localhost', Username: 'user', Password: 'password'`, expect: 'credential' },
  { name: 'api key given in prompt', text: `API_KEY: ${rand(6, 'abcdef')}123, Movie title: The Matrix`, expect: 'credential' },
  { name: 'password stated in prose', text: `the wifi password is ${rand(5)}7${rand(4)}, write a script that connects`, expect: 'credential' },
  { name: 'korean password in prose', text: `서버 비밀번호는 ${rand(8)}3 입니다. 접속 스크립트 만들어줘`, expect: 'credential' },
  { name: 'client secret in env', text: `AZURE_CLIENT_SECRET=${rand(34)}`, expect: 'credential' },
  { name: 'aws access key id followed by an underscore', text: `const KEY = "AKIA${rand(16, UPPER_NUM)}_prod";`, expect: 'credential' },
  { name: 'aws access key id after an underscore', text: `AWS_KEY_AKIA${rand(16, UPPER_NUM)} = 1`, expect: 'credential' },
  { name: 'stripe key followed by an underscore', text: `key = sk_live_${rand(24)}_old`, expect: 'credential' },
  { name: 'quoted passphrase with spaces', text: 'DB_PASSWORD = "correct horse battery staple"', expect: 'credential' },
  { name: 'single-quoted passphrase with spaces in yaml', text: "db:\n  password: 'violet anchor mosaic 42'", expect: 'credential' },
  { name: 'admin pass in prose', text: `the admin pass is ${rand(6)}4${rand(3)}, can you write the login script?`, expect: 'credential' },
  { name: 'wifi pw in prose', text: `our wifi pw is ${rand(5)}8${rand(4)} — why does the ESP32 not connect?`, expect: 'credential' },
  { name: 'aws key split across concatenation', text: `const id = "AKIA" + "${rand(8, UPPER_NUM)}" + "${rand(8, UPPER_NUM)}";`, expect: 'credential' },
  { name: 'openai key split across concatenation', text: `key = 'sk-proj-' + '${rand(24)}' + '${rand(20)}'`, expect: 'credential' },
  { name: 'password split across concatenation', text: `const dbPassword = "${rand(3)}" + "7${rand(2)}" + "${rand(3)}!";`, expect: 'credential' },
  { name: 'card failing luhn beside a birth date', text: 'Kim Minji, 4539 1488 0343 6468, 1991-04-17, Seoul', expect: 'personal' },
  { name: 'card failing luhn beside a phone', text: 'id,card,phone\n17,5425233430109904,010-4821-7730', expect: 'personal' },
  { name: 'card failing luhn beside an ssn-shaped number', text: 'J. Doe | 3709-960308-24629 | 912-45-6780', expect: 'personal' },
  { name: 'visa card spaced', text: 'refund card 4539 1488 0343 6467 please', expect: 'personal' },
  { name: 'mastercard contiguous', text: 'the order used 5425233430109903 and failed', expect: 'personal' },
  { name: 'amex dashed', text: 'card: 3709-960308-24628', expect: 'personal' },
  { name: 'us ssn', text: 'Employee SSN 512-48-1937 must be masked in the export', expect: 'personal' },
  { name: 'korean rrn', text: '주민등록번호 880415-2739142 를 마스킹하는 정규식', expect: 'personal' },
  { name: 'birth date with phone', text: 'name Kim Minji, born 1991-04-17, phone 010-4821-7730', expect: 'personal' },
  { name: 'dob with international phone', text: 'DOB: 03/11/1985, tel +44 7700 912345, format as JSON', expect: 'personal' },
  { name: 'korean birth date with phone', text: '생년월일 1990년 5월 3일, 연락처 010 2345 6789 인 고객 정보를 표로 만들어줘', expect: 'personal' },
  { name: 'quoted plain-word password in prose', text: 'the wifi password is "sunshine", write the connect script', expect: 'credential' },
  { name: 'db pass in an env file', text: `DB_HOST=10.0.4.21\nDB_USER=ops\nDB_PASS=${rand(6)}@${rand(3)}`, expect: 'credential' },
  { name: 'admin pass given after a colon', text: `the admin pass: ${rand(5)}7${rand(3)} — write the login test`, expect: 'credential' },
  { name: 'smtp pw in yaml', text: `mail:\n  smtp_pw: "${rand(10)}"`, expect: 'credential' },
  { name: 'password for a named thing in prose', text: `the password for the staging db is ${rand(6)}2${rand(3)}, why does psql refuse it?`, expect: 'credential' },
  { name: 'aws key split across adjacent python literals', text: `key = ("AKIA" "${rand(8, UPPER_NUM)}"\n       "${rand(8, UPPER_NUM)}")`, expect: 'credential' },
  { name: 'github token split with concat()', text: `const t = "ghp_".concat("${rand(36)}");`, expect: 'credential' },
  { name: 'aws key joined from a python list', text: `key = "".join(["AKIA", "${rand(8, UPPER_NUM)}", "${rand(8, UPPER_NUM)}"])`, expect: 'credential' },
  { name: 'openai key joined from a js array', text: `const k = ['sk-proj-', '${rand(22)}', '${rand(22)}'].join('');`, expect: 'credential' },
];

/** Placeholders and near-misses that must not be found. */
export const NEGATIVES: readonly PrivacyCase[] = [
  { name: 'your_api_key', text: 'client = OpenAI(api_key="your_api_key")' },
  { name: 'sk-...', text: 'Set OPENAI_API_KEY=sk-... in your shell' },
  { name: 'sk-xxxx', text: 'OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' },
  { name: '<API_KEY>', text: 'curl -H "Authorization: Bearer <API_KEY>" https://api.example.com' },
  { name: 'env template', text: 'curl -H "Authorization: Bearer ${TOKEN}" "https://api.example.com/products/${PRODUCT_ID}"' },
  { name: 'process.env', text: 'const key = process.env.OPENAI_API_KEY;' },
  { name: 'os.environ', text: 'password = os.environ["DB_PASSWORD"]' },
  { name: 'getenv', text: 'String token = System.getenv("GITHUB_TOKEN");' },
  { name: 'changeme', text: 'POSTGRES_PASSWORD=changeme' },
  { name: 'mustache template', text: 'password: {{ db_password }}' },
  { name: 'github actions secret', text: 'token: ${{ secrets.NPM_TOKEN }}' },
  { name: 'masked', text: 'password: "********"' },
  { name: 'ellipsis', text: 'api_key = "..."' },
  { name: 'aws docs example id', text: 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE' },
  { name: 'aws docs example secret', text: 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  { name: 'user@example.com', text: 'Send the invite to user@example.com' },
  { name: 'password from input', text: 'pw = input("Enter password: ")' },
  { name: 'password from variable', text: 'if password == user_password:\n    login()' },
  { name: 'password member access', text: 'db.connect(user=cfg.user, password=cfg.password)' },
  { name: 'password getpass', text: 'password = getpass.getpass()' },
  { name: 'prose about tokens', text: 'Please explain what a non-fungible token is?' },
  { name: 'placeholder with spaces', text: 'DB_PASSWORD = "your password here"' },
  { name: 'password label with spaces', text: 'passwordLabel: "Enter password", password: "Enter your password"' },
  { name: 'password error message', text: 'PASSWORD_ERROR = "wrong password try again"' },
  { name: 'prose password policy', text: 'The password: must be at least twelve characters long' },
  { name: 'token count', text: 'max_tokens: 1024, temperature: 0.2' },
  { name: 'placeholder replace', text: 'SECRET_KEY = "replace-with-a-long-random-string"' },
  { name: 'insert here', text: 'STRIPE_KEY=insert_your_key_here' },
  { name: 'stripe test card', text: 'Use 4242 4242 4242 4242 with any future date in test mode' },
  { name: 'luhn-invalid card', text: 'card 4539 1488 0343 6468 is rejected, why?' },
  { name: 'order number', text: 'order 12345678901234 shipped' },
  { name: 'ssn docs example', text: 'format like 123-45-6789' },
  { name: 'phone without birth date', text: 'call support at 010-4821-7730 on 2024-03-05' },
  { name: 'birth date without phone', text: 'I was born on 1991-04-17; how many days old am I?' },
  { name: 'date range', text: 'between 2023-01-01 and 2023-12-31 inclusive' },
  { name: 'public key', text: '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----' },
  { name: 'url without password', text: 'git clone https://github.com/acme/app.git' },
  { name: 'connection string template', text: 'postgres://${DB_USER}:${DB_PASS}@localhost:5432/app' },
  { name: 'aws docs example id followed by an underscore', text: 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE_backup' },
  { name: 'first pass in prose', text: 'the first pass is slow, the second pass is 3x faster' },
  { name: 'admin pass placeholder', text: 'the admin pass is <your-password>, set it in the config' },
  { name: 'concatenated placeholder key', text: 'const key = "sk-" + "..." + "your_key_here";' },
  { name: 'concatenated docs example', text: 'const id = "AKIA" + "IOSFODNN7EXAMPLE";' },
  { name: 'concatenated ordinary strings', text: 'const message = "Hello, " + "world! " + "How are you today?";' },
  { name: 'masked card beside a phone', text: 'card XXXX XXXX XXXX 1234, call 010-4821-7730' },
  { name: 'test card beside a fictional phone', text: 'use 4111 1111 1111 1111 and (555) 555-0123 in the demo' },
  { name: 'luhn-invalid card beside a recent date', text: 'card 4539 1488 0343 6468 was declined on 2024-03-05' },
  { name: 'repeated-digit card beside a phone', text: 'placeholder 4000 0000 0000 0000, phone 010-4821-7730' },
  { name: 'uuid', text: 'request id 014df517-39d1-4453-b7b3-9930c563627c failed' },
  { name: 'AKIA with X placeholder', text: 'aws_access_key_id = AKIAXXXXXXXXXXXXXXXX' },
  { name: 'AKIA X placeholder followed by an underscore', text: 'export KEY=AKIAXXXXXXXXXXXXXXXX_prod' },
  { name: 'AKIA X placeholder split across adjacent literals', text: 'key = ("AKIA" "XXXXXXXXXXXXXXXX")' },
  { name: 'admin pass placeholder in prose', text: 'the admin pass is your-password-here' },
  { name: 'db pass placeholder', text: 'DB_PASS=your-password-here' },
  { name: 'render pass in code', text: 'first_pass = 3\nrender_pass: "shadow-map"\nbypass = true' },
  { name: 'user pass from a variable', text: 'user_pass = form.password' },
  { name: 'password for something stored elsewhere', text: 'the password for the staging db is stored in vault' },
  { name: 'password is a plain word in prose', text: 'the new password is accepted on the reset page, but login fails' },
  { name: 'password is a type name in prose', text: 'validate that password is SecretStr in the pydantic model' },
  { name: 'joined placeholder key', text: 'key = "".join(["AKIA", "XXXXXXXX", "XXXXXXXX"])' },
  { name: 'joined ordinary words', text: 'label = " ".join(["AKIA", "prefix", "means", "an", "access", "key"])' },
  { name: 'adjacent ordinary literals', text: 'print("Hello, " "world")' },
  { name: 'card-like number beside the ssn docs example', text: 'order 4539148803436468, format like 123-45-6789' },
];
