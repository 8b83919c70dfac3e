// The designer end to end: Vite builds www/ (as `bash .ci/serve` does), www/serve.mjs serves it
// with the strict CSP, and headless Chromium (system build, driven by playwright-core) uses it as
// a person would. The Provision tab runs against the fake ARM of js/test, which the server hands
// the page through its test-only meta tag (stub credential; see www/src/provision-panel.js).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { BUILD_DIR, csp, start } from '../serve.mjs';
import { startFakeArm } from '../../js/test/fake-arm.js';

const sc = createRequire(import.meta.url)('../../js/node.js');
const cluster = createRequire(import.meta.url)('../../js/cluster-node.js');
const SHOTS = fileURLToPath(new URL('../../target/designer/', import.meta.url));
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];
const SUB = '00000000-0000-0000-0000-000000000000';
const GUID = '44445555-aaaa-6666-bbbb-7777cccc8888';
const TABS = ['yaml', 'plan', 'troubleshoot', 'provision', 'drift', 'wire', 'spec'];
const DRIFT_LABEL = 'What the cluster holds (YAML or JSON)';
const SAMPLE_ERROR = "ERROR: (AuthorizationFailed) The client 'dev@contoso.com' with object id '11111111-2222-3333-4444-555555555555' does not have authorization to perform action 'Microsoft.ServiceLinker/linkers/write' over scope '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/aks-rg' or the scope is invalid. password=hunter2";

let server;
let fake;
let browser;
let context;
let page;
let origin;
let manifest;
/** Problems seen by every page: console errors, page errors, failed requests, error answers. */
const problems = [];
/** Console errors Chromium prints for ARM answers a test provoked on purpose (checked apart). */
const expectedArmErrors = [];
const requested = [];

function watch(p) {
  p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  p.on('console', (m) => {
    if (m.type() !== 'error') return;
    const url = m.location()?.url ?? '';
    if (fake && url.startsWith(fake.origin) && /Failed to load resource/.test(m.text())) expectedArmErrors.push(m.text());
    else problems.push(`console: ${m.text()} (${url})`);
  });
  p.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  p.on('response', (r) => { if (r.url().startsWith(origin) && r.status() >= 400) problems.push(`${r.status()} ${r.url()}`); });
}

before(async () => {
  await build({ configFile: fileURLToPath(new URL('../vite.config.mjs', import.meta.url)) });
  manifest = JSON.parse(readFileSync(`${BUILD_DIR}/.vite/manifest.json`, 'utf8'));
  fake = await startFakeArm();
  server = await start(0, { testArm: fake.origin });
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: FLAGS });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  page = await context.newPage();
  watch(page);
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  const response = await page.goto(`${origin}/`);
  assert.equal(response.headers()['content-security-policy'], csp([fake.origin]));
  await page.waitForSelector('body[data-ready]');
  assert.equal(await page.getAttribute('body', 'data-ready'), 'true', problems.join('\n'));
  mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  server?.close();
  await fake?.close();
});

const yamlText = () => page.textContent('#yaml');
const specShown = async (p = page) => JSON.parse(await p.getAttribute('#spec', 'data-json'));
const codes = (p = page) => p.$$eval('[data-testid="findings"] li', (lis) => lis.map((li) => li.dataset.code));
/** Every form control shows what the spec holds, or the default the core applies when it holds nothing. */
async function assertFormShowsSpec(p = page) {
  const mismatches = await p.evaluate(() => {
    const spec = JSON.parse(document.getElementById('spec').dataset.json);
    const get = (o, path) => path.split('.').reduce((x, k) => x?.[k], o);
    const defaults = { clientType: 'none', 'workload.kind': 'Job', 'target.kind': 'AIServices' };
    const out = [];
    for (const el of document.querySelectorAll('#form [data-bind^="spec:"]')) {
      const path = el.dataset.bind.slice(5);
      const want = get(spec, path);
      if (el.type === 'checkbox') {
        if (el.checked !== Boolean(want)) out.push(`${path}: form ${el.checked}, spec ${want}`);
      } else if (want === undefined && path === 'auth.type') {
        if (!el.selectedOptions[0].textContent.includes('(default)')) out.push(`auth.type: form ${el.value}, not the default`);
      } else if ((want ?? defaults[path] ?? '') !== el.value) {
        out.push(`${path}: form ${JSON.stringify(el.value)}, spec ${JSON.stringify(want)}`);
      }
    }
    const command = document.querySelector('[data-bind="command"]').value;
    if (command !== (spec.workload?.command ?? []).join(' ')) out.push(`command: form ${command}`);
    for (const el of document.querySelectorAll('#form [data-bind^="key:"]')) {
      if (el.value !== (spec.customizedKeys?.[el.dataset.bind.slice(4)] ?? '')) out.push(`${el.dataset.bind}: form ${el.value}`);
    }
    return out;
  });
  assert.deepEqual(mismatches, []);
}

const openTab = async (id, p = page) => {
  await p.click(`#tab-${id}`);
  await p.waitForSelector(`#pane-${id}:not([hidden])`);
};

test('the first load fetches only the page, its entry, the core .wasm, the CSS and the icon', async () => {
  const entry = manifest['index.html'];
  const wasm = entry.assets.find((a) => a.endsWith('.wasm'));
  const icon = entry.assets.find((a) => a.endsWith('.svg'));
  assert.ok(wasm && icon, JSON.stringify(entry));
  assert.deepEqual(new Set(requested), new Set(['/', `/${entry.file}`, `/${entry.css[0]}`, `/${wasm}`, `/${icon}`]));
  // Preloaded by the page and used by init: fetched once.
  assert.equal(requested.filter((p) => p === `/${wasm}`).length, 1, requested.join(' '));
  // The cluster module: for the Drift and Wire tabs, and for a design's second connection.
  assert.deepEqual(entry.dynamicImports.sort(), ['../js/pkg/aks_service_connector_cluster.js', 'src/drift-panel.js', 'src/provision-panel.js', 'src/troubleshoot.js', 'src/wire-panel.js']);
  // The Azure SDK, the classifier and the YAML parser are not in the entry's static graph.
  assert.deepEqual(entry.imports ?? [], []);
  const first = await page.evaluate(() => performance.getEntriesByName('designer:first-preview')[0]?.startTime);
  assert.ok(first > 0);
  console.log(`designer first preview: ${first.toFixed(0)} ms after navigation start (cold, local server)`);
});

test('the main controls carry their exact labels', async () => {
  for (const label of ['Target service', 'Authentication', 'Client type', 'Connection name', 'Namespace']) {
    assert.equal(await page.getByLabel(label, { exact: true }).count(), 1, label);
  }
  assert.equal(await page.getByRole('region', { name: 'YAML preview' }).count(), 1);
  assert.equal(await page.getByLabel('Storage account', { exact: true }).count(), 1);
  assert.equal(await page.getByLabel('Resource group', { exact: true }).count(), 1);
  assert.match(await page.textContent('[data-path="target.account"] .hint'), /--account/);
  // Grouped by family, with the auth types the target takes and one line on each.
  const families = await page.$$eval('[data-testid="target"] optgroup', (gs) => gs.map((g) => g.label));
  assert.ok(families.includes('Storage') && families.includes('Messaging'), families.join());
  const auths = await page.$$eval('[data-testid="auth"] option', (os) => os.map((o) => o.textContent));
  assert.equal(auths.length, 3);
  assert.match(auths[0], /^Workload identity \(default\): /);
  assert.match(await page.textContent('[data-path="auth.identityId"] .hint'), /\/subscriptions\/<subscription-id>\/resourceGroups\/<resource-group>\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/<name>/);
  // The fields an auth type takes are the core's.
  const storage = sc.catalog().targets.find((t) => t.id === 'storage-blob');
  const wiFields = storage.authInputs.find((a) => a.auth === 'workload-identity').fields;
  assert.deepEqual(await page.$$eval('#auth-fields [data-bind^="spec:auth."]:not([data-bind="spec:auth.type"])', (els) => els.map((e) => e.dataset.bind.slice(5))), wiFields);
});

