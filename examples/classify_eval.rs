//! Evaluates the classifier on three sets:
//!
//! * the first fixtures `tests/fixtures/errors/` (every one must be right;
//!   misses are listed);
//! * the real pasted texts `tests/fixtures/real/`, all development data
//!   (misses are listed by name for tuning; `split.tsv` says why none of it
//!   is held out);
//! * the collection `tests/fixtures/holdout/`, the test set: only its
//!   figures are printed, never a text or a text's name. While it holds no
//!   text it has no figures and nothing to fail.
//!
//! For each it prints per-category precision, recall and support, top-1 over
//! the categories (every text whose expected category is not `unknown`), the
//! macro mean recall, unknown retention (unrelated texts kept `unknown`) and
//! calibration (of the texts answered with confidence ≥ 0.80, the share that
//! is right).
//!
//! Exits non-zero when a fixture is wrong or a figure falls below its floor in
//! [`FLOORS`].
//!
//! Run: `cargo run --example classify_eval`. While tuning rules, set
//! `CLASSIFY_EVAL_HOLDOUT=skip` so the holdout is not even classified (each
//! look at its figures is a look at the test set).

#[path = "../tests/common/corpus.rs"]
mod corpus;

use std::collections::BTreeMap;
use std::process::ExitCode;

use aks_service_connector::classify::{category_ids, classify, ClassifyContext};
use corpus::Set;

/// Floors CI holds the sets to: (set, top-1, unknown retention,
/// calibration). The development set is held to 99% top-1 and calibration
/// and to every unrelated text kept `unknown`. The test set, texts never used
/// for tuning, is held to what its one measurement reached, rounded down
/// (96.0% top-1 over the categories, every unrelated text kept `unknown`,
/// every answer given with confidence ≥ 0.80 right), above the aim of 95%
/// top-1 and 95% of the unrelated texts kept `unknown`, so that a change
/// losing ground on unseen text fails (docs/classify.md). An empty set has no
/// figures and passes.
const FLOORS: &[(Set, f64, f64, f64)] =
    &[(Set::Dev, 0.99, 1.0, 0.99), (Set::Holdout, 0.96, 1.0, 1.0)];

/// Confidence from which an answer counts as confident for calibration.
const CONFIDENT: f64 = 0.8;

/// One classified text.
struct Outcome {
    name: String,
    expected: String,
    got: String,
    confidence: f64,
}

/// Figures of one set of outcomes.
struct Figures {
    top1: f64,
    top1_n: usize,
    macro_recall: f64,
    unknown_kept: f64,
    unknown_n: usize,
    calibration: f64,
    confident_n: usize,
}

fn ratio(a: usize, b: usize) -> String {
    if b == 0 {
        "-".to_string()
    } else {
        format!("{:.2}", a as f64 / b as f64)
    }
}

