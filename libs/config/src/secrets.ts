/**
 * Secret variables: never printed, and in production checked for what makes a secret no secret
 * (docs/adr/0042): a placeholder published in this repository, too short or too uniform to be
 * random, or the same value used for two purposes.
 *
 * - `text`: a shared secret used as given (GATEWAY_SECRET);
 * - `base64-key`: key bytes in base64 (PII_HASH_KEY);
 * - `keyring`: `<id>:<base64 key>,…` (PII_KEYS);
 * - `url`: a URL whose password is the secret (DATABASE_URL, SMTP_URL).
 */
export type SecretKind = 'text' | 'base64-key' | 'keyring' | 'url';

const declared = new Map<object, Map<string, SecretKind>>();

/** Marks a config property as a secret of the given kind. */
export function Secret(kind: SecretKind = 'text'): PropertyDecorator {
  return (target: object, property: string | symbol) => {
    const own = declared.get(target) ?? new Map<string, SecretKind>();
    own.set(String(property), kind);
    declared.set(target, own);
  };
}

/** The secret variables of a config class, its base classes' included. */
export function secretsOf(cls: new () => object): Map<string, SecretKind> {
  const out = new Map<string, SecretKind>();
  const chain: object[] = [];
  for (
    let proto: object | null = cls.prototype as object;
    proto;
    proto = Object.getPrototypeOf(proto)
  ) {
    chain.unshift(proto);
  }
  for (const proto of chain) {
    for (const [name, kind] of declared.get(proto) ?? []) {
      out.set(name, kind);
    }
  }
  return out;
}

/** Names that hold a secret even when nobody marked them: never printed either. */
const SECRET_NAME = /(SECRET|KEY|KEYS|PASSWORD|TOKEN)$/;

export function isSecretVariable(name: string, secrets: ReadonlyMap<string, SecretKind>): boolean {
  return secrets.has(name) || SECRET_NAME.test(name);
}

/** A value as a config error may show it: a URL without its password. */
export function printable(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:\s]*):[^/@\s]*@/i, '$1:***@').slice(0, 60);
}

/**
 * Values published in docker-compose.yml and deploy/secret.example.yaml, and words that mark a
 * value as a placeholder. Checked on the value as written and on the bytes a key decodes to.
 */
export const PUBLISHED_PLACEHOLDERS: readonly string[] = [
  'replace-me-dev-only-gateway-secret',
  'replace-me-dev-only-token-signing-key',
  'dev1:UkVQTEFDRS1NRS1kZXYtb25seS1waWktc2VhbC1rZXk=',
  'UkVQTEFDRS1NRS1kZXYtb25seS1waWktaGFzaC1rZXk=',
  'REPLACE-with-a-random-secret-of-at-least-24-characters',
  'REPLACE-id:REPLACE-base64-of-32-bytes',
  'REPLACE-base64-of-at-least-32-bytes',
];
const PLACEHOLDER_WORDS = /replace|dev-?only|change-?me|placeholder|not-?secret/i;
/** Passwords of the public examples (`postgres://postgres:postgres@…`) and their like. */
const PLACEHOLDER_PASSWORDS = /^(postgres|password|secret|admin|root|changeme|replace.*)$/i;

/** Shortest shared secret accepted in production (characters). */
export const MIN_PRODUCTION_SECRET_LENGTH = 32;
/** Fewer distinct characters (or bytes) than this and a value is not random. */
const MIN_DISTINCT = 12;

interface Material {
  /** What two purposes must not share: the value as written and the key bytes it decodes to. */
  forms: string[];
  problem: string | null;
}

function decodeBase64(text: string): Buffer | null {
  const trimmed = text.trim();
  return /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : null;
}

function distinct(values: Iterable<unknown>): number {
  return new Set(values).size;
}

function material(kind: SecretKind, value: string): Material {
  const looksPlaceholder = (text: string) =>
    PUBLISHED_PLACEHOLDERS.includes(text) || PLACEHOLDER_WORDS.test(text);
  if (kind === 'url') {
    let password = '';
    try {
      password = decodeURIComponent(new URL(value).password);
    } catch {
      return { forms: [], problem: null };
    }
    if (!password) {
      return { forms: [], problem: null };
    }
    return {
      forms: [password],
      problem:
        PLACEHOLDER_PASSWORDS.test(password) || looksPlaceholder(password)
          ? 'has the password of a published example: set a password of its own'
          : null,
    };
  }
  const keys =
    kind === 'keyring'
      ? value.split(',').map((entry) => entry.slice(entry.indexOf(':') + 1).trim())
      : [value];
  const forms = new Set<string>([value.trim()]);
  let problem: string | null = null;
  for (const key of keys) {
    const bytes = kind === 'text' ? null : decodeBase64(key);
    forms.add(key);
    if (bytes) {
      forms.add(bytes.toString('hex'));
    }
    if (
      looksPlaceholder(value) ||
      looksPlaceholder(key) ||
      (bytes && looksPlaceholder(bytes.toString('latin1')))
    ) {
      problem ??=
        'is a placeholder published in this repository: generate a secret of its own (openssl rand -base64 32)';
    }
    if (kind === 'text' && key.length < MIN_PRODUCTION_SECRET_LENGTH) {
      problem ??= `is too short: at least ${MIN_PRODUCTION_SECRET_LENGTH} characters in production (openssl rand -base64 32)`;
    }
    if (distinct(bytes ?? key) < MIN_DISTINCT) {
      problem ??=
        'is not random (too few different characters): generate one (openssl rand -base64 32)';
    }
  }
  if (kind === 'text') {
    // A shared secret that is a key's base64 is that key.
    const bytes = decodeBase64(value);
    if (bytes && bytes.length >= 16) {
      forms.add(bytes.toString('hex'));
    }
  }
  return { forms: [...forms], problem };
}

/**
 * What is wrong with the secrets of a production config, one entry per variable; each names
 * variables only, never a value. Variables already refused by validation are left out.
 */
export function productionSecretProblems(
  config: Record<string, unknown>,
  secrets: ReadonlyMap<string, SecretKind>,
  alreadyRefused: ReadonlySet<string> = new Set(),
): { variable: string; reason: string }[] {
  const problems: { variable: string; reason: string }[] = [];
  const seen = new Map<string, string>();
  for (const [name, kind] of secrets) {
    const value = config[name];
    if (typeof value !== 'string' || value === '' || alreadyRefused.has(name)) {
      continue;
    }
    const { forms, problem } = material(kind, value);
    if (problem) {
      problems.push({ variable: name, reason: problem });
      continue;
    }
    const shared = forms.map((form) => seen.get(form)).find((other) => other && other !== name);
    if (shared) {
      problems.push({
        variable: name,
        reason: `is the same secret as ${shared}: each purpose needs its own (a leak of one must not open the other)`,
      });
      continue;
    }
    for (const form of forms) {
      seen.set(form, name);
    }
  }
  return problems;
}
