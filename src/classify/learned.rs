//! The learned fallback: a linear model over the text's words
//! ([`words`](super::words)), trained on the first fixtures and the
//! development set by `tools/train_fallback.py`, whose output is the table
//! `learned_table.rs` (data only). The rules stay the classifier: the engine
//! asks the model only where the rules are weak (no cause found, or a match
//! on generic words only), because the rules carry evidence, precedence and
//! the advice, and a linear model's guesses on rules' ground would only add
//! errors. On the former test sets the model alone is right for about 85% of
//! the in-domain texts (trained without the set), the rules for 78–94%; they
//! miss partly different texts, so the one covers a few of the other's gaps,
//! and asked more widely it unseats as many right answers as it places
//! (docs/classify.md gives the measured effect).

use super::learned_table::{
    BIAS, BIAS_SCALE, CLASSES, IDF, IDF_SCALE, STARTS, WEIGHTS, WEIGHT_SCALE, WORDS,
};
use super::words::{words_by_line, Words};

/// The model's answer for one text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Guess {
    /// Category id.
    pub id: &'static str,
    /// Softmax probability of `id`.
    pub probability: f64,
    /// The words that pushed most towards `id`, strongest first (at most
    /// three, each with a positive weight), with where each first occurs.
    pub words: Vec<(String, (usize, usize))>,
}

/// Categories the model may offer only when the text names their tool, by
/// id prefix: a Helm failure is told by Helm, and a Job's backoff or an
/// admission webhook's answer without Helm's words is the API server's.
const SPEAKERS: &[(&str, &[&str])] = &[(
    "helm_",
    &[
        "helm",
        "tiller",
        "chart",
        "charts",
        "helmrelease",
        "helmchart",
        "helmrepository",
    ],
)];

/// Whether `words` name the tool category `id` belongs to (always, for a
/// category [`SPEAKERS`] does not list).
pub(crate) fn speaker_named(id: &str, words: &Words) -> bool {
    SPEAKERS
        .iter()
        .filter(|(prefix, _)| id.starts_with(prefix))
        .all(|(_, names)| names.iter().any(|n| words.contains_key(*n)))
}

/// Words of which a text needs one for the model to answer: the model
/// learned from failures, so it reads any in-domain text as one; a command
/// line or an informational log line pasted alone is no failure.
const FAILURE_WORDS: &[&str] = &[
    "error",
    "errors",
    "err",
    "failed",
    "fails",
    "fail",
    "failure",
    "failing",
    "denied",
    "forbidden",
    "unauthorized",
    "unable",
    "cannot",
    "exception",
    "refused",
    "timeout",
    "timed",
    "exceeded",
    "invalid",
    "conflict",
    "unavailable",
    "rejected",
    "disallowed",
    "panic",
    "400",
    "401",
    "403",
    "404",
    "409",
    "429",
    "500",
    "502",
    "503",
];

/// Failures told with `not` (`is not found`, `does not exist`, `is not
/// registered`): the word after it, which must also be in the text.
const FAILURE_AFTER_NOT: &[&str] = &[
    "found",
    "exist",
    "allowed",
    "authorized",
    "registered",
    "permitted",
];

/// Whether `words` show a failure: one of [`FAILURE_WORDS`], or `not` with
/// one of [`FAILURE_AFTER_NOT`].
pub(crate) fn shows_failure(words: &Words) -> bool {
    FAILURE_WORDS.iter().any(|w| words.contains_key(*w))
        || (words.contains_key("not") && FAILURE_AFTER_NOT.iter().any(|w| words.contains_key(*w)))
}

/// Lines read on each side of a line that shows a failure: the nearness the
/// rules' word families keep too, so that a long log does not make one
/// failure of a credential named at its start and an error far below.
const NEAR_LINES: usize = 4;

