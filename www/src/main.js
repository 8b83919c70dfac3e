// Connection designer: the form edits one state (spec, Secret encoding, plan context); every
// change renders, plans and places the findings at once. A workload with several connections
// (./workload-set.js) is composed by the cluster module, fetched when a second one is added. The
// classifier and the provisioning code, and the drift check (the cluster module and the YAML
// parser), are separate chunks, fetched when their tab is first opened.
import init, * as sc from 'aks-service-connector';
import { $, copyButton, downloadButton, h, tabs } from './dom.js';
import * as form from './form.js';
import { item, merge, place, placeholderFindings, summary } from './findings.js';
import { paint } from './highlight.js';
import { initPreview, showPreview } from './preview.js';
import { showPlan } from './plan-view.js';
import { load, normalize, save } from './state.js';
import * as ws from './workload-set.js';

let catalog;
let saveTimer;
let state;
let last = { spec: null, result: null, plan: null };
const groups = {};

function targetName(spec, c) {
  const p = c.target.parameters.filter((x) => !x.secret).map((x) => spec.target?.[x.field]).filter(Boolean);
  return `${c.target.displayName}${p.length ? `: ${p.at(-1)}` : ''}`;
}

/** Renders, plans and shows everything for the current state. */
function update() {
  const spec = structuredClone(state.spec);
  const c = form.choices(catalog, spec);
  let result = null;
  let plan = null;
  let findings = [];
  let errorText = '';
  let planError = '';
  let setFindings = [];
  // The design's WorkloadSet when it holds several connections: composed for the preview, shown
  // in the Spec tab, and wired to an existing workload by the Wire tab.
  const set = state.set ? ws.workloadSet(state) : null;
  if (set) {
    ({ result, setFindings, errorText } = composed(set));
    findings = ws.shown(setFindings, state.set.active);
  } else {
    try {
      result = sc.render(spec, { secretEncoding: state.encoding });
      findings = result.findings;
    } catch (e) {
      findings = e.findings?.length ? e.findings : [{ code: e.code ?? 'error', severity: 'error', field: e.field ?? '$', message: e.message }];
      errorText = `# ${e.code ?? 'error'}: ${e.message}\n# Fix the fields marked ⛔ Error; the YAML follows.`;
    }
  }
  ws.draw($('set-fields'), catalog, state, setFindings, setActions);
  try {
    plan = sc.plan(spec, state.context);
    findings = merge(findings, plan.findings, placeholderFindings(plan));
  } catch (e) {
    planError = `${e.code ?? 'error'}: ${e.message}`;
    if (result) findings = merge(findings, e.findings?.length ? e.findings : [{ code: e.code, severity: 'error', field: e.field ?? 'context', message: e.message }]);
  }
  findings = merge(findings);
  last = { spec, result, plan, choices: c, set };
  const rest = place($('form'), findings, $('general-findings'));
  $('findings').replaceChildren(...findings.map((f) => {
    const li = item(f);
    li.querySelector('code').textContent = `${f.code} ${f.field}`;
    return li;
  }));
  $('findings-summary').textContent = `${summary(findings)}${findings.length ? ` — shown next to their fields${rest.length ? ' and below' : ''}` : ''}`;
  const sc026 = findings.find((f) => f.code === 'SC026');
  const secret = result?.documents.find((d) => d.kind === 'Secret');
  $('key-note').hidden = !sc026;
  $('key-note').textContent = sc026 ? `Secret ${secret?.name ?? ''} has no keys: ${sc026.message}` : '';
  showPreview(result, state.set ? 'workload' : spec.connectionName ?? `${c.target.id.replaceAll('-', '')}_conn`, errorText);
  // The Plan and Spec views are drawn when shown: a keystroke redraws only what is on screen.
  // With several connections, the plan is the edited one's (each connection is created on its
  // own), its diagram with that connection's objects and the shared workload.
  const active = state.set?.active;
  const planDocs = result?.documents.filter((d) => active === undefined || !d.connections || d.connections.includes(active));
  const planTarget = state.set ? `${targetName(spec, c)} (connection [${active}] of ${state.set.connections.length})` : targetName(spec, c);
  views.plan = () => showPlan($('plan'), plan, planDocs, planTarget, planError);
  const specText = JSON.stringify(spec, null, 2);
  const setText = set ? JSON.stringify(set, null, 2) : '';
  views.spec = () => {
    paint($('spec'), specText, 'json');
    $('set-spec').hidden = !setText;
    paint($('set-json'), setText, 'json');
  };
  $('spec').dataset.json = specText;
  $('set-json').dataset.json = setText;
  drawShown();
  $('encoding').value = state.encoding;
  // Saved once typing pauses: browsers throttle rapid history updates.
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => save(state), 250);
  window.dispatchEvent(new CustomEvent('designer:update'));
}

