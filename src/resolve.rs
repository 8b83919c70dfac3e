//! Resolution: a connection spec with every default applied — ids parsed,
//! names generated, configuration keys and values chosen. Pure: it judges
//! nothing and reports nothing; ids it cannot use come back as [`Unresolved`].
//! Policy checks the result; rendering and planning read it.

use crate::catalog::{self, AccountKind, AuthId, ClientId, TargetDef, TargetId};
use crate::k8s::CSI_MOUNT_PATH;
use crate::spec::{ConnectionSpec, KeyVaultObject, NamesSpec};
use crate::values::{self, Knowns};
use std::cell::OnceCell;

/// The workload kinds that can be rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkloadKind {
    /// `batch/v1` Job (the docs' sample `sc-sample-job`).
    Job,
    /// `apps/v1` Deployment.
    Deployment,
    /// `v1` Pod.
    Pod,
}

impl WorkloadKind {
    /// The Kubernetes kind.
    pub const fn as_str(self) -> &'static str {
        match self {
            WorkloadKind::Job => "Job",
            WorkloadKind::Deployment => "Deployment",
            WorkloadKind::Pod => "Pod",
        }
    }

    /// The spec's `workload.kind`: `Job` when not given, `None` for `none`,
    /// and the unknown value itself as the error.
    pub fn from_spec(kind: Option<&str>) -> Result<Option<WorkloadKind>, &str> {
        match nonempty(kind) {
            None | Some("Job") => Ok(Some(WorkloadKind::Job)),
            Some("Deployment") => Ok(Some(WorkloadKind::Deployment)),
            Some("Pod") => Ok(Some(WorkloadKind::Pod)),
            Some("none") => Ok(None),
            Some(other) => Err(other),
        }
    }

    const fn default_name(self) -> &'static str {
        match self {
            WorkloadKind::Job => "sc-sample-job",
            WorkloadKind::Deployment => "sc-sample-deployment",
            WorkloadKind::Pod => "sc-sample-pod",
        }
    }
}

/// The sample workload, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workload {
    /// Its kind.
    pub workload_kind: WorkloadKind,
    /// Object name.
    pub name: String,
    /// Container image.
    pub image: String,
    /// Container command.
    pub command: Vec<String>,
    /// Extra labels from the spec.
    pub labels: std::collections::BTreeMap<String, String>,
}

/// One configuration entry of the Secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigEntry<'a> {
    /// The catalog's default key name.
    pub default_key: &'static str,
    /// The key written to the Secret (second-connection form and customization applied):
    /// borrowed from the catalog or the spec unless it is the second-connection form.
    pub key: std::borrow::Cow<'a, str>,
    /// The value: supplied, or the example with known placeholders filled.
    pub value: String,
    /// Whether the value came from `values` in the spec.
    pub supplied: bool,
}

impl ConfigEntry<'_> {
    /// Whether the key is the catalog's own (neither customized nor in the
    /// second-connection form): the same string, not only equal text.
    pub fn is_catalog_key(&self) -> bool {
        matches!(self.key, std::borrow::Cow::Borrowed(k) if std::ptr::eq(k, self.default_key))
    }

    /// Whether the key holds a credential ([`is_credential_key`] of the default key):
    /// asked only of supplied values, so not worked out for every entry.
    pub fn credential(&self) -> bool {
        is_credential_key(self.default_key)
    }
}

/// Object names: given in the spec, or generated from the connection name when first
/// asked for. A connection shows one or two of them (a preview of a service principal only
/// the Secret's), so the others are not made.
#[derive(Debug, Clone)]
pub struct Names<'a> {
    /// The names the spec gives.
    given: &'a NamesSpec,
    /// The client id, when given: a GUID names the ServiceAccount.
    client_id: Option<&'a str>,
    /// The connection name as a DNS name, what generated names are made of.
    slug: String,
    secret: OnceCell<String>,
    service_account: OnceCell<String>,
    secret_provider_class: OnceCell<String>,
    federated_credential: OnceCell<String>,
}

impl<'a> Names<'a> {
    fn new(given: &'a NamesSpec, client_id: Option<&'a str>, connection_name: &str) -> Self {
        Names {
            given,
            client_id,
            slug: name_slug(connection_name),
            secret: OnceCell::new(),
            service_account: OnceCell::new(),
            secret_provider_class: OnceCell::new(),
            federated_credential: OnceCell::new(),
        }
    }

