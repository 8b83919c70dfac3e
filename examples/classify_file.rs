//! Classifies a file (or stdin) and prints the diagnosis as JSON. A fixture
//! header (everything up to a `---` line) is skipped.
//!
//! Run: `cargo run --example classify_file -- path/to/error.txt`

use std::io::Read;
use std::process::ExitCode;

use aks_service_connector::classify::{classify, ClassifyContext};

fn main() -> ExitCode {
    let mut text = String::new();
    let read = match std::env::args().nth(1) {
        Some(path) => std::fs::read_to_string(&path).map(|t| text = t),
        None => std::io::stdin().read_to_string(&mut text).map(|_| ()),
    };
    if let Err(e) = read {
        eprintln!("error: cannot read input: {e}");
        return ExitCode::from(2);
    }
    let body = match text.split_once("\n---\n") {
        Some((head, body)) if head.starts_with("# expected:") => body,
        _ => text.as_str(),
    };
    let diagnosis = classify(body, &ClassifyContext::default());
    match serde_json::to_string_pretty(&diagnosis) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot serialize: {e}");
            ExitCode::from(2)
        }
    }
}
