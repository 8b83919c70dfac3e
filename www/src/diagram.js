// The connection as a diagram, generated from the plan and the rendered documents: the cluster
// (with sc-extension) and the namespace's objects on the left, what lives in Azure on the right
// (managed identity, federated credential, role assignment, the target), arrows for who uses
// what. SVG built element by element, styled by classes only (no inline style under the CSP).

const NS = 'http://www.w3.org/2000/svg';
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) e.setAttribute(k, String(v));
  e.append(...children);
  return e;
};

const W = 640;
const BOX_W = 250;
const BOX_H = 44;
const GAP = 14;

/** What the diagram shows: nodes (with column and status) and edges, from plan and documents. */
export function model(plan, documents, targetName) {
  const op = (id) => plan?.operations?.find((o) => o.id === id);
  const shows = (o) => o && o.status !== 'notApplicable';
  const nodes = [];
  const add = (id, col, title, sub, status = 'applies') => nodes.push({ id, col, title, sub, status });
  add('cluster', 'cluster', 'AKS cluster', plan?.clusterId?.split('/').pop() ?? '<cluster.name>', 'exists');
  const ext = op('sc-extension');
  if (shows(ext)) add('extension', 'cluster', 'sc-extension', 'Helm release in sc-system', ext.status);
  add('namespace', 'cluster', 'Namespace', plan?.namespace ?? documents?.[0]?.namespace ?? 'default', 'exists');
  const workloadKinds = new Set(['Job', 'Deployment', 'Pod']);
  for (const d of documents ?? []) {
    const id = workloadKinds.has(d.kind) ? 'workload' : d.kind;
    add(id, 'cluster', d.kind, d.name, 'applies');
  }
  const wi = plan?.auth === 'workload-identity';
  if (wi) add('identity', 'azure', 'Managed identity', plan.federatedCredential?.identityName ?? 'user-assigned', 'exists');
  const fic = op('federated-identity-credential');
  if (shows(fic)) add('fic', 'azure', 'Federated credential', plan.federatedCredential?.name ?? '', fic.status);
  const role = op('role-assignment');
  if (shows(role)) add('role', 'azure', 'Role assignment', 'data-plane role on the target', role.status);
  const csi = op('keyvault-secrets-provider-addon');
  if (shows(csi)) add('addon', 'azure', 'Key Vault CSI add-on', 'azureKeyvaultSecretsProvider', csi.status);
  add('target', 'azure', 'Target', targetName, 'exists');

  const has = (id) => nodes.some((n) => n.id === id);
  const edges = [];
  const link = (from, to, label) => { if (has(from) && has(to)) edges.push({ from, to, label }); };
  link('cluster', 'extension', 'runs');
  link('cluster', 'namespace', 'holds');
  link('workload', 'ServiceAccount', 'runs as');
  link('workload', 'Secret', 'reads env from');
  link('workload', 'SecretProviderClass', 'mounts');
  link('ServiceAccount', 'fic', 'token trusted by');
  link('fic', 'identity', 'on');
  link('identity', 'role', 'granted');
  link('role', 'target', 'on');
  link('SecretProviderClass', 'addon', 'uses');
  link('addon', 'target', 'reads');
  link('Secret', 'target', 'configuration of');
  return { nodes, edges };
}

/** The diagram as an `<svg>` with a title and a text description of every arrow. */
export function diagram(plan, documents, targetName) {
  const { nodes, edges } = model(plan, documents, targetName);
  const pos = new Map();
  const rows = { cluster: 0, azure: 0 };
  for (const n of nodes) {
    const x = n.col === 'cluster' ? (['cluster', 'extension', 'namespace'].includes(n.id) ? 24 : 54) : W - BOX_W - 30;
    const y = 40 + rows[n.col] * (BOX_H + GAP);
    rows[n.col] += 1;
    pos.set(n.id, { x, y, w: n.col === 'cluster' && x === 54 ? BOX_W - 30 : BOX_W });
  }
  const height = 40 + Math.max(rows.cluster, rows.azure) * (BOX_H + GAP) + 10;
  const nsTop = pos.get('namespace').y;
  const svg = el('svg', {
    viewBox: `0 0 ${W} ${height}`, role: 'img', 'aria-labelledby': 'diagram-title diagram-desc', class: 'diagram', 'data-testid': 'diagram',
  });
  const desc = edges.map((e) => `${label(nodes, e.from)} ${e.label} ${label(nodes, e.to)}`).join('; ');
  svg.append(
    el('title', { id: 'diagram-title' }, 'The connection: cluster objects and Azure resources'),
    el('desc', { id: 'diagram-desc' }, `${desc}.`),
    el('defs', {}, el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
      el('path', { d: 'M0 0 L10 5 L0 10 z', class: 'arrowhead' }))),
    el('text', { x: 24, y: 22, class: 'col-title' }, 'In the cluster'),
    el('text', { x: W - BOX_W - 30, y: 22, class: 'col-title' }, 'In Azure'),
    el('rect', { x: 44, y: nsTop + BOX_H + 4, width: BOX_W - 10, height: Math.max(0, rows.cluster * (BOX_H + GAP) + 40 - nsTop - BOX_H - 8), rx: 8, class: 'ns-frame' }),
  );
  let bracket = 0;
  for (const e of edges) {
    const a = pos.get(e.from);
    const b = pos.get(e.to);
    const cross = Math.abs(a.x - b.x) > BOX_W;
    let d;
    if (cross) {
      const [x1, y1, x2, y2] = [a.x + a.w, a.y + BOX_H / 2, b.x, b.y + BOX_H / 2];
      d = `M${x1} ${y1} C${x1 + 50} ${y1} ${x2 - 50} ${y2} ${x2} ${y2}`;
    } else if (b.y === a.y + BOX_H + GAP && Math.abs(a.x - b.x) < 40) {
      // The next box down: a short straight arrow.
      d = `M${b.x + 14} ${a.y + BOX_H} L${b.x + 14} ${b.y}`;
    } else {
      // Further along the column: a bracket beside it (left in the cluster, right in Azure).
      bracket += 1;
      const left = a.x < W / 2;
      const off = 6 + (bracket % 3) * 6;
      const xa = left ? a.x : a.x + a.w;
      const xb = left ? b.x : b.x + b.w;
      const xm = left ? Math.min(xa, xb) - off : Math.max(xa, xb) + off;
      d = `M${xa} ${a.y + BOX_H / 2} H${xm} V${b.y + BOX_H / 2} H${xb}`;
    }
    svg.append(el('path', { d, class: `edge${cross ? ' cross' : ''}`, 'marker-end': 'url(#arrow)', 'data-edge': `${e.from}>${e.to}` }));
  }
  for (const n of nodes) {
    const p = pos.get(n.id);
    svg.append(el('g', { class: `node ${n.status}`, 'data-node': n.id },
      el('rect', { x: p.x, y: p.y, width: p.w, height: BOX_H, rx: 6 }),
      el('text', { x: p.x + 10, y: p.y + 18, class: 'node-title' }, n.title + (n.status === 'unknown' ? ' (if needed)' : n.status === 'alreadyDone' ? ' (exists)' : '')),
      el('text', { x: p.x + 10, y: p.y + 35, class: 'node-sub' }, clip(n.sub, 34))));
  }
  return svg;
}

const label = (nodes, id) => { const n = nodes.find((x) => x.id === id); return `${n.title} ${n.sub}`.trim(); };
const clip = (s, n) => (String(s ?? '').length > n ? `${String(s).slice(0, n - 1)}…` : String(s ?? ''));
