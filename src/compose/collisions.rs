//! What cannot share one pod: each check reads the resolved connections (in
//! set order) and reports the later of two clashing entries, naming the earlier.

use std::collections::BTreeMap;

use super::rules::{
    CUSTOMIZED_KEY, DUPLICATE_CONNECTION, MOUNT_INVALID, MOUNT_PATH, MOUNT_UNUSED, NAMESPACE,
    OBJECT_NAME, OWN_WORKLOAD, SAME_TYPE_KEYS, SAME_VALUE, SAME_VARIABLE, SERVICE_ACCOUNTS,
    VOLUME_NAME, WORKLOAD_VARIABLE,
};
use super::{under, WorkloadSet};
use crate::error::{Finding, Quoted};
use crate::render::service_account;
use crate::resolve::Resolved;
use crate::shapes;

/// A key or object name in a message: whole when it is a plain name (keys and names are
/// at most 253 characters), else as [`Quoted`] shows any input.
struct Name<'a>(&'a str);

impl std::fmt::Display for Name<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = self.0;
        let plain = s.len() <= 253
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'/'))
            && !crate::error::looks_secret(s);
        if plain {
            write!(f, "\"{s}\"")
        } else {
            Quoted(s).fmt(f)
        }
    }
}

/// A connection that resolved, with its index in the set.
type Conn<'r, 'a> = (usize, &'r Resolved<'a>);

/// Every clash of the set; `mounts` holds each connection's volume name and path.
pub(super) fn check(
    set: &WorkloadSet,
    resolved: &[Option<Resolved<'_>>],
    mounts: &[(String, String)],
    f: &mut Vec<Finding>,
) {
    for (i, c) in set.connections.iter().enumerate() {
        if c.spec.workload.is_some() {
            f.push(OWN_WORKLOAD.at(
                under(i, "workload"),
                format!("expected the set's workload only, found a workload in connections[{i}]"),
                format!("move it to the set's workload and remove connections[{i}].spec.workload"),
            ));
        }
    }
    let all: Vec<Conn<'_, '_>> = resolved
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.as_ref().map(|r| (i, r)))
        .collect();
    let live = duplicates(&all, f);
    namespaces(set, &live, f);
    object_names(&live, f);
    service_accounts(&live, f);
    variables(set, &live, f);
    volumes(set, &live, mounts, f);
}

/// The same connection twice; the repeats are left out of every other check.
fn duplicates<'r, 'a>(all: &[Conn<'r, 'a>], f: &mut Vec<Finding>) -> Vec<Conn<'r, 'a>> {
    let mut live: Vec<Conn<'r, 'a>> = Vec::with_capacity(all.len());
    for &(j, rj) in all {
        // Linker names are ARM resource names: compared ignoring case.
        let same = live
            .iter()
            .find(|(_, ri)| ri.connection_name.eq_ignore_ascii_case(&rj.connection_name));
        match same {
            Some(&(i, _)) => f.push(DUPLICATE_CONNECTION.at(
                under(j, "connectionName"),
                format!(
                    "expected each connection once, found connection {} of connections[{i}] again in connections[{j}]",
                    Name(&rj.connection_name)
                ),
                format!("remove connections[{j}], or give it another connectionName"),
            )),
            None => live.push((j, rj)),
        }
    }
    live
}

fn namespaces(set: &WorkloadSet, live: &[Conn<'_, '_>], f: &mut Vec<Finding>) {
    let Some(&(first, r0)) = live.first() else {
        return;
    };
    let ns = &r0.namespace;
    for &(j, rj) in &live[1..] {
        if &rj.namespace != ns {
            f.push(NAMESPACE.at(
                under(j, "namespace"),
                format!(
                    "expected namespace {} of connections[{first}], found {} in connections[{j}]",
                    Name(ns),
                    Name(&rj.namespace)
                ),
                format!(
                    "set namespace {} on connections[{j}], or use it from another workload",
                    Name(ns)
                ),
            ));
        }
    }
    if let Some(other) = set.existing.as_ref().and_then(|t| t.namespace.as_deref()) {
        if other != ns {
            f.push(NAMESPACE.at(
                "existing.namespace",
                format!(
                    "expected the connections' namespace {}, found {} for the existing workload",
                    Name(ns),
                    Name(other)
                ),
                format!(
                    "wire a workload of namespace {}, or set namespace {} on every connection",
                    Name(ns),
                    Name(other)
                ),
            ));
        }
    }
}

