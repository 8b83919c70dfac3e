//! Findings (what policy reports) and the crate's error type.

use serde::Serialize;

/// How serious a finding is; any `error` blocks rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The spec cannot be rendered or sent as it is.
    Error,
    /// Renderable, but probably not what the user wants.
    Warning,
    /// Worth knowing; nothing to fix.
    Info,
}

impl Severity {
    /// The serialized name: `error`, `warning` or `info`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One policy finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// Stable rule code, e.g. `SC001`.
    pub code: &'static str,
    /// Severity.
    pub severity: Severity,
    /// Path of the offending field in the connection spec, e.g. `auth.clientId`.
    pub field: String,
    /// What was expected and what was found.
    pub message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.code, self.field, self.message)
    }
}

/// Orders findings errors first, then warnings, then info, keeping their order within a
/// severity. An insertion sort (the lists are short and mostly in order already): the
/// standard library's stable sort is much more code, compiled once per call site's key closure.
pub(crate) fn sort_by_severity(findings: &mut [Finding]) {
    for i in 1..findings.len() {
        let mut j = i;
        while j > 0 && findings[j - 1].severity > findings[j].severity {
            findings.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Errors returned by the public API. Each has a stable [`Error::code`].
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Policy found at least one error-severity finding.
    #[error("connection spec is invalid: {}", first_error(.findings))]
    InvalidSpec {
        /// Every finding, errors first.
        findings: Vec<Finding>,
    },
    /// The input could not be read as the expected type.
    #[error("{field}: {message}")]
    InvalidInput {
        /// Path of the offending field (`$` for the whole input).
        field: String,
        /// What was expected and what was found.
        message: String,
    },
    /// An input is larger than its cap ([`crate::input::CAPS`]); checked before any work.
    #[error("{field}: {message}")]
    TooLarge {
        /// Path of the field over its cap (`$` for the whole spec's JSON text).
        field: String,
        /// The cap and the size found.
        message: String,
    },
    /// YAML emission failed (never expected for validated input).
    #[error("yaml emission failed for {object_kind} `{name}`: {message}")]
    Yaml {
        /// Kubernetes object kind of the document.
        object_kind: &'static str,
        /// Object name.
        name: String,
        /// The emitter's message.
        message: String,
    },
}

fn first_error(findings: &[Finding]) -> String {
    let errors = findings.iter().filter(|f| f.severity == Severity::Error);
    let count = errors.clone().count();
    match errors.clone().next() {
        Some(first) if count > 1 => format!("{first} (and {} more)", count - 1),
        Some(first) => first.to_string(),
        None => "no error finding".to_owned(),
    }
}

impl Error {
    /// A stable, machine-readable code callers can branch on.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidSpec { .. } => "invalid-spec",
            Error::InvalidInput { .. } => "invalid-input",
            Error::TooLarge { .. } => "input-too-large",
            Error::Yaml { .. } => "yaml-emission",
        }
    }

    /// The field path the error is about, when there is one.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::InvalidSpec { findings } => findings
                .iter()
                .find(|f| f.severity == Severity::Error)
                .map(|f| f.field.as_str()),
            Error::InvalidInput { field, .. } | Error::TooLarge { field, .. } => Some(field),
            Error::Yaml { .. } => None,
        }
    }

    /// The policy findings, for [`Error::InvalidSpec`].
    pub fn findings(&self) -> &[Finding] {
        match self {
            Error::InvalidSpec { findings } => findings,
            _ => &[],
        }
    }
}

/// At most this many characters of a user value appear in a message.
pub const QUOTE_CHARS: usize = 32;

/// Shows a user value in a message, the one way every finding and error message
/// quotes input: in double quotes, with quotes, backslashes and invisible
/// characters escaped, so the message stays on one line and says exactly what was
/// found; separators such as U+2028 are escaped too. Only the first
/// [`QUOTE_CHARS`] characters are shown (then `…` and the length), and a value that
/// looks like a secret (a key typed into the wrong field) is not shown at all:
/// messages end up in logs, CI output and bug reports.
pub struct Quoted<'a>(pub &'a str);

impl std::fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use std::fmt::Write;
        let s = self.0;
        if looks_secret(s) {
            return write!(
                f,
                "[{} characters that look like a secret, not shown]",
                s.chars().count()
            );
        }
        f.write_char('"')?;
        for (i, c) in s.chars().enumerate() {
            if i == QUOTE_CHARS {
                return write!(f, "…\" ({} characters)", s.chars().count());
            }
            match c {
                '"' => f.write_str("\\\"")?,
                '\\' => f.write_str("\\\\")?,
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                '\0' => f.write_str("\\0")?,
                c if c.is_control()
                    || matches!(
                        c,
                        '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{200b}'..='\u{200f}'
                    ) =>
                {
                    write!(f, "\\u{{{:x}}}", c as u32)?
                }
                c => f.write_char(c)?,
            }
        }
        f.write_char('"')
    }
}

