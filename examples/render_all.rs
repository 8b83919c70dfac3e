//! Renders every target × auth × client (and every account kind and workload
//! kind) into one YAML file per combination, for schema validation in CI.
//!
//! Usage: `cargo run --example render_all -- <output dir>`

use aks_service_connector::catalog;
use aks_service_connector::{render, RenderOptions, SecretEncoding};
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: render_all <output dir>");
        return ExitCode::from(2);
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("error: cannot create {dir}: {e}");
        return ExitCode::from(2);
    }
    let mut count = 0;
    for c in catalog::combinations() {
        for (i, workload) in ["Job", "Deployment", "Pod"].iter().enumerate() {
            let mut spec = c.spec();
            spec.workload = Some(aks_service_connector::spec::WorkloadSpec {
                workload_kind: Some((*workload).to_owned()),
                ..Default::default()
            });
            let encoding = if i == 1 {
                SecretEncoding::Data
            } else {
                SecretEncoding::StringData
            };
            let bundle = match render(
                &spec,
                &RenderOptions {
                    secret_encoding: encoding,
                },
            ) {
                Ok(b) => b,
                Err(e) => {
                    eprintln!(
                        "error: {} {} {} {workload}: {e}",
                        c.target, c.auth, c.client
                    );
                    return ExitCode::FAILURE;
                }
            };
            let kind_part = c
                .account_kind
                .map(|k| format!("-{}", k.as_str()))
                .unwrap_or_default();
            let file = format!(
                "{dir}/{}{kind_part}_{}_{}_{}.yaml",
                c.target,
                c.auth,
                c.client,
                workload.to_lowercase()
            );
            if let Err(e) = std::fs::write(&file, bundle.yaml()) {
                eprintln!("error: cannot write {file}: {e}");
                return ExitCode::FAILURE;
            }
            count += 1;
        }
    }
    println!("rendered {count} bundles into {dir}");
    ExitCode::SUCCESS
}
