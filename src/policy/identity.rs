//! Identity: the auth inputs each auth id takes, the GUIDs, the workload
//! identity's resource id and the warnings about the auth choice itself.

use super::rule::IGNORED_INPUT;
use crate::catalog::auth_fields::{auth_fields, AuthFields, AUTH_FIELDS};
use crate::catalog::{AuthId, Param, TargetId};
use crate::error::{Finding, Quoted};
use crate::resolve::{nonempty, Resolved};
use crate::shapes;
use crate::spec::ConnectionSpec;

super::rule::rules! {
    GUID = "SC013", Error, "client, tenant, subscription and object ids must be GUIDs";
    IDENTITY_ID = "SC014", Error, "the workload identity must be a user-assigned identity resource id";
    CREDENTIALS_MISSING = "SC015", Info, "credentials not given: placeholders stay in the rendered values";
    CSI_IGNORES_IDENTITY = "SC016", Warning, "keyvault-csi uses the add-on identity: identity inputs are ignored";
    APPCONFIG_LOCAL_AUTH = "SC018", Warning, "appconfig with a connection string fails when local auth is disabled";
    PREFER_WORKLOAD_IDENTITY = "SC020", Warning, "a secret-based auth type where workload identity is supported";
}

/// Client, tenant, subscription and object ids are GUIDs (`SC013`), when given.
pub(super) fn check_guids(spec: &ConnectionSpec, f: &mut Vec<Finding>) {
    let guid = |f: &mut Vec<Finding>, field: &str, v: Option<&str>| {
        if let Some(v) = v {
            if !shapes::guid(v) {
                f.push(GUID.at(
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
}

/// The auth choice: App Configuration's local auth (`SC018`), and a secret
/// where workload identity would do (`SC020`).
pub(super) fn check_auth_choice(r: &Resolved<'_>, f: &mut Vec<Finding>) {
    let target = r.target.id;
    if target == TargetId::AppConfig && r.auth == AuthId::ConnectionString {
        f.push(APPCONFIG_LOCAL_AUTH.at(
            "auth.type",
            "secret as auth type is not allowed when local auth is disabled for the app configuration store; \
             workload-identity or service-principal work either way",
        ));
    }
    if matches!(r.auth, AuthId::ConnectionString | AuthId::ServicePrincipal)
        && r.target.auth_types.contains(&AuthId::WorkloadIdentity)
    {
        // Joined rather than formatted: every call of these common specs writes it.
        let message = [
            "`",
            r.auth.as_str(),
            "` puts a long-lived credential into the cluster Secret; `",
            target.as_str(),
            "` supports workload-identity, which needs no secret and rotates tokens itself",
        ]
        .concat();
        f.push(PREFER_WORKLOAD_IDENTITY.at("auth.type", message));
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

/// The auth inputs: those the ARM request needs (`SC015`), those the auth id
/// ignores (`SC016`, `SC031`) and the workload identity's resource id (`SC014`).
pub(super) fn check_identity(r: &Resolved<'_>, f: &mut Vec<Finding>) {
    let a = r.spec.auth.as_ref().unwrap_or(&crate::spec::NO_AUTH);
    let AuthFields {
        uses,
        requires,
        why_not,
    } = auth_fields(r.auth, r.target.id);
    // Written into the message as found, with no list or formatting in between.
    let mut message = String::new();
    for name in requires.iter().filter(|n| auth_value(a, n).is_none()) {
        message.push_str(if message.is_empty() { "missing " } else { ", " });
        message.push_str(name);
    }
    if !message.is_empty() {
        message.push_str(": placeholders stay in the YAML; the ARM request needs them");
        f.push(CREDENTIALS_MISSING.at("auth", message));
    }
    for field in AUTH_FIELDS
        .iter()
        .filter(|n| !uses.contains(n) && auth_value(a, n).is_some())
    {
        let at = format!("auth.{field}");
        f.push(if r.auth == AuthId::KeyvaultCsi {
            CSI_IGNORES_IDENTITY.at(
                at,
                "additional auth info is ignored: keyvault-csi uses the azureKeyvaultSecretsProvider add-on identity \
                 (give its client id as values.AZURE_KEYVAULT_CLIENTID)",
            )
        } else {
            IGNORED_INPUT.at(at, format!("{why_not}; found auth `{}`", r.auth))
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
            f.push(CREDENTIALS_MISSING.at(
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
        None => f.push(IDENTITY_ID.at(
            "auth.identityId",
            format!(
                "invalid user identity resource id: expected /subscriptions/<guid>/resourceGroups/<rg>/providers/\
                 Microsoft.ManagedIdentity/userAssignedIdentities/<name>, found {}",
                Quoted(id)
            ),
        )),
        Some(sub) => {
            if let Some(s) = nonempty(a.subscription_id.as_deref()).filter(|s| !s.eq_ignore_ascii_case(sub)) {
                f.push(IDENTITY_ID.at("auth.subscriptionId", format!("expected the identity's subscription {sub}, found {}", Quoted(s))));
            }
        }
    }
}

/// The subscription id of a user-assigned identity resource id, if well formed.
pub(crate) fn identity_subscription(id: &str) -> Option<&str> {
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
        && shapes::guid(subscription)
        && groups.eq_ignore_ascii_case("resourceGroups")
        && !group.is_empty()
        && providers.eq_ignore_ascii_case("providers")
        && namespace.eq_ignore_ascii_case("Microsoft.ManagedIdentity")
        && kind.eq_ignore_ascii_case("userAssignedIdentities")
        && !name.is_empty()
        && !shapes::has_space_or_control(id);
    ok.then_some(subscription)
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
            && shapes::guid(parts[2])
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
