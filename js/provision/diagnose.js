// The diagnosis of a failed run: the classifier module (aks-service-connector/classify) is
// loaded only here, on the first failure, so a run that succeeds never downloads it.

/**
 * Classifies `text` with `context` (the cluster's and the connection's names fill the commands).
 * Resolves to the diagnosis the error carries, or null when the classifier cannot be loaded.
 */
export async function diagnose(run, text, context) {
  let classify;
  try {
    const mod = await import('aks-service-connector/classify');
    // In Node the module is ready on import (this returns at once); in browsers it fetches the
    // .wasm next to the module, or what `classifyWasm` says.
    await mod.init(run.classifyWasm);
    classify = mod.classify;
  } catch {
    return null;
  }
  const d = classify(text, context);
  const top = d.matches[0];
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