    /// The given name, or the one generated (once) by `make`.
    fn name<'s>(
        given: &'s Option<String>,
        cell: &'s OnceCell<String>,
        make: impl FnOnce() -> String,
    ) -> &'s str {
        match given {
            Some(name) => name,
            None => cell.get_or_init(make),
        }
    }

    /// The Secret's name.
    pub fn secret(&self) -> &str {
        Self::name(&self.given.secret, &self.secret, || {
            generated("sc-", &self.slug, "-secret")
        })
    }

    /// The ServiceAccount's name.
    pub fn service_account(&self) -> &str {
        Self::name(
            &self.given.service_account,
            &self.service_account,
            || match self.client_id.filter(|c| crate::shapes::guid(c)) {
                Some(c) => {
                    let mut name = "sc-account-".to_owned() + c;
                    name.make_ascii_lowercase();
                    name
                }
                None => generated("sc-account-", &self.slug, ""),
            },
        )
    }

    /// The SecretProviderClass's name.
    pub fn secret_provider_class(&self) -> &str {
        Self::name(
            &self.given.secret_provider_class,
            &self.secret_provider_class,
            || generated("sc-", &self.slug, "-spc"),
        )
    }

    /// The federated identity credential's name (manual commands).
    pub fn federated_credential(&self) -> &str {
        Self::name(
            &self.given.federated_credential,
            &self.federated_credential,
            || generated("sc-", &self.slug, "-fic"),
        )
    }
}

/// A connection spec with every default applied.
#[derive(Debug, Clone)]
pub struct Resolved<'a> {
    /// The input.
    pub spec: &'a ConnectionSpec,
    /// The target's catalog row.
    pub target: &'static TargetDef,
    /// Cognitive Services account kind (meaningful for `cognitiveservices` only).
    pub account_kind: AccountKind,
    /// Auth id (supported for the target).
    pub auth: AuthId,
    /// Client id (supported for the target).
    pub client: ClientId,
    /// Connection (linker) name.
    pub connection_name: String,
    /// Kubernetes namespace.
    pub namespace: String,
    /// Object names.
    pub names: Names<'a>,
    /// The workload, unless `none`.
    pub workload: Option<Workload>,
    /// Configuration entries in catalog order (for keyvault-csi: the SecretProviderClass inputs).
    pub config: Vec<ConfigEntry<'a>>,
    /// Key Vault objects for the SecretProviderClass, as given (none: it names a
    /// placeholder object).
    pub keyvault_objects: &'a [KeyVaultObject],
}

impl Resolved<'_> {
    /// The identity or service principal client id, when given.
    pub fn client_id(&self) -> Option<&str> {
        self.auth_field(|a| a.client_id.as_deref())
    }

    /// The tenant id, when given.
    pub fn tenant_id(&self) -> Option<&str> {
        self.auth_field(|a| a.tenant_id.as_deref())
    }

    /// The target's subscription: given, or the cluster's.
    pub fn target_subscription(&self) -> Option<&str> {
        target_subscription(self.spec)
    }

    fn auth_field<'s>(
        &'s self,
        f: impl Fn(&'s crate::spec::AuthSpec) -> Option<&'s str>,
    ) -> Option<&'s str> {
        self.spec.auth.as_ref().and_then(|a| nonempty(f(a)))
    }

    /// Whether this connection renders a Secret.
    pub fn has_secret(&self) -> bool {
        self.auth != AuthId::KeyvaultCsi
    }

    /// Whether this connection renders a ServiceAccount.
    pub fn has_service_account(&self) -> bool {
        self.auth == AuthId::WorkloadIdentity
    }
}

/// The target's subscription: given, or the cluster's (the az CLI's per-flag form has no other).
fn target_subscription(spec: &ConnectionSpec) -> Option<&str> {
    nonempty(spec.target.subscription.as_deref()).or_else(|| {
        spec.cluster
            .as_ref()
            .and_then(|c| nonempty(c.subscription.as_deref()))
    })
}

pub(crate) fn nonempty(s: Option<&str>) -> Option<&str> {
    s.filter(|s| !s.is_empty())
}

