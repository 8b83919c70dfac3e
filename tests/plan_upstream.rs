#![cfg(not(target_arch = "wasm32"))]
//! Every plan against the upstream facts kept in `data/upstream/`: each ARM
//! body validates against the ServiceLinker OpenAPI definitions of its
//! api-version, each `az` word is a flag the CLI defines for that target (with
//! the auth keys it accepts), and every delete runs without a prompt.
//!
//! The checkers are small and live here (test code); the negative tests at the
//! end show each one failing on a wrong body or command.

use std::collections::BTreeSet;

use aks_service_connector::catalog::{self, AuthId, TargetId};
use aks_service_connector::plan::{ApiVersion, Command, Plan};
use aks_service_connector::{plan, ConnectionSpec, PlanContext};
use serde_json::{json, Map, Value};

const AZ: &str = include_str!("../data/upstream/az-serviceconnector.json");
const OPENAPI_2024: &str =
    include_str!("../data/upstream/servicelinker-openapi-2024-07-01-preview.json");
const OPENAPI_2022: &str = include_str!("../data/upstream/servicelinker-openapi-2022-05-01.json");

const APIS: [ApiVersion; 2] = [ApiVersion::V2024_07_01Preview, ApiVersion::V2022_05_01];
const SUB: &str = "00001111-aaaa-2222-bbbb-3333cccc4444";
const GUID: &str = "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb";
const UAMI: &str = "/subscriptions/00001111-aaaa-2222-bbbb-3333cccc4444/resourceGroups/id-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/my-uami";

fn data(text: &str) -> Value {
    serde_json::from_str(text).expect("upstream data is JSON")
}

fn openapi(api: ApiVersion) -> Value {
    let doc = data(match api {
        ApiVersion::V2024_07_01Preview => OPENAPI_2024,
        ApiVersion::V2022_05_01 => OPENAPI_2022,
    });
    assert_eq!(doc["source"]["apiVersion"], api.as_str());
    doc
}

fn strs(v: &Value) -> Vec<&str> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

// ---------------------------------------------------------------- OpenAPI

/// A validator for the subset of Swagger 2.0 the linker definitions use:
/// `$ref`, `type`, `enum`, `properties` (nothing else allowed unless
/// `additionalProperties`), `required`, `readOnly` (never sent), `x-nullable`,
/// `allOf` inheritance and `discriminator` / `x-ms-discriminator-value`.
struct Schema {
    defs: Map<String, Value>,
}

impl Schema {
    fn new(doc: &Value) -> Self {
        let defs = doc["definitions"].as_object().expect("definitions").clone();
        Schema { defs }
    }

    /// Errors of `body` against the document's root definition.
    fn check(doc: &Value, body: &Value) -> Vec<String> {
        let s = Schema::new(doc);
        let mut errors = Vec::new();
        let root = doc["root"].as_str().expect("root");
        s.named(body, root, "", &mut errors);
        errors
    }

    fn def(&self, name: &str) -> &Value {
        self.defs
            .get(name)
            .unwrap_or_else(|| panic!("definition {name} is missing from the data"))
    }

    fn ref_name(s: &Value) -> Option<&str> {
        s.get("$ref")?.as_str()?.strip_prefix("#/definitions/")
    }

    /// `v` against definition `name`, following its discriminator.
    fn named(&self, v: &Value, name: &str, path: &str, errors: &mut Vec<String>) {
        let def = self.def(name);
        if let Some(tag) = def.get("discriminator").and_then(Value::as_str) {
            let Some(value) = v.get(tag).and_then(Value::as_str) else {
                errors.push(format!("{path}: {name} needs its discriminator `{tag}`"));
                return;
            };
            let child = self.defs.iter().find(|(_, d)| {
                d["x-ms-discriminator-value"] == value
                    && d["allOf"]
                        .as_array()
                        .is_some_and(|a| a.iter().any(|p| Schema::ref_name(p) == Some(name)))
            });
            match child {
                Some((child, _)) => self.object(v, child, path, errors),
                None => errors.push(format!(
                    "{path}/{tag}: {value:?} is no {name} discriminator value"
                )),
            }
            return;
        }
        self.schema(v, def, path, errors);
    }

