//! The learned fallback as the classifier uses it: only where the rules are
//! weak, never confident, always naming the words it went by, never on long
//! logs or unrelated text.
#![cfg(not(target_arch = "wasm32"))]

use aks_service_connector::classify::{classify, ClassifyContext, Diagnosis};

/// Whether the winning match is the learned model's.
fn learned(d: &Diagnosis) -> bool {
    d.matches[0]
        .evidence
        .iter()
        .any(|e| e.signal.starts_with("word "))
}

/// In-domain texts no rule places, each a line of a development text
/// pasted alone, and the category the model gives them.
const PLACED_BY_THE_MODEL: &[(&str, &str)] = &[
    (
        "failed to mount objects, error: failed to get keyvault clien",
        "kv_csi_mount_failed",
    ),
    (
        "    + FullyQualifiedErrorId : NotFound,Microsoft.Azure.Commands.ResourceManager.Cmdlets.Implementation.RemoveAzureReso",
        "resource_not_found",
    ),
];

#[test]
fn the_model_places_what_the_rules_leave_weak_and_says_why() {
    for (text, want) in PLACED_BY_THE_MODEL {
        let d = classify(text, &ClassifyContext::default());
        assert_eq!(d.category, *want, "{text}");
        assert!(learned(&d), "{text}: not the model's answer");
        let m = &d.matches[0];
        assert!(m.confidence < 0.75, "{text}: {}", m.confidence);
        for e in &m.evidence {
            let word = e.signal.trim_start_matches("word ");
            assert!(
                text.to_ascii_lowercase().contains(word),
                "{text}: {word} is not in the text"
            );
        }
        // The fallback `other` the model replaced is gone.
        assert!(d.matches.iter().all(|m| m.id != "other"), "{text}");
    }
}

#[test]
fn a_long_text_is_left_to_the_rules() {
    let filler = "...\n".repeat(1100);
    for (text, want) in PLACED_BY_THE_MODEL {
        let d = classify(&format!("{text}\n{filler}"), &ClassifyContext::default());
        assert!(!learned(&d), "{text}: answered by the model when long");
        assert_ne!(d.category, *want, "{text}");
    }
}

#[test]
fn a_text_without_a_failure_is_not_asked() {
    for text in [
        "helm pull oci://ghcr.io/dandydeveloper/charts/redis-ha",
        "[Informational] Azure-Identity: ManagedIdentityCredential.GetToken invoked. Scopes: [ https://vault.azure.net/.default ]",
    ] {
        let d = classify(text, &ClassifyContext::default());
        assert!(!learned(&d), "{text}");
    }
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