/// Secrets and SecretProviderClasses of one name from two connections.
fn object_names(live: &[Conn<'_, '_>], f: &mut Vec<Finding>) {
    let mut seen: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for &(j, r) in live {
        let (kind, name, field) = if r.has_secret() {
            ("Secret", r.names.secret(), "names.secret")
        } else {
            (
                "SecretProviderClass",
                r.names.secret_provider_class(),
                "names.secretProviderClass",
            )
        };
        match seen.get(&(kind, name)) {
            Some(&i) => f.push(OBJECT_NAME.at(
                under(j, field),
                format!(
                    "expected one {kind} per connection, found {kind} {} written by connections[{i}] and connections[{j}]",
                    Name(name)
                ),
                format!("set {field} of connections[{j}] to another name"),
            )),
            None => {
                seen.insert((kind, name), j);
            }
        }
    }
}

/// Workload identity: one ServiceAccount per pod.
fn service_accounts(live: &[Conn<'_, '_>], f: &mut Vec<Finding>) {
    let mut users = live.iter().filter(|(_, r)| r.has_service_account());
    let Some(&(i, ri)) = users.next() else {
        return;
    };
    let first = service_account::build(ri);
    for &(j, rj) in users {
        if service_account::build(rj) == first {
            continue;
        }
        let message = if rj.names.service_account() != ri.names.service_account() {
            format!(
                "expected one ServiceAccount for the pod, found {} for connections[{i}] and {} for connections[{j}]",
                Name(ri.names.service_account()),
                Name(rj.names.service_account())
            )
        } else {
            format!(
                "expected one ServiceAccount {} for the pod, found it with the identity of connections[{i}] ({}) and of connections[{j}] ({})",
                Name(ri.names.service_account()),
                Name(ri.client_id().unwrap_or("none")),
                Name(rj.client_id().unwrap_or("none"))
            )
        };
        f.push(SERVICE_ACCOUNTS.at(
            under(j, "auth.clientId"),
            message,
            format!(
                "give connections[{j}] the identity of connections[{i}] (the same auth.clientId), federate its identity with ServiceAccount {} too, or use it from another workload",
                Name(ri.names.service_account())
            ),
        ));
    }
}

