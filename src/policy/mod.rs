//! Policy: every finding about a connection spec at once, each with a stable
//! code (see [`rules`]), a severity, the field path and what was expected.

pub mod k8s_names;
pub mod rules;

use crate::catalog::{AuthId, Param, TargetId};
use crate::error::{Finding, Quoted, Severity};
use crate::resolve::{self, nonempty, Resolved};
use crate::spec::ConnectionSpec;
use std::collections::BTreeSet;

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
    check_independent(spec, &mut f);
    if let Some(r) = &resolved {
        check_resolved(r, &mut f);
    }
    // Stable sort: errors first, then warnings, then info; rule order within.
    f.sort_by_key(|x| x.severity);
    (f, resolved)
}

/// Checks that need no resolved ids.
fn check_independent(spec: &ConnectionSpec, f: &mut Vec<Finding>) {
    if let Some(name) = spec.connection_name.as_deref() {
        let ok = (1..=60).contains(&name.len())
            && name
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'.' || c == b'_');
        if !ok {
            f.push(rules::CONNECTION_NAME.at(
                "connectionName",
                format!(
                    "expected 1 to 60 letters, digits, '.' or '_', found {q_name}",
                    q_name = Quoted(name)
                ),
            ));
        }
    }
    if let Some(ns) = spec.namespace.as_deref() {
        if let Err(rule) = k8s_names::dns1123_label(ns) {
            f.push(rules::NAMESPACE.at(
                "namespace",
                format!("{rule}, found {q_ns}", q_ns = Quoted(ns)),
            ));
        }
    }
    let guid = |f: &mut Vec<Finding>, field: &str, v: Option<&str>| {
        if let Some(v) = v {
            if !k8s_names::guid(v) {
                f.push(rules::GUID.at(
                    field,
                    format!(
                        "expected a GUID like 00001111-aaaa-2222-bbbb-3333cccc4444, found {q_v}",
                        q_v = Quoted(v)
                    ),
                ));
            }
        }
    };
    if let Some(a) = &spec.auth {
        guid(f, "auth.clientId", a.client_id.as_deref());
        guid(f, "auth.tenantId", a.tenant_id.as_deref());
        guid(f, "auth.subscriptionId", a.subscription_id.as_deref());
        guid(f, "auth.objectId", a.object_id.as_deref());
    }
    guid(
        f,
        "target.subscription",
        spec.target.subscription.as_deref(),
    );
    if let Some(c) = &spec.cluster {
        guid(f, "cluster.subscription", c.subscription.as_deref());
    }
    for (default, custom) in &spec.customized_keys {
        if let Err(rule) = k8s_names::config_key(custom) {
            f.push(rules::SECRET_KEY.at(
                format!("customizedKeys.{default}"),
                format!("{rule}, found {q_custom}", q_custom = Quoted(custom)),
            ));
        }
    }
}

