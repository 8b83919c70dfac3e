//! az CLI command forms: argv builders and POSIX shell quoting.
//!
//! Commands are built as word lists first and quoted last, so that a POSIX
//! shell splits the printed line back into exactly these words.

use super::{Command, Fill, Inputs};
use crate::catalog::{AuthId, TargetId};
use serde::Serialize;

/// Quotes one word for a POSIX shell: bare when it holds only characters no
/// shell treats specially, otherwise in single quotes with `'` as `'\''`.
///
/// ```
/// use aks_service_connector::plan::az::shell_quote;
/// assert_eq!(shell_quote("storage-blob"), "storage-blob");
/// assert_eq!(shell_quote("it's $(x)"), r"'it'\''s $(x)'");
/// assert_eq!(shell_quote(""), "''");
/// ```
pub fn shell_quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_@%+=:,./-".contains(&b));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// Joins words into one shell line, each quoted with [`shell_quote`].
pub fn shell_line<S: AsRef<str>>(words: &[S]) -> String {
    words
        .iter()
        .map(|w| shell_quote(w.as_ref()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A word list under construction, with a parallel mask for display.
#[derive(Debug, Clone, Default)]
pub(crate) struct Argv {
    words: Vec<String>,
    masked: Vec<String>,
}

impl Argv {
    pub(crate) fn new(words: &[&str]) -> Self {
        let mut a = Argv::default();
        for w in words {
            a.arg(*w);
        }
        a
    }

    /// A word shown as is.
    pub(crate) fn arg(&mut self, w: impl Into<String>) -> &mut Self {
        let w = w.into();
        self.masked.push(w.clone());
        self.words.push(w);
        self
    }

    /// `flag value`.
    pub(crate) fn opt(&mut self, flag: &str, value: impl Into<String>) -> &mut Self {
        self.arg(flag).arg(value)
    }

    /// `flag value`, with the value masked for display when `secret`.
    pub(crate) fn secret_opt(&mut self, flag: &str, value: String, secret: bool) -> &mut Self {
        self.arg(flag);
        self.masked_word(value, secret, "")
    }

    /// `key=value`, with the value masked for display when `secret`.
    pub(crate) fn pair(&mut self, key: &str, value: &str, secret: bool) -> &mut Self {
        self.masked_word(format!("{key}={value}"), secret, &format!("{key}="))
    }

    fn masked_word(&mut self, w: String, secret: bool, prefix: &str) -> &mut Self {
        self.masked.push(if secret {
            format!("{prefix}***")
        } else {
            w.clone()
        });
        self.words.push(w);
        self
    }

    pub(crate) fn command(&self, note: impl Into<String>) -> Command {
        Command {
            line: shell_line(&self.words),
            masked_line: shell_line(&self.masked),
            argv: self.words.clone(),
            note: note.into(),
        }
    }
}

/// The az CLI forms of the connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct AzCommands {
    /// `az aks connection create <target> …`.
    pub create: Command,
    /// `az aks connection show …` (one per linker).
    pub show: Vec<Command>,
    /// `az aks connection list-configuration …` (one per linker).
    pub list_configuration: Vec<Command>,
    /// `az aks connection validate …` (one per linker).
    pub validate: Vec<Command>,
    /// `az aks connection delete …` (one per linker).
    pub delete: Vec<Command>,
    /// Whether the create command holds no placeholder.
    pub complete: bool,
    /// Spec fields whose placeholders are in the create command.
    pub missing: Vec<String>,
}

/// Answers the confirmation `az … connection delete` asks for: without a
/// terminal the prompt fails and the delete is cancelled.
pub(crate) const YES: &str = "--yes";

/// The connection's identifying flags: `--connection <c> --resource-group <rg> --name <cluster>`.
pub(crate) fn connection_flags(a: &mut Argv, i: &Inputs<'_>, fill: &mut Fill, connection: &str) {
    a.opt("--connection", connection);
    a.opt("--resource-group", i.cluster_rg(fill));
    a.opt("--name", i.cluster_name(fill));
    if let Some(sub) = i.cluster_sub() {
        a.opt("--subscription", sub);
    }
}

/// Builds every az form of the connection.
pub(crate) fn build(i: &Inputs<'_>) -> AzCommands {
    let r = i.r;
    let mut fill = Fill::default();
    let mut a = Argv::new(&["az", "aks", "connection", "create", r.target.id.as_str()]);
    connection_flags(&mut a, i, &mut fill, &r.connection_name);

    let target = &r.spec.target;
    if r.target.id == TargetId::ConfluentCloud {
        for p in r.target.parameters {
            let v = fill.param(target, *p);
            let supplied = target.param(*p).is_some();
            a.secret_opt(p.flag(), v, p.is_secret() && supplied);
        }
    } else if i.needs_target_id() {
        // The per-flag form has no target-subscription flag and no form for
        // partner targets, so those take the full id.
        a.opt("--target-id", i.target_id(&mut fill));
    } else {
        for p in r.target.parameters {
            a.opt(p.flag(), fill.param(target, *p));
        }
    }

    let auth = r.spec.auth.as_ref().unwrap_or(&crate::spec::NO_AUTH);
    match r.auth {
        AuthId::WorkloadIdentity => {
            a.opt(
                "--workload-identity",
                fill.get(auth.identity_id.as_deref(), "auth.identityId"),
            );
        }
        AuthId::ConnectionString => {
            a.arg("--secret");
        }
        AuthId::Secret if r.target.id == TargetId::ConfluentCloud => {}
        AuthId::Secret if r.target.id == TargetId::MongoDbAtlas => {
            // The CLI takes only the connection string and fixes the name itself.
            let password = fill.get(auth.password.as_deref(), "auth.password");
            let supplied = super::given(auth.password.as_deref());
            a.arg("--secret").pair("secret", &password, supplied);
        }
        AuthId::Secret => {
            let user = fill.get(auth.username.as_deref(), "auth.username");
            let password = fill.get(auth.password.as_deref(), "auth.password");
            let supplied = super::given(auth.password.as_deref());
            a.arg("--secret")
                .pair("name", &user, false)
                .pair("secret", &password, supplied);
        }
        AuthId::ServicePrincipal => {
            let client = fill.get(auth.client_id.as_deref(), "auth.clientId");
            let object = fill.get(auth.object_id.as_deref(), "auth.objectId");
            let secret = fill.get(auth.secret.as_deref(), "auth.secret");
            let supplied = super::given(auth.secret.as_deref());
            a.arg("--service-principal")
                .pair("client-id", &client, false)
                .pair("object-id", &object, false)
                .pair("secret", &secret, supplied);
        }
        AuthId::KeyvaultCsi => {
            a.arg("--enable-csi");
        }
    }
    a.opt("--client-type", r.client.as_str());
    a.opt("--kube-namespace", r.namespace.as_str());
    if !r.spec.customized_keys.is_empty() {
        a.arg("--customized-keys");
        for (default, custom) in &r.spec.customized_keys {
            a.pair(default, custom, false);
        }
    }
    let create = a.command(
        "creates the connection; Service Connector then performs the applicable operations of the plan",
    );

    let mut show = Vec::new();
    let mut list_configuration = Vec::new();
    let mut validate = Vec::new();
    let mut delete = Vec::new();
    // Placeholders in these follow-up commands are the same cluster fields the
    // create command already reports, so their fill is not tracked separately.
    let mut other = Fill::default();
    for name in i.linker_names() {
        let cmd = |verb: &str, other: &mut Fill| {
            let mut a = Argv::new(&["az", "aks", "connection", verb]);
            connection_flags(&mut a, i, other, &name);
            a
        };
        show.push(cmd("show", &mut other).command(
            "shows the linker: provisioningState, targetService, authInfo (secrets come back empty)",
        ));
        list_configuration.push(cmd("list-configuration", &mut other).command(
            "lists the configuration names Service Connector wrote; credential values come back empty on AKS",
        ));
        validate.push(cmd("validate", &mut other).command(
            "checks the target exists, the firewall rules and the workload-identity role assignment, \
             not the in-cluster values; it always reports success for AKS",
        ));
        let mut del = cmd("delete", &mut other);
        del.arg(YES);
        delete.push(del.command(
            "deletes the linker; its Kubernetes objects stay in the cluster (see cleanup)",
        ));
    }

    AzCommands {
        create,
        show,
        list_configuration,
        validate,
        delete,
        complete: fill.missing.is_empty(),
        missing: fill.missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("name=alice"), "name=alice");
        assert_eq!(shell_quote("~x"), "'~x'");
        assert_eq!(shell_quote("'"), r"''\'''");
        assert_eq!(shell_quote("<auth.clientId>"), "'<auth.clientId>'");
    }

    #[test]
    fn masking_keeps_the_key() {
        let mut a = Argv::new(&["az"]);
        a.arg("--secret")
            .pair("name", "u", false)
            .pair("secret", "p w", true);
        let c = a.command("");
        assert_eq!(c.line, "az --secret name=u 'secret=p w'");
        assert_eq!(c.masked_line, "az --secret name=u 'secret=***'");
    }
}
