//! Any text (and a context read from it) → classify. Any panic is a crash.
#![no_main]

use aks_service_connector::classify::{classify, ClassifyContext};
use aks_service_connector::input::{read, Input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // JS strings reach the classifier as UTF-8 with lone surrogates replaced: the same here.
    let text = String::from_utf8_lossy(data);
    let context = read::<ClassifyContext>(&text, Input::Context).unwrap_or_default();
    let d = classify(&text, &context);
    assert!(!d.matches.is_empty(), "a diagnosis always has a match");
    assert_eq!(d.category, d.matches[0].id);
    let _ = serde_json::to_string(&d).expect("diagnosis is JSON");
});
