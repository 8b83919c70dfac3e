//! `docs/policy.md` lists the rule table of the code: every code, severity and
//! rule title of `policy::rules::ALL`, in code order, split in two tables: the
//! rules `plan` reports (`policy::plan::RULES`) and the others (`validate`'s),
//! and nothing else. Either side changed alone fails here.
#![cfg(not(target_arch = "wasm32"))]

use aks_service_connector::policy::plan::RULES as PLAN;
use aks_service_connector::policy::rules::{Rule, ALL};

const DOC: &str = include_str!("../docs/policy.md");

/// One row of a rule table as the doc writes it.
#[derive(Debug, PartialEq, Eq)]
struct Row {
    code: String,
    severity: String,
    title: String,
}

/// The cells of a Markdown table row, split on unescaped `|`, with Markdown's
/// backslash escapes of ASCII punctuation undone.
fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    let mut out = vec![String::new()];
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(p) if p.is_ascii_punctuation() => out.last_mut().unwrap().push(p),
                Some(other) => out.last_mut().unwrap().extend(['\\', other]),
                None => out.last_mut().unwrap().push('\\'),
            },
            '|' => out.push(String::new()),
            _ => out.last_mut().unwrap().push(c),
        }
    }
    out.into_iter().map(|c| c.trim().to_owned()).collect()
}

/// The rule tables of the doc, in order: each is a run of rows whose first cell is a code.
fn doc_tables() -> Vec<Vec<Row>> {
    let mut tables: Vec<Vec<Row>> = Vec::new();
    let mut after_row = false;
    for line in DOC.lines() {
        let row = line.starts_with("| SC").then(|| cells(line));
        match row {
            Some(c) => {
                assert!(
                    c.len() >= 3,
                    "a rule row has code, severity and rule: {line}"
                );
                if !after_row {
                    tables.push(Vec::new());
                }
                tables.last_mut().unwrap().push(Row {
                    code: c[0].clone(),
                    severity: c[1].clone(),
                    title: c[2].clone(),
                });
                after_row = true;
            }
            None => after_row = false,
        }
    }
    tables
}

fn code_table(rules: &[Rule]) -> Vec<Row> {
    rules
        .iter()
        .map(|r| Row {
            code: r.code.to_owned(),
            severity: serde_json::to_value(r.severity)
                .expect("severity")
                .as_str()
                .expect("a severity serializes as a string")
                .to_owned(),
            title: r.summary.to_owned(),
        })
        .collect()
}

#[test]
fn the_policy_doc_lists_exactly_the_rule_tables_of_the_code() {
    let tables = doc_tables();
    assert_eq!(
        tables.len(),
        2,
        "docs/policy.md has two rule tables (validate, plan)"
    );
    let plan_codes: Vec<&str> = PLAN.iter().map(|r| r.code).collect();
    let (plan, validate): (Vec<Rule>, Vec<Rule>) =
        ALL.iter().partition(|r| plan_codes.contains(&r.code));
    assert_eq!(
        tables[0],
        code_table(&validate),
        "the validate table of docs/policy.md against rules::ALL without the plan's rules"
    );
    assert_eq!(
        tables[1],
        code_table(&plan),
        "the plan table of docs/policy.md against the plan's rules in rules::ALL"
    );
}

#[test]
fn cells_undo_markdown_escapes_and_split_on_bare_pipes() {
    assert_eq!(
        cells(r"| SC038 | error | no '/', '\\', '\|' here | note |"),
        ["SC038", "error", r"no '/', '\', '|' here", "note"]
    );
    assert_eq!(cells(r"| a \d | b |"), [r"a \d", "b"]);
}
