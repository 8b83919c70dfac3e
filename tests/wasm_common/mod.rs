//! The wasm export tests, shared by `wasm_node.rs` (Node) and `wasm_browser.rs` (Chromium):
//! they call the exported functions as JS would and look at the JS values they return or throw.

use aks_service_connector::wasm;
use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const BLOB: &str = r#"{ "connectionName": "storage_conn", "namespace": "apps",
    "target": { "type": "storage-blob", "account": "mystore" } }"#;

fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON parses")
}

/// Reads a dotted path (`documents.0.object.kind`) from a JS value.
fn get(v: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(v.clone(), |v, key| {
        Reflect::get(&v, &JsValue::from_str(key)).expect("property read")
    })
}

fn string(v: &JsValue, path: &str) -> String {
    get(v, path)
        .as_string()
        .unwrap_or_else(|| panic!("{path} is not a string"))
}

/// The thrown error's code, field and message, after checking it is a real `Error`.
fn thrown(result: Result<JsValue, JsValue>) -> (String, JsValue, String) {
    let e = result.expect_err("expected a thrown error");
    assert!(
        e.is_instance_of::<js_sys::Error>(),
        "thrown value is not an Error"
    );
    let code = string(&e, "code");
    assert!(
        wasm::ERROR_CODES.contains(&code.as_str()),
        "undeclared code {code}"
    );
    assert!(
        wasm::TS_DECLARATIONS.contains(&format!("\"{code}\"")),
        "code {code} missing from the TypeScript ErrorCode type"
    );
    assert!(
        Array::is_array(&get(&e, "findings")),
        "findings is not an array"
    );
    let message = string(&e, "message");
    assert!(
        !message.ends_with('.'),
        "message ends with a period: {message}"
    );
    assert!(
        !message.contains(" at line "),
        "message leaks a JSON position: {message}"
    );
    (code, get(&e, "field"), message)
}

/// `JSON.stringify` drops `undefined` and throws on `Map`/`BigInt`: an exact round trip
/// proves the value is plain JSON data.
fn assert_plain_json(v: &JsValue) {
    let text = JSON::stringify(v)
        .expect("stringify")
        .as_string()
        .expect("string");
    let back = JSON::stringify(&JSON::parse(&text).expect("parse")).expect("stringify");
    assert_eq!(text, back.as_string().expect("string"));
    assert!(!text.contains("undefined"));
}

