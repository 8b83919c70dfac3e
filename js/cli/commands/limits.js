import { out, sc } from '../io.js';

export default {
  summary: 'list the size cap of every input field',
  usage: 'limits [--json]',
  options: () => ({ json: { type: 'boolean', help: 'print the caps as JSON' } }),
  run(values) {
    const caps = sc.limits();
    if (values.json) return out(`${JSON.stringify(caps, null, 2)}\n`);
    const width = Math.max(...caps.map((c) => `${c.input} ${c.field}`.length));
    const lines = caps.map((c) => `${`${c.input} ${c.field}`.padEnd(width)}  ${String(c.max).padStart(8)} ${c.measure}  ${c.why}`);
    out(`${lines.join('\n')}\n`);
    return undefined;
  },
};
