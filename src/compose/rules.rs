//! The rule table of workload sets: what may clash when several connections
//! share one workload (codes `SW001`…), each with its fix.

use crate::error::{Finding, Severity};

/// One workload-set rule: its stable code, severity, summary and the usual fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SetRule {
    /// Stable code, `SW001`….
    pub code: &'static str,
    /// How serious the clash is.
    pub severity: Severity,
    /// What the rule checks.
    pub summary: &'static str,
    /// How to resolve it, in general (each finding names the field to change).
    pub fix: &'static str,
}

impl SetRule {
    /// A finding of this rule at `field`: `message` says what clashes with what, `fix`
    /// what to change.
    pub fn at(
        &self,
        field: impl Into<String>,
        message: impl std::fmt::Display,
        fix: impl std::fmt::Display,
    ) -> Finding {
        Finding {
            code: self.code,
            severity: self.severity,
            field: field.into(),
            message: format!("{message}; fix: {fix}"),
        }
    }
}

macro_rules! set_rules {
    ($($name:ident = $code:literal, $sev:ident, $summary:literal, $fix:literal;)+) => {
        $(
            #[doc = $summary]
            pub const $name: SetRule = SetRule {
                code: $code,
                severity: Severity::$sev,
                summary: $summary,
                fix: $fix,
            };
        )+
        /// Every workload-set rule, by code.
        pub const RULES: &[SetRule] = &[$($name),+];
    };
}

set_rules! {
    DUPLICATE_CONNECTION = "SW001", Error,
        "the same connection is listed twice (a cluster holds one connection of a name)",
        "remove the repeated connection, or give it another connection name";
    NAMESPACE = "SW002", Error,
        "connections of one workload are in different namespaces (a pod reads Secrets and SecretProviderClasses of its own namespace only)",
        "put every connection of the workload in the workload's namespace";
    SAME_TYPE_KEYS = "SW003", Error,
        "two connections of one target type write the same variables (the second lacks the second-connection key form)",
        "set anotherConnectionOfType on the second connection, or customize its keys";
    CUSTOMIZED_KEY = "SW004", Error,
        "a customized key names a variable another connection's Secret also sets",
        "choose another customized key";
    SAME_VARIABLE = "SW005", Error,
        "two Secrets set the same variable to different values (with envFrom the last Secret wins)",
        "customize the key in one of the connections";
    SAME_VALUE = "SW006", Warning,
        "two Secrets set the same variable to the same value",
        "nothing breaks; customize one key to keep the variables apart";
    WORKLOAD_VARIABLE = "SW007", Error,
        "a Secret key is a variable the workload sets itself (its own env wins over envFrom)",
        "customize the key, or rename the workload's variable";
    SERVICE_ACCOUNTS = "SW008", Error,
        "two connections need different ServiceAccounts (a pod runs as one, and each identity's federated credential names its own ServiceAccount)",
        "use one user-assigned identity (the same auth.clientId) for every workload identity connection of the workload, federate the other identity with the pod's ServiceAccount too, or split the workload";
    MOUNT_PATH = "SW009", Error,
        "two volumes are mounted at one path, or one inside the other",
        "give the connection's mount another path";
    VOLUME_NAME = "SW010", Error,
        "two volumes of the pod have one name",
        "give the connection's mount another volume name";
    OBJECT_NAME = "SW011", Error,
        "two connections write an object of one kind and name (the second overwrites the first)",
        "give one of them another name under names";
    OWN_WORKLOAD = "SW012", Error,
        "a connection of a set has its own workload (the set's workload is the one workload)",
        "move the workload to the set's workload and remove it from the connection";
    MOUNT_INVALID = "SW013", Error,
        "a mount's volume name is not a DNS-1123 label, or its path is not an absolute path",
        "use a DNS-1123 label as the volume name and an absolute path without '..' as the mount path";
    MOUNT_UNUSED = "SW014", Warning,
        "a mount is given for a connection that mounts nothing (only keyvault-csi connections do)",
        "remove the mount";
}
