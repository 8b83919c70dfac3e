#!/usr/bin/env node
// The `aks-service-connector` command: the package's functions for CI pipelines and shells.
// Exit codes: 0 success, 1 the input is invalid (validation errors), 2 usage errors.
// Inputs are read as streams until they end (a slow pipe is waited for), and no further
// than the module's cap for them (`limits`): `--spec /dev/zero` stops at the cap.
import { createReadStream, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as sc from './node.js';
// The classifier is its own module: compiled only when the classify command runs.
import * as diagnosis from './pkg/aks_service_connector_classify.js';
// diff and wire: the cluster module's commands (loaded when one of them runs).
import { clusterCommands } from './cli-cluster.js';

const NAME = 'aks-service-connector';

/** A usage error: exit code 2, message names the flag. */
class UsageError extends Error {}
/** The input was read but is invalid: exit code 1. */
class InvalidError extends Error {
  constructor(message, findings = []) {
    super(message);
    this.findings = findings;
  }
}

const COMMANDS = {
  catalog: {
    summary: 'list targets, auth types and client types',
    usage: `${NAME} catalog [--json]`,
    options: { json: { type: 'boolean', help: 'print the whole catalog (with every configuration key) as JSON' } },
    run: runCatalog,
  },
  validate: {
    summary: 'check a connection spec and print every finding',
    usage: `${NAME} validate --spec FILE [--json]`,
    options: {
      spec: { type: 'string', help: 'connection spec JSON file, or - for standard input' },
      json: { type: 'boolean', help: 'print { valid, findings } as JSON' },
    },
    run: runValidate,
  },
  render: {
    summary: 'render the Kubernetes objects of a connection',
    usage: `${NAME} render --spec FILE [--target ID] [--auth ID] [--client ID] [--namespace NS] [--connection NAME] [--format yaml|json] [--encoding stringData|data]`,
    options: {
      spec: { type: 'string', help: 'connection spec JSON file, or - for standard input (optional with --target)' },
      target: { type: 'string', help: 'target id, e.g. storage-blob (overrides target.type)' },
      auth: { type: 'string', help: 'auth id, e.g. workload-identity (overrides auth.type)' },
      client: { type: 'string', help: 'client id, e.g. python (overrides clientType)' },
      namespace: { type: 'string', help: 'Kubernetes namespace (overrides namespace)' },
      connection: { type: 'string', help: 'connection name (overrides connectionName)' },
      format: { type: 'string', help: 'yaml (default): a multi-document stream; json: a v1 List' },
      encoding: { type: 'string', help: 'stringData (default) or data (base64) for Secret values' },
    },
    run: runRender,
  },
  plan: {
    summary: 'list the operations and the ARM request a connection implies',
    usage: `${NAME} plan --spec FILE [--context FILE] [--json]`,
    options: {
      spec: { type: 'string', help: 'connection spec JSON file, or - for standard input' },
      context: { type: 'string', help: 'JSON file of what is known: { "extensionInstalled": true, "apiVersion": "2022-05-01", … }' },
      json: { type: 'boolean', help: 'print the plan as JSON' },
    },
    run: runPlan,
  },
  classify: {
    summary: 'diagnose an error message or log (reads standard input without --file)',
    usage: `${NAME} classify [--file F] [--json] [--resource-group RG] [--cluster NAME] [--namespace NS] [--connection NAME]`,
    options: {
      file: { type: 'string', help: 'text file to classify, or - for standard input (the default)' },
      json: { type: 'boolean', help: 'print the diagnosis as JSON' },
      'resource-group': { type: 'string', help: "the cluster's resource group, filled into commands" },
      cluster: { type: 'string', help: 'the cluster name, filled into commands' },
      namespace: { type: 'string', help: 'the Kubernetes namespace, filled into commands' },
      connection: { type: 'string', help: 'the connection name, filled into commands' },
    },
    run: runClassify,
  },
  ...clusterCommands({ readInput, readSpec, UsageError, InvalidError, out, findingLine }),
  limits: {
    summary: 'list the size cap of every input field',
    usage: `${NAME} limits [--json]`,
    options: { json: { type: 'boolean', help: 'print the caps as JSON' } },
    run: runLimits,
  },
  version: {
    summary: 'print the version',
    usage: `${NAME} version`,
    options: {},
    run: () => out(`${sc.version()}\n`),
  },
};

function mainHelp() {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(([c, d]) => `  ${c.padEnd(width)}  ${d.summary}`);
  return `Usage: ${NAME} <command> [options]

Azure Service Connector for AKS: catalog, validation, Kubernetes rendering, planning, error diagnosis,
drift against a cluster, wiring an existing workload.

Commands:
${lines.join('\n')}

Run '${NAME} <command> --help' for a command's options.
Exit codes: 0 success, 1 invalid input (validation errors), 2 usage errors.
`;
}

/** A command's options: a table, or a function that makes it (diff, wire). */
const optionsOf = (d) => (typeof d.options === 'function' ? d.options() : d.options);

function commandHelp(name) {
  const d = COMMANDS[name];
  const opts = Object.entries(optionsOf(d)).map(([o, def]) => {
    const flag = def.type === 'string' ? `--${o} VALUE` : `--${o}`;
    return `  ${flag.padEnd(24)}  ${def.help}`;
  });
  opts.push(`  ${'--help'.padEnd(24)}  show this help`);
  const usage = d.usage.startsWith(NAME) ? d.usage : `${NAME} ${d.usage}`;
  return `Usage: ${usage}\n\n${d.summary[0].toUpperCase()}${d.summary.slice(1)}.\n\nOptions:\n${opts.join('\n')}\n`;
}

function out(text) {
  process.stdout.write(text);
}

function err(text) {
  process.stderr.write(text);
}

/** The module's cap for an input (`spec`, `context`, `text`): its whole-text row of `limits()`. */
function capOf(input) {
  const row = sc.limits().find((c) => c.input === input && (c.measure === 'jsonBytes' || c.measure === 'truncatedBytes'));
  return row.max;
}

/**
 * Reads a file named by a flag (`-` is standard input) as a stream until it ends, so a
 * pipe whose writer is slower than this process is waited for. Stops one byte past
 * `cap`: beyond it the input is refused, or with `truncate` handed on cut (the
 * classifier marks its diagnosis truncated). A missing file is a usage error.
 */
async function readInput(flag, path, cap, { truncate = false } = {}) {
  if (path === '-' && process.stdin.isTTY) err('reading from standard input (end with Ctrl-D)\n');
  const chunks = [];
  let size = 0;
  try {
    const stream = path === '-' ? process.stdin : createReadStream(path);
    for await (const chunk of stream) {
      chunks.push(chunk);
      size += chunk.length;
      // Leaving the loop destroys the stream: nothing more is read.
      if (size > cap) break;
    }
  } catch (e) {
    const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a directory' : e.message;
    throw new UsageError(`--${flag}: cannot read ${path === '-' ? 'standard input' : `'${path}'`}: ${why}`);
  }
  const bytes = Buffer.concat(chunks, size);
  if (bytes.length > cap && !truncate) {
    throw new InvalidError(`--${flag}: input-too-large: expected at most ${cap} bytes, found more (see '${NAME} limits')`);
  }
  return bytes.subarray(0, cap + 1).toString('utf8');
}

async function readJson(flag, path, what, input) {
  const text = await readInput(flag, path, capOf(input));
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InvalidError(`--${flag}: expected ${what}, found invalid JSON (${e.message})`);
  }
}