    fn schema(&self, v: &Value, s: &Value, path: &str, errors: &mut Vec<String>) {
        if v.is_null() {
            if s["x-nullable"] != true {
                errors.push(format!("{path}: null where the schema is not nullable"));
            }
            return;
        }
        if let Some(name) = Schema::ref_name(s) {
            return self.named(v, name, path, errors);
        }
        if let Some(values) = s.get("enum") {
            if !strs(values).contains(&v.as_str().unwrap_or("\u{0}")) {
                errors.push(format!("{path}: {v} is not one of {values}"));
            }
            return;
        }
        match s["type"].as_str() {
            Some("string") if !v.is_string() => {
                errors.push(format!("{path}: expected a string, found {v}"))
            }
            Some("boolean") if !v.is_boolean() => {
                errors.push(format!("{path}: expected a boolean, found {v}"))
            }
            Some("array") => match v.as_array() {
                Some(items) => {
                    for (n, x) in items.iter().enumerate() {
                        self.schema(x, &s["items"], &format!("{path}/{n}"), errors);
                    }
                }
                None => errors.push(format!("{path}: expected an array, found {v}")),
            },
            Some("object") => self.inline_object(v, s, path, errors),
            _ => {}
        }
    }

    /// An object with inline `properties` or `additionalProperties`.
    fn inline_object(&self, v: &Value, s: &Value, path: &str, errors: &mut Vec<String>) {
        let Some(m) = v.as_object() else {
            errors.push(format!("{path}: expected an object, found {v}"));
            return;
        };
        if let Some(extra) = s.get("additionalProperties") {
            for (k, x) in m {
                self.schema(x, extra, &format!("{path}/{k}"), errors);
            }
        } else if s.get("properties").is_some() {
            let props: Vec<(String, Value)> = s["properties"]
                .as_object()
                .map(|p| p.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                .unwrap_or_default();
            self.properties(m, &props, &strs(&s["required"]), path, errors);
        }
    }

    /// A named object definition with its `allOf` parents' properties.
    fn object(&self, v: &Value, name: &str, path: &str, errors: &mut Vec<String>) {
        let Some(m) = v.as_object() else {
            errors.push(format!("{path}: expected a {name} object, found {v}"));
            return;
        };
        let mut props = Vec::new();
        let mut required = Vec::new();
        let mut chain = vec![name.to_owned()];
        while let Some(n) = chain.pop() {
            let d = self.def(&n);
            if let Some(p) = d["properties"].as_object() {
                props.extend(p.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
            required.extend(strs(&d["required"]).into_iter().map(str::to_owned));
            for parent in d["allOf"].as_array().into_iter().flatten() {
                chain.extend(Schema::ref_name(parent).map(str::to_owned));
            }
        }
        let required: Vec<&str> = required.iter().map(String::as_str).collect();
        self.properties(m, &props, &required, path, errors);
    }

    fn properties(
        &self,
        m: &Map<String, Value>,
        props: &[(String, Value)],
        required: &[&str],
        path: &str,
        errors: &mut Vec<String>,
    ) {
        for (k, x) in m {
            let at = format!("{path}/{k}");
            match props.iter().find(|(p, _)| p == k) {
                None => errors.push(format!("{at}: unknown property")),
                Some((_, s)) if s["readOnly"] == true => {
                    errors.push(format!("{at}: read-only property sent"))
                }
                Some((_, s)) => self.schema(x, s, &at, errors),
            }
        }
        for r in required {
            if !m.contains_key(*r) {
                errors.push(format!("{path}: required property `{r}` missing"));
            }
        }
    }
}

// ---------------------------------------------------------------- az

/// The upstream name of a catalog auth id, as `SUPPORTED_AUTH_TYPE` spells it
/// (`keyvault-csi` is the `--enable-csi` flag, not an auth type).
fn upstream_auth(auth: AuthId) -> Option<&'static str> {
    match auth {
        AuthId::WorkloadIdentity => Some("workload-identity"),
        AuthId::ConnectionString => Some("secret(auto)"),
        AuthId::ServicePrincipal => Some("service-principal"),
        AuthId::Secret => Some("secret"),
        AuthId::KeyvaultCsi => None,
    }
}

/// Words of a printed line, as a POSIX shell splits them.
fn words(c: &Command) -> Vec<String> {
    let w = shell_words::split(&c.line).expect("the line splits");
    assert_eq!(w, c.argv, "the line is the argv quoted: {}", c.line);
    w
}

/// The auth flag of a create command: its name, the keys it takes, the keys it needs.
struct AuthFlag<'a> {
    flag: &'a str,
    keys: Vec<&'a str>,
    required: Vec<&'a str>,
}

/// Errors of an `az aks connection create <target>` word list against the az data.
fn check_create(az: &Value, target: TargetId, auth: AuthId, argv: &[String]) -> Vec<String> {
    let mut errors = Vec::new();
    let head = ["az", "aks", "connection", "create", target.as_str()];
    if argv.len() < head.len() || argv[..head.len()] != head {
        return vec![format!(
            "not an `az aks connection create {target}` command: {argv:?}"
        )];
    }
    let mut allowed: BTreeSet<&str> = strs(&az["globalFlags"]).into_iter().collect();
    let (client_types, auth_keys): (Vec<&str>, Option<AuthFlag<'_>>);
    if target == TargetId::ConfluentCloud {
        let c = &az["confluentCloud"];
        allowed.extend(strs(&c["flags"]));
        client_types = strs(&c["clientTypes"]);
        auth_keys = None;
    } else {
        let t = &az["targets"][target.as_str()];
        assert!(t.is_object(), "{target} is in the az data");
        allowed.extend(strs(&az["createFlags"]));
        allowed.extend(strs(&t["flags"]));
        allowed.extend(strs(&t["extraFlags"]));
        if t["targetIdFlag"] == true {
            allowed.insert("--target-id");
        }
        client_types = strs(&t["clientTypes"]);
        auth_keys = match upstream_auth(auth) {
            Some(a) => {
                if !strs(&t["authTypes"]).contains(&a) {
                    errors.push(format!("auth {a} is not supported for {target}"));
                }
                let f = &az["authFlags"][a];
                allowed.insert(f["flag"].as_str().expect("auth flag"));
                let mut keys = strs(&f["keys"]);
                if target == TargetId::MongoDbAtlas {
                    keys = strs(&az["mongodbAtlas"]["secretKeys"]);
                }
                Some(AuthFlag {
                    flag: f["flag"].as_str().unwrap_or(""),
                    keys,
                    required: strs(&f["required"]),
                })
            }
            None => {
                if !strs(&t["extraFlags"]).contains(&"--enable-csi") {
                    errors.push(format!("--enable-csi is not a flag of {target}"));
                }
                None
            }
        };
    }
    let rest = &argv[head.len()..];
    let mut i = 0;
    while i < rest.len() {
        let flag = rest[i].as_str();
        i += 1;
        if !flag.starts_with('-') {
            errors.push(format!("`{flag}` follows no flag"));
            continue;
        }
        if !allowed.contains(flag) {
            errors.push(format!(
                "{flag} is not a flag of `az aks connection create {target}`"
            ));
        }
        // The flag's values: every word up to the next flag.
        let start = i;
        while i < rest.len() && !rest[i].starts_with('-') {
            i += 1;
        }
        let values = &rest[start..i];
        if flag == "--client-type" && !values.iter().all(|v| client_types.contains(&v.as_str())) {
            errors.push(format!(
                "--client-type {values:?} is not one of {client_types:?}"
            ));
        }
        if let Some(AuthFlag {
            flag: auth_flag,
            keys,
            required,
        }) = &auth_keys
        {
            if flag == *auth_flag {
                let given: Vec<&str> = values
                    .iter()
                    .filter_map(|v| v.split_once('='))
                    .map(|(k, _)| k)
                    .collect();
                if given.len() != values.len()
                    && !(flag == "--workload-identity" && values.len() == 1)
                {
                    errors.push(format!("{flag} takes KEY=VALUE words, found {values:?}"));
                }
                for k in &given {
                    if !keys.contains(k) {
                        errors.push(format!(
                            "{flag} takes no key `{k}` for {target} (keys: {keys:?})"
                        ));
                    }
                }
                for r in required {
                    if !given.contains(r) {
                        errors.push(format!("{flag} needs `{r}`"));
                    }
                }
            }
        }
    }
    errors
}

/// Errors of a follow-up `az aks connection <verb>` command: its flags, and
/// `--yes` on the verbs that ask for confirmation.
fn check_connection_command(az: &Value, argv: &[String]) -> Vec<String> {
    let mut errors = Vec::new();
    let Some(verb) = argv
        .get(3)
        .filter(|_| argv[..3] == ["az", "aks", "connection"])
    else {
        return vec![format!("not an `az aks connection` command: {argv:?}")];
    };
    let Some(flags) = az["connectionCommands"].get(verb.as_str()) else {
        return vec![format!("no verb `{verb}` in the az data")];
    };
    let mut allowed: BTreeSet<&str> = strs(&az["globalFlags"]).into_iter().collect();
    allowed.extend(strs(flags));
    for w in argv[4..].iter().filter(|w| w.starts_with('-')) {
        if !allowed.contains(w.as_str()) {
            errors.push(format!("{w} is not a flag of `az aks connection {verb}`"));
        }
    }
    if strs(&az["confirms"]).contains(&verb.as_str())
        && !argv.iter().any(|w| w == "--yes" || w == "-y")
    {
        errors.push(format!(
            "`az aks connection {verb}` prompts without --yes: {argv:?}"
        ));
    }
    errors
}

// ---------------------------------------------------------------- specs

/// A value for each locating parameter that the CLI accepts.
fn param_value(field: &str) -> &'static str {
    match field {
        "bootstrapServer" => "pkc-1.eastus.azure.confluent.cloud:9092",
        "schemaRegistry" => "https://psrc-1.eastus.azure.confluent.cloud",
        "resourceGroup" => "data-rg",
        _ => "name1",
    }
}

/// The combination with every input given, plus one customized key.
fn full_spec(c: &catalog::Combination) -> ConnectionSpec {
    let mut v = serde_json::to_value(c.spec()).expect("spec");
    let t = catalog::target(c.target);
    for p in t.parameters {
        v["target"][p.field()] = json!(param_value(p.field()));
    }
    v["connectionName"] = json!("conn1");
    v["cluster"] = json!({ "subscription": SUB, "resourceGroup": "aks-rg", "name": "aks1" });
    let auth = &mut v["auth"];
    match c.auth {
        AuthId::WorkloadIdentity => {
            auth["clientId"] = json!(GUID);
            auth["identityId"] = json!(UAMI);
        }
        AuthId::ServicePrincipal => {
            auth["clientId"] = json!(GUID);
            auth["objectId"] = json!(GUID);
            auth["secret"] = json!("sp secret");
        }
        AuthId::Secret if c.target == TargetId::MongoDbAtlas => {
            auth["password"] = json!("mongodb+srv://u:p@cluster0.a1.mongodb.net/");
        }
        AuthId::Secret if c.target == TargetId::ConfluentCloud => {}
        AuthId::Secret => {
            auth["username"] = json!("admin");
            auth["password"] = json!("p'w $x");
        }
        AuthId::ConnectionString | AuthId::KeyvaultCsi => {}
    }
    let first_key = catalog::keys_for(
        c.target,
        c.account_kind.unwrap_or(catalog::AccountKind::ALL[0]),
        c.auth,
        c.client,
    )
    .map(|r| r.key)
    .find(|k| !catalog::confluent_schema_registry_key(k));
    if let Some(k) = first_key.filter(|_| c.auth != AuthId::KeyvaultCsi) {
        v["customizedKeys"] = json!({ k: "CUSTOM_NAME" });
    }
    serde_json::from_value(v).expect("full spec")
}

fn plans() -> impl Iterator<Item = (catalog::Combination, ApiVersion, Plan)> {
    catalog::combinations().flat_map(|c| {
        APIS.into_iter().map(move |api| {
            let ctx = PlanContext {
                api_version: Some(api),
                ..Default::default()
            };
            let p = plan(&full_spec(&c), &ctx).unwrap_or_else(|e| panic!("{c:?} {api}: {e:?}"));
            (c, api, p)
        })
    })
}

/// Fills a `{placeholder}` template with the spec's locating parameters.
fn fill_template(template: &str, target: TargetId) -> String {
    template
        .split('/')
        .map(
            |seg| match seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(name) => {
                    let p = catalog::target(target)
                        .parameters
                        .iter()
                        .find(|p| p.pattern_name() == name)
                        .expect("a parameter of the target");
                    param_value(p.field()).to_owned()
                }
                None => seg.to_owned(),
            },
        )
        .collect::<Vec<_>>()
        .join("/")
}

