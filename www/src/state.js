// The design's state: the connection spec (and, when the workload uses several connections, the
// set of them), the Secret encoding and what the plan is told about the cluster. It lives in the
// URL's fragment (a shareable link restores it; the fragment never reaches a server) and in local
// storage. Secret values (passwords, client secrets, Kafka
// secrets, credential-like `values`) are kept in neither: they stay in the open page only.

/** Spec paths whose values are secrets. */
export const SECRET_PATHS = ['auth.secret', 'auth.password', 'target.kafkaSecret', 'target.schemaSecret'];
const SECRET_VALUE_KEY = /PASSWORD|SECRET|CONNECTIONSTRING|CONNECTION_STRING|ACCESSKEY|ACCESS_KEY|TOKEN|SAS|KEY$/i;
export const STORAGE_KEY = 'aks-service-connector.designer';

/** The state a new design starts from. */
export function initialState() {
  return { spec: { target: { type: 'storage-blob' } }, encoding: 'stringData', context: {} };
}

/** Reads a dotted path (`target.account`). */
export function get(obj, path) {
  return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

/** Sets a dotted path; `undefined` or `''` deletes it, and emptied parents with it. */
export function set(obj, path, value) {
  const parts = path.split('.');
  const chain = [obj];
  for (const p of parts.slice(0, -1)) {
    const cur = chain.at(-1);
    if (cur[p] == null || typeof cur[p] !== 'object') cur[p] = {};
    chain.push(cur[p]);
  }
  const last = parts.at(-1);
  if (value === undefined || value === '') delete chain.at(-1)[last];
  else chain.at(-1)[last] = value;
  prune(obj, parts);
}

/** Removes the objects a deletion left empty along `parts` (never the root). */
function prune(obj, parts) {
  for (let n = parts.length - 1; n >= 1; n -= 1) {
    const parent = n === 1 ? obj : get(obj, parts.slice(0, n - 1).join('.'));
    const key = parts[n - 1];
    const v = parent?.[key];
    if (!v || typeof v !== 'object' || Array.isArray(v) || Object.keys(v).length) break;
    delete parent[key];
  }
}

/** Removes a spec's secret values, in place. */
function stripSecrets(spec) {
  for (const p of SECRET_PATHS) if (get(spec, p) !== undefined) set(spec, p, undefined);
  if (spec.values) {
    for (const k of Object.keys(spec.values)) if (SECRET_VALUE_KEY.test(k)) delete spec.values[k];
    if (!Object.keys(spec.values).length) delete spec.values;
  }
}

/** A deep copy of the state without its secret values (of every connection of a set). */
export function withoutSecrets(state) {
  const copy = structuredClone(state);
  stripSecrets(copy.spec);
  for (const spec of copy.set?.connections ?? []) stripSecrets(spec);
  return copy;
}

/** What is stored of a state: without secrets, and a set's edited spec only once (in the set). */
function stored(state) {
  const copy = withoutSecrets(state);
  if (copy.set) delete copy.spec;
  return copy;
}

const toBase64Url = (s) => btoa(String.fromCharCode(...new TextEncoder().encode(s)))
  .replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
const fromBase64Url = (s) => new TextDecoder().decode(
  Uint8Array.from(atob(s.replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0)),
);

/** The URL fragment for a state (`#d=<base64url JSON>`), secrets left out. */
export function toFragment(state) {
  return `#d=${toBase64Url(JSON.stringify(stored(state)))}`;
}

/** The state a fragment holds, or null when it holds none or an unreadable one. */
export function fromFragment(hash) {
  const m = /^#d=([A-Za-z0-9_-]+)$/.exec(hash ?? '');
  if (!m) return null;
  try {
    return normalize(JSON.parse(fromBase64Url(m[1])));
  } catch {
    return null;
  }
}

/** A stored set of connections (two or more specs, the edited one's index, vault volumes), or null. */
function normalizeSet(value) {
  const list = value?.connections;
  if (!Array.isArray(list) || list.length < 2 || !list.every((s) => s && typeof s === 'object' && !Array.isArray(s))) return null;
  const active = Number.isInteger(value.active) && value.active >= 0 && value.active < list.length ? value.active : 0;
  const mounts = Array.isArray(value.mounts) ? value.mounts.map((m) => (m && typeof m === 'object' ? m : null)) : null;
  return { connections: list, active, ...(mounts?.some(Boolean) ? { mounts } : {}) };
}

/**
 * Keeps what a state may hold, with the defaults for what it lacks; null if it is no state. A
 * set's edited spec is the set's entry itself, so editing one edits the other.
 */
export function normalize(value) {
  if (!value || typeof value !== 'object') return null;
  const workloadSet = normalizeSet(value.set);
  const spec = workloadSet ? workloadSet.connections[workloadSet.active] : value.spec;
  if (!spec || typeof spec !== 'object') return null;
  const base = initialState();
  return {
    spec,
    ...(workloadSet ? { set: workloadSet } : {}),
    encoding: value.encoding === 'data' ? 'data' : base.encoding,
    context: value.context && typeof value.context === 'object' ? value.context : base.context,
  };
}

/** Saves the state to the URL (replacing the history entry) and to local storage. */
export function save(state) {
  const fragment = toFragment(state);
  if (location.hash !== fragment) history.replaceState(null, '', `${location.pathname}${location.search}${fragment}`);
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(stored(state)));
  } catch {
    // Storage may be disabled (a webview, private mode): the URL still holds the design.
  }
}

/** The state to start from: the URL's, else local storage's, else a new one. */
export function load() {
  const fromUrl = fromFragment(location.hash);
  if (fromUrl) return fromUrl;
  try {
    const stored = normalize(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null'));
    if (stored) return stored;
  } catch {
    // Unreadable or unavailable storage: start anew.
  }
  return initialState();
}
