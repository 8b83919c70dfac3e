//! The catalog: every AKS target, auth type, client type and configuration
//! key Service Connector knows. Data lives in [`targets`] and the generated
//! `keys` tables (from `data/config-keys.tsv` and `data/config-keys-empty.tsv`);
//! this module only looks things up.

pub(crate) mod auth_fields;
mod form;
pub mod ids;
#[rustfmt::skip]
mod keys;
pub mod targets;

pub use form::auth_inputs;
pub use ids::{AccountKind, AuthId, ClientId, TargetId};
pub use targets::{cli_target_id, target, Param, TargetDef, TARGETS};

use serde::Serialize;

/// One configuration key for a (target, account kind, auth, client) combination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyRow {
    /// Target id.
    pub target: TargetId,
    /// Account kind, for `cognitiveservices` only.
    pub account_kind: Option<AccountKind>,
    /// Auth id.
    pub auth: AuthId,
    /// Client id.
    pub client: ClientId,
    /// The default configuration key name.
    pub key: &'static str,
    /// The documentation's example value (`None` where the docs give none).
    pub example: Option<&'static str>,
    /// Index into the source list.
    source: usize,
}

impl KeyRow {
    /// The document (and its date) the row was taken from.
    pub fn source(&self) -> &'static str {
        keys::SOURCES[self.source]
    }
}

/// Whether a `confluent-cloud` key comes from the schema-registry linker
/// (`<connection>_schema`) rather than the bootstrap-server one. The split
/// is inferred from the key names: each linker describes its own endpoint.
pub fn confluent_schema_registry_key(key: &str) -> bool {
    key.contains("SCHEMAREGISTRY") || key.contains("schema.registry")
}

/// Every configuration key row, in the table's order.
pub fn key_rows() -> &'static [KeyRow] {
    &keys::KEY_ROWS
}

/// A combination the catalog offers but the docs list no configuration keys for:
/// its Secret is rendered without keys, and the row says why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmptyRow {
    /// Target id.
    pub target: TargetId,
    /// Account kind, for `cognitiveservices` only.
    pub account_kind: Option<AccountKind>,
    /// Auth id.
    pub auth: AuthId,
    /// Client id.
    pub client: ClientId,
    /// Index into the source list.
    source: usize,
    /// What the document says (or lacks) that leaves the combination without keys.
    pub reason: &'static str,
}

impl EmptyRow {
    /// The document (and its date) that was checked.
    pub fn source(&self) -> &'static str {
        keys::SOURCES[self.source]
    }
}

/// Every combination the docs list no configuration keys for, in the table's order.
pub fn empty_rows() -> &'static [EmptyRow] {
    &keys::EMPTY_ROWS
}

/// Why a combination has no configuration keys, when the docs list none for it.
///
/// `account_kind` matters only for `cognitiveservices`; it is ignored for other targets.
pub fn undocumented(
    target: TargetId,
    account_kind: AccountKind,
    auth: AuthId,
    client: ClientId,
) -> Option<&'static EmptyRow> {
    let kind = (target == TargetId::CognitiveServices).then_some(account_kind);
    keys::EMPTY_ROWS.iter().find(|r| {
        r.target == target && r.account_kind == kind && r.auth == auth && r.client == client
    })
}

/// The configuration keys of one combination, in the table's order.
///
/// `account_kind` matters only for `cognitiveservices`; it is ignored for other targets.
pub fn keys_for(
    target: TargetId,
    account_kind: AccountKind,
    auth: AuthId,
    client: ClientId,
) -> impl Iterator<Item = &'static KeyRow> {
    let kind = (target == TargetId::CognitiveServices).then_some(account_kind);
    // Only the target's own rows: they are contiguous in the table.
    let rows = keys::TARGET_ROWS
        .iter()
        .find(|(t, _, _)| *t == target)
        .map_or(&[][..], |&(_, start, end)| {
            &keys::KEY_ROWS[usize::from(start)..usize::from(end)]
        });
    rows.iter()
        .filter(move |r| r.account_kind == kind && r.auth == auth && r.client == client)
}

/// One supported (target, account kind, auth, client) combination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Combination {
    /// Target id.
    pub target: TargetId,
    /// Account kind: `Some` for `cognitiveservices` only.
    pub account_kind: Option<AccountKind>,
    /// Auth id.
    pub auth: AuthId,
    /// Client id.
    pub client: ClientId,
}