// ---------------------------------------------------------------- tests

#[test]
fn data_names_its_sources() {
    let az = data(AZ);
    assert_eq!(az["source"]["repository"], "Azure/azure-cli");
    assert!(az["source"]["directory"]
        .as_str()
        .is_some_and(|d| d.ends_with("serviceconnector/")));
    for api in APIS {
        let doc = openapi(api);
        assert_eq!(doc["source"]["repository"], "Azure/azure-rest-api-specs");
        assert_eq!(doc["source"]["commit"].as_str().map(str::len), Some(40));
        assert!(doc["source"]["path"]
            .as_str()
            .is_some_and(|p| p.contains(api.as_str())));
    }
}

#[test]
fn the_catalog_matches_the_cli_targets_and_auth_lists() {
    let az = data(AZ);
    let mut listed: Vec<&str> = az["targets"]
        .as_object()
        .expect("targets")
        .keys()
        .map(String::as_str)
        .collect();
    listed.push("confluent-cloud");
    listed.sort_unstable();
    let mut ours: Vec<&str> = catalog::TARGETS.iter().map(|t| t.id.as_str()).collect();
    ours.sort_unstable();
    assert_eq!(ours, listed);
    for t in catalog::TARGETS
        .iter()
        .filter(|t| t.id != TargetId::ConfluentCloud)
    {
        let up = &az["targets"][t.id.as_str()];
        let mut theirs: Vec<&str> = strs(&up["authTypes"]);
        let mut mine: Vec<&str> = t
            .auth_types
            .iter()
            .filter_map(|a| upstream_auth(*a))
            .collect();
        theirs.sort_unstable();
        mine.sort_unstable();
        assert_eq!(mine, theirs, "{}", t.id);
        for c in t.client_types {
            assert!(
                strs(&up["clientTypes"]).contains(&c.as_str()),
                "{} {c}",
                t.id
            );
        }
        // Every locating parameter is one of the target's flags.
        for p in t.parameters {
            assert!(
                strs(&up["flags"]).contains(&p.flag()),
                "{} {}",
                t.id,
                p.flag()
            );
        }
        assert_eq!(
            up["targetIdFlag"] == false,
            catalog::cli_target_id(t.id).is_some(),
            "{}",
            t.id
        );
    }
    for (id, template) in &catalog::targets::CLI_TARGET_IDS {
        assert_eq!(az["cliTargetIds"][id.as_str()], *template);
    }
}

