// The Troubleshoot tab (a chunk of its own, with the classifier module): paste an error and
// see its category, cause, mitigation and commands (filled from the form), with the evidence
// the classifier found highlighted in its redacted excerpts. An empty box shows nothing.
import initClassifier, { classify } from 'aks-service-connector/classify';
import { copyButton, h } from './dom.js';

const bytes = new TextEncoder();
const text = new TextDecoder();

/** The input's text between two UTF-8 byte offsets (the classifier's evidence spans). */
export function byteSlice(input, start, end) {
  return text.decode(bytes.encode(input).slice(start, end));
}

/** An excerpt with the matched words marked (found again in the redacted excerpt). */
export function marked(excerpt, matched) {
  const i = matched ? excerpt.indexOf(matched) : -1;
  if (i < 0) return [excerpt];
  return [excerpt.slice(0, i), h('mark', {}, matched), excerpt.slice(i + matched.length)];
}

function commandRow(command, i) {
  return h('li', { class: 'command' },
    h('pre', { class: 'code', tabindex: '0' }, h('code', {}, command)),
    ...copyButton('Copy', () => command, `copy-command-${i}`));
}

function show(out, input, d) {
  const [m] = d.matches;
  const parts = [
    h('p', { class: 'category', 'data-testid': 'category' },
      h('strong', {}, m.title), ' ', h('code', {}, `category: ${d.category}`), ' ',
      h('span', { class: 'muted' }, `${Math.round(m.confidence * 100)}% · ${m.family}`)),
    h('h3', {}, 'Cause'),
    h('p', { 'data-testid': 'cause' }, m.cause),
    h('h3', {}, 'What to do'),
    h('ol', { 'data-testid': 'mitigation' }, m.mitigation.map((s) => h('li', {}, s))),
    m.commands.length ? h('h3', {}, 'Commands') : null,
    m.commands.length ? h('ul', { class: 'commands', 'data-testid': 'commands' }, m.commands.map(commandRow)) : null,
    m.evidence.length ? h('h3', {}, 'Evidence (secrets replaced by ***)') : null,
    m.evidence.length ? h('ul', { class: 'evidence', 'data-testid': 'evidence' }, m.evidence.map((e) => h('li', {},
      h('small', { class: 'muted' }, e.signal), h('br'),
      h('span', { class: 'excerpt' }, ...marked(e.excerpt, byteSlice(input, e.start, e.end)))))) : null,
    d.matches.length > 1 ? h('details', {}, h('summary', {}, `Also possible (${d.matches.length - 1})`),
      h('ul', {}, d.matches.slice(1).map((x) => h('li', {}, `${x.title} (${x.id}, ${Math.round(x.confidence * 100)}%)`)))) : null,
  ];
  out.replaceChildren(...parts.filter(Boolean));
}

/** Mounts the panel; `current()` gives the form's spec for the commands' names. */
export async function mount(host, current) {
  // Hosts that compute .wasm URLs themselves pass this one as ?classifyWasm=.
  const url = new URLSearchParams(location.search).get('classifyWasm');
  await initClassifier(url ? { module_or_path: url } : undefined);
  const input = h('textarea', { id: 'error-text', rows: 8, 'data-testid': 'error-text', spellcheck: 'false', 'aria-describedby': 'error-help' });
  const out = h('div', { id: 'diagnosis', 'data-testid': 'diagnosis', 'aria-live': 'polite' });
  const run = () => {
    const value = input.value;
    if (!value.trim()) { out.replaceChildren(); return; }
    const spec = current().spec ?? {};
    const context = {};
    if (spec.cluster?.resourceGroup) context.resourceGroup = spec.cluster.resourceGroup;
    if (spec.cluster?.name) context.cluster = spec.cluster.name;
    if (spec.namespace) context.namespace = spec.namespace;
    if (spec.connectionName) context.connection = spec.connectionName;
    show(out, value, classify(value, context));
  };
  input.addEventListener('input', run);
  host.replaceChildren(
    h('div', { class: 'field' },
      h('label', { for: 'error-text' }, 'Error message'),
      input,
      h('small', { id: 'error-help', class: 'hint' }, 'Paste what az, the portal, kubectl or a pod printed. It is read in this page only; commands take the cluster, namespace and connection from the form.')),
    out,
  );
  window.addEventListener('designer:update', () => { if (input.value.trim()) run(); });
  host.dataset.ready = 'true';
}