/// Every combination the catalog supports, in table order: each target with each of
/// its auth and client ids, and for `cognitiveservices` each account kind. What tests,
/// benchmarks and `examples/render_all` walk to cover the whole catalog.
pub fn combinations() -> impl Iterator<Item = Combination> {
    TARGETS.iter().flat_map(|t| {
        let kinds: Vec<Option<AccountKind>> = if t.id == TargetId::CognitiveServices {
            AccountKind::ALL.iter().copied().map(Some).collect()
        } else {
            vec![None]
        };
        kinds.into_iter().flat_map(move |kind| {
            t.auth_types.iter().flat_map(move |&auth| {
                t.client_types.iter().map(move |&client| Combination {
                    target: t.id,
                    account_kind: kind,
                    auth,
                    client,
                })
            })
        })
    })
}

/// The whole catalog as serializable data; the designer builds its form from it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Catalog {
    /// Every target with its parameters, auth ids and client ids.
    pub targets: Vec<TargetEntry>,
    /// Every auth id with a display name.
    pub auth_types: Vec<IdEntry>,
    /// Every client id with a display name.
    pub client_types: Vec<IdEntry>,
    /// Every Cognitive Services account kind.
    pub cognitive_kinds: Vec<&'static str>,
    /// Every configuration key.
    pub keys: Vec<KeyEntry>,
    /// Every combination the docs list no configuration keys for (its Secret is empty).
    pub undocumented: Vec<UndocumentedEntry>,
}

/// A target in the serialized catalog.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct TargetEntry {
    /// Target id.
    pub id: TargetId,
    /// Human-readable name.
    pub display_name: &'static str,
    /// The family a form groups it under (`Databases`, `Storage`, `Messaging`, …).
    pub family: &'static str,
    /// ARM id pattern, or `null` when the target id must be pasted.
    pub arm_id_pattern: Option<&'static str>,
    /// Locating parameters.
    pub parameters: Vec<ParamEntry>,
    /// Auth ids, default first.
    pub auth_types: &'static [AuthId],
    /// The default auth id.
    pub default_auth: AuthId,
    /// Per auth id, the spec fields it takes (`auth.clientId`, `auth.identityId`, …).
    pub auth_inputs: Vec<AuthInputs>,
    /// Client ids.
    pub client_types: &'static [ClientId],
    /// Deprecated by Azure.
    pub deprecated: bool,
}

/// A locating parameter in the serialized catalog.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct ParamEntry {
    /// Field name inside the spec's `target` object.
    pub field: &'static str,
    /// Human label (`Resource group`, `Service Bus namespace`).
    pub label: &'static str,
    /// az CLI flag.
    pub flag: &'static str,
    /// Whether the value is a credential.
    pub secret: bool,
}

/// The spec fields one auth id takes for a target.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct AuthInputs {
    /// Auth id.
    pub auth: AuthId,
    /// Spec paths, in form order (`auth.clientId`, `auth.identityId`, `auth.tenantId`).
    pub fields: Vec<&'static str>,
}

/// An id with its display name.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct IdEntry {
    /// The id.
    pub id: &'static str,
    /// Display name.
    pub display_name: &'static str,
}

/// A configuration key in the serialized catalog.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct KeyEntry {
    /// Target id.
    pub target: TargetId,
    /// Account kind (`cognitiveservices` only).
    #[serde(rename = "kind", skip_serializing_if = "Option::is_none")]
    pub account_kind: Option<AccountKind>,
    /// Auth id.
    pub auth: AuthId,
    /// Client id.
    pub client: ClientId,
    /// Default key name.
    pub key: &'static str,
    /// Documentation example, or `null`.
    pub example: Option<&'static str>,
    /// Source document.
    pub source: &'static str,
}

/// A combination without documented configuration keys, in the serialized catalog.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct UndocumentedEntry {
    /// Target id.
    pub target: TargetId,
    /// Account kind (`cognitiveservices` only).
    #[serde(rename = "kind", skip_serializing_if = "Option::is_none")]
    pub account_kind: Option<AccountKind>,
    /// Auth id.
    pub auth: AuthId,
    /// Client id.
    pub client: ClientId,
    /// The document checked, and its date.
    pub source: &'static str,
    /// Why the docs list no keys.
    pub reason: &'static str,
}

