//! The workload-identity ServiceAccount.

use k8s_openapi::api::core::v1::ServiceAccount;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use crate::resolve::Resolved;

use crate::k8s::{CLIENT_ID_ANNOTATION, TENANT_ID_ANNOTATION};

/// Builds the ServiceAccount annotated with the identity's client id.
pub(crate) fn build(r: &Resolved<'_>) -> ServiceAccount {
    let mut annotations = super::map([(
        CLIENT_ID_ANNOTATION.to_owned(),
        r.client_id().unwrap_or("<client-ID>").to_owned(),
    )]);
    if let Some(tenant) = r.tenant_id() {
        annotations.insert(TENANT_ID_ANNOTATION.to_owned(), tenant.to_owned());
    }
    ServiceAccount {
        metadata: ObjectMeta {
            name: Some(r.names.service_account().to_owned()),
            namespace: Some(r.namespace.clone()),
            annotations: Some(annotations),
            ..Default::default()
        },
        ..Default::default()
    }
}
