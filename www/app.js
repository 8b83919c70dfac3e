// Connection designer: builds a connection spec from the form, and shows what
// the wasm core renders, plans and diagnoses for it. No framework, no inline
// script or style, so it runs under a VS Code webview's or portal iframe's CSP.
import init, * as sc from './pkg/aks_service_connector.js';

const $ = (id) => document.getElementById(id);
const AUTH_FIELDS = {
  'workload-identity': [
    ['clientId', 'Identity client id (GUID)'],
    ['identityId', 'Identity resource id'],
    ['tenantId', 'Tenant id'],
  ],
  'service-principal': [
    ['clientId', 'Client id'],
    ['objectId', 'Object id'],
    ['secret', 'Client secret', 'password'],
    ['tenantId', 'Tenant id'],
  ],
  secret: [
    ['username', 'Username'],
    ['password', 'Password', 'password'],
  ],
  'connection-string': [],
  'keyvault-csi': [
    ['tenantId', 'Tenant id'],
    ['values.AZURE_KEYVAULT_CLIENTID', 'Add-on identity client id'],
  ],
};

let catalog;
let lastYaml = '';

function option(value, text, selected) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  o.selected = Boolean(selected);
  return o;
}

function field(id, label, type = 'text') {
  const l = document.createElement('label');
  l.textContent = label;
  const input = document.createElement('input');
  input.id = `f-${id}`;
  input.dataset.field = id;
  input.dataset.testid = id;
  input.type = type;
  l.append(input);
  return l;
}

function currentTarget() {
  return catalog.targets.find((t) => t.id === $('target').value);
}

function fillTargetDependents() {
  const t = currentTarget();
  const names = new Map(catalog.authTypes.map((a) => [a.id, a.displayName]));
  const clients = new Map(catalog.clientTypes.map((c) => [c.id, c.displayName]));
  $('auth').replaceChildren(...t.authTypes.map((a) => option(a, `${names.get(a)} (${a})`, a === t.defaultAuth)));
  $('client').replaceChildren(...t.clientTypes.map((c) => option(c, clients.get(c), c === 'none')));
  $('params').replaceChildren(
    ...t.parameters.map((p) => field(`target.${p.field}`, `${p.field} (${p.flag})`, p.secret ? 'password' : 'text')),
  );
  $('kind-row').hidden = t.id !== 'cognitiveservices';
  $('connectionName').placeholder = `${t.id.replaceAll('-', '')}_conn`;
  fillAuthFields();
}

function fillAuthFields() {
  // The az CLI takes only a connection string for MongoDB Atlas (it sends the name NA).
  const atlas = currentTarget().id === 'mongodb-atlas' && $('auth').value === 'secret';
  const fields = atlas ? [['password', 'Connection string (mongodb+srv://…)', 'password']] : AUTH_FIELDS[$('auth').value] ?? [];
  $('auth-fields').replaceChildren(...fields.map(([id, label, type]) => field(id.includes('.') ? id : `auth.${id}`, label, type)));
}

function set(obj, path, value) {
  const parts = path.split('.');
  let cur = obj;
  for (const p of parts.slice(0, -1)) cur = cur[p] ??= {};
  cur[parts.at(-1)] = value;
}

/** The connection spec the form describes; empty inputs are left out so defaults apply. */
export function specFromForm() {
  const spec = { target: { type: $('target').value } };
  const put = (path, value) => { if (value !== '' && value != null) set(spec, path, value); };
  if (!$('kind-row').hidden) put('target.kind', $('kind').value);
  put('target.subscription', $('targetSubscription').value.trim());
  for (const input of document.querySelectorAll('[data-field]')) put(input.dataset.field, input.value);
  put('auth.type', $('auth').value);
  put('clientType', $('client').value);
  put('connectionName', $('connectionName').value.trim());
  put('namespace', $('namespace').value.trim());
  put('cluster.subscription', $('clusterSubscription').value.trim());
  put('cluster.resourceGroup', $('clusterResourceGroup').value.trim());
  put('cluster.name', $('clusterName').value.trim());
  put('workload.kind', $('workloadKind').value === 'Job' ? '' : $('workloadKind').value);
  put('workload.image', $('image').value.trim());
  if ($('another').checked) spec.anotherConnectionOfType = true;
  return spec;
}

function showFindings(findings) {
  $('findings').replaceChildren(
    ...findings.map((f) => {
      const li = document.createElement('li');
      li.className = f.severity;
      li.dataset.code = f.code;
      const code = document.createElement('code');
      code.textContent = `${f.code} ${f.field}`;
      li.append(code, `: ${f.message}`);
      return li;
    }),
  );
}

// SC026: the docs list no configuration keys for this combination, so the Secret is
// empty; said next to the YAML, where the empty Secret is.
function showKeyNote(result) {
  const f = result?.findings.find((x) => x.code === 'SC026');
  const secret = result?.documents.find((d) => d.kind === 'Secret');
  $('key-note').hidden = !f;
  $('key-note').textContent = f ? `Secret ${secret?.name ?? ''} has no keys: ${f.message}` : '';
}

function pre(text) {
  const p = document.createElement('pre');
  p.textContent = text;
  return p;
}

function heading(text) {
  const h = document.createElement('h3');
  h.textContent = text;
  return h;
}

const STATUS = { applies: 'will happen', alreadyDone: 'already done', notApplicable: 'not needed', unknown: 'unknown' };

