import { findingLine, out, sc } from '../io.js';
import { loadSpec, specHelp, withSpecOptions } from '../spec-flags.js';

export default {
  summary: 'check a connection spec and print every finding',
  usage: 'validate (--spec FILE | --target ID) [spec options] [--json]',
  options: () => withSpecOptions({ json: { type: 'boolean', help: 'print { valid, findings } as JSON' } }),
  help: specHelp,
  async run(values) {
    const findings = sc.validate(await loadSpec(values));
    const errors = findings.filter((f) => f.severity === 'error').length;
    if (values.json) {
      out(`${JSON.stringify({ valid: errors === 0, findings }, null, 2)}\n`);
    } else if (findings.length === 0) {
      out('valid: no findings\n');
    } else {
      const warnings = findings.filter((f) => f.severity === 'warning').length;
      out(`${findings.map(findingLine).join('\n')}\n${errors === 0 ? 'valid' : 'invalid'}: ${errors} error(s), ${warnings} warning(s), ${findings.length - errors - warnings} info\n`);
    }
    return errors === 0 ? 0 : 1;
  },
};
