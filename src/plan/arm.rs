//! The ARM request: `PUT {cluster id}/providers/Microsoft.ServiceLinker/linkers/{name}`
//! with the body per auth id, for each supported api-version (checked against the
//! Microsoft.ServiceLinker OpenAPI definitions in `data/upstream/`).

use serde::Serialize;
use serde_json::{json, Map, Value};

use super::{given, ApiVersion, Fill, Inputs};
use crate::catalog::{AuthId, Param, TargetId};

/// The value that replaces a supplied secret in the masked body.
pub const MASK: &str = "***";

/// One `PUT` of a linker resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct ArmRequest {
    /// Linker name.
    pub linker: String,
    /// HTTP method (`PUT`).
    pub method: &'static str,
    /// Resource path, without host and query.
    pub path: String,
    /// `api-version` query value.
    pub api_version: ApiVersion,
    /// The full URL on `https://management.azure.com`.
    pub url: String,
    /// The JSON body; holds supplied secrets as given.
    pub body: Value,
    /// The body with supplied secrets replaced by `***`, for display.
    pub masked_body: Value,
    /// JSON pointers into `body` of the values that are credentials.
    pub secret_pointers: Vec<String>,
    /// Whether the body and path hold no placeholder.
    pub complete: bool,
    /// Spec fields whose placeholders are in the path or body.
    pub missing: Vec<String>,
    /// Fields with content that this api-version cannot carry (left out of `body`).
    pub dropped_fields: Vec<String>,
}

/// Which linker of the connection a request creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Linker {
    /// The connection itself (for confluent-cloud: the bootstrap server).
    Main,
    /// confluent-cloud's second linker, `<connection>_schema`.
    ConfluentSchema,
}

/// Top-level properties each api-version defines for a request (the 2022-05-01
/// set is `LinkerProperties` of that version, minus read-only fields).
fn defined_properties(api: ApiVersion) -> Option<&'static [&'static str]> {
    match api {
        ApiVersion::V2024_07_01Preview => None,
        ApiVersion::V2022_05_01 => Some(&[
            "targetService",
            "authInfo",
            "clientType",
            "scope",
            "secretStore",
            "vNetSolution",
        ]),
    }
}

/// Builds the requests of a connection: one, or two for confluent-cloud.
pub(crate) fn build(i: &Inputs<'_>, api: ApiVersion) -> Vec<ArmRequest> {
    let linkers: &[Linker] = if i.r.target.id == TargetId::ConfluentCloud {
        &[Linker::Main, Linker::ConfluentSchema]
    } else {
        &[Linker::Main]
    };
    linkers
        .iter()
        .zip(i.linker_names())
        .map(|(l, name)| request(i, api, *l, name))
        .collect()
}

fn request(i: &Inputs<'_>, api: ApiVersion, linker: Linker, name: String) -> ArmRequest {
    let mut fill = Fill::default();
    let path = format!(
        "{}/providers/Microsoft.ServiceLinker/linkers/{name}",
        i.cluster_id(&mut fill)
    );
    let (full, secrets) = body(i, linker, &mut fill);
    let (body, dropped_fields) = restrict(full, api);
    let mut masked_body = body.clone();
    let mut secret_pointers = Vec::new();
    for (pointer, supplied) in secrets {
        if supplied {
            if let Some(v) = masked_body.pointer_mut(pointer) {
                *v = Value::String(MASK.to_owned());
            }
        }
        secret_pointers.push(pointer.to_owned());
    }
    ArmRequest {
        url: format!("https://management.azure.com{path}?api-version={api}"),
        linker: name,
        method: "PUT",
        path,
        api_version: api,
        body,
        masked_body,
        secret_pointers,
        complete: fill.missing.is_empty(),
        missing: fill.missing,
        dropped_fields,
    }
}