/// The `<c>` part of generated names: the connection name lower-cased, `_` and
/// `.` turned into `-`, anything else outside `[a-z0-9-]` removed.
pub fn name_slug(connection_name: &str) -> String {
    connection_name
        .chars()
        .filter_map(|c| match c {
            '_' | '.' => Some('-'),
            c if c.is_ascii_alphanumeric() || c == '-' => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// `<prefix><c><suffix>`, with `<c>` cut so that the name stays within 253 characters.
fn generated(prefix: &str, slug: &str, suffix: &str) -> String {
    let room = 253 - prefix.len() - suffix.len();
    // The slug is ASCII, so any byte index is a char boundary.
    let cut = slug
        .get(..room.min(slug.len()))
        .unwrap_or(slug)
        .trim_end_matches('-');
    // Three pushes: `format!` costs more than the copying here.
    let mut name = String::with_capacity(prefix.len() + cut.len() + suffix.len());
    name.push_str(prefix);
    name.push_str(cut);
    name.push_str(suffix);
    name
}

/// The default connection name: the target id without '-', plus `_conn`.
pub fn default_connection_name(target: TargetId) -> String {
    format!("{}_conn", target.as_str().replace('-', ""))
}

/// Inserts the connection name after `{Cloud}_{Type}_`, for a second
/// connection of the same target type. Spring property names are left alone.
pub fn second_connection_key(key: &str, connection_name: &str) -> String {
    let mut underscores = key.match_indices('_').map(|(i, _)| i);
    match (underscores.next(), underscores.next()) {
        (Some(_), Some(second)) if !key.contains('.') => {
            let conn = connection_name.to_ascii_uppercase().replace('.', "_");
            format!("{}{}_{}", &key[..=second], conn, &key[second + 1..])
        }
        _ => key.to_owned(),
    }
}

/// What a credential key's name contains (upper case; compared ignoring case).
const CREDENTIAL_PARTS: [&str; 11] = [
    "CONNECTIONSTRING",
    "CONNECTION-STRING",
    "PASSWORD",
    "SECRET",
    "ACCOUNT-KEY",
    "ACCESS-KEY",
    "SASLCONFIG",
    "JAAS",
    "USERINFO",
    "USER.INFO",
    "CLIENT-KEY",
];

/// Whether a configuration key holds a credential: it contains `CONNECTIONSTRING`,
/// `PASSWORD`, `SECRET` or another credential part, or ends with `_KEY`, ignoring
/// ASCII case.
pub fn is_credential_key(key: &str) -> bool {
    /// The upper-case first bytes of [`CREDENTIAL_PARTS`], as a lookup table: a
    /// part is compared only where the key has its first letter. No upper-cased
    /// copy and no substring searcher (whose setup cost more than the search).
    static FIRST: [bool; 256] = {
        let mut t = [false; 256];
        let mut i = 0;
        while i < CREDENTIAL_PARTS.len() {
            t[CREDENTIAL_PARTS[i].as_bytes()[0] as usize] = true;
            i += 1;
        }
        t
    };
    let k = key.as_bytes();
    let at = |i: usize, part: &[u8]| {
        k.get(i..i + part.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(part))
    };
    k.iter().enumerate().any(|(i, c)| {
        let c = c.to_ascii_uppercase();
        FIRST[usize::from(c)]
            && CREDENTIAL_PARTS
                .iter()
                .any(|p| p.as_bytes()[0] == c && at(i, p.as_bytes()))
    }) || k.len().checked_sub(4).is_some_and(|i| at(i, b"_KEY"))
}

/// An id of the spec that names nothing usable, with the value found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdError<'a> {
    /// `target.type` is not one of the AKS targets.
    UnknownTarget(&'a str),
    /// `target.kind` is not a Cognitive Services account kind (`cognitiveservices` only).
    UnknownAccountKind(&'a str),
    /// `auth.type` is unknown, or not supported for the target on AKS.
    UnsupportedAuth(&'a str),
    /// `clientType` is unknown, or not supported for the target.
    UnsupportedClient(&'a str),
}

/// Why a spec cannot be resolved: the target, when it is known, and every id
/// that names nothing usable (at least one).
#[derive(Debug, Clone)]
pub struct Unresolved<'a> {
    /// The target's catalog row, when `target.type` is known.
    pub target: Option<&'static TargetDef>,
    /// The unusable ids, in field order (target, account kind, auth, client).
    pub errors: Vec<IdError<'a>>,
}

/// Parses the ids of the spec, or says which cannot be used.
fn resolve_ids(
    spec: &ConnectionSpec,
) -> Result<(&'static TargetDef, AccountKind, AuthId, ClientId), Unresolved<'_>> {
    let t = spec.target.r#type.as_str();
    let Some(target) = TargetId::parse(t).map(catalog::target) else {
        return Err(Unresolved {
            target: None,
            errors: vec![IdError::UnknownTarget(t)],
        });
    };
    let mut errors = Vec::new();
    // Other targets ignore the kind (policy says so), so it resolves as the default.
    let account_kind = match nonempty(spec.target.account_kind.as_deref()) {
        Some(k) if target.id == TargetId::CognitiveServices => AccountKind::parse(k)
            .unwrap_or_else(|| {
                errors.push(IdError::UnknownAccountKind(k));
                AccountKind::AiServices
            }),
        _ => AccountKind::AiServices,
    };
    let auth = match spec
        .auth
        .as_ref()
        .and_then(|a| nonempty(a.r#type.as_deref()))
    {
        None => target.default_auth(),
        Some(a) => AuthId::parse(a)
            .filter(|a| target.auth_types.contains(a))
            .unwrap_or_else(|| {
                errors.push(IdError::UnsupportedAuth(a));
                target.default_auth()
            }),
    };
    let client = match nonempty(spec.client_type.as_deref()) {
        None => ClientId::None,
        Some(c) => ClientId::parse(c)
            .filter(|c| target.client_types.contains(c))
            .unwrap_or_else(|| {
                errors.push(IdError::UnsupportedClient(c));
                ClientId::None
            }),
    };
    if errors.is_empty() {
        Ok((target, account_kind, auth, client))
    } else {
        Err(Unresolved {
            target: Some(target),
            errors,
        })
    }
}

/// The sample workload with its defaults; `None` for `none`. An unknown kind
/// resolves as a Job and an empty image or command stays as given: policy
/// reports them (`SC028`), and nothing is rendered then.
fn resolve_workload(spec: &ConnectionSpec, auth: AuthId) -> Option<Workload> {
    let w = spec.workload.clone().unwrap_or_default();
    let workload_kind =
        WorkloadKind::from_spec(w.workload_kind.as_deref()).unwrap_or(Some(WorkloadKind::Job))?;
    let image = w.image.unwrap_or_else(|| "alpine".to_owned());
    let csi = auth == AuthId::KeyvaultCsi;
    let command = w.command.unwrap_or_else(|| {
        // Print what the workload received: the environment, or the mounted files.
        let show = if csi {
            format!("ls -l {CSI_MOUNT_PATH}")
        } else {
            "printenv".to_owned()
        };
        match workload_kind {
            // A Deployment's pod stays up after printing.
            WorkloadKind::Deployment => vec![
                "sh".to_owned(),
                "-c".to_owned(),
                format!("{show} && tail -f /dev/null"),
            ],
            _ => show.split(' ').map(str::to_owned).collect(),
        }
    });
    let name = w
        .name
        .unwrap_or_else(|| workload_kind.default_name().to_owned());
    Some(Workload {
        workload_kind,
        name,
        image,
        command,
        labels: w.labels,
    })
}

/// Resolves a spec, or says which of its ids (target, auth, client, account
/// kind) cannot be used; every other problem is left to policy.
pub fn resolve(spec: &ConnectionSpec) -> Result<Resolved<'_>, Unresolved<'_>> {
    let (target, account_kind, auth, client) = resolve_ids(spec)?;
    let workload = resolve_workload(spec, auth);

    let connection_name = nonempty(spec.connection_name.as_deref())
        .map(str::to_owned)
        .unwrap_or_else(|| default_connection_name(target.id));
    let namespace = nonempty(spec.namespace.as_deref())
        .unwrap_or("default")
        .to_owned();
    // Borrowed, with empty defaults: cloning the inputs would copy every string.
    let overrides = spec.names.as_ref().unwrap_or(&crate::spec::NO_NAMES);
    let auth_spec = spec.auth.as_ref().unwrap_or(&crate::spec::NO_AUTH);
    let client_id = nonempty(auth_spec.client_id.as_deref());
    let names = Names::new(overrides, client_id, &connection_name);

    let knowns = Knowns {
        params: Some(&spec.target),
        subscription: target_subscription(spec),
        client_id,
        tenant_id: nonempty(auth_spec.tenant_id.as_deref()),
        username: nonempty(auth_spec.username.as_deref()),
        password: nonempty(auth_spec.password.as_deref()),
        client_secret: nonempty(auth_spec.secret.as_deref()),
    };

    // For keyvault-csi these entries feed the SecretProviderClass, not a Secret.
    let config = {
        catalog::keys_for(target.id, account_kind, auth, client)
            .map(|row| {
                // Borrowed from the catalog or the customized name: copied for the second-connection form only.
                let base: std::borrow::Cow<'_, str> =
                    if spec.another_connection_of_type && !client.is_spring() {
                        second_connection_key(row.key, &connection_name).into()
                    } else {
                        row.key.into()
                    };
                let customized = spec.customized_keys.get(row.key);
                let supplied = spec
                    .values
                    .get(customized.map_or(&*base, String::as_str))
                    .or_else(|| spec.values.get(row.key))
                    .or_else(|| spec.values.get(&*base));
                let key = customized.map_or(base, |c| c.as_str().into());
                let (value, supplied) = match supplied {
                    Some(v) => (v.clone(), true),
                    None => (
                        values::fill(row.key, row.example, target.id, auth, &knowns),
                        false,
                    ),
                };
                ConfigEntry {
                    default_key: row.key,
                    key,
                    value,
                    supplied,
                }
            })
            .collect()
    };

    // Borrowed: only a keyvault-csi connection writes them.
    let keyvault_objects = spec.keyvault.as_ref().map_or(&[][..], |kv| &kv.objects);

    Ok(Resolved {
        spec,
        target,
        account_kind,
        auth,
        client,
        connection_name,
        namespace,
        names,
        workload,
        config,
        keyvault_objects,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_generated_names() {
        assert_eq!(name_slug("storage_conn"), "storage-conn");
        assert_eq!(name_slug("A.b_C"), "a-b-c");
        assert_eq!(
            generated("sc-", "storage-conn", "-secret"),
            "sc-storage-conn-secret"
        );
        let long = "a".repeat(300);
        assert_eq!(generated("sc-", &long, "-secret").len(), 253);
        assert_eq!(
            default_connection_name(TargetId::StorageBlob),
            "storageblob_conn"
        );
    }

    #[test]
    fn second_connection_keys() {
        assert_eq!(
            second_connection_key("AZURE_STORAGEBLOB_RESOURCEENDPOINT", "conn2"),
            "AZURE_STORAGEBLOB_CONN2_RESOURCEENDPOINT"
        );
        assert_eq!(
            second_connection_key("AZURE_OPENAI_BASE", "a.b"),
            "AZURE_OPENAI_A_B_BASE"
        );
        assert_eq!(
            second_connection_key("spring.redis.host", "c"),
            "spring.redis.host"
        );
    }

    /// Every key of the catalog (and their second-connection and lower-case
    /// forms, and some made up) is a credential key exactly when the upper-cased
    /// key contains a part or ends with `_KEY`.
    #[test]
    fn credential_keys_agree_with_searching_the_upper_cased_key() {
        let reference = |key: &str| {
            let k = key.to_ascii_uppercase();
            CREDENTIAL_PARTS.iter().any(|s| k.contains(s)) || k.ends_with("_KEY")
        };
        let made_up = [
            "",
            "_KEY",
            "KEY",
            "_key",
            "x_Key",
            "jaas",
            "Jaa",
            "USER.INF",
            "user_info",
            "ÄPASSWORD",
            "SECRE",
            "ACCESS_KEY_ID",
        ];
        let mut credentials = 0;
        for key in catalog::key_rows().iter().map(|r| r.key).chain(made_up) {
            for key in [
                key.to_owned(),
                key.to_ascii_lowercase(),
                second_connection_key(key, "c.2"),
            ] {
                let expected = reference(&key);
                assert_eq!(is_credential_key(&key), expected, "{key}");
                credentials += usize::from(expected);
            }
        }
        assert!(credentials > 300, "{credentials}");
    }

    #[test]
    fn credential_keys() {
        assert!(is_credential_key("AZURE_STORAGEBLOB_CONNECTIONSTRING"));
        assert!(is_credential_key("azure.storage.account-key"));
        assert!(is_credential_key("AZURE_OPENAI_KEY"));
        assert!(!is_credential_key("AZURE_STORAGEBLOB_RESOURCEENDPOINT"));
        assert!(!is_credential_key("AZURE_KEYVAULT_SCOPE"));
    }
}