/// Checks of a resolved spec.
fn check_resolved(r: &Resolved<'_>, f: &mut Vec<Finding>) {
    let spec = r.spec;
    let target = r.target.id;
    let auth_spec = spec.auth.as_ref().unwrap_or(&crate::spec::NO_AUTH);

    if target == TargetId::ConfluentCloud && r.connection_name.ends_with("_schema") {
        f.push(rules::CONFLUENT_SCHEMA_SUFFIX.at(
            "connectionName",
            format!(
                "expected a name not ending with '_schema' (the schema-registry linker takes that suffix), found {}",
                Quoted(&r.connection_name)
            ),
        ));
    }
    // The schema-registry linker is `<c>_schema`, which must itself stay within 60.
    if target == TargetId::ConfluentCloud && r.connection_name.len() > 53 {
        f.push(rules::CONFLUENT_SCHEMA_SUFFIX.at(
            "connectionName",
            format!(
                "expected at most 53 characters, so that the schema-registry linker `<name>_schema` stays within 60, found {}",
                r.connection_name.len()
            ),
        ));
    }

    check_names(r, f);
    check_keys(r, f);
    check_target_params(r, f);
    check_identity(r, auth_spec, f);
    check_keyvault_objects(r, f);

    if r.target.deprecated {
        f.push(rules::DEPRECATED_TARGET.at(
            "target.type",
            format!("`{target}` (single server) is deprecated; expected the flexible-server target `{}-flexible`", target),
        ));
    }
    if target == TargetId::AppConfig && r.auth == AuthId::ConnectionString {
        f.push(rules::APPCONFIG_LOCAL_AUTH.at(
            "auth.type",
            "secret as auth type is not allowed when local auth is disabled for the app configuration store; \
             workload-identity or service-principal work either way",
        ));
    }
    if matches!(r.auth, AuthId::ConnectionString | AuthId::ServicePrincipal)
        && r.target.auth_types.contains(&AuthId::WorkloadIdentity)
    {
        f.push(rules::PREFER_WORKLOAD_IDENTITY.at(
            "auth.type",
            format!(
                "`{}` puts a long-lived credential into the cluster Secret; `{target}` supports workload-identity, \
                 which needs no secret and rotates tokens itself",
                r.auth
            ),
        ));
    }
    if nonempty(spec.namespace.as_deref()).is_none_or(|ns| ns == "default") {
        f.push(rules::DEFAULT_NAMESPACE.at(
            "namespace",
            "expected a dedicated namespace, found `default`: every workload there can read the connection Secret",
        ));
    }
    if spec.another_connection_of_type && !r.client.is_spring() {
        f.push(rules::INFERRED_KEY_NAMES.at(
            "anotherConnectionOfType",
            "keys take the form {Cloud}_{Type}_{Connection}_{Name} with the connection name upper-cased and '.' as '_'; \
             check the real names with `az aks connection list-configuration`",
        ));
    }
}

fn check_name(f: &mut Vec<Finding>, field: &str, name: &str, workload: bool) {
    if let Err(rule) = k8s_names::dns1123_subdomain(name) {
        f.push(rules::OBJECT_NAME.at(
            field,
            format!("{rule}, found {q_name}", q_name = Quoted(name)),
        ));
    } else if workload && name.len() > 63 {
        f.push(rules::OBJECT_NAME.at(
            field,
            format!(
                "expected at most 63 characters for a workload name, found {}",
                name.len()
            ),
        ));
    }
}

