import { err, out, printFindingsToStderr, sc } from '../io.js';
import { writeFiles, safePart } from '../out-dir.js';
import { loadSpec, specHelp, withSpecOptions } from '../spec-flags.js';
import { findPlaceholders, refuse } from '../strict.js';
import { OUT, STRICT, oneOf } from './common.js';

/**
 * `--out` file names: a number per kind, so that `kubectl apply -f DIR` (which takes files in
 * name order) creates the Secret and the ServiceAccount before the workload that uses them,
 * and a file keeps its name whichever other documents a connection has.
 */
const FILE_ORDER = { Secret: 10, ServiceAccount: 20, SecretProviderClass: 30 };
const WORKLOAD_ORDER = 40;

/** The `--out` file of a rendered document: `10-secret-<name>.yaml`. */
export function documentFile(doc, ext) {
  const n = FILE_ORDER[doc.kind] ?? WORKLOAD_ORDER;
  return `${n}-${safePart(doc.kind.toLowerCase())}-${safePart(doc.name)}.${ext}`;
}

/** What `--strict` reads of a document: the object, a Secret's `data` decoded. */
function strictView(doc) {
  const o = doc.object;
  if (o.kind !== 'Secret' || !o.data) return o;
  const data = Object.fromEntries(Object.entries(o.data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
  return { ...o, data };
}

export default {
  summary: 'render the Kubernetes objects of a connection',
  usage: 'render (--spec FILE | --target ID) [spec options] [--format yaml|json] [--encoding stringData|data] [--strict] [--out DIR]',
  options: () => withSpecOptions({
    format: { type: 'string', value: 'yaml|json', help: 'yaml (default): a multi-document stream; json: a v1 List' },
    encoding: { type: 'string', value: 'stringData|data', help: 'stringData (default) or data (base64) for Secret values' },
    strict: STRICT,
    out: { ...OUT, help: 'write one file per document under DIR (10-secret-NAME.yaml, 20-serviceaccount-…, 30-secretproviderclass-…, 40-job-…) instead of printing' },
  }),
  help: specHelp,
  async run(values) {
    const format = oneOf('format', values.format, ['yaml', 'json']) ?? 'yaml';
    const encoding = oneOf('encoding', values.encoding, ['stringData', 'data']) ?? 'stringData';
    const result = sc.render(await loadSpec(values), { secretEncoding: encoding });
    // Warnings go to stderr so that stdout stays applyable; info findings are for `validate`.
    // SC026 (the docs list no configuration keys, so the Secret is empty) is said as a note.
    printFindingsToStderr(result.findings.filter((f) => f.severity === 'warning' && f.code !== 'SC026'));
    const empty = result.findings.find((f) => f.code === 'SC026');
    if (empty) {
      const secret = result.documents.find((d) => d.kind === 'Secret');
      err(`note: Secret ${secret ? secret.name : ''} has no keys: ${empty.message}\n`);
    }
    if (values.strict) {
      refuse(result.documents.flatMap((d) => findPlaceholders(`${d.kind}/${d.name}`, strictView(d))));
    }
    const json = (o) => `${JSON.stringify(o, null, 2)}\n`;
    if (values.out !== undefined) {
      writeFiles(values.out, result.documents.map((d) => ({
        path: documentFile(d, format),
        text: format === 'json' ? json(d.object) : d.yaml.endsWith('\n') ? d.yaml : `${d.yaml}\n`,
      })));
    } else if (format === 'json') {
      out(json({ apiVersion: 'v1', kind: 'List', items: result.documents.map((d) => d.object) }));
    } else {
      out(result.yaml.endsWith('\n') ? result.yaml : `${result.yaml}\n`);
    }
    return 0;
  },
};
