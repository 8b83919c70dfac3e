// Findings next to what they name: a control whose path is the finding's field, else the
// group the field belongs to, else the general list. Each shows an icon and a word for its
// severity (never colour alone), its code and its message.
import { h } from './dom.js';
import { SEVERITY } from './copy.js';

/** The group (fieldset id) of a spec field by its first segment. */
const GROUPS = {
  target: 'g-target', keyvault: 'g-target', auth: 'g-auth', clientType: 'g-auth',
  connectionName: 'g-connection', namespace: 'g-connection', anotherConnectionOfType: 'g-connection', names: 'g-connection',
  cluster: 'g-cluster', customizedKeys: 'g-keys', values: 'g-keys', workload: 'g-workload', context: 'g-context',
};

const PLAN_FIELDS = /^(requests|az|bicep)(\.|$)/;

/** One finding as a list item. */
export function item(f) {
  const [icon, word] = SEVERITY[f.severity] ?? ['•', f.severity];
  return h('li', { class: `finding ${f.severity}`, 'data-code': f.code, 'data-field': f.field },
    h('span', { class: 'sev-icon', 'aria-hidden': 'true' }, icon),
    h('strong', { class: 'sev-word' }, `${word}`), ' ',
    h('code', {}, f.code), ' ',
    h('span', { class: 'msg' }, f.message));
}

/**
 * The plan's "placeholders remain" findings (SC032) name their fields in `missing`: each such
 * field gets one, saying which request needs it.
 */
export function placeholderFindings(plan) {
  if (!plan) return [];
  const needs = new Map();
  const add = (field, what) => { if (!needs.has(field)) needs.set(field, new Set()); needs.get(field).add(what); };
  for (const r of plan.requests ?? []) for (const m of r.missing ?? []) add(m, 'the ARM request');
  for (const m of plan.az?.missing ?? []) add(m, 'the az command');
  return [...needs].map(([field, what]) => ({
    code: 'SC032', severity: 'info', field,
    message: `needed by ${[...what].join(' and ')} (a <placeholder> stays until it is given)`,
  }));
}

/** Places `findings` into the form; returns those that found no field or group. */
export function place(form, findings, general) {
  for (const ul of form.querySelectorAll('.field-findings, .group-findings')) ul.replaceChildren();
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  const rest = [];
  for (const f of findings) {
    // The plan's own fields (its request, command, Bicep) are shown in the Plan tab, and their
    // placeholder findings next to each field they name.
    if (PLAN_FIELDS.test(f.field ?? '')) continue;
    const target = holder(form, f.field);
    if (!target) { rest.push(f); continue; }
    target.list.append(item(f));
    if (f.severity === 'error' && target.control) target.control.setAttribute('aria-invalid', 'true');
  }
  general.replaceChildren(...rest.map(item));
  // A collapsed group opens when it holds an error or a warning: nothing that matters stays hidden.
  for (const d of form.querySelectorAll('details.group')) {
    if (d.querySelector('.finding.error, .finding.warning')) d.open = true;
  }
  return rest;
}

function holder(form, path) {
  for (const el of form.querySelectorAll('.field[data-path]')) {
    if (el.dataset.path === path) return { list: el.querySelector('.field-findings'), control: el.querySelector('[data-bind]') };
  }
  // `customizedKeys.K` and `values.K`: the key's own control when there is one.
  const key = /^(?:customizedKeys|values)\.(.+)$/.exec(path ?? '');
  if (key) {
    const el = form.querySelector(`.field[data-path="${CSS.escape(key[1])}"]`);
    if (el) return { list: el.querySelector('.field-findings'), control: el.querySelector('[data-bind]') };
  }
  const group = GROUPS[(path ?? '').split(/[.[]/)[0]];
  const g = group && document.getElementById(group);
  return g ? { list: g.querySelector('.group-findings'), control: null } : null;
}

/** Merges render's (or validate's) and plan's findings without repeats. */
export function merge(...lists) {
  const seen = new Set();
  const out = [];
  for (const f of lists.flat()) {
    const k = `${f.code}\u0000${f.field}\u0000${f.message}`;
    if (!seen.has(k)) { seen.add(k); out.push(f); }
  }
  const rank = { error: 0, warning: 1, info: 2 };
  return out.sort((a, b) => (rank[a.severity] ?? 3) - (rank[b.severity] ?? 3));
}

/** "1 error · 2 warnings · 3 notes". */
export function summary(findings) {
  const n = (s) => findings.filter((f) => f.severity === s).length;
  const parts = [['error', 'error', 'errors'], ['warning', 'warning', 'warnings'], ['info', 'note', 'notes']]
    .filter(([s]) => n(s))
    .map(([s, one, many]) => `${SEVERITY[s][0]} ${n(s)} ${n(s) === 1 ? one : many}`);
  return parts.length ? parts.join(' · ') : 'No findings';
}
