//! Reads the classifier's three text corpora, which share one layout and one
//! file format:
//!
//! * `tests/fixtures/errors/`, the first fixtures ([`load_fixtures`]; format
//!   and extra headers: `tests/fixtures/errors/README.md`);
//! * `tests/fixtures/real/`, real pasted texts, all development data
//!   ([`load_real`]; `split.tsv`, written by `tools/split_corpus.py`, records
//!   every text and its origin);
//! * `tests/fixtures/holdout/`, the test set ([`load_holdout`]): measured
//!   only. It may be missing or hold no text yet.
//!
//! Layout: `<corpus>/<category id>/<name>.txt`; files elsewhere (a note at the
//! corpus root) are skipped. Format: header lines `# key: value`, a line
//! `---`, then the verbatim pasted text.
//!
//! Errors name the file and a header line number, never the text: the
//! holdout's texts are measured, not read.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Which set a real text belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Set {
    /// `tests/fixtures/real/`: rules may be tuned on these texts.
    Dev,
    /// `tests/fixtures/holdout/`, the test set: measured only, never read.
    Holdout,
}

/// One file of the first fixtures `tests/fixtures/errors/`.
#[derive(Debug)]
pub struct Fixture {
    /// Path relative to `tests/fixtures/errors/`.
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

/// One real pasted text (development or test set).
#[derive(Debug)]
pub struct RealText {
    /// Path relative to the repository root.
    pub path: String,
    /// Expected category id.
    pub expected: String,
    /// Where the text was found.
    pub source: String,
    /// Its set.
    pub set: Set,
    /// The verbatim text.
    pub text: String,
}

/// One corpus file split into its header and its text.
struct CorpusFile {
    /// The file's path, relative to the directory the caller names.
    name: String,
    /// The category directory it lives in.
    dir: String,
    /// `(line number, key, value)` of each header line.
    headers: Vec<(usize, String, String)>,
    /// Everything after the `---` line.
    text: String,
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// The `*.txt` files one directory level below `corpus`, sorted; none when
/// `corpus` does not exist.
fn corpus_files(corpus: &Path) -> Result<Vec<PathBuf>, String> {
    if !corpus.exists() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(corpus).map_err(|e| format!("{}: {e}", corpus.display()))? {
        let dir = entry.map_err(|e| e.to_string())?.path();
        if !dir.is_dir() {
            continue;
        }
        for entry in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let p = entry.map_err(|e| e.to_string())?.path();
            if p.extension().is_some_and(|x| x == "txt") {
                files.push(p);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Splits one file's content; `name` is what errors call it.
fn split_file(name: &str, dir: &str, content: &str) -> Result<CorpusFile, String> {
    let (head, text) = content
        .split_once("\n---\n")
        .ok_or_else(|| format!("{name}: missing --- separator"))?;
    let mut headers = Vec::new();
    for (i, line) in head.lines().enumerate() {
        let n = i + 1;
        let rest = line
            .strip_prefix("# ")
            .ok_or_else(|| format!("{name}: header line {n} does not start with '# '"))?;
        let (key, value) = rest
            .split_once(':')
            .ok_or_else(|| format!("{name}: header line {n} has no ':'"))?;
        headers.push((n, key.to_string(), value.trim().to_string()));
    }
    Ok(CorpusFile {
        name: name.to_string(),
        dir: dir.to_string(),
        headers,
        text: text.to_string(),
    })
}

/// Reads every file of `corpus`, naming each by its path relative to `base`.
/// Fails when a file's `# expected:` is not the directory it lives in.
fn read_corpus(corpus: &Path, base: &Path) -> Result<Vec<CorpusFile>, String> {
    let mut out = Vec::new();
    for file in corpus_files(corpus)? {
        let name = file
            .strip_prefix(base)
            .unwrap_or(&file)
            .display()
            .to_string();
        let dir = file
            .parent()
            .and_then(|d| d.file_name())
            .map(|d| d.to_string_lossy().to_string())
            .unwrap_or_default();
        let content =
            std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let f = split_file(&name, &dir, &content)?;
        let expected = f.header("expected");
        if expected != f.dir {
            return Err(format!(
                "{name}: expected {expected:?} but the directory is {}",
                f.dir
            ));
        }
        out.push(f);
    }
    Ok(out)
}

impl CorpusFile {
    /// The last value of a header key, empty when absent.
    fn header(&self, key: &str) -> &str {
        self.headers
            .iter()
            .rev()
            .find(|(_, k, _)| k == key)
            .map_or("", |(_, _, v)| v.as_str())
    }

    /// Fails on a header key outside `allowed` or a missing source.
    fn check_keys(&self, allowed: &[&str]) -> Result<(), String> {
        if let Some((n, key, _)) = self
            .headers
            .iter()
            .find(|(_, k, _)| !allowed.contains(&k.as_str()))
        {
            return Err(format!(
                "{}: header line {n}: unknown key {key:?} (expected one of {})",
                self.name,
                allowed.join(", ")
            ));
        }
        if self.header("source").is_empty() {
            return Err(format!("{}: a # source: line is required", self.name));
        }
        Ok(())
    }
}

/// Every first fixture of `tests/fixtures/errors/`, sorted by path.
pub fn load_fixtures() -> Result<Vec<Fixture>, String> {
    let root = repo_root().join("tests/fixtures/errors");
    let mut out = Vec::new();
    for f in read_corpus(&root, &root)? {
        f.check_keys(&[
            "expected", "source", "format", "entity", "command", "context",
        ])?;
        let mut entities = Vec::new();
        let mut commands = Vec::new();
        for (n, key, value) in &f.headers {
            match key.as_str() {
                "entity" => {
                    let (k, v) = value.split_once('=').ok_or_else(|| {
                        format!("{}: header line {n}: entity without '='", f.name)
                    })?;
                    entities.push((k.to_string(), v.to_string()));
                }
                "command" => commands.push(value.clone()),
                _ => {}
            }
        }
        let context = Some(f.header("context").to_string()).filter(|c| !c.is_empty());
        out.push(Fixture {
            expected: f.header("expected").to_string(),
            source: f.header("source").to_string(),
            entities,
            commands,
            context,
            name: f.name,
            text: f.text,
        });
    }
    Ok(out)
}

/// The origin of each text of `tests/fixtures/real/` as `split.tsv` records
/// it: repository-relative path to (category, origin).
pub fn load_split() -> Result<BTreeMap<String, (String, String)>, String> {
    let file = repo_root().join("tests/fixtures/real/split.tsv");
    let content = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut out = BTreeMap::new();
    for line in content.lines() {
        if line.is_empty() || line.starts_with('#') || line.starts_with("path\t") {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [path, category, set, origin] = cols[..] else {
            return Err(format!(
                "split.tsv: expected 4 tab-separated columns (path, category, set, origin), found {line:?}"
            ));
        };
        // Every text of the real corpus is development data; the origin says
        // which collection it came from.
        if set != "dev" {
            return Err(format!("split.tsv: set must be dev, found {set:?}"));
        }
        out.insert(path.to_string(), (category.to_string(), origin.to_string()));
    }
    Ok(out)
}

fn real_texts(corpus: &str, set: Set) -> Result<Vec<RealText>, String> {
    let root = repo_root();
    read_corpus(&root.join(corpus), &root)?
        .into_iter()
        .map(|f| {
            f.check_keys(&["expected", "source", "format", "note"])?;
            Ok(RealText {
                expected: f.header("expected").to_string(),
                source: f.header("source").to_string(),
                set,
                path: f.name,
                text: f.text,
            })
        })
        .collect()
}

/// Every text of `tests/fixtures/real/`, sorted by path. Fails if a file is
/// missing from `split.tsv`, `split.tsv` names a missing file, or a file's
/// directory, its `# expected:` and its split category disagree.
pub fn load_real() -> Result<Vec<RealText>, String> {
    let split = load_split()?;
    let out = real_texts("tests/fixtures/real", Set::Dev)?;
    for t in &out {
        let (category, _) = split
            .get(&t.path)
            .ok_or_else(|| format!("{}: not in split.tsv (run tools/split_corpus.py)", t.path))?;
        if t.expected != *category {
            return Err(format!(
                "{}: expected {} but split.tsv says {category}",
                t.path, t.expected
            ));
        }
    }
    if out.len() != split.len() {
        return Err(format!(
            "split.tsv lists {} files but the corpus has {}",
            split.len(),
            out.len()
        ));
    }
    Ok(out)
}

/// Every text of the test set `tests/fixtures/holdout/`, sorted by path; none
/// while the directory is missing or holds only its note.
pub fn load_holdout() -> Result<Vec<RealText>, String> {
    real_texts("tests/fixtures/holdout", Set::Holdout)
}

/// One text the learned fallback is trained on: a first fixture or a
/// development text, never a test-set text.
pub struct TrainingText {
    /// Repository-relative path.
    pub path: String,
    /// Expected category id.
    pub expected: String,
    /// The pasted text.
    pub text: String,
}

/// The learned fallback's training texts (the first fixtures and the
/// development set, sorted by path) and their digest, which the model's table
/// records so that a test can tell when the texts changed after training.
pub fn training_set() -> Result<(Vec<TrainingText>, String), String> {
    let mut out: Vec<TrainingText> = load_fixtures()?
        .into_iter()
        .map(|f| TrainingText {
            path: format!("tests/fixtures/errors/{}", f.name),
            expected: f.expected,
            text: f.text,
        })
        .chain(load_real()?.into_iter().map(|t| TrainingText {
            path: t.path,
            expected: t.expected,
            text: t.text,
        }))
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    // FNV-1a over path, label and text, each closed by a NUL: stable across
    // platforms and releases, unlike the standard library's hasher.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for t in &out {
        for part in [&t.path, &t.expected, &t.text] {
            for &b in part.as_bytes().iter().chain(&[0u8]) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    Ok((out, format!("{h:016x}")))
}
