// @ts-check
// Keeps tokens and secret values out of everything the shell hands back: steps, errors,
// diagnoses. Secrets are collected as they become known (the plan's secret values, every token
// the credential issues) and replaced by `***` wherever they appear.

const MASK = '***';
// Shorter values would mask ordinary words; real secrets and tokens are longer.
const MIN_LENGTH = 4;

export class Redactor {
  constructor() {
    /** @type {Set<string>} */
    this.secrets = new Set();
  }

  /**
   * Remembers a secret value (strings of at least four characters).
   * @param {unknown} value
   */
  add(value) {
    if (typeof value === 'string' && value.length >= MIN_LENGTH) this.secrets.add(value);
  }

  /**
   * Remembers the values at the plan request's secret pointers.
   * @param {{ body: unknown, secretPointers?: string[] | undefined }} request
   */
  addRequestSecrets(request) {
    for (const pointer of request.secretPointers ?? []) this.add(at(request.body, pointer));
  }

  /**
   * A string with every known secret masked (anything else as it is).
   * @template T
   * @param {T} value
   * @returns {T}
   */
  text(value) {
    if (typeof value !== 'string') return value;
    /** @type {string} */
    let out = value;
    for (const secret of this.secrets) out = out.split(secret).join(MASK);
    return /** @type {T} */ (out);
  }

  /**
   * A deep copy of plain JSON data with every known secret masked (keys and values).
   * @template T
   * @param {T} value
   * @returns {T}
   */
  data(value) {
    if (typeof value === 'string') return this.text(value);
    if (Array.isArray(value)) return /** @type {T} */ (value.map((/** @type {unknown} */ v) => this.data(v)));
    if (value && typeof value === 'object') {
      return /** @type {T} */ (Object.fromEntries(Object.entries(value).map(([k, v]) => [this.text(k), this.data(v)])));
    }
    return value;
  }

  /**
   * An SDK error reduced to what helps (name, message, code, HTTP status), masked: the SDK's own
   * errors hold the request, whose Authorization header carries the token.
   */
  /**
   * @param {unknown} e
   * @returns {(Error & { code?: string, statusCode?: number }) | undefined}
   */
  cause(e) {
    if (e === undefined || e === null) return undefined;
    /** @type {{ message?: unknown, name?: unknown, code?: unknown, statusCode?: unknown }} */
    const fields = typeof e === 'object' ? e : {};
    /** @type {Error & { code?: string, statusCode?: number }} */
    const safe = new Error(this.text(String(fields.message ?? e)));
    safe.name = typeof fields.name === 'string' ? fields.name : 'Error';
    if (typeof fields.code === 'string') safe.code = fields.code;
    if (typeof fields.statusCode === 'number') safe.statusCode = fields.statusCode;
    return safe;
  }
}

/**
 * The value at a JSON pointer (`/properties/authInfo/secretInfo/value`), or undefined.
 * @param {unknown} root
 * @param {string} pointer
 * @returns {unknown}
 */
function at(root, pointer) {
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = /** @type {Record<string, unknown>} */ (node)[key];
  }
  return node;
}
