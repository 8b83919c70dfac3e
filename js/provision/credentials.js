// @ts-check
// A TokenCredential over a host's own token function: an Azure portal extension, a VS Code
// extension (`vscode.authentication.getSession`), or any host that already signed the user in.

/** Default lifetime assumed for a token whose expiry cannot be read: short, so the host is asked again soon. */
const UNKNOWN_LIFETIME_MS = 60_000;

/**
 * Turns `getToken(scopes)` of a host into a `TokenCredential`. The host's function may return
 * the token string (a JWT's `exp` gives the expiry), `{ token, expiresOnTimestamp }` (the
 * `AccessToken` shape), `{ accessToken, expiresOn }` (a VS Code session; `expiresOn` a `Date` or
 * milliseconds), or `{ accessToken }`. A token is reused until `refreshBeforeMs` before it expires,
 * then the host is asked again; calls made while one is pending share it.
 */
/**
 * @typedef {import('../provision.js').HostToken} HostToken
 * @typedef {import('../provision.js').AccessToken} AccessToken
 * @typedef {import('../provision.js').TokenCredential} TokenCredential
 * @typedef {import('../provision.js').AbortSignalLike} AbortSignalLike
 */

/**
 * @param {(scopes: string[], options: { abortSignal?: AbortSignalLike | undefined }) => HostToken | Promise<HostToken>} getToken
 * @param {{ refreshBeforeMs?: number, now?: () => number }} [options]
 * @returns {TokenCredential}
 */
export function credentialFromGetToken(getToken, options = {}) {
  if (typeof getToken !== 'function') {
    throw new TypeError(`expected the host's getToken function, found ${getToken === null ? 'null' : typeof getToken}`);
  }
  const refreshBeforeMs = options.refreshBeforeMs ?? 120_000;
  const now = options.now ?? Date.now;
  /** @type {Map<string, { pending: Promise<AccessToken> | null, value: AccessToken | null }>} */
  const cache = new Map();
  return {
    async getToken(scopes, getTokenOptions) {
      const list = [scopes].flat().filter(Boolean);
      const key = list.join(' ');
      const cached = cache.get(key);
      if (cached && !(cached.value && cached.value.expiresOnTimestamp - refreshBeforeMs <= now())) {
        return cached.value ?? /** @type {Promise<AccessToken>} */ (cached.pending);
      }
      const pending = (async () => {
        const answer = await getToken(list, { abortSignal: getTokenOptions?.abortSignal });
        return accessToken(answer, now);
      })();
      cache.set(key, { pending, value: null });
      try {
        const value = await pending;
        cache.set(key, { pending: null, value });
        return value;
      } catch (e) {
        cache.delete(key);
        throw e;
      }
    },
  };
}

/**
 * The host's answer in the `AccessToken` shape.
 * @param {unknown} answer
 * @param {() => number} now
 * @returns {AccessToken}
 */
function accessToken(answer, now) {
  /** @type {{ token?: unknown, accessToken?: unknown, expiresOnTimestamp?: unknown, expiresOn?: unknown } | null} */
  const fields = answer !== null && typeof answer === 'object' ? answer : null;
  const token = typeof answer === 'string' ? answer : (fields?.token ?? fields?.accessToken);
  if (typeof token !== 'string' || token === '') {
    throw new TypeError('expected the host\'s getToken to give a token (a string, { token } or { accessToken }), found none');
  }
  const given = fields?.expiresOnTimestamp ?? fields?.expiresOn;
  const expires = given instanceof Date ? given.getTime() : (typeof given === 'number' ? given : jwtExpiry(token));
  return { token, expiresOnTimestamp: expires ?? now() + UNKNOWN_LIFETIME_MS };
}

/**
 * The `exp` claim of a JWT in milliseconds, or null for an opaque token.
 * @param {string} token
 * @returns {number | null}
 */
function jwtExpiry(token) {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    const exp = JSON.parse(json).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}
