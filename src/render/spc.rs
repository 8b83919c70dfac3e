//! The SecretProviderClass (a CRD k8s-openapi does not model) and its
//! `objects` parameter, a YAML document held in a string.

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::catalog::Param;
use crate::resolve::{nonempty, Resolved};
use crate::spec::KeyVaultObject;
use crate::yaml::{emit, Node};

/// `secrets-store.csi.x-k8s.io/v1` SecretProviderClass.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SecretProviderClass {
    /// Always `secrets-store.csi.x-k8s.io/v1`.
    pub api_version: String,
    /// Always `SecretProviderClass`.
    pub kind: String,
    /// Name and namespace.
    pub metadata: ObjectMeta,
    /// Provider and its parameters.
    pub spec: SecretProviderClassSpec,
}

/// The SecretProviderClass spec.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SecretProviderClassSpec {
    /// Always `azure`.
    pub provider: String,
    /// Provider parameters; every value is a string.
    pub parameters: BTreeMap<String, String>,
}

/// The `objects` parameter: `array:` of strings, each a YAML mapping itself
/// (`objectName`, `objectType`, then `objectVersion` and `objectAlias` when
/// given), as the Azure provider reads it. Both levels go through the YAML
/// emitter, so names cannot inject structure. Without objects, one placeholder object.
fn objects_parameter(objects: &[KeyVaultObject]) -> String {
    let placeholder;
    let objects = if objects.is_empty() {
        placeholder = [KeyVaultObject {
            name: "<KEYVAULT_SECRET_NAME>".to_owned(),
            r#type: "secret".to_owned(),
            version: None,
            alias: None,
        }];
        &placeholder[..]
    } else {
        objects
    };
    let field =
        |name: &'static str, value: &str| (Cow::Borrowed(name), Node::Str(value.to_owned()));
    let array = objects
        .iter()
        .map(|o| {
            let mut entry = vec![field("objectName", &o.name), field("objectType", &o.r#type)];
            if let Some(version) = nonempty(o.version.as_deref()) {
                entry.push(field("objectVersion", version));
            }
            if let Some(alias) = nonempty(o.alias.as_deref()) {
                entry.push(field("objectAlias", alias));
            }
            Node::Str(emit(&Node::Map(entry)))
        })
        .collect();
    emit(&Node::Map(vec![(Cow::Borrowed("array"), Node::Seq(array))]))
}

/// The SecretProviderClass's parameters, in key order (as its map writes them).
pub(crate) fn parameters(r: &Resolved<'_>) -> [(&'static str, String); 6] {
    let entry = |suffix: &str| {
        r.config
            .iter()
            .find(|e| e.default_key.ends_with(suffix))
            .map(|e| e.value.clone())
    };
    let or_placeholder = |v: Option<String>, p: &str| v.unwrap_or_else(|| format!("<{p}>"));
    let vault = r
        .spec
        .target
        .param(Param::Vault)
        .map(str::to_owned)
        .or_else(|| entry("_NAME").filter(|v| !v.starts_with('<')));
    let tenant = r
        .tenant_id()
        .map(str::to_owned)
        .or_else(|| entry("_TENANTID"));
    [
        ("keyvaultName", or_placeholder(vault, "AZURE_KEYVAULT_NAME")),
        ("objects", objects_parameter(r.keyvault_objects)),
        (
            "tenantId",
            or_placeholder(tenant, "AZURE_KEYVAULT_TENANTID"),
        ),
        ("usePodIdentity", "false".to_owned()),
        ("useVMManagedIdentity", "true".to_owned()),
        (
            "userAssignedIdentityID",
            or_placeholder(entry("_CLIENTID"), "AZURE_KEYVAULT_CLIENTID"),
        ),
    ]
}

/// The SecretProviderClass's API version.
pub(crate) const API_VERSION: &str = "secrets-store.csi.x-k8s.io/v1";

/// Builds the SecretProviderClass of a keyvault-csi connection.
pub(crate) fn build(r: &Resolved<'_>) -> SecretProviderClass {
    let parameters = super::map(parameters(r).map(|(k, v)| (k.to_owned(), v)));
    SecretProviderClass {
        api_version: API_VERSION.to_owned(),
        kind: "SecretProviderClass".to_owned(),
        metadata: ObjectMeta {
            name: Some(r.names.secret_provider_class().to_owned()),
            namespace: Some(r.namespace.clone()),
            ..Default::default()
        },
        spec: SecretProviderClassSpec {
            provider: "azure".to_owned(),
            parameters,
        },
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn parameters_are_in_key_order() {
        let spec: crate::spec::ConnectionSpec = serde_json::from_str(
            r#"{ "target": { "type": "keyvault" }, "auth": { "type": "keyvault-csi" } }"#,
        )
        .unwrap();
        let r = crate::resolve::resolve(&spec).unwrap();
        let keys = super::parameters(&r).map(|(k, _)| k);
        let mut sorted = keys;
        sorted.sort_unstable();
        assert_eq!(keys, sorted);
    }
}
