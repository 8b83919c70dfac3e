// A small syntax highlighter for what the designer shows: YAML, JSON, shell commands and Bicep.
// Each tokenizer splits the text into [class, text] pairs whose texts join back to the input
// exactly (tested); `<placeholders>` still to be filled are a class of their own. Spans get
// classes only, never inline styles (the CSP has no 'unsafe-inline').

const PLACEHOLDER = /<[^<>\s'"]+>/g;

/** Splits a token's text around `<placeholders>`. */
function withPlaceholders(cls, text, out) {
  let at = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (m.index > at) out.push([cls, text.slice(at, m.index)]);
    out.push(['placeholder', m[0]]);
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push([cls, text.slice(at)]);
}

const YAML_KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#"'\-?:,[\]{}][^#\n]*?|-[^\s#][^#\n]*?)(:)(?=\s|$)/;
const YAML_SCALAR = [
  [/^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')/, 'string'],
  [/^(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?)(?=\s*(?:#.*)?$)/, 'number'],
  [/^(true|false|null|~)(?=\s*(?:#.*)?$)/, 'literal'],
  [/^([|>][-+]?\d*)(?=\s*$)/, 'punct'],
];

function yamlValue(text, out) {
  if (!text) return;
  for (const [re, cls] of YAML_SCALAR) {
    const m = re.exec(text);
    if (m) {
      withPlaceholders(cls, m[1], out);
      return yamlRest(text.slice(m[1].length), out);
    }
  }
  // A plain scalar runs to ` #` (a comment) or the end of the line.
  const c = /\s#/.exec(text);
  const plain = c ? text.slice(0, c.index) : text;
  withPlaceholders('value', plain, out);
  yamlRest(text.slice(plain.length), out);
}

function yamlRest(text, out) {
  if (!text) return;
  const c = /#.*/.exec(text);
  if (c) {
    if (c.index) out.push(['', text.slice(0, c.index)]);
    out.push(['comment', c[0]]);
    const after = text.slice(c.index + c[0].length);
    if (after) out.push(['', after]);
  } else {
    out.push(['', text]);
  }
}

/** YAML, line by line: keys, scalars, comments, document markers and block indicators. */
export function yaml(text) {
  const out = [];
  for (const line of text.split(/(?<=\n)/)) {
    const body = line.endsWith('\n') ? line.slice(0, -1) : line;
    const nl = line.slice(body.length);
    const lead = /^(\s*)((?:-(?: +|$))*)/.exec(body);
    if (lead[1]) out.push(['', lead[1]]);
    if (lead[2]) out.push(['punct', lead[2]]);
    let rest = body.slice(lead[0].length);
    if (/^(---|\.\.\.)(\s|$)/.test(rest) && !lead[0]) {
      out.push(['punct', rest.slice(0, 3)]);
      rest = rest.slice(3);
      yamlRest(rest, out);
    } else if (rest.startsWith('#')) {
      out.push(['comment', rest]);
    } else {
      const k = YAML_KEY.exec(rest);
      if (k) {
        out.push(['key', k[1]], ['punct', k[2]]);
        rest = rest.slice(k[0].length);
        const ws = /^\s*/.exec(rest)[0];
        if (ws) out.push(['', ws]);
        rest = rest.slice(ws.length);
      }
      yamlValue(rest, out);
    }
    if (nl) out.push(['', nl]);
  }
  return out;
}

/** Tokenizes with sticky regexes tried in order; unmatched characters are plain text. */
function scan(text, rules) {
  const out = [];
  let at = 0;
  let plain = '';
  const flush = () => { if (plain) out.push(['', plain]); plain = ''; };
  outer: while (at < text.length) {
    for (const [re, cls] of rules) {
      re.lastIndex = at;
      const m = re.exec(text);
      if (m && m[0].length) {
        flush();
        const kind = typeof cls === 'function' ? cls(m, text) : cls;
        withPlaceholders(kind, m[0], out);
        at += m[0].length;
        continue outer;
      }
    }
    plain += text[at];
    at += 1;
  }
  flush();
  return out;
}

const JSON_RULES = [
  [/"(?:[^"\\]|\\.)*"/y, (m, text) => (/^\s*:/.test(text.slice(m.index + m[0].length)) ? 'key' : 'string')],
  [/-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/y, 'number'],
  [/\b(?:true|false|null)\b/y, 'literal'],
  [/[{}[\]:,]/y, 'punct'],
];
/** JSON (and the HTTP request line above an ARM body). */
export const json = (text) => scan(text, JSON_RULES);

const SHELL_RULES = [
  [/(?<=^|\n)\s*#[^\n]*/y, 'comment'],
  [/'[^']*'|"(?:[^"\\]|\\.)*"/y, 'string'],
  [/(?<=^|\s)--?[A-Za-z][\w-]*/y, 'flag'],
  [/(?<=^|\n|&& |\| )(?:az|kubectl|helm|curl|printenv)\b/y, 'command'],
  [/\b(?:PUT|GET|POST|PATCH|DELETE)\b/y, 'command'],
];
/** Shell commands: comments, quoted words, flags and the program. */
export const shell = (text) => scan(text, SHELL_RULES);

const BICEP_RULES = [
  [/\/\/[^\n]*/y, 'comment'],
  [/'(?:[^'\\]|\\.)*'/y, 'string'],
  [/@\w+/y, 'flag'],
  [/\b(?:param|var|resource|existing|output|module|targetScope|if|for|in)\b/y, 'key'],
  [/\b(?:true|false|null)\b/y, 'literal'],
  [/\b\d+\b/y, 'number'],
  [/[{}[\]:,=]/y, 'punct'],
];
/** Bicep: comments, strings, decorators and keywords. */
export const bicep = (text) => scan(text, BICEP_RULES);

/** Fills `code` with the highlighted `text` (spans with `tok-<class>` classes). */
export function paint(code, text, lang) {
  const tokens = { yaml, json, shell, bicep }[lang]?.(text) ?? [['', text]];
  const frag = document.createDocumentFragment();
  for (const [cls, t] of tokens) {
    if (!cls) frag.append(t);
    else {
      const s = document.createElement('span');
      s.className = `tok-${cls}`;
      s.textContent = t;
      frag.append(s);
    }
  }
  code.replaceChildren(frag);
  code.dataset.lang = lang;
}
