//! Evaluates the classifier over the fixture corpus: prints per-category
//! precision, recall and support, lists every misclassified sample and exits
//! non-zero if there is one.
//!
//! Run: `cargo run --example classify_eval`

#[path = "../tests/common/fixtures.rs"]
mod fixtures;

use std::collections::BTreeMap;
use std::process::ExitCode;

use aks_service_connector::classify::{category_ids, classify, ClassifyContext};

fn main() -> ExitCode {
    let all = match fixtures::load_all() {
        Ok(all) => all,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    // (true positives, predicted, actual) per category.
    let mut counts: BTreeMap<&str, (usize, usize, usize)> =
        category_ids().map(|id| (id, (0, 0, 0))).collect();
    let mut wrong = Vec::new();
    for f in &all {
        let ctx: ClassifyContext = match f.context.as_deref().map(serde_json::from_str).transpose()
        {
            Ok(c) => c.unwrap_or_default(),
            Err(e) => {
                eprintln!("error: {}: bad context: {e}", f.name);
                return ExitCode::from(2);
            }
        };
        let got = classify(&f.text, &ctx).category;
        if let Some(c) = counts.get_mut(got.as_str()) {
            c.1 += 1;
        }
        if let Some(c) = counts.get_mut(f.expected.as_str()) {
            c.2 += 1;
            if got == f.expected {
                c.0 += 1;
            }
        }
        if got != f.expected {
            wrong.push(format!("{}: expected {}, got {got}", f.name, f.expected));
        }
    }
    println!(
        "{:<30} {:>9} {:>7} {:>8}",
        "category", "precision", "recall", "support"
    );
    let ratio = |a: usize, b: usize| {
        if b == 0 {
            "-".to_string()
        } else {
            format!("{:.2}", a as f64 / b as f64)
        }
    };
    for (id, (tp, predicted, actual)) in &counts {
        println!(
            "{:<30} {:>9} {:>7} {:>8}",
            id,
            ratio(*tp, *predicted),
            ratio(*tp, *actual),
            actual
        );
    }
    let correct = all.len() - wrong.len();
    println!(
        "\n{correct}/{} samples classified correctly ({} categories)",
        all.len(),
        counts.len()
    );
    if wrong.is_empty() {
        ExitCode::SUCCESS
    } else {
        for w in &wrong {
            println!("MISCLASSIFIED {w}");
        }
        ExitCode::FAILURE
    }
}
