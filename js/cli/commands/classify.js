import { readFileSync } from 'node:fs';
import { EXIT } from '../errors.js';
import { capOf, readInput } from '../input.js';
import { out } from '../io.js';

/** Human form of a diagnosis: the category, then each match with cause, mitigation and commands. */
function formatDiagnosis(d) {
  const lines = [`category: ${d.category}${d.truncated ? ' (input truncated)' : ''}`];
  for (const m of d.matches ?? []) {
    lines.push('', `${m.title} [${m.id}, confidence ${Number(m.confidence).toFixed(2)}]`);
    if (m.cause) lines.push(`  cause: ${m.cause}`);
    for (const e of m.evidence ?? []) lines.push(`  evidence: ${e.excerpt}`);
    if ((m.mitigation ?? []).length) lines.push('  mitigation:', ...m.mitigation.map((s, i) => `    ${i + 1}. ${s}`));
    if ((m.commands ?? []).length) lines.push('  commands:', ...m.commands.map((c) => `    ${c}`));
  }
  return `${lines.join('\n')}\n`;
}

/** The context flags, with the `ClassifyContext` field each fills. */
const CONTEXT = {
  'resource-group': ['resourceGroup', "the cluster's resource group, filled into commands"],
  cluster: ['cluster', 'the cluster name, filled into commands'],
  namespace: ['namespace', 'the Kubernetes namespace, filled into commands'],
  connection: ['connection', 'the connection name, filled into commands'],
};

export default {
  summary: `diagnose an error message or log (reads standard input without --file); exit ${EXIT.unrecognised} when not recognised`,
  usage: 'classify [--file F] [--json] [--resource-group RG] [--cluster NAME] [--namespace NS] [--connection NAME]',
  options: () => ({
    file: { type: 'string', value: 'F', help: 'text file to classify, or - for standard input (the default)' },
    json: { type: 'boolean', help: 'print the diagnosis as JSON' },
    ...Object.fromEntries(Object.entries(CONTEXT).map(([flag, [, help]]) => [flag, { type: 'string', help }])),
  }),
  help: () => ['', `Exit ${EXIT.ok} when the text is recognised, ${EXIT.unrecognised} when its category is 'unknown' (the diagnosis is printed either way).`],
  async run(values) {
    // The classifier is its own module: loaded and compiled only when this command runs.
    const diagnosis = await import('../../pkg/aks_service_connector_classify.js');
    diagnosis.initSync(readFileSync(new URL('../../pkg/aks_service_connector_classify_bg.wasm', import.meta.url)));
    const text = await readInput('file', values.file ?? '-', capOf('text'), { truncate: true });
    const context = {};
    for (const [flag, [field]] of Object.entries(CONTEXT)) {
      if (values[flag] !== undefined) context[field] = values[flag];
    }
    const d = diagnosis.classify(text, context);
    out(values.json ? `${JSON.stringify(d, null, 2)}\n` : formatDiagnosis(d));
    return d.category === 'unknown' ? EXIT.unrecognised : EXIT.ok;
  },
};
