// The flags that make or amend a connection spec, so that a spec file is optional. A few are
// fixed (the ids, the names, the cluster); the rest come from the catalog: each target's
// locating parameters under their az CLI flag (`--target-resource-group`, `--account`, …) and
// each auth type's inputs (`--client-id`, `--identity-id`, …). A flag overrides the spec
// file's field; one the chosen target or auth type does not take is a usage error.
import { wrap } from './args.js';
import { InvalidError, UsageError } from './errors.js';
import { sc } from './io.js';
import { readSpec } from './input.js';

/** The fixed spec flags, with the spec field each sets. */
const FIXED = {
  spec: { type: 'string', value: 'FILE', help: 'connection spec, JSON or YAML (by extension, else by content), or - for standard input' },
  target: { type: 'string', value: 'ID', path: ['target', 'type'], help: "target id, e.g. storage-blob (target.type); '--target ID --help' lists its flags" },
  auth: { type: 'string', value: 'ID', path: ['auth', 'type'], help: "auth id, e.g. workload-identity (auth.type; default: the target's first)" },
  client: { type: 'string', value: 'ID', path: ['clientType'], help: 'client id, e.g. python (clientType)' },
  namespace: { type: 'string', value: 'NS', path: ['namespace'], help: 'Kubernetes namespace (namespace)' },
  connection: { type: 'string', value: 'NAME', path: ['connectionName'], help: 'connection name (connectionName)' },
  subscription: { type: 'string', value: 'ID', path: ['cluster', 'subscription'], help: "the cluster's subscription id (cluster.subscription)" },
  'resource-group': { type: 'string', value: 'RG', path: ['cluster', 'resourceGroup'], help: "the cluster's resource group (cluster.resourceGroup)" },
  cluster: { type: 'string', value: 'NAME', path: ['cluster', 'name'], help: 'the cluster name (cluster.name)' },
  'target-id': { type: 'string', value: 'ARM-ID', path: ['target', 'id'], help: "the target's ARM id, instead of its parameters (target.id)" },
  'target-subscription': { type: 'string', value: 'ID', path: ['target', 'subscription'], help: "the target's subscription id, if not the cluster's (target.subscription)" },
};

const kebab = (camel) => camel.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * The flags generated from a catalog: `{ name: { path, kind: 'target' | 'auth', field } }`.
 * A target parameter's az flag that a fixed flag already means otherwise (`--namespace`, the
 * Event Hubs or Service Bus namespace) takes `-name` (`--namespace-name`). Exported for tests.
 */
export function generatedFlags(catalog) {
  const flags = {};
  const add = (name, def) => {
    const seen = flags[name];
    if (Object.hasOwn(FIXED, name) || (seen && seen.path.join('.') !== def.path.join('.'))) {
      throw new Error(`flag --${name} would mean both ${seen ? seen.path.join('.') : 'a fixed flag'} and ${def.path.join('.')}`);
    }
    flags[name] = def;
  };
  for (const t of catalog.targets) {
    for (const p of t.parameters) {
      const az = p.flag.replace(/^--/, '');
      add(Object.hasOwn(FIXED, az) ? `${az}-name` : az, { kind: 'target', field: p.field, path: ['target', p.field] });
    }
    for (const { fields } of t.authInputs) {
      for (const f of fields) {
        const field = f.replace(/^auth\./, '');
        add(kebab(field), { kind: 'auth', field, path: ['auth', field] });
      }
    }
  }
  return flags;
}

let cached;
function flags() {
  cached ??= generatedFlags(sc.catalog());
  return cached;
}

/**
 * A spec command's options: every spec flag (the generated ones without help: see
 * `targetHelp`) and the command's `own`, which must not take a spec flag's name.
 */
export function withSpecOptions(own) {
  const options = { ...FIXED };
  for (const name of Object.keys(flags())) options[name] = { type: 'string' };
  for (const name of Object.keys(own)) {
    if (Object.hasOwn(options, name)) throw new Error(`option --${name} is also a spec flag`);
  }
  return { ...options, ...own };
}

/** The flag that sets target parameter `field` (`account` → `account`, `namespace` → `namespace-name`). */
export function parameterFlag(field) {
  return Object.entries(flags()).find(([, d]) => d.kind === 'target' && d.field === field)?.[0];
}

/** The names of the flags the catalog generates, sorted. */
export function generatedNames() {
  return Object.keys(flags()).sort();
}

