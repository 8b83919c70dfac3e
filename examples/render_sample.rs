//! Renders a sample connection (or the spec file given as the first argument).

use aks_service_connector::{render, ConnectionSpec, RenderOptions};

const SAMPLE: &str = r#"{
  "connectionName": "storage_conn",
  "namespace": "apps",
  "target": { "type": "storage-blob", "resourceGroup": "data-rg", "account": "mystore" },
  "auth": { "type": "workload-identity", "clientId": "00001111-aaaa-2222-bbbb-3333cccc4444" },
  "clientType": "python",
  "cluster": { "subscription": "aaaabbbb-0000-cccc-1111-dddd2222eeee", "resourceGroup": "aks-rg", "name": "my-aks" }
}"#;

fn main() -> std::process::ExitCode {
    let text = match std::env::args().nth(1) {
        Some(path) => match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: cannot read {path}: {e}");
                return std::process::ExitCode::from(2);
            }
        },
        None => SAMPLE.to_owned(),
    };
    let spec: ConnectionSpec = match serde_json::from_str(&text) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: invalid spec: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    match render(&spec, &RenderOptions::default()) {
        Ok(bundle) => {
            print!("{}", bundle.yaml());
            for f in &bundle.findings {
                eprintln!("{:?} {f}", f.severity);
            }
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error [{}]: {e}", e.code());
            for f in e.findings() {
                eprintln!("  {f}");
            }
            std::process::ExitCode::from(1)
        }
    }
}
