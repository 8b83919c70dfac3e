// Keeps tokens and secret values out of everything the shell hands back: steps, errors,
// diagnoses. Secrets are collected as they become known (the plan's secret values, every token
// the credential issues) and replaced by `***` wherever they appear.

const MASK = '***';
// Shorter values would mask ordinary words; real secrets and tokens are longer.
const MIN_LENGTH = 4;

export class Redactor {
  constructor() {
    this.secrets = new Set();
  }

  /** Remembers a secret value (strings of at least four characters). */
  add(value) {
    if (typeof value === 'string' && value.length >= MIN_LENGTH) this.secrets.add(value);
  }

  /** Remembers the values at the plan request's secret pointers. */
  addRequestSecrets(request) {
    for (const pointer of request.secretPointers ?? []) this.add(at(request.body, pointer));
  }

  /** A string with every known secret masked. */
  text(value) {
    if (typeof value !== 'string') return value;
    let out = value;
    for (const secret of this.secrets) out = out.split(secret).join(MASK);
    return out;
  }

  /** A deep copy of plain JSON data with every known secret masked (keys and values). */
  data(value) {
    if (typeof value === 'string') return this.text(value);
    if (Array.isArray(value)) return value.map((v) => this.data(v));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [this.text(k), this.data(v)]));
    }
    return value;
  }

  /**
   * An SDK error reduced to what helps (name, message, code, HTTP status), masked: the SDK's own
   * errors hold the request, whose Authorization header carries the token.
   */
  cause(e) {
    if (e === undefined || e === null) return undefined;
    const safe = new Error(this.text(String(e?.message ?? e)));
    safe.name = typeof e?.name === 'string' ? e.name : 'Error';
    if (typeof e?.code === 'string') safe.code = e.code;
    if (typeof e?.statusCode === 'number') safe.statusCode = e.statusCode;
    return safe;
  }
}

/** The value at a JSON pointer (`/properties/authInfo/secretInfo/value`), or undefined. */
function at(root, pointer) {
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = node[key];
  }
  return node;
}
