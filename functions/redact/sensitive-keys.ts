/**
 * Key names whose value is a credential or personal data, whatever their case and separators:
 * `password`, `DB_PASSWORD`, `accessToken`, `x-api-key`, `Set-Cookie`, `client.secret` all match.
 * A name is normalised (lower case, letters and digits only) and matched against words it
 * contains or ends with. Names that only describe a credential (its id, ARN, type, expiry) do not
 * match: `secretId`, `apiKeySource`, `tokenType`, `expires_in` stay readable.
 */

/** A name containing one of these holds a secret: `dbPassword`, `refresh_token`, `x-auth-token`. */
const CONTAINS = [
  'password',
  'passwd',
  'passphrase',
  'passcode',
  'secret',
  'token',
  'apikey',
  'accesskey',
  'privatekey',
  'signingkey',
  'encryptionkey',
  'masterkey',
  'routingkey',
  'licensekey',
  'accountkey',
  'clientkey',
  'secretkey',
  'authorization',
  'cookie',
  'session',
  'credential',
  'signature',
  'onetimepassword',
  'connectionstring',
  'cardnumber',
  'creditcard',
  'cvv',
  'cvc',
  'socialsecurity',
  'nationalinsurance',
  'nationalid',
  'passport',
  'iban',
  'email',
  'phone',
  'mobile',
  'dateofbirth',
  'birthdate',
  'firstname',
  'lastname',
  'fullname',
  'surname',
  'givenname',
  'cardholder',
] as const;

/** A name equal to one of these: too short or too common to match inside longer names. */
const EXACT = new Set([
  'auth',
  'pwd',
  'pass',
  'pin',
  'otp',
  'sig',
  'jwt',
  'bearer',
  'xapikey',
  'apikey',
  'ssn',
  'sin',
  'nino',
  'dob',
  'pan',
  'mail',
  'tel',
  'msisdn',
  'xamzsecuritytoken',
  'xamzsignature',
  'xamzcredential',
  'proxyauthorization',
]);

/** A name ending in one of these holds a secret: `basicauth`, `githubpat`, `dbpwd`. */
const SUFFIXES = ['auth', 'pat', 'pwd', 'pin', 'otp'] as const;

/**
 * Descriptive suffixes: the value names or describes a credential, it is not one. `sessionid` is
 * not among the exceptions: a session id is a bearer credential.
 */
const DESCRIPTIVE =
  /(?:id|ids|arn|arns|name|names|type|source|required|enabled|expiry|expiresin|expiresat|ttl|length|count|version|selectionexpression|location|field|path|prefix|format|policy|rotationenabled)$/;

/** Keys that hold only an identifier, whatever they contain (`keyId`, `KMSKeyArn`, `kmsKeyId`). */
function descriptive(name: string): boolean {
  if (name === 'sessionid' || name.endsWith('sessionid')) return false;
  return DESCRIPTIVE.test(name) && !name.endsWith('cardid');
}

export function normaliseKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Whether the value under this key name must be hidden. */
export function isSensitiveKey(name: string): boolean {
  const key = normaliseKey(name);
  if (key === '' || key.length > 64) return false;
  if (EXACT.has(key)) return true;
  if (descriptive(key)) return false;
  if (CONTAINS.some((word) => key.includes(word))) return true;
  return SUFFIXES.some((suffix) => key.endsWith(suffix) && key.length > suffix.length + 1);
}

/**
 * Query-string and `{key=value}` map keys that carry a credential only in that position (`code`
 * of an OAuth redirect, `sig` of a signed URL, `key` of an API call); elsewhere they are ordinary
 * words (`"code": "ThrottlingException"`).
 */
const QUERY_ONLY = new Set(['code', 'key', 'sig', 'signature', 'ticket', 'nonce']);

export function isSensitiveQueryKey(name: string): boolean {
  return QUERY_ONLY.has(normaliseKey(name)) || isSensitiveKey(name);
}