fn has_undefined(v: &JsValue) -> bool {
    if v.is_undefined() {
        return true;
    }
    if let Some(obj) = v.dyn_ref::<Object>() {
        if v.is_function() {
            return false;
        }
        let values = Object::values(obj);
        return values.iter().any(|x| has_undefined(&x));
    }
    false
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(wasm::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn catalog_is_plain_json_with_nulls() {
    let c = wasm::catalog().expect("catalog");
    assert!(c.is_object() && !c.is_instance_of::<js_sys::Map>());
    let targets: Array = get(&c, "targets").dyn_into().expect("targets array");
    assert_eq!(targets.length(), 27);
    assert_eq!(string(&c, "targets.0.id"), "postgres");
    let keys: Array = get(&c, "keys").dyn_into().expect("keys array");
    assert!(keys.length() > 1000);
    // `Option::None` must arrive as `null`, never `undefined`.
    assert!(keys.iter().any(|k| get(&k, "example").is_null()));
    assert!(targets.iter().any(|t| get(&t, "armIdPattern").is_null()));
    assert!(!has_undefined(&c));
    assert_plain_json(&c);
}

#[wasm_bindgen_test]
fn validate_returns_findings() {
    let clean = wasm::validate(js(BLOB)).expect("validate");
    let clean: Array = clean.dyn_into().expect("array");
    assert!(clean.iter().all(|f| string(&f, "severity") != "error"));

    let bad = js(r#"{ "namespace": "Bad_NS", "target": { "type": "storage-blob" } }"#);
    let findings: Array = wasm::validate(bad)
        .expect("validate")
        .dyn_into()
        .expect("array");
    let first = findings.get(0);
    assert_eq!(string(&first, "code"), "SC003");
    assert_eq!(string(&first, "field"), "namespace");
    assert_eq!(string(&first, "severity"), "error");
    assert!(string(&first, "message").contains("Bad_NS"));
}

#[wasm_bindgen_test]
fn render_returns_yaml_documents_and_objects() {
    let r = wasm::render(js(BLOB), None).expect("render");
    assert!(string(&r, "yaml").contains("https://mystore.blob.core.windows.net/"));
    let docs: Array = get(&r, "documents").dyn_into().expect("documents array");
    let kinds: Vec<String> = docs.iter().map(|d| string(&d, "kind")).collect();
    assert_eq!(kinds, ["ServiceAccount", "Secret", "Job"]);
    for d in docs.iter() {
        assert_eq!(string(&d, "object.kind"), string(&d, "kind"));
        assert_eq!(string(&d, "object.metadata.name"), string(&d, "name"));
        assert_eq!(string(&d, "namespace"), "apps");
        assert!(string(&r, "yaml").contains(&string(&d, "yaml")));
    }
    let secret = docs.get(1);
    assert_eq!(string(&secret, "object.apiVersion"), "v1");
    assert!(get(&secret, "object.stringData").is_object());
    assert!(Array::is_array(&get(&r, "findings")));
    assert!(!has_undefined(&r));
    assert_plain_json(&r);
}

/// `render` writes its result's JSON text itself: it must be what serde_json writes
/// for the declared `RenderResult` type, for every combination the catalog renders.
#[wasm_bindgen_test]
fn render_result_is_the_render_result_type() {
    use aks_service_connector::catalog::{AccountKind, TargetId, TARGETS};
    use aks_service_connector::{ConnectionSpec, RenderOptions};
    let stringify = |v: &JsValue| JSON::stringify(v).expect("stringify").as_string();
    let mut results = 0;
    for t in TARGETS.iter() {
        let kinds: &[Option<AccountKind>] = if t.id == TargetId::CognitiveServices {
            &[
                None,
                Some(AccountKind::OpenAi),
                Some(AccountKind::CognitiveServices),
            ]
        } else {
            &[None]
        };
        for kind in kinds {
            for auth in t.auth_types {
                for client in t.client_types {
                    let kind = kind.map_or("null".to_owned(), |k| format!("\"{k}\""));
                    let spec = format!(
                        r#"{{ "namespace": "apps", "clientType": "{client}", "auth": {{ "type": "{auth}" }},
                            "target": {{ "type": "{}", "kind": {kind} }},
                            "workload": {{ "command": ["sh", "-c", "echo \"\\\u0001\t\u2028é\n"] }} }}"#,
                        t.id
                    );
                    let ours = wasm::render(js(&spec), None).expect("render");
                    let parsed: ConnectionSpec = serde_json::from_str(&spec).expect("spec");
                    let bundle = aks_service_connector::render(&parsed, &RenderOptions::default())
                        .expect("render");
                    let expected = wasm::RenderResult {
                        yaml: bundle.yaml(),
                        documents: bundle
                            .documents
                            .iter()
                            .map(|d| wasm::RenderedDocument {
                                head: wasm::PreviewDocument {
                                    object_kind: d.object_kind.to_owned(),
                                    name: d.name.clone(),
                                    namespace: d.namespace.clone(),
                                    yaml: d.yaml.clone(),
                                },
                                object: d.tree().clone(),
                            })
                            .collect(),
                        findings: bundle.findings,
                    };
                    let expected = js(&serde_json::to_string(&expected).expect("json"));
                    assert_eq!(stringify(&ours), stringify(&expected), "{spec}");
                    results += 1;
                }
            }
        }
    }
    assert!(results > 300, "only {results} results");
}

#[wasm_bindgen_test]
fn render_options_select_the_secret_encoding() {
    for options in [None, Some(JsValue::NULL), Some(JsValue::UNDEFINED)] {
        let r = wasm::render(js(BLOB), options).expect("render with default options");
        assert!(get(&r, "documents.1.object.stringData").is_object());
    }
    let r = wasm::render(js(BLOB), Some(js(r#"{ "secretEncoding": "data" }"#))).expect("render");
    assert!(get(&r, "documents.1.object.stringData").is_undefined());
    assert!(get(&r, "documents.1.object.data").is_object());
}

#[wasm_bindgen_test]
fn render_of_an_invalid_spec_throws_with_findings() {
    let bad = js(r#"{ "namespace": "Bad_NS", "target": { "type": "storage-blob" } }"#);
    let e = wasm::render(bad, None).expect_err("invalid spec");
    let (code, field, message) = thrown(Err(e.clone()));
    assert_eq!(code, "invalid-spec");
    assert_eq!(field.as_string().as_deref(), Some("namespace"));
    assert!(message.contains("SC003"), "{message}");
    let findings: Array = get(&e, "findings").dyn_into().expect("array");
    assert_eq!(string(&findings.get(0), "code"), "SC003");

    let unknown = js(r#"{ "target": { "type": "no-such-target" } }"#);
    let (code, field, _) = thrown(wasm::render(unknown, None));
    assert_eq!(code, "invalid-spec");
    assert_eq!(field.as_string().as_deref(), Some("target.type"));
}

#[wasm_bindgen_test]
fn wrong_shapes_throw_invalid_input_with_the_field_path() {
    let cases: &[(&str, &str, &str)] = &[
        (
            r#"{ "target": { "type": 5 } }"#,
            "target.type",
            "expected a string",
        ),
        (r#"{ "target": {} }"#, "target", "missing field `type`"),
        (r#"{}"#, "$", "missing field `target`"),
        (
            r#"{ "target": { "type": "sql" }, "bogus": 1 }"#,
            "bogus",
            "unknown field \"bogus\"",
        ),
        (
            r#"{ "target": { "type": "sql", "extra": "x" } }"#,
            "target.extra",
            "unknown field \"extra\"",
        ),
        (
            r#"{ "target": { "type": "sql" }, "values": { "K": 1 } }"#,
            "values.K",
            "expected a string",
        ),
        (
            r#"{ "target": { "type": "sql" }, "keyvault": { "objects": [{ "name": "a" }] } }"#,
            "keyvault.objects[0]",
            "missing field `type`",
        ),
        ("null", "$", "expected struct ConnectionSpec"),
        ("42", "$", "expected struct ConnectionSpec"),
        (r#""storage-blob""#, "$", "expected struct ConnectionSpec"),
        (
            "[]",
            "$",
            "expected a connection spec object, found an array",
        ),
    ];
    for (spec, want_field, want_message) in cases {
        for result in [wasm::validate(js(spec)), wasm::render(js(spec), None)] {
            let (code, field, message) = thrown(result);
            assert_eq!(code, "invalid-input", "{spec}");
            assert_eq!(
                field.as_string().as_deref(),
                Some(*want_field),
                "{spec}: {message}"
            );
            assert!(message.contains(want_message), "{spec}: {message}");
            assert!(message.starts_with(&format!("{want_field}: ")), "{message}");
        }
    }
    let (code, field, message) = thrown(wasm::render(
        js(BLOB),
        Some(js(r#"{ "secretEncoding": "base64" }"#)),
    ));
    assert_eq!(code, "invalid-input");
    assert_eq!(field.as_string().as_deref(), Some("options.secretEncoding"));
    assert!(message.contains("base64"), "{message}");
}

#[wasm_bindgen_test]
fn values_json_cannot_hold_throw_invalid_input() {
    let (_, field, message) = thrown(wasm::validate(JsValue::UNDEFINED));
    assert_eq!(field.as_string().as_deref(), Some("$"));
    assert!(message.contains("found undefined"), "{message}");
    let f = js_sys::Function::new_no_args("return 1");
    let (_, _, message) = thrown(wasm::validate(f.into()));
    assert!(message.contains("found function"), "{message}");
    let (code, _, message) = thrown(wasm::validate(js_sys::BigInt::from(7u32).into()));
    assert_eq!(code, "invalid-input");
    assert!(message.contains("JSON cannot hold"), "{message}");

    let cyclic = js(r#"{ "target": { "type": "sql" } }"#);
    Reflect::set(&cyclic, &"self".into(), &cyclic).expect("set");
    let (code, field, _) = thrown(wasm::validate(cyclic));
    assert_eq!(
        (code.as_str(), field.as_string().as_deref()),
        ("invalid-input", Some("$"))
    );

    // JS `undefined` fields are absent fields, as in JSON.
    let spec = js(BLOB);
    Reflect::set(&spec, &"clientType".into(), &JsValue::UNDEFINED).expect("set");
    wasm::render(spec, None).expect("undefined field is ignored");
}

#[wasm_bindgen_test]
fn odd_inputs_never_trap_and_the_module_stays_usable() {
    // Deep nesting: a recursive walk in Rust would overflow the wasm stack and trap.
    let deep = js("{}");
    let mut inner = deep.clone();
    for _ in 0..100_000 {
        let next = Object::new();
        Reflect::set(&inner, &"a".into(), &next).expect("set");
        inner = next.into();
    }
    let spec = js(r#"{ "target": { "type": "sql" } }"#);
    Reflect::set(&spec, &"values".into(), &deep).expect("set");
    let (code, _, _) = thrown(wasm::validate(spec));
    assert_eq!(code, "invalid-input");
    let array_deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let spec = format!(r#"{{ "target": {{ "type": {array_deep} }} }}"#);
    assert_eq!(thrown(wasm::render(js(&spec), None)).0, "invalid-input");

    // A huge string is refused by its cap, not a crash.
    let huge = "x".repeat(8 << 20);
    let spec = js(&format!(
        r#"{{ "namespace": "{huge}", "target": {{ "type": "storage-blob" }} }}"#
    ));
    let (code, field, _) = thrown(wasm::render(spec, None));
    assert_eq!(
        (code.as_str(), field.as_string().as_deref()),
        ("input-too-large", Some("$"))
    );

    // Unicode and control characters in every string field the renderer copies.
    let spec = js(
        r#"{ "connectionName": "ä\u0000", "namespace": "\ud83d\ude00", "target": { "type": "storage-blob", "account": "\n" } }"#,
    );
    assert_eq!(thrown(wasm::render(spec, None)).0, "invalid-spec");

    // A spec longer than the first buffer its JSON text is read into, with text of 1, 2, 3
    // and 4 UTF-8 bytes (and 1 or 2 UTF-16 code units) per character.
    let script = "echo é€😀; ".repeat(300);
    let spec = js(&format!(
        r#"{{ "connectionName": "storage_conn", "namespace": "apps",
            "target": {{ "type": "storage-blob", "account": "mystore" }},
            "workload": {{ "command": ["sh", "-c", "{script}"] }} }}"#
    ));
    let r = wasm::render(spec, None).expect("a long spec renders");
    let command = get(
        &r,
        "documents.2.object.spec.template.spec.containers.0.command.2",
    );
    assert_eq!(command.as_string().as_deref(), Some(script.as_str()));

    let r = wasm::render(js(BLOB), None).expect("module still works after errors");
    assert_eq!(Array::from(&get(&r, "documents")).length(), 3);
}

const PLANNED: &str = r#"{ "connectionName": "storage_conn", "namespace": "apps",
    "cluster": { "subscription": "00001111-aaaa-2222-bbbb-3333cccc4444", "resourceGroup": "rg", "name": "aks1" },
    "target": { "type": "storage-blob", "resourceGroup": "data", "account": "mystore" },
    "auth": { "type": "connection-string" } }"#;

const AADSTS700016: &str =
    "azure.core.exceptions.ClientAuthenticationError: WorkloadIdentityCredential: \
    Microsoft Entra ID returned an error. AADSTS700016: Application with identifier \
    '4e3d2c1b-0000-4000-8000-0000000000aa' was not found in the directory 'Contoso'.";

#[wasm_bindgen_test]
fn plan_returns_operations_and_the_arm_request() {
    for context in [None, Some(JsValue::NULL), Some(js("{}"))] {
        let p = wasm::plan(js(PLANNED), context).expect("plan");
        assert_eq!(string(&p, "requests.0.method"), "PUT");
        assert!(string(&p, "requests.0.path")
            .ends_with("/providers/Microsoft.ServiceLinker/linkers/storage_conn"));
        assert_eq!(string(&p, "requests.0.body.properties.scope"), "apps");
        assert!(Array::from(&get(&p, "operations")).length() > 5);
        assert!(!has_undefined(&p));
        assert_plain_json(&p);
    }
    let known = js(r#"{ "extensionInstalled": true }"#);
    let p = wasm::plan(js(PLANNED), Some(known)).expect("plan with context");
    let statuses: Vec<String> = Array::from(&get(&p, "operations"))
        .iter()
        .map(|o| string(&o, "status"))
        .collect();
    assert!(statuses.iter().any(|s| s == "alreadyDone"), "{statuses:?}");
}

#[wasm_bindgen_test]
fn placeholders_lists_what_output_still_holds() {
    let list = |text: &str| -> Vec<String> {
        let v = wasm::placeholders(JsValue::from_str(text)).expect("placeholders");
        assert_plain_json(&v);
        Array::from(&v)
            .iter()
            .filter_map(|s| s.as_string())
            .collect()
    };
    assert_eq!(
        list("https://<storage-account-name>.blob.core.windows.net/ <client-ID>"),
        ["<storage-account-name>", "<client-ID>"]
    );
    assert_eq!(list("é<cluster.name>ü"), ["<cluster.name>"]);
    assert!(list("cat <in >out").is_empty());
    // What render leaves for a design with nothing filled in is found in its YAML.
    let r = wasm::render(js(r#"{ "target": { "type": "storage-blob" } }"#), None).expect("render");
    assert!(list(&string(&r, "yaml")).iter().any(|p| p == "<client-ID>"));
    for bad in [JsValue::UNDEFINED, JsValue::from_f64(1.0), js("{}")] {
        let (code, field, _) = thrown(wasm::placeholders(bad));
        assert_eq!(
            (code.as_str(), field.as_string().as_deref()),
            ("invalid-input", Some("text"))
        );
    }
    let long = JsValue::from_str(&"x".repeat(1024 * 1024 + 1));
    let (code, field, _) = thrown(wasm::placeholders(long));
    assert_eq!(
        (code.as_str(), field.as_string().as_deref()),
        ("input-too-large", Some("text"))
    );
}

#[wasm_bindgen_test]
fn plan_errors_are_coded() {
    let bad = js(r#"{ "namespace": "Bad_NS", "target": { "type": "storage-blob" } }"#);
    let (code, field, _) = thrown(wasm::plan(bad, None));
    assert_eq!(
        (code.as_str(), field.as_string().as_deref()),
        ("invalid-spec", Some("namespace"))
    );
    let context = js(r#"{ "extensionInstalled": "yes" }"#);
    let (code, field, message) = thrown(wasm::plan(js(PLANNED), Some(context)));
    assert_eq!(code, "invalid-input");
    assert_eq!(
        field.as_string().as_deref(),
        Some("context.extensionInstalled")
    );
    assert!(message.contains("expected a boolean"), "{message}");
    let (code, field, _) = thrown(wasm::plan(js(PLANNED), Some(js(r#"{ "colour": 1 }"#))));
    assert_eq!(
        (code.as_str(), field.as_string().as_deref()),
        ("invalid-input", Some("context.colour"))
    );
    assert_eq!(
        thrown(wasm::plan(JsValue::UNDEFINED, None)).0,
        "invalid-input"
    );
}

#[wasm_bindgen_test]
fn classify_returns_the_diagnosis() {
    let ctx = js(r#"{ "resourceGroup": "rg1", "cluster": "aks1" }"#);
    let d = wasm::classify(AADSTS700016.into(), Some(ctx)).expect("classify");
    assert_eq!(string(&d, "category"), "wi_wrong_client_id");
    assert_eq!(string(&d, "matches.0.id"), "wi_wrong_client_id");
    let confidence = get(&d, "matches.0.confidence").as_f64().expect("number");
    assert!((0.0..=1.0).contains(&confidence));
    assert_eq!(get(&d, "truncated").as_bool(), Some(false));
    assert!(!has_undefined(&d));
    assert_plain_json(&d);
    let none = wasm::classify("all good".into(), None).expect("classify");
    assert_ne!(string(&none, "category"), "wi_wrong_client_id");
    let empty = wasm::classify("".into(), None).expect("empty text");
    assert!(get(&empty, "category").is_string());
}

#[wasm_bindgen_test]
fn classify_errors_are_coded() {
    for odd in [
        JsValue::UNDEFINED,
        JsValue::NULL,
        JsValue::from(42),
        js("{}"),
    ] {
        let (code, field, message) = thrown(wasm::classify(odd, None));
        assert_eq!(
            (code.as_str(), field.as_string().as_deref()),
            ("invalid-input", Some("text"))
        );
        assert!(
            message.starts_with("text: expected a string, found "),
            "{message}"
        );
    }
    let (code, field, _) = thrown(wasm::classify("x".into(), Some(js(r#"{ "cluster": 5 }"#))));
    assert_eq!(
        (code.as_str(), field.as_string().as_deref()),
        ("invalid-input", Some("context.cluster"))
    );
    // A large log is analysed within its budget, not a trap.
    let big = format!("{}{}", "noise line\n".repeat(400_000), AADSTS700016);
    let d = wasm::classify(big.into(), None).expect("big text");
    assert!(get(&d, "category").is_string());
}

#[wasm_bindgen_test]
fn explain_gives_a_known_category_its_filled_advice() {
    let ctx = js(r#"{ "resourceGroup": "rg1", "cluster": "aks1" }"#);
    let facts = js(r#"{ "providerNamespace": "Microsoft.ServiceLinker" }"#);
    let d = wasm::explain("subscription_not_registered".into(), Some(ctx), Some(facts))
        .expect("explain");
    assert_eq!(string(&d, "category"), "subscription_not_registered");
    assert_eq!(get(&d, "matches.0.evidence.length").as_f64(), Some(0.0));
    let commands = get(&d, "matches.0.commands");
    assert!(
        JSON::stringify(&commands)
            .ok()
            .and_then(|s| s.as_string())
            .is_some_and(|s| s.contains("--namespace Microsoft.ServiceLinker")),
        "{commands:?}"
    );
    assert_plain_json(&d);
    let bare = wasm::explain("other".into(), None, None).expect("no context, no facts");
    assert_eq!(string(&bare, "category"), "other");
}

#[wasm_bindgen_test]
fn explain_errors_are_coded() {
    for (category, facts, field) in [
        (JsValue::from(5), None, "category"),
        ("no_such_category".into(), None, "category"),
        (
            "other".into(),
            Some(js(r#"{ "password": "x" }"#)),
            "facts.password",
        ),
        (
            "other".into(),
            Some(js(r#"{ "cluster": 5 }"#)),
            "facts.cluster",
        ),
    ] {
        let (code, thrown_field, message) = thrown(wasm::explain(category, None, facts));
        assert_eq!(
            (code.as_str(), thrown_field.as_string().as_deref()),
            ("invalid-input", Some(field)),
            "{message}"
        );
    }
}

#[wasm_bindgen_test]
fn classify_reads_any_js_string_and_caps_it() {
    // Non-ASCII before the phrase and a lone surrogate (JS strings need not be UTF-16
    // clean): the text still reaches the classifier whole, as UTF-8.
    let text = js_sys::JsString::from("Fehler ✗ 🚫 ")
        .concat(&js_sys::JsString::from_char_code1(0xD800))
        .concat(&AADSTS700016.into());
    let d = wasm::classify(text.into(), None).expect("classify");
    assert_eq!(string(&d, "category"), "wi_wrong_client_id");
    assert_eq!(get(&d, "truncated").as_bool(), Some(false));
    // Longer than the cap: classified on its first part and marked truncated.
    let cap = aks_service_connector::classify::MAX_INPUT_BYTES;
    let long = format!("{AADSTS700016}\n{}", "x".repeat(cap));
    let d = wasm::classify(long.into(), None).expect("long text");
    assert_eq!(get(&d, "truncated").as_bool(), Some(true));
    assert_eq!(string(&d, "category"), "wi_wrong_client_id");
    let exact = "y".repeat(cap);
    let d = wasm::classify(exact.into(), None).expect("text of exactly the cap");
    assert_eq!(get(&d, "truncated").as_bool(), Some(false));
}

/// `render` without the objects: for every combination the catalog renders, in both
/// secret encodings, `preview` gives render's YAML, documents and findings.
#[wasm_bindgen_test]
fn preview_is_render_without_the_objects() {
    let stringify = |v: &JsValue| JSON::stringify(v).expect("stringify").as_string();
    let mut results = 0;
    for c in aks_service_connector::catalog::combinations() {
        let mut spec = c.spec();
        spec.namespace = Some("apps".into());
        let spec = serde_json::to_string(&spec).expect("spec as JSON");
        for options in [None, Some(r#"{ "secretEncoding": "data" }"#)] {
            let rendered = wasm::render(js(&spec), options.map(js)).expect("render");
            let previewed = wasm::preview(js(&spec), options.map(js)).expect("preview");
            assert_plain_json(&previewed);
            assert!(!has_undefined(&previewed));
            assert_eq!(
                string(&previewed, "yaml"),
                string(&rendered, "yaml"),
                "{spec}"
            );
            // Render's documents, each without its `object`.
            let documents: Array = get(&rendered, "documents").dyn_into().expect("array");
            for d in documents.iter() {
                assert!(Reflect::delete_property(&d.into(), &"object".into()).expect("delete"));
            }
            assert_eq!(
                stringify(&get(&previewed, "documents")),
                stringify(&documents),
                "{spec}"
            );
            assert_eq!(
                stringify(&get(&previewed, "findings")),
                stringify(&get(&rendered, "findings")),
                "{spec}"
            );
            let keys: Vec<String> = Object::keys(&previewed.clone().into())
                .iter()
                .filter_map(|k| k.as_string())
                .collect();
            assert_eq!(keys, ["yaml", "documents", "findings"]);
            results += 1;
        }
    }
    assert!(results > 700, "only {results} results");
}

#[wasm_bindgen_test]
fn preview_throws_as_render_does() {
    let bad = r#"{ "namespace": "Bad_NS", "target": { "type": "storage-blob" } }"#;
    let (code, field, message) = thrown(wasm::preview(js(bad), None));
    assert_eq!(code, "invalid-spec");
    assert_eq!(field.as_string().as_deref(), Some("namespace"));
    assert_eq!(message, thrown(wasm::render(js(bad), None)).2);
    let (code, field, _) = thrown(wasm::preview(
        js(BLOB),
        Some(js(r#"{ "secretEncoding": "hex" }"#)),
    ));
    assert_eq!(code, "invalid-input");
    assert_eq!(field.as_string().as_deref(), Some("options.secretEncoding"));
}

#[wasm_bindgen_test]
fn drift_compares_the_cluster_with_the_design() {
    let rendered = wasm::render(js(BLOB), None).expect("render");
    let documents: Array = get(&rendered, "documents").dyn_into().expect("array");
    let items = Array::new();
    for d in documents.iter() {
        items.push(&get(&d, "object"));
    }
    let cluster = JSON::stringify(&items)
        .ok()
        .and_then(|s| s.as_string())
        .expect("json");
    let report = wasm::drift(js(BLOB), cluster.into()).expect("drift");
    assert_eq!(
        get(&report, "objects").as_f64(),
        Some(f64::from(documents.length()))
    );
    let findings: Array = get(&report, "findings").dyn_into().expect("array");
    let codes: Vec<String> = findings.iter().map(|f| string(&f, "code")).collect();
    // The design has placeholders (no client id yet): nothing differs, they were not compared.
    assert_eq!(codes, ["SD009"]);
    assert_plain_json(&report);

    for (cluster, field) in [(JsValue::from(5), "cluster"), ("nope".into(), "cluster")] {
        let (code, thrown_field, message) = thrown(wasm::drift(js(BLOB), cluster));
        assert_eq!(
            (code.as_str(), thrown_field.as_string().as_deref()),
            ("invalid-input", Some(field)),
            "{message}"
        );
    }
}

#[wasm_bindgen_test]
fn wire_returns_the_three_forms_and_throws_on_bad_targets() {
    let target = r#"{ "kind": "Deployment", "name": "web",
        "containers": [{ "name": "app", "index": 1, "hasEnvFrom": true }] }"#;
    let wiring = wasm::wire(js(BLOB), js(target)).expect("wire");
    let keys: Vec<String> = Object::keys(&wiring.clone().into())
        .iter()
        .filter_map(|k| k.as_string())
        .collect();
    assert_eq!(keys, ["strategicMerge", "kustomize", "jsonPatch"]);
    assert!(string(&wiring, "kustomize").starts_with("apiVersion: apps/v1\nkind: Deployment\n"));
    let patch: Array = JSON::parse(&string(&wiring, "jsonPatch"))
        .expect("json")
        .dyn_into()
        .expect("array");
    assert_eq!(string(&patch.get(0), "op"), "test");
    assert_eq!(
        string(&patch.get(0), "path"),
        "/spec/template/spec/containers/1/name"
    );
    assert_plain_json(&wiring);

    for (bad, field) in [
        (
            r#"{ "kind": "Pod", "name": "web", "containers": [] }"#,
            "target.kind",
        ),
        (
            r#"{ "kind": "Job", "name": "web", "containers": [] }"#,
            "target.containers",
        ),
        (
            r#"{ "kind": "Job", "name": "web", "containers": [{ "name": "App", "index": 0 }] }"#,
            "target.containers[0].name",
        ),
    ] {
        let (code, thrown_field, message) = thrown(wasm::wire(js(BLOB), js(bad)));
        assert_eq!(
            (code.as_str(), thrown_field.as_string().as_deref()),
            ("invalid-input", Some(field)),
            "{message}"
        );
    }
    let (code, _, _) = thrown(wasm::wire(
        js(r#"{ "namespace": "Bad_NS", "target": { "type": "storage-blob" } }"#),
        js(target),
    ));
    assert_eq!(code, "invalid-spec");
}

#[wasm_bindgen_test]
fn compose_workload_takes_every_connection_and_throws_on_clashes() {
    let set = r#"{ "connections": [
        { "spec": { "connectionName": "blob_conn", "namespace": "apps",
                    "target": { "type": "storage-blob", "account": "mystore" } } },
        { "spec": { "connectionName": "vault_conn", "namespace": "apps",
                    "target": { "type": "keyvault", "vault": "myvault" } } } ] }"#;
    let result = wasm::compose_workload(js(set), None).expect("compose");
    let documents: Array = get(&result, "documents").dyn_into().expect("array");
    let kinds: Vec<String> = documents.iter().map(|d| string(&d, "kind")).collect();
    assert_eq!(
        kinds,
        ["ServiceAccount", "Secret", "SecretProviderClass", "Job"]
    );
    let owners = |i: u32| -> Vec<f64> {
        let a: Array = get(&documents.get(i), "connections")
            .dyn_into()
            .expect("array");
        a.iter().filter_map(|v| v.as_f64()).collect()
    };
    assert_eq!(
        (owners(1), owners(2), owners(3)),
        (vec![0.0], vec![1.0], vec![0.0, 1.0])
    );
    assert_eq!(string(&documents.get(3), "object.kind"), "Job");
    assert!(string(&result, "yaml").contains("secretProviderClass: sc-vault-conn-spc"));
    assert!(get(&result, "wiring").is_null());
    assert_plain_json(&result);

    // Wiring an existing workload instead of the sample.
    let existing = with(
        set,
        "existing",
        &js(
            r#"{ "kind": "Deployment", "name": "web", "containers": [{ "name": "app", "index": 0 }] }"#,
        ),
    );
    let wired = wasm::compose_workload(existing, None).expect("compose");
    assert!(string(&wired, "wiring.strategicMerge").contains("secrets-store01-inline"));

    // Two vaults on one mount path: a clash, with its code and field.
    let clash = r#"{ "connections": [
        { "spec": { "connectionName": "a", "target": { "type": "keyvault" } } },
        { "spec": { "connectionName": "b", "target": { "type": "keyvault" } },
          "mount": { "path": "/mnt/secrets-store" } } ] }"#;
    let e = wasm::compose_workload(js(clash), None).expect_err("clash");
    let findings: Array = get(&e, "findings").dyn_into().expect("array");
    let sw: Vec<(String, String)> = findings
        .iter()
        .filter(|f| string(f, "code").starts_with("SW"))
        .map(|f| (string(&f, "code"), string(&f, "field")))
        .collect();
    assert_eq!(
        sw,
        [("SW009".to_owned(), "connections[1].mount.path".to_owned())]
    );
    let (code, field, _) = thrown(wasm::compose_workload(js(clash), None));
    assert_eq!(
        (code.as_str(), field.as_string().as_deref()),
        ("invalid-spec", Some("connections[1].mount.path"))
    );

    for (bad, code, field) in [
        (r#"{ "connections": [] }"#, "invalid-input", "connections"),
        (r#"[]"#, "invalid-input", "$"),
        (
            r#"{ "connections": [{ "spec": { "target": { "type": "storage-blob" }, "extra": 1 } }] }"#,
            "invalid-input",
            "connections[0].spec.extra",
        ),
    ] {
        let (got, thrown_field, message) = thrown(wasm::compose_workload(js(bad), None));
        assert_eq!(
            (got.as_str(), thrown_field.as_string().as_deref()),
            (code, Some(field)),
            "{message}"
        );
    }
    let long = format!(
        r#"{{ "connections": [{{ "spec": {{ "target": {{ "type": "storage-blob", "account": "{}" }} }} }}] }}"#,
        "a".repeat(254)
    );
    let (code, field, _) = thrown(wasm::compose_workload(js(&long), None));
    assert_eq!(
        (code.as_str(), field.as_string().as_deref()),
        (
            "input-too-large",
            Some("connections[0].spec.target.account")
        )
    );
    let many = format!(
        r#"{{ "connections": [{}] }}"#,
        [r#"{ "spec": { "target": { "type": "storage-blob" } } }"#; 17].join(",")
    );
    let (code, field, _) = thrown(wasm::compose_workload(js(&many), None));
    assert_eq!(
        (code.as_str(), field.as_string().as_deref()),
        ("input-too-large", Some("connections"))
    );
}

/// An export taking one spec.
type Export = fn(JsValue) -> Result<JsValue, JsValue>;

/// A JS string of `unit` repeated `n` times, built in JS: the test's own wasm memory
/// stays small, so the module's growth can be measured.
fn js_repeat(unit: &str, n: usize) -> JsValue {
    js_sys::JsString::from(unit).repeat(n as i32).into()
}

/// `spec` (JSON) with `value` set at a dotted path of objects.
fn with(spec: &str, path: &str, value: &JsValue) -> JsValue {
    let root = js(spec);
    let keys: Vec<&str> = path.split('.').collect();
    let mut at = root.clone();
    for k in &keys[..keys.len() - 1] {
        let next = Reflect::get(&at, &(*k).into()).expect("get");
        let next = if next.is_object() {
            next
        } else {
            let o: JsValue = Object::new().into();
            Reflect::set(&at, &(*k).into(), &o).expect("set");
            o
        };
        at = next;
    }
    Reflect::set(&at, &keys[keys.len() - 1].into(), value).expect("set");
    root
}

fn memory_bytes() -> f64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    let buffer: js_sys::ArrayBuffer = memory.buffer().unchecked_into();
    buffer.byte_length() as f64
}

/// After each hostile call: the error is typed, it came quickly, and a valid render still works.
fn refused(
    what: &str,
    result: Result<JsValue, JsValue>,
    started: f64,
    want: (&str, &str),
) -> String {
    let elapsed = js_sys::Date::now() - started;
    let (code, field, message) = thrown(result);
    assert_eq!(
        (code.as_str(), field.as_string().as_deref()),
        (want.0, Some(want.1)),
        "{what}: {message}"
    );
    assert!(elapsed < 5_000.0, "{what}: {elapsed} ms");
    assert!(
        message.len() < 600,
        "{what}: message of {} bytes",
        message.len()
    );
    let r = wasm::render(js(BLOB), None).unwrap_or_else(|_| panic!("render after {what}"));
    assert_eq!(
        Array::from(&get(&r, "documents")).length(),
        3,
        "after {what}"
    );
    message
}

#[wasm_bindgen_test]
fn hostile_inputs_are_refused_quickly_and_the_module_stays_usable() {
    let before = memory_bytes();
    let now = js_sys::Date::now;
    let spec = r#"{ "target": { "type": "storage-blob" } }"#;

    // Large fields, for each export: refused on the text's size, before it is copied in.
    // The sizes first seen to break the module (a 200 MB account to plan, 50 MB names and
    // values) once each, 8 MB for the rest, so that the test stays quick on a loaded machine.
    for (field, mb) in [
        ("target.account", 200),
        ("connectionName", 50),
        ("values.AZURE_STORAGEBLOB_RESOURCEENDPOINT", 50),
    ] {
        let calls: [(&str, Export); 3] = [
            ("plan", |s| wasm::plan(s, None)),
            ("validate", wasm::validate),
            ("render", |s| wasm::render(s, None)),
        ];
        for (i, (name, call)) in calls.into_iter().enumerate() {
            let size = if i == 0 { mb << 20 } else { 8 << 20 };
            let big = with(spec, field, &js_repeat("a", size));
            let t = now();
            let m = refused(
                &format!("{name} {field}"),
                call(big),
                t,
                ("input-too-large", "$"),
            );
            assert!(
                m.starts_with("$: expected at most 1048576 bytes of JSON text, found at least "),
                "{m}"
            );
        }
    }
    // 50 MB of control characters (six bytes each as JSON).
    let ctl = with(spec, "values.K", &js_repeat("\u{1}", 50 << 20));
    let t = now();
    refused(
        "control characters",
        wasm::render(ctl, None),
        t,
        ("input-too-large", "$"),
    );
    // Near the caps: each field is read up to its cap and refused one byte beyond.
    for (field, cap) in [
        ("target.account", 253),
        ("namespace", 63),
        ("values.K", 64 << 10),
    ] {
        let at_cap = with(spec, field, &js_repeat("\u{1}", cap));
        let t = now();
        let r = wasm::validate(at_cap);
        assert!(r.is_ok() && now() - t < 5_000.0, "{field} at its cap");
        let over = with(spec, field, &js_repeat("\u{1}", cap + 1));
        let t = now();
        let m = refused(field, wasm::validate(over), t, ("input-too-large", field));
        assert_eq!(
            m,
            format!("{field}: expected at most {cap} bytes, found {}", cap + 1)
        );
    }
    // Counts: more values than a connection has keys.
    let many = Object::new();
    for i in 0..100 {
        Reflect::set(&many, &format!("K{i}").into(), &"v".into()).expect("set");
    }
    let t = now();
    refused(
        "100 values",
        wasm::render(with(spec, "values", &many), None),
        t,
        ("input-too-large", "values"),
    );
    let t = now();
    refused(
        "long plan context",
        wasm::plan(
            js(spec),
            Some(with("{}", "oidcIssuerUrl", &js_repeat("h", 10_000))),
        ),
        t,
        ("input-too-large", "context.oidcIssuerUrl"),
    );
    let t = now();
    refused(
        "long options",
        wasm::render(
            js(spec),
            Some(with("{}", "secretEncoding", &js_repeat("d", 10_000))),
        ),
        t,
        ("input-too-large", "options"),
    );

    // Arrays where objects belong.
    let t = now();
    refused(
        "validate([...])",
        wasm::validate(js(r#"["c", "apps", { "type": "storage-blob" }]"#)),
        t,
        ("invalid-input", "$"),
    );
    let t = now();
    refused(
        "render(spec, [...])",
        wasm::render(js(spec), Some(js(r#"["data"]"#))),
        t,
        ("invalid-input", "options"),
    );
    let t = now();
    refused(
        "plan(spec, [])",
        wasm::plan(js(spec), Some(js("[]"))),
        t,
        ("invalid-input", "context"),
    );
    let t = now();
    refused(
        "target as an array",
        wasm::render(js(r#"{ "target": ["storage-blob"] }"#), None),
        t,
        ("invalid-input", "target"),
    );
    let t = now();
    refused(
        "classify(text, [...])",
        wasm::classify("x".into(), Some(js(r#"["rg"]"#))),
        t,
        ("invalid-input", "context"),
    );

    // A secret typed into the wrong field is not repeated; a bad long value is quoted short.
    let secret =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    for (field, code, path) in [
        ("names", "invalid-input", "names"),
        ("namespace", "input-too-large", "namespace"),
        ("target.type", "invalid-spec", "target.type"),
        ("clientType", "invalid-spec", "clientType"),
    ] {
        let t = now();
        let e = wasm::render(with(spec, field, &secret.into()), None);
        let findings = e.as_ref().err().map(|e| get(e, "findings"));
        let m = refused(field, e, t, (code, path));
        assert!(!m.contains(&secret[..12]), "{m}");
        let findings = JSON::stringify(&findings.expect("thrown"))
            .expect("json")
            .as_string();
        assert!(
            !findings.unwrap_or_default().contains(&secret[..12]),
            "{field}"
        );
    }
    let t = now();
    let m = refused(
        "long target type",
        wasm::render(with(spec, "target.type", &js_repeat("z", 200)), None),
        t,
        ("invalid-spec", "target.type"),
    );
    assert!(
        m.contains(&format!("found \"{}…\" (200 characters)", "z".repeat(32))),
        "{m}"
    );

    // Nothing above grew the module's memory by more than the caps allow.
    let grown = memory_bytes() - before;
    assert!(
        grown < 64.0 * 1024.0 * 1024.0,
        "memory grew by {grown} bytes"
    );
}

#[wasm_bindgen_test]
fn limits_are_exported_as_the_cap_table() {
    let caps: Array = wasm::limits().expect("limits").dyn_into().expect("array");
    assert_eq!(
        caps.length() as usize,
        aks_service_connector::input::CAPS.len()
    );
    let whole = caps.get(0);
    assert_eq!(
        (
            string(&whole, "input"),
            string(&whole, "field"),
            string(&whole, "measure")
        ),
        ("spec".to_owned(), "$".to_owned(), "jsonBytes".to_owned())
    );
    assert_eq!(get(&whole, "max").as_f64(), Some(1048576.0));
    assert!(caps.iter().all(|c| !string(&c, "why").is_empty()));
    assert_plain_json(&caps.into());
}
