//! Prints the learned fallback's training data as JSON lines: one line per
//! training text (`path`, `expected`, `origin`, `words`) and a last line with
//! the set's `digest`. `tools/train_fallback.py` reads it; the test set is
//! never part of it.
//!
//! Run: `cargo run --release --example classify_words > words.jsonl`

#[path = "../tests/common/corpus.rs"]
mod corpus;

use std::process::ExitCode;

use aks_service_connector::classify::learned_words;

fn main() -> ExitCode {
    let (texts, digest) = match corpus::training_set() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let origins = corpus::load_split().unwrap_or_default();
    for t in &texts {
        let origin = origins
            .get(&t.path)
            .map(|(_, o)| o.as_str())
            .unwrap_or("fixture");
        let line = serde_json::json!({
            "path": t.path,
            "expected": t.expected,
            "origin": origin,
            "words": learned_words(&t.text),
        });
        println!("{line}");
    }
    println!("{}", serde_json::json!({ "digest": digest }));
    ExitCode::SUCCESS
}
