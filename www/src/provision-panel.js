// The Provision tab (a chunk of its own, with the Azure SDK): sign in through the browser
// credential, then a dry run that lists the requests, the run with per-step progress, the
// diagnosis of a failure, and validate / delete of an existing connection.
//
// Test hook, honestly labelled: when the server that serves the page adds
// <meta name="aks-sc-test-arm" content="<origin>"> (only www/serve.mjs's `start(…, { testArm })`
// does, for the tests; no command-line flag or query parameter turns it on), requests go to that
// origin (a fake ARM) with a stub credential, and the panel says so on screen.
import { InteractiveBrowserCredential } from '@azure/identity';
import {
  credentialFromGetToken, deleteConnection, isProvisionError, listConnections, provision, validateConnection,
} from 'aks-service-connector/provision';
import { copyButton, fill, h } from './dom.js';

const ARM = 'https://management.azure.com';
const SCOPE = `${ARM}/.default`;
const STEP_WORD = { running: ['…', 'running'], waiting: ['⏳', 'waiting'], succeeded: ['✔', 'done'], skipped: ['–', 'skipped'], failed: ['✖', 'failed'], aborted: ['■', 'stopped'] };

const testArm = document.querySelector('meta[name="aks-sc-test-arm"]')?.content || null;

/** Sends requests for https://management.azure.com to the test ARM instead (test mode only). */
function redirectPolicy(origin) {
  return {
    name: 'designerTestArm',
    async sendRequest(request, next) {
      const url = request.url;
      const parsed = new URL(url);
      if (parsed.origin === ARM) {
        request.url = origin + parsed.pathname + parsed.search;
        request.allowInsecureConnection = true;
      }
      try {
        return await next(request);
      } finally {
        request.url = url;
      }
    },
  };
}

function stepItem(s) {
  const [icon, word] = STEP_WORD[s.status] ?? ['•', s.status];
  return h('li', { class: `step ${s.status}`, 'data-action': s.action, 'data-status': s.status },
    h('span', { class: 'sev-icon', 'aria-hidden': 'true' }, icon), ' ',
    h('strong', {}, `${s.action}${s.linker ? ` (${s.linker})` : ''}: ${word}`), ' ',
    h('span', {}, s.message),
    s.polls ? h('small', { class: 'muted' }, ` · ${s.polls} ${s.polls === 1 ? 'read' : 'reads'}`) : null,
    s.requestId ? h('small', { class: 'muted' }, ` · request id ${s.requestId}`) : null);
}

function codeBlock(text) {
  return h('pre', { class: 'code', tabindex: '0' }, h('code', {}, text));
}

function diagnosisView(e) {
  const d = e.diagnosis;
  return h('div', { class: 'failure', 'data-testid': 'provision-failure', role: 'alert' },
    h('p', { class: 'finding error' }, h('span', { class: 'sev-icon', 'aria-hidden': 'true' }, '⛔'), h('strong', {}, ' Failed '), h('code', {}, e.code ?? 'error'), ` ${e.message}`),
    e.missing?.length ? h('p', {}, 'Fill in first: ', h('code', {}, e.missing.join(', '))) : null,
    d ? h('div', { 'data-testid': 'provision-diagnosis' },
      h('h3', {}, d.title), h('p', {}, h('code', {}, `category: ${d.category}`)),
      h('p', {}, d.cause),
      h('ol', {}, d.mitigation.map((m) => h('li', {}, m))),
      d.commands.length ? h('ul', { class: 'commands' }, d.commands.map((c) => h('li', { class: 'command' }, codeBlock(c), ...copyButton('Copy', () => c)))) : null) : null);
}

/** Who signed in, from the token's claims (never kept, never shown whole). */
function account(token) {
  try {
    const claims = JSON.parse(atob(token.split('.')[1].replaceAll('-', '+').replaceAll('_', '/')));
    const who = claims.upn ?? claims.preferred_username ?? claims.unique_name ?? claims.name;
    return who ? `Signed in as ${who}${claims.tid ? ` (tenant ${claims.tid})` : ''}.` : 'Signed in.';
  } catch {
    return 'Signed in.';
  }
}

/**
 * Mounts the panel; `current()` gives `{ spec, plan, context }` of the form, `useConnection(name)`
 * puts an existing connection's name into it.
 */
