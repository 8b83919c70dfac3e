//! The learned fallback as the classifier uses it: only where the rules are
//! weak, never confident, always naming the words it went by, never on long
//! logs or unrelated text.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use aks_service_connector::classify::{classify, ClassifyContext, Diagnosis};
use common::corpus;

/// Whether the winning match is the learned model's.
fn learned(d: &Diagnosis) -> bool {
    d.matches[0]
        .evidence
        .iter()
        .any(|e| e.signal.starts_with("word "))
}

#[test]
fn learned_answers_are_weak_and_name_their_words() {
    let (texts, _) = corpus::training_set().expect("training texts load");
    let mut answered = 0;
    for t in &texts {
        let d = classify(&t.text, &ClassifyContext::default());
        if !learned(&d) {
            continue;
        }
        answered += 1;
        let m = &d.matches[0];
        assert!(m.confidence < 0.75, "{}: {}", t.path, m.confidence);
        assert_ne!(m.id, "unknown", "{}", t.path);
        for e in &m.evidence {
            let word = e.signal.trim_start_matches("word ");
            assert!(
                t.text.to_ascii_lowercase().contains(word)
                    || e.excerpt.to_ascii_lowercase().contains(word),
                "{}: {word} is not in the text",
                t.path
            );
        }
        // The fallback `other` the model replaced is gone.
        assert!(
            d.matches
                .iter()
                .skip(1)
                .all(|m| m.id != "other" || m.confidence >= 0.75),
            "{}",
            t.path
        );
    }
    // The rules are tuned on these texts too, so few need the model; but
    // the path must be taken, or it is dead code.
    assert!(answered > 0, "no text was answered by the learned model");
}

#[test]
fn a_long_text_is_left_to_the_rules() {
    let (texts, _) = corpus::training_set().expect("training texts load");
    let filler = "...\n".repeat(1100);
    let mut checked = 0;
    for t in &texts {
        let short = classify(&t.text, &ClassifyContext::default());
        if !learned(&short) {
            continue;
        }
        let long = format!("{}\n{filler}", t.text);
        let d = classify(&long, &ClassifyContext::default());
        assert!(!learned(&d), "{}: answered by the model when long", t.path);
        checked += 1;
    }
    assert!(checked > 0);
}

#[test]
fn unrelated_text_is_never_asked() {
    for text in [
        "Error: release v1.2 failed: tag already published",
        "Operation not allowed while another backup is in progress",
        "Error: the object store returned 404 Not Found for the requested resource type",
        "panic: runtime error: index out of range [3] with length 3",
    ] {
        let d = classify(text, &ClassifyContext::default());
        assert_eq!(d.category, "unknown", "{text}");
        assert!(!learned(&d), "{text}");
    }
}