#[test]
fn every_body_validates_against_its_api_version() {
    let docs: Vec<(ApiVersion, Value)> = APIS.into_iter().map(|a| (a, openapi(a))).collect();
    let mut checked = 0;
    for (c, api, p) in plans() {
        let doc = &docs.iter().find(|(a, _)| *a == api).expect("doc").1;
        for r in &p.requests {
            assert_eq!(r.api_version, api);
            for body in [&r.body, &r.masked_body] {
                let errors = Schema::check(doc, body);
                assert!(
                    errors.is_empty(),
                    "{c:?} {api} {}: {errors:#?}\n{body:#}",
                    r.linker
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 700, "{checked}");
}

#[test]
fn every_create_command_uses_only_flags_the_cli_defines() {
    let az = data(AZ);
    for (c, api, p) in plans().filter(|(_, api, _)| *api == ApiVersion::V2024_07_01Preview) {
        let w = words(&p.az.create);
        let errors = check_create(&az, c.target, c.auth, &w);
        assert!(
            errors.is_empty(),
            "{c:?} {api}: {errors:#?}\n{}",
            p.az.create.line
        );
        assert!(p.az.complete, "{c:?}: {:?}", p.az.missing);
    }
}

#[test]
fn every_follow_up_and_every_delete_runs_without_a_prompt() {
    let az = data(AZ);
    let mut deletes = 0;
    for (c, _, p) in plans().filter(|(_, api, _)| *api == ApiVersion::V2024_07_01Preview) {
        let follow_ups =
            p.az.show
                .iter()
                .chain(&p.az.list_configuration)
                .chain(&p.az.validate)
                .chain(&p.az.delete);
        let cleanup = p
            .cleanup
            .iter()
            .filter(|x| x.argv.starts_with(&["az".to_owned(), "aks".to_owned()]));
        for cmd in follow_ups.chain(cleanup) {
            let w = words(cmd);
            let errors = check_connection_command(&az, &w);
            assert!(errors.is_empty(), "{c:?}: {errors:#?}");
            deletes += usize::from(w[3] == "delete");
        }
        // Every linker is deleted twice over: in `az.delete` and in cleanup.
        assert_eq!(p.az.delete.len(), p.requests.len());
        let in_cleanup = p
            .cleanup
            .iter()
            .filter(|x| x.line.starts_with("az aks connection delete"))
            .count();
        assert_eq!(in_cleanup, p.requests.len(), "{c:?}");
    }
    assert!(deletes > 400, "{deletes}");
}

#[test]
fn partner_targets_send_what_the_cli_sends() {
    let az = data(AZ);
    for (c, api, p) in plans().filter(|(c, _, _)| catalog::cli_target_id(c.target).is_some()) {
        let props = &p.requests[0].body["properties"];
        let template = az["cliTargetIds"][c.target.as_str()]
            .as_str()
            .expect("template");
        assert_eq!(
            props["targetService"]["id"],
            fill_template(template, c.target),
            "{c:?}"
        );
        match c.target {
            TargetId::NeonPostgres if api == ApiVersion::V2024_07_01Preview => {
                let expected: Map<String, Value> = az["neonPostgres"]
                    ["additionalConnectionStringProperties"]
                    .as_object()
                    .expect("props")
                    .iter()
                    .map(|(k, flag)| {
                        (
                            k.clone(),
                            json!(param_value(
                                flag.as_str().unwrap_or("").trim_start_matches("--")
                            )),
                        )
                    })
                    .collect();
                assert_eq!(
                    props["configurationInfo"]["additionalConnectionStringProperties"],
                    Value::Object(expected)
                );
            }
            TargetId::NeonPostgres => {
                // 2022-05-01 cannot carry them: listed, never dropped silently.
                assert!(p.requests[0]
                    .dropped_fields
                    .iter()
                    .any(|f| f.contains("additionalConnectionStringProperties")));
                assert!(p.findings.iter().any(|f| f.code == "SC033"));
            }
            _ => {
                assert_eq!(props["authInfo"]["name"], az["mongodbAtlas"]["secretName"]);
                let w = words(&p.az.create);
                let at = w.iter().position(|x| x == "--secret").expect("--secret");
                assert!(w[at + 1].starts_with("secret=mongodb+srv://"), "{w:?}");
            }
        }
        assert!(!p.az.create.argv.contains(&"--target-id".to_owned()));
    }
}

#[test]
fn confluent_linkers_carry_what_the_cli_sends() {
    let az = data(AZ);
    let linkers = &az["confluentCloud"]["linkers"];
    for (c, _, p) in plans().filter(|(c, _, _)| c.target == TargetId::ConfluentCloud) {
        assert_eq!(p.requests.len(), 2);
        for (r, key) in p.requests.iter().zip(["bootstrapServer", "schemaRegistry"]) {
            let want = &linkers[key];
            let props = &r.body["properties"];
            let has_keys = props["configurationInfo"].get("customizedKeys").is_some();
            // The full spec customizes one key, so the bootstrap linker carries it.
            assert_eq!(
                has_keys,
                want["customizedKeys"] == true && props.get("configurationInfo").is_some(),
                "{c:?} {key}"
            );
            let pns = props.get("publicNetworkSolution").is_some();
            assert_eq!(
                pns,
                want["publicNetworkSolution"] == true
                    && r.api_version == ApiVersion::V2024_07_01Preview,
                "{c:?} {key}"
            );
        }
        // The az command carries the same keys as the bootstrap linker.
        assert!(
            words(&p.az.create).contains(&"--customized-keys".to_owned()),
            "{c:?}"
        );
        // And so does the Bicep file: the customized name appears once, in the first resource.
        let text = &p.bicep.text;
        if p.api_version == ApiVersion::V2024_07_01Preview {
            assert_eq!(text.matches("CUSTOM_NAME").count(), 1, "{text}");
            assert!(
                text.find("CUSTOM_NAME") < text.find("resource connSchema"),
                "{text}"
            );
        }
    }
}

#[test]
fn confluent_endpoints_off_azure_get_a_finding() {
    let az = data(AZ);
    let needle = az["confluentCloud"]["endpointMustContain"]
        .as_str()
        .expect("needle");
    let s: ConnectionSpec = serde_json::from_value(json!({
        "target": { "type": "confluent-cloud", "bootstrapServer": "pkc-1.us-east-1.aws.confluent.cloud:9092",
                    "schemaRegistry": "https://psrc-1.eastus.AZURE.confluent.cloud" },
    }))
    .expect("spec");
    let f = aks_service_connector::validate(&s);
    let hits: Vec<_> = f.iter().filter(|x| x.code == "SC039").collect();
    assert_eq!(hits.len(), 1, "{f:#?}");
    assert_eq!(hits[0].field, "target.bootstrapServer");
    assert!(hits[0].message.contains(needle), "{}", hits[0].message);
}

// ---------------------------------------------------------------- the checkers fail

fn storage_blob_body() -> Value {
    json!({ "properties": {
        "targetService": { "type": "AzureResource", "id": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/a/blobServices/default" },
        "authInfo": { "authType": "servicePrincipalSecret", "clientId": GUID, "principalId": GUID, "secret": "x" },
        "clientType": "python", "scope": "apps", "secretStore": {},
    } })
}

#[test]
fn the_schema_check_rejects_wrong_bodies() {
    let doc = openapi(ApiVersion::V2024_07_01Preview);
    assert_eq!(
        Schema::check(&doc, &storage_blob_body()),
        Vec::<String>::new()
    );
    let cases: Vec<(&str, Value, &str)> = vec![
        ("/properties/bogus", json!("x"), "unknown property"),
        ("/properties/clientType", json!("cobol"), "is not one of"),
        (
            "/properties/provisioningState",
            json!("Succeeded"),
            "read-only",
        ),
        (
            "/properties/targetService/type",
            json!("Bogus"),
            "discriminator value",
        ),
        (
            "/properties/authInfo/authType",
            json!("password"),
            "discriminator value",
        ),
        ("/properties/authInfo/secret", Value::Null, "not nullable"),
        (
            "/properties/authInfo/roles",
            json!("Reader"),
            "expected an array",
        ),
        (
            "/properties/targetService/resourceProperties",
            json!({ "type": "KeyVault", "connectAsKubernetesCsiDriver": "yes" }),
            "expected a boolean",
        ),
    ];
    for (pointer, value, expected) in cases {
        let mut body = storage_blob_body();
        let (parent, key) = pointer.rsplit_once('/').expect("pointer");
        body.pointer_mut(parent)
            .and_then(Value::as_object_mut)
            .expect("parent")
            .insert(key.to_owned(), value);
        let errors = Schema::check(&doc, &body);
        assert!(
            errors.iter().any(|e| e.contains(expected)),
            "{pointer}: {errors:?}"
        );
    }
    let mut body = storage_blob_body();
    body["properties"]["authInfo"]
        .as_object_mut()
        .expect("auth")
        .remove("secret");
    assert!(Schema::check(&doc, &body)
        .iter()
        .any(|e| e.contains("required property `secret`")));
    let errors = Schema::check(&doc, &json!({}));
    assert!(
        errors
            .iter()
            .any(|e| e.contains("required property `properties`")),
        "{errors:?}"
    );

    // What 2024-07-01-preview takes, 2022-05-01 does not.
    let old = openapi(ApiVersion::V2022_05_01);
    let mut body = storage_blob_body();
    body["properties"]["configurationInfo"] = json!({ "customizedKeys": { "A": "B" } });
    assert!(Schema::check(&doc, &body).is_empty());
    assert!(Schema::check(&old, &body)
        .iter()
        .any(|e| e.contains("configurationInfo: unknown property")));
    let mut body = storage_blob_body();
    body["properties"]["clientType"] = json!("dapr");
    assert!(Schema::check(&doc, &body).is_empty());
    assert!(!Schema::check(&old, &body).is_empty());
}

fn argv(line: &str) -> Vec<String> {
    shell_words::split(line).expect("split")
}

#[test]
fn the_flag_check_rejects_wrong_commands() {
    let az = data(AZ);
    let ok = "az aks connection create storage-blob --connection c --resource-group rg --name aks1 --target-resource-group r --account a --secret --client-type python --kube-namespace apps";
    assert_eq!(
        check_create(
            &az,
            TargetId::StorageBlob,
            AuthId::ConnectionString,
            &argv(ok)
        ),
        Vec::<String>::new()
    );
    let cases: Vec<(TargetId, AuthId, &str, &str)> = vec![
        (
            TargetId::StorageBlob,
            AuthId::ConnectionString,
            "--database d",
            "--database is not a flag",
        ),
        (
            TargetId::StorageBlob,
            AuthId::ConnectionString,
            "--client-type php",
            "--client-type",
        ),
        (
            TargetId::NeonPostgres,
            AuthId::Secret,
            "--target-id /subscriptions/s --secret name=u secret=p",
            "--target-id is not a flag",
        ),
        (
            TargetId::MongoDbAtlas,
            AuthId::Secret,
            "--target-resource-group r --server s --secret name=u secret=p",
            "no key `name`",
        ),
        (
            TargetId::Sql,
            AuthId::Secret,
            "--secret name=u secret-uri=https://v",
            "no key `secret-uri`",
        ),
        (
            TargetId::Redis,
            AuthId::ServicePrincipal,
            "--service-principal client-id=c",
            "needs `secret`",
        ),
        (
            TargetId::StorageFile,
            AuthId::WorkloadIdentity,
            "--workload-identity /x",
            "not supported",
        ),
        (
            TargetId::StorageBlob,
            AuthId::KeyvaultCsi,
            "--enable-csi",
            "--enable-csi is not a flag",
        ),
    ];
    for (target, auth, tail, expected) in cases {
        let line = format!("az aks connection create {target} --connection c {tail}");
        let errors = check_create(&az, target, auth, &argv(&line));
        assert!(
            errors.iter().any(|e| e.contains(expected)),
            "{line}: {errors:?}"
        );
    }
    let errors = check_connection_command(
        &az,
        &argv("az aks connection delete --connection c --resource-group rg --name aks1"),
    );
    assert!(
        errors.iter().any(|e| e.contains("prompts without --yes")),
        "{errors:?}"
    );
    assert!(check_connection_command(
        &az,
        &argv("az aks connection delete --connection c -g rg -n aks1 -y")
    )
    .is_empty());
    let errors = check_connection_command(
        &az,
        &argv("az aks connection show --connection c --kube-namespace x"),
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("--kube-namespace is not a flag")),
        "{errors:?}"
    );
}
