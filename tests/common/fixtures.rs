//! Reads the error fixture corpus (format: `tests/fixtures/errors/README.md`).

use std::path::{Path, PathBuf};

/// One fixture file.
#[derive(Debug)]
pub struct Fixture {
    /// Path relative to the corpus root.
    pub name: String,
    /// Expected category id.
    pub expected: String,
    /// Where the sample came from.
    pub source: String,
    /// `(entity name, value)` pairs that must be extracted.
    pub entities: Vec<(String, String)>,
    /// Substrings that at least one command of the winning match must contain.
    pub commands: Vec<String>,
    /// Optional context JSON.
    pub context: Option<String>,
    /// The pasted text.
    pub text: String,
}

/// The corpus root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/errors")
}

/// Parses one fixture file's content.
pub fn parse(name: &str, content: &str) -> Result<Fixture, String> {
    let (head, text) = content
        .split_once("\n---\n")
        .ok_or_else(|| format!("{name}: missing --- separator"))?;
    let mut f = Fixture {
        name: name.to_string(),
        expected: String::new(),
        source: String::new(),
        entities: Vec::new(),
        commands: Vec::new(),
        context: None,
        text: text.to_string(),
    };
    for line in head.lines() {
        let Some(rest) = line.strip_prefix("# ") else {
            return Err(format!("{name}: header line without '# ': {line}"));
        };
        let (key, value) = rest
            .split_once(": ")
            .ok_or_else(|| format!("{name}: header line without ': ': {line}"))?;
        match key {
            "expected" => f.expected = value.to_string(),
            "source" => f.source = value.to_string(),
            "format" => {}
            "entity" => {
                let (k, v) = value
                    .split_once('=')
                    .ok_or_else(|| format!("{name}: entity without '='"))?;
                f.entities.push((k.to_string(), v.to_string()));
            }
            "command" => f.commands.push(value.to_string()),
            "context" => f.context = Some(value.to_string()),
            other => return Err(format!("{name}: unknown header {other}")),
        }
    }
    if f.expected.is_empty() || f.source.is_empty() {
        return Err(format!("{name}: expected and source are required"));
    }
    Ok(f)
}

/// Every fixture, sorted by path.
pub fn load_all() -> Result<Vec<Fixture>, String> {
    let mut out = Vec::new();
    let root = root();
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .map_err(|e| format!("{}: {e}", root.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for file in files {
            let content =
                std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            let name = file
                .strip_prefix(&root)
                .unwrap_or(&file)
                .display()
                .to_string();
            out.push(parse(&name, &content)?);
        }
    }
    Ok(out)
}
