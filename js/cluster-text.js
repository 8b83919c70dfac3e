// What the cluster holds, as pasted into the designer's Drift tab or read by the CLI's `diff`,
// turned into the JSON text the cluster module's drift check reads. JSON passes as it is (the
// module reports its own errors); YAML (one object, a List, or several `---` documents as
// `kubectl get -o yaml` prints them) goes through the `yaml` parser (YAML 1.2, aliases
// capped), each document a mapping.
import { parseAllDocuments } from 'yaml';

/** Largest paste read, in bytes: the cluster module's cap on its input (`limits()`), checked before parsing. */
export const MAX_BYTES = 8 * 1024 * 1024;

/** A paste that is not Kubernetes objects: the message says where and why. */
export class PasteError extends Error {}

const kindOf = (v) => (v === null ? 'an empty document' : Array.isArray(v) ? 'a list' : `a ${typeof v}`);

/** The first line of a parser message, without its trailing colon (the excerpt follows it). */
const firstLine = (message) => message.split('\n')[0].replace(/:\s*$/, '');

/**
 * The JSON text of the pasted objects, or null for an empty paste. Throws a PasteError when
 * the text is too large, not YAML, or holds a document that is not a mapping.
 */
export function clusterJson(text) {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_BYTES) throw new PasteError(`expected at most ${MAX_BYTES} bytes, found ${bytes}`);
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return trimmed;
  const docs = parseAllDocuments(trimmed, { prettyErrors: true });
  // An empty stream (only comments) is a document list of none.
  const list = Array.isArray(docs) ? docs : [];
  const objects = [];
  for (const [i, doc] of list.entries()) {
    const where = list.length > 1 ? `document ${i + 1}, ` : '';
    const [err] = doc.errors;
    if (err) throw new PasteError(`not YAML (${where}${firstLine(err.message)})`);
    let value;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      throw new PasteError(`not YAML (${where}${firstLine(e.message)})`);
    }
    // A `---` at the end or between objects leaves an empty document: nothing to read.
    if (value == null) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new PasteError(`expected Kubernetes objects (YAML mappings with a kind), found ${kindOf(value)}${where ? ` in ${where.slice(0, -2)}` : ''}`);
    }
    objects.push(value);
  }
  if (!objects.length) throw new PasteError('expected Kubernetes objects (YAML or JSON), found no object');
  return JSON.stringify(objects.length === 1 ? objects[0] : objects);
}
