// The Wire tab (a chunk of its own, with the cluster module): connect a workload that already
// runs. The user names its kind, name and the containers to wire; the cluster module gives the
// same change in three forms, each with copy, download and the command that applies it: `wire`
// for one connection, `composeWorkload` with `existing` when the design holds several (one patch
// that takes every connection, as the pod must). The sample workload of the YAML tab stays what
// it is: a sample.
import initCluster, { composeWorkload, wire } from 'aks-service-connector/cluster';
import { copyButton, downloadButton, h } from './dom.js';
import { paint } from './highlight.js';

/** The kinds `wire` takes, each with a pod template. */
export const KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];

/**
 * The wire target from the panel's values: `containers` are rows of `{ name, index, hasEnvFrom,
 * hasEnv, hasVolumeMounts }` (rows without a name are left out; an empty index is the row's
 * position); null until a name and one container are given.
 */
export function targetOf({ kind, name, namespace, containers, hasPodLabels, hasVolumes }) {
  const rows = containers
    .map((c, i) => ({ ...c, name: c.name.trim(), index: c.index === '' || c.index == null ? i : Number(c.index) }))
    .filter((c) => c.name);
  if (!name.trim() || !rows.length) return null;
  const target = {
    kind, name: name.trim(),
    containers: rows.map((c) => ({
      name: c.name, index: c.index, hasEnvFrom: Boolean(c.hasEnvFrom), hasEnv: Boolean(c.hasEnv), hasVolumeMounts: Boolean(c.hasVolumeMounts),
    })),
    hasPodLabels: Boolean(hasPodLabels), hasVolumes: Boolean(hasVolumes),
  };
  if (namespace.trim()) target.namespace = namespace.trim();
  return target;
}

/** The three forms: key of `Wiring`, title, file name, highlight language, how to apply it. */
export function forms(target, namespace) {
  const ref = `${target.kind.toLowerCase()}/${target.name}`;
  const ns = target.namespace ?? namespace ?? 'default';
  const strategic = `${target.name}-patch.yaml`;
  const kustomize = `${target.name}-kustomize-patch.yaml`;
  const json = `${target.name}-patch.json`;
  return [
    { key: 'strategicMerge', title: 'Strategic merge patch', file: strategic, lang: 'yaml', type: 'application/yaml',
      apply: `kubectl patch ${ref} -n ${ns} --type strategic -p "$(cat ${strategic})"` },
    { key: 'kustomize', title: 'Kustomize patch file', file: kustomize, lang: 'yaml', type: 'application/yaml',
      apply: `# kustomization.yaml\npatches:\n- path: ${kustomize}` },
    { key: 'jsonPatch', title: 'JSON patch (RFC 6902)', file: json, lang: 'json', type: 'application/json',
      apply: `kubectl patch ${ref} -n ${ns} --type json -p "$(cat ${json})"` },
  ];
}

const field = (label, control, hint) => h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hint ? h('small', { class: 'hint' }, hint) : null);
const check = (id, label, testid) => h('label', { class: 'check', for: id }, h('input', { type: 'checkbox', id, 'data-testid': testid }), ` ${label}`);

function formView(f, text, i) {
  const code = h('code', { 'data-testid': `wire-${f.key}` });
  paint(code, text, f.lang);
  return h('section', { class: 'wire-form', 'data-form': f.key },
    h('h3', {}, f.title),
    h('div', { class: 'toolbar' }, h('span', { class: 'actions' },
      ...copyButton('Copy', () => text, `copy-${f.key}`),
      downloadButton(`Download ${f.file}`, () => text, () => f.file, f.type, `download-${f.key}`))),
    h('pre', { class: 'code', tabindex: '0' }, code),
    h('p', { class: 'hint' }, 'Apply it:'),
    h('pre', { class: 'code apply', tabindex: '0', 'data-testid': `apply-${f.key}` }, h('code', {}, f.apply)),
    ...copyButton('Copy command', () => f.apply, `copy-apply-${i}`));
}

/**
 * The wiring of `target` for the design: `wire` of the one connection, or, when the design holds
 * several (`set`, a WorkloadSet), the set's wiring with `target` as its existing workload (the
 * set's sample workload left out: the existing one takes its place). Errors under the set's
 * `existing` are named `target`, as `wire` names them.
 */
export function wiringOf(spec, set, target) {
  if (!set) return wire(structuredClone(spec ?? {}), target);
  const { workload, ...rest } = set;
  try {
    return composeWorkload({ ...structuredClone(rest), existing: target }).wiring;
  } catch (e) {
    if (typeof e.field === 'string' && /^existing\b/.test(e.field)) {
      const field = e.field.replace(/^existing/, 'target');
      e.message = e.message.replace(e.field, field);
      e.field = field;
    }
    throw e;
  }
}

/**
 * Mounts the panel once the cluster module is loaded; `current()` gives the design (`spec`, and
 * `set` when it holds several connections) as the form holds it now.
 */