test('the target filter narrows the service list', async () => {
  await page.fill('[data-testid="target-filter"]', 'cosmos');
  const shown = await page.$$eval('[data-testid="target"] option', (os) => os.map((o) => o.value));
  assert.ok(shown.every((v) => v.startsWith('cosmos') || v === 'storage-blob'), shown.join());
  assert.ok(shown.length >= 6);
  await page.fill('[data-testid="target-filter"]', '');
});

test('for every target, the preview documents are the core\u2019s output for the same spec', async () => {
  for (const t of sc.catalog().targets) {
    await page.selectOption('[data-testid="target"]', t.id);
    const spec = await specShown();
    assert.equal(spec.target.type, t.id);
    await assertFormShowsSpec();
    const r = sc.render(spec, { secretEncoding: 'stringData' });
    await page.click('#doc-tabs [data-tab="all"]');
    assert.equal(await yamlText(), r.yaml, t.id);
    const tabs = await page.$$eval('#doc-tabs [role="tab"]', (bs) => bs.map((b) => b.dataset.tab));
    assert.deepEqual(tabs, ['all', ...r.documents.map((d) => `${d.kind}/${d.name}`)], t.id);
    for (const d of r.documents) {
      await page.click(`#doc-tabs [data-tab="${d.kind}/${d.name}"]`);
      assert.equal(await yamlText(), d.yaml, `${t.id} ${d.kind}`);
    }
  }
  await page.selectOption('[data-testid="target"]', 'storage-blob');
  await page.click('#doc-tabs [data-tab="all"]');
});

test('switching authentication updates the preview and the auth fields', async () => {
  assert.match(await yamlText(), /kind: ServiceAccount/);
  await page.selectOption('[data-testid="auth"]', 'connection-string');
  const text = await yamlText();
  assert.doesNotMatch(text, /kind: ServiceAccount/);
  assert.match(text, /AZURE_STORAGEBLOB_CONNECTIONSTRING/);
  assert.ok((await codes()).includes('SC020'));
  assert.equal(await page.locator('[data-testid="auth.clientId"]').count(), 0);
  await page.selectOption('[data-testid="auth"]', 'service-principal');
  assert.equal(await page.locator('[data-testid="auth.secret"]').getAttribute('type'), 'password');
  await page.selectOption('[data-testid="auth"]', 'workload-identity');
  assert.match(await yamlText(), /kind: ServiceAccount/);
  await assertFormShowsSpec();
});

test('findings sit next to the field they name, with an icon and a word for the severity', async () => {
  await page.fill('[data-testid="namespace"]', 'Bad_NS');
  const item = page.locator('[data-path="namespace"] .field-findings li[data-code="SC003"]');
  assert.equal(await item.count(), 1);
  assert.match(await item.textContent(), /^⛔Error SC003 /);
  assert.equal(await page.getAttribute('[data-testid="namespace"]', 'aria-invalid'), 'true');
  assert.match(await yamlText(), /invalid-spec/);
  await page.fill('[data-testid="namespace"]', 'apps');
  assert.match(await yamlText(), /namespace: apps/);
  // The plan's placeholder finding, next to each field it names.
  const sc032 = page.locator('[data-path="target.account"] li[data-code="SC032"]');
  assert.match(await sc032.textContent(), /^ℹNote SC032 needed by the ARM request and the az command/);
  assert.ok((await codes()).includes('SC032'));
  await page.fill('[data-testid="target.account"]', 'mystore');
  assert.equal(await sc032.count(), 0);
  assert.match(await yamlText(), /https:\/\/mystore\.blob\.core\.windows\.net\//);
  const warning = page.locator('[data-path="auth.clientId"] li').first();
  assert.match(await warning.textContent(), /^(ℹNote|⚠Warning) SC0/);
});

test('keystroke-to-preview latency over 100 edits (a figure, not an assertion)', async () => {
  const times = await page.evaluate(async () => {
    const input = document.querySelector('[data-testid="namespace"]');
    const frame = [];
    const sync = [];
    for (let i = 0; i < 100; i += 1) {
      const t0 = performance.now();
      input.value = `ns-${i}`;
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      const t1 = performance.now();
      if (!document.getElementById('yaml').textContent.includes(`namespace: ns-${i}\n`)) throw new Error(`edit ${i} not shown`);
      // Until the frame that shows it has been laid out and painted.
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      sync.push(t1 - t0);
      frame.push(performance.now() - t0);
    }
    return { sync, frame };
  });
  const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))].toFixed(1); };
  console.log(`designer keystroke-to-preview latency over 100 edits: p50 ${pct(times.sync, 50)} ms, p95 ${pct(times.sync, 95)} ms (input event to preview updated); to the next painted frame p50 ${pct(times.frame, 50)} ms, p95 ${pct(times.frame, 95)} ms`);
  await page.fill('[data-testid="namespace"]', 'apps');
});

test('copy and download give the previewed text, and the encoding toggle re-renders', async () => {
  await page.click('#doc-tabs [data-tab="all"]');
  await page.click('[data-testid="copy"]');
  await page.waitForSelector('#yaml-actions .status:has-text("Copied")');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await yamlText());
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download"]')]);
  assert.match(download.suggestedFilename(), /\.yaml$/);
  assert.equal(readFileSync(await download.path(), 'utf8'), await yamlText());
  const secretTab = await page.$eval('#doc-tabs [data-tab^="Secret/"]', (b) => b.dataset.tab);
  await page.click(`#doc-tabs [data-tab="${secretTab}"]`);
  const [one] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download"]')]);
  assert.equal(readFileSync(await one.path(), 'utf8'), await yamlText());
  assert.match(await yamlText(), /^apiVersion: v1\nkind: Secret\n/);
  await page.selectOption('[data-testid="encoding"]', 'data');
  assert.match(await yamlText(), /\ndata:\n/);
  await page.selectOption('[data-testid="encoding"]', 'stringData');
  await page.click('#doc-tabs [data-tab="all"]');
});

test('the tabs follow the WAI-ARIA pattern: arrow keys, Home and End move the selection', async () => {
  await page.focus('#tab-yaml');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getAttribute('#tab-plan', 'aria-selected'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-plan');
  // Focus is visible: a 3 px outline on the focused tab.
  assert.deepEqual(await page.evaluate(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; }), ['solid', '3px']);
  assert.equal(await page.isVisible('#pane-plan'), true);
  assert.equal(await page.isHidden('#pane-yaml'), true);
  await page.keyboard.press('End');
  assert.equal(await page.getAttribute('#tab-spec', 'aria-selected'), 'true');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getAttribute('#tab-yaml', 'aria-selected'), 'true');
  assert.equal(await page.getAttribute('#tab-plan', 'tabindex'), '-1');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.getAttribute('#tab-spec', 'aria-selected'), 'true');
  await page.keyboard.press('Home');
  assert.equal(await page.getAttribute('#tab-yaml', 'aria-selected'), 'true');
});