fn share(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Prints the per-category table and returns the figures.
fn report(title: &str, outcomes: &[Outcome]) -> Figures {
    // (true positives, predicted, actual) per category.
    let mut counts: BTreeMap<&str, (usize, usize, usize)> =
        category_ids().map(|id| (id, (0, 0, 0))).collect();
    for o in outcomes {
        if let Some(c) = counts.get_mut(o.got.as_str()) {
            c.1 += 1;
        }
        if let Some(c) = counts.get_mut(o.expected.as_str()) {
            c.2 += 1;
            if o.got == o.expected {
                c.0 += 1;
            }
        }
    }
    println!("\n== {title} ({} texts)", outcomes.len());
    println!(
        "{:<30} {:>9} {:>7} {:>8}",
        "category", "precision", "recall", "support"
    );
    for (id, (tp, predicted, actual)) in &counts {
        println!(
            "{:<30} {:>9} {:>7} {:>8}",
            id,
            ratio(*tp, *predicted),
            ratio(*tp, *actual),
            actual
        );
    }
    let in_domain: Vec<&Outcome> = outcomes
        .iter()
        .filter(|o| o.expected != "unknown")
        .collect();
    let right = in_domain.iter().filter(|o| o.got == o.expected).count();
    let unknown: Vec<&Outcome> = outcomes
        .iter()
        .filter(|o| o.expected == "unknown")
        .collect();
    let kept = unknown.iter().filter(|o| o.got == "unknown").count();
    let confident: Vec<&Outcome> = outcomes
        .iter()
        .filter(|o| o.confidence >= CONFIDENT)
        .collect();
    let confident_right = confident.iter().filter(|o| o.got == o.expected).count();
    let recalls: Vec<f64> = counts
        .iter()
        .filter(|(id, c)| **id != "unknown" && c.2 > 0)
        .map(|(_, c)| share(c.0, c.2))
        .collect();
    let f = Figures {
        top1: share(right, in_domain.len()),
        top1_n: in_domain.len(),
        macro_recall: recalls.iter().sum::<f64>() / recalls.len().max(1) as f64,
        unknown_kept: share(kept, unknown.len()),
        unknown_n: unknown.len(),
        calibration: share(confident_right, confident.len()),
        confident_n: confident.len(),
    };
    println!(
        "top-1 {:.1}% ({right}/{}), macro recall {:.1}%, unknown kept {:.1}% ({kept}/{}), \
         calibration at >= {CONFIDENT:.2}: {:.1}% right ({confident_right}/{})",
        f.top1 * 100.0,
        f.top1_n,
        f.macro_recall * 100.0,
        f.unknown_kept * 100.0,
        f.unknown_n,
        f.calibration * 100.0,
        f.confident_n
    );
    f
}

fn main() -> ExitCode {
    let fixtures = match corpus::load_fixtures() {
        Ok(all) => all,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let mut old = Vec::new();
    for f in &fixtures {
        let ctx: ClassifyContext = match f.context.as_deref().map(serde_json::from_str).transpose()
        {
            Ok(c) => c.unwrap_or_default(),
            Err(e) => {
                eprintln!("error: {}: bad context: {e}", f.name);
                return ExitCode::from(2);
            }
        };
        let d = classify(&f.text, &ctx);
        old.push(Outcome {
            name: f.name.clone(),
            expected: f.expected.clone(),
            got: d.category,
            confidence: d.matches.first().map_or(0.0, |m| m.confidence),
        });
    }
    let mut real = match corpus::load_real() {
        Ok(all) => all,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if std::env::var("CLASSIFY_EVAL_HOLDOUT").is_ok_and(|v| v == "skip") {
        println!("(holdout skipped: CLASSIFY_EVAL_HOLDOUT=skip)");
    } else {
        match corpus::load_holdout() {
            Ok(all) if all.is_empty() => {
                println!("(holdout tests/fixtures/holdout holds no text yet: no figures)");
            }
            Ok(all) => real.extend(all),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let mut by_set: BTreeMap<Set, Vec<Outcome>> = BTreeMap::new();
    for t in &real {
        let d = classify(&t.text, &ClassifyContext::default());
        by_set.entry(t.set).or_default().push(Outcome {
            name: t.path.clone(),
            expected: t.expected.clone(),
            got: d.category,
            confidence: d.matches.first().map_or(0.0, |m| m.confidence),
        });
    }

    let mut failed = false;
    report("fixtures tests/fixtures/errors", &old);
    for o in old.iter().filter(|o| o.got != o.expected) {
        println!(
            "MISCLASSIFIED {}: expected {}, got {}",
            o.name, o.expected, o.got
        );
        failed = true;
    }
    for (set, outcomes) in &by_set {
        let label = match set {
            Set::Dev => "development set tests/fixtures/real",
            Set::Holdout => "test set tests/fixtures/holdout",
        };
        let f = report(label, outcomes);
        if *set == Set::Dev {
            // CLASSIFY_EVAL_DEV=all lists every dev text with its answer.
            let all = std::env::var("CLASSIFY_EVAL_DEV").is_ok_and(|v| v == "all");
            for o in outcomes.iter().filter(|o| all || o.got != o.expected) {
                println!(
                    "dev {} {}: expected {}, got {} ({:.2})",
                    if o.got == o.expected { "ok" } else { "miss" },
                    o.name,
                    o.expected,
                    o.got,
                    o.confidence
                );
            }
        }
        for &(s, top1, unknown, calibration) in FLOORS {
            if s != *set {
                continue;
            }
            for (what, got, floor) in [
                ("top-1", f.top1, top1),
                ("unknown retention", f.unknown_kept, unknown),
                ("calibration", f.calibration, calibration),
            ] {
                if got < floor {
                    println!("FAIL {label}: {what} {got:.3} is below the floor {floor:.3}");
                    failed = true;
                }
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
