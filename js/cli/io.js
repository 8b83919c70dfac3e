// Standard output and error, and the module the commands share.
import * as sc from '../node.js';

export { sc };

/** The command's name, as `--help` and messages show it. */
export const NAME = 'aks-service-connector';

export function out(text) {
  process.stdout.write(text);
}

export function err(text) {
  process.stderr.write(text);
}

export function findingLine(f) {
  return `${f.severity} ${f.code} ${f.field}: ${f.message}`;
}

export function printFindingsToStderr(findings) {
  for (const f of findings) err(`${findingLine(f)}\n`);
}