test('the plan shows the operations, who runs them, a diagram and the ARM / az / Bicep forms', async () => {
  await page.fill('[data-testid="clusterResourceGroup"]', 'aks-rg');
  await page.fill('[data-testid="clusterName"]', 'my-aks');
  await openTab('plan');
  const spec = await specShown();
  const plan = sc.plan(spec, {});
  const ops = await page.$$eval('[data-testid="operations"] > li', (lis) => lis.map((li) => [li.dataset.op, li.dataset.status]));
  assert.deepEqual(ops, plan.operations.map((o) => [o.id, o.status]));
  assert.match(await page.textContent('[data-op="sc-extension"]'), /Service Connector/);
  assert.match(await page.textContent('[data-op="provider-service-linker"]'), /You run this/);
  assert.match(await page.textContent('[data-op="federated-identity-credential"]'), /Service Connector does this .*by hand only if/);
  const nodes = await page.$$eval('[data-testid="diagram"] [data-node]', (gs) => gs.map((g) => g.dataset.node));
  for (const n of ['cluster', 'extension', 'namespace', 'ServiceAccount', 'Secret', 'workload', 'identity', 'fic', 'role', 'target']) assert.ok(nodes.includes(n), `${n} in ${nodes}`);
  assert.match(await page.textContent('[data-testid="diagram"] desc'), /ServiceAccount .* token trusted by Federated credential/);
  assert.match(await page.textContent('[data-testid="arm"]'), /^PUT https:\/\/management\.azure\.com\/subscriptions\/.*\/resourceGroups\/aks-rg\/.*\/linkers\/storageblob_conn\?api-version=2024-07-01-preview/);
  await page.focus('#plan-sources [data-tab="arm"]');
  await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('[data-testid="az"]'), /az aks connection create storage-blob .*--account mystore/);
  await page.click('[data-testid="copy-az"]');
  assert.match(await page.evaluate(() => navigator.clipboard.readText()), /^az aks connection create storage-blob/);
  await page.focus('#plan-sources [data-tab="az"]');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.isVisible('[data-testid="bicep"]'), true);
  assert.equal(await page.textContent('[data-testid="bicep"]'), plan.bicep.text);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-bicep"]')]);
  assert.equal(readFileSync(await download.path(), 'utf8'), plan.bicep.text);
  // Told the providers are registered, the plan says so.
  await page.click('#g-context summary');
  await page.selectOption('[data-testid="context.serviceLinkerRegistered"]', 'true');
  assert.equal(await page.getAttribute('[data-op="provider-service-linker"]', 'data-status'), 'alreadyDone');
  await page.selectOption('[data-testid="context.serviceLinkerRegistered"]', 'false');
  assert.match(await page.textContent('[data-path="context.serviceLinkerRegistered"] li[data-code="SC034"]'), /^⚠Warning SC034 expected Microsoft\.ServiceLinker registered/);
  await page.selectOption('[data-testid="context.serviceLinkerRegistered"]', '');
  await page.fill('[data-testid="context.oidcIssuerUrl"]', 'https://issuer.example/abc');
  assert.match(await page.textContent('[data-path="context.oidcIssuerUrl"] li[data-code="SC036"]'), /trailing '\/'/);
  await page.fill('[data-testid="context.oidcIssuerUrl"]', 'not-a-url');
  assert.match(await page.textContent('[data-path="context.oidcIssuerUrl"] li'), /^⛔Error invalid-input .*expected an https:\/\/ URL/);
  assert.match(await page.textContent('[data-testid="plan-error"]'), /No plan: invalid-input: .*expected an https:\/\/ URL/);
  await page.fill('[data-testid="context.oidcIssuerUrl"]', '');
  await page.click('#g-context summary');
  assert.equal(await page.getAttribute('#g-context', 'open'), null);
});

test('troubleshoot: nothing for an empty box; a sample classified, its evidence marked, commands from the form', async () => {
  assert.ok(!requested.some((p) => /classify/.test(p)), 'the classifier is not loaded before its tab opens');
  await openTab('troubleshoot');
  await page.waitForSelector('#troubleshoot[data-ready]');
  const box = page.getByLabel('Error message', { exact: true });
  await box.fill('   ');
  assert.equal(await page.textContent('[data-testid="diagnosis"]'), '');
  await box.fill(SAMPLE_ERROR);
  assert.match(await page.textContent('[data-testid="category"]'), /category: authorization_failed/);
  assert.match(await page.textContent('[data-testid="cause"]'), /permissions/);
  const marks = await page.$$eval('[data-testid="evidence"] mark', (ms) => ms.map((m) => m.textContent));
  assert.ok(marks.includes('AuthorizationFailed'), marks.join('|'));
  assert.doesNotMatch(await page.textContent('[data-testid="evidence"]'), /hunter2/);
  assert.match(await page.textContent('[data-testid="commands"]'), /az role assignment list --assignee 11111111-2222-3333-4444-555555555555/);
  // Commands take the form's names.
  await box.fill("Operation returned an invalid status code 'Conflict': the cluster is updating");
  assert.match(await page.textContent('[data-testid="commands"]'), /az aks show -g aks-rg -n my-aks/);
  await box.fill('');
  assert.equal(await page.textContent('[data-testid="diagnosis"]'), '');
  await box.fill(SAMPLE_ERROR);
});

/** The documents of a YAML stream, changed by `edit(kind, text)` (null drops a document). */
const editDocs = (text, edit) => text.split(/^---\n/m).map((d) => edit(/^kind: (\w+)$/m.exec(d)?.[1], d)).filter((d) => d != null).join('---\n');
/** The design's own objects, as a cluster holds them, with a key of the Secret dropped and the ServiceAccount in another namespace. */
const driftedCopy = (own) => editDocs(own, (kind, d) => {
  if (kind === 'Secret') return d.replace(/^data:\n {2}[^\n]+\n/m, 'data:\n');
  if (kind === 'ServiceAccount') return d.replace(/^ {2}namespace: .+$/m, '  namespace: other-ns-q7');
  return d;
});

