//! The size caps of every input: one row per field, with why that size.
//!
//! Each cap is at or above the longest value the field can validly hold, so that
//! policy still explains any bad value under the cap with its own rule, and far
//! below sizes that cost time or memory: the whole spec's JSON text is capped, so
//! the module's memory stays bounded whatever is passed. Checked by
//! [`super::read`] before any work; beyond a cap the input is refused with an
//! [`crate::Error::TooLarge`] (`input-too-large`) naming the field and the cap.

use serde::Serialize;

/// What a cap measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub enum Measure {
    /// The whole input as JSON text, in UTF-8 bytes (`JSON.stringify` of the argument).
    JsonBytes,
    /// A string value, in UTF-8 bytes.
    Bytes,
    /// Each key of a map, in UTF-8 bytes.
    KeyBytes,
    /// The number of entries of a map.
    Entries,
    /// The number of items of an array.
    Items,
    /// A text longer than the cap is cut to it, not refused (the result says so).
    TruncatedBytes,
}

/// One cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Cap {
    /// Which argument: `spec`, `set` (compose), `options`, `context` (of plan or classify),
    /// `facts` (explain), `text` (classify), `cluster` (drift) or `target` (wire).
    pub input: &'static str,
    /// The field path as errors name it: `$` is the whole spec, `*` any map key,
    /// `[]` any array item (`values.*`, `keyvault.objects[].name`).
    pub field: &'static str,
    /// What is measured.
    pub measure: Measure,
    /// The largest size accepted.
    pub max: usize,
    /// Why that size.
    pub why: &'static str,
}

const KIB: usize = 1024;
const MIB: usize = 1024 * KIB;

// Sizes shared by many rows, each with its reason.
/// DNS-1123 subdomain names (Kubernetes object names) are at most 253 characters;
/// every name and id rule of the catalog and policy allows at most that.
const NAME: usize = 253;
const NAME_WHY: &str =
    "no name or id the catalog or policy accepts is longer than a DNS subdomain name (253)";
/// A GUID is 36 characters; 128 holds it in any written form policy can explain.
const GUID: usize = 128;
const GUID_WHY: &str =
    "a GUID is 36 characters; 128 leaves room for policy to explain a mistyped one";
/// ARM resource ids, URLs and image references.
const LONG: usize = 4 * KIB;
const ID_WHY: &str = "ARM resource ids, URLs and image references stay well under 2 KiB";
const CREDENTIAL_WHY: &str =
    "passwords, keys and connection strings (mongodb-atlas takes one here) stay under 4 KiB";

