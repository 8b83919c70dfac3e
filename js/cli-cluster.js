// The command line's two commands that meet a running cluster, through the cluster module
// (`aks-service-connector/cluster`, loaded only when one of them runs):
//   diff  compares what `kubectl get … -o yaml` (or -o json) prints with the design;
//   wire  prints the patch that connects an existing workload.
// Each entry has the shape of a command table entry (summary, usage without the command's name,
// options(), optional help(values), run); what the two share with the other commands (reading
// files within a cap, the spec and its flags, the error classes) is handed in by the caller.
import { clusterJson, PasteError } from './cluster-text.js';

/** The design's flags when the caller has none of its own: each overrides its field of `--spec`. */
const DESIGN_OPTIONS = {
  spec: { type: 'string', value: 'FILE', help: 'connection spec JSON file, or - for standard input (optional with --target)' },
  target: { type: 'string', value: 'ID', help: 'target id, e.g. storage-blob (overrides target.type)' },
  auth: { type: 'string', value: 'ID', help: 'auth id, e.g. workload-identity (overrides auth.type)' },
  client: { type: 'string', value: 'ID', help: 'client id, e.g. python (overrides clientType)' },
  namespace: { type: 'string', value: 'NS', help: 'Kubernetes namespace of the connection (overrides namespace)' },
  connection: { type: 'string', value: 'NAME', help: 'connection name (overrides connectionName)' },
};

/** The `--format` of `wire`, each with the `Wiring` field it prints. */
export const WIRE_FORMATS = { strategic: 'strategicMerge', kustomize: 'kustomize', 'json-patch': 'jsonPatch' };

const WIRE_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];

/**
 * The two commands. `io` is what the command line shares: `readInput(flag, path, cap)`,
 * `UsageError`, `InvalidError`, `out(text)`, `findingLine(f)`; and either the spec's own
 * reading (`loadSpec(values)`, `withSpecOptions(own)`, optional `specHelp(values)`) or
 * `readSpec(flag, path)`, with which the flags above make the design.
 */
