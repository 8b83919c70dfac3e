// Connection specs in YAML, read safely: one document in the YAML 1.2 core schema (no
// `yes`/`on` booleans, no sexagesimal numbers), string keys, each once, and no aliases or
// explicit tags (`!!binary`, `!!set`, custom ones): a spec never needs them, and aliases
// are how a small file becomes a huge value. The file is within the spec's byte cap before
// it is parsed; what it holds then meets the module's caps like JSON does.
import { isAlias, isCollection, isMap, isNode, isPair, isScalar, isSeq, parseDocument, visit } from 'yaml';
import { InvalidError } from './errors.js';

const OPTIONS = {
  version: '1.2',
  schema: 'core',
  uniqueKeys: true,
  stringKeys: true,
  merge: false,
  prettyErrors: true,
};

/** What the parser's error and warning codes mean, worded here (the codes are stable). */
const REASONS = {
  DUPLICATE_KEY: 'a key given twice',
  NON_STRING_KEY: 'expected a string key, found a collection or a non-string',
  MULTIPLE_DOCS: 'expected one YAML document, found more',
  TAG_RESOLVE_FAILED: 'expected no tags, found an unknown one',
  BAD_ALIAS: 'a malformed alias',
  DUPLICATE_ANCHOR: 'an anchor given twice',
};

/**
 * Parses a YAML connection spec. Errors name the flag, the line and column, the field
 * (`target.account`, as the module names fields) and what was wrong.
 */
export function parseYaml(flag, text) {
  let doc;
  try {
    doc = parseDocument(text, OPTIONS);
  } catch (e) {
    // The parser is not recursive, but guard against the stack anyway.
    if (e instanceof RangeError) throw new InvalidError(`--${flag}: expected a YAML connection spec, found one nested too deeply`);
    throw e;
  }
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    const reason = REASONS[problem.code] ?? firstLine(problem.message);
    throw new InvalidError(`--${flag}: invalid YAML at ${position(problem.linePos)}${field(doc, problem.pos?.[0])}: ${reason}`);
  }
  // Aliases and explicit tags: found in the tree, where their field is known.
  let refused;
  visit(doc, (_key, node) => {
    if (isAlias(node)) refused = { node, reason: `expected no aliases, found *${node.source}` };
    else if ((isScalar(node) || isCollection(node)) && node.tag) refused = { node, reason: `expected no tags, found ${node.tag.replace(/^tag:yaml.org,2002:/, '!!')}` };
    return refused ? visit.BREAK : undefined;
  });
  if (refused) {
    const at = refused.node.range?.[0];
    throw new InvalidError(`--${flag}: invalid YAML at ${position(lineCol(text, at))}${field(doc, at)}: ${refused.reason}`);
  }
  return doc.toJS({ maxAliasCount: 0 });
}

function firstLine(message) {
  return String(message).split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function position(linePos) {
  const p = linePos?.[0];
  return p ? `line ${p.line}, column ${p.col}` : 'the start';
}

function lineCol(text, offset) {
  if (offset === undefined) return undefined;
  const before = text.slice(0, offset).split('\n');
  return [{ line: before.length, col: before.at(-1).length + 1 }];
}

/** `: field.path` of the deepest key or item whose node holds `offset`, or nothing at the root. */
function field(doc, offset) {
  if (offset === undefined) return '';
  const parts = [];
  let node = doc.contents;
  for (;;) {
    let next;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        const end = isNode(pair.value) ? pair.value.range[2] : pair.key?.range?.[2];
        if (isNode(pair.key) && offset >= pair.key.range[0] && offset <= end) {
          // A key that is not a scalar has no field name to show.
          if (key === undefined) break;
          parts.push(parts.length ? `.${key}` : key);
          next = isNode(pair.value) && offset >= pair.value.range[0] ? pair.value : undefined;
          break;
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        if (isNode(item) && offset >= item.range[0] && offset <= item.range[2]) {
          parts.push(`[${i}]`);
          next = item;
        }
      });
    }
    if (!next) break;
    node = next;
  }
  return parts.length ? `: ${parts.join('')}` : '';
}
