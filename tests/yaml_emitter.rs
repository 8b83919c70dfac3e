//! The YAML emitter against its reference, serde_yaml (serde_yaml_ng 0.10):
//! for arbitrary strings (as values and as keys), arbitrary small trees and
//! every rendered object, our text is byte for byte serde_yaml's and parses
//! back to the same value, except for the strings where the emitter departs
//! from serde_yaml on purpose (`yaml::departs_from_serde_yaml`: quoted for YAML
//! 1.1 and 1.2 core readers, or NEL/LS/PS escaped): those still parse back to
//! the same value and are quoted. `tests/yaml_readers.rs` holds the output to
//! the real readers. The JSON written from the tree (through serde_json and
//! through `write_json`) is the typed object's JSON.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use aks_service_connector::catalog;
use aks_service_connector::spec::{KeyVaultObject, KeyVaultSpec, WorkloadSpec};
use aks_service_connector::testing::yaml::{
    departs_from_serde_yaml, emit, to_tree, to_yaml, write_json, write_str, Node,
};
use aks_service_connector::{render, RenderOptions, SecretEncoding};
use proptest::prelude::*;
use std::borrow::Cow;

/// Pieces with a meaning somewhere in YAML or in serde_yaml's type inference.
const PIECES: &[&str] = &[
    "---",
    "...",
    "--- ",
    "... ",
    ": ",
    ":",
    " #",
    "#",
    "- ",
    "-",
    "? ",
    "?",
    ",",
    "[",
    "]",
    "{",
    "}",
    "&a",
    "*a",
    "!",
    "!!str ",
    "|",
    ">",
    "'",
    "\"",
    "%",
    "@",
    "`",
    "<<",
    "=",
    "\\",
    " ",
    "  ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\u{0}",
    "\u{7}",
    "\u{1b}",
    "\u{7f}",
    "\u{85}",
    "\u{a0}",
    "\u{2028}",
    "\u{2029}",
    "\u{feff}",
    "\u{fffe}",
    "\u{ffff}",
    "\u{fffd}",
    "\u{d7ff}",
    "\u{e000}",
    "\u{1f600}",
    "é",
    "~",
    "null",
    "Null",
    "NULL",
    "nULL",
    "true",
    "True",
    "TRUE",
    "false",
    "FALSE",
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "0",
    "1",
    "7",
    "00",
    "007",
    "-0",
    "+0",
    "+",
    "0x",
    "0x1F",
    "0X1F",
    "0xg",
    "0o17",
    "0o8",
    "0b101",
    "0b2",
    "-0x1F",
    "-0o17",
    "-0b1",
    "+0x1F",
    "0x+1",
    "0x-1",
    ".",
    "1.",
    ".5",
    "1.5",
    "-1.5",
    "+1.5",
    "1e3",
    "1E3",
    "1e+3",
    "1e-3",
    "1e",
    "e3",
    "1e400",
    "-1e400",
    "1_000",
    ".inf",
    ".Inf",
    ".INF",
    "-.inf",
    "+.inf",
    ".nan",
    ".NaN",
    ".NAN",
    "+.nan",
    "inf",
    "-inf",
    "nan",
    "NaN",
    "infinity",
    "2001-12-14",
    "12:30:45",
    "1:20",
    "0777",
    "340282366920938463463374607431768211455",
    "340282366920938463463374607431768211456",
    "-170141183460469231731687303715884105728",
    "-170141183460469231731687303715884105729",
    "0xffffffffffffffffffffffffffffffff",
    "0x100000000000000000000000000000000",
    "-0x80000000000000000000000000000000",
    "-0x80000000000000000000000000000001",
    "a",
    "sc-name",
    "https://x.example/",
    "<placeholder>",
    "key",
    "k8s.io/name",
];

/// Strings made of meaningful pieces, arbitrary characters, or both.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(PIECES).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
        1 => "[a-z]{1,6}",
    ];
    prop_oneof![
        6 => prop::collection::vec(piece, 0..6).prop_map(|v| v.concat()),
        2 => prop::sample::select(PIECES).prop_map(str::to_owned),
        2 => any::<String>(),
        1 => "[ -~]{0,20}",
        // Around libyaml's 128-byte limit for simple keys.
        1 => (120usize..136, prop::sample::select(PIECES))
            .prop_map(|(n, tail)| format!("{}{tail}", "k".repeat(n))),
    ]
}