test('drift: the design\u2019s own objects show no drift; a changed copy its findings; bad input a clear error; the paste kept nowhere', async () => {
  assert.ok(!requested.some((p) => /drift-panel/.test(p)), 'the YAML parser is not loaded before its tab opens');
  const clusterWasm = (p) => /aks_service_connector_cluster_bg.*\.wasm$/.test(p);
  assert.ok(!requested.some(clusterWasm), 'the cluster module is not loaded before a tab needs it');
  await openTab('yaml');
  await page.selectOption('[data-testid="workloadKind"]', 'Deployment');
  await page.selectOption('[data-testid="encoding"]', 'data');
  await page.click('#doc-tabs [data-tab="all"]');
  const own = await yamlText();
  assert.match(own, /^kind: Secret$[^]*^data:\n {2}\w+: [A-Za-z0-9+/=]+$/m);
  assert.match(own, /^kind: Deployment$/m);
  await openTab('drift');
  await page.waitForSelector('#drift[data-ready]');
  assert.equal(requested.filter(clusterWasm).length, 1, 'the Drift tab loads the cluster module once');
  const before = requested.length;
  const box = page.getByLabel(DRIFT_LABEL, { exact: true });
  const result = page.locator('[data-testid="drift-result"]');
  const driftCodes = () => page.$$eval('[data-testid="drift-findings"] li', (lis) => lis.map((li) => li.dataset.code));
  const settled = (testid, pattern) => page.waitForFunction(([t, p]) => new RegExp(p).test(document.querySelector(`[data-testid="${t}"]`)?.textContent ?? ''), [testid, pattern]);

  await box.fill(own);
  await settled('drift-summary', '^✓No drift');
  assert.ok((await driftCodes()).every((c) => c === 'SD009'), (await driftCodes()).join());

  await box.fill(driftedCopy(own));
  await settled('drift-summary', '^⚠2 differences');
  assert.deepEqual((await driftCodes()).filter((c) => c !== 'SD009').sort(), ['SD002', 'SD003']);
  const missing = page.locator('[data-testid="drift-findings"] li[data-code="SD003"]');
  assert.match(await missing.textContent(), /^⛔Error SD003 cluster\[\d+\]\.data Secret \S+: expected key \w+, found none$/);
  assert.match(await page.textContent('[data-testid="drift-findings"] li[data-code="SD002"]'), /ServiceAccount \S+: expected namespace \S+, found "other-ns-q7"$/);

  // The design changes: the same paste is compared again.
  const ns = await page.inputValue('[data-testid="namespace"]');
  await page.fill('[data-testid="namespace"]', 'other-ns-q7');
  await settled('drift-command', '-n other-ns-q7 ');
  // The ServiceAccount is now where the design wants it; the Secret is in the old namespace.
  await page.waitForFunction(() => {
    const lis = [...document.querySelectorAll('[data-testid="drift-findings"] li')].filter((li) => li.dataset.code !== 'SD009');
    return lis.length === 1 && lis[0].dataset.code === 'SD002' && / Secret \S+: expected namespace other-ns-q7, found /.test(lis[0].textContent);
  });
  await page.fill('[data-testid="namespace"]', ns);
  await settled('drift-summary', '^⚠2 differences');
  // A design that does not render cannot be compared: the tab says so.
  const name = await page.inputValue('[data-testid="connectionName"]');
  await page.fill('[data-testid="connectionName"]', 'bad name!');
  await settled('drift-error', 'The design has errors \\(marked ⛔ Error in the form\\): fix them to compare\\.$');
  await page.fill('[data-testid="connectionName"]', name);
  await settled('drift-summary', '^⚠2 differences');

  await box.fill('kind: Secret\n  data: [\n');
  await settled('drift-error', '^⛔Error Not read: not YAML \\(.+ at line 1, column \\d+\\)$');
  assert.equal(await page.getAttribute('[data-testid="drift-error"]', 'role'), 'alert');
  await box.fill('just some words');
  await settled('drift-error', 'found a string$');
  await box.fill('{"kind": "List", "items": [{"metadata": {}}]}');
  await settled('drift-error', 'Not read: cluster\\.items\\[0\\]: expected a Kubernetes object with a kind, found none$');
  await box.fill('');
  await page.waitForFunction(() => document.querySelector('[data-testid="drift-result"]').childElementCount === 0);
  assert.equal(await result.textContent(), '');

  // The paste is not saved (link, local storage) and nothing was fetched for it.
  await box.fill(driftedCopy(own));
  await settled('drift-summary', '^⚠2 differences');
  await page.waitForTimeout(400);
  const hash = Buffer.from(new URL(page.url()).hash.slice(3), 'base64url').toString();
  const stored = await page.evaluate(() => JSON.stringify(localStorage));
  const secretLine = /^data:\n {2}\w+: ([A-Za-z0-9+/=]+)$/m.exec(own)[1];
  for (const kept of [hash, stored, page.url()]) {
    assert.ok(!kept.includes('other-ns-q7') && !kept.includes(secretLine), kept.slice(0, 200));
  }
  // (Chromium may fetch the page's icon again when the link changes.)
  assert.deepEqual(requested.slice(before).filter((p) => !/\/favicon-[\w-]+\.svg$/.test(p)), []);

  // The tab list's keys reach the tab.
  await page.focus('#tab-wire');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.getAttribute('#tab-drift', 'aria-selected'), 'true');
  assert.equal(await page.isVisible('#pane-drift'), true);
  await openTab('yaml');
  await page.selectOption('[data-testid="encoding"]', 'stringData');
});