export async function mount(host, current) {
  // Hosts that compute .wasm URLs themselves pass this one as ?clusterWasm=.
  const url = new URLSearchParams(location.search).get('clusterWasm');
  await initCluster(url ? { module_or_path: url } : undefined);

  const kind = h('select', { id: 'wire-kind', 'data-testid': 'wire-kind' }, KINDS.map((k) => h('option', { value: k }, k)));
  const name = h('input', { id: 'wire-name', type: 'text', 'data-testid': 'wire-name', spellcheck: 'false', placeholder: 'web' });
  const namespace = h('input', { id: 'wire-namespace', type: 'text', 'data-testid': 'wire-namespace', spellcheck: 'false' });
  const rows = h('ol', { class: 'wire-containers', 'data-testid': 'wire-containers' });
  const podLabels = check('wire-pod-labels', 'the pod template has labels', 'wire-hasPodLabels');
  const volumes = check('wire-volumes', 'the pod spec has volumes', 'wire-hasVolumes');
  const out = h('div', { id: 'wire-result', 'data-testid': 'wire-result', 'aria-live': 'polite' });

  let n = 0;
  const addRow = () => {
    const i = n++;
    const row = h('li', { class: 'wire-container' },
      field('Container name', h('input', { id: `wire-c${i}-name`, type: 'text', 'data-testid': `wire-container-${i}`, spellcheck: 'false', placeholder: 'app', 'data-bind': 'name' })),
      field('Index', h('input', { id: `wire-c${i}-index`, type: 'number', min: '0', step: '1', 'data-testid': `wire-index-${i}`, 'data-bind': 'index', placeholder: String(rows.children.length) }),
        'its place in the pod template\u2019s containers, from 0'),
      h('div', { class: 'checks' },
        check(`wire-c${i}-envfrom`, 'has envFrom', `wire-hasEnvFrom-${i}`),
        check(`wire-c${i}-env`, 'has env', `wire-hasEnv-${i}`),
        check(`wire-c${i}-mounts`, 'has volumeMounts', `wire-hasVolumeMounts-${i}`)),
      rows.children.length ? h('button', { type: 'button', class: 'remove', 'data-testid': `wire-remove-${i}`, title: 'Remove this container from the wiring', onclick: (e) => { e.target.closest('li').remove(); run(); } }, 'Remove') : null);
    for (const cb of row.querySelectorAll('input[type="checkbox"]')) cb.dataset.bind = cb.id.replace(/^wire-c\d+-/, '');
    rows.append(row);
  };

  const values = () => ({
    kind: kind.value, name: name.value, namespace: namespace.value,
    containers: [...rows.children].map((li) => {
      const get = (b) => li.querySelector(`[data-bind="${b}"]`);
      return { name: get('name').value, index: get('index').value, hasEnvFrom: get('envfrom').checked, hasEnv: get('env').checked, hasVolumeMounts: get('mounts').checked };
    }),
    hasPodLabels: podLabels.querySelector('input').checked, hasVolumes: volumes.querySelector('input').checked,
  });

  const failure = (message) => out.replaceChildren(h('p', { class: 'finding error', role: 'alert', 'data-testid': 'wire-error' },
    h('span', { class: 'sev-icon', 'aria-hidden': 'true' }, '⛔'), h('strong', { class: 'sev-word' }, 'Error'), ' ', message));

  function run() {
    const { spec, set } = current();
    namespace.placeholder = spec?.namespace || 'default';
    const target = targetOf(values());
    if (!target) {
      out.replaceChildren(h('p', { class: 'muted', 'data-testid': 'wire-empty' }, 'Give the workload\u2019s name and a container to see the patches.'));
      return;
    }
    let wiring;
    try {
      wiring = wiringOf(spec, set, target);
    } catch (e) {
      if (e.code === 'invalid-spec') failure('The design has errors (marked ⛔ Error in the form): fix them to wire a workload.');
      else failure(`Not wired: ${e.field ? `${e.field}: ` : ''}${e.message.replace(/^[\w.[\]]+: /, '')}`);
      return;
    }
    const scope = set ? h('p', { class: 'hint', 'data-testid': 'wire-scope' },
      `Wires all ${set.connections.length} connections of the design: every Secret and volume they need, in one patch.`) : null;
    out.replaceChildren(...(scope ? [scope] : []), ...forms(target, spec?.namespace).map((f, i) => formView(f, wiring[f.key], i)));
  }

  addRow();
  const more = h('button', { type: 'button', 'data-testid': 'wire-add', onclick: () => { addRow(); } }, 'Add a container');
  host.replaceChildren(
    h('p', { class: 'hint' }, 'The YAML tab\u2019s workload is a sample that shows what a connected pod looks like. To connect a workload you already run, name it here: the patches add only what connects it (ServiceAccount and label for workload identity, the Secret as environment, or the Key Vault CSI volume) and leave everything else as it is.'),
    h('div', { class: 'grid' },
      field('Existing workload\u2019s kind', kind),
      field('Existing workload\u2019s name', name),
      field('Existing workload\u2019s namespace', namespace, 'for the kustomize file; default: the connection\u2019s')),
    h('h3', {}, 'Containers to wire'),
    rows, more,
    h('p', { class: 'hint' }, 'For the JSON patch, which cannot add to a list that does not exist: say which lists the workload already has.'),
    h('div', { class: 'checks' }, podLabels, volumes),
    out,
  );
  host.addEventListener('input', (e) => { if (e.target !== host) run(); });
  host.addEventListener('change', (e) => { if (e.target.matches('select, input[type="checkbox"]')) run(); });
  // A change to the design wires the same workload again.
  window.addEventListener('designer:update', run);
  run();
  host.dataset.ready = 'true';
}
