// The workload's connections: a design may hold several connections used by one workload
// (Blob, Service Bus, Key Vault). The form edits one of them at a time (`state.spec` is
// `state.set.connections[state.set.active]`); the workload fields are the set's one workload,
// kept the same in every connection. With more than one connection the preview is the cluster
// module's `composeWorkload`: each connection's objects once and one workload taking them all,
// and what clashes as findings (codes SW…).
import { h } from './dom.js';
import { choices, field } from './form.js';

/** The connections of the design: the set's, or the one spec. */
export function connections(state) {
  return state.set?.connections ?? [state.spec];
}

/** Edits connection `i` from now on. */
export function select(state, i) {
  if (!state.set || !state.set.connections[i]) return;
  state.set.active = i;
  state.spec = state.set.connections[i];
}

/** The workload identity fields a new connection takes over: a pod runs as one identity. */
const IDENTITY = ['clientId', 'subscriptionId', 'tenantId', 'identityId'];

/**
 * Adds a connection in the workload's namespace, with its workload and (when the edited one
 * uses workload identity) its identity, and edits it.
 */
export function add(state) {
  const spec = { target: { type: 'storage-blob' } };
  if (state.spec.namespace) spec.namespace = state.spec.namespace;
  const auth = state.spec.auth;
  if (auth?.clientId && (auth.type ?? 'workload-identity') === 'workload-identity') {
    spec.auth = Object.fromEntries(IDENTITY.filter((k) => auth[k]).map((k) => [k, auth[k]]));
  }
  if (state.spec.workload) spec.workload = structuredClone(state.spec.workload);
  state.set ??= { connections: [state.spec], active: 0 };
  state.set.connections.push(spec);
  select(state, state.set.connections.length - 1);
}

/** Removes the connection edited; with one left the design is a single connection again. */
export function remove(state) {
  if (!state.set) return;
  const { connections: list, active } = state.set;
  list.splice(active, 1);
  state.set.mounts?.splice(active, 1);
  if (state.set.mounts && !state.set.mounts.some(Boolean)) delete state.set.mounts;
  if (list.length === 1) {
    state.spec = list[0];
    delete state.set;
  } else {
    select(state, Math.min(active, list.length - 1));
  }
}

/** After an edit: every connection carries the workload of the one edited. */
export function shareWorkload(state) {
  if (!state.set) return;
  for (const spec of state.set.connections) {
    if (spec === state.spec) continue;
    if (state.spec.workload) spec.workload = structuredClone(state.spec.workload);
    else delete spec.workload;
  }
}

/** The edited connection's Key Vault volume (`volume`, `path`), as the set holds it. */
export function mount(state) {
  return state.set?.mounts?.[state.set.active] ?? {};
}

/** Sets the edited connection's volume name or mount path (`''` for the default). */
export function setMount(state, key, value) {
  if (!state.set) return;
  const mounts = (state.set.mounts ??= []);
  const m = { ...(mounts[state.set.active] ?? {}) };
  if (value.trim()) m[key] = value.trim();
  else delete m[key];
  mounts[state.set.active] = Object.keys(m).length ? m : null;
  if (!mounts.some(Boolean)) delete state.set.mounts;
}

/**
 * The `WorkloadSet` of the design: the connections without their workload (each with its
 * Key Vault volume when one is given), and the workload.
 */
export function workloadSet(state) {
  const set = {
    connections: connections(state).map(({ workload, ...spec }, i) => {
      const m = state.set?.mounts?.[i];
      return m ? { spec, mount: m } : { spec };
    }),
  };
  if (state.spec.workload) set.workload = state.spec.workload;
  return set;
}

const CONNECTION = /^connections\[(\d+)\]\.spec(?:\.(.*))?$/;

/**
 * A finding of the set where the form shows it: the edited connection's at its spec path (next
 * to its field), another connection's at its path in the set, saying which connection it is.
 */
export function localize(f, active) {
  const own = /^connections\[(\d+)\]\.(mount(?:\..*)?)$/.exec(f.field ?? '');
  if (own && Number(own[1]) === active) return { ...f, field: own[2] };
  const m = CONNECTION.exec(f.field ?? '');
  if (!m) return f;
  if (Number(m[1]) === active) return { ...f, field: m[2] ?? '$' };
  return f.code.startsWith('SW') ? f : { ...f, message: `connections[${m[1]}]: ${f.message}` };
}

/**
 * The set's findings the form shows: all of the edited connection's and the set's own, and of
 * the other connections their errors and warnings (their notes show when they are edited).
 */
