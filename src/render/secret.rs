//! The connection Secret.

use k8s_openapi::api::core::v1::Secret;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::ByteString;

use crate::resolve::Resolved;
use crate::spec::SecretEncoding;

/// Builds the Opaque Secret holding the connection's configuration.
pub(crate) fn build(r: &Resolved<'_>, encoding: SecretEncoding) -> Secret {
    let entries = r
        .config
        .iter()
        .map(|e| (e.key.to_string(), e.value.clone()));
    let (string_data, data) = match encoding {
        SecretEncoding::StringData => (Some(super::map(entries)), None),
        SecretEncoding::Data => (
            None,
            Some(super::map(
                entries.map(|(k, v)| (k, ByteString(v.into_bytes()))),
            )),
        ),
    };
    Secret {
        metadata: ObjectMeta {
            name: Some(r.names.secret().to_owned()),
            namespace: Some(r.namespace.clone()),
            ..Default::default()
        },
        type_: Some("Opaque".to_owned()),
        string_data,
        data,
        ..Default::default()
    }
}