/// Small trees: every node kind, nested, empty collections included; keys unique
/// (serde_yaml refuses duplicate keys when parsing back).
fn tree() -> impl Strategy<Value = Node> {
    let leaf = prop_oneof![
        Just(Node::Null),
        any::<bool>().prop_map(Node::Bool),
        any::<i64>().prop_map(Node::Int),
        text().prop_map(Node::Str),
    ];
    leaf.prop_recursive(4, 40, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Node::Seq),
            prop::collection::vec((text(), inner), 0..5).prop_map(|entries| {
                let mut seen = std::collections::BTreeSet::new();
                Node::Map(
                    entries
                        .into_iter()
                        .filter(|(k, _)| seen.insert(k.clone()))
                        .map(|(k, v)| (Cow::Owned(k), v))
                        .collect(),
                )
            }),
        ]
    })
}

/// Key Vault object fields: letters, digits and `extra`, in pieces that read
/// as numbers, booleans, null or document markers.
fn kv_text(extra: &'static str) -> impl Strategy<Value = String> {
    let pieces: Vec<&str> = [
        "-", "--", "---", ".", "...", "_", "0", "00", "007", "0x1F", "0o17", "0b1", "1e3", "1E3",
        "e", "true", "True", "null", "NULL", "inf", "nan", ".inf", ".5", "1.", "x", "7", "a",
    ]
    .into_iter()
    .filter(|p| {
        p.chars()
            .all(|c| c.is_ascii_alphanumeric() || extra.contains(c))
    })
    .collect();
    prop::collection::vec(prop::sample::select(pieces), 1..4).prop_map(|v| v.concat())
}

fn reference(value: &impl serde::Serialize) -> String {
    serde_yaml::to_string(value).expect("serde_yaml serializes the value")
}

/// Whether any string of the tree, key or value, is one the emitter writes
/// differently from serde_yaml on purpose.
fn departs(node: &Node) -> bool {
    match node {
        Node::Str(s) => departs_from_serde_yaml(s),
        Node::Seq(items) => items.iter().any(departs),
        Node::Map(entries) => entries
            .iter()
            .any(|(k, v)| departs_from_serde_yaml(k) || departs(v)),
        _ => false,
    }
}

