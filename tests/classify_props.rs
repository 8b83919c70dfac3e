//! Property tests of the classifier: it never panics, never echoes a planted
//! secret, and its work (counted steps, not time) grows linearly with the
//! input.
#![cfg(not(target_arch = "wasm32"))]

use aks_service_connector::classify::{
    category_ids, classify, classify_with_stats, ClassifyContext, Diagnosis, MAX_INPUT_BYTES,
};
use proptest::prelude::*;

/// Pieces of real error text, so random inputs reach the interesting paths.
const FRAGMENTS: &[&str] = &[
    "ERROR: (Conflict) ",
    "Code: AuthorizationFailed\n",
    "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"",
    "\\\"code\\\": \\\"QuotaExceeded\\\"",
    "\\\\\\\"",
    "\\u0027",
    "\\u00",
    "Unable to get a response from the agent in time",
    "MountVolume.SetUp failed for volume \"secrets-store-inline\"",
    "AADSTS70021: No matching federated identity record",
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks",
    "resource group 'rg",
    "\u{1b}[31m",
    "│ ",
    "é",
    "日本",
    "\r\n",
    "release \"",
    "for pod ns/",
    "system:serviceaccount:",
    "StatusCode=409",
    "eyJ",
    "://",
    "@",
    "=",
    ":",
    "'",
    "\"",
    "<",
    ">",
];

fn fragment_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(FRAGMENTS).prop_map(str::to_string),
            "[ -~]{0,12}",
            any::<char>().prop_map(|c| c.to_string()),
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

fn check_invariants(text: &str, d: &Diagnosis) {
    let ids: Vec<&str> = category_ids().collect();
    assert!(ids.contains(&d.category.as_str()));
    assert_eq!(
        d.matches.first().map(|m| m.id.as_str()),
        Some(d.category.as_str())
    );
    for m in &d.matches {
        assert!((0.0..=1.0).contains(&m.confidence));
        for e in &m.evidence {
            assert!(e.start <= e.end && e.end <= text.len());
            assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
        }
    }
    serde_json::to_string(d).expect("serializes");
}

/// The secret shapes redaction knows, `{}` marking the secret value.
const SECRET_SHAPES: &[&str] = &[
    "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={};EndpointSuffix=core.windows.net",
    "accountkey={}",
    "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={}",
    "SharedAccessSignature=sr=x&sig={}&se=1",
    "Endpoint=https://sig.service.signalr.net;AccessKey={};Version=1.0;",
    "Server=tcp:s.database.windows.net;Database=d;User ID=u;Password={};Encrypt=true",
    "PASSWORD={}",
    "Pwd={};",
    "cache.redis.cache.windows.net:6380,password={},ssl=True",
    "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"$ConnectionString\" password=\"{}\";",
    "password='{}'",
    "Endpoint=https://cfg.azconfig.io;Id=abc;Secret={}",
    "ClientSecret={}",
    "client_secret={}&grant_type=client_credentials",
    "{\"clientSecret\": \"{}\"}",
    "{\"authInfo\":{\"authType\":\"servicePrincipalSecret\",\"secret\":\"{}\"}}",
    "{\\\"clientSecret\\\": \\\"{}\\\"}",
    "{\\\\\\\"secret\\\\\\\":\\\\\\\"{}\\\\\\\"}",
    "--secret client-id=abc secret={}",
    "--kafka-secret {}",
    "--schema-secret {}",
    "https://acct.blob.core.windows.net/c/b?sv=2022-11-02&ss=b&sig={}&se=2030",
    "Authorization: Bearer {}",
    "x-ms-serviceconnector-user-token: {}",
    "mongodb://user:{}@host.mongo.cosmos.azure.com:10255/db",
    "rediss://:{}@cache.redis.cache.windows.net:6380",
    "AZURE_STORAGEBLOB_CONNECTIONSTRING=DefaultEndpointsProtocol=https;AccountKey={}",
    "AZURE_POSTGRESQL_PASSWORD={}",
    "AZURE_REDIS_KEY={}",
    "AZURE_CLIENTSECRET={}",
];

const CONTEXTS: &[&str] = &[
    "ERROR: (AuthorizationFailed) The client does not have authorization to perform action",
    "Unable to get a response from the agent in time",
    "MountVolume.SetUp failed for volume \"secrets-store-inline\" : failed to mount secrets store objects for pod default/app",
    "Code: ResourceNotFound",
    "{\"error\":{\"code\":\"Conflict\",\"message\":\"",
    "",
];

/// How a planted secret is pasted.
#[derive(Debug, Clone, Copy)]
enum Encoding {
    Url,
    UrlTwice,
    Form,
    Wrap(usize),
    UrlWrapped(usize),
}