export function shown(findings, active) {
  return findings
    .filter((f) => f.severity !== 'info' || [null, active].includes(connectionOf(f)))
    .map((f) => localize(f, active));
}

/** Which connection a finding of the set is about, or null for the set itself. */
export function connectionOf(f) {
  const m = /^connections\[(\d+)\]/.exec(f.field ?? '');
  return m ? Number(m[1]) : null;
}

/** A connection's name in the list: its index, target and connection name. */
export function label(catalog, spec, i) {
  const t = catalog.targets.find((x) => x.id === spec.target?.type);
  const name = spec.connectionName || `${(spec.target?.type ?? '').replaceAll('-', '')}_conn`;
  return `[${i}] ${t?.displayName ?? spec.target?.type} · ${name}`;
}

/** Whether a spec mounts Key Vault through the CSI driver. */
const isCsi = (catalog, spec) => choices(catalog, spec).auth === 'keyvault-csi';

/** The edited vault connection's volume fields, their placeholders the core's defaults. */
function mountFields(catalog, state) {
  const list = connections(state);
  const active = state.set?.active ?? 0;
  const n = list.slice(0, active + 1).filter((spec) => isCsi(catalog, spec)).length;
  const nn = String(n).padStart(2, '0');
  const m = mount(state);
  const one = (key, label, placeholder, hint) => {
    const f = field({ bind: `mount:${key}`, label, value: m[key], placeholder, testid: `mount.${key}`, hint });
    f.dataset.path = `mount.${key}`;
    return f;
  };
  return h('div', { class: 'grid', 'data-testid': 'mount-fields' },
    one('volume', 'Volume name', `secrets-store${nn}-inline`, 'the pod\u2019s volume for this vault'),
    one('path', 'Mount path', n === 1 ? '/mnt/secrets-store' : `/mnt/secrets-store-${nn}`, 'where the containers read the vault\u2019s objects'));
}

const drawn = { nav: '', mount: '' };

/** Makes the next `draw` redraw everything (after the state was replaced or reloaded). */
export function invalidate() {
  drawn.nav = '';
  drawn.mount = '';
}

/**
 * Draws the list of connections: one button each (the edited one pressed, a mark on those with
 * an error), then Add and Remove, and for a vault connection of a set its volume fields.
 * `findings` are the set's (unlocalized) findings. Each part is redrawn only when what it shows
 * changes, so a volume field keeps its focus while typing.
 */
export function draw(el, catalog, state, findings, on) {
  if (el.childElementCount !== 2) {
    el.replaceChildren(h('div', { class: 'set-nav' }), h('div', { class: 'set-mount' }));
    invalidate();
  }
  const [nav, mountEl] = el.children;
  const list = connections(state);
  const active = state.set?.active ?? 0;
  const errors = new Set(findings.filter((f) => f.severity === 'error').map(connectionOf));
  const csi = Boolean(state.set) && isCsi(catalog, state.spec);
  const navKey = JSON.stringify([list.map((spec, i) => label(catalog, spec, i)), active, [...errors]]);
  if (navKey !== drawn.nav) {
    drawn.nav = navKey;
    nav.replaceChildren(
      h('ul', { class: 'set-list', 'data-testid': 'set-list' }, list.map((spec, i) => h('li', {},
        h('button', {
          type: 'button', 'aria-pressed': String(i === active), 'data-testid': `set-conn-${i}`,
          class: errors.has(i) ? 'has-error' : null, onclick: () => on.select(i),
        }, errors.has(i) ? h('span', { class: 'sev-icon', 'aria-label': 'has errors' }, '⛔ ') : null, label(catalog, spec, i))))),
      h('div', { class: 'toolbar' },
        h('button', { type: 'button', 'data-testid': 'set-add', onclick: on.add }, 'Add a connection'),
        h('button', { type: 'button', 'data-testid': 'set-remove', disabled: list.length < 2, onclick: on.remove }, 'Remove this connection')),
      h('p', { class: 'hint' }, list.length < 2
        ? 'One workload may use several connections: add one, and the workload takes them all.'
        : `${list.length} connections for one workload: each connection\u2019s objects once, one workload taking every Secret and volume. The form edits the pressed one; the workload fields are shared.`),
    );
  }
  const mountKey = JSON.stringify([active, csi, list.length]);
  if (mountKey !== drawn.mount) {
    drawn.mount = mountKey;
    mountEl.replaceChildren(...(csi ? [mountFields(catalog, state)] : []));
  }
}