fn check_names(r: &Resolved<'_>, f: &mut Vec<Finding>) {
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
            &r.names.secret,
            false,
        );
    } else if overrides.secret.is_some() {
        f.push(rules::IGNORED_INPUT.at(
            "names.secret",
            "keyvault-csi renders no Secret; the name is not used",
        ));
    }
    if r.has_service_account() {
        let given = overrides.service_account.is_some();
        check_name(
            f,
            field("names.serviceAccount", given),
            &r.names.service_account,
            false,
        );
        check_name(
            f,
            field(
                "names.federatedCredential",
                overrides.federated_credential.is_some(),
            ),
            &r.names.federated_credential,
            false,
        );
        if !given && r.client_id().is_none() {
            f.push(rules::GENERATED_NAME.at(
                "auth.clientId",
                format!(
                    "the ServiceAccount is named {} until the identity client id is given; then it becomes \
                     sc-account-<client id>, and its client-id annotation stays `<client-ID>`",
                    Quoted(&r.names.service_account)
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
                f.push(rules::IGNORED_INPUT.at(
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
            &r.names.secret_provider_class,
            false,
        );
    } else if overrides.secret_provider_class.is_some() {
        f.push(rules::IGNORED_INPUT.at(
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
const RESERVED_LABELS: &[&str] = &["app", crate::render::workload::WI_LABEL];

fn check_labels(w: &resolve::Workload, f: &mut Vec<Finding>) {
    for (key, value) in &w.labels {
        let field = format!("workload.labels.{key}");
        if let Err(rule) = k8s_names::label_key(key) {
            f.push(rules::LABEL.at(
                &field,
                format!("{rule}, found {q_key}", q_key = Quoted(key)),
            ));
        } else if RESERVED_LABELS.contains(&key.as_str()) {
            f.push(rules::LABEL.at(
                &field,
                format!(
                    "expected a label key other than the reserved {}, found {q_key}",
                    RESERVED_LABELS.join(" and "),
                    q_key = Quoted(key)
                ),
            ));
        }
        if let Err(rule) = k8s_names::label_value(value) {
            f.push(rules::LABEL.at(
                &field,
                format!("{rule}, found {q_value}", q_value = Quoted(value)),
            ));
        }
    }
}

fn check_keys(r: &Resolved<'_>, f: &mut Vec<Finding>) {
    let spec = r.spec;
    // Only messages name the combination: formatted when one is written.
    let combo = || format!("{}/{}/{}", r.target.id, r.auth, r.client);
    if r.config.is_empty() {
        let combo = combo();
        // The marked combinations carry the doc checked and why it lists no keys.
        let why = crate::catalog::undocumented(r.target.id, r.kind, r.auth, r.client)
            .map(|e| format!(" ({}: {})", e.source(), e.reason))
            .unwrap_or_default();
        f.push(rules::UNDOCUMENTED_KEYS.at(
            "clientType",
            format!("the Service Connector docs list no configuration keys for {combo}{why}; the Secret is rendered without keys — read them with `az aks connection list-configuration`"),
        ));
    }
    let defaults = if spec.customized_keys.is_empty() {
        Vec::new()
    } else {
        sorted_set(r.config.iter().map(|e| e.default_key))
    };
    for default in spec.customized_keys.keys() {
        if r.target.id == TargetId::ConfluentCloud
            && crate::catalog::confluent_schema_registry_key(default)
            && defaults.binary_search(&default.as_str()).is_ok()
        {
            f.push(rules::CUSTOMIZED_KEY.at(
                format!("customizedKeys.{default}"),
                format!(
                    "{} comes from the schema-registry linker, which takes no customized keys \
                     (the az CLI sends them with the bootstrap-server linker only); expected a bootstrap-server key",
                    Quoted(default)
                ),
            ));
        }
        if defaults.binary_search(&default.as_str()).is_err() {
            let combo = combo();
            f.push(rules::CUSTOMIZED_KEY.at(
                format!("customizedKeys.{default}"),
                format!(
                    "{} is not a configuration key of {combo}; expected one of {}",
                    Quoted(default),
                    list(&defaults)
                ),
            ));
        }
    }
    let mut seen: Vec<&str> = Vec::with_capacity(r.config.len());
    for e in &r.config {
        if seen.contains(&e.key.as_str()) {
            f.push(rules::CUSTOMIZED_KEY.at(
                format!("customizedKeys.{}", e.default_key),
                format!("expected unique key names, found {} twice", Quoted(&e.key)),
            ));
        } else {
            seen.push(e.key.as_str());
        }
        if let Err(rule) = k8s_names::config_key(&e.key) {
            if !spec.customized_keys.contains_key(e.default_key) {
                f.push(rules::SECRET_KEY.at(
                    "connectionName",
                    format!("{rule}, found {}", Quoted(&e.key)),
                ));
            }
        }
    }
    for key in spec.values.keys() {
        let known = r
            .config
            .iter()
            .any(|e| e.key == *key || e.default_key == key);
        if !known {
            let combo = combo();
            let keys = sorted_set(r.config.iter().map(|e| e.key.as_str()));
            f.push(rules::VALUE_KEY.at(
                format!("values.{key}"),
                format!(
                    "{} is not a configuration key of {combo}; expected one of {}",
                    Quoted(key),
                    list(&keys)
                ),
            ));
        }
    }
    if r.config.iter().any(|e| e.supplied && e.credential) || has_supplied_credentials(r) {
        f.push(rules::CREDENTIALS_IN_YAML.at(
            "values",
            "real credentials were given, so the rendered YAML holds secrets: keep it out of source control",
        ));
    }
}

fn has_supplied_credentials(r: &Resolved<'_>) -> bool {
    let a = r.spec.auth.as_ref().unwrap_or(&crate::spec::NO_AUTH);
    let t = &r.spec.target;
    (r.auth == AuthId::Secret && nonempty(a.password.as_deref()).is_some())
        || (r.auth == AuthId::ServicePrincipal && nonempty(a.secret.as_deref()).is_some())
        || t.param(Param::KafkaSecret).is_some()
        || t.param(Param::SchemaSecret).is_some()
}

/// Sorted, without duplicates: what a `BTreeSet` would hold, without compiling one
/// more `BTreeSet` type into the wasm module.
fn sorted_set<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut v: Vec<&str> = items.collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn list(items: &[&str]) -> String {
    if items.is_empty() {
        "none (no documented keys)".to_owned()
    } else {
        items.join(", ")
    }
}

fn check_target_params(r: &Resolved<'_>, f: &mut Vec<Finding>) {
    let t = &r.spec.target;
    for p in Param::ALL {
        if t.param(*p).is_some() && !r.target.parameters.contains(p) {
            f.push(rules::IGNORED_INPUT.at(
                format!("target.{}", p.field()),
                format!(
                    "`{}` does not locate a `{}` target; expected only {}",
                    p.field(),
                    r.target.id,
                    fields(r.target.parameters)
                ),
            ));
        }
    }
    let missing: Vec<_> = r
        .target
        .parameters
        .iter()
        .filter(|p| t.param(**p).is_none())
        .map(|p| p.field())
        .collect();
    if !missing.is_empty() && nonempty(t.id.as_deref()).is_none() {
        f.push(rules::LOCATING_PARAMETERS.at(
            "target",
            format!("missing {}: placeholders stay in the YAML; the ARM request and az command need them", missing.join(", ")),
        ));
    }
    if r.target.id == TargetId::ConfluentCloud {
        if let Some(b) = t.param(Param::BootstrapServer) {
            if !host_port(b) {
                f.push(rules::CONFLUENT_FORMAT.at(
                    "target.bootstrapServer",
                    format!("expected host:port, found {q_b}", q_b = Quoted(b)),
                ));
            }
        }
        if let Some(u) = t.param(Param::SchemaRegistry) {
            let host = u.strip_prefix("https://").unwrap_or("");
            if host.is_empty() || host.starts_with('/') || k8s_names::has_space_or_control(u) {
                f.push(rules::CONFLUENT_FORMAT.at(
                    "target.schemaRegistry",
                    format!("expected an https:// URL, found {q_u}", q_u = Quoted(u)),
                ));
            }
        }
        for (p, v) in [
            (Param::BootstrapServer, t.param(Param::BootstrapServer)),
            (Param::SchemaRegistry, t.param(Param::SchemaRegistry)),
        ] {
            if let Some(v) = v.filter(|v| !v.to_ascii_lowercase().contains(CONFLUENT_ON_AZURE)) {
                f.push(rules::CONFLUENT_ENDPOINT.at(
                    format!("target.{}", p.field()),
                    format!(
                        "expected a Confluent Cloud endpoint on Azure (containing {CONFLUENT_ON_AZURE}), found {q_v}: \
                         `az aks connection create confluent-cloud` refuses it; the ARM request and Bicep are not checked this way",
                        q_v = Quoted(v)
                    ),
                ));
            }
        }
        if t.id.is_some() {
            f.push(rules::IGNORED_INPUT.at("target.id", "confluent-cloud has no ARM resource id; expected the bootstrap server and schema registry instead"));
        }
    }
    if crate::catalog::cli_target_id(r.target.id).is_some() {
        if nonempty(t.subscription.as_deref()).is_some() {
            f.push(rules::IGNORED_INPUT.at(
                "target.subscription",
                format!(
                    "the az CLI sends its own fixed target id for `{}`, with its own subscription; expected no target.subscription",
                    r.target.id
                ),
            ));
        }
        if nonempty(t.id.as_deref()).is_some() {
            f.push(rules::IGNORED_INPUT.at(
                "target.id",
                format!(
                    "the az CLI takes no --target-id for `{}` and sends its own fixed target id; expected {} instead",
                    r.target.id,
                    fields(r.target.parameters)
                ),
            ));
        }
    } else if let Some(id) = nonempty(t.id.as_deref()) {
        check_target_id(r, id, f);
    }
}

/// What the az CLI requires in both Confluent endpoints (`custom.py`
/// `connection_create_kafka`, compared lower-cased).
const CONFLUENT_ON_AZURE: &str = "azure.confluent.cloud";

fn fields(params: &[Param]) -> String {
    params
        .iter()
        .map(|p| p.field())
        .collect::<Vec<_>>()
        .join(", ")
}

fn host_port(s: &str) -> bool {
    let Some((host, port)) = s.rsplit_once(':') else {
        return false;
    };
    !host.is_empty()
        && host
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-'))
        && port.parse::<u16>().is_ok_and(|p| p > 0)
}

/// A pasted target id must have the pattern's shape, and agree with any parts also given.
fn check_target_id(r: &Resolved<'_>, id: &str, f: &mut Vec<Finding>) {
    let Some(pattern) = r.target.arm_id_pattern else {
        let ok = id.starts_with("/subscriptions/") && !k8s_names::has_space_or_control(id);
        if !ok {
            f.push(rules::TARGET_ID.at(
                "target.id",
                format!(
                    "expected an ARM id starting with /subscriptions/, found {q_id}",
                    q_id = Quoted(id)
                ),
            ));
        }
        return;
    };
    let pat: Vec<&str> = pattern.split('/').collect();
    let got: Vec<&str> = id.split('/').collect();
    let mut ok = pat.len() == got.len();
    let mut conflicts = Vec::new();
    if ok {
        for (p, g) in pat.iter().zip(&got) {
            if let Some(name) = p.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
                if g.is_empty() || k8s_names::has_space_or_control(g) {
                    ok = false;
                }
                let given = if name == "subscription" {
                    nonempty(r.spec.target.subscription.as_deref())
                } else {
                    Param::ALL
                        .iter()
                        .find(|x| x.pattern_name() == name)
                        .and_then(|x| r.spec.target.param(*x))
                };
                if given.is_some_and(|v| !v.eq_ignore_ascii_case(g)) {
                    conflicts.push(name.to_owned());
                }
            } else if !p.eq_ignore_ascii_case(g) {
                ok = false;
            }
        }
    }
    if !ok {
        f.push(rules::TARGET_ID.at(
            "target.id",
            format!(
                "resource id is invalid: expected {pattern}, found {q_id}",
                q_id = Quoted(id)
            ),
        ));
    } else if !conflicts.is_empty() {
        f.push(rules::TARGET_ID.at(
            "target.id",
            format!("the id disagrees with the given {}", conflicts.join(", ")),
        ));
    }
}

/// The `auth` fields, by their JSON name.
fn auth_value<'a>(a: &'a crate::spec::AuthSpec, field: &str) -> Option<&'a str> {
    let v = match field {
        "clientId" => &a.client_id,
        "subscriptionId" => &a.subscription_id,
        "tenantId" => &a.tenant_id,
        "identityId" => &a.identity_id,
        "objectId" => &a.object_id,
        "secret" => &a.secret,
        "username" => &a.username,
        "password" => &a.password,
        _ => return None,
    };
    nonempty(v.as_deref())
}

/// Every `auth` field an auth id may ignore (`tenantId` is used by all of them).
const AUTH_FIELDS: &[&str] = &[
    "clientId",
    "subscriptionId",
    "identityId",
    "objectId",
    "secret",
    "username",
    "password",
];

/// The `auth` fields (JSON names) the auth id uses for the target; the others draw SC031.
pub(crate) fn auth_uses(auth: AuthId, target: TargetId) -> &'static [&'static str] {
    auth_fields(auth, target).0
}

/// Per auth id: the fields it uses, those the ARM request needs, and why the others do not apply.
fn auth_fields(
    auth: AuthId,
    target: TargetId,
) -> (
    &'static [&'static str],
    &'static [&'static str],
    &'static str,
) {
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
    }
}

fn check_identity(r: &Resolved<'_>, a: &crate::spec::AuthSpec, f: &mut Vec<Finding>) {
    let (uses, requires, why_not) = auth_fields(r.auth, r.target.id);
    let missing: Vec<&str> = requires
        .iter()
        .copied()
        .filter(|n| auth_value(a, n).is_none())
        .collect();
    if !missing.is_empty() {
        f.push(rules::CREDENTIALS_MISSING.at(
            "auth",
            format!(
                "missing {}: placeholders stay in the YAML; the ARM request needs them",
                missing.join(", ")
            ),
        ));
    }
    for field in AUTH_FIELDS
        .iter()
        .filter(|n| !uses.contains(n) && auth_value(a, n).is_some())
    {
        let at = format!("auth.{field}");
        f.push(if r.auth == AuthId::KeyvaultCsi {
            rules::CSI_IGNORES_IDENTITY.at(
                at,
                "additional auth info is ignored: keyvault-csi uses the azureKeyvaultSecretsProvider add-on identity \
                 (give its client id as values.AZURE_KEYVAULT_CLIENTID)",
            )
        } else {
            rules::IGNORED_INPUT.at(at, format!("{why_not}; found auth `{}`", r.auth))
        });
    }
    if r.auth == AuthId::WorkloadIdentity {
        check_identity_id(a, f);
    }
    if r.auth == AuthId::Secret && r.target.id == TargetId::ConfluentCloud {
        let t = &r.spec.target;
        let missing: Vec<_> = [
            Param::KafkaKey,
            Param::KafkaSecret,
            Param::SchemaKey,
            Param::SchemaSecret,
        ]
        .into_iter()
        .filter(|p| t.param(*p).is_none())
        .map(|p| p.field())
        .collect();
        if !missing.is_empty() {
            f.push(rules::CREDENTIALS_MISSING.at(
                "target",
                format!(
                    "missing {}: placeholders stay in the YAML",
                    missing.join(", ")
                ),
            ));
        }
    }
}

/// The identity resource id is well formed and agrees with `auth.subscriptionId`.
fn check_identity_id(a: &crate::spec::AuthSpec, f: &mut Vec<Finding>) {
    let Some(id) = nonempty(a.identity_id.as_deref()) else {
        return;
    };
    match identity_subscription(id) {
        None => f.push(rules::IDENTITY_ID.at(
            "auth.identityId",
            format!(
                "invalid user identity resource id: expected /subscriptions/<guid>/resourceGroups/<rg>/providers/\
                 Microsoft.ManagedIdentity/userAssignedIdentities/<name>, found {}",
                Quoted(id)
            ),
        )),
        Some(sub) => {
            if let Some(s) = nonempty(a.subscription_id.as_deref()).filter(|s| !s.eq_ignore_ascii_case(sub)) {
                f.push(rules::IDENTITY_ID.at("auth.subscriptionId", format!("expected the identity's subscription {sub}, found {}", Quoted(s))));
            }
        }
    }
}

/// The subscription id of a user-assigned identity resource id, if well formed.
pub fn identity_subscription(id: &str) -> Option<&str> {
    // Nine parts, taken in order without collecting them.
    let mut parts = id.split('/');
    let mut part = || parts.next();
    let (
        Some(root),
        Some(subscriptions),
        Some(subscription),
        Some(groups),
        Some(group),
        Some(providers),
        Some(namespace),
        Some(kind),
        Some(name),
        None,
    ) = (
        part(),
        part(),
        part(),
        part(),
        part(),
        part(),
        part(),
        part(),
        part(),
        part(),
    )
    else {
        return None;
    };
    let ok = root.is_empty()
        && subscriptions.eq_ignore_ascii_case("subscriptions")
        && k8s_names::guid(subscription)
        && groups.eq_ignore_ascii_case("resourceGroups")
        && !group.is_empty()
        && providers.eq_ignore_ascii_case("providers")
        && namespace.eq_ignore_ascii_case("Microsoft.ManagedIdentity")
        && kind.eq_ignore_ascii_case("userAssignedIdentities")
        && !name.is_empty()
        && !k8s_names::has_space_or_control(id);
    ok.then_some(subscription)
}

fn check_keyvault_objects(r: &Resolved<'_>, f: &mut Vec<Finding>) {
    let Some(kv) = &r.spec.keyvault else { return };
    if r.auth != AuthId::KeyvaultCsi {
        if !kv.objects.is_empty() {
            f.push(rules::IGNORED_INPUT.at(
                "keyvault.objects",
                format!(
                    "only keyvault-csi mounts Key Vault objects; found auth `{}`",
                    r.auth
                ),
            ));
        }
        return;
    }
    let mut aliases = BTreeSet::new();
    for (i, o) in kv.objects.iter().enumerate() {
        let at = |field: &str| format!("keyvault.objects[{i}].{field}");
        let kv_name = |s: &str| {
            (1..=127).contains(&s.len())
                && s.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
        };
        if !kv_name(&o.name) {
            f.push(rules::KEYVAULT_OBJECT.at(
                at("name"),
                format!(
                    "expected 1 to 127 letters, digits or '-', found {}",
                    Quoted(&o.name)
                ),
            ));
        }
        if !matches!(o.r#type.as_str(), "secret" | "key" | "cert") {
            f.push(rules::KEYVAULT_OBJECT.at(
                at("type"),
                format!(
                    "expected one of secret, key, cert, found {}",
                    Quoted(&o.r#type)
                ),
            ));
        }
        if let Some(v) = o.version.as_deref() {
            if !v.bytes().all(|c| c.is_ascii_alphanumeric()) {
                f.push(rules::KEYVAULT_OBJECT.at(
                    at("version"),
                    format!(
                        "expected an object version (letters and digits) or empty, found {q_v}",
                        q_v = Quoted(v)
                    ),
                ));
            }
        }
        if let Some(a) = o.alias.as_deref() {
            let ok = !a.is_empty()
                && a.len() <= 255
                && a != "."
                && a != ".."
                && a.bytes()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'));
            if !ok {
                f.push(rules::KEYVAULT_OBJECT.at(
                    at("alias"),
                    format!(
                        "expected a file name of letters, digits, '-', '_' or '.', found {q_a}",
                        q_a = Quoted(a)
                    ),
                ));
            }
        }
        let file = o.alias.clone().unwrap_or_else(|| o.name.clone());
        if !aliases.insert(file.clone()) {
            f.push(rules::KEYVAULT_OBJECT.at(
                at("alias"),
                format!(
                    "expected unique file names in the mount, found {q_file} twice",
                    q_file = Quoted(&file)
                ),
            ));
        }
    }
}

/// True when `findings` holds an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `identity_subscription` as it was: the parts collected, then indexed.
    fn identity_subscription_reference(id: &str) -> Option<&str> {
        let parts: Vec<&str> = id.split('/').collect();
        let ok = parts.len() == 9
            && parts[0].is_empty()
            && parts[1].eq_ignore_ascii_case("subscriptions")
            && k8s_names::guid(parts[2])
            && parts[3].eq_ignore_ascii_case("resourceGroups")
            && !parts[4].is_empty()
            && parts[5].eq_ignore_ascii_case("providers")
            && parts[6].eq_ignore_ascii_case("Microsoft.ManagedIdentity")
            && parts[7].eq_ignore_ascii_case("userAssignedIdentities")
            && !parts[8].is_empty()
            && !id.chars().any(|c| c.is_whitespace() || c.is_control());
        ok.then(|| parts[2])
    }

    /// Ids with every part left out, emptied, doubled, upper-cased or spoiled
    /// with a space or a control character, and with parts added at the end.
    #[test]
    fn identity_subscription_agrees_with_collecting_the_parts() {
        let parts = [
            "",
            "subscriptions",
            "00001111-aaaa-2222-bbbb-3333cccc4444",
            "resourceGroups",
            "rg",
            "providers",
            "Microsoft.ManagedIdentity",
            "userAssignedIdentities",
            "id",
        ];
        let mut ids = vec![parts.join("/")];
        for i in 0..parts.len() {
            let edit = |f: &dyn Fn(&str) -> String| {
                let mut p: Vec<String> = parts.iter().map(|s| (*s).to_owned()).collect();
                p[i] = f(parts[i]);
                p.join("/")
            };
            ids.push(edit(&|_| String::new()));
            ids.push(edit(&|s| s.to_ascii_uppercase()));
            ids.push(edit(&|s| format!("{s} ")));
            ids.push(edit(&|s| format!("{s}\u{85}")));
            ids.push(edit(&|s| format!("{s}\u{2003}")));
            ids.push(edit(&|s| format!("{s}/{s}")));
            let mut fewer = parts.to_vec();
            fewer.remove(i);
            ids.push(fewer.join("/"));
        }
        ids.extend([
            format!("{}/", ids[0]),
            format!("{}/x", ids[0]),
            String::new(),
            "/".to_owned(),
        ]);
        let mut valid = 0;
        for id in &ids {
            let expected = identity_subscription_reference(id);
            assert_eq!(identity_subscription(id), expected, "{id}");
            valid += usize::from(expected.is_some());
        }
        assert!(valid > 5, "{valid}");
    }
}
