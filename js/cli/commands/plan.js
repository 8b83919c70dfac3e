import { UsageError } from '../errors.js';
import { out, sc } from '../io.js';
import { readJson } from '../input.js';
import { writeFiles } from '../out-dir.js';
import { PARTS, formatPlan, partFiles, wholeView } from '../plan-parts.js';
import { loadSpec, specHelp, withSpecOptions } from '../spec-flags.js';
import { findPlaceholders, refuse } from '../strict.js';
import { OUT, STRICT, oneOf } from './common.js';

const partNames = Object.keys(PARTS);

export default {
  summary: 'list the operations, the ARM request, az, Bicep, cleanup and troubleshooting a connection implies',
  usage: `plan (--spec FILE | --target ID) [spec options] [--context FILE] [--json | --only ${partNames.join('|')}] [--strict] [--out DIR]`,
  options: () => withSpecOptions({
    context: { type: 'string', value: 'FILE', help: 'JSON file of what is known: { "extensionInstalled": true, "apiVersion": "2022-05-01", … }' },
    json: { type: 'boolean', help: 'print the plan as JSON' },
    only: { type: 'string', value: 'PART', help: `print just one part (${partNames.join(', ')}), raw and with real values, to pipe on` },
    strict: STRICT,
    out: { ...OUT, help: 'write the parts as files under DIR/plan/ (below; with --only, that one) instead of printing' },
  }),
  help: (values) => [
    ...specHelp(values),
    '',
    'Parts (--only PART prints one; --out DIR writes them as DIR/plan/FILE):',
    ...partNames.map((p) => `  ${p.padEnd(13)} ${PARTS[p].file.padEnd(17)} ${PARTS[p].help}`),
  ],
  async run(values) {
    const only = oneOf('only', values.only, partNames);
    if (only !== undefined && values.json) throw new UsageError('--only: prints one part as it is; leave out --json');
    if (values.out !== undefined && values.json) throw new UsageError('--out: writes the parts as files; leave out --json');
    const spec = await loadSpec(values);
    const context = values.context === undefined ? {} : await readJson('context', values.context, 'a JSON plan context', 'context');
    const plan = sc.plan(spec, context);
    const parts = only === undefined ? partNames : [only];
    if (values.strict) {
      // What is printed or written: the whole plan, or the parts alone (`--only`, `--out`).
      const whole = only === undefined && values.out === undefined;
      const view = whole ? wholeView(plan) : parts.flatMap((p) => PARTS[p].view(plan));
      refuse(view.flatMap(([where, value]) => findPlaceholders(`plan ${where}`, value)));
    }
    if (values.out !== undefined) {
      writeFiles(values.out, parts.flatMap((p) => partFiles(p, plan)));
    } else if (only !== undefined) {
      out(PARTS[only].raw(plan));
    } else if (values.json) {
      out(`${JSON.stringify(plan, null, 2)}\n`);
    } else {
      out(formatPlan(plan));
    }
    return 0;
  },
};
