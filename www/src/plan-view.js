// The Plan tab: the operations in order (who performs each, whether it will happen), the
// diagram, and the ARM request, az command and Bicep with copy and download.
import { copyButton, downloadButton, fill, h, tabSet } from './dom.js';
import { PERFORMER, STATUS } from './copy.js';
import { diagram } from './diagram.js';
import { item } from './findings.js';
import { paint } from './highlight.js';

let selected = 'arm';

const lines = (cmds) => cmds.map((c) => `${c.note ? `# ${c.note}\n` : ''}${c.maskedLine ?? c.line}`).join('\n');

function code(text, lang, testid) {
  const c = h('code', {});
  paint(c, text, lang);
  return h('pre', { class: 'code', tabindex: '0', 'data-testid': testid }, c);
}

/** Who runs a step, and when Service Connector and a command can both do it, which one. */
function whoRuns(op) {
  if (op.performer === 'user') return 'You run this before creating the connection.';
  if (op.commands?.length) return 'Service Connector does this when it creates the connection; the commands are for checking it, or for doing it by hand only if you apply the YAML without Service Connector.';
  return 'Service Connector does this when it creates the connection.';
}

function operation(op, i) {
  return h('li', { class: `op ${op.status}`, 'data-op': op.id, 'data-status': op.status },
    h('div', { class: 'op-head' },
      h('span', { class: 'op-n', 'aria-hidden': 'true' }, String(i + 1)),
      h('strong', {}, op.title)),
    h('div', { class: 'op-meta' },
      h('span', { class: `badge ${op.performer}` }, PERFORMER[op.performer] ?? op.performer),
      h('span', { class: `badge status-${op.status}` }, STATUS[op.status] ?? op.status),
      h('span', { class: 'badge place' }, op.place === 'cluster' ? 'in the cluster' : 'in Azure')),
    h('p', { class: 'op-reason' }, op.reason),
    h('p', { class: 'op-who' }, whoRuns(op)),
    op.commands?.length ? h('details', {}, h('summary', {}, `Commands (${op.commands.length})`), code(lines(op.commands), 'shell')) : null);
}

function source(label, text, lang, file, mime, testid) {
  return h('div', { class: 'source' },
    h('div', { class: 'toolbar' },
      ...copyButton(`Copy ${label}`, () => text, `copy-${testid}`),
      downloadButton(`Download ${file}`, () => text, () => file, mime, `download-${testid}`)),
    code(text, lang, testid));
}

/** Fills `host` with the plan; `documents` and `targetName` feed the diagram. */
export function showPlan(host, plan, documents, targetName, error) {
  if (!plan) {
    host.replaceChildren(h('p', { class: 'finding error', 'data-testid': 'plan-error' },
      h('span', { class: 'sev-icon', 'aria-hidden': 'true' }, '⛔'), h('strong', { class: 'sev-word' }, 'Error'),
      `No plan: ${error || 'the spec has errors'}. Fix the fields marked ⛔ Error.`));
    return;
  }
  const name = plan.connectionName;
  const arm = plan.requests.map((r) => `${r.method} ${r.url}\n${JSON.stringify(r.maskedBody, null, 2)}`).join('\n\n');
  const az = plan.az.create.maskedLine;
  const azAll = [az, '', '# check it', lines(plan.az.show), lines(plan.az.validate), '', '# remove it', lines(plan.az.delete)].join('\n');
  const bicep = plan.bicep.text;
  const sources = h('div', { id: 'plan-sources' });
  const placeholders = plan.findings.filter((f) => f.code === 'SC032' || f.code === 'SC033');
  fill(host,
    h('h3', {}, 'What happens, in order'),
    h('ol', { class: 'ops', 'data-testid': 'operations' }, plan.operations.map(operation)),
    h('h3', {}, 'Diagram'),
    h('div', { class: 'diagram-box' }, diagram(plan, documents, targetName)),
    h('h3', {}, 'Create it yourself'),
    placeholders.length ? h('ul', { class: 'findings' }, placeholders.map(item)) : null,
    sources,
    plan.federatedCredential ? h('details', {}, h('summary', {}, 'Federated credential by hand'),
      code(lines([plan.federatedCredential.issuerLookup, plan.federatedCredential.command].filter(Boolean)), 'shell')) : null,
    plan.cleanup?.length ? h('details', {}, h('summary', {}, 'Cleanup after deleting the connection'), code(lines(plan.cleanup), 'shell')) : null,
    plan.troubleshooting?.length ? h('details', {}, h('summary', {}, 'Troubleshooting commands'), code(lines(plan.troubleshooting), 'shell')) : null,
  );
  const tabs = tabSet(sources, 'Create it with', [
    { id: 'arm', label: 'ARM request', panel: source('ARM request', arm, 'json', `${name}.arm.txt`, 'text/plain', 'arm') },
    { id: 'az', label: 'az command', panel: source('az command', azAll, 'shell', `${name}.sh`, 'text/x-shellscript', 'az') },
    { id: 'bicep', label: 'Bicep', panel: source('Bicep', bicep, 'bicep', `${name}.bicep`, 'text/plain', 'bicep') },
  ], (id) => { selected = id; });
  tabs.select(selected);
}
