//! Any text as what a cluster holds → drift, and as a workload target → wire, against two
//! designs (workload identity with a Deployment, Key Vault CSI). A panic, or an error other
//! than the input's own (`invalid-input`, `input-too-large`), is a crash.
#![no_main]

use std::sync::OnceLock;

use aks_service_connector::input::{read, Input};
use aks_service_connector::render::{wire, WireTarget};
use aks_service_connector::{drift, ConnectionSpec};
use libfuzzer_sys::fuzz_target;

fn designs() -> &'static [ConnectionSpec] {
    static DESIGNS: OnceLock<Vec<ConnectionSpec>> = OnceLock::new();
    DESIGNS.get_or_init(|| {
        [
            r#"{"connectionName":"blob","namespace":"apps","target":{"type":"storage-blob","account":"mystore"},
                "auth":{"type":"workload-identity","clientId":"00001111-aaaa-2222-bbbb-3333cccc4444"},
                "workload":{"kind":"Deployment"}}"#,
            r#"{"namespace":"apps","target":{"type":"keyvault","vault":"kv"},"auth":{"type":"keyvault-csi"}}"#,
        ]
        .iter()
        .map(|s| serde_json::from_str(s).expect("a design"))
        .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    // JS strings reach the module as UTF-8 with lone surrogates replaced: the same here.
    let text = String::from_utf8_lossy(data);
    let target = read::<WireTarget>(&text, Input::Target).ok();
    for spec in designs() {
        match drift(spec, &text) {
            Ok(report) => {
                let _ = serde_json::to_string(&report).expect("report is JSON");
            }
            Err(e) => assert!(
                matches!(e.code(), "invalid-input" | "input-too-large"),
                "{e}"
            ),
        }
        if let Some(target) = &target {
            match wire(spec, target) {
                Ok(w) => {
                    let ops: serde_json::Value =
                        serde_json::from_str(&w.json_patch).expect("the JSON patch is JSON");
                    assert!(ops.is_array());
                }
                Err(e) => {
                    let e: aks_service_connector::Error = e.into();
                    assert_eq!(e.code(), "invalid-input", "{e}");
                }
            }
        }
    }
});