/// Markers of a credential inside a value (compared in lower case): connection
/// string parts, SAS signatures, PEM blocks, passwords in URLs.
const SECRET_MARKERS: &[&str] = &[
    "accountkey=",
    "sharedaccesskey=",
    "sharedaccesssignature=",
    "password=",
    "pwd=",
    "secret=",
    "sig=",
    "token=",
    "apikey=",
    "-----begin",
];

/// Whether a value looks like a credential: it carries a marker of one (a
/// connection string's `AccountKey=`, a SAS `sig=`, a PEM header, …), is a JWT, has a `user:password@` part, or holds a run of 20 or more token
/// characters mixing upper case, lower case and digits (account keys, client
/// secrets, API keys). Names, GUIDs, ARM ids, host names and configuration key
/// names never mix all three in one run that long; a false alarm only hides a value.
pub fn looks_secret(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    if SECRET_MARKERS.iter().any(|m| lower.contains(m)) || s.starts_with("eyJ") && s.contains('.') {
        return true;
    }
    if let Some(at) = s.find('@') {
        if s[..at]
            .rsplit_once("://")
            .is_some_and(|(_, user)| user.contains(':'))
        {
            return true;
        }
    }
    let token = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '=' | '_' | '~' | '-');
    s.split(|c| !token(c)).any(|run| {
        run.len() >= 20
            && run.bytes().any(|b| b.is_ascii_uppercase())
            && run.bytes().any(|b| b.is_ascii_lowercase())
            && run.bytes().any(|b| b.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::{looks_secret, sort_by_severity, Finding, Quoted, Severity};

    #[test]
    fn sort_by_severity_puts_errors_first_and_keeps_rule_order_within() {
        let f = |code, severity| Finding {
            code,
            severity,
            field: String::new(),
            message: String::new(),
        };
        let mut v = vec![
            f("SC010", Severity::Info),
            f("SC002", Severity::Warning),
            f("SC005", Severity::Error),
            f("SC001", Severity::Info),
            f("SC009", Severity::Error),
            f("SC003", Severity::Warning),
        ];
        // What the standard library's stable sort gives.
        let mut want = v.clone();
        want.sort_by_key(|x| x.severity);
        sort_by_severity(&mut v);
        let codes = |v: &[Finding]| v.iter().map(|x| x.code).collect::<Vec<_>>();
        assert_eq!(
            codes(&v),
            ["SC005", "SC009", "SC002", "SC003", "SC010", "SC001"]
        );
        assert_eq!(v, want);
    }

    #[test]
    fn quoted_escapes_what_debug_escapes_for_ordinary_text() {
        for s in [
            "plain",
            "a\"b",
            "back\\slash",
            "new\nline",
            "tab\t",
            "nul\0",
            "ü ok",
            "",
        ] {
            assert_eq!(Quoted(s).to_string(), format!("{s:?}"), "{s}");
        }
        assert_eq!(Quoted("\u{2028}\u{1b}").to_string(), "\"\\u{2028}\\u{1b}\"");
    }

    #[test]
    fn quoted_shows_a_short_prefix_of_long_values() {
        let exact = "a".repeat(32);
        assert_eq!(Quoted(&exact).to_string(), format!("\"{exact}\""));
        let long = format!("{}{}", "b".repeat(32), "\u{1}".repeat(50_000_000 / 1000));
        assert_eq!(
            Quoted(&long).to_string(),
            format!("\"{}…\" (50032 characters)", "b".repeat(32))
        );
        // Escapes count as the one character they show.
        let ctl = "\u{1}".repeat(40);
        assert_eq!(
            Quoted(&ctl).to_string(),
            format!("\"{}…\" (40 characters)", "\\u{1}".repeat(32))
        );
    }

    #[test]
    fn quoted_hides_values_that_look_like_secrets() {
        let secrets = [
            // A storage account key, a client secret, a SAS, a connection string, a JWT, a URL password.
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
            "abc8Q~Xy2z.Kq9LmNoPqRsTuVwXyZ01234567890",
            "sv=2022-11-02&ss=b&sig=abc",
            "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abc",
            "eyJhbGciOiJIUzI1NiJ9.e30.x",
            "mongodb+srv://user:hunter2@cluster0.example.net/",
            "-----BEGIN PRIVATE KEY-----",
        ];
        for s in secrets {
            assert!(looks_secret(s), "{s}");
            let shown = Quoted(s).to_string();
            assert!(shown.contains("look like a secret, not shown"), "{shown}");
            assert!(!shown.contains(&s[..6]), "{shown}");
        }
        for plain in [
            "Bad_NS",
            "storage_conn",
            "4e3d2c1b-0000-4000-8000-0000000000aa",
            "4E3D2C1B-0000-4000-8000-0000000000AA",
            "/subscriptions/00001111-aaaa-2222-bbbb-3333cccc4444/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/app-id",
            "AZURE_STORAGEBLOB_CONNECTIONSTRING",
            "mystore.blob.core.windows.net",
            "https://example.com/a?b=c",
            "mcr.microsoft.com/azure-cli:2.61.0",
        ] {
            assert!(!looks_secret(plain), "{plain}");
        }
    }
}