function typeOf(v) {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Sets `path` in `spec`, refusing to replace a field that is not an object on the way. */
function set(spec, path, value) {
  let node = spec;
  for (const [i, key] of path.slice(0, -1).entries()) {
    if (node[key] === undefined || node[key] === null) node[key] = {};
    if (!isObject(node[key])) {
      throw new InvalidError(`${path.slice(0, i + 1).join('.')}: expected an object, found ${typeOf(node[key])}`);
    }
    node = node[key];
  }
  node[path.at(-1)] = value;
}

/** The catalog's target `id`, or undefined. */
export function findTarget(id) {
  return sc.catalog().targets.find((t) => t.id === id);
}

/** The flags `target` takes: its parameters, and per auth type its inputs. */
function targetFlags(target) {
  const own = Object.entries(flags());
  const params = own.filter(([, d]) => d.kind === 'target' && target.parameters.some((p) => p.field === d.field));
  const auths = target.authInputs.map(({ auth, fields }) => ({
    auth,
    flags: own.filter(([, d]) => d.kind === 'auth' && fields.includes(`auth.${d.field}`)),
  }));
  return { params, auths };
}

/**
 * The spec the flags describe: the spec file's (`fileSpec`, if any) with each given flag's
 * field set over it. Throws a usage error for a flag the chosen target or auth type does not
 * take, naming it and those it does take.
 */
export function specFrom(values, fileSpec) {
  if (fileSpec !== undefined && !isObject(fileSpec)) {
    throw new InvalidError(`$: expected a connection spec object, found ${typeOf(fileSpec)}`);
  }
  const spec = fileSpec === undefined ? {} : structuredClone(fileSpec);
  for (const [name, def] of Object.entries(FIXED)) {
    if (def.path && values[name] !== undefined) set(spec, def.path, values[name]);
  }
  const given = Object.entries(flags()).filter(([name]) => values[name] !== undefined);
  if (given.length === 0) return spec;
  const id = isObject(spec.target) ? spec.target.type : undefined;
  const target = typeof id === 'string' ? findTarget(id) : undefined;
  if (id === undefined) {
    throw new UsageError(`--${given[0][0]}: depends on the target; give --target ID or target.type in the spec`);
  }
  // An unknown target or auth id is the module's to report (SC010, SC008), with the ids it takes.
  if (target) {
    const auth = (isObject(spec.auth) ? spec.auth.type : undefined) ?? target.defaultAuth;
    const { params, auths } = targetFlags(target);
    const inputs = auths.find((a) => a.auth === auth)?.flags;
    for (const [name, def] of given) {
      if (def.kind === 'target' && !params.some(([n]) => n === name)) {
        throw new UsageError(`--${name}: not a parameter of target '${target.id}'; expected ${list(params)}`, { helpArgs: ` --target ${target.id}` });
      }
      if (def.kind === 'auth' && inputs && !inputs.some(([n]) => n === name)) {
        throw new UsageError(`--${name}: not an input of auth '${auth}' for target '${target.id}'; expected ${list(inputs)}`, { helpArgs: ` --target ${target.id}` });
      }
    }
  }
  for (const [name, def] of given) set(spec, def.path, values[name]);
  return spec;
}

function list(entries) {
  return entries.length ? entries.map(([n]) => `--${n}`).join(', ') : 'none';
}

/** Help lines for a target's own flags: its parameters, then each auth type's inputs. */
export function targetHelp(id) {
  const target = findTarget(id);
  if (!target) {
    throw new UsageError(`--target: expected a target id of the catalog ('catalog' lists them), found '${id}'`);
  }
  const { params, auths } = targetFlags(target);
  const line = (flag, help) => `  ${flag.padEnd(30)}  ${help}`;
  const lines = [`Options of target ${target.id} (${target.displayName}):`];
  for (const [name, d] of params) {
    const p = target.parameters.find((x) => x.field === d.field);
    lines.push(line(`--${name} VALUE`, `${p.label} (target.${d.field})`));
  }
  for (const { auth, flags: inputs } of auths) {
    const mark = auth === target.defaultAuth ? ', the default' : '';
    lines.push('', `Options of auth ${auth}${mark} (--auth ${auth}):`);
    if (inputs.length === 0) lines.push('  none');
    for (const [name, d] of inputs) lines.push(line(`--${name} VALUE`, `auth.${d.field}`));
  }
  return lines;
}

/**
 * The spec of a command that takes one: the file of `--spec` (JSON or YAML), if given, with
 * the flags over it. Without `--spec`, `--target` is the least a spec needs.
 */
export async function loadSpec(values) {
  if (values.spec === undefined && values.target === undefined) {
    throw new UsageError('--spec: required unless --target is given; give a connection spec file (JSON or YAML), - for standard input, or --target ID');
  }
  const file = values.spec === undefined ? undefined : await readSpec('spec', values.spec);
  return specFrom(values, file);
}

/** Help lines after a spec command's options: the target's own flags, or how to list them. */
export function specHelp(values) {
  if (values.target !== undefined) return ['', ...targetHelp(values.target)];
  return [
    '',
    "Target and auth options depend on the target: '--target ID --help' lists those of ID.",
    ...wrap(`All of them: ${generatedNames().map((n) => `--${n}`).join(', ')}.`),
    ...wrap("Flags override the spec file's fields. Values given as flags (a password, a secret) are visible to other processes on the machine: prefer the spec file, or --spec - on standard input."),
  ];
}