/// The full body (every field the newest version takes) and the credential
/// pointers with whether each value was supplied.
fn body(i: &Inputs<'_>, linker: Linker, fill: &mut Fill) -> (Value, Vec<(&'static str, bool)>) {
    let r = i.r;
    let t = &r.spec.target;
    let auth = r.spec.auth.as_ref().unwrap_or(&crate::spec::NO_AUTH);
    let mut secrets = Vec::new();
    const SECRET_VALUE: &str = "/properties/authInfo/secretInfo/value";

    let (target_service, auth_info) = match (r.target.id, linker) {
        (TargetId::ConfluentCloud, _) => {
            use crate::catalog::Param::*;
            let (kind, endpoint, key, secret) = match linker {
                Linker::Main => (
                    "ConfluentBootstrapServer",
                    BootstrapServer,
                    KafkaKey,
                    KafkaSecret,
                ),
                Linker::ConfluentSchema => (
                    "ConfluentSchemaRegistry",
                    SchemaRegistry,
                    SchemaKey,
                    SchemaSecret,
                ),
            };
            secrets.push((SECRET_VALUE, t.param(secret).is_some()));
            (
                json!({ "type": kind, "endpoint": fill.param(t, endpoint) }),
                json!({
                    "authType": "secret",
                    "name": fill.param(t, key),
                    "secretInfo": { "secretType": "rawValue", "value": fill.param(t, secret) },
                }),
            )
        }
        _ => {
            let mut ts = json!({ "type": "AzureResource", "id": i.target_id(fill) });
            let ai = match r.auth {
                AuthId::WorkloadIdentity => {
                    let sub = nonempty_or(
                        auth.subscription_id.as_deref(),
                        i.identity_parts().map(|p| p.0),
                    );
                    json!({
                        "authType": "userAssignedIdentity",
                        "clientId": fill.get(auth.client_id.as_deref(), "auth.clientId"),
                        "subscriptionId": fill.get(sub, "auth.subscriptionId"),
                    })
                }
                AuthId::ConnectionString => json!({ "authType": "secret" }),
                AuthId::Secret if r.target.id == TargetId::MongoDbAtlas => {
                    // `--secret secret=<connection string>`; the CLI fixes the name.
                    secrets.push((SECRET_VALUE, given(auth.password.as_deref())));
                    json!({
                        "authType": "secret",
                        "name": MONGODB_ATLAS_SECRET_NAME,
                        "secretInfo": {
                            "secretType": "rawValue",
                            "value": fill.get(auth.password.as_deref(), "auth.password"),
                        },
                    })
                }
                AuthId::Secret => {
                    secrets.push((SECRET_VALUE, given(auth.password.as_deref())));
                    json!({
                        "authType": "secret",
                        "name": fill.get(auth.username.as_deref(), "auth.username"),
                        "secretInfo": {
                            "secretType": "rawValue",
                            "value": fill.get(auth.password.as_deref(), "auth.password"),
                        },
                    })
                }
                AuthId::ServicePrincipal => {
                    secrets.push(("/properties/authInfo/secret", given(auth.secret.as_deref())));
                    json!({
                        "authType": "servicePrincipalSecret",
                        "clientId": fill.get(auth.client_id.as_deref(), "auth.clientId"),
                        "principalId": fill.get(auth.object_id.as_deref(), "auth.objectId"),
                        "secret": fill.get(auth.secret.as_deref(), "auth.secret"),
                    })
                }
                AuthId::KeyvaultCsi => {
                    ts["resourceProperties"] =
                        json!({ "type": "KeyVault", "connectAsKubernetesCsiDriver": true });
                    json!({ "authType": "userAssignedIdentity" })
                }
            };
            (ts, ai)
        }
    };

    // The az CLI sends every customized key with the bootstrap-server linker
    // and none with the schema-registry one (policy refuses customizing a
    // schema-registry key, which would have no effect). Maps here are filled by
    // `insert`, never `collect`ed: collecting sorts and bulk-builds, more code in the module.
    let mut customized = Map::new();
    if linker == Linker::Main {
        for (k, v) in &r.spec.customized_keys {
            customized.insert(k.clone(), Value::String(v.clone()));
        }
    }
    let mut configuration_info = Map::new();
    if !customized.is_empty() {
        configuration_info.insert("customizedKeys".to_owned(), Value::Object(customized));
    }
    if r.target.id == TargetId::NeonPostgres {
        // The CLI passes server and database as connection string properties.
        configuration_info.insert(
            "additionalConnectionStringProperties".to_owned(),
            json!({
                "Database": fill.param(t, Param::Database),
                "Server": fill.param(t, Param::Server),
            }),
        );
    }

    // The empty objects mirror what the az CLI sends; it sends
    // no network solution with confluent's schema-registry linker.
    let mut properties = json!({
        "targetService": target_service,
        "authInfo": auth_info,
        "clientType": r.client.as_str(),
        "scope": r.namespace,
        "secretStore": {},
        "publicNetworkSolution": {},
        "configurationInfo": configuration_info,
    });
    if linker == Linker::ConfluentSchema {
        if let Some(m) = properties.as_object_mut() {
            // Rebuilt rather than `remove`d from, as in `restrict`.
            for (k, v) in std::mem::take(m) {
                if k != "publicNetworkSolution" {
                    m.insert(k, v);
                }
            }
        }
    }
    (json!({ "properties": properties }), secrets)
}

/// The name the az CLI sends for a mongodb-atlas secret (`action.py`
/// `AddSecretAuthInfo`: the connection string is the only input).
pub const MONGODB_ATLAS_SECRET_NAME: &str = "NA";

fn nonempty_or<'a>(a: Option<&'a str>, b: Option<&'a str>) -> Option<&'a str> {
    crate::resolve::nonempty(a).or(b)
}

/// Keeps only the properties `api` defines. Returns the body and the paths of
/// left-out fields that carried content; empty objects carry nothing, so
/// leaving them out changes nothing and is not reported.
fn restrict(mut body: Value, api: ApiVersion) -> (Value, Vec<String>) {
    let Some(defined) = defined_properties(api) else {
        return (body, Vec::new());
    };
    let mut dropped = Vec::new();
    if let Some(props) = body.get_mut("properties").and_then(Value::as_object_mut) {
        // Rebuilt rather than `remove`d from: same result, and no B-tree removal code
        // for this map type in the wasm module.
        for (name, v) in std::mem::take(props) {
            if defined.contains(&name.as_str()) {
                props.insert(name, v);
            } else {
                collect_content(&v, &format!("properties.{name}"), &mut dropped);
            }
        }
    }
    (body, dropped)
}

/// Paths of the non-empty leaves (or non-empty innermost objects) under `v`.
fn collect_content(v: &Value, path: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(m) if m.is_empty() => {}
        Value::Object(m) if m.values().all(|x| !x.is_object()) => out.push(path.to_owned()),
        Value::Object(m) => {
            for (k, x) in m {
                collect_content(x, &format!("{path}.{k}"), out);
            }
        }
        Value::Null => {}
        _ => out.push(path.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restrict_reports_only_content() {
        let body = json!({ "properties": {
            "scope": "ns", "publicNetworkSolution": {},
            "configurationInfo": { "customizedKeys": { "A": "B" } } } });
        let (b, dropped) = restrict(body.clone(), ApiVersion::V2022_05_01);
        assert_eq!(b, json!({ "properties": { "scope": "ns" } }));
        assert_eq!(dropped, ["properties.configurationInfo.customizedKeys"]);
        let (b, dropped) = restrict(body.clone(), ApiVersion::V2024_07_01Preview);
        assert_eq!(b, body);
        assert!(dropped.is_empty());
    }
}
