//! Reading an input from JSON text: its size caps and shape, then its type.
//!
//! The one way the wasm boundary (and the fuzz targets) read a spec, render
//! options or a context. In order: the whole text against its cap; then, in one
//! walk over the JSON value before any typed work, each field against its cap
//! ([`CAPS`]) and the shape serde would let through (a derived struct also reads a
//! JSON array, its fields in order, so an array is refused where the table has an
//! object); last the typed value, with the path of the first bad field.

pub mod caps;
mod plain;
mod scan;

use serde::de::DeserializeOwned;
use serde_json::Value;

pub use caps::{Cap, Measure, CAPS};

use crate::error::{Error, Quoted};

/// Which argument an input is: names the root of its field paths and its caps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// The connection spec: paths as in policy findings (`target.type`), `$` for the root.
    Spec,
    /// A workload set: paths as in its findings (`connections[0].spec.target.type`), `$` for the root.
    Set,
    /// Render options: paths under `options`.
    Options,
    /// A plan or classify context: paths under `context`.
    Context,
    /// The entity values `explain` fills commands from: paths under `facts`.
    Facts,
    /// The existing workload `wire` connects: paths under `target`.
    Target,
}

impl Input {
    /// Every input that is read with [`read`].
    const ALL: [Input; 6] = [
        Input::Spec,
        Input::Set,
        Input::Options,
        Input::Context,
        Input::Facts,
        Input::Target,
    ];

    /// The `input` column of its rows in [`CAPS`].
    pub const fn name(self) -> &'static str {
        match self {
            Input::Spec => "spec",
            Input::Set => "set",
            Input::Options => "options",
            Input::Context => "context",
            Input::Facts => "facts",
            Input::Target => "target",
        }
    }

    /// Field paths inside the input start with this (`""` for the spec).
    const fn prefix(self) -> &'static str {
        match self {
            Input::Spec | Input::Set => "",
            Input::Options => "options",
            Input::Context => "context",
            Input::Facts => "facts",
            Input::Target => "target",
        }
    }

    /// The field path of the input's root: `$` for the spec and a set, else the prefix.
    const fn root_path(self) -> &'static str {
        match self {
            Input::Spec | Input::Set => "$",
            _ => self.prefix(),
        }
    }

    /// The field path of `inner` (a path inside the input, `""` for its root).
    pub fn path(self, inner: &str) -> String {
        match (self, inner) {
            (_, "" | ".") => self.root_path().to_owned(),
            (Input::Spec | Input::Set, p) => p.to_owned(),
            (_, p) => format!("{}.{p}", self.prefix()),
        }
    }

    /// What the input should be, for messages.
    pub const fn expected(self) -> &'static str {
        match self {
            Input::Spec => "a connection spec object",
            Input::Set => "a workload set object",
            Input::Options => "a render options object",
            Input::Context => "a context object",
            Input::Facts => "an object of entity values",
            Input::Target => "a workload target object",
        }
    }

    /// The cap on the input's whole JSON text.
    pub fn json_cap(self) -> usize {
        // The root's path borrowed: this runs on every read.
        find(self, self.root_path(), Measure::JsonBytes).map_or(usize::MAX, |c| c.max)
    }
}

/// The row of [`CAPS`] for a field pattern and a measure.
fn find(which: Input, field: &str, measure: Measure) -> Option<&'static Cap> {
    CAPS.iter()
        .find(|c| c.measure == measure && c.input == which.name() && c.field == field)
}

/// The error for an input over its cap.
fn too_large(field: String, message: String) -> Error {
    Error::TooLarge { field, message }
}

/// The error for JSON text longer than `which` accepts; `found` is its length
/// (or a lower bound of it, with `at_least`).
pub fn text_too_large(which: Input, found: usize, at_least: bool) -> Error {
    let cap = which.json_cap();
    too_large(
        which.path(""),
        format!(
            "expected at most {cap} bytes of JSON text, found {}{found}",
            if at_least { "at least " } else { "" }
        ),
    )
}

/// Reads JSON text as `T`: caps and shape first, then the type.
pub fn read<T: DeserializeOwned>(text: &str, which: Input) -> Result<T, Error> {
    if text.len() > which.json_cap() {
        return Err(text_too_large(which, text.len(), false));
    }
    // Most inputs pass: a pass over the bytes or, failing that, a walk that builds
    // nothing says so, and the text is read once, typed. Otherwise the full check
    // below finds what is amiss.
    if plain::passes(text, index().least) || scan::passes(text, which) {
        return serde_json::from_str(text).map_err(|e| type_error(text, &e, which));
    }
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        // Not JSON data serde_json holds (nesting over its limit, a lone surrogate):
        // the typed reading says what field it is about, if it fails too.
        Err(e) => {
            return Err(match serde_json::from_str::<T>(text) {
                Err(typed) => type_error(text, &typed, which),
                Ok(_) => type_error(text, &e, which),
            })
        }
    };
    if let Some(root) = index().root(which) {
        let mut path = which.prefix().to_owned();
        check(&value, root, &mut path)?;
    }
    serde_json::from_str(text).map_err(|e| type_error(text, &e, which))
}

