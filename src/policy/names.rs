//! Names: the connection name, the namespace, the object names, the workload's
//! labels and the sample workload itself.

use super::k8s_names;
use super::rule::{rules, IGNORED_INPUT};
use crate::catalog::{AuthId, TargetId};
use crate::error::{Finding, Quoted};
use crate::resolve::{self, nonempty, Resolved, WorkloadKind};
use crate::shapes;
use crate::spec::ConnectionSpec;

rules! {
    CONNECTION_NAME = "SC001", Error, "connection name: letters, digits, '.' and '_', 1 to 60 characters";
    CONFLUENT_SCHEMA_SUFFIX = "SC002", Error, "confluent-cloud connection names must not end with '_schema' and stay within 53 characters";
    NAMESPACE = "SC003", Error, "namespace must be a DNS-1123 label";
    OBJECT_NAME = "SC004", Error, "object names must be DNS-1123 subdomains (workloads at most 63 characters)";
    LABEL = "SC005", Error, "workload labels: qualified-name keys other than the reserved ones, valid label values";
    DEFAULT_NAMESPACE = "SC022", Warning, "the default namespace is shared by everything that names no namespace";
    WORKLOAD = "SC028", Error, "workload kind is Job, Deployment, Pod or none, with a non-empty image and command";
    GENERATED_NAME = "SC029", Info, "a generated name or value follows an input that is not given yet";
}

/// The connection name's syntax (`SC001`), when given.
pub(super) fn check_connection_name(spec: &ConnectionSpec, f: &mut Vec<Finding>) {
    if let Some(name) = spec.connection_name.as_deref() {
        let ok = (1..=60).contains(&name.len())
            && name
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'.' || c == b'_');
        if !ok {
            f.push(CONNECTION_NAME.at(
                "connectionName",
                format!(
                    "expected 1 to 60 letters, digits, '.' or '_', found {q_name}",
                    q_name = Quoted(name)
                ),
            ));
        }
    }
}

/// The sample workload's kind, image and command (`SC028`), as given.
pub(super) fn check_workload(spec: &ConnectionSpec, f: &mut Vec<Finding>) {
    let Some(w) = &spec.workload else { return };
    match WorkloadKind::from_spec(w.workload_kind.as_deref()) {
        Ok(None) => return,
        Ok(Some(_)) => {}
        Err(other) => f.push(WORKLOAD.at(
            "workload.kind",
            format!(
                "expected one of Job, Deployment, Pod, none, found {}",
                Quoted(other)
            ),
        )),
    }
    if let Some(image) = w
        .image
        .as_deref()
        .filter(|i| i.is_empty() || shapes::has_space_or_control(i))
    {
        f.push(WORKLOAD.at(
            "workload.image",
            format!("expected a non-empty image reference without spaces or control characters, found {q_image}", q_image = Quoted(image)),
        ));
    }
    if w.command.as_ref().is_some_and(Vec::is_empty) {
        f.push(WORKLOAD.at(
            "workload.command",
            "expected at least one command word, found an empty list",
        ));
    }
}

/// The namespace is a DNS-1123 label (`SC003`), when given.
pub(super) fn check_namespace(spec: &ConnectionSpec, f: &mut Vec<Finding>) {
    if let Some(ns) = spec.namespace.as_deref() {
        if let Err(rule) = k8s_names::dns1123_label(ns) {
            f.push(NAMESPACE.at(
                "namespace",
                format!("{rule}, found {q_ns}", q_ns = Quoted(ns)),
            ));
        }
    }
}

/// A confluent-cloud connection name leaves room for the schema-registry linker (`SC002`).
pub(super) fn check_confluent_linker_name(r: &Resolved<'_>, f: &mut Vec<Finding>) {
    let target = r.target.id;
    if target == TargetId::ConfluentCloud && r.connection_name.ends_with("_schema") {
        f.push(CONFLUENT_SCHEMA_SUFFIX.at(
            "connectionName",
            format!(
                "expected a name not ending with '_schema' (the schema-registry linker takes that suffix), found {}",
                Quoted(&r.connection_name)
            ),
        ));
    }
    // The schema-registry linker is `<c>_schema`, which must itself stay within 60.
    if target == TargetId::ConfluentCloud && r.connection_name.len() > 53 {
        f.push(CONFLUENT_SCHEMA_SUFFIX.at(
            "connectionName",
            format!(
                "expected at most 53 characters, so that the schema-registry linker `<name>_schema` stays within 60, found {}",
                r.connection_name.len()
            ),
        ));
    }
}

