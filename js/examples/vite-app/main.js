// A consumer app: the package through Vite, which emits the .wasm as an asset.
import { init, render, version } from 'aks-service-connector';

const out = document.querySelector('#app');
try {
  await init();
  const r = render({ connectionName: 'storage_conn', target: { type: 'storage-blob', account: 'mystore' } });
  out.textContent = r.yaml;
  document.body.dataset.result = JSON.stringify({ version: version(), kinds: r.documents.map((d) => d.kind) });
} catch (e) {
  out.textContent = String(e);
  document.body.dataset.error = String(e);
}
