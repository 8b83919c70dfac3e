//! Reads the real-text corpus `tests/fixtures/real/<category>/*.txt`, all of
//! it development data (`tests/fixtures/real/split.tsv`, written by
//! `tools/split_corpus.py`, records why), and the held-out test collection
//! `tests/fixtures/holdout/<category>/*.txt`.
//!
//! Errors about a held-out file name the file and the line number only, never
//! its text: those texts are measured, not read.
//!
//! File format: header lines `# expected: <id>`, `# source: <url>`,
//! `# format: <shape>`, optional `# note: …`, then a line `---` and the
//! verbatim pasted text.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Which set a text belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Set {
    /// `tests/fixtures/real/`: rules may be tuned on these texts.
    Dev,
    /// `tests/fixtures/holdout/`, the test set: measured only, never read.
    Holdout,
}

/// One real pasted text.
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

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// The split table: repository-relative path to (category, set).
pub fn load_split() -> Result<BTreeMap<String, (String, Set)>, String> {
    let file = repo_root().join("tests/fixtures/real/split.tsv");
    let content = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut out = BTreeMap::new();
    for line in content.lines() {
        if line.is_empty() || line.starts_with('#') || line.starts_with("path\t") {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [path, category, set] = cols[..] else {
            return Err(format!(
                "split.tsv: expected 3 tab-separated columns, found {line:?}"
            ));
        };
        // The former test part was read in aggregate while tuning: all dev now.
        let set = match set {
            "dev" => Set::Dev,
            other => return Err(format!("split.tsv: set must be dev, found {other:?}")),
        };
        out.insert(path.to_string(), (category.to_string(), set));
    }
    Ok(out)
}

/// Parses one corpus file.
pub fn parse(path: &str, set: Set, content: &str) -> Result<RealText, String> {
    let (head, text) = content
        .split_once("\n---\n")
        .ok_or_else(|| format!("{path}: missing --- separator"))?;
    let mut expected = String::new();
    let mut source = String::new();
    for (i, line) in head.lines().enumerate() {
        let n = i + 1;
        let rest = line
            .strip_prefix("# ")
            .ok_or_else(|| format!("{path}: header line {n} does not start with '# '"))?;
        let (key, value) = rest
            .split_once(':')
            .ok_or_else(|| format!("{path}: header line {n} has no ':'"))?;
        match key {
            "expected" => expected = value.trim().to_string(),
            "source" => source = value.trim().to_string(),
            "format" | "note" => {}
            other => return Err(format!("{path}: header line {n}: unknown key {other:?}")),
        }
    }
    if expected.is_empty() || source.is_empty() {
        return Err(format!("{path}: expected and source are required"));
    }
    Ok(RealText {
        path: path.to_string(),
        expected,
        source,
        set,
        text: text.to_string(),
    })
}

/// The `*.txt` files one directory level below `corpus`, sorted.
fn corpus_files(corpus: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(corpus)
        .map_err(|e| format!("{}: {e}", corpus.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
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

/// Every text of the held-out collection `tests/fixtures/holdout/`, sorted by
/// path, as [`Set::Holdout`]. Fails if a file's directory and its
/// `# expected:` disagree.
pub fn load_holdout() -> Result<Vec<RealText>, String> {
    let root = repo_root();
    let files = corpus_files(&root.join("tests/fixtures/holdout"))?;
    let mut out = Vec::new();
    for file in &files {
        let rel = file
            .strip_prefix(&root)
            .unwrap_or(file)
            .display()
            .to_string();
        let content =
            std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let t = parse(&rel, Set::Holdout, &content)?;
        let dir = file
            .parent()
            .and_then(|d| d.file_name())
            .map(|d| d.to_string_lossy().to_string())
            .unwrap_or_default();
        if t.expected != dir {
            return Err(format!(
                "{rel}: expected {} but the directory is {dir}",
                t.expected
            ));
        }
        out.push(t);
    }
    Ok(out)
}

/// Every text of `tests/fixtures/real/` with its set, sorted by path. Fails if a file
/// is missing from the split, the split names a missing file, or a file's
/// directory, its `# expected:` and its split category disagree.
pub fn load_all() -> Result<Vec<RealText>, String> {
    let split = load_split()?;
    let root = repo_root();
    let files = corpus_files(&root.join("tests/fixtures/real"))?;
    let mut out = Vec::new();
    for file in &files {
        let rel = file
            .strip_prefix(&root)
            .unwrap_or(file)
            .display()
            .to_string();
        let (category, set) = split
            .get(&rel)
            .ok_or_else(|| format!("{rel}: not in split.tsv (run tools/split_corpus.py)"))?;
        let content =
            std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let t = parse(&rel, *set, &content)?;
        let dir = file
            .parent()
            .and_then(|d| d.file_name())
            .map(|d| d.to_string_lossy().to_string())
            .unwrap_or_default();
        if t.expected != *category || t.expected != dir {
            return Err(format!(
                "{rel}: expected {} but the directory is {dir} and split.tsv says {category}",
                t.expected
            ));
        }
        out.push(t);
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