/// Our text for `node`: serde_yaml's, or, where the emitter departs from it on
/// purpose, text that serde_yaml still reads back as the same value.
fn check_against_reference(node: &Node) -> Result<(), TestCaseError> {
    let ours = emit(node);
    if !departs(node) {
        prop_assert_eq!(&ours, &reference(node));
    }
    let back: serde_yaml::Value = serde_yaml::from_str(&ours).expect("parses");
    prop_assert_eq!(back, serde_yaml::to_value(node).expect("value"));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn strings_as_values_match_serde_yaml(s in text()) {
        check_against_reference(&Node::Str(s.clone()))?;
        if departs_from_serde_yaml(&s) {
            // Never plain: single quotes, or double quotes with escapes.
            let ours = emit(&Node::Str(s.clone()));
            prop_assert!(ours.starts_with(['\'', '"']), "{:?} written as {:?}", s, ours);
        }
    }

    #[test]
    fn strings_as_keys_and_values_match_serde_yaml(k in text(), v in text(), other in text()) {
        // One entry, then the same key before another, then nested: keys at
        // every indentation serde_yaml gives them.
        let one = Node::Map(vec![(Cow::Owned(k.clone()), Node::Str(v.clone()))]);
        let two = Node::Map(vec![
            (Cow::Owned(k.clone()), Node::Str(v.clone())),
            (Cow::Owned(format!("{k}{other}x")), Node::Seq(vec![Node::Str(other.clone())])),
        ]);
        let nested = Node::Seq(vec![Node::Map(vec![(Cow::Owned(other.clone()), two.clone())])]);
        for node in [&one, &two, &nested] {
            check_against_reference(node)?;
        }
    }

    /// The JSON the wasm module returns is written from the tree without serde_json.
    #[test]
    fn json_of_strings_and_trees_matches_serde_json(s in text(), node in tree()) {
        let mut ours = String::new();
        write_str(&mut ours, &s);
        prop_assert_eq!(&ours, &serde_json::to_string(&s).expect("json"));
        ours.clear();
        write_json(&mut ours, &node);
        prop_assert_eq!(&ours, &serde_json::to_string(&node).expect("json"));
    }

    #[test]
    fn trees_match_serde_yaml(node in tree()) {
        check_against_reference(&node)?;
    }

    /// The SecretProviderClass `objects` parameter is YAML inside YAML: both
    /// levels must be what serde_yaml wrote. Fields stay within what policy
    /// accepts (it refuses anything else), built from pieces serde_yaml quotes.
    #[test]
    fn keyvault_objects_parameter_matches_serde_yaml(
        name in kv_text("-"),
        alias in kv_text("-_.").prop_filter("policy refuses . and ..", |a| a != "." && a != ".."),
        version in kv_text(""),
        r#type in prop::sample::select(vec!["secret", "key", "cert"]),
    ) {
        let mut s = common::spec("keyvault", None, "keyvault-csi", "none");
        s.keyvault = Some(KeyVaultSpec { objects: vec![KeyVaultObject {
            name: name.clone(), r#type: r#type.to_owned(), version: Some(version.clone()), alias: Some(alias.clone()),
        }, KeyVaultObject { name: "second".into(), r#type: "key".into(), version: None, alias: None }]});
        let bundle = render(&s, &RenderOptions::default());
        prop_assume!(bundle.is_ok(), "policy refused {:?}", bundle.err());
        // Fields quoted beyond serde_yaml are held to the real readers instead.
        prop_assume!(![&name, &alias, &version].into_iter().any(|f| departs_from_serde_yaml(f)));
        let bundle = bundle.expect("checked");
        let spc = &bundle.documents[0];
        prop_assert_eq!(&spc.yaml, &reference(&spc.object));

        #[derive(serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Entry<'a> {
            object_name: &'a str,
            object_type: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            object_version: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            object_alias: Option<&'a str>,
        }
        fn nonempty(v: &str) -> Option<&str> {
            (!v.is_empty()).then_some(v)
        }
        let entries = [
            Entry { object_name: &name, object_type: r#type, object_version: nonempty(&version), object_alias: nonempty(&alias) },
            Entry { object_name: "second", object_type: "key", object_version: None, object_alias: None },
        ];
        let array: Vec<String> = entries.iter().map(reference).collect();
        let expected = reference(&std::collections::BTreeMap::from([("array", array)]));
        let aks_service_connector::Object::SecretProviderClass(object) = &spc.object else {
            panic!("first document is the SecretProviderClass");
        };
        prop_assert_eq!(object.spec.parameters.get("objects"), Some(&expected));
    }
}

/// Every combination the catalog can render (as examples/render_all does, both
/// encodings, every workload kind, tricky workload fields): the YAML is
/// serde_yaml's text of the typed object, and the tree's JSON is serde_json's.
#[test]
fn every_rendered_object_matches_serde_yaml_and_serde_json() {
    let mut documents = 0;
    for c in catalog::combinations() {
        let (auth, client) = (c.auth, c.client);
        for workload in ["Job", "Deployment", "Pod"] {
            for encoding in [SecretEncoding::StringData, SecretEncoding::Data] {
                let mut spec = common::spec(
                    c.target.as_str(),
                    c.account_kind.map(|k| k.as_str()),
                    auth.as_str(),
                    client.as_str(),
                );
                spec.workload = Some(WorkloadSpec {
                    workload_kind: Some(workload.to_owned()),
                    command: Some(vec![
                        "sh".into(),
                        "-c".into(),
                        "echo 'a: b' # \"c\"\n".into(),
                        "".into(),
                        "0755".into(),
                    ]),
                    ..Default::default()
                });
                let bundle = render(
                    &spec,
                    &RenderOptions {
                        secret_encoding: encoding,
                    },
                )
                .unwrap_or_else(|e| panic!("{} {auth} {client} {workload}: {e}", c.target));
                for d in &bundle.documents {
                    assert_eq!(
                        d.yaml,
                        reference(&d.object),
                        "{} {auth} {client} {workload} {}",
                        c.target,
                        d.object_kind
                    );
                    let typed = serde_json::to_string(&d.object).expect("json");
                    assert_eq!(serde_json::to_string(d.tree()).expect("json"), typed);
                    let mut written = String::new();
                    write_json(&mut written, d.tree());
                    assert_eq!(written, typed);
                    documents += 1;
                }
                let typed: Vec<_> = bundle.documents.iter().map(|d| &d.object).collect();
                assert_eq!(
                    bundle.json().expect("json"),
                    serde_json::to_string_pretty(&typed).expect("json")
                );
            }
        }
    }
    assert!(documents > 3000, "only {documents} documents");
}

/// Deep nesting: indentation beyond what the emitter writes in one slice.
#[test]
fn deep_nesting_matches_serde_yaml() {
    let mut node = Node::Str("leaf\nwith a break".to_owned());
    for depth in 0..40 {
        node = if depth % 3 == 0 {
            Node::Seq(vec![node, Node::Int(depth)])
        } else {
            Node::Map(vec![
                (Cow::Owned(format!("k{depth}")), node),
                ("z".into(), Node::Null),
            ])
        };
        assert_eq!(emit(&node), reference(&node), "depth {depth}");
    }
}

/// Cases the generators reach rarely or never: very long digit strings (a
/// leading zero is quoted even beyond what u128 and f64 can hold), the float
/// overflow boundary, and long keys with breaks.
#[test]
fn rare_examples_match_serde_yaml() {
    let mut examples: Vec<String> = PIECES.iter().map(|p| (*p).to_owned()).collect();
    for digits in ["0", "-0", "+0", "", "-", "+"] {
        examples.push(format!("{digits}{}", "9".repeat(400)));
        examples.push(format!("{digits}{}", "0".repeat(400)));
    }
    examples.extend([
        "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791".to_owned(),
        "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792".to_owned(),
        "1.7976931348623157e308".to_owned(),
        "1.7976931348623158e308".to_owned(),
        "1.797693134862315807937289714053034150799e308".to_owned(),
        "1.797693134862315807937289714053034150798e+308".to_owned(),
        "0.0000000000000000000000000001e336".to_owned(),
        "1e-99999999999999999999999".to_owned(),
        format!("{}\u{2028}", "k".repeat(130)),
        format!("{}\n", "k".repeat(130)),
        format!("{} ", "k".repeat(128)),
        " ".to_owned(),
        "\u{2028}".to_owned(),
        "a\u{2028}\u{2029}b\u{2028}".to_owned(),
        "\n\n".to_owned(),
        "\n a".to_owned(),
        "a\n ".to_owned(),
        "a\n\tb".to_owned(),
        "#".to_owned(),
        "a\u{0}#".to_owned(),
    ]);
    for e in examples {
        let node = Node::Seq(vec![
            Node::Str(e.clone()),
            Node::Map(vec![(Cow::Owned(e.clone()), Node::Str(e.clone()))]),
        ]);
        if departs(&node) {
            let back: serde_yaml::Value = serde_yaml::from_str(&emit(&node)).expect("parses");
            assert_eq!(back, serde_yaml::to_value(&node).expect("value"), "{e:?}");
            continue;
        }
        assert_eq!(emit(&node), reference(&node), "{e:?}");
        assert_eq!(emit(&Node::Str(e.clone())), reference(&e), "{e:?}");
    }
}

#[test]
fn to_yaml_matches_serde_yaml_on_std_types() {
    use std::collections::BTreeMap;
    let value = BTreeMap::from([("list", vec![Some(1), None, Some(-3)]), ("empty", vec![])]);
    assert_eq!(to_yaml(&value).unwrap(), reference(&value));
    let unit_and_tuple = ((), (true, "x"), [0u8; 0]);
    assert_eq!(
        to_yaml(&unit_and_tuple).unwrap(),
        reference(&unit_and_tuple)
    );
    assert_eq!(to_tree(&"s").unwrap(), Node::Str("s".into()));
}
