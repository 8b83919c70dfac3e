// @ts-check
// The diagnosis of a failed run: the classifier module (aks-service-connector/classify) is
// loaded only here, on the first failure, so a run that succeeds never downloads it.

/**
 * The diagnosis the error carries: `{ text }` (an ARM answer and the extension's statuses) is
 * classified; `{ category, facts }` (a failure the shell found itself) is explained, its commands
 * filled from the facts. `context` (the cluster's and the connection's names) fills commands too.
 * Resolves to null when the classifier cannot be loaded.
 */
/**
 * @param {import('./run.js').Run} run
 * @param {import('./run.js').DiagnosisInput} what
 * @param {import('aks-service-connector/classify').ClassifyContext} context
 * @returns {Promise<import('../provision.js').ProvisionDiagnosis | null>}
 */
export async function diagnose(run, what, context) {
  let mod;
  try {
    mod = await import('aks-service-connector/classify');
    // In Node the module is ready on import (this returns at once); in browsers it fetches the
    // .wasm next to the module, or what `classifyWasm` says.
    await mod.init(run.classifyWasm);
  } catch {
    return null;
  }
  const d = 'category' in what ? mod.explain(what.category, context, what.facts) : mod.classify(what.text, context);
  const top = d.matches[0];
  if (top === undefined) return null;
  return {
    category: d.category,
    title: top.title,
    family: top.family,
    confidence: top.confidence,
    cause: top.cause,
    mitigation: top.mitigation,
    commands: top.commands,
    entities: d.entities,
  };
}
