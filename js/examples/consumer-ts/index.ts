// A TypeScript consumer of the package, checked with `tsc --strict --noEmit` in CI: every
// export with its generated types. The @ts-expect-error lines fail the check if a type
// degrades to `any` or stops matching the Rust types.
import init, {
  catalog,
  plan,
  initSync,
  isServiceConnectorError,
  render,
  validate,
  version,
  type Catalog,
  type Plan,
  type PlanContext,
  type ConnectionSpec,
  type ErrorCode,
  type Finding,
  type KubernetesObject,
  type RenderOptions,
  type RenderResult,
  type Severity,
  type TargetId,
} from 'aks-service-connector';
// The classifier is the package's second module.
import initClassifier, {
  classify,
  initSync as initClassifierSync,
  isServiceConnectorError as isClassifierError,
  type ClassifyContext,
  type Diagnosis,
} from 'aks-service-connector/classify';

const spec: ConnectionSpec = {
  connectionName: 'storage_conn',
  namespace: 'apps',
  target: { type: 'storage-blob', account: 'mystore' },
  auth: { type: 'workload-identity', clientId: '00001111-aaaa-2222-bbbb-3333cccc4444' },
  clientType: 'python',
  customizedKeys: { AZURE_STORAGEBLOB_RESOURCEENDPOINT: 'BLOB_URL' },
  workload: { kind: 'Deployment', command: ['sleep', 'infinity'] },
};
const options: RenderOptions = { secretEncoding: 'data' };

export async function main(bytes: ArrayBuffer): Promise<string> {
  await init();
  await init('/assets/aks_service_connector_bg.wasm');
  initSync(bytes);

  const c: Catalog = catalog();
  const ids: TargetId[] = c.targets.map((t) => t.id);
  const pattern: string | null = c.targets[0]!.armIdPattern;
  const findings: Finding[] = validate(spec);
  const severity: Severity = findings[0]?.severity ?? 'info';
  const result: RenderResult = render(spec, options);
  render(spec);
  render(spec, null);
  const objects: KubernetesObject[] = result.documents.map((d) => d.object);
  const names: string[] = objects.map((o) => `${o.kind}/${o.apiVersion}/${String(o.metadata.name)}`);

  try {
    render({ target: { type: 'storage-blob' }, namespace: 'Bad_NS' });
  } catch (e) {
    if (isServiceConnectorError(e)) {
      const code: ErrorCode = e.code;
      const field: string | null = e.field;
      const first: Finding | undefined = e.findings[0];
      return `${code} ${field} ${first?.code}`;
    }
    throw e;
  }
  const context: PlanContext = { extensionInstalled: true, apiVersion: '2022-05-01' };
  const p: Plan = plan(spec, context);
  plan(spec);
  const method: string = p.requests[0]!.method;
  const body: unknown = p.requests[0]!.maskedBody;
  const applies: boolean = p.operations.some((o) => o.status === 'applies');
  await initClassifier('/assets/aks_service_connector_classify_bg.wasm');
  initClassifierSync(bytes);
  const classifyContext: ClassifyContext = { resourceGroup: 'rg', cluster: 'aks1' };
  const d: Diagnosis = classify('AADSTS700016: Application with identifier ...', classifyContext);
  classify('text');
  try {
    classify('');
  } catch (e) {
    if (isClassifierError(e)) return e.code;
  }
  const confidence: number = d.matches[0]?.confidence ?? 0;
  const entities: Record<string, string[]> = d.entities;

  return [version(), ids.length, pattern, severity, ...names, method, body, applies, confidence, entities].join(' ');
}

// The types are real, not `any`:
// @ts-expect-error target.type is a string
validate({ target: { type: 5 } });
// @ts-expect-error target is required
validate({ namespace: 'apps' });
// @ts-expect-error secretEncoding is 'stringData' | 'data'
render(spec, { secretEncoding: 'base64' });
// @ts-expect-error yaml is a string
export const notANumber: number = render(spec).yaml;
// @ts-expect-error findings carry a severity union, not any string
export const badSeverity: Severity = 'fatal';
// @ts-expect-error classify takes a string
classify(42);
// @ts-expect-error plan context fields are typed
plan(spec, { extensionInstalled: 'yes' });
// @ts-expect-error error codes are a closed union
export const badCode: ErrorCode = 'oops';