/// The words the model reads in `text`: those of every line within
/// [`NEAR_LINES`] of a line that shows a failure, with where each first
/// occurs; `None` when no line shows one.
pub(crate) fn read(text: &str, work: &mut u64) -> Option<Words> {
    let lines = words_by_line(text, work);
    let failing: Vec<usize> = (0..lines.len())
        .filter(|&i| shows_failure(&lines[i]))
        .collect();
    if failing.is_empty() {
        return None;
    }
    let mut out = Words::new();
    for (i, line) in lines.into_iter().enumerate() {
        *work += 1;
        if failing.iter().any(|&f| f.abs_diff(i) <= NEAR_LINES) {
            for (w, span) in line {
                out.entry(w).or_insert(span);
            }
        }
    }
    Some(out)
}

/// The model's best category for a text with these words; `None` when the
/// text has none of the model's words.
pub(crate) fn guess(words: &Words, work: &mut u64) -> Option<Guess> {
    // The text's words and the table's are both sorted (byte order): one walk
    // of the table alongside finds each word's index, with no index to build
    // (a hash map would add several KB to the wasm module).
    let mut table = WORDS.lines().enumerate().peekable();
    let mut scores = vec![0i32; CLASSES.len()];
    let mut norm = 0.0f64;
    let mut found = Vec::new();
    for (w, &span) in words {
        *work += 1;
        let mut at = None;
        while let Some(&(i, t)) = table.peek() {
            if t > w.as_str() {
                break;
            }
            table.next();
            if t == w.as_str() {
                at = Some(i);
                break;
            }
        }
        let Some(i) = at else {
            continue;
        };
        let idf = f64::from(IDF[i]) * IDF_SCALE;
        norm += idf * idf;
        let pairs = &WEIGHTS[usize::from(STARTS[i])..usize::from(STARTS[i + 1])];
        for &(class, weight) in pairs {
            scores[usize::from(class)] += i32::from(weight);
        }
        found.push((w, span, pairs));
    }
    if found.is_empty() {
        return None;
    }
    let norm = norm.sqrt();
    let logits: Vec<f64> = scores
        .iter()
        .zip(BIAS)
        .map(|(&s, &b)| f64::from(s) * WEIGHT_SCALE / norm + f64::from(b) * BIAS_SCALE)
        .collect();
    // The first of equal logits wins, as in the training script.
    let best = (0..logits.len()).fold(0, |b, i| if logits[i] > logits[b] { i } else { b });
    let top = logits[best];
    let sum: f64 = logits.iter().map(|l| (l - top).exp()).sum();
    let mut pushing: Vec<(i8, &String)> = found
        .iter()
        .filter_map(|(w, _, pairs)| {
            pairs
                .iter()
                .find(|&&(c, q)| usize::from(c) == best && q > 0)
                .map(|&(_, q)| (q, *w))
        })
        .collect();
    super::order::sort_short_by(&mut pushing, |a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    Some(Guess {
        id: CLASSES[best],
        probability: 1.0 / sum,
        words: pushing
            .into_iter()
            .take(3)
            .filter_map(|(_, w)| Some((w.clone(), *words.get(w)?)))
            .collect(),
    })
}

#[cfg(test)]
#[path = "../../tests/common/corpus.rs"]
mod corpus;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::learned_table::TRAINED_ON;
    use crate::classify::rules::RULES;
    use crate::classify::{learned_words, words};

    #[test]
    fn the_model_was_trained_on_the_current_training_texts() {
        let (_, digest) = super::corpus::training_set().expect("training texts load");
        assert_eq!(
            digest, TRAINED_ON,
            "the first fixtures or the development set changed since the model was trained: \
             run tools/train_fallback.py"
        );
    }

    /// The training script computes the deployed model's answer for every
    /// training text on its own; this code must give the same.
    #[test]
    fn answers_match_the_training_scripts_reference() {
        let (texts, _) = super::corpus::training_set().expect("training texts load");
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let reference = std::fs::read_to_string(root.join("tests/fixtures/learned_reference.tsv"))
            .expect("reference file");
        let rows: Vec<(&str, &str, f64)> = reference
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("path\t"))
            .map(|l| {
                let c: Vec<&str> = l.split('\t').collect();
                (c[0], c[1], c[2].parse().expect("probability"))
            })
            .collect();
        assert_eq!(
            rows.len(),
            texts.len(),
            "one reference row per training text"
        );
        for (t, (path, id, p)) in texts.iter().zip(rows) {
            assert_eq!(t.path, path);
            let found: Words = learned_words(&t.text)
                .into_iter()
                .map(|w| (w, (0, 0)))
                .collect();
            match guess(&found, &mut 0) {
                Some(g) => {
                    assert_eq!(g.id, id, "{path}");
                    assert!(
                        (g.probability - p).abs() < 1e-3,
                        "{path}: {} vs {p}",
                        g.probability
                    );
                }
                None => assert_eq!(id, "-", "{path}: no word of the model, no answer"),
            }
        }
    }

    #[test]
    fn the_table_is_consistent() {
        let words: Vec<&str> = WORDS.lines().collect();
        assert_eq!(words.len(), IDF.len());
        assert_eq!(words.len() + 1, STARTS.len());
        assert_eq!(usize::from(*STARTS.last().unwrap()), WEIGHTS.len());
        assert!(
            words.windows(2).all(|w| w[0] < w[1]),
            "words sorted, once each"
        );
        assert!(STARTS.windows(2).all(|s| s[0] <= s[1]));
        assert_eq!(BIAS.len(), CLASSES.len());
        assert!(WEIGHTS.iter().all(|&(c, _)| usize::from(c) < CLASSES.len()));
        assert!(IDF.iter().all(|&i| i > 0), "a word's idf is never zero");
    }

    #[test]
    fn the_models_categories_are_the_rule_tables() {
        let mut rules: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        rules.sort_unstable();
        assert_eq!(CLASSES, rules.as_slice());
    }

    #[test]
    fn a_helm_category_needs_helms_words() {
        let named = words::words("Error: INSTALLATION FAILED: helm chart x", &mut 0);
        let bare = words::words("Job has reached the specified backoff limit", &mut 0);
        assert!(speaker_named("helm_timeout", &named));
        assert!(!speaker_named("helm_timeout", &bare));
        assert!(speaker_named("quota_exceeded", &bare));
    }

    #[test]
    fn a_failure_must_show() {
        assert!(shows_failure(&words::words(
            "ManagedIdentityCredential authentication failed",
            &mut 0
        )));
        assert!(shows_failure(&words::words("StatusCode=403", &mut 0)));
        assert!(shows_failure(&words::words("Disk d is not found.", &mut 0)));
        assert!(!shows_failure(&words::words(
            "helm pull oci://ghcr.io/x/charts/y",
            &mut 0
        )));
        assert!(!shows_failure(&words::words(
            "ManagedIdentityCredential.GetToken invoked",
            &mut 0
        )));
    }

    #[test]
    fn only_lines_near_a_failure_are_read() {
        let filler = "INFO request served in 12 ms\n".repeat(10);
        let text =
            format!("ManagedIdentityCredential configured\n{filler}cache: connection refused");
        let found = read(&text, &mut 0).unwrap();
        assert!(found.contains_key("refused") && found.contains_key("cache"));
        assert!(!found.contains_key("managedidentitycredential"));
        let near = "ManagedIdentityCredential configured\nconnection refused";
        assert!(read(near, &mut 0)
            .unwrap()
            .contains_key("managedidentitycredential"));
        assert_eq!(read("all good\nINFO served", &mut 0), None);
    }

    #[test]
    fn no_known_word_no_guess() {
        let words: Words = [("zzzqqqxx".to_string(), (0, 8))].into();
        assert_eq!(guess(&words, &mut 0), None);
        assert_eq!(guess(&Words::new(), &mut 0), None);
    }

    #[test]
    fn a_guess_names_the_words_that_led_to_it() {
        let text = "Failed to mount secrets store objects for pod: rpc error: \
                    provider not found: provider \"vault\"";
        let g = guess(&words::words(text, &mut 0), &mut 0).unwrap();
        assert_eq!(g.id, "kv_csi_mount_failed");
        assert!(g.probability > 0.5 && g.probability <= 1.0);
        assert!(!g.words.is_empty() && g.words.len() <= 3);
    }
}
