// The Drift tab (a chunk of its own, with the YAML parser and the cluster module): paste what the
// cluster holds and see how it differs from the current design. The cluster module's `drift`
// compares; this module only reads the paste and lists the findings. The pasted text stays in the text box: it is not saved (not in
// the link, not in local storage) and not sent anywhere, since a Secret's values are in it.
import initCluster, { drift } from 'aks-service-connector/cluster';
import { h } from './dom.js';
import { SEVERITY } from './copy.js';
// The package's reader of a paste (the CLI's `diff` reads its input with it too).
import { clusterJson } from '../../js/cluster-text.js';

/**
 * The command that prints what the check reads, for the design's namespace and the kinds it
 * renders. `secretproviderclass` only when the design has one: kubectl refuses the whole list
 * when one resource type is unknown to the server, as it is where the Secrets Store CSI
 * driver is not installed.
 */
export function command(namespace, kinds = []) {
  const types = ['secret', 'serviceaccount', ...(kinds.includes('SecretProviderClass') ? ['secretproviderclass'] : []), 'deployment'];
  return `kubectl get ${types.join(',')} -n ${namespace || 'default'} -o yaml`;
}

/** One drift finding: severity icon and word, code, the path in the paste, the message. */
export function driftItem(f) {
  const [icon, word] = SEVERITY[f.severity] ?? ['•', f.severity];
  return h('li', { class: `finding ${f.severity}`, 'data-code': f.code, 'data-field': f.field },
    h('span', { class: 'sev-icon', 'aria-hidden': 'true' }, icon),
    h('strong', { class: 'sev-word' }, word), ' ',
    h('code', {}, f.code), ' ',
    h('code', { class: 'path' }, f.field), ' ',
    h('span', { class: 'msg' }, f.message));
}

function report(out, r) {
  const noted = r.findings.filter((f) => f.severity !== 'info').length;
  const objects = `${r.objects} object${r.objects === 1 ? '' : 's'} read`;
  out.replaceChildren(
    h('p', { class: `drift-summary ${noted ? 'drifted' : 'clean'}`, 'data-testid': 'drift-summary' },
      noted
        ? [h('span', { class: 'sev-icon', 'aria-hidden': 'true' }, '⚠'), `${noted} difference${noted === 1 ? '' : 's'} from the design (${objects})`]
        : [h('span', { class: 'sev-icon', 'aria-hidden': 'true' }, '✓'), `No drift: the cluster holds what the design renders (${objects})`]),
    r.findings.length ? h('ul', { class: 'findings-list', 'data-testid': 'drift-findings' }, r.findings.map(driftItem)) : null,
  );
}

function failure(out, message) {
  out.replaceChildren(h('p', { class: 'finding error', role: 'alert', 'data-testid': 'drift-error' },
    h('span', { class: 'sev-icon', 'aria-hidden': 'true' }, SEVERITY.error[0]),
    h('strong', { class: 'sev-word' }, SEVERITY.error[1]), ' ', message));
}

/**
 * Mounts the panel once the cluster module is loaded; `current()` gives the design (`spec`) as
 * the form holds it now.
 */
export async function mount(host, current) {
  // Hosts that compute .wasm URLs themselves pass this one as ?clusterWasm=.
  const url = new URLSearchParams(location.search).get('clusterWasm');
  await initCluster(url ? { module_or_path: url } : undefined);
  const input = h('textarea', {
    id: 'cluster-text', rows: 10, wrap: 'off', spellcheck: 'false', autocomplete: 'off', 'data-testid': 'cluster-text',
    'aria-describedby': 'cluster-help drift-result',
  });
  const out = h('div', { id: 'drift-result', 'data-testid': 'drift-result', 'aria-live': 'polite' });
  const shown = h('code', { 'data-testid': 'drift-command' });
  const showCommand = () => {
    const { spec, result } = current();
    shown.textContent = command(spec?.namespace, (result?.documents ?? []).map((d) => d.kind));
  };
  showCommand();
  let parsed = { text: null, json: null, error: null };
  const run = () => {
    const text = input.value;
    if (text !== parsed.text) {
      parsed = { text, json: null, error: null };
      try {
        parsed.json = clusterJson(text);
      } catch (e) {
        parsed.error = e.message;
      }
    }
    if (parsed.error) { failure(out, `Not read: ${parsed.error}`); return; }
    if (parsed.json == null) { out.replaceChildren(); return; }
    const { spec } = current();
    try {
      report(out, drift(structuredClone(spec ?? {}), parsed.json));
    } catch (e) {
      if (e.code === 'invalid-spec') failure(out, 'The design has errors (marked ⛔ Error in the form): fix them to compare.');
      else failure(out, `Not read: ${e.message}`);
    }
  };
  // A large paste is parsed once typing pauses, not at every keystroke.
  let timer;
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(run, 120); });
  host.replaceChildren(
    h('div', { class: 'field' },
      h('label', { for: 'cluster-text' }, 'What the cluster holds (YAML or JSON)'),
      input,
      h('small', { id: 'cluster-help', class: 'hint' },
        'Paste the output of ', shown,
        ' (or -o json). It is compared in this page with the design, never saved or sent: it holds the Secret\u2019s values. A path such as cluster[1] counts the pasted objects from 0.')),
    out,
  );
  // A change to the design compares the same paste again.
  window.addEventListener('designer:update', () => {
    showCommand();
    if (parsed.text != null && input.value.trim()) run();
  });
  host.dataset.ready = 'true';
}
