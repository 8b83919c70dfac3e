//! The Bicep form: `Microsoft.ServiceLinker/linkers` resources
//! scoped to the existing cluster, with the ARM body's properties.
//!
//! Credential values are never written into the file: each becomes a
//! `@secure()` parameter passed at deploy time, so the file can be committed.

use serde::Serialize;
use serde_json::Value;

use super::arm::ArmRequest;
use super::az::Argv;
use super::{ApiVersion, Command, Fill, Inputs};
use crate::catalog::TargetId;

/// A stable AKS api-version for the `existing` cluster reference; any version
/// that has the resource works, since only its name is read.
pub const AKS_API_VERSION: &str = "2024-02-01";

/// The Bicep file of a connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Bicep {
    /// The file's text.
    pub text: String,
    /// api-version of the linker resources.
    pub api_version: ApiVersion,
    /// Names of the `@secure()` parameters to pass at deploy time.
    pub secure_params: Vec<String>,
    /// `az deployment group create …` into the cluster's resource group.
    pub deploy: Command,
}

/// Escapes a string as a Bicep single-quoted literal: `\\`, `\'`, `\n`, `\r`,
/// `\t`, `\${` for interpolation, `\u{…}` for other control characters.
///
/// ```
/// use aks_service_connector::plan::bicep::bicep_string;
/// assert_eq!(bicep_string("it's ${x}"), r"'it\'s \${x}'");
/// ```
pub fn bicep_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' if chars.peek() == Some(&'{') => out.push_str("\\$"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:X}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// An object key: bare when it is an identifier, otherwise a string literal.
fn bicep_key(k: &str) -> String {
    let mut chars = k.chars();
    let ident = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if ident {
        k.to_owned()
    } else {
        bicep_string(k)
    }
}

/// JSON pointer escaping of one path segment.
fn pointer_segment(k: &str) -> String {
    k.replace('~', "~0").replace('/', "~1")
}

/// Writes `v` as a Bicep expression; values at `secrets` pointers become the
/// named parameters.
fn emit(v: &Value, pointer: &str, secrets: &[(String, String)], indent: usize, out: &mut String) {
    if let Some((_, param)) = secrets.iter().find(|(p, _)| p == pointer) {
        out.push_str(param);
        return;
    }
    let pad = "  ".repeat(indent + 1);
    match v {
        Value::String(s) => out.push_str(&bicep_string(s)),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::Null => out.push_str("null"),
        Value::Object(m) if m.is_empty() => out.push_str("{}"),
        Value::Array(a) if a.is_empty() => out.push_str("[]"),
        Value::Object(m) => {
            out.push_str("{\n");
            for (k, x) in m {
                out.push_str(&pad);
                out.push_str(&bicep_key(k));
                out.push_str(": ");
                emit(
                    x,
                    &format!("{pointer}/{}", pointer_segment(k)),
                    secrets,
                    indent + 1,
                    out,
                );
                out.push('\n');
            }
            out.push_str(&"  ".repeat(indent));
            out.push('}');
        }
        Value::Array(a) => {
            out.push_str("[\n");
            for (n, x) in a.iter().enumerate() {
                out.push_str(&pad);
                emit(x, &format!("{pointer}/{n}"), secrets, indent + 1, out);
                out.push('\n');
            }
            out.push_str(&"  ".repeat(indent));
            out.push(']');
        }
    }
}

/// The parameter name for a credential of request `n`.
fn param_name(i: &Inputs<'_>, n: usize, pointer: &str) -> &'static str {
    match (i.r.target.id, n) {
        (TargetId::ConfluentCloud, 0) => "kafkaSecret",
        (TargetId::ConfluentCloud, _) => "schemaSecret",
        (TargetId::MongoDbAtlas, _) => "connectionString",
        _ if pointer.ends_with("/secret") => "clientSecret",
        _ => "password",
    }
}

/// Builds the Bicep file from the requests (same properties, same api-version).
pub(crate) fn build(i: &Inputs<'_>, requests: &[ArmRequest], api: ApiVersion) -> Bicep {
    let mut f = Fill::default();
    let cluster = i.cluster_name(&mut f);
    let mut text = String::new();
    text.push_str("// Service Connector connection from an AKS cluster (generated by aks-service-connector).\n");
    text.push_str("// Deploy into the cluster's resource group: the linker is an extension resource of the cluster.\n");

    let mut secure_params = Vec::new();
    let mut per_request = Vec::new();
    for (n, req) in requests.iter().enumerate() {
        let secrets: Vec<(String, String)> = req
            .secret_pointers
            .iter()
            .map(|p| (p.clone(), param_name(i, n, p).to_owned()))
            .collect();
        for (_, name) in &secrets {
            if !secure_params.contains(name) {
                secure_params.push(name.clone());
            }
        }
        per_request.push(secrets);
    }
    for p in &secure_params {
        text.push_str(&format!("\n@secure()\nparam {p} string\n"));
    }

    text.push_str(&format!(
        "\nresource aks 'Microsoft.ContainerService/managedClusters@{AKS_API_VERSION}' existing = {{\n  name: {}\n}}\n",
        bicep_string(&cluster)
    ));
    for (n, (req, secrets)) in requests.iter().zip(&per_request).enumerate() {
        // Two requests only for confluent-cloud: its schema-registry linker.
        let symbol = if n == 0 { "conn" } else { "connSchema" };
        let mut props = String::new();
        let empty = Value::Object(Default::default());
        let properties = req.body.get("properties").unwrap_or(&empty);
        emit(properties, "/properties", secrets, 1, &mut props);
        text.push_str(&format!(
            "\nresource {symbol} 'Microsoft.ServiceLinker/linkers@{api}' = {{\n  name: {}\n  scope: aks\n  properties: {props}\n}}\n",
            bicep_string(&req.linker)
        ));
    }

    let mut a = Argv::new(&["az", "deployment", "group", "create"]);
    a.opt("--resource-group", i.cluster_rg(&mut f));
    if let Some(sub) = i.cluster_sub() {
        a.opt("--subscription", sub);
    }
    a.opt("--template-file", "connection.bicep");
    let note = if secure_params.is_empty() {
        "deploys the file saved as connection.bicep".to_owned()
    } else {
        format!(
            "deploys the file saved as connection.bicep; the CLI prompts for {} (or pass --parameters name=value)",
            secure_params.join(", ")
        )
    };
    Bicep {
        text,
        api_version: api,
        secure_params,
        deploy: a.command(note),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_bare_only_when_identifiers() {
        assert_eq!(bicep_key("authInfo"), "authInfo");
        assert_eq!(
            bicep_key("spring.datasource.url"),
            "'spring.datasource.url'"
        );
        assert_eq!(bicep_key("1a"), "'1a'");
        assert_eq!(bicep_key(""), "''");
    }

    #[test]
    fn emits_nested_objects_and_secrets() {
        let v = serde_json::json!({ "a": { "b": "x", "s": "p" }, "e": {} });
        let mut out = String::new();
        emit(
            &v,
            "",
            &[("/a/s".to_owned(), "password".to_owned())],
            0,
            &mut out,
        );
        assert_eq!(
            out,
            "{\n  a: {\n    b: 'x'\n    s: password\n  }\n  e: {}\n}"
        );
    }
}