// The cluster module (composeWorkload) is fetched when the design first has two connections.
let cluster = null;
let clusterLoad = null;
let clusterError = null;
function loadCluster() {
  // Hosts that compute .wasm URLs themselves pass this one as ?clusterWasm=.
  const url = new URLSearchParams(location.search).get('clusterWasm');
  clusterLoad ??= import('aks-service-connector/cluster')
    .then(async (m) => { await m.default(url ? { module_or_path: url } : undefined); cluster = m; })
    .catch((e) => { clusterError = e; clusterLoad = null; })
    .then(() => update());
}

/** The YAML and findings (unlocalized) of `set`, from the cluster module once it is loaded. */
function composed(set) {
  if (!cluster) {
    if (!clusterError) loadCluster();
    const errorText = clusterError
      ? `# The cluster module could not be loaded: ${clusterError.message}`
      : '# Loading the cluster module for several connections…';
    return { result: null, setFindings: [], errorText };
  }
  try {
    const result = cluster.composeWorkload(set, { secretEncoding: state.encoding });
    return { result, setFindings: result.findings, errorText: '' };
  } catch (e) {
    const setFindings = e.findings?.length ? e.findings : [{ code: e.code ?? 'error', severity: 'error', field: e.field ?? '$', message: e.message }];
    const errorText = `# ${e.code ?? 'error'}: ${e.message}\n# Fix the connections marked ⛔ and the fields marked ⛔ Error; the YAML follows.`;
    return { result: null, setFindings, errorText };
  }
}

/** The connection list's buttons: edit another connection, add one, remove the edited one. */
const setActions = {
  select: (i) => { ws.select(state, i); reload(); },
  add: () => { ws.add(state); reload(); document.querySelector('[data-testid="target"]')?.focus(); },
  remove: () => { ws.remove(state); reload(); },
};

/** Rebuilds the form from the state and shows it. */
function reload() {
  ws.invalidate();
  rebuild();
  form.fillStatic($('form'), state);
  update();
}

const views = { plan: null, spec: null };
let shownTab = 'yaml';
function drawShown() {
  const draw = views[shownTab];
  if (draw) { views[shownTab] = null; draw(); }
}

function rebuild() {
  form.build(catalog, state, groups);
}

/** Replaces the whole state (a pasted or opened spec) and rebuilds the form from it. */
function replaceSpec(spec) {
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) throw new Error('expected a JSON object (a connection spec)');
  if (!catalog.targets.some((t) => t.id === spec.target?.type)) {
    throw new Error(`expected target.type to be one of the catalog's ${catalog.targets.length} targets, found ${JSON.stringify(spec.target?.type ?? null)}`);
  }
  // A spec of the wrong shape (an unknown field, a number for a name) is refused here; one that
  // breaks a rule is loaded, its findings shown by the fields.
  sc.validate(spec);
  state.spec = spec;
  // With several connections, the pasted spec replaces the one edited.
  if (state.set) state.set.connections[state.set.active] = spec;
  ws.invalidate();
  rebuild();
  form.fillStatic($('form'), state);
  update();
}

function specPanel() {
  const status = $('spec-status');
  const fromText = (text, how) => {
    try {
      replaceSpec(JSON.parse(text));
      status.textContent = `${how}: the form shows it.`;
    } catch (e) {
      status.textContent = `Not loaded: ${e.message}`;
    }
  };
  const specText = () => $('spec').dataset.json;
  $('spec-actions').replaceChildren(
    ...copyButton('Copy spec', specText, 'copy-spec'),
    downloadButton('Download spec.json', specText, () => `${last.spec?.connectionName ?? 'connection'}.spec.json`, 'application/json', 'download-spec'),
  );
  const setText = () => $('set-json').dataset.json;
  $('set-spec-actions').replaceChildren(
    ...copyButton('Copy workload set', setText, 'copy-set'),
    downloadButton('Download workload-set.json', setText, () => 'workload-set.json', 'application/json', 'download-set'),
  );
  $('spec-file').addEventListener('change', async (e) => {
    const file = e.target.files?.[0];
    if (file) fromText(await file.text(), `Opened ${file.name}`);
    e.target.value = '';
  });
  $('spec-load').addEventListener('click', () => fromText($('spec-paste').value, 'Loaded'));
  $('spec-paste').addEventListener('paste', (e) => {
    const text = e.clipboardData?.getData('text');
    if (text) { e.preventDefault(); $('spec-paste').value = text; fromText(text, 'Pasted'); }
  });
}

