// compose: several connections for one workload, through the cluster module (loaded when the
// command runs). The set file is JSON or YAML, read within the module's cap for a set.
import { InvalidError, UsageError } from '../errors.js';
import { out, printFindingsToStderr } from '../io.js';
import { readInput, specSyntax } from '../input.js';
import { writeFiles } from '../out-dir.js';
import { findPlaceholders, refuse } from '../strict.js';
import { parseYaml } from '../yaml.js';
import { documentFile } from './render.js';
import { OUT, STRICT, oneOf } from './common.js';

/** Reads the workload set named by `--set` (JSON or YAML) within the module's cap. */
async function readSet(cluster, path) {
  const cap = cluster.limits().find((c) => c.input === 'set' && c.measure === 'jsonBytes').max;
  const text = (await readInput('set', path, cap)).replace(/^\uFEFF/, '');
  if (specSyntax(path, text) === 'yaml') return parseYaml('set', text);
  try {
    return JSON.parse(text);
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    throw new InvalidError(`--set: expected a JSON workload set, found invalid JSON (${e.message})`);
  }
}

export default {
  summary: 'render several connections for one workload: each connection\'s objects once, one workload (or its wiring) for them all',
  usage: 'compose --set FILE [--format yaml|json] [--encoding stringData|data] [--wiring strategic|kustomize|json-patch] [--strict] [--out DIR]',
  options: () => ({
    set: { type: 'string', value: 'FILE', help: 'the workload set, JSON or YAML: { connections: [{ spec, mount? }], workload? | existing?, workloadEnv?, … }; - for standard input' },
    format: { type: 'string', value: 'yaml|json', help: 'yaml (default): a multi-document stream; json: a v1 List' },
    encoding: { type: 'string', value: 'stringData|data', help: 'stringData (default) or data (base64) for Secret values' },
    wiring: { type: 'string', value: 'FORM', help: 'with `existing` in the set: print only the patch that wires it (strategic, kustomize or json-patch; with --out, written beside the objects)' },
    strict: STRICT,
    out: { ...OUT, help: 'write one file per document under DIR (10-secret-NAME.yaml, …; the wiring as 50-wiring.yaml or .json) instead of printing' },
  }),
  help: () => ['', 'Clashes between the connections (the same variable from two Secrets, two ServiceAccounts on one pod, one mount path twice, …) are findings SW001…: an error exits 1 and lists them.'],
  async run(values) {
    if (values.set === undefined) throw new UsageError('--set: required; the workload set file, or - for standard input');
    const format = oneOf('format', values.format, ['yaml', 'json']) ?? 'yaml';
    const encoding = oneOf('encoding', values.encoding, ['stringData', 'data']) ?? 'stringData';
    const forms = { strategic: 'strategicMerge', kustomize: 'kustomize', 'json-patch': 'jsonPatch' };
    const wiringForm = oneOf('wiring', values.wiring, Object.keys(forms));
    const cluster = await import('../../cluster-node.js');
    const set = await readSet(cluster, values.set);
    const result = cluster.composeWorkload(set, { secretEncoding: encoding });
    printFindingsToStderr(result.findings.filter((f) => f.severity === 'warning'));
    const wiring = wiringForm === undefined ? undefined : result.wiring?.[forms[wiringForm]];
    if (wiringForm !== undefined && wiring === undefined) {
      throw new UsageError('--wiring: the set names no existing workload (`existing`) to wire');
    }
    if (values.strict) {
      const found = result.documents.flatMap((d) => findPlaceholders(`${d.kind}/${d.name}`, d.object));
      if (wiring !== undefined) found.push(...findPlaceholders('wiring', wiring));
      refuse(found);
    }
    const json = (o) => `${JSON.stringify(o, null, 2)}\n`;
    const line = (t) => (t.endsWith('\n') ? t : `${t}\n`);
    if (values.out !== undefined) {
      const files = result.documents.map((d) => ({ path: documentFile(d, format), text: format === 'json' ? json(d.object) : line(d.yaml) }));
      if (wiring !== undefined) files.push({ path: `50-wiring.${wiringForm === 'json-patch' ? 'json' : 'yaml'}`, text: line(wiring) });
      writeFiles(values.out, files);
      return 0;
    }
    if (wiring !== undefined) out(line(wiring));
    else out(format === 'json' ? json({ apiVersion: 'v1', kind: 'List', items: result.documents.map((d) => d.object) }) : line(result.yaml));
    return 0;
  },
};
