//! The documented error catalogue: every code and message the upstream
//! troubleshooting pages publish (`tests/fixtures/catalog/documented.tsv`)
//! classifies to the category the labelling guide gives it, as the az CLI
//! prints an ARM error and, where the message names the domain, alone.
#![cfg(not(target_arch = "wasm32"))]

use aks_service_connector::classify::{category_ids, classify, ClassifyContext};

const TABLE: &str = include_str!("fixtures/catalog/documented.tsv");

/// One catalogue row.
struct Row<'a> {
    code: &'a str,
    message: String,
    category: &'a str,
    forms: &'a str,
}

fn rows() -> Vec<Row<'static>> {
    TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 5, "a row has five columns: {l}");
            Row {
                code: cols[0],
                message: cols[1].replace("\\n", "\n"),
                category: cols[2],
                forms: cols[3],
            }
        })
        .collect()
}

/// The texts a row is classified as.
fn texts(row: &Row) -> Vec<String> {
    let mut out = Vec::new();
    if matches!(row.forms, "both" | "coded") {
        out.push(format!(
            "({code}) {msg}\nCode: {code}\nMessage: {msg}",
            code = row.code,
            msg = row.message
        ));
    }
    if matches!(row.forms, "both" | "bare") {
        out.push(row.message.clone());
    }
    out
}

#[test]
fn the_catalogue_is_well_formed() {
    let rows = rows();
    assert!(rows.len() >= 40, "the catalogue holds {} rows", rows.len());
    for row in &rows {
        assert!(
            category_ids().any(|id| id == row.category),
            "unknown category {}",
            row.category
        );
        assert!(
            matches!(row.forms, "both" | "coded" | "bare"),
            "forms must be both, coded or bare, found {}",
            row.forms
        );
        assert_eq!(
            row.code.is_empty(),
            row.forms == "bare",
            "a row with a code is classified coded: {}",
            row.message
        );
    }
}

#[test]
fn every_documented_error_classifies_to_its_category() {
    let mut wrong = Vec::new();
    for row in rows() {
        for text in texts(&row) {
            let got = classify(&text, &ClassifyContext::default()).category;
            if got != row.category {
                wrong.push(format!("expected {}, got {got}: {text}", row.category));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n\n")
    );
}