/// Every cap. `limits()` returns this table from the wasm module.
pub const CAPS: &[Cap] = &[
    // The connection spec.
    spec("$", Measure::JsonBytes, MIB, "a spec with every field filled is a few KiB; 1 MiB bounds the module's memory while leaving room for long values"),
    spec("connectionName", Measure::Bytes, NAME, NAME_WHY),
    spec("namespace", Measure::Bytes, 63, "a Kubernetes namespace is a DNS label, at most 63 characters"),
    spec("clientType", Measure::Bytes, NAME, NAME_WHY),
    spec("target.type", Measure::Bytes, NAME, NAME_WHY),
    spec("target.subscription", Measure::Bytes, GUID, GUID_WHY),
    spec("target.id", Measure::Bytes, LONG, ID_WHY),
    spec("target.kind", Measure::Bytes, NAME, NAME_WHY),
    spec("target.resourceGroup", Measure::Bytes, NAME, NAME_WHY),
    spec("target.server", Measure::Bytes, NAME, NAME_WHY),
    spec("target.database", Measure::Bytes, NAME, NAME_WHY),
    spec("target.account", Measure::Bytes, NAME, NAME_WHY),
    spec("target.keySpace", Measure::Bytes, NAME, NAME_WHY),
    spec("target.graph", Measure::Bytes, NAME, NAME_WHY),
    spec("target.table", Measure::Bytes, NAME, NAME_WHY),
    spec("target.vault", Measure::Bytes, NAME, NAME_WHY),
    spec("target.appConfig", Measure::Bytes, NAME, NAME_WHY),
    spec("target.namespace", Measure::Bytes, NAME, NAME_WHY),
    spec("target.signalr", Measure::Bytes, NAME, NAME_WHY),
    spec("target.webpubsub", Measure::Bytes, NAME, NAME_WHY),
    spec("target.appInsights", Measure::Bytes, NAME, NAME_WHY),
    spec("target.bootstrapServer", Measure::Bytes, 512, "host:port, a DNS name (253) and a port"),
    spec("target.kafkaKey", Measure::Bytes, LONG, CREDENTIAL_WHY),
    spec("target.kafkaSecret", Measure::Bytes, LONG, CREDENTIAL_WHY),
    spec("target.schemaRegistry", Measure::Bytes, LONG, ID_WHY),
    spec("target.schemaKey", Measure::Bytes, LONG, CREDENTIAL_WHY),
    spec("target.schemaSecret", Measure::Bytes, LONG, CREDENTIAL_WHY),
    spec("auth.type", Measure::Bytes, NAME, NAME_WHY),
    spec("auth.clientId", Measure::Bytes, GUID, GUID_WHY),
    spec("auth.subscriptionId", Measure::Bytes, GUID, GUID_WHY),
    spec("auth.tenantId", Measure::Bytes, GUID, GUID_WHY),
    spec("auth.identityId", Measure::Bytes, LONG, ID_WHY),
    spec("auth.objectId", Measure::Bytes, GUID, GUID_WHY),
    spec("auth.secret", Measure::Bytes, LONG, CREDENTIAL_WHY),
    spec("auth.username", Measure::Bytes, NAME, NAME_WHY),
    spec("auth.password", Measure::Bytes, LONG, CREDENTIAL_WHY),
    spec("cluster.subscription", Measure::Bytes, GUID, GUID_WHY),
    spec("cluster.resourceGroup", Measure::Bytes, NAME, NAME_WHY),
    spec("cluster.name", Measure::Bytes, NAME, NAME_WHY),
    spec("names.secret", Measure::Bytes, NAME, NAME_WHY),
    spec("names.serviceAccount", Measure::Bytes, NAME, NAME_WHY),
    spec("names.secretProviderClass", Measure::Bytes, NAME, NAME_WHY),
    spec("names.federatedCredential", Measure::Bytes, NAME, NAME_WHY),
    spec("customizedKeys", Measure::Entries, KEYS, KEYS_WHY),
    spec("customizedKeys.*", Measure::KeyBytes, NAME, SECRET_KEY_WHY),
    spec("customizedKeys.*", Measure::Bytes, NAME, SECRET_KEY_WHY),
    spec("workload.kind", Measure::Bytes, NAME, NAME_WHY),
    spec("workload.name", Measure::Bytes, NAME, NAME_WHY),
    spec("workload.image", Measure::Bytes, LONG, ID_WHY),
    spec("workload.command", Measure::Items, 256, "a container command is a handful of arguments"),
    spec("workload.command[]", Measure::Bytes, 64 * KIB, "one argument may be an inline shell script"),
    spec("workload.labels", Measure::Entries, 64, "a workload carries a handful of labels"),
    spec("workload.labels.*", Measure::KeyBytes, 317, "a label key is a DNS subdomain prefix (253), '/' and a name (63)"),
    spec("workload.labels.*", Measure::Bytes, 63, "a label value is at most 63 characters"),
    spec("values", Measure::Entries, KEYS, KEYS_WHY),
    spec("values.*", Measure::KeyBytes, NAME, SECRET_KEY_WHY),
    spec("values.*", Measure::Bytes, 64 * KIB, "a value may be a certificate chain or a long connection string"),
    spec("keyvault.objects", Measure::Items, 256, "a SecretProviderClass mounts a few dozen objects at most"),
    spec("keyvault.objects[].name", Measure::Bytes, NAME, "Key Vault object names are at most 127 characters"),
    spec("keyvault.objects[].type", Measure::Bytes, NAME, NAME_WHY),
    spec("keyvault.objects[].version", Measure::Bytes, NAME, "a Key Vault object version is 32 characters"),
    spec("keyvault.objects[].alias", Measure::Bytes, 255, "a file name is at most 255 bytes"),
    // A workload set: connection specs (each under the spec's rows above, as
    // `connections[].spec`), the set's workload (the spec's `workload` rows), an existing
    // workload (the wire target's rows below, as `existing`) and what the workload already has.
    cap("set", "$", Measure::JsonBytes, 4 * MIB, "a set of a dozen specs of a few KiB each; 4 MiB bounds the module's memory"),
    cap("set", "connections", Measure::Items, MAX_CONNECTIONS, "a workload uses a handful of connections (storage, a queue, a vault, a database, …)"),
    cap("set", "connections[].mount.volume", Measure::Bytes, 63, "a volume name is a DNS label, at most 63 characters"),
    cap("set", "connections[].mount.path", Measure::Bytes, LONG, "a mount path stays well under 4 KiB"),
    cap("set", "workloadEnv", Measure::Items, 1024, "a container sets at most a few hundred variables"),
    cap("set", "workloadEnv[]", Measure::Bytes, NAME, "variable names are short; Secret keys, the names compared, are at most 253 characters"),
    cap("set", "workloadVolumes", Measure::Items, 256, "a pod has a few dozen volumes at most"),
    cap("set", "workloadVolumes[]", Measure::Bytes, 63, "a volume name is a DNS label, at most 63 characters"),
    cap("set", "workloadMountPaths", Measure::Items, 256, "a pod mounts a few dozen volumes at most"),
    cap("set", "workloadMountPaths[]", Measure::Bytes, LONG, "a mount path stays well under 4 KiB"),
    // Render options.
    cap("options", "options", Measure::JsonBytes, 4 * KIB, "one short field"),
    cap("options", "options.secretEncoding", Measure::Bytes, NAME, NAME_WHY),
    // The plan context, then the classify context.
    cap("context", "context", Measure::JsonBytes, 64 * KIB, "a plan context is a dozen short fields, a classify context four"),
    cap("context", "context.apiVersion", Measure::Bytes, NAME, NAME_WHY),
    cap("context", "context.clusterProvisioningState", Measure::Bytes, NAME, NAME_WHY),
    cap("context", "context.oidcIssuerUrl", Measure::Bytes, LONG, ID_WHY),
    cap("context", "context.resourceGroup", Measure::Bytes, NAME, NAME_WHY),
    cap("context", "context.cluster", Measure::Bytes, NAME, NAME_WHY),
    cap("context", "context.namespace", Measure::Bytes, NAME, NAME_WHY),
    cap("context", "context.connection", Measure::Bytes, NAME, NAME_WHY),
    // The facts `explain` fills commands from: entity values by name.
    cap("facts", "facts", Measure::JsonBytes, 64 * KIB, "a score of entity values, each an id or a name"),
    cap("facts", "facts", Measure::Entries, 32, "there are about twenty entity names"),
    cap("facts", "facts.*", Measure::KeyBytes, 64, "entity names are short words"),
    cap("facts", "facts.*", Measure::Bytes, LONG, ID_WHY),
    // The classifier's text.
    cap("text", "text", Measure::TruncatedBytes, crate::classify::MAX_INPUT_BYTES, "the longest log worth reading; the diagnosis of a longer text says `truncated`"),
    // What the drift check reads: the JSON text of what a cluster holds.
    // (`drift::MAX_INPUT_BYTES`, which tests hold equal: the drift module is not in every build.)
    cap("cluster", "cluster", Measure::Bytes, 8 * MIB, "a namespace's worth of objects as kubectl prints them is well under 1 MiB; 8 MiB bounds parsing time and memory"),
    // The existing workload `wire` connects.
    cap("target", "target", Measure::JsonBytes, 64 * KIB, "a workload's kind, name and a few containers"),
    cap("target", "target.kind", Measure::Bytes, NAME, NAME_WHY),
    cap("target", "target.name", Measure::Bytes, NAME, NAME_WHY),
    cap("target", "target.namespace", Measure::Bytes, 63, "a Kubernetes namespace is a DNS label, at most 63 characters"),
    cap("target", "target.containers", Measure::Items, 64, "a pod template holds a handful of containers"),
    cap("target", "target.containers[].name", Measure::Bytes, 63, "a container name is a DNS label, at most 63 characters"),
];

/// Connections of one workload set.
pub const MAX_CONNECTIONS: usize = 16;

/// Fields of one input read with the rows of another: (input, field pattern) read as
/// (input, field pattern). A set's connection specs are specs, its workload a spec's, its
/// existing workload a wire target.
pub const DELEGATES: &[(&str, &str, &str, &str)] = &[
    ("set", "connections[].spec", "spec", ""),
    ("set", "workload", "spec", "workload"),
    ("set", "existing", "target", "target"),
];

/// Configuration keys per connection: the catalog's largest combination has a
/// dozen; the cap leaves room for policy to report unknown ones.
const KEYS: usize = 64;
const KEYS_WHY: &str = "a combination has at most a few dozen configuration keys";
const SECRET_KEY_WHY: &str = "a Secret key is at most 253 characters";

const fn spec(field: &'static str, measure: Measure, max: usize, why: &'static str) -> Cap {
    cap("spec", field, measure, max, why)
}

const fn cap(
    input: &'static str,
    field: &'static str,
    measure: Measure,
    max: usize,
    why: &'static str,
) -> Cap {
    Cap {
        input,
        field,
        measure,
        max,
        why,
    }
}