test('wire: an existing workload\u2019s three patch forms, exactly as the cluster module gives them, with copy, download and the command; the sample stays a sample', async () => {
  // The sample workload is named as one, in the form and in its document tab.
  assert.equal(await page.textContent('#g-workload legend'), 'Sample workload');
  await openTab('yaml');
  const sampleTab = page.locator('#doc-tabs [data-tab^="Job/"], #doc-tabs [data-tab^="Deployment/"], #doc-tabs [data-tab^="Pod/"]');
  assert.match(await sampleTab.textContent(), /^(Job|Deployment|Pod) \(sample\)$/);

  await openTab('wire');
  await page.waitForSelector('#wire[data-ready]');
  const settled = (testid, pattern) => page.waitForFunction(([t, p]) => new RegExp(p).test(document.querySelector(`[data-testid="${t}"]`)?.textContent ?? ''), [testid, pattern]);
  await settled('wire-result', '^Give the workload\u2019s name and a container');
  const label = (text) => page.getByLabel(text, { exact: true });
  await label('Existing workload\u2019s kind').selectOption('StatefulSet');
  await label('Existing workload\u2019s name').fill('web');
  await page.fill('[data-testid="wire-container-0"]', 'app');
  await page.waitForSelector('[data-testid="wire-strategicMerge"]');
  const spec = await specShown();
  const ns = spec.namespace || 'default';
  const shown = async () => Object.fromEntries(await Promise.all(['strategicMerge', 'kustomize', 'jsonPatch'].map(async (k) => [k, await page.textContent(`[data-testid="wire-${k}"]`)])));
  const expected = (target) => cluster.wire(spec, target);
  let target = { kind: 'StatefulSet', name: 'web', containers: [{ name: 'app', index: 0 }] };
  assert.deepEqual(await shown(), expected(target));
  assert.equal(await page.textContent('[data-testid="apply-strategicMerge"]'), `kubectl patch statefulset/web -n ${ns} --type strategic -p "$(cat web-patch.yaml)"`);
  assert.equal(await page.textContent('[data-testid="apply-jsonPatch"]'), `kubectl patch statefulset/web -n ${ns} --type json -p "$(cat web-patch.json)"`);
  assert.equal(await page.textContent('[data-testid="apply-kustomize"]'), '# kustomization.yaml\npatches:\n- path: web-kustomize-patch.yaml');

  // A second container that already has envFrom and env, at index 2; CronJob's template is deeper.
  await page.click('[data-testid="wire-add"]');
  await page.fill('[data-testid="wire-container-1"]', 'sidecar');
  await page.fill('[data-testid="wire-index-1"]', '2');
  await page.check('[data-testid="wire-hasEnvFrom-1"]');
  await page.check('[data-testid="wire-hasEnv-1"]');
  await page.check('[data-testid="wire-hasPodLabels"]');
  await label('Existing workload\u2019s kind').selectOption('CronJob');
  target = {
    kind: 'CronJob', name: 'web', hasPodLabels: true,
    containers: [{ name: 'app', index: 0 }, { name: 'sidecar', index: 2, hasEnvFrom: true, hasEnv: true }],
  };
  await settled('apply-jsonPatch', '^kubectl patch cronjob/web ');
  assert.deepEqual(await shown(), expected(target));
  const ops = JSON.parse(await page.textContent('[data-testid="wire-jsonPatch"]'));
  assert.deepEqual(ops.filter((o) => o.op === 'test').map((o) => o.path), ['/spec/jobTemplate/spec/template/spec/containers/0/name', '/spec/jobTemplate/spec/template/spec/containers/2/name']);

  // Copy and download give the text shown.
  await page.click('[data-testid="copy-strategicMerge"]');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected(target).strategicMerge);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-jsonPatch"]')]);
  assert.equal(download.suggestedFilename(), 'web-patch.json');
  assert.equal(readFileSync(await download.path(), 'utf8'), expected(target).jsonPatch);

  // The kustomize file's namespace: the one given, else the connection's.
  await label('Existing workload\u2019s namespace').fill('team-a');
  await settled('wire-kustomize', 'namespace: team-a');
  assert.deepEqual(await shown(), expected({ ...target, namespace: 'team-a' }));
  await label('Existing workload\u2019s namespace').fill('');

  // Bad input: a typed error naming the field, as an alert; then back.
  await label('Existing workload\u2019s name').fill('Bad_Name');
  await settled('wire-error', '^⛔Error Not wired: target\\.name: ');
  assert.equal(await page.getAttribute('[data-testid="wire-error"]', 'role'), 'alert');
  await page.fill('[data-testid="wire-index-1"]', '0');
  await label('Existing workload\u2019s name').fill('web');
  await settled('wire-error', '^⛔Error Not wired: target\\.containers\\[1\\]\\.index: ');
  await page.click('[data-testid="wire-remove-1"]');
  await page.waitForSelector('[data-testid="wire-strategicMerge"]');
  assert.deepEqual(await shown(), expected({ kind: 'CronJob', name: 'web', hasPodLabels: true, containers: [{ name: 'app', index: 0 }] }));

  // A change to the design wires again: the commands follow the connection's namespace.
  await page.fill('[data-testid="namespace"]', 'wired-ns');
  await settled('apply-strategicMerge', ' -n wired-ns ');
  const changed = await specShown();
  assert.deepEqual(await shown(), cluster.wire(changed, { kind: 'CronJob', name: 'web', hasPodLabels: true, containers: [{ name: 'app', index: 0 }] }));
  await page.fill('[data-testid="namespace"]', spec.namespace ?? '');
  await page.fill('[data-testid="namespace"]', 'Bad_NS');
  await settled('wire-error', 'The design has errors \\(marked ⛔ Error in the form\\): fix them to wire a workload\\.$');
  await page.fill('[data-testid="namespace"]', spec.namespace ?? '');
  await page.waitForSelector('[data-testid="wire-strategicMerge"]');
  await openTab('yaml');
});

test('the URL and local storage round-trip the whole design; secrets stay out of both', async () => {
  await openTab('yaml');
  await page.fill('[data-testid="connectionName"]', 'shared_conn');
  await page.fill('[data-testid="target.resourceGroup"]', 'data-rg');
  await page.fill('[data-testid="auth.clientId"]', GUID);
  await page.selectOption('[data-testid="client"]', 'python');
  await page.selectOption('[data-testid="workloadKind"]', 'Deployment');
  await page.fill('[data-testid="command"]', 'sh -c env');
  await page.click('#g-keys summary');
  await page.fill('[data-testid="customizedKeys.AZURE_STORAGEBLOB_RESOURCEENDPOINT"]', 'BLOB_URL');
  await page.selectOption('[data-testid="encoding"]', 'data');
  const spec = await specShown();
  assert.deepEqual(spec.customizedKeys, { AZURE_STORAGEBLOB_RESOURCEENDPOINT: 'BLOB_URL' });
  assert.deepEqual(spec.workload, { kind: 'Deployment', command: ['sh', '-c', 'env'] });
  // Saved once typing pauses.
  await page.waitForFunction(() => {
    const m = /^#d=(.+)$/.exec(location.hash);
    if (!m) return false;
    const saved = new TextDecoder().decode(Uint8Array.from(atob(m[1].replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0)));
    return JSON.stringify(JSON.parse(saved).spec) === JSON.stringify(JSON.parse(document.getElementById('spec').dataset.json));
  });
  const url = page.url();
  const yaml = await yamlText();
  await page.click('[data-testid="copy-link"]');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), url);

  const fromUrl = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p1 = await fromUrl.newPage();
  watch(p1);
  await p1.goto(url);
  await p1.waitForSelector('body[data-ready="true"]');
  assert.deepEqual(await specShown(p1), spec);
  assert.equal(await p1.textContent('#yaml'), yaml);
  assert.equal(await p1.inputValue('[data-testid="connectionName"]'), 'shared_conn');
  assert.equal(await p1.inputValue('[data-testid="workloadKind"]'), 'Deployment');
  assert.equal(await p1.inputValue('[data-testid="encoding"]'), 'data');
  await assertFormShowsSpec(p1);
  await fromUrl.close();

  const stored = await context.newPage();
  watch(stored);
  await stored.goto(`${origin}/`);
  await stored.waitForSelector('body[data-ready="true"]');
  assert.deepEqual(await specShown(stored), spec);
  assert.equal(await stored.textContent('#yaml'), yaml);
  await stored.close();

  await page.selectOption('[data-testid="encoding"]', 'stringData');
  await page.selectOption('[data-testid="auth"]', 'service-principal');
  await page.fill('[data-testid="auth.secret"]', 'Sup3r-s3cret');
  assert.equal((await specShown()).auth.secret, 'Sup3r-s3cret');
  await page.waitForFunction(() => /"secret"/.test(document.getElementById('spec').dataset.json));
  await page.waitForTimeout(400);
  const hash = new URL(page.url()).hash.slice(3);
  assert.ok(!Buffer.from(hash, 'base64url').toString().includes('Sup3r-s3cret'));
  assert.ok(!(await page.evaluate(() => JSON.stringify(localStorage))).includes('Sup3r-s3cret'));
  await page.selectOption('[data-testid="auth"]', 'workload-identity');
});

