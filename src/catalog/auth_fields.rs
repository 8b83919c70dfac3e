//! The `auth` fields each auth id takes per target: which it uses, which the
//! ARM request needs, and why the others do not apply. Policy reports the
//! missing and the ignored ones; the designer's form offers the used ones.

use super::{AuthId, TargetId};

/// Every `auth` field an auth id may ignore (`tenantId` is used by all of them).
pub(crate) const AUTH_FIELDS: &[&str] = &[
    "clientId",
    "subscriptionId",
    "identityId",
    "objectId",
    "secret",
    "username",
    "password",
];

/// What an auth id takes from `auth` (JSON field names) for a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AuthFields {
    /// The fields it uses; the others are ignored.
    pub(crate) uses: &'static [&'static str],
    /// The fields the ARM request needs.
    pub(crate) requires: &'static [&'static str],
    /// Why the other fields do not apply.
    pub(crate) why_not: &'static str,
}

/// The auth fields of an auth id for a target.
pub(crate) fn auth_fields(auth: AuthId, target: TargetId) -> AuthFields {
    let (uses, requires, why_not): (&'static [&'static str], &'static [&'static str], _) =
    match auth {
        AuthId::WorkloadIdentity => (
            &["clientId", "subscriptionId", "identityId"],
            &[],
            "workload identity uses the identity's client id, no credential",
        ),
        AuthId::ServicePrincipal => (
            &["clientId", "objectId", "secret"],
            &["clientId", "objectId", "secret"],
            "a service principal is identified by clientId, objectId and secret",
        ),
        // Confluent takes its four credentials in `target` instead.
        AuthId::Secret if target == TargetId::ConfluentCloud => (
            &[],
            &[],
            "confluent-cloud takes kafkaKey/kafkaSecret and schemaKey/schemaSecret in target",
        ),
        // The az CLI takes only `--secret secret=<connection string>` and fixes the name.
        AuthId::Secret if target == TargetId::MongoDbAtlas => (
            &["password"],
            &["password"],
            "mongodb-atlas takes its connection string in auth.password; the az CLI sends the name NA",
        ),
        AuthId::Secret => (
            &["username", "password"],
            &["username", "password"],
            "username/password auth uses no identity",
        ),
        AuthId::ConnectionString => (
            &[],
            &[],
            "Service Connector fetches the connection string itself",
        ),
        AuthId::KeyvaultCsi => (&[], &[], ""),
    };
    AuthFields {
        uses,
        requires,
        why_not,
    }
}