function showPlan(spec) {
  if (typeof sc.plan !== 'function') return;
  try {
    const plan = sc.plan(spec, {});
    const out = [heading('Operations')];
    for (const op of plan.operations ?? []) {
      const div = document.createElement('div');
      div.className = `plan-op ${op.status ?? ''}`;
      div.dataset.op = op.id;
      div.textContent = `${op.title} — ${STATUS[op.status] ?? op.status}: ${op.reason ?? ''}`;
      out.push(div);
    }
    if (plan.federatedCredential) {
      out.push(heading('Federated identity credential'), pre(plan.federatedCredential.command?.maskedLine ?? JSON.stringify(plan.federatedCredential, null, 2)));
    }
    if (plan.az?.create) out.push(heading('az CLI'), pre(plan.az.create.maskedLine ?? plan.az.create.line));
    for (const r of plan.requests ?? []) {
      out.push(heading(`ARM request (${r.apiVersion})`), pre(`${r.method} ${r.url}\n${JSON.stringify(r.maskedBody ?? r.body, null, 2)}`));
    }
    if (plan.bicep?.text) out.push(heading('Bicep'), pre(plan.bicep.text));
    const lines = (cmds) => cmds.map((c) => `${c.note ? `# ${c.note}\n` : ''}${c.maskedLine ?? c.line}`).join('\n');
    if (plan.cleanup?.length) out.push(heading('Cleanup after deleting the connection'), pre(lines(plan.cleanup)));
    if (plan.troubleshooting?.length) out.push(heading('Troubleshooting'), pre(lines(plan.troubleshooting)));
    $('plan').replaceChildren(...out);
  } catch (e) {
    $('plan').replaceChildren(pre(`${e.code ?? 'error'}: ${e.message}`));
  }
}

function update() {
  const spec = specFromForm();
  $('spec').textContent = JSON.stringify(spec, null, 2);
  try {
    const result = sc.render(spec, { secretEncoding: $('encoding').value });
    lastYaml = result.yaml;
    $('yaml').textContent = result.yaml;
    $('doc-list').textContent = result.documents.map((d) => `${d.kind}/${d.name}`).join(' · ');
    showFindings(result.findings);
    showKeyNote(result);
  } catch (e) {
    lastYaml = '';
    showKeyNote(null);
    $('yaml').textContent = `# ${e.code ?? 'error'}: ${e.message}`;
    $('doc-list').textContent = '';
    showFindings(e.findings ?? [{ code: e.code ?? 'error', severity: 'error', field: e.field ?? '$', message: e.message }]);
  }
  showPlan(spec);
}

// The classifier is the package's second module: fetched the first time the Troubleshoot
// tab is opened, so the designer's first render does not wait for it.
let classifier;
function loadClassifier() {
  classifier ??= import('./pkg/aks_service_connector_classify.js').then(async (m) => {
    // Hosts that compute .wasm URLs themselves pass this one as ?classifyWasm=.
    const url = new URLSearchParams(location.search).get('classifyWasm');
    await m.default(url ? { module_or_path: url } : undefined);
    return m;
  });
  return classifier;
}

async function diagnose() {
  const text = $('error-text').value;
  const { classify } = await loadClassifier();
  // A later keystroke may have finished first; only the current text is shown.
  if (text !== $('error-text').value) return;
  const context = {};
  const rg = $('clusterResourceGroup').value.trim();
  const cluster = $('clusterName').value.trim();
  if (rg) context.resourceGroup = rg;
  if (cluster) context.cluster = cluster;
  const d = classify(text, context);
  const out = [pre(`category: ${d.category}`)];
  for (const m of d.matches ?? []) {
    const lines = [`${m.title ?? m.id} (${Math.round((m.confidence ?? 0) * 100)}%)`];
    if (m.cause) lines.push(`cause: ${m.cause}`);
    for (const step of m.mitigation ?? []) lines.push(`- ${step}`);
    for (const c of m.commands ?? []) lines.push(`$ ${typeof c === 'string' ? c : c.command ?? JSON.stringify(c)}`);
    out.push(pre(lines.join('\n')));
  }
  $('diagnosis').replaceChildren(...out);
}

function selectTab(name) {
  if (name === 'classify') loadClassifier().catch(showClassifierError);
  for (const b of document.querySelectorAll('[role="tab"]')) b.setAttribute('aria-selected', String(b.dataset.tab === name));
  for (const p of document.querySelectorAll('[data-pane]')) p.hidden = p.dataset.pane !== name;
}

function showClassifierError(e) {
  classifier = undefined;
  $('diagnosis').replaceChildren(pre(`the classifier could not be loaded: ${e.message}`));
}

async function main() {
  // Hosts that compute the .wasm URL themselves (VS Code asWebviewUri) pass it as ?wasm=.
  const wasmUrl = new URLSearchParams(location.search).get('wasm');
  await init(wasmUrl ? { module_or_path: wasmUrl } : undefined);
  catalog = sc.catalog();
  $('version').textContent = `v${sc.version()}`;
  $('target').replaceChildren(
    ...catalog.targets.map((t) => option(t.id, `${t.displayName}${t.deprecated ? ' (deprecated)' : ''}`, t.id === 'storage-blob')),
  );
  $('kind').replaceChildren(...catalog.cognitiveKinds.map((k) => option(k, k, k === 'AIServices')));
  for (const b of document.querySelectorAll('[data-needs]')) b.hidden = typeof sc[b.dataset.needs] !== 'function';
  fillTargetDependents();
  $('target').addEventListener('change', fillTargetDependents);
  $('auth').addEventListener('change', fillAuthFields);
  $('form').addEventListener('input', update);
  $('form').addEventListener('change', update);
  $('error-text').addEventListener('input', () => diagnose().catch(showClassifierError));
  for (const b of document.querySelectorAll('[role="tab"]')) b.addEventListener('click', () => selectTab(b.dataset.tab));
  $('copy').addEventListener('click', () => navigator.clipboard?.writeText(lastYaml));
  update();
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  document.body.dataset.ready = 'error';
  $('yaml').textContent = `failed to start: ${e.message}`;
  throw e;
});