function readSpec(flag, path) {
  return readJson(flag, path, 'a JSON connection spec', 'spec');
}

function requireSpec(values) {
  if (values.spec === undefined) {
    throw new UsageError('--spec: required; give a connection spec JSON file or - for standard input');
  }
  return readSpec('spec', values.spec);
}

function oneOf(flag, value, allowed) {
  if (value !== undefined && !allowed.includes(value)) {
    throw new UsageError(`--${flag}: expected ${allowed.join(' or ')}, found '${value}'`);
  }
  return value;
}

function findingLine(f) {
  return `${f.severity} ${f.code} ${f.field}: ${f.message}`;
}

function printFindingsToStderr(findings) {
  for (const f of findings) err(`${findingLine(f)}\n`);
}

/** The command being run, for the usage hint. */
let current = '';

function runCatalog(values) {
  const c = sc.catalog();
  if (values.json) return out(`${JSON.stringify(c, null, 2)}\n`);
  const width = Math.max(...c.targets.map((t) => t.id.length));
  const lines = c.targets.map((t) => {
    const auth = t.authTypes.map((a) => (a === t.defaultAuth ? `${a} (default)` : a)).join(', ');
    const dep = t.deprecated ? ' [deprecated]' : '';
    return `${t.id.padEnd(width)}  ${t.displayName}${dep}\n${' '.repeat(width)}  auth: ${auth}\n${' '.repeat(width)}  clients: ${t.clientTypes.join(', ')}`;
  });
  out(`${c.targets.length} targets, ${c.authTypes.length} auth types, ${c.clientTypes.length} client types, ${c.keys.length} configuration keys\n\n${lines.join('\n')}\n`);
}

