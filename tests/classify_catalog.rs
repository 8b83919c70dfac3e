//! The documented error catalogues: every code and message the upstream
//! troubleshooting pages publish (`tests/fixtures/catalog/documented.tsv`)
//! classifies to the category the labelling guide gives it, as the az CLI
//! prints an ARM error and, where the message names the domain, alone; and
//! the Kubernetes side's documented answers
//! (`tests/fixtures/catalog/kubernetes.tsv`: the API server's status
//! reasons, event reasons, Flux's and Argo CD's conditions, Helm's errors) as
//! kubectl, its events and a status condition print them.
#![cfg(not(target_arch = "wasm32"))]

use aks_service_connector::classify::{category_ids, classify, ClassifyContext};

const TABLES: [&str; 2] = [
    include_str!("fixtures/catalog/documented.tsv"),
    include_str!("fixtures/catalog/kubernetes.tsv"),
];

/// Every form a row may be classified in.
const FORMS: [&str; 6] = ["both", "coded", "bare", "kubectl", "event", "condition"];

/// One catalogue row.
struct Row<'a> {
    code: &'a str,
    message: String,
    category: &'a str,
    forms: &'a str,
}

fn rows() -> Vec<Row<'static>> {
    TABLES
        .iter()
        .flat_map(|t| t.lines())
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
    let (code, msg) = (row.code, &row.message);
    match row.forms {
        "kubectl" => out.push(format!("Error from server ({code}): {msg}")),
        "event" => {
            // The component that reports the reason, as `kubectl describe` names it.
            let from = match code {
                "FailedScheduling" => "default-scheduler",
                "FailedCreate" => "replicaset-controller",
                _ => "kubelet",
            };
            out.push(format!(
                "Events:\n  Type     Reason  Age                From  Message\n  ----     ------  ----               ----  -------\n  Warning  {code}  2m (x4 over 6m)  {from}  {msg}"
            ));
            out.push(format!(
                "LAST SEEN   TYPE      REASON   OBJECT          MESSAGE\n2m          Warning   {code}   pod/web-7d9f8   {msg}"
            ));
        }
        "condition" => out.push(format!(
            "Status:\n  Conditions:\n    Last Transition Time:  2026-12-06T08:41:09Z\n    Message:               {msg}\n    Reason:                {code}\n    Status:                False\n    Type:                  Ready"
        )),
        _ => {}
    }
    out
}

#[test]
fn the_catalogue_is_well_formed() {
    let rows = rows();
    assert!(rows.len() >= 100, "the catalogues hold {} rows", rows.len());
    for row in &rows {
        assert!(
            category_ids().any(|id| id == row.category),
            "unknown category {}",
            row.category
        );
        assert!(
            FORMS.contains(&row.forms),
            "forms must be one of {FORMS:?}, found {}",
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
