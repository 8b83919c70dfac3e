// Small DOM helpers: element creation without innerHTML, copy and download with visible
// feedback, and the WAI-ARIA tabs pattern (arrow keys, Home, End, roving tabindex).

/** Creates an element: `h('p', { class: 'x', 'aria-label': '…' }, child, 'text')`. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'value') el.value = v;
    else if (k === 'checked' || k === 'selected' || k === 'hidden' || k === 'disabled') el[k] = Boolean(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  el.append(...children.flat().filter((c) => c != null && c !== false));
  return el;
}

export const $ = (id) => document.getElementById(id);

/** Replaces `el`'s children, leaving out null and false (conditional parts). */
export function fill(el, ...children) {
  el.replaceChildren(...children.flat().filter((c) => c != null && c !== false));
}

/** Says `text` in a polite live region next to the control that caused it, then clears it. */
export function flash(status, text) {
  status.textContent = text;
  clearTimeout(status.timer);
  status.timer = setTimeout(() => { status.textContent = ''; }, 2500);
}

/** A Copy button and its status: copies `get()`, and says so (or why not). */
export function copyButton(label, get, testid) {
  const status = h('span', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const button = h('button', {
    type: 'button',
    'data-testid': testid,
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(get());
        flash(status, 'Copied');
      } catch (e) {
        flash(status, `Not copied: ${e.message}`);
      }
    },
  }, label);
  return [button, status];
}

/** A Download button: saves `get()` as `name()` with the given MIME type. */
export function downloadButton(label, get, name, type, testid) {
  return h('button', {
    type: 'button',
    'data-testid': testid,
    onclick: () => {
      const url = URL.createObjectURL(new Blob([get()], { type }));
      const a = h('a', { href: url, download: name() });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    },
  }, label);
}

/**
 * Wires a tablist: `tabs` are its `[role=tab]` buttons (each with `aria-controls`). Clicks and
 * the arrow keys, Home and End select a tab (automatic activation); only the selected tab is in
 * the tab order. `onSelect(id)` runs after the panels are switched.
 */
export function tabs(list, onSelect = () => {}) {
  const all = () => [...list.querySelectorAll('[role="tab"]')].filter((t) => !t.hidden);
  const select = (tab, focus = false) => {
    for (const t of all()) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      const panel = document.getElementById(t.getAttribute('aria-controls'));
      if (panel) panel.hidden = !on;
    }
    if (focus) tab.focus();
    onSelect(tab.dataset.tab, tab);
  };
  list.addEventListener('click', (e) => {
    const tab = e.target.closest('[role="tab"]');
    if (tab && list.contains(tab)) select(tab);
  });
  list.addEventListener('keydown', (e) => {
    const items = all();
    const i = items.indexOf(document.activeElement);
    if (i < 0) return;
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: items.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    select(items[(next + items.length) % items.length], true);
  });
  return {
    select: (id) => { const t = all().find((x) => x.dataset.tab === id); if (t) select(t); },
    selected: () => all().find((t) => t.getAttribute('aria-selected') === 'true')?.dataset.tab,
  };
}

/** Builds a tablist and its panels from `[{ id, label, panel }]` into `host`. */
export function tabSet(host, name, items, onSelect) {
  const list = h('div', { role: 'tablist', class: 'tabs', 'aria-label': name });
  const panels = [];
  for (const [i, item] of items.entries()) {
    const tabId = `${host.id}-tab-${i}`;
    const panelId = `${host.id}-panel-${i}`;
    list.append(h('button', {
      type: 'button', role: 'tab', id: tabId, 'aria-controls': panelId, 'data-tab': item.id,
      'aria-selected': String(i === 0), tabindex: i === 0 ? '0' : '-1', title: item.title,
    }, item.label));
    panels.push(h('div', { role: 'tabpanel', id: panelId, 'aria-labelledby': tabId, hidden: i !== 0, class: 'tabpanel' }, item.panel));
  }
  host.replaceChildren(list, ...panels);
  return tabs(list, onSelect);
}
