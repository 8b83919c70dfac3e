//! Key Vault: the objects a keyvault-csi SecretProviderClass mounts.

use super::rule::IGNORED_INPUT;
use crate::catalog::AuthId;
use crate::error::{Finding, Quoted};
use crate::resolve::Resolved;
use std::collections::BTreeSet;

super::rule::rules! {
    KEYVAULT_OBJECT = "SC025", Error, "key vault objects need a name and a type of secret, key or cert";
}

/// Names, types, versions and file names of the objects to mount (`SC025`);
/// objects given for another auth id are ignored (`SC031`).
pub(super) fn check_objects(r: &Resolved<'_>, f: &mut Vec<Finding>) {
    let Some(kv) = &r.spec.keyvault else { return };
    if r.auth != AuthId::KeyvaultCsi {
        if !kv.objects.is_empty() {
            f.push(IGNORED_INPUT.at(
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
            f.push(KEYVAULT_OBJECT.at(
                at("name"),
                format!(
                    "expected 1 to 127 letters, digits or '-', found {}",
                    Quoted(&o.name)
                ),
            ));
        }
        if !matches!(o.r#type.as_str(), "secret" | "key" | "cert") {
            f.push(KEYVAULT_OBJECT.at(
                at("type"),
                format!(
                    "expected one of secret, key, cert, found {}",
                    Quoted(&o.r#type)
                ),
            ));
        }
        if let Some(v) = o.version.as_deref() {
            if !v.bytes().all(|c| c.is_ascii_alphanumeric()) {
                f.push(KEYVAULT_OBJECT.at(
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
                f.push(KEYVAULT_OBJECT.at(
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
            f.push(KEYVAULT_OBJECT.at(
                at("alias"),
                format!(
                    "expected unique file names in the mount, found {q_file} twice",
                    q_file = Quoted(&file)
                ),
            ));
        }
    }
}
