use super::*;
use crate::plan::PlanContext;
use crate::spec::{ConnectionSpec, RenderOptions};
use serde_json::json;

use crate::spec::full_spec_json as full_spec;

/// A workload set with every field of its own given (the specs and the workload are
/// read with the spec's rows).
fn full_set() -> Value {
    json!({
        "connections": [{ "spec": full_spec(), "mount": { "volume": "v", "path": "/p" } }],
        "existing": { "kind": "Deployment", "name": "n", "namespace": "apps",
                      "containers": [{ "name": "a", "index": 0 }] },
        "workloadEnv": ["A"], "workloadVolumes": ["v"], "workloadMountPaths": ["/m"]
    })
}

/// A wire target with every field given, one container.
fn full_target() -> Value {
    json!({
        "kind": "Deployment", "name": "web", "namespace": "apps",
        "containers": [{ "name": "app", "index": 0, "hasEnvFrom": true, "hasEnv": true, "hasVolumeMounts": true }],
        "hasPodLabels": true, "hasVolumes": true
    })
}

fn full_context() -> Value {
    json!({
        "apiVersion": "2022-05-01", "extensionInstalled": true,
        "kubernetesConfigurationRegistered": true, "serviceLinkerRegistered": true,
        "clusterProvisioningState": "Succeeded", "oidcIssuerEnabled": true,
        "oidcIssuerUrl": "https://x/", "workloadIdentityEnabled": true,
        "keyvaultSecretsProviderEnabled": true, "egressAllowed": true
    })
}

