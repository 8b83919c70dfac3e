// Reads every `*.yaml` file under a folder with the `yaml` package (YAML 1.2, core
// schema) and prints one JSON object: file name -> list of documents, or {error}.
// Numbers are tagged as {"$number": text} when JSON would not round-trip them
// (non-finite, or integers beyond 2^53), so a change of type always shows.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";

function tag(value) {
  if (Array.isArray(value)) return value.map(tag);
  if (value instanceof Map) return { $other: String(value) };
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tag(v)]));
  }
  if (typeof value === "number" && !(Number.isFinite(value) && Number.isSafeInteger(Math.trunc(value)))) {
    return { $number: String(value) };
  }
  if (typeof value === "bigint") return { $number: String(value) };
  return value;
}

const folder = process.argv[2];
const out = {};
for (const name of readdirSync(folder).filter((n) => n.endsWith(".yaml")).sort()) {
  try {
    const docs = parseAllDocuments(readFileSync(join(folder, name), "utf8"), { version: "1.2", schema: "core", uniqueKeys: true });
    if (!Array.isArray(docs)) throw new Error("not a document stream");
    out[name] = docs.map((d) => {
      if (d.errors.length) throw d.errors[0];
      return tag(d.toJS({ maxAliasCount: 0 }));
    });
  } catch (e) {
    out[name] = { error: String(e && e.message ? e.message : e) };
  }
}
process.stdout.write(JSON.stringify(out));