const ENCODINGS: &[Encoding] = &[
    Encoding::Url,
    Encoding::UrlTwice,
    Encoding::Form,
    Encoding::Wrap(80),
    Encoding::Wrap(37),
    Encoding::UrlWrapped(80),
    Encoding::UrlWrapped(37),
];

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `application/x-www-form-urlencoded`: spaces as `+`, the rest as [`url_encode`].
fn form_encode(s: &str) -> String {
    s.split(' ').map(url_encode).collect::<Vec<_>>().join("+")
}

/// Hard-wraps at `width` characters, indenting the continuation lines.
fn wrap(s: &str, width: usize, indent: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    chars
        .chunks(width)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(&format!("\n{indent}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_never_panics(s in any::<String>()) {
        let d = classify(&s, &ClassifyContext::default());
        check_invariants(&s, &d);
    }

    #[test]
    fn fragment_soup_never_panics(s in fragment_text()) {
        let ctx = ClassifyContext {
            resource_group: Some("rg".into()),
            cluster: Some("aks".into()),
            namespace: Some("ns".into()),
            connection: Some("c".into()),
        };
        let d = classify(&s, &ctx);
        check_invariants(&s, &d);
    }

    #[test]
    fn planted_secrets_never_leak(
        shape in prop::sample::select(SECRET_SHAPES),
        context in prop::sample::select(CONTEXTS),
        secret in "[A-Za-z0-9+/]{16,40}",
        before in fragment_text(),
        after in fragment_text(),
        sep in prop::sample::select(&[" ", "\n", " \\n ", "; "][..]),
    ) {
        // A marker prefix keeps the value from occurring elsewhere by chance.
        let value = format!("Zq9{secret}");
        let planted = shape.replace("{}", &value);
        let text = format!("{before}{sep}{context}{sep}{planted}{sep}{context}{sep}{after}");
        let d = classify(&text, &ClassifyContext::default());
        let json = serde_json::to_string(&d).expect("serializes");
        prop_assert!(!json.contains(&value), "leaked {value} from {planted:?}: {json}");
    }

    /// The same secrets pasted URL-encoded (once or twice), form-encoded, or
    /// hard-wrapped at 80 or 37 columns with indentation: no run of 8
    /// characters of the secret, as it stands in the text, is echoed.
    #[test]
    fn encoded_and_wrapped_secrets_never_leak(
        shape in prop::sample::select(SECRET_SHAPES),
        context in prop::sample::select(CONTEXTS),
        secret in "[A-Za-z0-9+/]{16,88}",
        encoding in prop::sample::select(ENCODINGS),
        indent in prop::sample::select(&["", "  ", "    ", "\t"][..]),
        before in fragment_text(),
    ) {
        let value = format!("Zq9{secret}");
        let planted = shape.replace("{}", &value);
        let (text, secret_as_written) = match encoding {
            Encoding::Url => (url_encode(&planted), url_encode(&value)),
            Encoding::UrlTwice => (url_encode(&url_encode(&planted)), url_encode(&url_encode(&value))),
            Encoding::Form => (form_encode(&planted), form_encode(&value)),
            Encoding::Wrap(width) => (wrap(&format!("{context} {planted}"), width, indent), value.clone()),
            Encoding::UrlWrapped(width) => (wrap(&url_encode(&planted), width, indent), url_encode(&value)),
        };
        let text = format!("{before}\n{context}\n{text}\n{context}");
        let d = classify(&text, &ClassifyContext::default());
        let json = serde_json::to_string(&d).expect("serializes");
        // The secret's own characters, in the runs the encoding left whole
        // (escapes such as `%2B` or `%252B` and form spaces split them).
        let runs: Vec<&str> = secret_as_written
            .split(['%', '+'])
            .map(|run| run.get(2..).filter(|_| run.len() > 2 && secret_as_written != run).unwrap_or(run))
            .chain([value.as_str()])
            .collect();
        for run in runs {
            for piece in run.as_bytes().windows(8) {
                let piece = std::str::from_utf8(piece).expect("ascii");
                prop_assert!(!json.contains(piece), "leaked {piece:?} of {secret_as_written:?} ({encoding:?}) from {text:?}: {json}");
            }
        }
    }

    #[test]
    fn planted_jwt_never_leaks(
        a in "[A-Za-z0-9_-]{8,30}",
        b in "[A-Za-z0-9_-]{8,30}",
        c in "[A-Za-z0-9_-]{8,30}",
        before in fragment_text(),
    ) {
        let jwt = format!("eyJ{a}.eyJ{b}.{c}");
        let text = format!("{before} AADSTS70021: token {jwt} rejected by Microsoft Entra");
        let json = serde_json::to_string(&classify(&text, &ClassifyContext::default())).expect("serializes");
        prop_assert!(!json.contains(&format!("eyJ{a}")), "leaked jwt: {json}");
        prop_assert!(!json.contains(&c) || c.len() < 8 || !json.contains(&format!(".{c}")), "leaked jwt signature: {json}");
    }

    #[test]
    fn work_is_linear_for_adversarial_repetitions(
        unit in prop::sample::select(ADVERSARIAL),
        n in 1usize..4000,
    ) {
        let text = unit.repeat(n);
        let (_, stats) = classify_with_stats(&text, &ClassifyContext::default());
        prop_assert!(
            stats.steps <= STEPS_PER_BYTE * text.len() as u64 + STEPS_CONSTANT,
            "{} steps for {} bytes of {unit:?}", stats.steps, text.len()
        );
    }
}

/// Inputs built to provoke re-scans: automaton failure chains, near-miss
/// phrases, markers with long values, separators that trigger look-backs,
/// escape runs and unterminated sequences.
const ADVERSARIAL: &[&str] = &[
    "a",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ",
    "unable to get a response from the agen ",
    "responsefromtheagentintim",
    "code: X",
    "code=",
    "resource group '",
    "release [",
    "=",
    "a=",
    "password=",
    "Bearer ",
    "://",
    "://a:",
    "eyJ.",
    "eyJa.b.",
    "\\",
    "\\\\\\\"",
    "\\u00",
    "\u{1b}[",
    "\u{1b}]",
    "--kafka-secret ",
    "(",
    "(Code",
    "(A)\n",
    "ERROR: (Conflict) x\n",
    "/subscriptions/",
    "-g ",
    "AADSTS",
    "AADSTS1234567890",
    "status ",
    ".vault.azure.net",
    "\n",
    "é",
    "\"\"\"\"",
    // Quote markers at line starts (bounded look-back), translated code
    // labels and quotes of any kind.
    "> ",
    ">\n",
    "\n> > > > > > > > > > > > ",
    "コード: AKSOperationPreempted\n",
    "コード: ",
    "„«»「」＂",
];

/// Observed: at most ~5.4 steps per byte (`--nocapture` on
/// `steps_grow_proportionally`); the point is that the bound does not depend
/// on n.
const STEPS_PER_BYTE: u64 = 16;
const STEPS_CONSTANT: u64 = 200_000;

#[test]
fn nested_escaped_json_is_linear() {
    // JSON-encode an ARM error body again and again: the escaping doubles
    // the backslashes at every level.
    let mut s = r#"{"error":{"code":"MissingSubscriptionRegistration","message":"The subscription is not registered to use namespace 'Microsoft.KubernetesConfiguration'."}}"#.to_string();
    for depth in 0..14 {
        let (d, stats) = classify_with_stats(&s, &ClassifyContext::default());
        assert_eq!(d.category, "subscription_not_registered", "depth {depth}");
        assert!(
            stats.steps <= STEPS_PER_BYTE * s.len() as u64 + STEPS_CONSTANT,
            "depth {depth}: {} steps for {} bytes",
            stats.steps,
            s.len()
        );
        s = serde_json::to_string(&serde_json::json!({ "message": s })).expect("encodes");
    }
}

#[test]
fn steps_grow_proportionally() {
    for unit in ADVERSARIAL {
        let small = unit.repeat(2_000);
        let large = unit.repeat(16_000);
        let (_, a) = classify_with_stats(&small, &ClassifyContext::default());
        let (_, b) = classify_with_stats(&large, &ClassifyContext::default());
        // Shown with `--nocapture`: the observed steps per input byte.
        eprintln!(
            "{unit:?}: {:.2} steps/byte",
            b.steps as f64 / large.len() as f64
        );
        // 8x the input may cost at most ~8x the work (plus the constant part).
        assert!(
            b.steps <= 9 * a.steps + STEPS_CONSTANT,
            "{unit:?}: {} steps for 2k reps, {} for 16k reps",
            a.steps,
            b.steps
        );
    }
}

#[test]
fn input_over_the_cap_is_truncated_not_an_error() {
    // Multi-byte characters make the cap fall inside a character.
    let mut text = String::from(
        "ERROR: (ResourceGroupNotFound) Resource group 'rg-big' could not be found.\n",
    );
    while text.len() <= MAX_INPUT_BYTES + 10 {
        text.push_str("日本語のログ行です。");
    }
    let (d, stats) = classify_with_stats(&text, &ClassifyContext::default());
    assert!(d.truncated);
    assert_eq!(d.category, "resource_group_not_found");
    assert!(stats.analysed_bytes <= MAX_INPUT_BYTES);
    assert!(text.is_char_boundary(stats.analysed_bytes));
    let (d, _) = classify_with_stats("short", &ClassifyContext::default());
    assert!(!d.truncated);
}