function runLimits(values) {
  const caps = sc.limits();
  if (values.json) return out(`${JSON.stringify(caps, null, 2)}\n`);
  const width = Math.max(...caps.map((c) => `${c.input} ${c.field}`.length));
  const lines = caps.map((c) => `${`${c.input} ${c.field}`.padEnd(width)}  ${String(c.max).padStart(8)} ${c.measure}  ${c.why}`);
  out(`${lines.join('\n')}\n`);
}

async function runValidate(values) {
  const findings = sc.validate(await requireSpec(values));
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
}

async function runRender(values) {
  const format = oneOf('format', values.format, ['yaml', 'json']) ?? 'yaml';
  const encoding = oneOf('encoding', values.encoding, ['stringData', 'data']) ?? 'stringData';
  let spec;
  if (values.spec === undefined && values.target !== undefined) {
    spec = { target: { type: values.target } };
  } else {
    spec = await requireSpec(values);
  }
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new InvalidError('$: expected a connection spec object');
  }
  if (values.target !== undefined) spec.target = { ...(spec.target ?? {}), type: values.target };
  if (values.auth !== undefined) spec.auth = { ...(spec.auth ?? {}), type: values.auth };
  if (values.client !== undefined) spec.clientType = values.client;
  if (values.namespace !== undefined) spec.namespace = values.namespace;
  if (values.connection !== undefined) spec.connectionName = values.connection;
  const result = sc.render(spec, { secretEncoding: encoding });
  // Warnings go to stderr so that stdout stays applyable; info findings are for `validate`.
  // SC026 (the docs list no configuration keys, so the Secret is empty) is said as a note.
  printFindingsToStderr(result.findings.filter((f) => f.severity === 'warning' && f.code !== 'SC026'));
  const empty = result.findings.find((f) => f.code === 'SC026');
  if (empty) {
    const secret = result.documents.find((d) => d.kind === 'Secret');
    err(`note: Secret ${secret ? secret.name : ''} has no keys: ${empty.message}\n`);
  }
  if (format === 'json') {
    const list = { apiVersion: 'v1', kind: 'List', items: result.documents.map((d) => d.object) };
    out(`${JSON.stringify(list, null, 2)}\n`);
  } else {
    out(result.yaml.endsWith('\n') ? result.yaml : `${result.yaml}\n`);
  }
  return 0;
}

async function runPlan(values) {
  if (typeof sc.plan !== 'function') {
    throw new UsageError('plan: not available in this build of the package');
  }
  const spec = await requireSpec(values);
  const context = values.context === undefined ? {} : await readJson('context', values.context, 'a JSON plan context', 'context');
  const plan = sc.plan(spec, context);
  if (values.json) return out(`${JSON.stringify(plan, null, 2)}\n`);
  out(formatPlan(plan));
  return 0;
}

