// The form, built from the catalog and bound to the state: each control names what it edits
// (`data-bind="spec:target.account"`), so reading the form is never needed; the state is the
// one source of truth, and a pasted spec simply rebuilds the form from it.
import { h } from './dom.js';
import { AUTH_LINES, authFieldCopy } from './copy.js';
import { get, set } from './state.js';

const WORKLOAD_KINDS = [['Job', 'Job (default)'], ['Deployment', 'Deployment'], ['Pod', 'Pod'], ['none', 'None: objects only']];
const TRI = [['', 'not known'], ['true', 'yes'], ['false', 'no']];
const CLUSTER_STATES = ['', 'Succeeded', 'Updating', 'Upgrading', 'Scaling', 'Starting', 'Stopping', 'Failed', 'Canceled'];
/** What the plan can be told (`PlanContext`), in form order. */
const CONTEXT_FIELDS = [
  ['oidcIssuerUrl', 'OIDC issuer URL', 'text', 'exactly as `az aks show --query oidcIssuerProfile.issuerUrl` prints it, trailing / included'],
  ['clusterProvisioningState', 'Cluster state', 'state', 'a create while the cluster is updating fails with Conflict'],
  ['kubernetesConfigurationRegistered', 'Microsoft.KubernetesConfiguration registered', 'tri'],
  ['serviceLinkerRegistered', 'Microsoft.ServiceLinker registered', 'tri'],
  ['extensionInstalled', 'sc-extension already installed', 'tri', 'true when the cluster has another connection'],
  ['oidcIssuerEnabled', 'OIDC issuer enabled', 'tri'],
  ['workloadIdentityEnabled', 'Workload identity enabled', 'tri'],
  ['keyvaultSecretsProviderEnabled', 'Key Vault CSI add-on enabled', 'tri'],
  ['egressAllowed', 'Egress to scaksextension.azurecr.io allowed', 'tri'],
  ['apiVersion', 'ServiceLinker api-version', 'api'],
];

