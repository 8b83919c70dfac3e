//! The policy rule table: one record per rule, apart from the checks.

use crate::error::{Finding, Severity};
use serde::Serialize;

/// A policy rule: a stable code, its severity and what it checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rule {
    /// Stable code, e.g. `SC001`.
    pub code: &'static str,
    /// Severity of its findings.
    pub severity: Severity,
    /// What the rule checks.
    pub summary: &'static str,
}

impl Rule {
    /// A finding of this rule on `field`.
    pub fn at(&self, field: impl Into<String>, message: impl Into<String>) -> Finding {
        Finding {
            code: self.code,
            severity: self.severity,
            field: field.into(),
            message: message.into(),
        }
    }
}

macro_rules! rules {
    ($($name:ident = $code:literal, $sev:ident, $summary:literal;)+) => {
        $(
            #[doc = $summary]
            pub const $name: Rule = Rule { code: $code, severity: Severity::$sev, summary: $summary };
        )+
        /// Every rule, by code.
        pub const ALL: &[Rule] = &[$($name),+];
    };
}

rules! {
    CONNECTION_NAME = "SC001", Error, "connection name: letters, digits, '.' and '_', 1 to 60 characters";
    CONFLUENT_SCHEMA_SUFFIX = "SC002", Error, "confluent-cloud connection names must not end with '_schema' and stay within 53 characters";
    NAMESPACE = "SC003", Error, "namespace must be a DNS-1123 label";
    OBJECT_NAME = "SC004", Error, "object names must be DNS-1123 subdomains (workloads at most 63 characters)";
    LABEL = "SC005", Error, "workload labels: qualified-name keys other than the reserved ones, valid label values";
    SECRET_KEY = "SC006", Error, "secret keys must match [-._a-zA-Z0-9]+, at most 253 characters";
    CUSTOMIZED_KEY = "SC007", Error, "customized keys must map default keys of the combination to unique names";
    AUTH_SUPPORTED = "SC008", Error, "the auth type must be supported for the target on AKS";
    CLIENT_SUPPORTED = "SC009", Error, "the client type must be supported for the target";
    TARGET_SUPPORTED = "SC010", Error, "the target must be one of the 27 AKS targets";
    LOCATING_PARAMETERS = "SC011", Info, "locating parameters missing: placeholders stay in the rendered values";
    TARGET_ID = "SC012", Error, "a pasted target id must match the target's ARM id pattern";
    GUID = "SC013", Error, "client, tenant, subscription and object ids must be GUIDs";
    IDENTITY_ID = "SC014", Error, "the workload identity must be a user-assigned identity resource id";
    CREDENTIALS_MISSING = "SC015", Info, "credentials not given: placeholders stay in the rendered values";
    CSI_IGNORES_IDENTITY = "SC016", Warning, "keyvault-csi uses the add-on identity: identity inputs are ignored";
    CONFLUENT_FORMAT = "SC017", Error, "confluent bootstrap server is host:port and the schema registry an https URL";
    APPCONFIG_LOCAL_AUTH = "SC018", Warning, "appconfig with a connection string fails when local auth is disabled";
    DEPRECATED_TARGET = "SC019", Warning, "the target is deprecated";
    PREFER_WORKLOAD_IDENTITY = "SC020", Warning, "a secret-based auth type where workload identity is supported";
    CREDENTIALS_IN_YAML = "SC021", Warning, "real credentials are given: the rendered YAML holds secrets";
    DEFAULT_NAMESPACE = "SC022", Warning, "the default namespace is shared by everything that names no namespace";
    VALUE_KEY = "SC023", Error, "values must name configuration keys of the combination";
    ACCOUNT_KIND = "SC024", Error, "target.kind is the cognitiveservices account kind";
    KEYVAULT_OBJECT = "SC025", Error, "key vault objects need a name and a type of secret, key or cert";
    UNDOCUMENTED_KEYS = "SC026", Warning, "the docs list no configuration keys for this combination: the Secret has no keys";
    INFERRED_KEY_NAMES = "SC027", Warning, "the key names of a second connection of the same type are inferred";
    WORKLOAD = "SC028", Error, "workload kind is Job, Deployment, Pod or none, with a non-empty image and command";
    GENERATED_NAME = "SC029", Info, "a generated name or value follows an input that is not given yet";
    PARTIAL_KEYS = "SC030", Warning, "retired: reported when a documented key list was partial; no list is partial any more";
    IGNORED_INPUT = "SC031", Warning, "an input does not apply to the chosen target or auth type";
    // SC032-SC038 belong to the plan's rules (`PLAN`); these continue at SC039.
    CONFLUENT_ENDPOINT = "SC039", Warning, "confluent endpoints are on azure.confluent.cloud: the az CLI refuses others";
}

/// Codes kept in [`ALL`] so that the numbering stays stable, but never reported:
/// `SC030` flagged partial Spring Boot key lists, and the current docs list none.
pub const RETIRED: &[&str] = &["SC030"];

/// Declares the planner's rules: numbered after [`ALL`] but kept out of it,
/// because `validate` never reports them (only `plan` does).
macro_rules! plan_rules {
    ($($name:ident = $code:literal, $sev:ident, $summary:literal;)+) => {
        $(
            #[doc = $summary]
            pub const $name: Rule = Rule { code: $code, severity: Severity::$sev, summary: $summary };
        )+
        /// Every plan rule, by code; the codes continue those of [`ALL`].
        pub const PLAN: &[Rule] = &[$($name),+];
    };
}

plan_rules! {
    PLAN_INCOMPLETE = "SC032", Info, "the ARM request or az command holds placeholders for inputs not given yet";
    API_VERSION_FIELDS = "SC033", Warning, "the chosen api-version cannot carry some fields of the request";
    PROVIDER_NOT_REGISTERED = "SC034", Warning, "a resource provider Service Connector needs is not registered";
    CLUSTER_BUSY = "SC035", Warning, "the cluster is not in the Succeeded state: a create fails with Conflict";
    OIDC_ISSUER = "SC036", Warning, "the oidc issuer url must match exactly, trailing '/' included";
    UNVERIFIED_REQUEST = "SC037", Warning, "the target's REST shape is undocumented: the request is unverified";
    ARM_SEGMENT = "SC038", Error, "values that go into ARM resource ids have no '/', '\\', '?', '#', '%', whitespace or control characters";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_sequential() {
        // `validate`'s rules and the plan's, together, number SC001 to SC039
        // without gaps or repeats; each table lists its own in ascending order.
        let mut all: Vec<&str> = ALL.iter().chain(PLAN).map(|r| r.code).collect();
        for table in [ALL, PLAN] {
            assert!(table.windows(2).all(|w| w[0].code < w[1].code));
        }
        all.sort_unstable();
        let expected: Vec<String> = (1..=all.len()).map(|n| format!("SC{n:03}")).collect();
        assert_eq!(all, expected);
        assert_eq!(all.len(), 39);
        assert!(ALL.iter().all(|r| !PLAN.contains(r)));
    }
}