async function runClassify(values) {
  diagnosis.initSync(readFileSync(new URL('./pkg/aks_service_connector_classify_bg.wasm', import.meta.url)));
  const text = await readInput('file', values.file ?? '-', capOf('text'), { truncate: true });
  const context = {};
  if (values['resource-group'] !== undefined) context.resourceGroup = values['resource-group'];
  if (values.cluster !== undefined) context.cluster = values.cluster;
  if (values.namespace !== undefined) context.namespace = values.namespace;
  if (values.connection !== undefined) context.connection = values.connection;
  const d = diagnosis.classify(text, context);
  if (values.json) return out(`${JSON.stringify(d, null, 2)}\n`);
  out(formatDiagnosis(d));
  return 0;
}

/** Human form of a plan: the operations in order, then the ARM request and the az command. */
function formatPlan(plan) {
  const lines = [`plan for connection ${plan.connectionName} (${plan.target}, ${plan.auth}, ${plan.clientType}) in namespace ${plan.namespace}`, ''];
  const mark = { applies: '+', alreadyDone: '=', notApplicable: '-', unknown: '?' };
  lines.push('operations (+ applies, = already done, - not applicable, ? unknown):');
  for (const op of plan.operations ?? []) {
    lines.push(`  ${mark[op.status] ?? '?'} ${op.id}: ${op.title} [${op.place}, ${op.performer}]`);
    if (op.reason) lines.push(`      ${op.reason}`);
  }
  for (const req of plan.requests ?? []) {
    lines.push('', `ARM request (api-version ${req.apiVersion}${req.complete ? '' : `; missing: ${(req.missing ?? []).join(', ')}`}):`);
    lines.push(`  ${req.method} ${req.url}`);
    lines.push(...JSON.stringify(req.maskedBody, null, 2).split('\n').map((l) => `  ${l}`));
    for (const f of req.droppedFields ?? []) lines.push(`  warning: this api-version cannot carry ${f}`);
  }
  if (plan.az?.create) lines.push('', 'az command:', `  ${plan.az.create.maskedLine}`);
  if ((plan.findings ?? []).length) lines.push('', 'findings:', ...plan.findings.map((f) => `  ${findingLine(f)}`));
  return `${lines.join('\n')}\n`;
}

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

async function main(argv) {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    out(mainHelp());
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-V') {
    out(`${sc.version()}\n`);
    return 0;
  }
  const def = COMMANDS[command];
  current = def === undefined ? '' : ` ${command}`;
  if (def === undefined) {
    throw new UsageError(`unknown command '${command}'; expected one of ${Object.keys(COMMANDS).join(', ')}`);
  }
  const options = { help: { type: 'boolean', short: 'h' } };
  for (const [o, d] of Object.entries(optionsOf(def))) options[o] = { type: d.type, multiple: Boolean(d.multiple) };
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options, strict: true, allowPositionals: false });
  } catch (e) {
    throw new UsageError(parseArgsMessage(e, command));
  }
  if (parsed.values.help) {
    out(commandHelp(command));
    return 0;
  }
  return (await def.run(parsed.values)) ?? 0;
}

/** Node's parseArgs messages, shortened to name the flag first. */
function parseArgsMessage(e, command) {
  const m = /'(-{1,2}[^' ]+)/.exec(e.message);
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `${m ? m[1] : 'option'}: unknown option for '${command}'`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(e.message)
        ? `${m ? m[1] : 'option'}: expected a value`
        : `${m ? m[1] : 'option'}: takes no value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${/'([^']*)'/.exec(e.message)?.[1] ?? ''}; options take the form --name VALUE`;
    default:
      return e.message;
  }
}

// A reader that stops early (`catalog --json | head -c 10`) closes the pipe: the rest of
// the output has nowhere to go, which is not an error of this command.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
}

let code;
try {
  code = await main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError) {
    err(`${NAME}: ${e.message}\nRun '${NAME}${current} --help' for usage.\n`);
    code = 2;
  } else if (e instanceof InvalidError) {
    err(`${NAME}: ${e.message}\n`);
    code = 1;
  } else if (sc.isServiceConnectorError(e)) {
    err(`${NAME}: ${e.code}: ${e.message}\n`);
    printFindingsToStderr(e.findings.filter((f) => f.severity === 'error'));
    code = 1;
  } else {
    err(`${NAME}: internal error: ${e && e.stack ? e.stack : e}\n`);
    code = 1;
  }
}
process.exitCode = code;
