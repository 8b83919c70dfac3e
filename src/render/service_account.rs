//! The workload-identity ServiceAccount.

use k8s_openapi::api::core::v1::ServiceAccount;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use std::collections::BTreeMap;

use crate::resolve::Resolved;

/// Annotation naming the identity the pod's token is exchanged for.
pub const CLIENT_ID_ANNOTATION: &str = "azure.workload.identity/client-id";
/// Optional annotation naming the identity's tenant.
pub const TENANT_ID_ANNOTATION: &str = "azure.workload.identity/tenant-id";

/// Builds the ServiceAccount annotated with the identity's client id.
pub fn build(r: &Resolved<'_>) -> ServiceAccount {
    let mut annotations = BTreeMap::from([(
        CLIENT_ID_ANNOTATION.to_owned(),
        r.client_id().unwrap_or("<client-ID>").to_owned(),
    )]);
    if let Some(tenant) = r.tenant_id() {
        annotations.insert(TENANT_ID_ANNOTATION.to_owned(), tenant.to_owned());
    }
    ServiceAccount {
        metadata: ObjectMeta {
            name: Some(r.names.service_account.clone()),
            namespace: Some(r.namespace.clone()),
            annotations: Some(annotations),
            ..Default::default()
        },
        ..Default::default()
    }
}
