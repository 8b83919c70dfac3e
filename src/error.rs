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
    /// YAML emission failed (never expected for validated input).
    #[error("yaml emission failed for {kind} `{name}`: {message}")]
    Yaml {
        /// Kubernetes kind of the document.
        kind: &'static str,
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
            Error::InvalidInput { field, .. } => Some(field),
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

/// Shows a user value in a message: in double quotes, with quotes, backslashes
/// and invisible characters escaped, so the message stays on one line and
/// says exactly what was found; separators such as U+2028 are escaped too.
pub struct Quoted<'a>(pub &'a str);

impl std::fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use std::fmt::Write;
        f.write_char('"')?;
        for c in self.0.chars() {
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

#[cfg(test)]
mod tests {
    use super::Quoted;

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
}