const idOf = (bind) => `f-${bind.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/**
 * One labelled control with its hint and its findings list. `bind` is `spec:<path>`,
 * `context:<field>`, `key:<configuration key>` or `command`.
 */
export function field({ bind, label, hint, flag, type = 'text', options, value, placeholder, testid, rebuild, wide }) {
  const id = idOf(bind);
  const hintId = `${id}-hint`;
  const findingsId = `${id}-findings`;
  const attrs = {
    id, 'data-bind': bind, 'data-testid': testid ?? bind.replace(/^spec:/, ''), 'data-rebuild': rebuild,
    'aria-describedby': [hint || flag ? hintId : null, findingsId].filter(Boolean).join(' '),
  };
  let control;
  if (options) {
    control = h('select', attrs, options.map(([v, text, group]) => (group
      ? h('optgroup', { label: group }, v.map(([ov, ot]) => h('option', { value: ov, selected: ov === value }, ot)))
      : h('option', { value: v, selected: v === value }, text))));
  } else if (type === 'checkbox') {
    control = h('input', { ...attrs, type: 'checkbox', checked: Boolean(value) });
  } else if (type === 'textarea') {
    control = h('textarea', { ...attrs, rows: 3, value: value ?? '', placeholder, spellcheck: 'false' });
  } else {
    control = h('input', { ...attrs, type, value: value ?? '', placeholder, spellcheck: 'false', autocomplete: 'off' });
  }
  // The path findings name: the spec path, `context.<field>`, or the configuration key.
  const path = bind.startsWith('context:') ? `context.${bind.slice(8)}` : bind.includes(':') ? bind.slice(bind.indexOf(':') + 1) : bind;
  const labelEl = h('label', { for: id }, label);
  const hintEl = hint || flag
    ? h('small', { id: hintId, class: 'hint' }, flag ? h('code', { class: 'flag' }, flag) : null, flag && hint ? ' ' : null, hint ?? null)
    : null;
  // Read with the control (aria-describedby); not a live region: it changes on every keystroke.
  const findings = h('ul', { id: findingsId, class: 'field-findings' });
  return h('div', { class: `field${type === 'checkbox' ? ' check' : ''}${wide ? ' wide' : ''}`, 'data-path': path },
    type === 'checkbox' ? h('div', { class: 'check-row' }, control, labelEl) : [labelEl, control],
    hintEl, findings);
}

/** The catalog facts of the spec's current choices. */
export function choices(catalog, spec) {
  const target = catalog.targets.find((t) => t.id === spec.target?.type) ?? catalog.targets[0];
  const auth = target.authTypes.includes(spec.auth?.type) ? spec.auth.type : target.defaultAuth;
  const client = target.clientTypes.includes(spec.clientType) ? spec.clientType : 'none';
  const kind = target.id === 'cognitiveservices' ? (spec.target?.kind ?? 'AIServices') : undefined;
  const inputs = target.authInputs.find((a) => a.auth === auth)?.fields ?? [];
  const keys = catalog.keys
    .filter((k) => k.target === target.id && k.auth === auth && k.client === client && (kind === undefined || k.kind === kind))
    .map((k) => k.key);
  return { target, auth, client, kind, inputs, keys: [...new Set(keys)] };
}

/** Builds the target service select: grouped by family, filtered by `filter`. */
export function targetOptions(catalog, selected, filter = '') {
  const q = filter.trim().toLowerCase();
  const groups = new Map();
  for (const t of catalog.targets) {
    const shown = !q || t.id === selected || `${t.displayName} ${t.id} ${t.family}`.toLowerCase().includes(q);
    if (!shown) continue;
    if (!groups.has(t.family)) groups.set(t.family, []);
    groups.get(t.family).push([t.id, `${t.displayName}${t.deprecated ? ' (deprecated)' : ''}`]);
  }
  return [...groups].map(([family, items]) => [items, family, family]);
}

/** Fills the form's dynamic parts from the catalog and the state. */
export function build(catalog, state, els) {
  const { spec } = state;
  const c = choices(catalog, spec);
  const names = new Map(catalog.authTypes.map((a) => [a.id, a.displayName]));
  const clientNames = new Map(catalog.clientTypes.map((x) => [x.id, x.displayName]));

  els.target.replaceChildren(field({
    bind: 'spec:target.type', label: 'Target service', testid: 'target', rebuild: 'target',
    options: targetOptions(catalog, c.target.id, els.filter.value), value: c.target.id,
  }));

  const targetFields = [];
  if (c.target.id === 'cognitiveservices') {
    targetFields.push(field({
      bind: 'spec:target.kind', label: 'Account kind', testid: 'kind', rebuild: 'keys',
      options: catalog.cognitiveKinds.map((k) => [k, k]), value: c.kind, hint: 'sets the configuration keys\u2019 prefix',
    }));
  }
  for (const p of c.target.parameters) {
    targetFields.push(field({
      bind: `spec:target.${p.field}`, label: p.label, flag: p.flag, type: p.secret ? 'password' : 'text',
      value: get(spec, `target.${p.field}`), testid: `target.${p.field}`,
      hint: p.secret ? 'kept in this page only: never in the link or local storage' : undefined,
    }));
  }
  if (c.target.armIdPattern) {
    targetFields.push(field({
      bind: 'spec:target.subscription', label: 'Target subscription id', flag: '--target-id', value: spec.target?.subscription,
      hint: "defaults to the cluster's subscription", testid: 'target.subscription',
    }));
  }
  els.targetFields.replaceChildren(...targetFields);

  els.auth.replaceChildren(
    field({
      bind: 'spec:auth.type', label: 'Authentication', testid: 'auth', rebuild: 'auth', value: c.auth,
      options: c.target.authTypes.map((a) => [a, `${names.get(a)}${a === c.target.defaultAuth ? ' (default)' : ''}: ${AUTH_LINES[a] ?? a}`]),
      hint: AUTH_LINES[c.auth],
    }),
    ...c.inputs.map((path) => {
      const copy = authFieldCopy(path, c.auth, c.target.id);
      return field({ bind: `spec:${path}`, value: get(spec, path), testid: path, ...copy });
    }),
    field({
      bind: 'spec:clientType', label: 'Client type', testid: 'client', rebuild: 'keys', value: c.client,
      options: c.target.clientTypes.map((x) => [x, clientNames.get(x) ?? x]),
      hint: 'the library the configuration key names are written for',
    }),
  );

  els.keys.replaceChildren(
    ...(c.keys.length
      ? c.keys.map((k) => field({
        bind: `key:${k}`, label: k, value: spec.customizedKeys?.[k], placeholder: 'keep this name', testid: `customizedKeys.${k}`,
      }))
      : [h('p', { class: 'hint' }, 'This combination has no configuration keys to rename.')]),
  );
  els.keysCount.textContent = c.keys.length ? ` (${Object.keys(spec.customizedKeys ?? {}).length} of ${c.keys.length} renamed)` : '';
  return c;
}

/** The containers of the static fields (the others are built with their values by `build`). */
const STATIC = '#connection-fields, #cluster-fields, #workload-fields, #context-fields';

/** Fills the static fields' values from the state (after a load or a pasted spec). */
export function fillStatic(form, state) {
  for (const el of form.querySelectorAll(`:is(${STATIC}) [data-bind]`)) {
    const bind = el.dataset.bind;
    const v = read(state, bind);
    if (el.type === 'checkbox') el.checked = Boolean(v);
    else if (el.tagName === 'SELECT') el.value = v === undefined ? (el.options[0]?.value ?? '') : String(v);
    else el.value = v ?? '';
  }
}

function read(state, bind) {
  if (bind === 'command') return (state.spec.workload?.command ?? []).join(' ');
  if (bind.startsWith('spec:')) return get(state.spec, bind.slice(5));
  if (bind.startsWith('context:')) {
    const v = state.context[bind.slice(8)];
    return typeof v === 'boolean' ? String(v) : v;
  }
  return undefined;
}

/**
 * Applies one control's value to the state. Returns what must be rebuilt: `target`, `auth`,
 * `keys` or nothing.
 */
export function apply(catalog, state, el) {
  const bind = el.dataset.bind;
  const spec = state.spec;
  if (bind === 'command') {
    const words = el.value.trim().split(/\s+/).filter(Boolean);
    set(spec, 'workload.command', words.length ? words : undefined);
  } else if (bind.startsWith('key:')) {
    const key = bind.slice(4);
    spec.customizedKeys ??= {};
    if (el.value.trim()) spec.customizedKeys[key] = el.value.trim();
    else delete spec.customizedKeys[key];
    if (!Object.keys(spec.customizedKeys).length) delete spec.customizedKeys;
  } else if (bind.startsWith('context:')) {
    const name = bind.slice(8);
    const v = el.value;
    if (v === '') delete state.context[name];
    else state.context[name] = v === 'true' ? true : v === 'false' ? false : v;
  } else if (bind === 'spec:anotherConnectionOfType') {
    set(spec, 'anotherConnectionOfType', el.checked ? true : undefined);
  } else if (bind === 'spec:workload.kind') {
    set(spec, 'workload.kind', el.value === 'Job' ? undefined : el.value);
  } else {
    set(spec, bind.slice(5), el.value);
  }
  const rebuild = el.dataset.rebuild;
  if (rebuild) tidy(catalog, state, rebuild);
  return rebuild;
}

/** After a target, auth or client change: drops what the new choice does not take. */
function tidy(catalog, state, what) {
  const spec = state.spec;
  if (what === 'target') {
    const sub = spec.target.subscription;
    const type = spec.target.type;
    spec.target = { type };
    const t = catalog.targets.find((x) => x.id === type);
    if (sub && t?.armIdPattern) spec.target.subscription = sub;
    if (spec.auth?.type && !t?.authTypes.includes(spec.auth.type)) delete spec.auth.type;
    if (spec.clientType && !t?.clientTypes.includes(spec.clientType)) delete spec.clientType;
  }
  const c = choices(catalog, spec);
  if (spec.auth) {
    for (const k of Object.keys(spec.auth)) if (k !== 'type' && !c.inputs.includes(`auth.${k}`)) delete spec.auth[k];
    if (!Object.keys(spec.auth).length) delete spec.auth;
  }
  if (spec.customizedKeys) {
    for (const k of Object.keys(spec.customizedKeys)) if (!c.keys.includes(k)) delete spec.customizedKeys[k];
    if (!Object.keys(spec.customizedKeys).length) delete spec.customizedKeys;
  }
}

/** The static fields: connection, cluster, workload and what the plan is told. */
export function staticFields() {
  return {
    connection: [
      field({ bind: 'spec:connectionName', label: 'Connection name', testid: 'connectionName', hint: 'letters, digits, . and _; the az CLI\u2019s --connection' }),
      field({ bind: 'spec:namespace', label: 'Namespace', testid: 'namespace', placeholder: 'default', hint: 'the Kubernetes namespace of the Secret, ServiceAccount and workload' }),
      field({ bind: 'spec:anotherConnectionOfType', label: 'Another connection of this target type already exists', type: 'checkbox', testid: 'another', hint: 'key names then take the connection name' }),
    ],
    cluster: [
      field({ bind: 'spec:cluster.subscription', label: 'Cluster subscription id', testid: 'cluster.subscription' }),
      field({ bind: 'spec:cluster.resourceGroup', label: 'Cluster resource group', testid: 'clusterResourceGroup', flag: '--resource-group' }),
      field({ bind: 'spec:cluster.name', label: 'Cluster name', testid: 'clusterName', flag: '--name' }),
    ],
    workload: [
      field({ bind: 'spec:workload.kind', label: 'Workload kind', testid: 'workloadKind', options: WORKLOAD_KINDS, value: 'Job' }),
      field({ bind: 'spec:workload.name', label: 'Workload name', testid: 'workload.name', placeholder: 'sc-sample-job' }),
      field({ bind: 'spec:workload.image', label: 'Image', testid: 'image', placeholder: 'alpine' }),
      field({ bind: 'command', label: 'Command', testid: 'command', placeholder: 'printenv', hint: 'words separated by spaces' }),
    ],
    context: CONTEXT_FIELDS.map(([name, label, type, hint]) => field({
      bind: `context:${name}`, label, hint, testid: `context.${name}`,
      ...(type === 'tri' ? { options: TRI }
        : type === 'state' ? { options: CLUSTER_STATES.map((s) => [s, s || 'not known']) }
          : type === 'api' ? { options: [['', '2024-07-01-preview (default)'], ['2022-05-01', '2022-05-01']] }
            : { type: 'text', wide: true }),
    })),
  };
}
