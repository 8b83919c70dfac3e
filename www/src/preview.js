// The YAML tab: one tab per document plus "All", highlighted, with copy, download and the
// Secret encoding toggle; it follows every keystroke.
import { $, copyButton, downloadButton, h, tabs } from './dom.js';
import { paint } from './highlight.js';

let current = { yaml: '', documents: [], name: 'connection' };
let selected = 'all';
let docKeys = '';
let tabApi;

const keyOf = (d) => `${d.kind}/${d.name}`;
/** The kinds of the rendered sample workload (named as a sample in its tab). */
const SAMPLE_KINDS = ['Job', 'Deployment', 'Pod'];

/** The text the preview shows now (what copy and download give). */
export function shownText() {
  if (selected === 'all') return current.yaml;
  return current.documents.find((d) => keyOf(d) === selected)?.yaml ?? current.yaml;
}

function fileName() {
  if (selected === 'all') return `${current.name}.yaml`;
  const d = current.documents.find((x) => keyOf(x) === selected);
  return d ? `${d.kind.toLowerCase()}-${d.name}.yaml` : `${current.name}.yaml`;
}

/** Wires the toolbar once. */
export function initPreview() {
  $('yaml-actions').replaceChildren(
    ...copyButton('Copy', shownText, 'copy'),
    downloadButton('Download .yaml', shownText, fileName, 'application/yaml', 'download'),
  );
}

function paintShown() {
  paint($('yaml'), shownText(), 'yaml');
  $('yaml').parentElement.dataset.doc = selected;
}

/** Shows a render result (or an error text in place of the YAML). */
export function showPreview(result, name, errorText) {
  if (!result) {
    current = { yaml: '', documents: [], name };
    $('doc-tabs').replaceChildren();
    docKeys = '';
    $('yaml').replaceChildren(errorText);
    $('yaml').parentElement.dataset.doc = 'error';
    return;
  }
  current = { yaml: result.yaml, documents: result.documents, name };
  const keys = ['all', ...result.documents.map(keyOf)].join('|');
  if (keys !== docKeys) {
    docKeys = keys;
    if (!keys.split('|').includes(selected)) selected = 'all';
    const list = $('doc-tabs');
    list.replaceChildren(
      h('button', { type: 'button', role: 'tab', 'data-tab': 'all', 'aria-controls': 'yaml-region' }, 'All'),
      ...result.documents.map((d) => h('button', {
        type: 'button', role: 'tab', 'data-tab': keyOf(d), 'aria-controls': 'yaml-region',
        title: SAMPLE_KINDS.includes(d.kind) ? `${d.kind} ${d.name}: a sample workload (the Wire tab connects an existing one)` : `${d.kind} ${d.name}`,
      }, SAMPLE_KINDS.includes(d.kind) ? `${d.kind} (sample)` : d.kind)),
    );
    for (const b of list.children) {
      const on = b.dataset.tab === selected;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
    }
    tabApi ??= tabs(list, (id) => {
      selected = id;
      $('yaml-region').hidden = false;
      paintShown();
    });
  }
  paintShown();
}
