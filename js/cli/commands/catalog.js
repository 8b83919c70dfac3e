import { out, sc } from '../io.js';
import { parameterFlag } from '../spec-flags.js';

export default {
  summary: 'list targets, auth types and client types',
  usage: 'catalog [--json]',
  options: () => ({ json: { type: 'boolean', help: 'print the whole catalog (with every configuration key) as JSON' } }),
  run(values) {
    const c = sc.catalog();
    if (values.json) return out(`${JSON.stringify(c, null, 2)}\n`);
    const width = Math.max(...c.targets.map((t) => t.id.length));
    const pad = ' '.repeat(width);
    const lines = c.targets.map((t) => {
      const auth = t.authTypes.map((a) => (a === t.defaultAuth ? `${a} (default)` : a)).join(', ');
      const dep = t.deprecated ? ' [deprecated]' : '';
      // As this command takes them (`render --target ID --help`), which is the az flag but for one.
      const params = t.parameters.map((p) => `--${parameterFlag(p.field)}`).join(' ');
      return `${t.id.padEnd(width)}  ${t.displayName}${dep}\n${pad}  auth: ${auth}\n${pad}  clients: ${t.clientTypes.join(', ')}\n${pad}  parameters: ${params || 'none'}`;
    });
    out(`${c.targets.length} targets, ${c.authTypes.length} auth types, ${c.clientTypes.length} client types, ${c.keys.length} configuration keys\n\n${lines.join('\n')}\n`);
    return undefined;
  },
};
