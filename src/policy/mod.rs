//! Policy: every finding about a connection spec at once, each with a stable
//! code (see [`rules`]), a severity, the field path and what was expected.
//!
//! One module per concern, each owning its rules, their messages and its
//! checks: [`names`], [`keys`], [`target`], [`identity`], [`keyvault`], and
//! [`plan`] (the checks only `plan` runs). This module runs them in order.

pub mod identity;
mod k8s_names;
pub mod keys;
pub mod keyvault;
pub mod names;
pub mod plan;
pub(crate) mod rule;
pub mod rules;
pub mod target;

use crate::error::{Error, Finding, Severity};
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

/// Resolves, then validates; the resolution is `None` when the ids cannot be
/// used. Rendering and planning go through [`gate`], which refuses errors.
pub(crate) fn check(spec: &ConnectionSpec) -> (Vec<Finding>, Option<Resolved<'_>>) {
    let mut f = Vec::new();
    let resolved = resolve::resolve(spec);
    target::check_ids(spec, &resolved, &mut f);
    names::check_workload(spec, &mut f);
    // Checks that need no resolved ids.
    names::check_connection_name(spec, &mut f);
    names::check_namespace(spec, &mut f);
    identity::check_guids(spec, &mut f);
    keys::check_customized_names(spec, &mut f);
    let resolved = resolved.ok();
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
    crate::error::sort_by_severity(&mut f);
    (f, resolved)
}

/// The one way from a spec to what rendering, planning and wiring read: the
/// resolution and the warnings, or every finding when one is an error.
pub(crate) fn gate(spec: &ConnectionSpec) -> Result<(Resolved<'_>, Vec<Finding>), Error> {
    match check(spec) {
        (findings, Some(r)) if !has_errors(&findings) => Ok((r, findings)),
        (findings, _) => Err(Error::InvalidSpec { findings }),
    }
}

/// True when `findings` holds an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}