// The lazily loaded panels: each module is imported once, when its tab is first opened.
const panels = {
  troubleshoot: () => import('./troubleshoot.js').then((m) => m.mount($('troubleshoot'), () => last)),
  drift: () => import('./drift-panel.js').then((m) => m.mount($('drift'), () => last)),
  wire: () => import('./wire-panel.js').then((m) => m.mount($('wire'), () => last)),
  provision: () => import('./provision-panel.js').then((m) => m.mount($('provision'), () => ({ ...last, context: state.context }), (name) => {
    state.spec.connectionName = name;
    form.fillStatic($('form'), state);
    update();
  })),
};
const mounted = {};
function openPanel(id) {
  if (!panels[id] || mounted[id]) return;
  mounted[id] = panels[id]().catch((e) => {
    mounted[id] = null;
    $(id).replaceChildren(h('p', { class: 'finding error' }, `This panel could not be loaded: ${e.message}`));
  });
}

async function main() {
  // Hosts that compute the .wasm URL themselves (VS Code asWebviewUri) pass it as ?wasm=.
  const wasmUrl = new URLSearchParams(location.search).get('wasm');
  await init(wasmUrl ? { module_or_path: wasmUrl } : undefined);
  performance.mark('designer:core-ready');
  catalog = sc.catalog();
  $('version').textContent = `v${sc.version()}`;
  state = load();
  if (!catalog.targets.some((t) => t.id === state.spec.target?.type)) state.spec = { target: { type: 'storage-blob' } };
  Object.assign(groups, { filter: $('target-filter'), target: $('target-field'), targetFields: $('target-fields'), auth: $('auth-fields'), keys: $('keys-fields'), keysCount: $('keys-count') });
  const s = form.staticFields();
  $('connection-fields').replaceChildren(...s.connection);
  $('cluster-fields').replaceChildren(...s.cluster);
  $('workload-fields').replaceChildren(...s.workload);
  $('context-fields').replaceChildren(...s.context);
  rebuild();
  form.fillStatic($('form'), state);
  performance.mark('designer:form-built');

  const onEdit = (e) => {
    const el = e.target.closest('[data-bind]');
    if (!el) return;
    // A vault connection's volume: the set's, not the spec's.
    if (el.dataset.bind.startsWith('mount:')) {
      if (e.type === 'input') { ws.setMount(state, el.dataset.bind.slice(6), el.value); update(); }
      return;
    }
    // Selects and checkboxes report through `change`, text through `input`.
    if (e.type === 'change' && el.tagName === 'INPUT' && el.type !== 'checkbox') return;
    if (e.type === 'input' && (el.tagName === 'SELECT' || el.type === 'checkbox')) return;
    const what = form.apply(catalog, state, el);
    ws.shareWorkload(state);
    if (what) {
      const focus = el.dataset.testid;
      rebuild();
      document.querySelector(`[data-testid="${CSS.escape(focus)}"]`)?.focus();
    }
    update();
  };
  $('form').addEventListener('input', onEdit);
  $('form').addEventListener('change', onEdit);
  $('form').addEventListener('submit', (e) => e.preventDefault());
  $('target-filter').addEventListener('input', () => {
    const select = $('target-field').querySelector('select');
    select.replaceChildren(...form.field({ bind: 'x', label: '', options: form.targetOptions(catalog, state.spec.target.type, $('target-filter').value), value: state.spec.target.type }).querySelector('select').children);
    select.value = state.spec.target.type;
  });
  // One column on narrow screens: the preview is below the whole form.
  $('to-output').addEventListener('click', () => {
    $('main-tabs').scrollIntoView({ block: 'start' });
    $('main-tabs').querySelector('[aria-selected="true"]')?.focus();
  });
  $('encoding').addEventListener('change', () => { state.encoding = $('encoding').value; update(); });
  initPreview();
  // The link holds the design (secrets left out): saved first, then copied.
  $('share').replaceChildren(...copyButton('Copy link', () => { clearTimeout(saveTimer); save(state); return location.href; }, 'copy-link'));
  specPanel();
  const main = tabs($('main-tabs'), (id) => { shownTab = id; drawShown(); openPanel(id); });
  window.addEventListener('pagehide', () => { clearTimeout(saveTimer); save(state); });
  window.addEventListener('hashchange', () => {
    const next = normalize(load());
    if (next && JSON.stringify([next.spec, next.set]) !== JSON.stringify([state.spec, state.set])) {
      state = next;
      ws.invalidate();
      rebuild();
      form.fillStatic($('form'), state);
      update();
    }
  });
  update();
  main.select('yaml');
  performance.mark('designer:first-preview');
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  document.body.dataset.ready = 'error';
  $('yaml').textContent = `failed to start: ${e.message}`;
  throw e;
});