export function mount(host, current, useConnection) {
  let credential = null;
  let running = null;
  const steps = new Map();
  const stepList = h('ol', { class: 'steps', 'data-testid': 'provision-steps', 'aria-live': 'polite' });
  const result = h('div', { 'data-testid': 'provision-result', 'aria-live': 'polite' });
  const signedIn = h('p', { 'data-testid': 'signed-in', role: 'status' });
  const tenant = h('input', { id: 'pv-tenant', value: 'organizations', spellcheck: 'false', autocomplete: 'off' });
  const client = h('input', { id: 'pv-client', spellcheck: 'false', autocomplete: 'off', placeholder: '00000000-0000-0000-0000-000000000000' });
  const actions = h('div', { class: 'toolbar actions', hidden: true, 'data-testid': 'provision-actions' });
  const stop = h('button', { type: 'button', hidden: true, onclick: () => running?.abort() }, 'Stop');

  const onStep = (s) => {
    steps.set(`${s.action}|${s.linker ?? ''}`, s);
    stepList.replaceChildren(...[...steps.values()].map(stepItem));
  };
  const options = (extra = {}) => ({
    credential,
    context: current().context,
    onStep,
    signal: running.signal,
    ...(testArm ? { clientOptions: { additionalPolicies: [{ policy: redirectPolicy(testArm), position: 'perRetry' }], retryOptions: { maxRetries: 0 } }, pollIntervalMs: 5 } : {}),
    ...extra,
  });
  const run = async (what, fn) => {
    if (running) return;
    const spec = current().spec;
    if (!spec) {
      result.replaceChildren(h('p', { class: 'finding error' }, 'The spec has errors: fix the fields marked ⛔ first.'));
      return;
    }
    running = new AbortController();
    host.querySelector('#pv-steps-title').hidden = false;
    steps.clear();
    stepList.replaceChildren();
    result.replaceChildren(h('p', { class: 'muted' }, `${what}…`));
    stop.hidden = false;
    for (const b of actions.querySelectorAll('button')) b.disabled = b !== stop;
    host.dataset.state = 'running';
    try {
      fill(result, await fn(spec));
      host.dataset.state = 'done';
    } catch (e) {
      if (!isProvisionError(e)) result.replaceChildren(h('p', { class: 'finding error' }, `⛔ ${e.message}`));
      else result.replaceChildren(diagnosisView(e));
      for (const s of e.steps ?? []) onStep(s);
      host.dataset.state = 'failed';
    } finally {
      running = null;
      stop.hidden = true;
      for (const b of actions.querySelectorAll('button')) b.disabled = false;
    }
  };

  const dryRun = () => run('Dry run', async (spec) => {
    const r = await provision(spec, options({ dryRun: true }));
    return [
      h('h3', {}, `Dry run: ${r.writes.length} ${r.writes.length === 1 ? 'request' : 'requests'} would be sent`),
      h('ol', { 'data-testid': 'dry-run-writes' }, r.writes.map((w) => h('li', {},
        h('code', {}, `${w.method} ${w.url}`),
        w.body ? h('details', {}, h('summary', {}, 'Body (secrets as ***)'), codeBlock(JSON.stringify(w.body, null, 2))) : null))),
      h('p', { class: 'muted' }, 'Only reads were sent. The steps above say what they found.'),
    ];
  });
  const create = () => run('Creating the connection', async (spec) => {
    const r = await provision(spec, options());
    return [
      h('h3', {}, `Created: ${r.linkers.map((l) => `${l.name} ${l.properties.provisioningState}`).join(', ')}`),
      ...r.configurations.map((c) => h('p', {}, `${c.linker} wrote: `, h('code', {}, c.names.join(' ')))),
      h('p', {}, 'Objects in the cluster: ', r.objects.map((o) => `${o.kind}/${o.name}`).join(', ')),
    ];
  });
  const validate = () => run('Validating the connection', async (spec) => {
    const r = await validateConnection(spec, options());
    return [h('h3', {}, 'Validation'), h('ul', { 'data-testid': 'validations' }, r.validations.flatMap((v) => [
      h('li', {}, `${v.linkerName ?? ''}: ${v.status ?? ''}${v.isConnectionAvailable === false ? ' (not available)' : ''}`),
      ...(v.validationDetail ?? []).map((d) => h('li', { class: 'muted' }, `${d.name}: ${d.result}${d.errorMessage ? ` — ${d.errorMessage}` : ''}`)),
    ]))];
  });
  const confirmDelete = h('button', { type: 'button', class: 'danger', hidden: true, 'data-testid': 'confirm-delete' }, 'Delete it now');
  const remove = () => run('Deleting the connection', async (spec) => {
    const r = await deleteConnection(spec, options());
    return [h('h3', {}, 'Deleted'), h('p', {}, 'The Kubernetes objects stay; these commands remove them:'), codeBlock(r.plan.cleanup.map((c) => c.maskedLine).join('\n'))];
  });
  confirmDelete.addEventListener('click', () => { confirmDelete.hidden = true; remove(); });
  const list = () => run("Listing the cluster's connections", async (spec) => {
    const r = await listConnections(spec.cluster ?? {}, options());
    if (!r.connections.length) return [h('p', {}, 'The cluster has no connections yet.')];
    return [
      h('h3', {}, `Connections on the cluster (${r.connections.length})`),
      h('ul', { class: 'connections', 'data-testid': 'connections' }, r.connections.map((c) => h('li', {},
        h('code', {}, c.name), ' ',
        h('span', { class: 'muted' }, `${c.properties?.targetService?.id?.split('/providers/').pop() ?? c.properties?.targetService?.type ?? ''} · ${c.properties?.provisioningState ?? ''}`), ' ',
        h('button', { type: 'button', 'data-connection': c.name, onclick: () => useConnection(c.name) }, 'Use this name')))),
      h('p', { class: 'hint' }, 'Validate and Delete act on the connection named in the form.'),
    ];
  });

  actions.append(
    h('button', { type: 'button', onclick: dryRun, 'data-testid': 'dry-run' }, 'Dry run'),
    h('button', { type: 'button', class: 'primary', onclick: create, 'data-testid': 'create' }, 'Create connection'),
    h('button', { type: 'button', onclick: list, 'data-testid': 'list' }, 'List connections'),
    h('button', { type: 'button', onclick: validate, 'data-testid': 'validate' }, 'Validate connection'),
    h('button', { type: 'button', onclick: () => { confirmDelete.hidden = !confirmDelete.hidden; }, 'data-testid': 'delete', 'aria-controls': 'confirm-delete' }, 'Delete connection…'),
    confirmDelete,
    stop,
  );
  confirmDelete.id = 'confirm-delete';

  const signIn = async () => {
    try {
      if (testArm) {
        credential = credentialFromGetToken(async () => 'designer-test-token');
      } else {
        if (!/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(client.value.trim())) {
          throw new Error(`expected the app registration's client id (a GUID), found ${JSON.stringify(client.value.trim())}`);
        }
        const c = new InteractiveBrowserCredential({
          tenantId: tenant.value.trim() || 'organizations', clientId: client.value.trim(),
          redirectUri: location.origin, loginStyle: 'popup',
        });
        const token = await c.getToken(SCOPE);
        credential = c;
        signedIn.textContent = account(token?.token ?? '');
      }
      if (testArm) signedIn.textContent = `Test mode: requests go to ${testArm} with a stub credential.`;
      actions.hidden = false;
    } catch (e) {
      signedIn.textContent = `Not signed in: ${e.message}`;
    }
  };
  const signInForm = h('form', { class: 'sign-in', onsubmit: (e) => { e.preventDefault(); signIn(); } },
    h('div', { class: 'field' }, h('label', { for: 'pv-tenant' }, 'Tenant'), tenant,
      h('small', { class: 'hint' }, 'a tenant id or domain; organizations for any work account')),
    h('div', { class: 'field' }, h('label', { for: 'pv-client' }, 'App client id'), client,
      h('small', { class: 'hint' }, 'an Entra app registration of type single-page application, redirect URI ', h('code', {}, location.origin), ', permission Azure Service Management user_impersonation')),
    h('button', { type: 'submit', 'data-testid': 'sign-in' }, testArm ? 'Sign in (test credential)' : 'Sign in'));

  fill(host,
    h('p', { class: 'hint' }, 'Creates the connection in Azure from this design through Azure Resource Manager, as the az CLI would. Nothing is sent before you sign in and choose an action.'),
    testArm ? h('p', { class: 'finding warning', 'data-testid': 'test-mode' }, h('span', { class: 'sev-icon', 'aria-hidden': 'true' }, '⚠'), h('strong', {}, ' Test mode'), ` — this server sends ARM requests to ${testArm} with a stub credential.`) : null,
    signInForm, signedIn, actions,
    h('h3', { hidden: true, id: 'pv-steps-title' }, 'Steps'), stepList, result,
  );
  host.dataset.ready = 'true';
}