/// Variables: each from one Secret, none the workload sets itself.
fn variables(set: &WorkloadSet, live: &[Conn<'_, '_>], f: &mut Vec<Finding>) {
    // Variable → the connection and entry that set it first.
    let mut seen: BTreeMap<&str, (usize, &Resolved<'_>, &str, &str)> = BTreeMap::new();
    let mut same_type_reported: Vec<(usize, usize)> = Vec::new();
    for &(j, rj) in live.iter().filter(|(_, r)| r.has_secret()) {
        for e in &rj.config {
            let key = &*e.key;
            if let Some(k) = set.workload_env.iter().position(|v| v == key) {
                f.push(WORKLOAD_VARIABLE.at(
                    under(j, "customizedKeys"),
                    format!(
                        "expected Secret keys apart from the workload's own variables, found {} in Secret {} of connections[{j}] and in workloadEnv[{k}]",
                        Name(key),
                        Name(rj.names.secret())
                    ),
                    format!(
                        "map {} to another name in connections[{j}].spec.customizedKeys, or rename the workload's variable",
                        Name(e.default_key)
                    ),
                ));
            }
            let Some(&(i, ri, first_default, first_value)) = seen.get(key) else {
                seen.insert(key, (j, rj, e.default_key, &e.value));
                continue;
            };
            let both = format!(
                "found {} in Secret {} of connections[{i}] and in Secret {} of connections[{j}]",
                Name(key),
                Name(ri.names.secret()),
                Name(rj.names.secret())
            );
            let customized_j = rj.spec.customized_keys.contains_key(e.default_key);
            let customized_i = ri.spec.customized_keys.contains_key(first_default);
            if customized_j || customized_i {
                let (c, default) = if customized_j {
                    (j, e.default_key)
                } else {
                    (i, first_default)
                };
                f.push(CUSTOMIZED_KEY.at(
                    under(c, &format!("customizedKeys.{default}")),
                    format!("expected each variable from one Secret, {both}"),
                    format!(
                        "map {} to another name in connections[{c}].spec.customizedKeys",
                        Name(default)
                    ),
                ));
            } else if ri.target.id == rj.target.id && !rj.spec.another_connection_of_type {
                if !same_type_reported.contains(&(i, j)) {
                    same_type_reported.push((i, j));
                    f.push(SAME_TYPE_KEYS.at(
                        under(j, "anotherConnectionOfType"),
                        format!(
                            "expected each variable from one Secret, {both}: two {} connections with the default key form",
                            ri.target.id
                        ),
                        format!(
                            "set anotherConnectionOfType on connections[{j}] (its keys become {})",
                            Name(&crate::resolve::second_connection_key(e.default_key, &rj.connection_name))
                        ),
                    ));
                }
            } else if first_value == e.value && !is_placeholder(&e.value) {
                f.push(SAME_VALUE.at(
                    under(j, "customizedKeys"),
                    format!("expected each variable from one Secret, {both}, with the same value"),
                    format!("nothing breaks; to keep them apart map {} to another name in connections[{j}].spec.customizedKeys", Name(e.default_key)),
                ));
            } else {
                f.push(SAME_VARIABLE.at(
                    under(j, "customizedKeys"),
                    format!(
                        "expected each variable from one Secret, {both}, with {} (the later Secret's wins)",
                        if is_placeholder(&e.value) || is_placeholder(first_value) {
                            "values not known yet"
                        } else {
                            "different values"
                        }
                    ),
                    format!("map {} to another name in connections[{j}].spec.customizedKeys", Name(e.default_key)),
                ));
            }
        }
    }
}

/// A value the design does not know yet (`<client-ID>`): equal placeholders say nothing
/// about equal values.
fn is_placeholder(v: &str) -> bool {
    v.find('<').is_some_and(|open| v[open..].contains('>'))
}

/// Whether one path is the other or lies inside it (paths without a trailing `/`).
fn overlaps(a: &str, b: &str) -> bool {
    let inside = |x: &str, y: &str| x.strip_prefix(y).is_some_and(|rest| rest.starts_with('/'));
    a == b || inside(a, b) || inside(b, a) || a == "/" || b == "/"
}

fn valid_path(p: &str) -> bool {
    p.starts_with('/')
        && !p.split('/').any(|seg| seg == "..")
        && !shapes::has_space_or_control(p)
        && !p.contains(':')
}

/// Key Vault CSI volumes: valid, and apart from each other and the workload's own.
fn volumes(
    set: &WorkloadSet,
    live: &[Conn<'_, '_>],
    mounts: &[(String, String)],
    f: &mut Vec<Finding>,
) {
    // Volume names and paths taken so far, with who took them.
    let mut names: Vec<(String, &str)> = set
        .workload_volumes
        .iter()
        .enumerate()
        .map(|(k, v)| (format!("workloadVolumes[{k}]"), v.as_str()))
        .collect();
    let mut paths: Vec<(String, String)> = set
        .workload_mount_paths
        .iter()
        .enumerate()
        .map(|(k, p)| (format!("workloadMountPaths[{k}]"), trim(p).to_owned()))
        .collect();
    for &(j, r) in live {
        let given = set.connections[j].mount.as_ref();
        if r.has_secret() {
            if given.is_some() {
                f.push(MOUNT_UNUSED.at(
                    format!("connections[{j}].mount"),
                    format!(
                        "expected a mount for keyvault-csi connections only, found one for connections[{j}] ({})",
                        r.auth
                    ),
                    format!("remove connections[{j}].mount"),
                ));
            }
            continue;
        }
        let (volume, path) = (&mounts[j].0, &mounts[j].1);
        let given_volume = given.is_some_and(|m| m.volume.is_some());
        let given_path = given.is_some_and(|m| m.path.is_some());
        let field = |what: &str, given: bool| {
            if given {
                format!("connections[{j}].mount.{what}")
            } else {
                format!("connections[{j}].mount")
            }
        };
        let volume_ok = shapes::dns_label(volume);
        if !volume_ok {
            f.push(MOUNT_INVALID.at(
                field("volume", given_volume),
                format!(
                    "expected a DNS-1123 label as the volume name, found {}",
                    Name(volume)
                ),
                format!("set connections[{j}].mount.volume to a DNS-1123 label"),
            ));
        }
        let path_ok = valid_path(path);
        if !path_ok {
            f.push(MOUNT_INVALID.at(
                field("path", given_path),
                format!("expected an absolute mount path without '..', ':', spaces or control characters, found {}", Name(path)),
                format!("set connections[{j}].mount.path to an absolute path"),
            ));
        }
        if volume_ok {
            match names.iter().find(|(_, v)| *v == volume.as_str()) {
                Some((other, _)) => f.push(VOLUME_NAME.at(
                    field("volume", given_volume),
                    format!(
                        "expected one volume per name, found volume {} for connections[{j}] and for {other}",
                        Name(volume)
                    ),
                    format!("set connections[{j}].mount.volume to another name"),
                )),
                None => names.push((format!("connections[{j}]"), volume)),
            }
        }
        if path_ok {
            let p = trim(path);
            match paths.iter().find(|(_, q)| overlaps(p, q)) {
                Some((other, q)) => f.push(MOUNT_PATH.at(
                    field("path", given_path),
                    format!(
                        "expected mount paths apart, found {} for connections[{j}] {} {} of {other}",
                        Name(path),
                        if p == q { "and" } else if p.starts_with(q.as_str()) { "inside" } else { "around" },
                        Name(q)
                    ),
                    format!("set connections[{j}].mount.path to a path outside every other mount"),
                )),
                None => paths.push((format!("connections[{j}]"), p.to_owned())),
            }
        }
    }
}

/// A path without its trailing `/` (but `/` itself).
fn trim(p: &str) -> &str {
    match p.trim_end_matches('/') {
        "" if p.starts_with('/') => "/",
        t => t,
    }
}

#[cfg(test)]
mod tests {
    use super::{overlaps, trim, valid_path, Name};

    #[test]
    fn paths_overlap_when_equal_or_one_inside_the_other() {
        assert!(overlaps("/mnt/a", "/mnt/a"));
        assert!(overlaps("/mnt/a/b", "/mnt/a"));
        assert!(overlaps("/mnt/a", "/mnt/a/b"));
        assert!(overlaps("/", "/mnt"), "the root holds every path");
        assert!(
            !overlaps("/mnt/a-02", "/mnt/a"),
            "a common prefix is not a parent"
        );
        assert!(!overlaps("/mnt/ab", "/mnt/a"));
        assert_eq!(trim("/mnt/a/"), "/mnt/a");
        assert_eq!(trim("/"), "/");
        assert_eq!(trim("//"), "/");
    }

    #[test]
    fn mount_paths_are_absolute_and_plain() {
        for ok in ["/mnt/vault", "/", "/a.b/c-d_e"] {
            assert!(valid_path(ok), "{ok}");
        }
        for bad in [
            "mnt/vault",
            "",
            "/mnt/../etc",
            "/mnt/a b",
            "/mnt/a:b",
            "/mnt/\u{1}",
        ] {
            assert!(!valid_path(bad), "{bad:?}");
        }
    }

    #[test]
    fn names_show_whole_unless_odd_or_secret_like() {
        let long = format!("AZURE_{}_RESOURCEENDPOINT", "X".repeat(40));
        assert_eq!(Name(&long).to_string(), format!("\"{long}\""));
        assert_eq!(
            Name("spring.cloud.azure.client-id").to_string(),
            "\"spring.cloud.azure.client-id\""
        );
        assert_eq!(Name("a\"b").to_string(), "\"a\\\"b\"");
        let secret = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6";
        assert!(Name(secret).to_string().contains("not shown"));
    }
}
