//! The error fixture corpus: every sample must classify to its expected
//! category, and the entity and command assertions in its header must hold.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeSet;

use aks_service_connector::classify::{category_ids, classify, ClassifyContext, Diagnosis};
use common::corpus::{self, load_fixtures, Fixture};

/// Asserts each text's category, with no context.
fn assert_categories(cases: &[(&str, &str)]) {
    // Every wrong answer at once, so one run shows the whole family.
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|(text, want)| {
            let got = classify(text, &ClassifyContext::default()).category;
            (got != *want).then(|| format!("want {want}, got {got}: {text}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

fn context(f: &Fixture) -> ClassifyContext {
    f.context
        .as_deref()
        .map(|c| serde_json::from_str(c).expect("fixture context must be valid"))
        .unwrap_or_default()
}

fn check(f: &Fixture, d: &Diagnosis) -> Vec<String> {
    let mut problems = Vec::new();
    if d.category != f.expected {
        problems.push(format!(
            "category: expected {}, got {}",
            f.expected, d.category
        ));
    }
    match d.matches.first() {
        Some(m) if m.id == d.category => {}
        _ => problems.push("matches[0] must be the category".to_string()),
    }
    for (name, value) in &f.entities {
        let found = d.entities.get(name).is_some_and(|v| v.contains(value));
        if !found {
            problems.push(format!(
                "entity {name}={value} missing; got {:?}",
                d.entities.get(name)
            ));
        }
    }
    if let Some(m) = d.matches.first() {
        for want in &f.commands {
            if !m.commands.iter().any(|c| c.contains(want.as_str())) {
                problems.push(format!(
                    "no command contains {want:?}; got {:#?}",
                    m.commands
                ));
            }
        }
    }
    problems
}

#[test]
fn every_fixture_classifies_correctly() {
    let all = load_fixtures().expect("corpus loads");
    let mut failures = Vec::new();
    for f in &all {
        let d = classify(&f.text, &context(f));
        let problems = check(f, &d);
        if !problems.is_empty() {
            failures.push(format!("{}:\n  {}", f.name, problems.join("\n  ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing fixtures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn corpus_covers_every_category() {
    let all = load_fixtures().expect("corpus loads");
    let ids: BTreeSet<&str> = category_ids().collect();
    for f in &all {
        assert!(
            ids.contains(f.expected.as_str()),
            "{}: unknown id {}",
            f.name,
            f.expected
        );
        assert!(
            f.name.starts_with(&format!("{}/", f.expected)),
            "{}: file must live in the folder of its category",
            f.name
        );
    }
    for id in &ids {
        let n = all.iter().filter(|f| f.expected == *id).count();
        let want = if *id == "unknown" { 15 } else { 6 };
        assert!(n >= want, "{id}: {n} samples, want at least {want}");
        if *id != "unknown" {
            let asserted = all
                .iter()
                .filter(|f| f.expected == *id)
                .any(|f| !f.entities.is_empty() && !f.commands.is_empty());
            assert!(
                asserted,
                "{id}: no fixture asserts both entities and commands"
            );
        }
    }
}

#[test]
fn categories_match_the_spec_list() {
    let ids: Vec<&str> = category_ids().collect();
    assert_eq!(ids.len(), 26);
    assert!(ids.contains(&"other") && ids.contains(&"unknown"));
}

#[test]
fn output_never_echoes_fixture_secrets() {
    // Two fixtures carry secrets on purpose.
    let all = load_fixtures().expect("corpus loads");
    for f in &all {
        let json = serde_json::to_string(&classify(&f.text, &context(f))).expect("serializes");
        for secret in ["Sup3rS3cretPw", "ghp_abcdefghijklmnopqrstuvwxyz0123456789"] {
            assert!(!json.contains(secret), "{}: leaked {secret}", f.name);
        }
    }
}

#[test]
fn json_shape_is_camel_case() {
    let text = "ERROR: (ResourceGroupNotFound) Resource group 'rg-x' could not be found.";
    let d = classify(text, &ClassifyContext::default());
    let v = serde_json::to_value(&d).expect("serializes");
    assert_eq!(v["category"], "resource_group_not_found");
    assert_eq!(v["truncated"], false);
    let m = &v["matches"][0];
    assert_eq!(m["id"], "resource_group_not_found");
    assert!(m["confidence"]
        .as_f64()
        .is_some_and(|c| (0.0..=1.0).contains(&c)));
    let ev = &m["evidence"][0];
    let (start, end) = (
        ev["start"].as_u64().unwrap() as usize,
        ev["end"].as_u64().unwrap() as usize,
    );
    assert!(
        text.get(start..end).is_some(),
        "evidence range is a valid slice"
    );
    assert!(ev["excerpt"].is_string());
    assert_eq!(v["entities"]["resourceGroup"][0], "rg-x");
    let back: Diagnosis = serde_json::from_value(v).expect("round-trips");
    assert_eq!(back, d);
}

#[test]
fn context_rejects_unknown_fields_and_fills_placeholders() {
    let err = serde_json::from_str::<ClassifyContext>(r#"{"resourceGroup":"a","bogus":1}"#);
    assert!(err.is_err());
    let ctx: ClassifyContext = serde_json::from_str(
        r#"{"resourceGroup":"rg1","cluster":"aks1","namespace":"ns1","connection":"c1"}"#,
    )
    .expect("valid context");
    let d = classify("Operation returned an invalid status code: Conflict", &ctx);
    assert_eq!(d.category, "conflict_cluster_updating");
    assert!(d.matches[0]
        .commands
        .iter()
        .any(|c| c == "az aks show -g rg1 -n aks1 --query provisioningState -o tsv"));
    // Unsafe context values are not pasted into commands.
    let bad = ClassifyContext {
        cluster: Some("x; rm -rf /".into()),
        ..ClassifyContext::default()
    };
    let d = classify("Operation returned an invalid status code: Conflict", &bad);
    assert!(d.matches[0].commands.iter().all(|c| !c.contains("rm -rf")));
}

#[test]
fn commands_stay_shell_parsable() {
    let all = load_fixtures().expect("corpus loads");
    for f in &all {
        let d = classify(&f.text, &context(f));
        for m in &d.matches {
            for c in &m.commands {
                assert!(
                    shell_words::split(c).is_ok(),
                    "{}: unparsable command {c}",
                    f.name
                );
            }
        }
    }
}

#[test]
fn evidence_ranges_point_into_the_input() {
    let all = load_fixtures().expect("corpus loads");
    for f in &all {
        let d = classify(&f.text, &context(f));
        for m in &d.matches {
            for e in &m.evidence {
                assert!(
                    e.start <= e.end && e.end <= f.text.len(),
                    "{}: bad range",
                    f.name
                );
                assert!(
                    f.text.is_char_boundary(e.start) && f.text.is_char_boundary(e.end),
                    "{}: range not on char boundaries",
                    f.name
                );
            }
        }
    }
}

#[test]
fn unknown_fixtures_show_no_evidence() {
    let all = load_fixtures().expect("corpus loads");
    for f in all.iter().filter(|f| f.expected == "unknown") {
        let d = classify(&f.text, &context(f));
        assert_eq!(d.matches.len(), 1, "{}", f.name);
        assert!(d.matches[0].evidence.is_empty(), "{}", f.name);
        assert!(!d.matches[0].mitigation.is_empty(), "{}", f.name);
    }
}

#[test]
fn unknown_has_no_claim_and_asks_for_more() {
    let d = classify("", &ClassifyContext::default());
    assert_eq!(d.category, "unknown");
    assert!(d.matches[0].evidence.is_empty());
    assert!(d.entities.is_empty());
}

#[test]
fn diagnosis_json_snapshot() {
    // One full answer, kept as a snapshot so shape changes are reviewed.
    let text = "cli.azure.cli.core.azclierror: (AuthorizationFailed) The client 'ab12cd34-0000-4000-8000-000000000001' with object id 'ab12cd34-0000-4000-8000-000000000001' does not have authorization to perform action 'Microsoft.ServiceLinker/linkers/write' over scope '/subscriptions/0f0f0f0f-0000-4000-8000-000000000002/resourceGroups/rg-demo/providers/Microsoft.ContainerService/managedClusters/aks-demo/providers/Microsoft.ServiceLinker/linkers/blob_conn' or the scope is invalid. If access was recently granted, please refresh your credentials.\nCode: AuthorizationFailed\nAuthorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
    let d = classify(text, &ClassifyContext::default());
    let json = serde_json::to_string_pretty(&d).expect("serializes");
    assert!(!json.contains("eyJhbGciOiJSUzI1NiJ9"));
    insta::assert_snapshot!(json);
}

#[test]
fn real_corpus_is_development_data_and_holdout_loads() {
    let all = corpus::load_real().expect("real corpus and split.tsv agree");
    assert!(all.len() >= 600, "{} real texts", all.len());
    assert!(all.iter().all(|t| t.set == corpus::Set::Dev));
    // The former test sets stay recorded among the development texts, each
    // with its size, so none is lost or merged.
    let split = corpus::load_split().expect("split.tsv loads");
    for (origin, size) in [
        ("holdout", 154),
        ("holdout2", 218),
        ("holdout3", 197),
        ("holdout4", 135),
        ("holdout5", 179),
        ("holdout6", 129),
        ("holdout7", 126),
        ("holdout8", 123),
        ("holdout9", 113),
        ("holdout10", 109),
        ("holdout11", 101),
        ("holdout12", 98),
        ("holdout13", 76),
        ("holdout14", 100),
        ("holdout15", 68),
        ("holdout16", 77),
        ("holdout17", 106),
        ("holdout18", 98),
        ("holdout19", 121),
    ] {
        let n = split.values().filter(|(_, o)| o == origin).count();
        assert_eq!(n, size, "texts of origin {origin} in split.tsv");
    }
    // The test set may hold no text yet; what it holds must load.
    let holdout = corpus::load_holdout().expect("holdout loads");
    assert!(holdout.iter().all(|t| t.set == corpus::Set::Holdout));
    let ids: BTreeSet<&str> = category_ids().collect();
    for t in all.iter().chain(&holdout) {
        assert!(ids.contains(t.expected.as_str()), "{}: unknown id", t.path);
        assert!(
            t.source.contains("https://") || t.source.contains("http://"),
            "{}: source must give an address",
            t.path
        );
    }
}

#[test]
fn real_texts_classify_consistently_and_echo_no_secret_shapes() {
    let all = corpus::load_real().expect("real corpus loads");
    for t in &all {
        let d = classify(&t.text, &ClassifyContext::default());
        assert_eq!(
            d.matches.first().map(|m| m.id.as_str()),
            Some(d.category.as_str())
        );
        for m in &d.matches {
            assert!((0.0..=1.0).contains(&m.confidence), "{}", t.path);
            for e in &m.evidence {
                assert!(e.start <= e.end && e.end <= t.text.len(), "{}", t.path);
                assert!(!e.excerpt.contains("eyJ0eXAi"), "{}: a JWT echoed", t.path);
            }
        }
    }
}

#[test]
fn generalises_over_shapes_of_the_same_error() {
    let cases: &[(&str, &str)] = &[
        // Terraform box, guillemets instead of ASCII quotes.
        (
            "╷\n│ Error: Managed Kubernetes Cluster «aks1» was not found in Resource Group «rg1»\n│\n╵",
            "aks_not_found",
        ),
        // A hard-wrapped quote in a comment: the markers split the phrase.
        (
            "> Error: INSTALLATION FAILED: rendered manifests contain a resource that already\n> exists. Unable to continue with install",
            "helm_resource_exists",
        ),
        // Translated label, English code.
        (
            "コード: \"AKSOperationPreempted\"\nメッセージ: \"この操作は別の操作によって割り込まれています\"",
            "conflict_cluster_updating",
        ),
        // An extension error that only wraps a running operation.
        (
            "(ExtensionOperationFailed) The extension operation failed with the following error: Operation is not allowed: Another operation (Updating) is in progress, please wait for it to finish before starting a new operation.",
            "conflict_cluster_updating",
        ),
        // The cluster's service principal, not workload identity.
        (
            "Operation failed with status: 'Bad Request'. Details: The credentials in ServicePrincipalProfile were invalid. (Details: AADSTS700016: Application with identifier 'x' was not found in the directory 'y'.)",
            "other",
        ),
        // Quota inside a template validation error.
        (
            "Code=\"InvalidTemplateDeployment\" Message=\"The template deployment 'aks' is not valid according to the validation procedure. Operation could not be completed as it results in exceeding approved Total Regional Cores quota.\"",
            "quota_exceeded",
        ),
        // A service's own not-found code.
        (
            "Deployment 'x' could not be found. (Code: DeploymentNotFound)",
            "resource_not_found",
        ),
        // Boxes and odd quotes without any of the domain's vocabulary.
        ("│ TypeError: „x“ is not a function │", "unknown"),
        // Another Go template engine, and deployment prose of other tools.
        (
            "Error: Error building site: failed to render pages: execute of template failed: template: _default/single.html:5:14: executing \"main\" at <.Params.foo.bar>: nil pointer evaluating interface {}.bar",
            "unknown",
        ),
        (
            "Error: The deployment failed. The build step exited with code 1.",
            "unknown",
        ),
        // A Job's backoff limit is no quota.
        (
            "Reason: BackoffLimitExceeded\nMessage: Job has reached the specified backoff limit",
            "other",
        ),
        // Another cloud's throttling code is no Azure quota.
        (
            "An error occurred (RequestLimitExceeded) when calling the RunInstances operation: Request limit exceeded.",
            "unknown",
        ),
        // Another cloud's not-found exception.
        (
            "ResourceNotFoundException: Requested resource not found: Table: users not found",
            "unknown",
        ),
        // A generic HTTP status alone is no sign of the domain.
        (
            "Error in curl::curl_fetch_memory(url) : Not Found (HTTP 404).",
            "unknown",
        ),
        // An explicit missing permission on the extension's own scope.
        (
            "(AuthorizationFailed) The client 'u' with object id 'x' does not have authorization to perform action 'Microsoft.KubernetesConfiguration/extensions/write' over scope '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks/providers/Microsoft.KubernetesConfiguration/extensions/sc-extension'",
            "authorization_failed",
        ),
        // Kubernetes RBAC says the same in its own words.
        (
            "Error from server (Forbidden): pods is forbidden: User \"u@contoso.com\" cannot list resource \"pods\" in API group \"\" in the namespace \"team1\"",
            "authorization_failed",
        ),
        // An OCI registry refusing a chart's tag list.
        (
            "Error: INSTALLATION FAILED: GET \"https://ghcr.io/v2/org/charts/app/tags/list\": response status code 403: denied: denied",
            "helm_chart_download",
        ),
        // The extension status's generic code around the extension manager's own message.
        (
            "\"statuses\": [{\"code\": \"InstallationFailed\", \"level\": \"Error\", \"message\": \"Unable to get the status from the local CRD with the error : {Error : Retry for given duration didn't get any results with err {status not populated}}\"}]",
            "extension_other",
        ),
        // A translated page keeps the extension's advice in English.
        (
            "(ExtensionOperationFailed) Uzantı işlemi başarısız oldu: Kümenizde zaten var olan kaynak. kubectl delete {resource type} -n {resource namespace} {resource name}",
            "helm_resource_exists",
        ),
        // Count limits of any resource type are quotas.
        (
            "Status=400 Code=\"StaticPublicIPCountLimitReached\" Message=\"Cannot create more than 20 public IP addresses with static allocation method for this subscription in this region.\"",
            "quota_exceeded",
        ),
    ];
    assert_categories(cases);
}

#[test]
fn word_families_claim_no_unrelated_text() {
    // Texts of other tools that share words with the rules' token sets:
    // a CamelCase code read as prose, a heading, an archive download, a
    // quota of something else. None of them is from this domain.
    let unrelated = [
        "Operation not allowed while another backup is in progress",
        "<html><title>500 Internal Server Error</title></html>",
        "Get \"https://example.com/files/archive-1.0.tgz\": EOF",
        "Error: failed to download https://github.com/electron/electron/releases/download/v1/electron.zip",
        "Please delete the extension and try again. Chrome could not load the manifest.",
        "Warning: quota for cores on this workstation may need an increase (score 12)",
        "Cannot update the record: the object has been modified by another user",
        "npm ERR! code E401 Unable to authenticate, need: Basic realm",
    ];
    assert_categories(&unrelated.map(|text| (text, "unknown")));
    // The same words in this domain's texts do name their category.
    let related = [
        (
            "(OperationNotAllowed) Unable to perform 'Scaling' operation on 'agentpool' since deletion was issued on 'agentpool'.\nCode: OperationNotAllowed",
            "conflict_cluster_updating",
        ),
        (
            "Error: INSTALLATION FAILED: Get \"https://charts.example.com/charts/app-1.0.0.tgz\": EOF",
            "helm_chart_download",
        ),
        (
            "Resource quota of cores exceeded. Maximum allowed: 20, Current in use: 0, Additional requested: 36",
            "quota_exceeded",
        ),
        (
            "ManagedIdentityCredential authentication failed. Message socket hang up",
            "wi_token_file_missing",
        ),
    ];
    assert_categories(&related);
}

#[test]
fn new_word_families_hold_to_the_domains_structure() {
    // Other tools' words that the secrets-store providers, the kubelet's
    // tunnel, Bicep's and Helm's vocabulary and the metadata endpoint share:
    // a Terraform provider, a Go proxy, ESLint, a language tag's RFC,
    // another cloud's metadata service, another tool's release names.
    let unrelated = [
        "Error: terraform-provider-aws: dial tcp: connection refused",
        "2024/01/01 Error dialing backend: dial tcp 10.0.0.1:8080: connection refused",
        "src/app.js  3:7  error  'x' is assigned a value but never used  no-unused-vars",
        "Use BCP 47 language tags such as en-US; error: invalid tag",
        "IMDS endpoint returned status code 404 (EC2 instance metadata)",
        "websocket: error upgrading connection: bad handshake",
        "Error: release name is invalid for goreleaser",
        "ValueError: number of samples exceeds the maximum allowed (100)",
    ];
    assert_categories(&unrelated.map(|text| (text, "unknown")));
    // The same families in this domain's words.
    let related = [
        (
            "E0126 server.go:151] Failure getting secret values from provider type secretsmanager: Failed to fetch secret from all regions: /app/secret",
            "kv_csi_mount_failed",
        ),
        (
            "server: Finished unary gRPC call: grpc.method=/v1alpha1.CSIDriverProvider/Mount grpc.code=Internal err=\"failed to login\"",
            "kv_csi_mount_failed",
        ),
        (
            "ERROR: deploying to resource group:\nDeploymentNotFound: Deployment 'web' could not be found.",
            "resource_not_found",
        ),
        (
            "Error from server: error dialing backend: dial tcp 10.1.0.4:10250: i/o timeout",
            "other",
        ),
        (
            "main.bicep(3,1) : Error BCP018: Expected the \"=\" character at this location.",
            "other",
        ),
        (
            "Error BCP036: The property \"gateway\" expected a value of type \"string\"",
            "other",
        ),
        (
            "ManagedIdentityCredential authentication failed: Service request failed. Status: 410 (Gone)",
            "wi_token_file_missing",
        ),
    ];
    assert_categories(&related);
}

#[test]
fn two_readings_of_one_rank_without_a_code_are_no_confident_answer() {
    // A resource and its resource group both said not found in words: either
    // may be meant, and no extracted code says which.
    let text = "The Resource 'Microsoft.Web/sites/app' under resource group 'rg' was not found. Resource group 'rg' could not be found.";
    let d = classify(text, &ClassifyContext::default());
    assert!(d.matches.len() >= 2, "{:?}", d.matches);
    assert!(
        d.matches[0].confidence < 0.8,
        "{} at {}",
        d.category,
        d.matches[0].confidence
    );
    // A code names the object: the answer is confident again.
    let coded = "(DeploymentNotFound) Deployment 'web' could not be found.\nCode: DeploymentNotFound\nResource group 'rg' was used.";
    let d = classify(coded, &ClassifyContext::default());
    assert_eq!(d.category, "resource_not_found");
    assert!(
        d.matches[0].confidence >= 0.8,
        "{}",
        d.matches[0].confidence
    );
}

#[test]
fn domain_words_inside_prose_or_other_clouds_do_not_mark_the_domain() {
    // Helm's headings, `Microsoft.`, the metadata service and Helm's
    // commands, written by other tools or inside other words.
    let unrelated = [
        "Firmware UPGRADE FAILED: checksum mismatch on block 7",
        "Error: release v1.2 failed: tag already published",
        "System.InvalidOperationException: A second operation started on this context\n   at Microsoft.EntityFrameworkCore.Internal.ConcurrencyDetector.EnterCriticalSection()",
        "Unable to fetch credentials from IMDS: GET http://169.254.169.254/latest/meta-data/iam/security-credentials/ timed out",
        "EC2 IMDS unavailable: no identity document",
        "The load would overwhelm installs on the edge nodes; quota exceeded for disk",
    ];
    assert_categories(&unrelated.map(|text| (text, "unknown")));
    // Azure's own shapes of the same words still do.
    let related = [
        (
            "Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress",
            "helm_operation_in_progress",
        ),
        (
            "Get http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01: dial tcp 169.254.169.254:80: connect: connection refused",
            "wi_token_file_missing",
        ),
    ];
    assert_categories(&related);
}

#[test]
fn quota_and_key_vault_families_in_every_services_words() {
    // Wordings of the same cause by other services and SDKs than the
    // development texts quote, and look-alikes of other tools.
    let cases = [
        (
            r#"Operation could not be completed as it results in exceeding approved standardDSv3Family Cores quota. Additional details - Deployment Model: Resource Manager, Location: westeurope, Current Limit: 10, Current Usage: 8, Additional Required: 4, (Minimum) New Limit Required: 12."#,
            "quota_exceeded",
        ),
        (
            r#"(QuotaExceeded) Operation could not be completed as it results in exceeding approved Total Regional Cores quota."#,
            "quota_exceeded",
        ),
        (
            r#"Code: PublicIPCountLimitReached Message: Cannot create more than 10 public IP addresses for this subscription in this region."#,
            "quota_exceeded",
        ),
        (
            r#"azure.core.exceptions.HttpResponseError: (InsufficientQuota) The specified capacity '100' of account deployment is bigger than available capacity '20' for UsageName 'Tokens Per Minute (thousands) - gpt-4o'."#,
            "quota_exceeded",
        ),
        (
            r#"Error: creating Linux Virtual Machine Scale Set: compute.VirtualMachineScaleSetsClient#CreateOrUpdate: Failure sending request: StatusCode=409 -- Original Error: Code="OperationNotAllowed" Message="Operation could not be completed as it results in exceeding approved standardBSFamily Cores quota.""#,
            "quota_exceeded",
        ),
        (
            r#"ERROR: (SubscriptionQuotaExceeded) Subscription quota exceeded for resource type Microsoft.ContainerService/managedClusters."#,
            "quota_exceeded",
        ),
        (
            r#"Azure.RequestFailedException: The user, group or application 'appid=00000000-0000-0000-0000-000000000000;oid=11111111-1111-1111-1111-111111111111' does not have secrets get permission on key vault 'kv-app;location=westeurope'. Status: 403 (Forbidden) ErrorCode: Forbidden"#,
            "kv_access_denied",
        ),
        (
            r#"(Forbidden) Caller is not authorized to perform action on resource. If role assignments, deny assignments or role definitions were changed recently, please observe propagation time. Caller: appid=abc;oid=def Action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action' Resource: '/subscriptions/x/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv/secrets/db' Assignment: (not found) Vault: kv;location=eastus Code: Forbidden Inner error: { "code": "ForbiddenByRbac" }"#,
            "kv_access_denied",
        ),
        (
            r#"com.azure.core.exception.HttpResponseException: Status code 403, "{"error":{"code":"Forbidden","message":"Operation get is not allowed on a disabled secret.","innererror":{"code":"SecretDisabled"}}}""#,
            "kv_access_denied",
        ),
        (
            r#"GET https://myvault.vault.azure.net/secrets/db-password/?api-version=7.4 -------------------------------------------------------------------------------- RESPONSE 403: 403 Forbidden ERROR CODE: Forbidden"#,
            "kv_access_denied",
        ),
        (
            r#"Microsoft.Azure.KeyVault.Models.KeyVaultErrorException: Operation returned an invalid status code 'Forbidden'"#,
            "kv_access_denied",
        ),
        (
            r#"azure.core.exceptions.HttpResponseError: (Forbidden) Client address is not authorized and caller is not a trusted service. Client address: 1.2.3.4 Caller: appid=x Vault: kv;location=westus2 Code: ForbiddenByFirewall"#,
            "kv_access_denied",
        ),
        (
            r#"Disk quota exceeded while writing /var/log/app.log"#,
            "unknown",
        ),
        (
            r#"ERROR 403 Forbidden: access denied to bucket my-bucket"#,
            "unknown",
        ),
        (
            r#"RateLimitExceeded: the GitHub API rate limit for this token has been reached"#,
            "unknown",
        ),
    ];
    assert_categories(&cases);
}

#[test]
fn who_speaks_decides_the_category() {
    // The same words from another speaker: ARM denying an action whose
    // scope is a vault, the cluster's own credential failing in a cloud
    // provider event, a not-found in any tool's words next to the scope it
    // searched, Helm's `Error:` line holding the API server's webhook answer
    // (kubectl words the same answer `Error from server`).
    let cases = [
        (
            r#"Status=403 Code="AuthorizationFailed" Message="The client 'a' with object id 'a' does not have authorization to perform action 'Microsoft.KeyVault/vaults/write' over scope '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv' or the scope is invalid.""#,
            "authorization_failed",
        ),
        (
            r#"{"code":"InvalidTemplateDeployment","message":"Authorization failed for template resource 'x' of type 'Microsoft.Authorization/roleAssignments'. The client 'a' with object id 'a' does not have permission to perform action 'Microsoft.Authorization/roleAssignments/write' at scope '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv/providers/Microsoft.Authorization/roleAssignments/x'."}"#,
            "authorization_failed",
        ),
        (
            r#"keyvault.BaseClient#GetSecret: Failure responding to request: StatusCode=403 -- Original Error: autorest/azure: Service returned an error. Status=403 Code="Forbidden" Message="Caller is not authorized to perform action on resource." InnerError={"code":"ForbiddenByRbac"}"#,
            "kv_access_denied",
        ),
        (
            r#"Warning  SyncLoadBalancerFailed  2m  service-controller  Error syncing load balancer: failed to ensure load balancer: azure.BearerAuthorizer#WithAuthorization: Failed to refresh the Token for request: StatusCode=400 -- Original Error: adal: Refresh request failed. Response body: {"error":"unauthorized_client","error_description":"AADSTS700016: Application with identifier 'x' was not found in the directory 'y'."}"#,
            "other",
        ),
        (
            r#"WorkloadIdentityCredential: AADSTS700016: Application with identifier 'x' was not found in the directory 'y'."#,
            "wi_wrong_client_id",
        ),
        (
            r#"Get-AzKeyVaultSecret: Cannot find vault 'kv-prod' in resource group 'rg-app'."#,
            "resource_not_found",
        ),
        (
            r#"ERROR: Could not find storage account 'stdata01' in the resource group 'rg-data'."#,
            "resource_not_found",
        ),
        (
            r#"ERROR: Could not find managed cluster 'aks1' in resource group 'rg1'."#,
            "aks_not_found",
        ),
        (
            r#"ERROR: Resource group 'rg1' does not exist in the subscription 'abc'."#,
            "resource_group_not_found",
        ),
        (
            r#"ERROR: The subscription '00000000-0000-0000-0000-000000000000' could not be found."#,
            "resource_not_found",
        ),
        (
            concat!(
                "helm install web ./chart -n web\n",
                r#"Error: INSTALLATION FAILED: Internal error occurred: failed calling webhook "validate.nginx.ingress.kubernetes.io": failed to call webhook: Post "https://ingress-nginx-controller-admission.ingress-nginx.svc:443/networking/v1/ingresses?timeout=10s": context deadline exceeded"#
            ),
            "helm_install_other",
        ),
        (
            r#"Error: admission webhook "validation.example.io" denied the request: replicas must be at most 3"#,
            "helm_install_other",
        ),
        (
            r#"Error from server (InternalError): error when creating "ingress.yaml": Internal error occurred: failed calling webhook "validate.nginx.ingress.kubernetes.io": failed to call webhook: Post "https://ingress-nginx-controller-admission.ingress-nginx.svc:443/networking/v1/ingresses?timeout=10s": service "ingress-nginx-controller-admission" not found"#,
            "other",
        ),
    ];
    assert_categories(&cases);
}

#[test]
fn domain_evidence_in_other_words_and_how_sure_unknown_is() {
    // The az CLI opens its error output with `(Code) Message`; App Service
    // names its plans server farms. Look-alikes stay unknown.
    assert_categories(&[
        (
            "(LinkedAccountAlreadyExists) This subscription is already linked to another account",
            "other",
        ),
        (
            "Error type: BadRequest\nError Message: The App Service plan 'asp-free' cannot be created: the limit of 1 free tier server farm per subscription was exceeded.",
            "quota_exceeded",
        ),
        ("(Intercept) 1.234 0.056 22.1 <2e-16", "unknown"),
        (
            "ERROR 1045 (28000): Access denied for user 'root'@'localhost'",
            "unknown",
        ),
    ]);
    // `unknown` is sure only when nothing of an error's shape was found: a
    // code or a rule's words without any sign of the domain leave it unsure.
    let unsure = classify(
        "Code: NoSuchBucket Message: The specified bucket does not exist",
        &ClassifyContext::default(),
    );
    assert_eq!(unsure.category, "unknown");
    assert!(unsure.matches[0].confidence < 0.8, "{:?}", unsure.matches);
    // Generic words piled up stay a weak answer.
    let weak = classify(
        "azure storage: (HTTP 404) 404 Not Found; Status code 404",
        &ClassifyContext::default(),
    );
    assert_eq!(weak.category, "resource_not_found");
    assert!(weak.matches[0].confidence < 0.75, "{:?}", weak.matches);
    let sure = classify(
        "my sourdough starter did not rise overnight",
        &ClassifyContext::default(),
    );
    assert_eq!(sure.category, "unknown");
    assert!((sure.matches[0].confidence - 1.0).abs() < f64::EPSILON);
}

#[test]
fn the_domains_english_words_in_prose_stay_unknown() {
    // The lexicon proves the domain by structure, never by a shared English
    // word: clusters, vaults, secrets, pods, a ship's helm, deployments.
    let unrelated = [
        "The cluster of galaxies was observed over three nights; the survey failed to resolve it.",
        "She kept the family silver in a bank vault behind two doors. Access denied after hours.",
        "It's no secret that the recipe needs more salt: the first batch failed.",
        "A pea pod holds six to eight peas; this pod was not found in the garden.",
        "The captain took the helm of the ship and steered through the storm until the helm failed.",
        "Troop deployment to the region was delayed; the deployment failed to arrive in time.",
        "Release notes: the chart shows sales by region, and the new release name is not found yet.",
        "Error: the object store returned 404 Not Found for the requested resource type",
        "Error: the web app could not be found on this server; the virtual network does not exist",
    ];
    assert_categories(&unrelated.map(|text| (text, "unknown")));
    // The lexicon's words in this domain's texts: an ARM type, kubectl's
    // rollout message, Helm 2's release name, the pod-identity proxy and the
    // webhook's variables.
    assert_categories(&[
        (
            "Error: Deployment Failed, Error: Resource app1 of type Microsoft.Web/Sites doesn't exist.",
            "resource_not_found",
        ),
        (
            "error: deployment \"web\" exceeded its progress deadline",
            "other",
        ),
        (
            "Release \"web\" does not exist. Installing it now.\nError: a release named \"web\" already exists",
            "helm_install_other",
        ),
        (
            "Status: 404 (Not Found)\nno azure identity found for request clientID",
            "wi_token_file_missing",
        ),
        (
            "'client_id' is required. Please pass it in or set the AZURE_CLIENT_ID environment variable",
            "wi_token_file_missing",
        ),
        (
            "ManagedIdentityCredential - No MSI credential available",
            "wi_token_file_missing",
        ),
        (
            "New-AzRoleAssignment : Operation returned an invalid status code 'Forbidden'",
            "authorization_failed",
        ),
        (
            "Helm installation failed : Unable to render the helm chart : InnerError [customresourcedefinitions.apiextensions.k8s.io is forbidden: User \"system:serviceaccount:kube-system:installer\" cannot create resource \"customresourcedefinitions\"]",
            "authorization_failed",
        ),
        (
            "helm install app oci://example.azurecr.io/charts/app\nError: unable to build kubernetes objects from release manifest: resource mapping not found for name: \"app\" namespace: \"\" from \"\": no matches for kind \"PodSecurityPolicy\" in version \"policy/v1beta1\"",
            "helm_install_other",
        ),
        (
            "Error: failed post-install: warning: Hook post-install app/templates/migrate.yaml failed: Job.batch \"migrate\" is invalid: spec.template.spec.restartPolicy: Required value",
            "helm_install_other",
        ),
        (
            "$ helm upgrade --install web ./chart\nError: Deployment.apps \"web\" is invalid: spec.template.spec.containers[0].image: Required value",
            "helm_install_other",
        ),
    ]);
    // Not-found wording next to an Azure resource named in prose counts
    // next to the domain's vocabulary, weakly.
    let d = classify(
        "$ az storage account show -n data1\nThe storage account 'data1' could not be found.",
        &ClassifyContext::default(),
    );
    assert_eq!(d.category, "resource_not_found");
    assert!(d.matches[0].confidence < 0.75, "{:?}", d.matches);
    // kubectl's answer of the same words is no Helm failure.
    assert_categories(&[(
        "Error from server (Invalid): Deployment.apps \"web\" is invalid: spec.template.spec.containers[0].image: Required value",
        "other",
    )]);
}

#[test]
fn a_long_unrelated_log_does_not_assemble_a_signal() {
    // A managed-identity credential and an endpoint failure, each on its own
    // line far apart in an Azure log, are not one failure; on one line (or a
    // few apart) they are.
    let filler = "INFO request served in 12 ms\n".repeat(40);
    let far = format!(
        "Azure app starting; ManagedIdentityCredential configured\n{filler}WARN cache refresh: connection refused by redis:6379\n"
    );
    let d = classify(&far, &ClassifyContext::default());
    assert_ne!(d.category, "wi_token_file_missing", "{:?}", d.matches);
    let near =
        format!("Azure app starting\n{filler}ManagedIdentityCredential: connection refused\n");
    assert_eq!(
        classify(&near, &ClassifyContext::default()).category,
        "wi_token_file_missing"
    );
    // Quota words far apart in a long log are no quota error either.
    let far =
        format!("Azure deploy: quota check skipped\n{filler}ERROR: cache not enough memory\n");
    assert_ne!(
        classify(&far, &ClassifyContext::default()).category,
        "quota_exceeded"
    );
}

/// Ways the same error reaches the classifier: quoted in a reply and
/// hard-wrapped, inside a Terraform box, as a JSON string, with Windows line
/// ends, typographic quotes or HTML entities from a copied web page.
fn reshapes(text: &str) -> Vec<(&'static str, String)> {
    // Mail clients and Markdown editors wrap at blanks.
    let wrap = |prefix: &str, width: usize| -> String {
        let mut out = String::new();
        for line in text.lines() {
            let mut len = 0;
            out.push_str(prefix);
            for (i, word) in line.split(' ').enumerate() {
                if i > 0 && len + 1 + word.chars().count() > width {
                    out.push('\n');
                    out.push_str(prefix);
                    len = 0;
                } else if i > 0 {
                    out.push(' ');
                    len += 1;
                }
                out.push_str(word);
                len += word.chars().count();
            }
            out.push('\n');
        }
        out
    };
    vec![
        ("quoted and wrapped at 72", wrap("> ", 72)),
        ("terraform box", {
            let mut s = String::from("╷\n");
            for line in text.lines() {
                s.push_str("│ ");
                s.push_str(line);
                s.push('\n');
            }
            s.push_str("╵\n");
            s
        }),
        (
            "json string",
            serde_json::to_string(&serde_json::json!({ "error": { "message": text } }))
                .expect("json"),
        ),
        ("crlf", text.replace('\n', "\r\n")),
        (
            "typographic quotes",
            text.replace('\'', "\u{2019}").replace('"', "\u{201D}"),
        ),
        (
            "html entities",
            text.replace('"', "&quot;").replace('\'', "&#39;"),
        ),
    ]
}

#[test]
fn development_texts_keep_their_category_when_reshaped() {
    let all = corpus::load_real().expect("real corpus loads");
    let mut misses = Vec::new();
    let mut n = 0;
    for t in &all {
        let want = classify(&t.text, &ClassifyContext::default()).category;
        for (how, text) in reshapes(&t.text) {
            n += 1;
            let got = classify(&text, &ClassifyContext::default()).category;
            if got != want {
                misses.push(format!("{} ({how}): {want} became {got}", t.path));
            }
        }
    }
    assert!(
        misses.is_empty(),
        "{} of {n}:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

#[test]
fn hybrid_tools_localized_registrations_and_the_object_named() {
    // Other tools' words shared with these families: an app framework's
    // resource providers, a UI's busy message, a newsletter's subscription,
    // an app's account.
    let unrelated = [
        "[Resource Manager] Failed to register resource provider: handler missing",
        "Analysis already in progress. Please wait.",
        "A deploy is already in progress. Please wait for it to finish.",
        "Ihr Abonnement ist nicht registriert. Bitte melden Sie sich an.",
        "このアカウントは登録されていません。",
        "サービス Microsoft.Extensions.Logging.ILogger は登録されていません。",
    ];
    assert_categories(&unrelated.map(|text| (text, "unknown")));
    let related = [
        // AKS on Azure Stack HCI and AKS Arc tooling, busy.
        (
            "Update-AksHci : An upgrade is already in progress. Please wait for it to finish.",
            "conflict_cluster_updating",
        ),
        (
            "New-AksHciCluster : the operation is already in progress on cluster mycluster",
            "conflict_cluster_updating",
        ),
        // A provider registration that failed, without the code.
        (
            "Deployment failed: Failed to register resource provider 'Microsoft.ContainerService'.",
            "subscription_not_registered",
        ),
        (
            "Ensure that Microsoft.KubernetesConfiguration is registered for this subscription and retry.",
            "subscription_not_registered",
        ),
        // The permission to register missing is that denial.
        (
            "Failed to register resource provider 'Microsoft.ServiceLinker': (AuthorizationFailed) The client 'x' does not have authorization to perform action 'Microsoft.ServiceLinker/register/action' over scope '/subscriptions/s'.",
            "authorization_failed",
        ),
        // The portal's localized words for it.
        (
            "リソース プロバイダー Microsoft.KubernetesConfiguration は登録されていません。",
            "subscription_not_registered",
        ),
        (
            "订阅未注册为使用命名空间“Microsoft.ContainerService”。",
            "subscription_not_registered",
        ),
        (
            "Das Abonnement ist nicht für die Verwendung des Namespace \"Microsoft.ServiceLinker\" registriert.",
            "subscription_not_registered",
        ),
        (
            "L'abonnement n'est pas inscrit pour utiliser l'espace de noms « Microsoft.Compute ».",
            "subscription_not_registered",
        ),
        (
            "La suscripción no está registrada para usar el espacio de nombres 'Microsoft.Network'.",
            "subscription_not_registered",
        ),
        (
            "구독이 네임스페이스 'Microsoft.Compute'을(를) 사용하도록 등록되지 않았습니다.",
            "subscription_not_registered",
        ),
        // The object named decides over a resource group named near it.
        (
            "$ az vm show -g rg1 -n vm1\nThe virtual machine vm1 in resource group rg1 was not found.",
            "resource_not_found",
        ),
        (
            "The virtual machine 'vm1' could not be found in resource group 'rg1'.",
            "resource_not_found",
        ),
        (
            "Creating resource group \"rg-app\"...\nThe subscription 'contoso-dev' could not be found.",
            "resource_not_found",
        ),
        (
            "(ResourceGroupNotFound) Resource group 'rg-app' could not be found.\nCode: ResourceGroupNotFound",
            "resource_group_not_found",
        ),
        (
            "az group show -n rg-app\nResource group 'rg-app' could not be found.",
            "resource_group_not_found",
        ),
    ];
    assert_categories(&related);
}

#[test]
fn arms_envelope_and_azures_words_tell_other_from_unknown() {
    // ARM's error envelope and the SDKs' shapes of it, Compute's word for a
    // machine's size, Argo CD's status and the API server's timeout are the
    // domain's even where no category fits.
    let related = [
        (
            r#"Code="BadRequest" Message="The operation failed" Details=[{"code":"Inner","message":"x"}]"#,
            "other",
        ),
        (
            "\"details\": [\n  {\n    \"code\": \"BadRequest\",\n    \"message\": \"Getting static credential is not allowed\"\n  }\n]",
            "other",
        ),
        (
            r#"error: Status=400 Code="InvalidParameter" Message="The requested size is not valid""#,
            "other",
        ),
        (
            "client#Start: Failure sending request: StatusCode=0 -- Original Error: context canceled",
            "other",
        ),
        (
            "Parameter error: vm_size Standard_X1 is not valid for your subscription and location.",
            "other",
        ),
        (
            "operationState:\n  phase: Failed\n  message: 'one or more objects failed to apply, reason: x'",
            "other",
        ),
        (
            "Failed to sync cluster: the server was unable to return a response in the time allotted",
            "other",
        ),
        // A lock on any resource but an extension is no extension failure.
        (
            "(ScopeLocked) The scope '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa' cannot perform delete operation because following scope(s) are locked: '/subscriptions/s/resourceGroups/rg'.",
            "other",
        ),
        // The API server's answer on Helm's `Error:` line; kubectl's own
        // prefix is no Helm failure.
        ("Error: secrets \"db\" already exists", "helm_resource_exists"),
        (
            "Error from server (AlreadyExists): secrets \"db\" already exists",
            "other",
        ),
        (
            "Operation could not be completed without additional regional quota.",
            "quota_exceeded",
        ),
    ];
    assert_categories(&related);
    // Every vendor's `code`/`message` pair, other clouds and plain English.
    let unrelated = [
        r#"{"error": {"code": 404, "message": "Not found", "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo"}]}}"#,
        r#"{"error": {"code": "resource_missing", "message": "No such customer"}}"#,
        "An error occurred (ValidationError) when calling the CreateStack operation: Template format error",
        "Error: failed to allocate buffer: allocation failed",
        "The server could not complete the request in the time allotted.",
        "error: sync failed: one or more tasks failed",
        "Error: services could not be started",
        r#"{"error":{"code":"/IWFND/CM_MGW/051","message":{"lang":"en","value":"Resource not found for the segment"},"innererror":{"application":{"service_id":"ZSVC"}}}}"#,
    ];
    assert_categories(&unrelated.map(|text| (text, "unknown")));
}

/// Probes of the families added for the last set's misses: counted limits in
/// the services' own words, a resource being deleted, registration advice,
/// Helm's getters, a resource not found named by its id, kubectl's prefix;
/// and unrelated texts sharing their words, which stay `unknown`.
#[test]
fn counted_limits_deletions_registration_advice_and_getters() {
    let related = [
        (
            "Creating ContainerAppEnvironment 'dev' in resource group rg\nERROR: You have more than 5 environments in location westeurope.",
            "quota_exceeded",
        ),
        (
            "Conflict: The maximum number of Free ServerFarms allowed in a Subscription is 10.",
            "quota_exceeded",
        ),
        (
            "Cannot create more than 2 App Service plans per region in resource group 'rg'.",
            "quota_exceeded",
        ),
        (
            "Deployment failed for /subscriptions/s/resourceGroups/rg: you can have a maximum of 50 workspaces per region.",
            "quota_exceeded",
        ),
        (
            "(StorageAccountBeingDeleted) The storage account 'sa' is being deleted and cannot be modified.",
            "conflict_cluster_updating",
        ),
        (
            "The resource group 'rg' is being deleted. Please try again once the deletion completes.",
            "conflict_cluster_updating",
        ),
        (
            "Failed to create the container group. Ensure that the Microsoft.ContainerInstance resource provider is registered for your subscription.",
            "subscription_not_registered",
        ),
        (
            "Deployment failed. Please check that Microsoft.Insights provider is registered.",
            "subscription_not_registered",
        ),
        (
            "$ helm dependency build\nError: could not find protocol handler for: s3",
            "helm_chart_download",
        ),
        (
            "The resource could not be found. /subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/app",
            "resource_not_found",
        ),
        ("Resource group 'rg' could not be found.", "resource_group_not_found"),
        (
            "Failed to save agent pool np1. This operation has been preempted by Scaling operation.",
            "conflict_cluster_updating",
        ),
        (
            "$ helm fetch stable/app\nError: Get gs://charts/app-1.0.0.tgz: unsupported protocol scheme \"gs\"",
            "helm_chart_download",
        ),
    ];
    assert_categories(&related);
    let unrelated = [
        "Error from Server: ORA-00060: deadlock detected while waiting for resource",
        "You cannot create more than 5 users on the Free plan. Upgrade your subscription to add more.",
        "The maximum number of projects allowed in a subscription is 3.",
        "Database 'orders' is being deleted and cannot perform this operation. Try again later.",
        "Make sure that the OAuth provider is registered in your subscription settings.",
        "could not find protocol handler for: tel",
        "This resource was not found, it may have been deleted.",
        "Get gs://bucket/file.txt: unsupported protocol scheme \"gs\"",
        "Job 42 has been preempted by a higher priority operation.",
        "The transaction was aborted by a conflicting concurrent write. Please retry later.",
    ];
    assert_categories(&unrelated.map(|text| (text, "unknown")));
}

/// Probes of the families added for the set after: busy provisioning states,
/// location refusals as the domain, Helm's headings with and without their
/// colon, Argo CD in its own shapes; and unrelated neighbours (other clouds'
/// not-found codes, a repository fetch, a rolling or firmware upgrade), which
/// stay `unknown`.
#[test]
fn other_clouds_argo_cd_alone_busy_states_locations_and_scale_set_upgrades() {
    let related = [
        (
            "Status=400 Code=\"SubnetNotInSucceededState\" Message=\"Subnet default is in Updating state.\"",
            "conflict_cluster_updating",
        ),
        (
            "(PublicIPAddressNotInSucceededState) The public IP address is not in succeeded state.",
            "conflict_cluster_updating",
        ),
        (
            "Virtual network /subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet is in Deleting state. It needs to be in Succeeded state.",
            "conflict_cluster_updating",
        ),
        (
            "ERROR: {\"code\": \"LocationNotAvailableForResourceType\", \"message\": \"The provided location 'mars' is not available for resource type 'Microsoft.Web/sites'.\"}",
            "other",
        ),
        (
            "ERROR: (InvalidDeploymentLocation) The provided location 'westus' is not available.",
            "other",
        ),
        (
            "(ResourceNotFound) The Resource 'Microsoft.Storage/storageAccounts/sa' under resource group 'rg' was not found.",
            "resource_not_found",
        ),
        (
            "Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress",
            "helm_operation_in_progress",
        ),
        (
            "helm upgrade web ./chart\nUPGRADE FAILED\nError: release web failed: Deployment.apps \"web\" is invalid",
            "helm_install_other",
        ),
        (
            "time=\"2024-01-01\" level=info msg=\"argocd app sync web failed: ComparisonError: namespace sc-system is not managed\"",
            "other",
        ),
        (
            "Deployment/web is part of applications argocd/web-dev and web-prod",
            "other",
        ),
    ];
    assert_categories(&related);
    let unrelated = [
        "ERROR: Google::Compute::ResourceNotFound: The resource 'projects/p/zones/z/instances/i' was not found",
        "googleapi: Error 404: ResourceNotFound: The resource 'projects/p/global/networks/n' was not found, notFound (googleapis.com)",
        "Aws::CloudFormation::Errors::ResourceNotFound: Stack with id web was not found",
        "Unable to sync app: error resolving repo revision: Get \"https://github.com/me/deploy-argocd.git/info/refs\": context deadline exceeded",
        "Rolling upgrade failed after exceeding the maximum unhealthy instances: 3 of 5 nodes are unhealthy.",
        "Firmware upgrade failed: the device is in Updating state.",
        "The location 'Moon' is not available for deployment of this course.",
        "Error: could not open https://docs.example.com/deployment/overview: connection refused",
        "Capistrano deployment/release failed: permission denied",
    ];
    assert_categories(&unrelated.map(|text| (text, "unknown")));
}

#[test]
fn other_clouds_denials_arms_active_deployment_helms_lookups_and_other_tools_waits() {
    let related = [
        // Another cloud's mark does not outweigh ARM's own context.
        (
            "(AuthorizationFailed) The client 'x' with object id 'y' does not have authorization to perform action 'Microsoft.Compute/virtualMachines/read' over scope '/subscriptions/s'. Migrated from OpenStack (ocid1.tenancy.oc1..aaa).",
            "authorization_failed",
        ),
        (
            "Authorization failed for GET https://management.azure.com/subscriptions/s/resourceGroups/rg (replica of the openstack project)",
            "authorization_failed",
        ),
        (
            "(ResourceGroupNotFound) Resource group 'rg' could not be found. (moved from IBM Cloud)",
            "resource_group_not_found",
        ),
        (
            "Code=\"Conflict\" Message=\"Operation on the cluster is in progress\" (mirrors the openstack region)",
            "conflict_cluster_updating",
        ),
        // ARM's active deployment in its several shapes.
        (
            "New-AzResourceGroupDeployment : Unable to edit or replace deployment 'main': previous deployment from '1/2/2024 10:00:00 AM' is still active (expiration time is '1/9/2024 10:00:00 AM'). Please see https://aka.ms/arm-deploy for usage details.",
            "conflict_cluster_updating",
        ),
        (
            "ERROR: {\"code\": \"DeploymentActive\", \"message\": \"Unable to edit or replace deployment 'web': previous deployment from '2024-01-02' is still active\"}",
            "conflict_cluster_updating",
        ),
        (
            "Status=409 Code=\"DeploymentActive\" Message=\"Unable to edit or replace deployment 'aks'\"",
            "conflict_cluster_updating",
        ),
        // Helm's repository lookup, also through Flux v1's helm-operator.
        (
            "Error: chart \"nginx\" version \"9.9.9\" not found in https://charts.bitnami.com/bitnami repository",
            "helm_chart_download",
        ),
        (
            "synchronization of release 'web' in namespace 'apps' failed: failed to prepare chart for release: chart unavailable: no chart version found for nginx-1.2.3",
            "helm_chart_download",
        ),
        (
            "failed to prepare chart for release: chart unavailable: chart \"redis\" not found in https://charts.example.com/ repository",
            "helm_chart_download",
        ),
        (
            "ts=2024-01-01 caller=operator.go:120 component=helm-operator info=\"starting sync run\" error=\"failed to list releases\"",
            "other",
        ),
        // Helm installing, the API server's AlreadyExists on a line of its own.
        (
            "helm install web ./chart\n---> Running `kubectl create -f` ...\nError from server: error when creating \"STDIN\": namespaces \"web\" already exists",
            "helm_resource_exists",
        ),
        (
            "$ helm upgrade --install web ./chart\nrendering 12 manifests\nError from server (AlreadyExists): error when creating \"web.yaml\": services \"web\" already exists",
            "helm_resource_exists",
        ),
        (
            "kubectl create -f ns.yaml\nError from server (AlreadyExists): error when creating \"ns.yaml\": namespaces \"web\" already exists",
            "other",
        ),
        // Another tool's step timing out on a pod is Kubernetes, not Helm.
        (
            "Receptor detail:\nError creating pod: timed out waiting for the condition",
            "other",
        ),
        (
            "Error deleting pod: timed out waiting for the condition",
            "other",
        ),
        ("Error: timed out waiting for the condition", "helm_timeout"),
        (
            "Error: UPGRADE FAILED: timed out waiting for the condition",
            "helm_timeout",
        ),
        (
            "release web failed: Error creating pod: timed out waiting for the condition",
            "helm_timeout",
        ),
        // go-autorest's, ADAL's and azidentity's own words, Crossplane's and Fleet's names.
        (
            "cannot get authorizer from client credentials config: failed to get SPT from client credentials: parameter 'activeDirectoryEndpoint' cannot be empty",
            "other",
        ),
        (
            "failed to get SPT from client certificate: open /etc/cert.pem: no such file or directory",
            "other",
        ),
        (
            "auth.NewAuthorizerFromEnvironment failed: parameter 'resourceManagerEndpoint' cannot be empty",
            "other",
        ),
        (
            "ClientSecretCredential: unable to resolve a tenant for the request",
            "other",
        ),
        (
            "crossplane: cannot resolve package dependencies: package xpkg.upbound.io/x not found",
            "other",
        ),
        (
            "fleet-agent: error while deploying bundle web: unable to apply",
            "other",
        ),
    ];
    assert_categories(&related);
    let unrelated = [
        // Other clouds' denials and not-founds.
        "Service error:NotAuthorizedOrNotFound. Authorization failed or requested resource not found.. http status code: 404. Opc request id: abc/def",
        "oci.exceptions.ServiceError: {'status': 404, 'code': 'NotAuthorizedOrNotFound', 'opc-request-id': 'abc', 'message': 'Authorization failed or requested resource not found.'}",
        "Error: GET https://iam.cloud.ibm.com/v1/apikeys: Authorization failed (403)",
        "ErrorCode: Forbidden.RAM Message: Authorization failed for the requested action, host ecs.aliyuncs.com",
        "openstack server list: Authorization failed. The request you have made requires authentication. (HTTP 401)",
        "Error: GET https://api.digitalocean.com/v2/droplets: 403 Authorization failed",
        "User: arn:aws:iam::123456789012:user/ci is not authorized: Authorization failed",
        "Error: ResourceNotFound: instance ocid1.instance.oc1.iad.abc was not found",
        "oci.exceptions.ServiceError: {'status': 409, 'code': 'Conflict', 'opc-request-id': 'x', 'message': 'Resource is being updated, retry later'}",
        // A deployment still active, a database that exists, a CI wait.
        "Jenkins: previous deployment of job web is still active, waiting",
        "Cannot start a new deployment: the previous deployment is still active.",
        "createdb: error: database creation failed: ERROR: database \"web\" already exists",
        "ERROR 1007 (HY000): Can't create database 'app'; database exists; table already exists",
        "CI job build-42: step deploy timed out waiting for the condition",
        "Error creating runner: timed out waiting for the condition",
        // Repositories that hold no chart, a chart of a dashboard.
        "artifact com.example:lib:1.0 not found in https://repo.maven.apache.org/maven2 repository",
        "Chart unavailable: the dashboard's data source is down",
        // An OAuth client with no Kubernetes or Azure.
        "OAuth client config error: cannot get authorizer: client_id cannot be empty",
        "spring.security.oauth2.client: authorizer not configured, token endpoint is empty",
    ];
    assert_categories(&unrelated.map(|text| (text, "unknown")));
}

#[test]
fn storages_own_denial_in_its_words_and_the_code_alone() {
    let related = [
        (
            "containers.Client#ListBlobs: Failure responding to request: StatusCode=403 -- Original Error: autorest/azure: Service returned an error. Status=403 Code=\"AuthorizationFailure\" Message=\"This request is not authorized to perform this operation.\"",
            "authorization_failed",
        ),
        (
            "<Error><Code>AuthorizationFailure</Code><Message>This request is not authorized to perform this operation.\nRequestId:abc</Message></Error>",
            "authorization_failed",
        ),
    ];
    assert_categories(&related);
    let unrelated = [
        "{\"code\": \"AuthorizationFailure\", \"message\": \"token expired for the billing API\"}",
        "This request is not authorized to perform this operation on the wiki page.",
    ];
    assert_categories(&unrelated.map(|text| (text, "unknown")));
}

/// A not-found word proves ARM only in ARM's shapes: another language's
/// qualified exception name is not ARM's code, while Azure's SDKs' own
/// not-found errors are. Azure's network provider's subnet and virtual
/// network sentences and a subscription's vCPU quota in a service's words
/// prove the domain; another product's virtual network, disk or API quota
/// does not.
#[test]
fn qualified_exceptions_network_sentences_and_vcpu_quotas() {
    let related = [
        (
            "azure.core.exceptions.ResourceNotFoundError: (ResourceNotFound) The Resource 'Microsoft.Storage/storageAccounts/sa' under resource group 'rg' was not found.",
            "resource_not_found",
        ),
        (
            "Azure.RequestFailedException: The Resource 'Microsoft.Web/sites/web' under resource group 'rg' was not found.\nStatus: 404 (Not Found)\nErrorCode: ResourceNotFound",
            "resource_not_found",
        ),
        (
            "Code=\"DeploymentNotFound\" Message=\"Deployment 'web' could not be found.\"",
            "resource_not_found",
        ),
        (
            "MsRestAzure::AzureOperationError: DeploymentNotFound: Deployment 'web' could not be found.",
            "resource_not_found",
        ),
        ("Subnet 'private-dmz' is not valid in virtual network 'dmz'.", "other"),
        (
            "ERROR: (InvalidSubnet) Subnet 'aks' is not valid in virtual network 'hub-vnet'.",
            "other",
        ),
        (
            "Subnet 'default' is not in virtual network 'vnet' in resource group 'rg'.",
            "other",
        ),
        (
            "(NetcfgInvalidSubnet) Subnet 'web' is not valid in virtual network 'vnet'.",
            "other",
        ),
        (
            "Address prefix 10.0.0.0/24 of subnet 'aks' overlaps with address prefix of subnet 'db' in virtual network 'vnet'.",
            "other",
        ),
        (
            "The specified subscription has a total vCPU quota of 4 and cannot accomodate for at least 1 requested compute training cluster and/or compute instance's node which maps to 24 vCPUs",
            "quota_exceeded",
        ),
        (
            "The specified subscription has a vCPU quota of 10 and cannot accommodate 1 requested node of 16 vCPUs in region eastus.",
            "quota_exceeded",
        ),
        (
            "Operation results in exceeding quota limits: the subscription's total vCPUs quota of 20 for this region cannot accommodate 32 requested vCPUs.",
            "quota_exceeded",
        ),
    ];
    assert_categories(&related);
    let unrelated = [
        // Other languages' not-found exceptions.
        "Bundler::GemNotFound: Could not find minitest-4.7.5.gem for installation",
        "Gem::SpecificGemNotFound: Could not find a valid gem 'rails' (>= 0)",
        "ActiveRecord::RecordNotFound: Couldn't find User with 'id'=42",
        "ActionController::RoutingError: No route matches [GET] \"/x\"; ActiveRecord::RecordNotFound: Couldn't find Post",
        "django.http.response.Http404: botocore.exceptions.ResourceNotFound: Page not found",
        "Traceback (most recent call last):\n  File \"x.py\", line 3\nmyapp.errors.UserNotFoundError: User 'bob' was not found",
        "Exception in thread \"main\" com.example.shop.ProductNotFoundException: Product 'p1' was not found",
        "System.IO.FileNotFoundException: Could not find file 'C:\\app\\config.json'.",
        "Unhandled exception. MyApp.Services.OrderNotFoundException: Order 'o-1' could not be found.",
        "panic: store.ErrKeyNotFound: KeyNotFound: key 'x' was not found",
        // Another product's virtual network, another quota.
        "VBoxManage: error: Could not find a host-only network 'vboxnet0'; the virtual network 'intnet' is not valid",
        "ERROR: (gcloud.compute.instances.create) Invalid value for field 'resource.networkInterfaces[0].subnetwork': subnet 'sub-a' is not valid in network 'vpc-a'.",
        "Subnet 'lab' is not valid in virtual network 'lab-net' of the VMware vSphere distributed switch.",
        "quota: user alice over disk quota of 4 GB on /home, cannot accommodate 2 requested files",
        "API quota of 1000 requests exceeded for your Mailchimp plan; the request cannot be accommodated",
        "You have reached your total quota of 4 projects on the free plan.",
        "docker network create: subnet 10.1.0.0/16 overlaps with the virtual network docker0",
        "The subnet 192.168.1.0/24 is not valid for the virtual network adapter in the BIOS settings",
        "Your total vCPU count on the requested plan is 4 for this subscription tier",
    ];
    assert_categories(&unrelated.map(|text| (text, "unknown")));
}

/// A resource group is IBM Cloud's word too: next to another cloud's mark it
/// proves nothing, while ARM's code or another of Azure's words still do.
#[test]
fn another_clouds_mark_cancels_the_shared_resource_group_word() {
    let related = [
        ("Resource group 'rg' could not be found.", "resource_group_not_found"),
        (
            "ERROR: (ResourceGroupNotFound) Resource group 'default' could not be found. Migrated from IBM Cloud.",
            "resource_group_not_found",
        ),
        (
            "az group show -n default: Resource group 'default' could not be found (we left ibmcloud last year).",
            "resource_group_not_found",
        ),
    ];
    assert_categories(&related);
    let unrelated = [
        "ibmcloud target -g default: The resource group 'default' could not be found",
        "FAILED\nThe resource group 'default' could not be found. See https://cloud.ibm.com/docs/account?topic=account-rgs",
        "Error: the resource group 'web' is not valid for this OpenStack project",
    ];
    assert_categories(&unrelated.map(|text| (text, "unknown")));
}

/// Azure's network and compute resource types in plain words, next to what
/// ARM says of them, prove the domain; the same words of a hypervisor or
/// another cloud do not.
#[test]
fn azures_resource_types_in_arms_sentences() {
    let related = [
        (
            "Public IP address 'pip-web' cannot be deleted since it is still allocated to resource '/x'.",
            "other",
        ),
        (
            "Network security group 'nsg' cannot be deleted because it is in use by subnet 'default'.",
            "other",
        ),
        (
            "Standard SKU public IP address 'pip' cannot be used with Basic SKU load balancer 'lb'.",
            "other",
        ),
        ("Subnet 'snet' has no available IP addresses.", "other"),
        (
            "Private endpoint 'pe' cannot be created in subnet 'snet' since it has private endpoint network policies enabled.",
            "other",
        ),
        (
            "Managed disk 'data' cannot be attached: Disk 'data' is already attached to VM 'vm2'.",
            "other",
        ),
    ];
    assert_categories(&related);
    let unrelated = [
        "VMware vSphere: subnet 'lab' has no available IP addresses in the distributed switch",
        "VBoxManage: the virtual network 'intnet' uses a Standard SKU adapter",
        "Error: volume vol-0abc is already attached to VM i-0def (amazonaws.com)",
        "The network interface eth0 is down; no available IP addresses from DHCP",
        "Our load balancer supports a Basic plan and a Pro plan; upgrade from the Basic plan",
        "Proxmox: subnet 10.0.0.0/24 of virtual network vnet0 is in use by subnet 'default'",
    ];
    assert_categories(&unrelated.map(|text| (text, "unknown")));
}

#[test]
fn data_plane_claims_helms_own_refusals_go_templates_and_arms_sentences() {
    let related = [
        // Data planes refusing a caller a right, in their own words.
        (
            "azure.cosmos.exceptions.CosmosHttpResponseError: (Forbidden) Request blocked by Auth acct1 : Request is blocked because principal [x] does not have required RBAC permissions to perform action [Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/items/create] on resource [dbs/app].",
            "authorization_failed",
        ),
        (
            "Microsoft.Azure.Cosmos.CosmosException : Response status code does not indicate success: Forbidden (403); Substatus: 5301; Reason: (Request blocked by Auth shop-db : principal does not have required RBAC permissions to perform action [Microsoft.DocumentDB/databaseAccounts/readMetadata])",
            "authorization_failed",
        ),
        (
            "Azure.Messaging.ServiceBus.ServiceBusException: Unauthorized access. 'Listen' claim(s) are required to perform this operation. Resource: 'sb://ns1.servicebus.windows.net/orders'.",
            "authorization_failed",
        ),
        (
            "com.azure.core.amqp.exception.AmqpException: Unauthorized access. 'Send' claim(s) are required to perform this operation. Resource: 'amqps://hub1.servicebus.windows.net/telemetry'. errorContext[NAMESPACE: hub1.servicebus.windows.net]",
            "authorization_failed",
        ),
        (
            "Put token failed. status-code: 401, status-description: Unauthorized access. 'Manage' claim(s) are required to perform this operation.",
            "authorization_failed",
        ),
        // Helm's own refusals of an install or upgrade.
        ("Error: library charts are not installable", "helm_install_other"),
        (
            "Error: INSTALLATION FAILED: library charts are not installable",
            "helm_install_other",
        ),
        (
            "Error: chart requires kubeVersion: >= 1.29.0-0 which is incompatible with Kubernetes v1.27.9",
            "helm_install_other",
        ),
        (
            "Error: chart requires kubernetesVersion: >=1.10 which is incompatible with Kubernetes v1.9.6",
            "helm_install_other",
        ),
        (
            "$ helm install web ./web --namespace default\nError: the namespace from the provided object \"apps\" does not match the namespace \"default\". You must pass '--namespace=apps' to perform this operation.",
            "helm_install_other",
        ),
        (
            "Error: UPGRADE FAILED: invalid client update option(s): forceConflicts enabled when serverSideApply disabled",
            "helm_install_other",
        ),
        (
            "failed to install release: invalid client create option(s): forceConflicts enabled when serverSideApply disabled",
            "helm_install_other",
        ),
        // Go's template parser on a chart's files, under Helm 2's heading too.
        (
            "[debug] CHART PATH: /src/chart\nError: parse error in \"app/templates/_helpers.tpl\": template: app/templates/_helpers.tpl:12: unexpected \"=\" in operand",
            "helm_render",
        ),
        (
            "Error: release web failed: parse error in \"web/templates/deploy.yaml\": template: web/templates/deploy.yaml:3: unclosed action",
            "helm_render",
        ),
        (
            "helm template . \nError: template: app/templates/cm.yaml:4:12: executing \"app/templates/cm.yaml\" at <.Values.x.y>: nil pointer evaluating interface {}.y",
            "helm_render",
        ),
        // ARM's sentence shapes.
        (
            "(PropertyChangeNotAllowed) Changing property 'osDisk.name' is not allowed.",
            "other",
        ),
        ("Changing property 'imageReference' is not allowed.", "other"),
        (
            "Error from ARM: Changing property 'properties.vmSize' is not allowed.",
            "other",
        ),
        (
            "Error from server (Forbidden): Deleting namespace team-a is not allowed because it is managed by ARM. Please delete this namespace through ARM api.",
            "other",
        ),
        (
            "Code: SubnetWithExternalResourcesCannotBeUsedByOtherResources Message: Subnet /subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s cannot be used because it contains external resources.",
            "other",
        ),
        // The taint alone pends no pod; the extension's pods left pending do.
        (
            "Managed cluster 'Automatic' SKU should set taint 'CriticalAddonsOnly=true:NoSchedule' for the system node pool.",
            "other",
        ),
        (
            "Warning FailedScheduling pod/extension-agent-5d9 0/1 nodes are available: 1 node(s) had untolerated taint {CriticalAddonsOnly: true}.",
            "extension_pods_unschedulable",
        ),
        (
            "The Flux extension install hangs on AKS when the only system pool has the CriticalAddonsOnly=true:NoSchedule taint.",
            "extension_pods_unschedulable",
        ),
        // Argo CD's own Go templates are no Helm render.
        (
            "kubectl describe applicationset apps -n argocd\nMessage: failed to execute go template {{.path}}: template: :1:2: executing \"\" at <.path>: map has no entry for key \"path\"\nReason: RenderTemplateParamsError",
            "other",
        ),
    ];
    assert_categories(&related);
    let unrelated = [
        "Jenkins: deployment 'build-42' is still active, waiting for the previous run to finish",
        "ERROR: database \"orders\" already exists",
        "GitLab CI: job timed out waiting for the condition after 3600 seconds",
        "OAuth client configuration error: the 'email' claim is required but was not found in the id_token",
        "401 Unauthorized access: the 'roles' claim is required for this API",
        "Request blocked by the firewall: your IP is not on the allow list",
        "Changing property 'color' is not allowed while the widget is locked",
        "The secure world namespace is managed by ARM TrustZone firmware.",
        "This subnet contains external resources such as printers and cameras.",
        "panic: template: mail:1:2: executing \"mail\" at <.Name>: map has no entry for key \"Name\"",
        "template: index.html:5: unexpected \"=\" in operand",
        "Chart.js: library charts are rendered in a canvas",
        "The node has taint CriticalAddonsOnly in the docs example below.",
    ];
    assert_categories(&unrelated.map(|text| (text, "unknown")));
}

#[test]
fn azure_services_data_planes_busy_states_counted_limits_and_own_refusals() {
    let related = [
        // Data planes refusing a caller, each service named.
        (
            "Azure.RequestFailedException: The principal associated with access token presented with the incoming request does not have permission to publish events to /providers/Microsoft.EventGrid/domains/d1.",
            "authorization_failed",
        ),
        (
            "Kusto.Data.Exceptions.KustoRequestDeniedException: Forbidden (403-Forbidden): Principal 'aadapp=1234' is not authorized to write database 'logs'.",
            "authorization_failed",
        ),
        (
            "Principal 'aaduser=alice' is not authorized to perform operation 'TableShowCommand' on 'https://help.kusto.windows.net:443/'.",
            "authorization_failed",
        ),
        (
            "Error: the identity does not have permission to receive messages from sb://ns1.servicebus.windows.net/orders.",
            "authorization_failed",
        ),
        (
            "(PermissionDenied) The principal `abc` lacks the required data action `Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action` to perform `POST /openai/deployments/gpt/chat/completions` operation.",
            "authorization_failed",
        ),
        (
            "Azure.RequestFailedException: The principal 'abc' does not have the required Synapse RBAC permission to perform this action. Status: 403 (Forbidden)",
            "authorization_failed",
        ),
        (
            "Log Analytics query failed: 403 Forbidden - The provided credentials have insufficient access to perform the requested operation",
            "authorization_failed",
        ),
        (
            "Message=\"There is another user operation in progress which requires an exclusive lock on [acct]. Please retry after sometime. Microsoft.Azure.Documents.Common/2.14.0\"",
            "conflict_cluster_updating",
        ),
        (
            "Error: can't get a valid version for 2 subchart(s): \"redis\" (repository \"https://charts.example.com\", version \"9.9.9\")",
            "helm_chart_download",
        ),
        // Busy resources in the services' words.
        (
            "Failed to update container app 'api': Container app 'api' is being deleted in managed environment 'env1'.",
            "conflict_cluster_updating",
        ),
        (
            "(Code: EnvironmentLockConflict) Cannot perform operation on managed environment 'env1' because another operation is in progress.",
            "conflict_cluster_updating",
        ),
        (
            "Microsoft.Azure.ServiceBus.ServiceBusException: The remote server returned an error: (409) Conflict. SubCode=40901. Request on entity 'q1' is already in progress.",
            "conflict_cluster_updating",
        ),
        // Counted limits without the word quota.
        (
            "Code: MoveCannotProceedDueToLargeNumberOfRequestedResourcesInMoveRequest Message: a maximum of 800 resources can be moved at once.",
            "quota_exceeded",
        ),
        (
            "The resource group allows a maximum of 200 network interfaces to be moved at once. The requested number in the move request is 250.",
            "quota_exceeded",
        ),
        (
            "Account must have between 1 and 49 existing subscriptions. 50 subscriptions were found under the enrollment account.",
            "quota_exceeded",
        ),
        (
            "409 Conflict: the site 'app1' would exceed the maximum number of slots allowed for the 'Standard' SKU of its App Service plan.",
            "quota_exceeded",
        ),
        // Not found in the services' words.
        (
            "Azure.Messaging.ServiceBus.ServiceBusException: The messaging entity 'sb://ns1.servicebus.windows.net/orders' could not be found. (MessagingEntityNotFound)",
            "resource_not_found",
        ),
        (
            "The remote server returned an error: (400) Bad Request. SubCode=40400. The destination entity 'q2' does not exist.",
            "resource_not_found",
        ),
        (
            "azureml._project._commands.ProjectSystemException: Workspace not found.",
            "resource_not_found",
        ),
        // Helm: schema validation after the fetch, parse errors elsewhere.
        (
            "WARNING: Deprecated index file format. Try 'helm repo update'\nError: release web failed: error validating \"\": error validating data: ValidationError(Deployment.spec.replicas): invalid type for io.k8s.api.apps.v1.DeploymentSpec.replicas: got \"string\", expected \"integer\"",
            "helm_install_other",
        ),
        (
            "### Chart [ web ] .\n FAIL deployment\n parse error in \"web/templates/deployment.yaml\": template: web/templates/deployment.yaml:12: unexpected \"}\" in operand",
            "helm_render",
        ),
        (
            "kustomize build overlays/prod --enable-helm\nError: template: redis/templates/_helpers.tpl:4: function \"lookupX\" not defined",
            "helm_render",
        ),
        // The domain's own refusals with no category of theirs.
        (
            "(ProviderError) Resource provider 'Microsoft.Sql' failed to return collection response for type 'deletedServers'.",
            "other",
        ),
        (
            "ManagedEnvironmentInvalidNetworkConfiguration: The environment network configuration is invalid: Provided subnet must have a size of at least /27",
            "other",
        ),
        (
            "Code: FeatureNotSupportedForAccount Message: Object replication is not supported for the account.",
            "other",
        ),
        (
            "E0101 main.go:90] \"failed to start manager\" err=\"could not create RESTMapper from config\"",
            "other",
        ),
        (
            "AADSTS500011: The resource principal named https://vault.azure.net was not found in the tenant named contoso.",
            "other",
        ),
    ];
    assert_categories(&related);
    let unrelated = [
        "Jenkins: the deployment is being deleted, the job cannot continue",
        "ERROR: database \"orders\" already exists",
        "GitLab CI: job timed out waiting for the condition after 3600 seconds",
        "OAuth client configuration error: the resource principal named in the request was not found",
        "User alice does not have permission to send messages to #general on Slack.",
        "Postgres: role 'app' is not authorized to read database 'orders'.",
        "The user lacks the required permission to perform this action in the wiki.",
        "Another conflicting operation is in progress on the repository; please retry.",
        "Your plan allows a maximum of 5 projects; 6 were found.",
        "Stripe: the customer has 3 existing subscriptions; the max number of subscriptions for this product is 3.",
        "The calendar would exceed the number of slots allowed for the meeting room.",
        "Error: the destination folder does not exist.",
        "Workspace not found: please open a folder in the editor first.",
        "parse error in config.toml at line 3: unexpected character",
        "The feature is not supported for the account tier you selected; upgrade to Pro.",
        "error validating data: expected type int, for field age, got string",
        "Matrix Synapse: the user does not have the required power level to perform this action.",
        "SQLite: the write requires an exclusive lock on the database file.",
    ];
    assert_categories(&unrelated.map(|text| (text, "unknown")));
}

/// Helm's chart that never arrived, Helm 2's and Helm 4's refusals, services'
/// busy and not-found answers, the metadata endpoint's bare 400 and the
/// domain's tools in their own words, each in wordings of its family, next
/// to unrelated texts that share their words.
#[test]
fn fetch_refusal_busy_and_tool_families() {
    let related = [
        // A chart that never arrived.
        ("Error: INSTALLATION FAILED: repo bitnami not found", "helm_chart_download"),
        ("helm upgrade --install web stable/nginx\nError: UPGRADE FAILED: repo stable not found", "helm_chart_download"),
        ("helm pull oci://registry.example.io/charts/web --version 9.9.9\nError: Could not locate a version matching provided version string 9.9.9", "helm_chart_download"),
        ("Error: INSTALLATION FAILED: plugin \"helm-s3\" exited with error", "helm_chart_download"),
        ("$ helm repo update\nError: error converting YAML to JSON: yaml: invalid leading UTF-8 octet", "helm_chart_download"),
        // Helm's installs refused by the API server, a post-renderer, subcharts.
        (
            "Error: release db failed: Service \"db-primary\" is invalid: spec.clusterIP: Invalid value: \"10.0.0.12\": provided IP is already allocated",
            "helm_install_other",
        ),
        (
            "Error: release web failed: CronJob.batch \"web-cleanup-scheduled-nightly-maintenance-task-x\" is invalid: metadata.name: Invalid value: \"web-cleanup\": must be no more than 52 characters",
            "helm_install_other",
        ),
        (
            "Install \"ingress\" failed: conflict occurred while applying object kube-system/ingress apps/v1, Kind=Deployment: Apply failed with 1 conflict",
            "helm_install_other",
        ),
        (
            "Error: invalid argument \"./post.sh\" for \"--post-renderer\" flag: unable to find binary at ./post.sh",
            "helm_install_other",
        ),
        (
            "Error: INSTALLATION FAILED: found in Chart.yaml, but missing in charts/ directory: postgresql",
            "helm_install_other",
        ),
        // Helm 2's renderer and sprig's merge.
        ("Error: rendering template failed: runtime error: invalid memory address or nil pointer dereference", "helm_render"),
        (
            "Error: render error in \"web/templates/cm.yaml\": template: web/templates/cm.yaml:3:11: executing \"web/templates/cm.yaml\" at <merge .Values.a .Values.b>: error calling merge: cannot merge nil map",
            "helm_render",
        ),
        // Busy.
        (
            "Status: 409 (The specified container is being deleted. Try operation later.) ErrorCode: ContainerBeingDeleted",
            "conflict_cluster_updating",
        ),
        ("The specified share is being deleted. Try operation later. RequestId:1f2e", "conflict_cluster_updating"),
        (
            "Code=\"OperationNotAllowed\" Message=\"Operation 'update' is not allowed on VM 'vm1' since the VM is marked for deletion. You can only retry the Delete operation (or wait for an ongoing one to complete).\"",
            "conflict_cluster_updating",
        ),
        // Not found in the services' words.
        (
            "Microsoft.Azure.Documents.DocumentClientException: Message: {\"Errors\":[\"Owner resource does not exist\"]} ActivityId: 1b2c",
            "resource_not_found",
        ),
        (
            "Azure.RequestFailedException: The specified queue does not exist.\nStatus: 404 (The specified queue does not exist.)\nErrorCode: QueueNotFound",
            "resource_not_found",
        ),
        // The metadata endpoint's bare 400, aad-pod-identity's NMI finding no pod.
        (
            "Server returned HTTP response code: 400 for URL: http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/",
            "wi_token_file_missing",
        ),
        ("Status: 500 (Internal Server Error)\nContent:\nmatch failed, ip:10.244.1.7 matching pods:[]", "wi_token_file_missing"),
        // The domain's tools in their own words.
        ("failed to deserialize task and validate: yaml: line 2: mapping values are not allowed in this context", "other"),
        ("Run ID: ca1 failed after 3s. Error: failed during run, err: exit status 1", "other"),
        (
            "application destination {https://kubernetes.default.svc prod} is not permitted in project 'team-a'",
            "other",
        ),
        ("Error: 1 error occurred:\n\t* pod web-test-connection failed", "other"),
        ("Error from server: etcdserver: request timed out", "other"),
        (
            "{\"code\": \"MarketplacePurchaseEligibilityFailed\", \"message\": \"Marketplace purchase eligibilty check returned errors.\"}",
            "other",
        ),
    ];
    assert_categories(&related);
    let unrelated = [
        "Jenkins: the deployment is still active; wait for it to finish",
        "ERROR: database \"orders\" already exists",
        "GitHub Actions: job timed out waiting for the condition",
        "OAuth client configuration error: redirect URI not found in the client's settings",
        "Error: repo not found on GitHub: check the remote URL",
        "npm ERR! plugin \"eslint-plugin-x\" exited with error code 1",
        "pip: Could not find a version that satisfies the requirement flask==9.9",
        "Error: release notes failed to render: the changelog template is missing",
        "ActiveRecord: the record is marked for deletion and cannot be updated",
        "AWS.SimpleQueueService.NonExistentQueue: The specified queue does not exist for this wsdl version.",
        "etcdctl put foo bar: Error: etcdserver: request timed out",
        "Steam: this offer cannot be purchased in your region",
        "pytest: test-connection failed: database refused the connection",
        "Docker: removal of container web is already in progress",
        "Jest: 1 test failed after 3s",
    ];
    assert_categories(&unrelated.map(|text| (text, "unknown")));
}

#[test]
fn extension_pods_helms_record_tillers_relay_and_kubernetes_objects_without_helm() {
    let related = [
        // An extension's own pods that fit no node, in several wrappers.
        (
            "kubectl get events -n azureml\nWarning  FailedScheduling  pod/fluent-bit-x2  0/3 nodes are available: 3 Insufficient cpu.",
            "extension_pods_unschedulable",
        ),
        (
            "az k8s-extension create --name flux --extension-type microsoft.flux\npod/source-controller-6b8 in flux-system: 0/2 nodes are available: 2 node(s) had untolerated taint",
            "extension_pods_unschedulable",
        ),
        (
            "dapr-system   dapr-operator-7c9f   0/1   Pending\nWarning FailedScheduling 0/1 nodes are available: 1 Too many pods.",
            "extension_pods_unschedulable",
        ),
        (
            "The cluster extension's pods stay Pending: 0/4 nodes are available: 4 node(s) didn't match Pod's node affinity/selector.",
            "extension_pods_unschedulable",
        ),
        // Any other workload's pending pods stay `other`.
        (
            "Warning  FailedScheduling  pod/web-7d9  0/3 nodes are available: 3 Insufficient memory.",
            "other",
        ),
        // Helm's storage out of time while it writes its release record.
        (
            "Error: UPGRADE FAILED: update: failed to update: context deadline exceeded",
            "helm_install_other",
        ),
        (
            "Helm upgrade failed: create: failed to create: context deadline exceeded",
            "helm_install_other",
        ),
        (
            "Error: INSTALLATION FAILED: context deadline exceeded\nhelm.go:84: [debug] context deadline exceeded\nhelm.sh/helm/v3/pkg/storage/driver.(*ConfigMaps).Create",
            "helm_install_other",
        ),
        // Helm's own wait stays the wait.
        ("Error: UPGRADE FAILED: context deadline exceeded", "helm_timeout"),
        // Tiller's answer relayed.
        (
            "Error: rpc error: code = Unknown desc = no kind \"Gateway\" is registered for version \"networking.istio.io/v1alpha3\"\n$ helm install istio-config ./chart",
            "helm_install_other",
        ),
        (
            "[step 4/9] Helm install error: rpc error: code = Unknown desc = unable to decode \"\": Object 'Kind' is missing",
            "helm_install_other",
        ),
        (
            "tiller: Helm upgrade error: rpc error: code = Unknown desc = release web failed: deployments.apps \"web\" already exists",
            "helm_resource_exists",
        ),
        // Kubernetes objects with no Helm.
        (
            "message: 'Failed to apply all manifests (0/2): statefulsets.apps \"db\" already exists'\nreason: AppliedFailed",
            "other",
        ),
        (
            "propagation failed: clusterroles.rbac.authorization.k8s.io \"viewer\" already exists",
            "other",
        ),
        (
            "error: resource mapping not found for name: \"gw\" namespace: \"\" from \"gw.yaml\": no matches for kind \"Gateway\" in version \"gateway.networking.k8s.io/v1\"\nensure CRDs are installed first",
            "other",
        ),
        (
            "Error: INSTALLATION FAILED: unable to build kubernetes objects from release manifest: resource mapping not found for name: \"x\" namespace: \"\" from \"\": no matches for kind \"ServiceMonitor\"",
            "helm_install_other",
        ),
        // The metadata endpoint out of time in Go's words.
        (
            "azidentity: ManagedIdentityCredential: Get \"http://169.254.169.254/metadata/identity/oauth2/token?resource=https%3A%2F%2Fvault.azure.net\": context deadline exceeded",
            "wi_token_file_missing",
        ),
        // ARM's role and policy codes in the portal's form.
        (
            "\"The role assignment already exists. (Code: RoleAssignmentExists)\"",
            "other",
        ),
        (
            "Cannot update the policy assignment's scope. (Code: PolicyAssignmentScopeUpdateNotPermitted)",
            "other",
        ),
    ];
    assert_categories(&related);
    let unrelated = [
        "Chrome: the extension pod manager is pending; 0 of 3 reviewers are available",
        "Spring Batch: property jobs.batch.size not found in application.yml",
        "Jenkins: the deployment is still active; create: failed to create the workspace",
        "etcd client: update: failed to update lease: context deadline exceeded",
        "grpc client: rpc error: code = Unknown desc = upstream connect error",
        "vault login: Get \"https://vault.internal:8200/v1/auth/token\": context deadline exceeded (identity service unreachable)",
        "Django: the deployments app already exists in INSTALLED_APPS",
        "ERROR: database \"orders\" already exists",
        "GitHub Actions: job timed out waiting for the condition",
        "OAuth client configuration error: redirect URI not found (Code: RedirectUriNotAllowed)",
        "Payment declined by the issuer (Code: CardNotPermitted)",
        "Dapr sidecar docs: 0/3 reviewers are available for the arcml fork",
    ];
    assert_categories(&unrelated.map(|text| (text, "unknown")));
}