impl AuthId {
    /// Human-readable name.
    pub const fn display_name(self) -> &'static str {
        match self {
            AuthId::WorkloadIdentity => "Workload identity",
            AuthId::ConnectionString => "Connection string",
            AuthId::Secret => "Username and password",
            AuthId::ServicePrincipal => "Service principal",
            AuthId::KeyvaultCsi => "Secrets Store CSI driver",
        }
    }
}

impl ClientId {
    /// Human-readable name.
    pub const fn display_name(self) -> &'static str {
        match self {
            ClientId::None => "None",
            ClientId::Dotnet => ".NET",
            ClientId::Java => "Java",
            ClientId::Python => "Python",
            ClientId::Nodejs => "Node.js",
            ClientId::Go => "Go",
            ClientId::Php => "PHP",
            ClientId::Ruby => "Ruby",
            ClientId::Django => "Django",
            ClientId::SpringBoot => "Spring Boot",
            ClientId::KafkaSpringBoot => "Kafka Spring Boot",
        }
    }
}

/// Returns the whole catalog.
///
/// ```
/// let catalog = aks_service_connector::catalog();
/// assert_eq!(catalog.targets.len(), 27);
/// assert!(catalog.keys.iter().any(|k| k.key == "AZURE_STORAGEBLOB_RESOURCEENDPOINT"));
/// ```
pub fn catalog() -> Catalog {
    Catalog {
        targets: TARGETS
            .iter()
            .map(|t| TargetEntry {
                id: t.id,
                display_name: t.display_name,
                family: t.id.family(),
                arm_id_pattern: t.arm_id_pattern,
                parameters: t
                    .parameters
                    .iter()
                    .map(|p| ParamEntry {
                        field: p.field(),
                        label: p.label(t.id),
                        flag: p.flag(),
                        secret: p.is_secret(),
                    })
                    .collect(),
                auth_types: t.auth_types,
                default_auth: t.default_auth(),
                auth_inputs: t
                    .auth_types
                    .iter()
                    .map(|&auth| AuthInputs {
                        auth,
                        fields: auth_inputs(auth, t.id),
                    })
                    .collect(),
                client_types: t.client_types,
                deprecated: t.deprecated,
            })
            .collect(),
        auth_types: AuthId::ALL
            .iter()
            .map(|a| IdEntry {
                id: a.as_str(),
                display_name: a.display_name(),
            })
            .collect(),
        client_types: ClientId::ALL
            .iter()
            .map(|c| IdEntry {
                id: c.as_str(),
                display_name: c.display_name(),
            })
            .collect(),
        cognitive_kinds: AccountKind::ALL.iter().map(|k| k.as_str()).collect(),
        keys: key_rows()
            .iter()
            .map(|r| KeyEntry {
                target: r.target,
                account_kind: r.account_kind,
                auth: r.auth,
                client: r.client,
                key: r.key,
                example: r.example,
                source: r.source(),
            })
            .collect(),
        undocumented: empty_rows()
            .iter()
            .map(|r| UndocumentedEntry {
                target: r.target,
                account_kind: r.account_kind,
                auth: r.auth,
                client: r.client,
                source: r.source(),
                reason: r.reason,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combinations_cover_every_key_row_once_each() {
        let all: Vec<Combination> = combinations().collect();
        assert_eq!(all.len(), 388);
        for (i, c) in all.iter().enumerate() {
            assert!(!all[..i].contains(c), "{c:?} twice");
        }
        for r in key_rows() {
            let c = Combination {
                target: r.target,
                account_kind: r.account_kind,
                auth: r.auth,
                client: r.client,
            };
            assert!(all.contains(&c), "{c:?} has keys but is not a combination");
        }
    }

    #[test]
    fn keys_for_equals_a_filter_over_the_whole_table() {
        let mut seen = 0;
        for &t in TargetId::ALL {
            for &kind in AccountKind::ALL {
                for &auth in AuthId::ALL {
                    for &client in ClientId::ALL {
                        let fast: Vec<&KeyRow> = keys_for(t, kind, auth, client).collect();
                        let k = (t == TargetId::CognitiveServices).then_some(kind);
                        let slow: Vec<&KeyRow> = key_rows()
                            .iter()
                            .filter(|r| {
                                (r.target, r.account_kind, r.auth, r.client) == (t, k, auth, client)
                            })
                            .collect();
                        assert_eq!(fast, slow, "{t} {kind} {auth} {client}");
                        if kind == AccountKind::ALL[0] || t == TargetId::CognitiveServices {
                            seen += fast.len();
                        }
                    }
                }
            }
        }
        assert_eq!(
            seen,
            key_rows().len(),
            "every row is reachable through keys_for"
        );
    }

    #[test]
    fn every_key_row_is_a_supported_combination() {
        for r in key_rows() {
            let t = target(r.target);
            assert!(t.auth_types.contains(&r.auth), "{} {}", r.target, r.auth);
            assert!(
                t.client_types.contains(&r.client),
                "{} {}",
                r.target,
                r.client
            );
            assert_eq!(
                r.account_kind.is_some(),
                r.target == TargetId::CognitiveServices
            );
        }
        assert_eq!(key_rows().len(), 1239);
    }

    #[test]
    fn exactly_the_marked_combinations_have_no_keys() {
        let mut empty = 0;
        for c in combinations() {
            let kind = c.account_kind.unwrap_or(AccountKind::ALL[0]);
            let has_keys = keys_for(c.target, kind, c.auth, c.client).next().is_some();
            let marked = undocumented(c.target, kind, c.auth, c.client);
            assert_ne!(
                has_keys,
                marked.is_some(),
                "{c:?}: keys {has_keys}, marked {marked:?}"
            );
            empty += usize::from(!has_keys);
        }
        assert_eq!(
            empty,
            empty_rows().len(),
            "every marked row is an offered combination"
        );
        for r in empty_rows() {
            assert!(!r.reason.is_empty(), "{r:?} says why");
        }
    }

    /// `<doc>.md YYYY-MM-DD`, optionally followed by ` (note)`.
    fn names_doc_and_date(source: &str) -> bool {
        let Some((doc, rest)) = source.split_once(' ') else {
            return false;
        };
        let doc_ok = doc.len() > 3
            && doc.ends_with(".md")
            && doc
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.*/".contains(&b));
        let date = rest.get(..10).unwrap_or_default().as_bytes();
        let date_ok = date.len() == 10
            && date.iter().enumerate().all(|(i, b)| match i {
                4 | 7 => *b == b'-',
                _ => b.is_ascii_digit(),
            });
        let note = rest.get(10..).unwrap_or_default();
        let note_ok = note.is_empty() || (note.starts_with(" (") && note.ends_with(')'));
        doc_ok && date_ok && note_ok
    }

    #[test]
    fn every_row_names_its_doc_and_date() {
        let sources = key_rows()
            .iter()
            .map(KeyRow::source)
            .chain(empty_rows().iter().map(EmptyRow::source));
        for s in sources {
            assert!(
                names_doc_and_date(s),
                "source {s:?}: expected `<doc>.md YYYY-MM-DD [(note)]`"
            );
        }
        assert!(!names_doc_and_date(
            "how-to-integrate-mysql.md newest indexed"
        ));
        assert!(!names_doc_and_date("how-to-integrate-openai.md"));
        assert!(names_doc_and_date("includes/code-x.md 2026-01-02 (note)"));
    }

    #[test]
    fn keys_for_selects_one_combination() {
        let keys: Vec<_> = keys_for(
            TargetId::StorageBlob,
            AccountKind::AiServices,
            AuthId::WorkloadIdentity,
            ClientId::Python,
        )
        .map(|r| r.key)
        .collect();
        assert_eq!(
            keys,
            [
                "AZURE_STORAGEBLOB_RESOURCEENDPOINT",
                "AZURE_STORAGEBLOB_CLIENTID"
            ]
        );
        let openai: Vec<_> = keys_for(
            TargetId::CognitiveServices,
            AccountKind::OpenAi,
            AuthId::ConnectionString,
            ClientId::None,
        )
        .map(|r| r.key)
        .collect();
        assert_eq!(openai, ["AZURE_OPENAI_BASE", "AZURE_OPENAI_KEY"]);
    }
}
