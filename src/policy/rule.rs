//! A rule: its code, severity and summary, declared with [`rules!`].

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

/// Declares rules, each with its code, severity and summary, as constants of
/// the calling module, and that module's `RULES`, in the order given.
macro_rules! rules {
    ($($name:ident = $code:literal, $sev:ident, $summary:literal;)+) => {
        $(
            #[doc = $summary]
            pub const $name: $crate::policy::rule::Rule = $crate::policy::rule::Rule {
                code: $code,
                severity: $crate::error::Severity::$sev,
                summary: $summary,
            };
        )+
        /// This module's rules, in code order.
        pub const RULES: &[$crate::policy::rule::Rule] = &[$($name),+];
    };
}
pub(crate) use rules;

// The one rule no single concern owns: names, keys, target, identity and Key
// Vault inputs can each be given where the chosen target or auth type has no use for them.
rules! {
    IGNORED_INPUT = "SC031", Warning, "an input does not apply to the chosen target or auth type";
}