export function clusterCommands(io) {
  const { readInput, UsageError, InvalidError, out, findingLine } = io;
  const module = () => import('./cluster-node.js');
  const withSpecOptions = io.withSpecOptions ?? ((own) => ({ ...DESIGN_OPTIONS, ...own }));
  const design = io.loadSpec ?? ownDesign;

  /** The design: `--spec` (or none with `--target`), then the flags over it. */
  async function ownDesign(values) {
    let spec;
    if (values.spec === undefined && values.target !== undefined) {
      spec = { target: { type: values.target } };
    } else if (values.spec === undefined) {
      throw new UsageError('--spec: required unless --target is given; give a connection spec JSON file, - for standard input, or --target ID');
    } else {
      spec = await io.readSpec('spec', values.spec);
    }
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
      throw new InvalidError('$: expected a connection spec object');
    }
    if (values.target !== undefined) spec.target = { ...(spec.target ?? {}), type: values.target };
    if (values.auth !== undefined) spec.auth = { ...(spec.auth ?? {}), type: values.auth };
    if (values.client !== undefined) spec.clientType = values.client;
    if (values.namespace !== undefined) spec.namespace = values.namespace;
    if (values.connection !== undefined) spec.connectionName = values.connection;
    return spec;
  }

  async function runDiff(values) {
    const file = values.file ?? '-';
    if (file === '-' && values.spec === '-') {
      throw new UsageError('--file: standard input is already --spec; give what the cluster holds as a file');
    }
    const cluster = await module();
    const spec = await design(values);
    const cap = cluster.limits().find((c) => c.input === 'cluster').max;
    const text = await readInput('file', file, cap);
    let json;
    try {
      json = clusterJson(text);
    } catch (e) {
      if (!(e instanceof PasteError)) throw e;
      throw new InvalidError(`--file: ${e.message}`);
    }
    if (json === null) throw new InvalidError(`--file: expected what kubectl get -o yaml or -o json prints, found ${text.length ? 'only white space' : 'nothing'}`);
    const report = cluster.drift(spec, json);
    const count = (s) => report.findings.filter((f) => f.severity === s).length;
    const errors = count('error');
    if (values.json) {
      out(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      const objects = `${report.objects} object${report.objects === 1 ? '' : 's'} read`;
      const lines = report.findings.map(findingLine);
      lines.push(errors + count('warning') === 0
        ? `no drift: the cluster holds what the design renders (${objects})`
        : `drift: ${errors} error(s), ${count('warning')} warning(s), ${count('info')} info (${objects})`);
      out(`${lines.join('\n')}\n`);
    }
    return errors === 0 ? 0 : 1;
  }

  /** `NAME` or `NAME:INDEX`; without an index, the container's place among the `--container` flags. */
  function containerOf(arg, i) {
    const m = /^([^:]*)(?::(\d+))?$/.exec(arg);
    if (!m || !m[1]) throw new UsageError(`--container: expected NAME or NAME:INDEX, found '${arg}'`);
    return { name: m[1], index: m[2] === undefined ? i : Number(m[2]) };
  }

  async function runWire(values) {
    const format = values.format ?? 'strategic';
    if (!Object.hasOwn(WIRE_FORMATS, format)) {
      throw new UsageError(`--format: expected ${Object.keys(WIRE_FORMATS).join(' or ')}, found '${format}'`);
    }
    if (!WIRE_KINDS.includes(values.kind)) {
      throw new UsageError(`--kind: expected one of ${WIRE_KINDS.join(', ')}, found ${values.kind === undefined ? 'none' : `'${values.kind}'`}`);
    }
    if (values.name === undefined) throw new UsageError('--name: required; the name of the workload to wire');
    if (!values.container?.length) throw new UsageError('--container: required; the name of a container to wire (NAME or NAME:INDEX, one flag each)');
    const containers = values.container.map(containerOf);
    const names = new Set(containers.map((c) => c.name));
    for (const flag of ['has-env-from', 'has-env', 'has-volume-mounts']) {
      for (const n of values[flag] ?? []) {
        if (!names.has(n)) throw new UsageError(`--${flag}: expected the name of a --container, found '${n}'`);
      }
    }
    const target = {
      kind: values.kind,
      name: values.name,
      containers: containers.map((c) => ({
        ...c,
        hasEnvFrom: (values['has-env-from'] ?? []).includes(c.name),
        hasEnv: (values['has-env'] ?? []).includes(c.name),
        hasVolumeMounts: (values['has-volume-mounts'] ?? []).includes(c.name),
      })),
      hasPodLabels: Boolean(values['has-pod-labels']),
      hasVolumes: Boolean(values['has-volumes']),
    };
    if (values['workload-namespace'] !== undefined) target.namespace = values['workload-namespace'];
    const cluster = await module();
    const wiring = cluster.wire(await design(values), target);
    const text = wiring[WIRE_FORMATS[format]];
    out(text.endsWith('\n') ? text : `${text}\n`);
    return 0;
  }

  return {
    diff: {
      summary: 'compare what the cluster holds with the design; exit 1 on any error-severity difference',
      usage: 'diff (--spec FILE | --target ID) [spec options] [--file F] [--json]',
      options: () => withSpecOptions({
        file: { type: 'string', value: 'F', help: 'what `kubectl get secret,serviceaccount,deployment -n NS -o yaml` (or -o json; add secretproviderclass for keyvault-csi) printed; - for standard input (the default)' },
        json: { type: 'boolean', help: 'print the report { findings, objects } as JSON' },
      }),
      help: io.specHelp,
      run: runDiff,
    },
    wire: {
      summary: 'print the patch that connects an existing workload (strategic merge, kustomize or JSON patch)',
      usage: 'wire (--spec FILE | --target ID) [spec options] --kind KIND --name NAME --container NAME[:INDEX]... [--format strategic|kustomize|json-patch]',
      options: () => withSpecOptions({
        kind: { type: 'string', value: 'KIND', help: `the workload's kind: ${WIRE_KINDS.join(', ')}` },
        name: { type: 'string', value: 'NAME', help: "the workload's name" },
        container: { type: 'string', value: 'NAME[:INDEX]', multiple: true, help: 'a container to wire, NAME or NAME:INDEX (its place in the pod template\'s containers, from 0; default: the order of these flags); repeat for more' },
        format: { type: 'string', value: 'FORM', help: 'strategic (default): for kubectl patch --type strategic -p; kustomize: a patch file for patches: [{path: …}]; json-patch: RFC 6902, for kubectl patch --type json -p' },
        'workload-namespace': { type: 'string', value: 'NS', help: "the workload's namespace in the kustomize file (default: the connection's)" },
        'has-env-from': { type: 'string', value: 'NAME', multiple: true, help: 'a wired container that already has envFrom: the Secret comes as env entries, which merge (repeat per container)' },
        'has-env': { type: 'string', value: 'NAME', multiple: true, help: 'json-patch: a wired container that already has env (repeat per container)' },
        'has-volume-mounts': { type: 'string', value: 'NAME', multiple: true, help: 'json-patch, keyvault-csi: a wired container that already has volumeMounts' },
        'has-pod-labels': { type: 'boolean', help: 'json-patch: the pod template already has metadata.labels' },
        'has-volumes': { type: 'boolean', help: 'json-patch, keyvault-csi: the pod spec already has volumes' },
      }),
      help: io.specHelp,
      run: runWire,
    },
  };
}
