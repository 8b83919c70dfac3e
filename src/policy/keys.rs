//! Keys: the configuration keys of the Secret, their customized names, the
//! values given for them and what the rendered YAML then holds.

use super::k8s_names;
use crate::catalog::{AuthId, Param, TargetId};
use crate::error::{Finding, Quoted};
use crate::resolve::{nonempty, ConfigEntry, Resolved};
use crate::spec::ConnectionSpec;

super::rule::rules! {
    SECRET_KEY = "SC006", Error, "secret keys must match [-._a-zA-Z0-9]+, at most 253 characters";
    CUSTOMIZED_KEY = "SC007", Error, "customized keys must map default keys of the combination to unique names";
    CREDENTIALS_IN_YAML = "SC021", Warning, "real credentials are given: the rendered YAML holds secrets";
    VALUE_KEY = "SC023", Error, "values must name configuration keys of the combination";
    UNDOCUMENTED_KEYS = "SC026", Warning, "the docs list no configuration keys for this combination: the Secret has no keys";
    INFERRED_KEY_NAMES = "SC027", Warning, "the key names of a second connection of the same type are inferred";
    PARTIAL_KEYS = "SC030", Warning, "retired: reported when a documented key list was partial; no list is partial any more";
}

/// The customized key names' syntax (`SC006`), before anything is resolved.
pub(super) fn check_customized_names(spec: &ConnectionSpec, f: &mut Vec<Finding>) {
    for (default, custom) in &spec.customized_keys {
        if let Err(rule) = k8s_names::config_key(custom) {
            f.push(SECRET_KEY.at(
                format!("customizedKeys.{default}"),
                format!("{rule}, found {q_custom}", q_custom = Quoted(custom)),
            ));
        }
    }
}

/// The second-connection key form is inferred (`SC027`).
pub(super) fn check_inferred_names(r: &Resolved<'_>, f: &mut Vec<Finding>) {
    if r.spec.another_connection_of_type && !r.client.is_spring() {
        f.push(INFERRED_KEY_NAMES.at(
            "anotherConnectionOfType",
            "keys take the form {Cloud}_{Type}_{Connection}_{Name} with the connection name upper-cased and '.' as '_'; \
             check the real names with `az aks connection list-configuration`",
        ));
    }
}

/// The combination's keys: documented, customized to unique valid names, given
/// values for known keys only, and a warning when the YAML holds credentials.
pub(super) fn check_keys(r: &Resolved<'_>, f: &mut Vec<Finding>) {
    let spec = r.spec;
    // Only messages name the combination: formatted when one is written.
    let combo = || format!("{}/{}/{}", r.target.id, r.auth, r.client);
    if r.config.is_empty() {
        let combo = combo();
        // The marked combinations carry the doc checked and why it lists no keys.
        let why = crate::catalog::undocumented(r.target.id, r.account_kind, r.auth, r.client)
            .map(|e| format!(" ({}: {})", e.source(), e.reason))
            .unwrap_or_default();
        f.push(UNDOCUMENTED_KEYS.at(
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
            f.push(CUSTOMIZED_KEY.at(
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
            f.push(CUSTOMIZED_KEY.at(
                format!("customizedKeys.{default}"),
                format!(
                    "{} is not a configuration key of {combo}; expected one of {}",
                    Quoted(default),
                    list(&defaults)
                ),
            ));
        }
    }
    // The catalog's own keys are valid and unique within a combination (the tests below
    // hold every row to it): only customized and second-connection keys need the checks.
    if r.config.iter().all(ConfigEntry::is_catalog_key) {
        return check_values(r, f, combo);
    }
    let mut seen: Vec<&str> = Vec::with_capacity(r.config.len());
    for e in &r.config {
        if seen.contains(&&*e.key) {
            f.push(CUSTOMIZED_KEY.at(
                format!("customizedKeys.{}", e.default_key),
                format!("expected unique key names, found {} twice", Quoted(&e.key)),
            ));
        } else {
            seen.push(&*e.key);
        }
        if let Err(rule) = k8s_names::config_key(&e.key) {
            if !spec.customized_keys.contains_key(e.default_key) {
                f.push(SECRET_KEY.at(
                    "connectionName",
                    format!("{rule}, found {}", Quoted(&e.key)),
                ));
            }
        }
    }
    check_values(r, f, combo);
}

/// Values for known keys only, and a warning when the YAML holds credentials.
fn check_values(r: &Resolved<'_>, f: &mut Vec<Finding>, combo: impl Fn() -> String) {
    let spec = r.spec;
    for key in spec.values.keys() {
        let known = r
            .config
            .iter()
            .any(|e| e.key == *key || e.default_key == key);
        if !known {
            let combo = combo();
            let keys = sorted_set(r.config.iter().map(|e| &*e.key));
            f.push(VALUE_KEY.at(
                format!("values.{key}"),
                format!(
                    "{} is not a configuration key of {combo}; expected one of {}",
                    Quoted(key),
                    list(&keys)
                ),
            ));
        }
    }
    if r.config.iter().any(|e| e.supplied && e.credential()) || has_supplied_credentials(r) {
        f.push(CREDENTIALS_IN_YAML.at(
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What lets `check_keys` skip the checks of the catalog's own keys: every key row
    /// is a valid secret key, and no combination lists a key twice.
    #[test]
    fn catalog_keys_are_valid_and_unique_within_a_combination() {
        let mut rows = 0;
        for c in crate::catalog::combinations() {
            let kind = c
                .account_kind
                .unwrap_or(crate::catalog::AccountKind::ALL[0]);
            let keys: Vec<&str> = crate::catalog::keys_for(c.target, kind, c.auth, c.client)
                .map(|row| row.key)
                .collect();
            for key in &keys {
                assert_eq!(k8s_names::config_key(key), Ok(()), "{key}");
            }
            assert_eq!(sorted_set(keys.iter().copied()).len(), keys.len(), "{c:?}");
            rows += keys.len();
        }
        assert!(rows > 1000, "{rows}");
    }
}
