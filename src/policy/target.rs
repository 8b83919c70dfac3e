//! Target: the target, auth, client and account-kind ids, the locating
//! parameters, a pasted target id and the target-specific endpoints.

use super::rule::IGNORED_INPUT;
use crate::catalog::{Param, TargetDef, TargetId};
use crate::error::{Finding, Quoted};
use crate::resolve::{nonempty, IdError, Resolved, Unresolved};
use crate::shapes;
use crate::spec::ConnectionSpec;

super::rule::rules! {
    AUTH_SUPPORTED = "SC008", Error, "the auth type must be supported for the target on AKS";
    CLIENT_SUPPORTED = "SC009", Error, "the client type must be supported for the target";
    TARGET_SUPPORTED = "SC010", Error, "the target must be one of the 27 AKS targets";
    LOCATING_PARAMETERS = "SC011", Info, "locating parameters missing: placeholders stay in the rendered values";
    TARGET_ID = "SC012", Error, "a pasted target id must match the target's ARM id pattern";
    CONFLUENT_FORMAT = "SC017", Error, "confluent bootstrap server is host:port and the schema registry an https URL";
    DEPRECATED_TARGET = "SC019", Warning, "the target is deprecated";
    ACCOUNT_KIND = "SC024", Error, "target.kind is the cognitiveservices account kind";
    CONFLUENT_ENDPOINT = "SC039", Warning, "confluent endpoints are on azure.confluent.cloud: the az CLI refuses others";
}

/// The ids: the target (`SC010`), the account kind (`SC024`), the auth
/// (`SC008`) and the client (`SC009`), from what resolution could not use.
pub(super) fn check_ids(
    spec: &ConnectionSpec,
    resolved: &Result<Resolved<'_>, Unresolved<'_>>,
    f: &mut Vec<Finding>,
) {
    let (target, errors) = match resolved {
        Ok(r) => (Some(r.target), &[][..]),
        Err(u) => (u.target, u.errors.as_slice()),
    };
    if let Some(target) = target.filter(|t| t.id != TargetId::CognitiveServices) {
        if let Some(k) = nonempty(spec.target.account_kind.as_deref()) {
            // The kind changes nothing for other targets, so the other checks still run.
            f.push(ACCOUNT_KIND.at(
                "target.kind",
                format!(
                    "expected no kind for target `{}` (only cognitiveservices has one), found {}",
                    target.id,
                    Quoted(k)
                ),
            ));
        }
    }
    for e in errors {
        f.push(id_finding(*e, target));
    }
}

fn id_finding(e: IdError<'_>, target: Option<&TargetDef>) -> Finding {
    let id = target.map_or("", |t| t.id.as_str());
    match e {
        IdError::UnknownTarget(t) => {
            let supported: Vec<_> = TargetId::ALL.iter().map(|t| t.as_str()).collect();
            let message = match t {
                "fabric-sql" | "containerapp" => format!(
                    "target {} is not available with AKS as the source; expected one of {}",
                    Quoted(t),
                    supported.join(", ")
                ),
                _ => format!(
                    "expected one of {}, found {}",
                    supported.join(", "),
                    Quoted(t)
                ),
            };
            TARGET_SUPPORTED.at("target.type", message)
        }
        IdError::UnknownAccountKind(k) => ACCOUNT_KIND.at(
            "target.kind",
            format!(
                "expected one of AIServices, OpenAI, CognitiveServices, found {}",
                Quoted(k)
            ),
        ),
        IdError::UnsupportedAuth(a) => AUTH_SUPPORTED.at(
            "auth.type",
            format!(
                "auth {} is not supported for `{id}` on AKS; expected one of {}",
                Quoted(a),
                join(target.map_or(&[][..], |t| t.auth_types))
            ),
        ),
        IdError::UnsupportedClient(c) => CLIENT_SUPPORTED.at(
            "clientType",
            format!(
                "client {} is not supported for `{id}`; expected one of {}",
                Quoted(c),
                join(target.map_or(&[][..], |t| t.client_types))
            ),
        ),
    }
}

fn join<T: std::fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A deprecated (single-server) target (`SC019`).
pub(super) fn check_deprecated(r: &Resolved<'_>, f: &mut Vec<Finding>) {
    let target = r.target.id;
    if r.target.deprecated {
        f.push(DEPRECATED_TARGET.at(
            "target.type",
            format!("`{target}` (single server) is deprecated; expected the flexible-server target `{}-flexible`", target),
        ));
    }
}

/// The locating parameters: only the target's own, missing ones noted, the
/// Confluent endpoints' shapes, and a pasted target id where one applies.
pub(super) fn check_params(r: &Resolved<'_>, f: &mut Vec<Finding>) {
    let t = &r.spec.target;
    for p in Param::ALL {
        if t.param(*p).is_some() && !r.target.parameters.contains(p) {
            f.push(IGNORED_INPUT.at(
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
        f.push(LOCATING_PARAMETERS.at(
            "target",
            format!("missing {}: placeholders stay in the YAML; the ARM request and az command need them", missing.join(", ")),
        ));
    }
    if r.target.id == TargetId::ConfluentCloud {
        if let Some(b) = t.param(Param::BootstrapServer) {
            if !host_port(b) {
                f.push(CONFLUENT_FORMAT.at(
                    "target.bootstrapServer",
                    format!("expected host:port, found {q_b}", q_b = Quoted(b)),
                ));
            }
        }
        if let Some(u) = t.param(Param::SchemaRegistry) {
            if !shapes::https_url(u) {
                f.push(CONFLUENT_FORMAT.at(
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
                f.push(CONFLUENT_ENDPOINT.at(
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
            f.push(IGNORED_INPUT.at("target.id", "confluent-cloud has no ARM resource id; expected the bootstrap server and schema registry instead"));
        }
    }
    if crate::catalog::cli_target_id(r.target.id).is_some() {
        if nonempty(t.subscription.as_deref()).is_some() {
            f.push(IGNORED_INPUT.at(
                "target.subscription",
                format!(
                    "the az CLI sends its own fixed target id for `{}`, with its own subscription; expected no target.subscription",
                    r.target.id
                ),
            ));
        }
        if nonempty(t.id.as_deref()).is_some() {
            f.push(IGNORED_INPUT.at(
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
        let ok = id.starts_with("/subscriptions/") && !shapes::has_space_or_control(id);
        if !ok {
            f.push(TARGET_ID.at(
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
                if g.is_empty() || shapes::has_space_or_control(g) {
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
        f.push(TARGET_ID.at(
            "target.id",
            format!(
                "resource id is invalid: expected {pattern}, found {q_id}",
                q_id = Quoted(id)
            ),
        ));
    } else if !conflicts.is_empty() {
        f.push(TARGET_ID.at(
            "target.id",
            format!("the id disagrees with the given {}", conflicts.join(", ")),
        ));
    }
}