/// Joins a field pattern: `""` + `a` is `a`, `a` + `b` is `a.b`.
fn child(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

/// Every (pattern, measure) a value holds, as the walk names them.
fn patterns(v: &Value, pattern: &str, out: &mut Vec<(String, Measure)>, maps: &[&str]) {
    match v {
        Value::String(_) => out.push((pattern.to_owned(), Measure::Bytes)),
        Value::Array(items) => {
            out.push((pattern.to_owned(), Measure::Items));
            for i in items {
                patterns(i, &format!("{pattern}[]"), out, maps);
            }
        }
        Value::Object(m) => {
            let is_map = maps.contains(&pattern);
            if is_map {
                out.push((pattern.to_owned(), Measure::Entries));
                out.push((child(pattern, "*"), Measure::KeyBytes));
            }
            for (k, v) in m {
                let key = if is_map { "*" } else { k };
                patterns(v, &child(pattern, key), out, maps);
            }
        }
        _ => {}
    }
}

#[test]
fn every_field_has_a_cap_and_every_cap_a_field() {
    let spec = full_spec();
    // The fixture is a real, complete spec: typed reading keeps every field.
    let typed: ConnectionSpec = serde_json::from_value(spec.clone()).expect("full spec");
    assert_eq!(serde_json::to_value(&typed).expect("json"), spec);
    let typed: PlanContext = serde_json::from_value(full_context()).expect("full context");
    assert_eq!(serde_json::to_value(&typed).expect("json"), full_context());
    let classify =
        json!({ "resourceGroup": "r", "cluster": "c", "namespace": "n", "connection": "c" });
    let typed: crate::classify::ClassifyContext =
        serde_json::from_value(classify.clone()).expect("full classify context");
    assert_eq!(serde_json::to_value(&typed).expect("json"), classify);
    // Every field of the wire target is read (no default swallows a misspelt one).
    let typed: crate::render::WireTarget =
        serde_json::from_value(full_target()).expect("full wire target");
    assert_eq!(typed.containers.len(), 1);
    assert!(typed.has_volumes && typed.containers[0].has_volume_mounts);

    let maps = ["customizedKeys", "values", "workload.labels"];
    let mut want = vec![("spec", "$".to_owned(), Measure::JsonBytes)];
    let mut found = Vec::new();
    patterns(&spec, "", &mut found, &maps);
    want.extend(found.into_iter().map(|(p, m)| ("spec", p, m)));
    let set = full_set();
    let typed: crate::compose::WorkloadSet = serde_json::from_value(set.clone()).expect("full set");
    assert_eq!(typed.connections.len(), 1);
    let mut own = set.clone();
    own["connections"][0]
        .as_object_mut()
        .expect("connection")
        .remove("spec");
    // The existing workload is read with the wire target's rows.
    own.as_object_mut().expect("set").remove("existing");
    let mut found = Vec::new();
    patterns(&own, "", &mut found, &[]);
    want.push(("set", "$".to_owned(), Measure::JsonBytes));
    want.extend(found.into_iter().map(|(p, m)| ("set", p, m)));
    let mut found = Vec::new();
    patterns(
        &json!({ "secretEncoding": "data" }),
        "options",
        &mut found,
        &[],
    );
    want.push(("options", "options".to_owned(), Measure::JsonBytes));
    want.extend(found.into_iter().map(|(p, m)| ("options", p, m)));
    let mut found = Vec::new();
    patterns(&full_context(), "context", &mut found, &[]);
    patterns(&classify, "context", &mut found, &[]);
    want.push(("context", "context".to_owned(), Measure::JsonBytes));
    want.extend(found.into_iter().map(|(p, m)| ("context", p, m)));
    want.push(("text", "text".to_owned(), Measure::TruncatedBytes));
    want.push(("cluster", "cluster".to_owned(), Measure::Bytes));
    let mut found = Vec::new();
    patterns(&full_target(), "target", &mut found, &[]);
    want.push(("target", "target".to_owned(), Measure::JsonBytes));
    want.extend(found.into_iter().map(|(p, m)| ("target", p, m)));
    want.extend([
        ("facts", "facts".to_owned(), Measure::JsonBytes),
        ("facts", "facts".to_owned(), Measure::Entries),
        ("facts", "facts.*".to_owned(), Measure::KeyBytes),
        ("facts", "facts.*".to_owned(), Measure::Bytes),
    ]);
    let mut want: Vec<_> = want
        .into_iter()
        .map(|(i, p, m)| (i.to_owned(), p, m))
        .collect();
    want.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    want.dedup();
    let mut have: Vec<_> = CAPS
        .iter()
        .map(|c| (c.input.to_owned(), c.field.to_owned(), c.measure))
        .collect();
    have.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    assert_eq!(have, want);
    for c in CAPS {
        assert!(!c.why.is_empty() && !c.why.ends_with('.'), "{c:?}");
    }
}

#[test]
fn the_key_caps_hold_every_combination_of_the_catalog() {
    let most = crate::catalog::combinations()
        .map(|c| {
            let spec = c.spec();
            crate::resolve::resolve(&spec).map_or(0, |r| r.config.len())
        })
        .max()
        .unwrap_or(0);
    for field in ["customizedKeys", "values"] {
        let cap = find(Input::Spec, field, Measure::Entries).expect("row").max;
        assert!(
            most > 5 && most * 2 <= cap,
            "{field}: {most} keys, cap {cap}"
        );
    }
}

/// Sets the leaf a pattern names (`*` the map's one key, `[]` the first item) in `v`.
fn set(v: &mut Value, pattern: &str, to: Value) {
    let mut at = v;
    for seg in pattern.split('.') {
        let (name, item) = match seg.strip_suffix("[]") {
            Some(n) => (n, true),
            None => (seg, false),
        };
        at = if name == "*" {
            let m = at.as_object_mut().expect("map");
            let k = m.keys().next().expect("one key").clone();
            m.get_mut(&k).expect("value")
        } else {
            at.get_mut(name)
                .unwrap_or_else(|| panic!("{pattern}: {name}"))
        };
        if item {
            at = at.get_mut(0).expect("item");
        }
    }
    *at = to;
}

/// The concrete path a pattern names in [`full_spec`].
fn concrete(pattern: &str) -> String {
    let map_key = |p: &str| {
        if p.starts_with("workload.labels") {
            "k"
        } else {
            "K"
        }
    };
    pattern.replace('*', map_key(pattern)).replace("[]", "[0]")
}

fn too_large_field(text: &str, which: Input) -> Option<(String, String)> {
    let result = match which {
        Input::Spec => read::<ConnectionSpec>(text, which).map(|_| ()),
        Input::Set => read::<crate::compose::WorkloadSet>(text, which).map(|_| ()),
        Input::Options => read::<RenderOptions>(text, which).map(|_| ()),
        Input::Context => read::<PlanContext>(text, which).map(|_| ()),
        Input::Facts => read::<std::collections::BTreeMap<String, String>>(text, which).map(|_| ()),
        Input::Target => read::<crate::render::WireTarget>(text, which).map(|_| ()),
    };
    match result {
        Err(Error::TooLarge { field, message }) => Some((field, message)),
        Err(e) => panic!("{which:?} {text:.200}: {e}"),
        Ok(()) => None,
    }
}

#[test]
fn each_string_field_is_read_up_to_its_cap_and_refused_beyond() {
    for c in CAPS
        .iter()
        .filter(|c| c.measure == Measure::Bytes && c.input == "spec")
    {
        for (len, over) in [(c.max, false), (c.max + 1, true), (2 << 20, true)] {
            let mut spec = full_spec();
            // Control characters: six bytes each in the JSON text, one in the value.
            let unit = if len > 1 << 20 { "x" } else { "\u{1}" };
            set(&mut spec, c.field, Value::String(unit.repeat(len)));
            let got = too_large_field(&spec.to_string(), Input::Spec);
            if !over {
                assert_eq!(got, None, "{}", c.field);
                continue;
            }
            if len > 1 << 20 {
                let (field, message) = got.expect("too large");
                assert_eq!(field, "$");
                assert!(message.contains("1048576"), "{message}");
                continue;
            }
            let (field, message) = got.unwrap_or_else(|| panic!("{} over its cap", c.field));
            assert_eq!(field, concrete(c.field));
            assert_eq!(
                message,
                format!("expected at most {} bytes, found {len}", c.max)
            );
        }
    }
}

#[test]
fn counts_and_keys_are_capped() {
    for c in CAPS.iter().filter(|c| c.input == "spec") {
        let mut spec = full_spec();
        let path = concrete(c.field);
        let expect = match c.measure {
            Measure::Entries => {
                let entries: serde_json::Map<String, Value> =
                    (0..=c.max).map(|i| (format!("K{i}"), json!("v"))).collect();
                set(&mut spec, c.field, Value::Object(entries));
                format!("expected at most {} entries, found {}", c.max, c.max + 1)
            }
            Measure::Items => {
                let item = spec
                    .pointer(&format!("/{}/0", c.field.replace('.', "/")))
                    .cloned();
                set(
                    &mut spec,
                    c.field,
                    Value::Array(vec![item.expect("item"); c.max + 1]),
                );
                format!("expected at most {} items, found {}", c.max, c.max + 1)
            }
            Measure::KeyBytes => {
                let map = c.field.strip_suffix(".*").expect("map");
                let key = "k".repeat(c.max + 1);
                set(&mut spec, map, json!({ key.clone(): "v" }));
                let (field, message) =
                    too_large_field(&spec.to_string(), Input::Spec).expect("too large");
                assert_eq!(field, map);
                assert!(
                    message.starts_with(&format!(
                        "expected keys of at most {} bytes, found one of {}: \"kkkk",
                        c.max,
                        c.max + 1
                    )),
                    "{message}"
                );
                assert!(message.len() < 120, "{message}");
                continue;
            }
            _ => continue,
        };
        let (field, message) = too_large_field(&spec.to_string(), Input::Spec)
            .unwrap_or_else(|| panic!("{} over its cap", c.field));
        assert_eq!((field, message), (path, expect));
    }
}

#[test]
fn options_and_contexts_are_capped() {
    let (field, _) = too_large_field(
        &json!({ "oidcIssuerUrl": "x".repeat(5000) }).to_string(),
        Input::Context,
    )
    .expect("too large");
    assert_eq!(field, "context.oidcIssuerUrl");
    let (field, message) = too_large_field(
        &json!({ "oidcIssuerUrl": "x".repeat(70_000) }).to_string(),
        Input::Context,
    )
    .expect("too large");
    assert_eq!(field, "context");
    assert!(
        message.starts_with("expected at most 65536 bytes of JSON text, found 700"),
        "{message}"
    );
    let (field, _) = too_large_field(
        &json!({ "secretEncoding": "d".repeat(300) }).to_string(),
        Input::Options,
    )
    .expect("too large");
    assert_eq!(field, "options.secretEncoding");
}

#[test]
fn arrays_are_refused_where_objects_belong() {
    let cases: &[(Input, &str, &str, &str)] = &[
        (
            Input::Spec,
            r#"["c","apps",{"type":"storage-blob"}]"#,
            "$",
            "expected a connection spec object, found an array",
        ),
        (
            Input::Spec,
            r#"{"target":["storage-blob"]}"#,
            "target",
            "expected an object, found an array",
        ),
        (
            Input::Spec,
            r#"{"target":{"type":"sql"},"auth":["secret"]}"#,
            "auth",
            "expected an object, found an array",
        ),
        (
            Input::Spec,
            r#"{"target":{"type":"sql"},"keyvault":{"objects":[["n","secret"]]}}"#,
            "keyvault.objects[0]",
            "expected an object, found an array",
        ),
        (
            Input::Spec,
            r#"{"target":{"type":"sql"},"keyvault":[[]]}"#,
            "keyvault",
            "expected an object, found an array",
        ),
        (
            Input::Options,
            r#"["data"]"#,
            "options",
            "expected a render options object, found an array",
        ),
        (
            Input::Context,
            "[]",
            "context",
            "expected a context object, found an array",
        ),
        (
            Input::Set,
            "[]",
            "$",
            "expected a workload set object, found an array",
        ),
        (
            Input::Target,
            r#"["Deployment","web"]"#,
            "target",
            "expected a workload target object, found an array",
        ),
        (
            Input::Target,
            r#"{"kind":"Job","name":"j","containers":[["app",0]]}"#,
            "target.containers[0]",
            "expected an object, found an array",
        ),
        (
            Input::Target,
            r#"{"kind":"Job","name":"j","containers":[],"colour":1}"#,
            "target.colour",
            "unknown field \"colour\", expected one of `kind`, `name`, `namespace`, `containers`, `hasPodLabels`, `hasVolumes`",
        ),
    ];
    for (which, text, want_field, want_message) in cases {
        let err = match which {
            Input::Spec => read::<ConnectionSpec>(text, *which).map(|_| ()),
            Input::Set => read::<crate::compose::WorkloadSet>(text, *which).map(|_| ()),
            Input::Options => read::<RenderOptions>(text, *which).map(|_| ()),
            Input::Context => read::<PlanContext>(text, *which).map(|_| ()),
            Input::Facts => {
                read::<std::collections::BTreeMap<String, String>>(text, *which).map(|_| ())
            }
            Input::Target => read::<crate::render::WireTarget>(text, *which).map(|_| ()),
        }
        .expect_err(text);
        assert_eq!(err.code(), "invalid-input", "{text}");
        assert_eq!(err.field(), Some(*want_field), "{text}");
        assert_eq!(err.to_string(), format!("{want_field}: {want_message}"));
    }
    let err = read::<crate::classify::ClassifyContext>(r#"["rg"]"#, Input::Context)
        .expect_err("classify context array");
    assert_eq!(err.field(), Some("context"));
    // Arrays where the spec has them are fine.
    read::<ConnectionSpec>(&full_spec().to_string(), Input::Spec).expect("full spec");
}

#[test]
fn serde_messages_quote_values_short_and_masked() {
    let long = "x".repeat(100);
    let secret = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq";
    for (text, which, want) in [
        (
            format!(r#"{{"target":{{"type":"sql"}},"{long}":1}}"#),
            Input::Spec,
            format!("unknown field \"{}…\" (100 characters), expected one of", "x".repeat(32)),
        ),
        (
            format!(r#"{{"secretEncoding":"{secret}"}}"#),
            Input::Options,
            "unknown variant [62 characters that look like a secret, not shown], expected".to_owned(),
        ),
        (
            format!(r#"{{"target":{{"type":"sql"}},"names":"{secret}"}}"#),
            Input::Spec,
            "invalid type: string [62 characters that look like a secret, not shown], expected struct NamesSpec".to_owned(),
        ),
        (
            r#"{"target":{"type":"sql"},"names":"a\"b\\c\n\u0001é"}"#.to_owned(),
            Input::Spec,
            r#"invalid type: string "a\"b\\c\n\u{1}é", expected struct NamesSpec"#.to_owned(),
        ),
    ] {
        let err = match which {
            Input::Spec => read::<ConnectionSpec>(&text, which).map(|_| ()),
            _ => read::<RenderOptions>(&text, which).map(|_| ()),
        }
        .expect_err(&text);
        let message = err.to_string();
        assert!(message.contains(&want), "{message}\nwant {want}");
        assert!(!message.contains(&secret[..10]), "{message}");
        assert!(message.len() < 400, "{message}");
    }
}

#[test]
fn reading_a_huge_text_is_refused_before_parsing() {
    let huge = format!(r#"{{"target":{{"type":"{}"}}}}"#, "x".repeat(200 << 20));
    let start = std::time::Instant::now();
    let err = read::<ConnectionSpec>(&huge, Input::Spec).expect_err("too large");
    assert!(start.elapsed() < std::time::Duration::from_millis(50));
    assert_eq!(err.code(), "input-too-large");
    assert_eq!(err.field(), Some("$"));
    assert_eq!(
        err.to_string(),
        format!(
            "$: expected at most 1048576 bytes of JSON text, found {}",
            huge.len()
        )
    );
}

/// The full check of [`read`]: the JSON value, then the walk over it.
fn full_check_passes(text: &str, which: Input) -> bool {
    serde_json::from_str::<Value>(text).is_ok_and(|v| {
        index()
            .root(which)
            .is_none_or(|root| check(&v, root, &mut which.prefix().to_owned()).is_ok())
    })
}

#[test]
fn the_quick_scan_passes_exactly_what_the_full_check_passes() {
    let mut texts: Vec<(Input, String)> = vec![
        (Input::Spec, full_spec().to_string()),
        (Input::Context, full_context().to_string()),
        (Input::Options, r#"{"secretEncoding":"data"}"#.to_owned()),
        (Input::Spec, r#"{"target":{"type":"sql"}} x"#.to_owned()),
        (Input::Spec, r#"{"target":{"type":"sql"}"#.to_owned()),
        (Input::Spec, r#"{"target":{"type":"\ud800"}}"#.to_owned()),
        (
            Input::Spec,
            r#"{"target":{"type":"sql"},"values":{"K":1e400}}"#.to_owned(),
        ),
        (Input::Spec, r#"{"target":{"t\u0079pe":"sql"}}"#.to_owned()),
        // Escapes measured unescaped (`namespace` is capped at 63 bytes), numbers, blanks,
        // bad syntax.
        (
            Input::Spec,
            format!(r#"{{"namespace":"{}x"}}"#, r"\u00e9".repeat(31)),
        ),
        (
            Input::Spec,
            format!(r#"{{"namespace":"{}"}}"#, r"\u00e9".repeat(32)),
        ),
        (
            Input::Spec,
            format!(r#"{{"namespace":"{}"}}"#, r"\ud83d\ude00".repeat(15)),
        ),
        (
            Input::Spec,
            format!(r#"{{"namespace":"{}"}}"#, r"\ud83d\ude00".repeat(16)),
        ),
        (
            Input::Spec,
            format!(r#"{{"namespace":"{}"}}"#, r"\u20ac\n\/".repeat(12)),
        ),
        (
            Input::Spec,
            format!(r#"{{"namespace":"{}"}}"#, r"\u20ac\n\/".repeat(13)),
        ),
        (Input::Spec, r#"{"namespace":"\ude00"}"#.to_owned()),
        (Input::Spec, r#"{"namespace":"\ud83dx"}"#.to_owned()),
        (Input::Spec, r#"{"namespace":"\x"}"#.to_owned()),
        (Input::Spec, "{\"namespace\":\"a\tb\"}".to_owned()),
        (
            Input::Spec,
            " {\n\"x\" : [ -0, 1.5e-3, 12345678901234567890123, true, false, null ] }\t".to_owned(),
        ),
        (Input::Spec, r#"{"x":01}"#.to_owned()),
        (Input::Spec, r#"{"x":1.}"#.to_owned()),
        (Input::Spec, r#"{"x":-}"#.to_owned()),
        (Input::Spec, r#"{"x":1e}"#.to_owned()),
        (Input::Spec, r#"{"x":tru}"#.to_owned()),
        (Input::Spec, r#"{"x":[1,]}"#.to_owned()),
        (Input::Spec, r#"{"x":1,}"#.to_owned()),
        (Input::Spec, r#"{"x" 1}"#.to_owned()),
        (Input::Spec, "[]".to_owned()),
        (Input::Spec, "null".to_owned()),
        (Input::Spec, "\"spec\"".to_owned()),
    ];
    // Nesting at and past serde_json's recursion limit, where no cap reaches and where one does.
    for depth in [126, 127, 128, 129, 300] {
        let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        texts.push((Input::Spec, format!(r#"{{"extra":{deep}}}"#)));
        texts.push((Input::Spec, format!(r#"{{"values":{{"K":{deep}}}}}"#)));
    }
    // Every cap of the spec, at it and one past it.
    for c in CAPS.iter().filter(|c| c.input == "spec") {
        for len in [c.max, c.max + 1] {
            let mut spec = full_spec();
            match c.measure {
                Measure::Bytes => set(
                    &mut spec,
                    c.field,
                    Value::String("é".repeat(len / 2) + &"x".repeat(len % 2)),
                ),
                Measure::Items => set(
                    &mut spec,
                    c.field,
                    Value::Array(vec![json!({ "name": "n" }); len]),
                ),
                Measure::Entries => set(
                    &mut spec,
                    c.field,
                    (0..len)
                        .map(|i| (format!("K{i}"), json!("v")))
                        .collect::<serde_json::Map<_, _>>()
                        .into(),
                ),
                Measure::KeyBytes => {
                    let map = c.field.strip_suffix(".*").unwrap_or(c.field);
                    set(&mut spec, map, json!({ "k".repeat(len): "v" }));
                }
                Measure::JsonBytes | Measure::TruncatedBytes => continue,
            }
            texts.push((Input::Spec, spec.to_string()));
        }
    }
    // Arrays where objects belong.
    for text in [
        r#"["c"]"#,
        r#"{"target":["x"]}"#,
        r#"{"keyvault":{"objects":[["n"]]}}"#,
    ] {
        texts.push((Input::Spec, text.to_owned()));
    }
    // A set reads its specs, workload and existing workload with other inputs' rows.
    texts.push((Input::Set, full_set().to_string()));
    texts.push((Input::Target, full_target().to_string()));
    for (pointer, value) in [
        ("/connections/0/spec", json!([{ "type": "storage-blob" }])),
        ("/connections/0/spec/target/type", json!("x".repeat(254))),
        ("/connections/0/spec/target/type", json!("x".repeat(253))),
        ("/connections/0/mount/volume", json!("v".repeat(64))),
        ("/existing/containers/0/name", json!("c".repeat(64))),
        ("/existing/containers/0/name", json!("c".repeat(63))),
        ("/existing", json!(["x"])),
        ("/workload", json!({ "labels": { "k".repeat(300): "v" } })),
    ] {
        let mut set = full_set();
        match pointer.strip_prefix('/').filter(|k| !k.contains('/')) {
            Some(key) => set[key] = value,
            None => *set.pointer_mut(pointer).expect(pointer) = value,
        }
        texts.push((Input::Set, set.to_string()));
    }
    // Short plain specs, as a live preview sends them, pass the byte pass; so do their
    // variants at its bounds, and it says no one past them.
    let least = index().least;
    assert_eq!((least.bytes, least.entries), (63, 32));
    let plain_spec = r#"{"connectionName":"storage_conn","namespace":"apps","target":{"type":"storage-blob","subscription":"00000000-0000-0000-0000-000000000000","resourceGroup":"data-rg","account":"mystorage"},"auth":{"type":"service-principal","clientId":"11111111-1111-1111-1111-111111111111","tenantId":"22222222-2222-2222-2222-222222222222"},"clientType":"python","anotherConnectionOfType":false}"#;
    assert!(plain::passes(plain_spec, least));
    let at = |len: usize| {
        format!(
            r#"{{"namespace":"{}"}}"#,
            "é".repeat(len / 2) + &"x".repeat(len % 2)
        )
    };
    assert!(plain::passes(&at(63), least));
    assert!(!plain::passes(&at(64), least));
    let entries = |n: usize| {
        let e: Vec<String> = (0..n)
            .map(|i| format!(r#""K{}":"v""#, "x".repeat(i)))
            .collect();
        format!("{{{}}}", e.join(","))
    };
    assert!(!plain::passes(&entries(33), least));
    // Entries of every map count together.
    let mut fields = entries(32);
    assert!(plain::passes(&fields, least));
    fields.insert_str(1, r#""a":{"#);
    fields.push('}');
    assert!(!plain::passes(&fields, least));
    let deep = |n: usize| format!("{}{}", r#"{"x":"#.repeat(n) + "null", "}".repeat(n));
    assert!(plain::passes(&deep(32), least));
    assert!(!plain::passes(&deep(33), least));
    texts.push((Input::Spec, plain_spec.to_owned()));
    texts.push((Input::Spec, at(63)));
    texts.push((Input::Spec, at(64)));
    texts.push((Input::Spec, r#"{"namespace":"a"} {"#.to_owned()));
    texts.push((Input::Spec, r#"{"namespace":"a"#.to_owned()));
    texts.push((Input::Spec, r#"{"namespace" "a"}}"#.to_owned()));
    let mut passed = 0;
    let mut plain_passed = 0;
    for (which, text) in &texts {
        // A yes of the byte pass is a yes of the full check, or text no reader takes
        // (the typed read then says what is wrong, as after the full check).
        if plain::passes(text, least) {
            plain_passed += 1;
            assert!(
                full_check_passes(text, *which)
                    || serde_json::from_str::<serde::de::IgnoredAny>(text).is_err(),
                "{which:?} {text:.300}"
            );
        }
        let quick = scan::passes(text, *which);
        assert_eq!(
            quick,
            full_check_passes(text, *which),
            "{which:?} {text:.300}"
        );
        passed += usize::from(quick);
    }
    assert!(passed > texts.len() / 3, "{passed} of {}", texts.len());
    assert!(plain_passed >= 5, "{plain_passed} of {}", texts.len());
    // A key given twice: the value keeps the last, the scan checks both and may say no
    // where the full check says yes (the full check then runs); never the reverse.
    let twice = format!(
        r#"{{"connectionName":"{}","connectionName":"c"}}"#,
        "x".repeat(300)
    );
    assert!(!scan::passes(&twice, Input::Spec));
    assert!(full_check_passes(&twice, Input::Spec));
}

#[test]
fn a_set_reads_its_specs_and_workload_with_the_spec_s_caps() {
    let over = |mutate: &dyn Fn(&mut Value)| {
        let mut set = full_set();
        mutate(&mut set);
        too_large_field(&set.to_string(), Input::Set)
    };
    assert_eq!(over(&|_| {}), None);
    let (field, message) =
        over(&|s| s["connections"][0]["spec"]["target"]["type"] = json!("x".repeat(254)))
            .expect("too large");
    assert_eq!(field, "connections[0].spec.target.type");
    assert_eq!(message, "expected at most 253 bytes, found 254");
    let labels: serde_json::Map<String, Value> =
        (0..65).map(|i| (format!("k{i}"), json!("v"))).collect();
    let (field, _) =
        over(&|s| s["workload"] = json!({ "labels": labels.clone() })).expect("too large");
    assert_eq!(field, "workload.labels");
    let (field, message) = over(&|s| {
        let one = s["connections"][0].clone();
        s["connections"] = Value::Array(vec![one; caps::MAX_CONNECTIONS + 1]);
    })
    .expect("too large");
    assert_eq!(field, "connections");
    assert_eq!(
        message,
        format!(
            "expected at most {} items, found {}",
            caps::MAX_CONNECTIONS,
            caps::MAX_CONNECTIONS + 1
        )
    );
    let (field, _) = over(&|s| s["connections"][0]["mount"]["volume"] = json!("v".repeat(64)))
        .expect("too large");
    assert_eq!(field, "connections[0].mount.volume");
    let (field, message) =
        over(&|s| s["existing"]["containers"][0]["name"] = json!("c".repeat(64)))
            .expect("too large");
    assert_eq!(field, "existing.containers[0].name");
    assert_eq!(message, "expected at most 63 bytes, found 64");
    // An array where a spec belongs is refused with the spec's words.
    let mut set = full_set();
    set["connections"][0]["spec"] = json!([{ "type": "storage-blob" }]);
    match read::<crate::compose::WorkloadSet>(&set.to_string(), Input::Set) {
        Err(Error::InvalidInput { field, message }) => {
            assert_eq!(field, "connections[0].spec");
            assert_eq!(message, "expected a connection spec object, found an array");
        }
        other => panic!("{other:?}"),
    }
    // Unknown fields anywhere are named with their path.
    let mut set = full_set();
    set["connections"][0]["spec"]["target"]["colour"] = json!("red");
    match read::<crate::compose::WorkloadSet>(&set.to_string(), Input::Set) {
        Err(Error::InvalidInput { field, message }) => {
            assert_eq!(field, "connections[0].spec.target.colour");
            assert!(message.starts_with("unknown field \"colour\""), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_wire_target_is_read_up_to_its_caps_and_refused_beyond() {
    for c in CAPS
        .iter()
        .filter(|c| c.measure == Measure::Bytes && c.input == "target")
    {
        for (len, over) in [(c.max, false), (c.max + 1, true)] {
            let mut target = full_target();
            let inner = c.field.strip_prefix("target.").expect("under target");
            set(&mut target, inner, Value::String("a".repeat(len)));
            let got = read::<crate::render::WireTarget>(&target.to_string(), Input::Target);
            if !over {
                // At the cap the value is read (a kind of 253 letters is then no kind).
                assert!(!matches!(got, Err(Error::TooLarge { .. })), "{}", c.field);
                continue;
            }
            let Err(Error::TooLarge { field, message }) = got else {
                panic!("{} over its cap: {got:?}", c.field)
            };
            assert_eq!(field, c.field.replace("[]", "[0]"));
            assert_eq!(
                message,
                format!("expected at most {} bytes, found {len}", c.max)
            );
        }
    }
    let containers = CAPS
        .iter()
        .find(|c| c.field == "target.containers")
        .expect("containers cap")
        .max;
    let mut target = full_target();
    let one = target["containers"][0].clone();
    target["containers"] = Value::Array(vec![one; containers + 1]);
    let (field, message) = too_large_field(&target.to_string(), Input::Target).expect("too many");
    assert_eq!(field, "target.containers");
    assert_eq!(
        message,
        format!(
            "expected at most {containers} items, found {}",
            containers + 1
        )
    );
    let huge = format!(
        r#"{{"kind":"Job","name":"{}","containers":[]}}"#,
        "a".repeat(64 << 10)
    );
    let (field, message) = too_large_field(&huge, Input::Target).expect("huge");
    assert_eq!(field, "target");
    assert!(
        message.starts_with("expected at most 65536 bytes of JSON text"),
        "{message}"
    );
}
