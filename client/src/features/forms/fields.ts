import type { PlatformFormFragment } from '../../gql/graphql';

/** One field of a platform's connect form, as the catalog describes it. */
export type FormField = PlatformFormFragment['fields'][number];

/** Values of a form keyed by field key (`bucketName`, `credentials.accessKeyId`). */
export type FormValues = Record<string, string>;
export type FormErrors = Record<string, string>;

/** Sets `value` at a dotted path (`credentials.accessKeyId`) inside `target`. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]] = value;
}

/**
 * Builds the nested input object the fields describe. Empty values are left out (the server treats absent
 * optional settings as unset); text is trimmed, secrets are sent exactly as typed.
 */
export function buildInput(fields: FormField[], values: FormValues, stripPrefix = ''): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = values[field.key] ?? '';
    const value = field.secret ? raw : raw.trim();
    if (value === '') continue;
    const key = stripPrefix && field.key.startsWith(stripPrefix) ? field.key.slice(stripPrefix.length) : field.key;
    setPath(input, key, value);
  }
  return input;
}

/** Required fields left empty, as errors next to them. */
export function missingRequired(fields: FormField[], values: FormValues): FormErrors {
  const errors: FormErrors = {};
  for (const field of fields) {
    if (field.required && !(values[field.key] ?? '').trim()) errors[field.key] = `${field.label} is required.`;
  }
  return errors;
}

/**
 * Maps the input path the server names in `extensions.field` to the form field it belongs to.
 * `renames` turns the server's prefixes into form keys: for the connect form `[['s3', '']]` maps
 * `s3.credentials.accessKeyId` to `credentials.accessKeyId`; for rotation `[['aws', 'credentials']]`.
 * A path naming a group (`s3.credentials`) lands on the group's first field; null when nothing matches.
 */
export function fieldForServerPath(serverPath: string | null | undefined, keys: string[], renames: [string, string][] = []): string | null {
  if (!serverPath) return null;
  let path = serverPath.replace(/^input\./, '');
  for (const [from, to] of renames) {
    if (path === from || path.startsWith(from + '.')) {
      const rest = path.slice(from.length + 1);
      path = to ? (rest ? `${to}.${rest}` : to) : rest;
      break;
    }
  }
  if (!path) return null;
  if (keys.includes(path)) return path;
  const inside = keys.find((k) => k.startsWith(path + '.'));
  if (inside) return inside;
  const parent = keys.filter((k) => path.startsWith(k + '.')).sort((a, b) => b.length - a.length)[0];
  return parent ?? null;
}

/** The credentials part of a platform's fields (`credentials.*`), for rotation. */
export const credentialFields = (fields: FormField[]) => fields.filter((f) => f.key.startsWith('credentials.'));

/** The form value holding the chosen way to authenticate (never sent). */
export const AUTH_KEY = '$auth';

/** One way to authenticate: its fields, which of them it requires, and a sentence on when to use it. */
export interface AuthChoice {
  id: string;
  label: string;
  help: string;
  keys: string[];
  required: string[];
}

/**
 * Platforms whose credentials are one of two sets (the server accepts either, and refuses both): grouped here in the
 * client so the form asks for one set and requires only its fields. Matched by the catalog's field keys.
 */
const AUTH_CHOICES: AuthChoice[][] = [
  [
    { id: 'keys', label: 'Access keys', help: 'An IAM user’s access key pair with read access to the bucket.', keys: ['credentials.accessKeyId', 'credentials.secretAccessKey'], required: ['credentials.accessKeyId', 'credentials.secretAccessKey'] },
    { id: 'role', label: 'IAM role', help: 'Inlet assumes a role in your account (role ARN and external ID): no long-lived keys.', keys: ['credentials.roleArn', 'credentials.externalId'], required: ['credentials.roleArn', 'credentials.externalId'] },
  ],
  [
    { id: 'password', label: 'Password', help: 'The user’s password.', keys: ['credentials.password'], required: ['credentials.password'] },
    { id: 'keypair', label: 'Key pair', help: 'A private key whose public key is set on the Snowflake user.', keys: ['credentials.privateKey', 'credentials.privateKeyPassphrase'], required: ['credentials.privateKey'] },
  ],
];

/** The authentication choices of a form's fields, or null when it has only one way. */
export function authChoicesOf(fields: FormField[]): AuthChoice[] | null {
  const keys = new Set(fields.map((f) => f.key));
  return AUTH_CHOICES.find((choices) => choices.every((c) => c.keys.every((k) => keys.has(k)))) ?? null;
}

/** The chosen authentication (the first when none is chosen yet). */
export function chosenAuth(fields: FormField[], values: FormValues): AuthChoice | null {
  const choices = authChoicesOf(fields);
  if (!choices) return null;
  return choices.find((c) => c.id === values[AUTH_KEY]) ?? choices[0]!;
}

/** The fields the form shows, checks and sends: only the chosen authentication's, required as it requires them. */
export function effectiveFields(fields: FormField[], values: FormValues): FormField[] {
  const choices = authChoicesOf(fields);
  const chosen = chosenAuth(fields, values);
  if (!choices || !chosen) return fields;
  const others = new Set(choices.filter((c) => c !== chosen).flatMap((c) => c.keys));
  return fields.filter((f) => !others.has(f.key)).map((f) => (chosen.required.includes(f.key) ? { ...f, required: true } : f));
}