/// Anything but the `default` namespace (`SC022`).
pub(super) fn check_default_namespace(r: &Resolved<'_>, f: &mut Vec<Finding>) {
    if nonempty(r.spec.namespace.as_deref()).is_none_or(|ns| ns == "default") {
        f.push(DEFAULT_NAMESPACE.at(
            "namespace",
            "expected a dedicated namespace, found `default`: every workload there can read the connection Secret",
        ));
    }
}

fn check_name(f: &mut Vec<Finding>, field: &str, name: &str, workload: bool) {
    if let Err(rule) = k8s_names::dns1123_subdomain(name) {
        f.push(OBJECT_NAME.at(
            field,
            format!("{rule}, found {q_name}", q_name = Quoted(name)),
        ));
    } else if workload && name.len() > 63 {
        f.push(OBJECT_NAME.at(
            field,
            format!(
                "expected at most 63 characters for a workload name, found {}",
                name.len()
            ),
        ));
    }
}

/// The object names (`SC004`), given or generated, names given for objects
/// the auth id does not render (`SC031`), a ServiceAccount name waiting for
/// the client id (`SC029`) and the workload's name and labels (`SC004`, `SC005`).
pub(super) fn check_names(r: &Resolved<'_>, f: &mut Vec<Finding>) {
    let overrides = r.spec.names.as_ref().unwrap_or(&crate::spec::NO_NAMES);
    // A given name is reported at its own field, a generated one at the
    // connection name it comes from (literals: nothing to allocate).
    let field = |given_field: &'static str, given: bool| {
        if given {
            given_field
        } else {
            "connectionName"
        }
    };
    if r.has_secret() {
        check_name(
            f,
            field("names.secret", overrides.secret.is_some()),
            r.names.secret(),
            false,
        );
    } else if overrides.secret.is_some() {
        f.push(IGNORED_INPUT.at(
            "names.secret",
            "keyvault-csi renders no Secret; the name is not used",
        ));
    }
    if r.has_service_account() {
        let given = overrides.service_account.is_some();
        check_name(
            f,
            field("names.serviceAccount", given),
            r.names.service_account(),
            false,
        );
        check_name(
            f,
            field(
                "names.federatedCredential",
                overrides.federated_credential.is_some(),
            ),
            r.names.federated_credential(),
            false,
        );
        if !given && r.client_id().is_none() {
            f.push(GENERATED_NAME.at(
                "auth.clientId",
                format!(
                    "the ServiceAccount is named {} until the identity client id is given; then it becomes \
                     sc-account-<client id>, and its client-id annotation stays `<client-ID>`",
                    Quoted(r.names.service_account())
                ),
            ));
        }
    } else {
        for (given, name) in [
            (overrides.service_account.is_some(), "serviceAccount"),
            (
                overrides.federated_credential.is_some(),
                "federatedCredential",
            ),
        ] {
            if given {
                f.push(IGNORED_INPUT.at(
                    format!("names.{name}"),
                    format!(
                        "only workload-identity uses a {name}; found auth `{}`",
                        r.auth
                    ),
                ));
            }
        }
    }
    if r.auth == AuthId::KeyvaultCsi {
        check_name(
            f,
            field(
                "names.secretProviderClass",
                overrides.secret_provider_class.is_some(),
            ),
            r.names.secret_provider_class(),
            false,
        );
    } else if overrides.secret_provider_class.is_some() {
        f.push(IGNORED_INPUT.at(
            "names.secretProviderClass",
            format!(
                "only keyvault-csi renders a SecretProviderClass; found auth `{}`",
                r.auth
            ),
        ));
    }
    if let Some(w) = &r.workload {
        check_name(f, "workload.name", &w.name, true);
        check_labels(w, f);
    }
}

/// Labels the renderer sets itself; user labels may not replace them.
const RESERVED_LABELS: &[&str] = &[crate::k8s::APP_LABEL, crate::k8s::WI_LABEL];

fn check_labels(w: &resolve::Workload, f: &mut Vec<Finding>) {
    for (key, value) in &w.labels {
        let field = format!("workload.labels.{key}");
        if let Err(rule) = k8s_names::label_key(key) {
            f.push(LABEL.at(
                &field,
                format!("{rule}, found {q_key}", q_key = Quoted(key)),
            ));
        } else if RESERVED_LABELS.contains(&key.as_str()) {
            f.push(LABEL.at(
                &field,
                format!(
                    "expected a label key other than the reserved {}, found {q_key}",
                    RESERVED_LABELS.join(" and "),
                    q_key = Quoted(key)
                ),
            ));
        }
        if let Err(rule) = k8s_names::label_value(value) {
            f.push(LABEL.at(
                &field,
                format!("{rule}, found {q_value}", q_value = Quoted(value)),
            ));
        }
    }
}