/// What the table says about one field pattern.
#[derive(Default)]
struct Node {
    bytes: Option<usize>,
    key_bytes: Option<usize>,
    entries: Option<usize>,
    items: Option<usize>,
    /// The fields under it (name, node): an object the walk descends into.
    fields: Vec<(&'static str, usize)>,
    /// The node of its map values (`x.*`), for a map.
    map_value: Option<usize>,
    /// The node of its items (`x[]`), for an array.
    item: Option<usize>,
    /// What an input's root should be, for messages (`None` below the root).
    expected: Option<&'static str>,
}

/// [`CAPS`] as a tree of field patterns: each node with its children's places in
/// `nodes`, so that the walks follow an index per value instead of looking a pattern up.
struct Index {
    nodes: Vec<Node>,
    /// The input and field pattern of each node, for building.
    keys: Vec<(&'static str, &'static str)>,
    /// The smallest caps of the inputs read with [`read`], for [`plain::passes`].
    least: plain::Least,
}

impl Index {
    /// The node of a pattern, made when it is new.
    fn at(&mut self, input: &'static str, pattern: &'static str) -> usize {
        let key = (input, pattern);
        self.keys.iter().position(|k| *k == key).unwrap_or_else(|| {
            self.keys.push(key);
            self.nodes.push(Node::default());
            self.nodes.len() - 1
        })
    }

    /// The node of an input's root, when the table has one.
    fn root(&self, which: Input) -> Option<&Node> {
        let key = (which.name(), which.prefix());
        let i = self.keys.iter().position(|k| *k == key)?;
        Some(&self.nodes[i])
    }
}

/// [`CAPS`] as an [`Index`], built once.
fn index() -> &'static Index {
    static INDEX: std::sync::OnceLock<Index> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let read_with = |c: &&Cap| Input::ALL.iter().any(|w| w.name() == c.input);
        let least = |measures: &[Measure]| {
            CAPS.iter()
                .filter(read_with)
                .filter(|c| measures.contains(&c.measure))
                .map(|c| c.max)
                .min()
                .unwrap_or(0)
        };
        let mut index = Index {
            nodes: Vec::new(),
            keys: Vec::new(),
            least: plain::Least {
                bytes: least(&[Measure::Bytes, Measure::KeyBytes]),
                entries: least(&[Measure::Entries]),
            },
        };
        // A delegated field is linked to its parent like a row's field, with no cap of its
        // own: its node is the one of the field it is read as.
        let rows = CAPS.iter().map(|c| (c.input, c.field, Some(c))).chain(
            caps::DELEGATES
                .iter()
                .map(|&(input, field, _, _)| (input, field, None)),
        );
        for (input, field, cap) in rows {
            let root = match input {
                "spec" | "set" => "",
                other => other,
            };
            // Every prefix of the field ending at a separator is a pattern; each is
            // the parent of the next (all slices of the `'static` field text).
            let f = field;
            let mut parent = root;
            let mut cuts: Vec<usize> = f
                .char_indices()
                .filter(|&(i, ch)| (ch == '.' || ch == '[') && i > 0)
                .map(|(i, _)| i)
                .collect();
            cuts.push(f.len());
            for (n, &end) in cuts.iter().enumerate() {
                let pattern = &f[..end];
                if pattern == root || (root.is_empty() && pattern == "$") {
                    continue;
                }
                let start = if n == 0 { 0 } else { cuts[n - 1] };
                let name = f[start..end].trim_start_matches('.');
                let child = match caps::DELEGATES
                    .iter()
                    .find(|d| d.0 == input && d.1 == pattern)
                {
                    Some(&(_, _, to, to_pattern)) => index.at(to, to_pattern),
                    None => index.at(input, pattern),
                };
                let p = index.at(input, parent);
                let p = &mut index.nodes[p];
                match name {
                    "*" => p.map_value = Some(child),
                    "[]" => p.item = Some(child),
                    _ if !p.fields.iter().any(|(k, _)| *k == name) => p.fields.push((name, child)),
                    _ => {}
                }
                parent = pattern;
            }
            let Some(c) = cap else {
                continue;
            };
            let leaf = index.at(c.input, parent);
            let leaf = &mut index.nodes[leaf];
            match c.measure {
                Measure::Bytes => leaf.bytes = Some(c.max),
                Measure::Entries => leaf.entries = Some(c.max),
                Measure::Items => leaf.items = Some(c.max),
                Measure::KeyBytes => {
                    // Keys are measured on the map, the `*` row's parent.
                    let map = f.strip_suffix(".*").unwrap_or(f);
                    let map = index.at(c.input, map);
                    index.nodes[map].key_bytes = Some(c.max);
                }
                Measure::JsonBytes | Measure::TruncatedBytes => {}
            }
        }
        for which in Input::ALL {
            let root = index.at(which.name(), which.prefix());
            index.nodes[root].expected = Some(which.expected());
        }
        index
    })
}

