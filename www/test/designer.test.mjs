// End-to-end test of the designer page in headless Chromium (system build,
// driven by playwright-core), served with the strict webview-style CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { start, CSP } from '../serve.mjs';

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

let server;
let browser;
let page;
const problems = [];
// Every URL the page requested, to check what is loaded when.
const requested = [];

before(async () => {
  server = await start(0);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: FLAGS });
  page = await browser.newPage();
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  const response = await page.goto(`http://127.0.0.1:${server.address().port}/`);
  assert.equal(response.headers()['content-security-policy'], CSP);
  await page.waitForSelector('body[data-ready]');
  assert.equal(await page.getAttribute('body', 'data-ready'), 'true', problems.join('\n'));
});

after(async () => {
  await browser?.close();
  server?.close();
});

const yaml = () => page.textContent('[data-testid="yaml"]');
const codes = () => page.$$eval('[data-testid="findings"] li', (lis) => lis.map((li) => li.dataset.code));

test('starts on storage-blob with workload identity and renders its objects', async () => {
  const text = await yaml();
  assert.match(text, /kind: ServiceAccount/);
  assert.match(text, /AZURE_STORAGEBLOB_RESOURCEENDPOINT: https:\/\/<storage-account-name>\.blob\.core\.windows\.net\//);
  assert.match(text, /name: sc-sample-job/);
  assert.match(await page.textContent('[data-testid="version"]'), /^v\d+\.\d+\.\d+/);
});

test('locating parameters fill the placeholders as the user types', async () => {
  await page.fill('[data-testid="target.account"]', 'mystore');
  assert.match(await yaml(), /https:\/\/mystore\.blob\.core\.windows\.net\//);
});

test('an invalid namespace shows the policy finding instead of YAML', async () => {
  await page.fill('[data-testid="namespace"]', 'Bad_NS');
  assert.ok((await codes()).includes('SC003'));
  assert.match(await yaml(), /invalid-spec/);
  await page.fill('[data-testid="namespace"]', 'apps');
  assert.match(await yaml(), /namespace: apps/);
  assert.ok(!(await codes()).includes('SC003'));
});

test('switching to a connection string drops the ServiceAccount and warns', async () => {
  await page.selectOption('[data-testid="auth"]', 'connection-string');
  const text = await yaml();
  assert.doesNotMatch(text, /kind: ServiceAccount/);
  assert.match(text, /AZURE_STORAGEBLOB_CONNECTIONSTRING/);
  assert.ok((await codes()).includes('SC020'));
});

test('the plan tab shows the operations, the az command and the ARM request', async () => {
  await page.click('[data-tab="plan"]');
  const plan = await page.textContent('[data-testid="plan"]');
  assert.match(plan, /Add the Kubernetes extension sc-extension/);
  assert.match(plan, /az aks connection create storage-blob .*--account mystore/);
  assert.match(plan, /PUT https:\/\/management\.azure\.com\/.*\/providers\/Microsoft\.ServiceLinker\/linkers\/storageblob_conn\?api-version=2024-07-01-preview/);
  await page.click('[data-tab="yaml"]');
});

test('the troubleshoot tab classifies a pasted error and fills the cluster names', async () => {
  await page.fill('[data-testid="clusterResourceGroup"]', 'aks-rg');
  await page.fill('[data-testid="clusterName"]', 'my-aks');
  // The classifier module is fetched only once the Troubleshoot tab is opened.
  const classifierWasm = '/pkg/aks_service_connector_classify_bg.wasm';
  assert.ok(requested.includes('/pkg/aks_service_connector_bg.wasm'), requested.join(' '));
  assert.ok(!requested.includes(classifierWasm), 'classifier loaded before it was needed');
  await page.click('[data-tab="classify"]');
  await page.fill('[data-testid="error-text"]', "ERROR: (GeneralUserError) Execution failed. Operation returned an invalid status code 'Conflict'");
  await page.waitForFunction(() => /category: /.test(document.querySelector('[data-testid="diagnosis"]').textContent));
  assert.equal(requested.filter((p) => p === classifierWasm).length, 1);
  const text = await page.textContent('[data-testid="diagnosis"]');
  assert.match(text, /category: conflict_cluster_updating/);
  assert.match(text, /az aks show -g aks-rg -n my-aks --query provisioningState -o tsv/);
  await page.click('[data-tab="yaml"]');
});

test('a combination the docs list no keys for says so next to its empty Secret', async () => {
  const note = '[data-testid="key-note"]';
  assert.equal(await page.isHidden(note), true);
  await page.selectOption('[data-testid="target"]', 'redis');
  await page.selectOption('[data-testid="auth"]', 'workload-identity');
  await page.selectOption('[data-testid="client"]', 'springBoot');
  assert.equal(await page.isVisible(note), true);
  assert.match(await page.textContent(note), /^Secret sc-redis-conn-secret has no keys: the Service Connector docs list no configuration keys for redis\/workload-identity\/springBoot \(how-to-integrate-redis-cache\.md /);
  assert.match(await yaml(), /kind: Secret\n/);
  await page.selectOption('[data-testid="client"]', 'python');
  assert.equal(await page.isHidden(note), true);
  assert.match(await yaml(), /AZURE_REDIS_HOST/);
});

test('mongodb-atlas asks for what the az CLI takes: resource group, server and a connection string', async () => {
  await page.selectOption('[data-testid="target"]', 'mongodb-atlas');
  assert.equal(await page.locator('[data-testid="target.id"]').count(), 0);
  assert.equal(await page.locator('[data-testid="auth.username"]').count(), 0);
  await page.fill('[data-testid="target.resourceGroup"]', 'atlas-rg');
  await page.fill('[data-testid="target.server"]', 'org1');
  await page.fill('[data-testid="auth.password"]', 'mongodb+srv://u:p@cluster0.a1.mongodb.net/');
  await page.click('[data-tab="plan"]');
  await page.waitForFunction(() => /--server org1/.test(document.querySelector('[data-testid="plan"]').textContent));
  const plan = await page.textContent('[data-testid="plan"]');
  assert.match(plan, /az aks connection create mongodb-atlas .*--target-resource-group atlas-rg --server org1 --secret 'secret=\*\*\*'/);
  assert.doesNotMatch(plan, /--target-id/);
  assert.match(plan, /az aks connection delete .* --yes/);
  await page.click('[data-tab="yaml"]');
});

test('key vault defaults to the CSI driver and renders a SecretProviderClass', async () => {
  await page.selectOption('[data-testid="target"]', 'keyvault');
  await page.selectOption('[data-testid="workloadKind"]', 'Deployment');
  const text = await yaml();
  assert.match(text, /kind: SecretProviderClass/);
  assert.match(text, /kind: Deployment/);
  assert.doesNotMatch(text, /kind: Secret\n/);
  mkdirSync('target', { recursive: true });
  await page.screenshot({ path: 'target/designer.png', fullPage: true });
  assert.deepEqual(problems, []);
});
