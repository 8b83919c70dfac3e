//! Policy: every finding about a connection spec at once, each with a stable
//! code (see [`rules`]), a severity, the field path and what was expected.
//!
//! One module per concern, each owning its rules, their messages and its
//! checks: [`names`], [`keys`], [`target`], [`identity`], [`keyvault`], and
//! [`plan`] (the checks only `plan` runs). This module runs them in order.

pub mod identity;
pub mod k8s_names;
pub mod keys;
pub mod keyvault;
pub mod names;
pub mod plan;
pub mod rules;
pub mod target;

use crate::error::{Finding, Severity};
use crate::resolve::{self, Resolved};
use crate::spec::ConnectionSpec;

/// Validates a spec and returns every finding, errors first.
///
/// ```
/// use aks_service_connector::{validate, ConnectionSpec, Severity};
/// let spec: ConnectionSpec = serde_json::from_str(
///     r#"{ "target": { "type": "storage-blob" }, "namespace": "Bad_NS" }"#).unwrap();
/// let findings = validate(&spec);
/// assert!(findings.iter().any(|f| f.code == "SC003" && f.field == "namespace"));
/// assert_eq!(findings[0].severity, Severity::Error);
/// ```
pub fn validate(spec: &ConnectionSpec) -> Vec<Finding> {
    check(spec).0
}

/// Validates and resolves in one pass; the resolution is `None` when the ids
/// cannot be used. Rendering and planning must refuse specs with errors.
pub(crate) fn check(spec: &ConnectionSpec) -> (Vec<Finding>, Option<Resolved<'_>>) {
    let mut f = Vec::new();
    let resolved = resolve::resolve(spec, &mut f);
    // Checks that need no resolved ids.
    names::check_connection_name(spec, &mut f);
    names::check_namespace(spec, &mut f);
    identity::check_guids(spec, &mut f);
    keys::check_customized_names(spec, &mut f);
    if let Some(r) = &resolved {
        names::check_confluent_linker_name(r, &mut f);
        names::check_names(r, &mut f);
        keys::check_keys(r, &mut f);
        target::check_params(r, &mut f);
        identity::check_identity(r, &mut f);
        keyvault::check_objects(r, &mut f);
        target::check_deprecated(r, &mut f);
        identity::check_auth_choice(r, &mut f);
        names::check_default_namespace(r, &mut f);
        keys::check_inferred_names(r, &mut f);
    }
    // Stable sort: errors first, then warnings, then info; rule order within.
    f.sort_by_key(|x| x.severity);
    (f, resolved)
}

/// True when `findings` holds an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}