/// The field path of a concrete `path` (`$` for the spec's root).
fn field_of(path: &str) -> String {
    if path.is_empty() {
        "$".to_owned()
    } else {
        path.to_owned()
    }
}

/// Checks `value`, at the table's node `n` (concretely `path`), and what it holds
/// against the caps, in one walk before typed reading; descends only into fields
/// the table knows, so the walk is bounded by the caps it checks on the way down.
/// Also refuses an array where the table has an object: serde would read a derived
/// struct from an array, field by field in order.
fn check(value: &Value, n: &Node, path: &mut String) -> Result<(), Error> {
    let nodes = &index().nodes;
    let over = |path: &str, message: String| Err(too_large(field_of(path), message));
    match value {
        Value::String(s) => {
            if let Some(max) = n.bytes.filter(|&max| s.len() > max) {
                return over(
                    path,
                    format!("expected at most {max} bytes, found {}", s.len()),
                );
            }
        }
        Value::Array(items) => {
            if let (Some(max), Some(item)) = (n.items, n.item) {
                if items.len() > max {
                    return over(
                        path,
                        format!("expected at most {max} items, found {}", items.len()),
                    );
                }
                let len = path.len();
                for (i, v) in items.iter().enumerate() {
                    use std::fmt::Write;
                    let _ = write!(path, "[{i}]");
                    check(v, &nodes[item], path)?;
                    path.truncate(len);
                }
            } else if !n.fields.is_empty() {
                let expected = n.expected.unwrap_or("an object");
                return Err(Error::InvalidInput {
                    field: field_of(path),
                    message: format!("expected {expected}, found an array"),
                });
            }
        }
        Value::Object(map) => {
            if let Some(max) = n.entries.filter(|&max| map.len() > max) {
                return over(
                    path,
                    format!("expected at most {max} entries, found {}", map.len()),
                );
            }
            if let Some(max) = n.key_bytes {
                if let Some(k) = map.keys().find(|k| k.len() > max) {
                    return over(
                        path,
                        format!(
                            "expected keys of at most {max} bytes, found one of {}: {}",
                            k.len(),
                            Quoted(k)
                        ),
                    );
                }
            }
            let len = path.len();
            for (k, v) in map {
                // Not a field: typed reading names it.
                let Some(field) = n
                    .map_value
                    .or_else(|| n.fields.iter().find(|(name, _)| name == k).map(|(_, p)| *p))
                else {
                    continue;
                };
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
                check(v, &nodes[field], path)?;
                path.truncate(len);
            }
        }
        _ => {}
    }
    Ok(())
}

/// An `invalid-input` error for serde_json's `e` on `text`: the path of the field,
/// and serde's message without the position (it refers to text the caller never
/// sees) and with the values it quotes shortened and masked as [`Quoted`] does.
fn type_error(text: &str, e: &serde_json::Error, which: Input) -> Error {
    let mut message = e.to_string();
    let path = crate::json_path::path_at(text, e, &message);
    let position = format!(" at line {} column {}", e.line(), e.column());
    if let Some(stripped) = message.strip_suffix(&position) {
        message.truncate(stripped.len());
    }
    Error::InvalidInput {
        field: which.path(&path),
        message: quote_serde_values(&message),
    }
}

/// serde's messages quote what they found: `string "…"` (Rust debug escapes), and
/// `unknown field `…`` / `unknown variant `…`` (raw). Each becomes [`Quoted`].
pub(crate) fn quote_serde_values(message: &str) -> String {
    for head in ["unknown field `", "unknown variant `"] {
        if let Some(rest) = message.strip_prefix(head) {
            // The expected list after the name is ours and never holds "`, ";
            // the name may, so the last one ends it.
            let end = ["`, expected ", "`, there are no "]
                .iter()
                .filter_map(|tail| rest.rfind(tail))
                .max()
                .unwrap_or(rest.len().saturating_sub(1));
            let (name, tail) = rest.split_at(end.min(rest.len()));
            let tail = tail.strip_prefix('`').unwrap_or(tail);
            return format!("{}{}{tail}", &head[..head.len() - 1], Quoted(name));
        }
    }
    let Some(start) = message.find("string \"") else {
        return message.to_owned();
    };
    let body = &message[start + 8..];
    let mut value = String::new();
    let mut chars = body.char_indices();
    let mut end = body.len();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                end = i + 1;
                break;
            }
            '\\' => match chars.next().map(|(_, c)| c) {
                Some('n') => value.push('\n'),
                Some('r') => value.push('\r'),
                Some('t') => value.push('\t'),
                Some('0') => value.push('\0'),
                Some('u') => {
                    let hex: String = chars
                        .by_ref()
                        .map(|(_, c)| c)
                        .skip_while(|&c| c == '{')
                        .take_while(|&c| c != '}')
                        .collect();
                    value.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
                }
                Some(c) => value.push(c),
                None => {}
            },
            c => value.push(c),
        }
    }
    format!(
        "{}string {}{}",
        &message[..start],
        Quoted(&value),
        &body[end.min(body.len())..]
    )
}

#[cfg(test)]
mod tests;