test('a pasted or opened spec fills the form; a bad one says why', async () => {
  await openTab('spec');
  const spec = {
    connectionName: 'bus_conn', namespace: 'queues',
    target: { type: 'servicebus', resourceGroup: 'bus-rg', namespace: 'orders' },
    auth: { type: 'workload-identity', clientId: GUID },
    clientType: 'java',
    cluster: { subscription: SUB, resourceGroup: 'aks-rg', name: 'my-aks' },
  };
  await page.fill('[data-testid="spec-paste"]', JSON.stringify(spec));
  await page.click('[data-testid="spec-load"]');
  assert.match(await page.textContent('[data-testid="spec-status"]'), /^Loaded/);
  assert.deepEqual(await specShown(), spec);
  assert.equal(await page.inputValue('[data-testid="target"]'), 'servicebus');
  assert.equal(await page.inputValue('[data-testid="client"]'), 'java');
  assert.equal(await page.getByLabel('Service Bus namespace', { exact: true }).inputValue(), 'orders');
  assert.equal(await page.getByLabel('Namespace', { exact: true }).inputValue(), 'queues');
  assert.equal(await page.inputValue('[data-testid="auth.clientId"]'), GUID);
  assert.equal(await page.textContent('#yaml'), sc.render(spec, {}).yaml);
  await assertFormShowsSpec();

  await page.fill('[data-testid="spec-paste"]', '{"target":{"type":"fabric-sql"}}');
  await page.click('[data-testid="spec-load"]');
  assert.match(await page.textContent('[data-testid="spec-status"]'), /^Not loaded: expected target.type to be one of/);
  await page.fill('[data-testid="spec-paste"]', '{"target":{"type":"redis"},"bogus":1}');
  await page.click('[data-testid="spec-load"]');
  assert.match(await page.textContent('[data-testid="spec-status"]'), /^Not loaded: .*bogus/);
  await page.fill('[data-testid="spec-paste"]', '{"target":{"type":"redis"}');
  await page.click('[data-testid="spec-load"]');
  assert.match(await page.textContent('[data-testid="spec-status"]'), /^Not loaded: .*JSON/);
  assert.deepEqual(await specShown(), spec);

  const other = { ...spec, connectionName: 'from_file' };
  await page.setInputFiles('[data-testid="spec-file"]', { name: 'conn.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)) });
  await page.waitForFunction(() => /^Opened conn\.json/.test(document.querySelector('[data-testid="spec-status"]').textContent));
  assert.equal((await specShown()).connectionName, 'from_file');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-spec"]')]);
  assert.deepEqual(JSON.parse(readFileSync(await download.path(), 'utf8')), other);
});

test('provision: sign-in, dry run, run with progress, a failure diagnosed, validate and delete', async () => {
  assert.ok(!requested.some((p) => /provision-panel/.test(p)), 'the provisioning code is not loaded before its tab opens');
  const spec = {
    connectionName: 'designer_conn', namespace: 'apps',
    target: { type: 'storage-blob', resourceGroup: 'rg', account: 'mystore', subscription: SUB },
    auth: { type: 'workload-identity', clientId: GUID, subscriptionId: SUB },
    cluster: { subscription: SUB, resourceGroup: 'aks-rg', name: 'aks' },
  };
  await openTab('spec');
  await page.fill('[data-testid="spec-paste"]', JSON.stringify(spec));
  await page.click('[data-testid="spec-load"]');
  // What the spec leaves out, the form shows as the default it gets.
  await assertFormShowsSpec();
  assert.equal(await page.inputValue('[data-testid="client"]'), 'none');
  assert.equal(await page.inputValue('[data-testid="auth"]'), 'workload-identity');
  assert.equal(await page.inputValue('[data-testid="workloadKind"]'), 'Job');
  await openTab('provision');
  await page.waitForSelector('#provision[data-ready]');
  assert.match(await page.textContent('[data-testid="test-mode"]'), /Test mode/);
  assert.equal(await page.isHidden('[data-testid="provision-actions"]'), true, 'no action before signing in');
  assert.equal(fake.requests.length, 0, 'nothing sent before an action');
  await page.click('[data-testid="sign-in"]');
  await page.waitForSelector('[data-testid="provision-actions"]:not([hidden])');

  const done = async () => {
    await page.waitForFunction(() => ['done', 'failed'].includes(document.getElementById('provision').dataset.state));
    return page.getAttribute('#provision', 'data-state');
  };
  await page.click('[data-testid="dry-run"]');
  assert.equal(await done(), 'done');
  const writes = await page.$$eval('[data-testid="dry-run-writes"] > li > code', (cs) => cs.map((c) => c.textContent));
  assert.deepEqual(writes, [`PUT https://management.azure.com/subscriptions/${SUB}/resourceGroups/aks-rg/providers/Microsoft.ContainerService/managedClusters/aks/providers/Microsoft.ServiceLinker/linkers/designer_conn?api-version=2024-07-01-preview`]);
  assert.ok(!fake.calls().some((c) => /^PUT/.test(c)), 'a dry run sends no write');

  await page.click('[data-testid="create"]');
  assert.equal(await done(), 'done');
  const steps = await page.$$eval('[data-testid="provision-steps"] li', (lis) => lis.map((li) => `${li.dataset.action} ${li.dataset.status}`));
  assert.deepEqual(steps, ['plan succeeded', 'providers succeeded', 'cluster succeeded', 'identity skipped', 'create succeeded', 'configurations succeeded'].filter((s) => steps.includes(s) || !s.startsWith('identity')));
  assert.match(await page.textContent('[data-testid="provision-result"]'), /Created: designer_conn Succeeded/);
  const put = fake.requests.find((r) => r.method === 'PUT');
  assert.equal(put.authorization, 'Bearer designer-test-token');
  assert.equal(put.body.properties.scope, 'apps');

  fake.behavior.putError = {
    linker: 'designer_fail', status: 403, code: 'AuthorizationFailed',
    message: `The client 'c' with object id 'o' does not have authorization to perform action 'Microsoft.ServiceLinker/linkers/write' over scope '/subscriptions/${SUB}/resourceGroups/aks-rg/providers/Microsoft.ContainerService/managedClusters/aks/providers/Microsoft.ServiceLinker/linkers/designer_fail' or the scope is invalid.`,
  };
  await page.fill('[data-testid="connectionName"]', 'designer_fail');
  await page.click('[data-testid="create"]');
  assert.equal(await done(), 'failed');
  assert.match(await page.textContent('[data-testid="provision-failure"]'), /arm-error/);
  assert.match(await page.textContent('[data-testid="provision-diagnosis"]'), /category: authorization_failed/);
  assert.equal(await page.getAttribute('[data-testid="provision-steps"] li[data-action="create"]', 'data-status'), 'failed');
  assert.ok(expectedArmErrors.length >= 1, 'Chromium logs the 403 it was given');
  fake.behavior.putError = null;

  await page.click('[data-testid="list"]');
  assert.equal(await done(), 'done');
  assert.match(await page.textContent('[data-testid="connections"]'), /designer_conn/);
  await page.click('[data-connection="designer_conn"]');
  assert.equal(await page.inputValue('[data-testid="connectionName"]'), 'designer_conn');
  assert.equal((await specShown()).connectionName, 'designer_conn');
  await page.click('[data-testid="validate"]');
  assert.equal(await done(), 'done');
  assert.match(await page.textContent('[data-testid="validations"]'), /success/);
  await page.click('[data-testid="delete"]');
  await page.click('[data-testid="confirm-delete"]');
  assert.equal(await done(), 'done');
  assert.match(await page.textContent('[data-testid="provision-result"]'), /Deleted.*kubectl delete/s);
  assert.ok(fake.calls().includes('DELETE …/linkers/designer_conn'), fake.calls().join('\n'));
});

test('served without the test hook, Provision signs in through the browser credential: no stub, no fake', async () => {
  const plain = await start(0);
  const ctx = await browser.newContext();
  try {
    const p = await ctx.newPage();
    watch(p);
    const requests = [];
    p.on('request', (r) => requests.push(r.url()));
    const response = await p.goto(`http://127.0.0.1:${plain.address().port}/`);
    assert.equal(response.headers()['content-security-policy'], csp());
    await p.waitForSelector('body[data-ready="true"]');
    await openTab('provision', p);
    await p.waitForSelector('#provision[data-ready]');
    assert.equal(await p.locator('[data-testid="test-mode"]').count(), 0);
    assert.equal(await p.textContent('[data-testid="sign-in"]'), 'Sign in');
    await p.getByLabel('App client id', { exact: true }).fill('not-a-guid');
    await p.click('[data-testid="sign-in"]');
    await p.waitForFunction(() => document.querySelector('[data-testid="signed-in"]').textContent !== '');
    assert.match(await p.textContent('[data-testid="signed-in"]'), /^Not signed in: expected the app registration's client id \(a GUID\), found "not-a-guid"/);
    assert.equal(await p.isHidden('[data-testid="provision-actions"]'), true);
    assert.deepEqual(requests.filter((u) => !u.startsWith(`http://127.0.0.1:${plain.address().port}/`)), [], 'nothing left the page');
  } finally {
    await ctx.close();
    plain.close();
  }
});

test('several connections for one workload: one Job takes every Secret and the vault, clashes sit by their fields', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await ctx.newPage();
  watch(p);
  const fetched = [];
  p.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await p.goto(`${origin}/`);
  await p.waitForSelector('body[data-ready="true"]');
  const clusterWasm = Object.values(manifest).flatMap((e) => e.assets ?? []).find((a) => a.endsWith('.wasm') && a.includes('cluster'));
  assert.ok(clusterWasm, 'the cluster .wasm is in the build');
  const yaml = () => p.textContent('#yaml');
  const list = () => p.$$eval('[data-testid="set-list"] button', (bs) => bs.map((b) => b.textContent));
  assert.deepEqual(await list(), ['[0] Azure Blob Storage · storageblob_conn']);
  assert.equal(await p.isDisabled('[data-testid="set-remove"]'), true);
  assert.ok(!fetched.includes(`/${clusterWasm}`), 'one connection needs no cluster module');

  await p.fill('[data-testid="connectionName"]', 'blob_conn');
  await p.fill('[data-testid="namespace"]', 'apps');
  await p.fill('[data-testid="auth.clientId"]', GUID);
  await p.click('[data-testid="set-add"]');
  // A second Blob connection: the same variables from two Secrets, shown by the checkbox that fixes it.
  const sw003 = p.locator('[data-path="anotherConnectionOfType"] li[data-code="SW003"]');
  await sw003.waitFor();
  assert.match(await sw003.textContent(), /^⛔Error SW003 expected each variable from one Secret, .*; fix: set anotherConnectionOfType on connections\[1\]/);
  assert.equal(await p.getAttribute('[data-testid="set-conn-1"]', 'class'), 'has-error');
  assert.equal(fetched.filter((x) => x === `/${clusterWasm}`).length, 1);

  await p.selectOption('[data-testid="target"]', 'servicebus');
  await p.fill('[data-testid="target.namespace"]', 'mybus');
  await p.fill('[data-testid="auth.clientId"]', GUID);
  assert.equal(await sw003.count(), 0);
  await p.click('[data-testid="set-add"]');
  await p.selectOption('[data-testid="target"]', 'keyvault');
  await p.fill('[data-testid="target.vault"]', 'myvault');
  await p.waitForFunction(() => document.getElementById('yaml').textContent.includes('keyvaultName: myvault'));
  assert.deepEqual(await list(), ['[0] Azure Blob Storage · blob_conn', '[1] Azure Service Bus · servicebus_conn', '[2] Azure Key Vault · keyvault_conn']);
  const text = await yaml();
  assert.equal(text.match(/^kind: /gm).length, 5, text);
  assert.equal(text.match(/^kind: Job$/gm).length, 1, 'one workload');
  assert.equal(text.match(/^kind: ServiceAccount$/gm).length, 1, 'one ServiceAccount');
  assert.match(text, /envFrom:\n {8}- secretRef:\n {12}name: sc-blob-conn-secret\n {8}- secretRef:\n {12}name: sc-servicebus-conn-secret\n/);
  assert.match(text, /secretProviderClass: sc-keyvault-conn-spc/);
  assert.match(text, /azure\.workload\.identity\/use: 'true'/);
  const docs = await p.$$eval('#doc-tabs button', (bs) => bs.map((b) => b.textContent));
  assert.deepEqual(docs, ['All', 'ServiceAccount', 'Secret', 'Secret', 'SecretProviderClass', 'Job (sample)']);

  // A second vault: its own volume by default; a mount path inside the first's is a clash by its field.
  assert.equal(await p.getAttribute('[data-testid="mount.path"]', 'placeholder'), '/mnt/secrets-store');
  await p.click('[data-testid="set-add"]');
  await p.selectOption('[data-testid="target"]', 'keyvault');
  await p.fill('[data-testid="connectionName"]', 'vault_two');
  await p.fill('[data-testid="target.vault"]', 'othervault');
  assert.equal(await p.getAttribute('[data-testid="mount.path"]', 'placeholder'), '/mnt/secrets-store-02');
  await p.waitForFunction(() => document.getElementById('yaml').textContent.includes('name: secrets-store02-inline'));
  await p.fill('[data-testid="mount.path"]', '/mnt/secrets-store/two');
  const sw009 = p.locator('[data-path="mount.path"] li[data-code="SW009"]');
  await sw009.waitFor();
  assert.match(await sw009.textContent(), /inside "\/mnt\/secrets-store" of connections\[2\]; fix: /);
  assert.equal(await p.evaluate(() => document.activeElement?.dataset.testid), 'mount.path', 'the field keeps its focus');
  await p.fill('[data-testid="mount.path"]', '/mnt/two');
  await p.waitForFunction(() => document.getElementById('yaml').textContent.includes('mountPath: /mnt/two'));
  await p.click('[data-testid="set-remove"]');
  await p.waitForFunction(() => !document.getElementById('yaml').textContent.includes('othervault'));

  // The plan is the edited connection's: created on its own, with its objects and the workload.
  await p.click('#tab-plan');
  await p.waitForSelector('#pane-plan:not([hidden])');
  assert.match(await p.textContent('#plan'), /connection \[2\] of 3/);
  assert.match(await p.textContent('#plan'), /az aks connection create keyvault/);
  await p.click('#tab-yaml');
  await p.waitForSelector('#pane-yaml:not([hidden])');

  // The Spec tab holds the workload set: composed by the package in Node, the same YAML.
  await p.click('#tab-spec');
  await p.waitForSelector('#set-spec:not([hidden])');
  const workloadSet = JSON.parse(await p.getAttribute('#set-json', 'data-json'));
  assert.equal(workloadSet.connections.length, 3);
  const { composeWorkload } = await import('aks-service-connector/cluster');
  assert.equal(composeWorkload(workloadSet).yaml, text);

  // The Wire tab wires an existing workload to every connection of the set at once: the set's
  // wiring with that workload as `existing`, one patch taking both Secrets and the vault.
  await p.click('#tab-wire');
  await p.waitForSelector('#wire[data-ready]');
  await p.getByLabel('Existing workload\u2019s name', { exact: true }).fill('web');
  await p.fill('[data-testid="wire-container-0"]', 'app');
  await p.waitForSelector('[data-testid="wire-strategicMerge"]');
  assert.equal(await p.textContent('[data-testid="wire-scope"]'), 'Wires all 3 connections of the design: every Secret and volume they need, in one patch.');
  const { workload: _sample, ...connectionsOnly } = workloadSet;
  const setWiring = composeWorkload({ ...connectionsOnly, existing: { kind: 'Deployment', name: 'web', containers: [{ name: 'app', index: 0 }] } }).wiring;
  for (const k of ['strategicMerge', 'kustomize', 'jsonPatch']) assert.equal(await p.textContent(`[data-testid="wire-${k}"]`), setWiring[k], k);
  assert.match(setWiring.strategicMerge, /sc-blob-conn-secret[\s\S]*sc-servicebus-conn-secret[\s\S]*sc-keyvault-conn-spc/);
  // An error under the set's existing workload is named as the single connection's are.
  await p.fill('[data-testid="wire-index-0"]', '-1');
  await p.waitForFunction(() => /^⛔Error Not wired: target\.containers\[0\]\.index: /.test(document.querySelector('[data-testid="wire-error"]')?.textContent ?? ''));
  await p.fill('[data-testid="wire-index-0"]', '');
  await p.waitForSelector('[data-testid="wire-strategicMerge"]');
  await p.click('#tab-yaml');
  await p.waitForSelector('#pane-yaml:not([hidden])');

  // The workload fields are the set's: edited on one connection, the same for all.
  await p.click('[data-testid="set-conn-0"]');
  assert.equal(await p.inputValue('[data-testid="target"]'), 'storage-blob');
  await p.selectOption('[data-testid="workloadKind"]', 'Deployment');
  await p.waitForFunction(() => /^kind: Deployment$/m.test(document.getElementById('yaml').textContent));
  assert.equal((await yaml()).match(/^kind: (Job|Deployment)$/gm).length, 1);
  await p.click('[data-testid="set-conn-2"]');
  assert.equal(await p.inputValue('[data-testid="workloadKind"]'), 'Deployment');

  // Another namespace on one connection: the clash by its field, the YAML withheld.
  await p.click('[data-testid="set-conn-1"]');
  await p.fill('[data-testid="namespace"]', 'other');
  const sw002 = p.locator('[data-path="namespace"] li[data-code="SW002"]');
  await sw002.waitFor();
  assert.match(await sw002.textContent(), /expected namespace "apps" of connections\[0\], found "other" in connections\[1\]/);
  assert.match(await yaml(), /invalid-spec/);
  await p.fill('[data-testid="namespace"]', 'apps');
  assert.equal(await sw002.count(), 0);
  assert.match(await yaml(), /^kind: Deployment$/m);

  await p.evaluate(() => window.scrollTo(0, 0));
  await p.screenshot({ path: `${SHOTS}workload-set-1280-light.png` });

  // The link restores the whole set.
  await p.waitForTimeout(400);
  const other = await ctx.newPage();
  watch(other);
  await other.goto(p.url());
  await other.waitForSelector('body[data-ready="true"]');
  await other.waitForFunction(() => document.getElementById('yaml').textContent.includes('kind: Deployment'));
  assert.deepEqual(await other.$$eval('[data-testid="set-list"] button', (bs) => bs.map((b) => b.textContent)), await list());
  assert.equal(await other.textContent('#yaml'), await yaml());
  assert.equal(await other.getAttribute('[data-testid="set-conn-1"]', 'aria-pressed'), 'true');
  await other.close();

  // Removing connections down to one: the single design again, rendered by the core module.
  await p.click('[data-testid="set-remove"]');
  await p.click('[data-testid="set-remove"]');
  assert.equal((await list()).length, 1);
  assert.equal(await p.isDisabled('[data-testid="set-remove"]'), true);
  assert.doesNotMatch(await yaml(), /SecretProviderClass|servicebus/);
  await p.click('#tab-spec');
  assert.equal(await p.isHidden('#set-spec'), true, 'one connection: no workload set');
  await p.click('#tab-yaml');
  assert.equal(fetched.filter((x) => x === `/${clusterWasm}`).length, 1, 'the cluster module fetched once');
  await ctx.close();
});

test('at 390 px nothing overflows on any tab; screenshots of each tab at 1280 and 390 px and in dark mode', async () => {
  const url = page.url();
  for (const [width, scheme] of [[1280, 'light'], [390, 'light'], [1280, 'dark'], [390, 'dark']]) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
    const p = await ctx.newPage();
    watch(p);
    await p.goto(url);
    await p.waitForSelector('body[data-ready="true"]');
    for (const tab of TABS) {
      await openTab(tab, p);
      if (tab === 'troubleshoot') {
        await p.waitForSelector('#troubleshoot[data-ready]');
        await p.getByLabel('Error message', { exact: true }).fill(SAMPLE_ERROR);
      }
      if (tab === 'provision') await p.waitForSelector('#provision[data-ready]');
      if (tab === 'wire') {
        await p.waitForSelector('#wire[data-ready]');
        await p.getByLabel('Existing workload\u2019s name', { exact: true }).fill('web');
        await p.fill('[data-testid="wire-container-0"]', 'app');
        await p.waitForSelector('[data-testid="wire-jsonPatch"]');
      }
      if (tab === 'drift') {
        await p.waitForSelector('#drift[data-ready]');
        const own = sc.render(await specShown(p), { secretEncoding: 'data' }).yaml;
        await p.getByLabel(DRIFT_LABEL, { exact: true }).fill(driftedCopy(own));
        await p.waitForSelector('[data-testid="drift-findings"] li[data-code="SD002"]');
      }
      // No stray "null" / "undefined" where a part was left out.
      const stray = await p.evaluate(() => {
        const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        const found = [];
        while (walk.nextNode()) {
          const n = walk.currentNode;
          if (/^(null|undefined|\[object Object\])$/.test(n.textContent.trim()) && !n.parentElement.closest('pre')) found.push(n.parentElement.outerHTML.slice(0, 120));
        }
        return found;
      });
      assert.deepEqual(stray, [], tab);
      if (width === 390) {
        const sw = await p.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(sw <= 390, `${tab} at 390 px (${scheme}): scrollWidth ${sw}`);
        const wrapped = await p.$eval('#main-tabs', (el) => el.scrollHeight > el.clientHeight + 4);
        assert.equal(wrapped, false, 'the tabs stay on one line');
        const [tw, cw] = await p.$eval('#main-tabs', (el) => [el.scrollWidth, el.clientWidth]);
        assert.ok(tw <= cw, `every tab is in view without scrolling the tab list: ${tw} > ${cw}`);
      }
      await p.screenshot({ path: `${SHOTS}${tab}-${width}-${scheme}.png`, fullPage: true });
    }
    await ctx.close();
  }
});

test('the server answers 400 to a malformed URL and keeps serving; no console errors or failed requests anywhere', async () => {
  const bad = await page.evaluate(async (o) => (await fetch(`${o}/%E0%A4%A`)).status, origin);
  assert.equal(bad, 400);
  problems.splice(problems.findIndex((p) => p.startsWith('400 ')), 1);
  const again = await page.evaluate(async (o) => (await fetch(`${o}/`)).status, origin);
  assert.equal(again, 200);
  assert.deepEqual(problems.filter((p) => !/Failed to load resource: the server responded with a status of 400/.test(p)), []);
});
