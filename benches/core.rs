//! Native benchmarks of rendering, planning and classifying (criterion).
//!
//! `cargo bench --bench core` — figures, not assertions: budgets are reported
//! by `.ci/bench`, never asserted in tests.

use aks_service_connector::catalog::{self, AuthId, ClientId, Combination, TargetId};
use aks_service_connector::classify::{classify, ClassifyContext};
use aks_service_connector::testing::yaml::{emit, write_json};
use aks_service_connector::{plan, render, validate, ConnectionSpec, PlanContext, RenderOptions};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;

/// One storage-blob (or key vault, for CSI; postgres, for secret) connection per auth id.
fn per_auth() -> Vec<(AuthId, ConnectionSpec)> {
    AuthId::ALL
        .iter()
        .map(|a| {
            let target = match a {
                AuthId::KeyvaultCsi => TargetId::KeyVault,
                AuthId::Secret => TargetId::PostgresFlexible,
                _ => TargetId::StorageBlob,
            };
            let c = Combination {
                target,
                account_kind: None,
                auth: *a,
                client: ClientId::Python,
            };
            (*a, c.spec())
        })
        .collect()
}

/// Every target × kind × auth × client.
fn whole_catalog() -> Vec<ConnectionSpec> {
    catalog::combinations().map(|c| c.spec()).collect()
}

fn bench_render(c: &mut Criterion) {
    let options = RenderOptions::default();
    let mut group = c.benchmark_group("render");
    for (auth, spec) in per_auth() {
        group.bench_with_input(BenchmarkId::new("one", auth.as_str()), &spec, |b, s| {
            b.iter(|| render(black_box(s), &options).map(|bundle| bundle.yaml()))
        });
    }
    let all = whole_catalog();
    group.bench_function(BenchmarkId::new("catalog", all.len()), |b| {
        b.iter(|| {
            all.iter()
                .filter_map(|s| render(black_box(s), &options).ok())
                .count()
        })
    });
    group.finish();
}

fn bench_plan(c: &mut Criterion) {
    let context = PlanContext::default();
    let mut group = c.benchmark_group("plan");
    for (auth, spec) in per_auth() {
        group.bench_with_input(BenchmarkId::new("one", auth.as_str()), &spec, |b, s| {
            b.iter(|| plan(black_box(s), &context))
        });
    }
    group.finish();
}

/// A realistic 1 KB error: the az CLI's conflict, with a log line around it.
const ERROR_1K: &str = "cli.azure.cli.core.azclierror: (GeneralUserError) Execution failed. Operation returned an invalid status code 'Conflict'\nCode: GeneralUserError\nMessage: Execution failed. Operation returned an invalid status code 'Conflict'\n";

/// `size` bytes of ordinary log lines with `tail` at the end.
fn log_with(size: usize, tail: &str) -> String {
    let line = "2026-11-28T10:00:00Z INFO  controller reconcile finished for default/web in 12ms, no changes\n";
    let mut s = String::with_capacity(size + tail.len());
    while s.len() + line.len() < size {
        s.push_str(line);
    }
    s.push_str(tail);
    s
}

/// Adversarial inputs: JSON escaped inside JSON many times, one long line,
/// and many phrases that almost match a signal.
fn adversarial() -> Vec<(&'static str, String)> {
    let mut nested = String::from("{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"does not have authorization to perform action\"}}");
    for _ in 0..12 {
        nested =
            serde_json::to_string(&serde_json::json!({ "message": nested })).unwrap_or_default();
    }
    let long_line = "x".repeat(1 << 20);
    let near_miss = "unable to get a response from the agen in tim; timed out waiting for the conditio; another operatio in progress; ".repeat(8000);
    vec![
        ("escaped-json-12", nested),
        ("long-line-1MiB", long_line),
        ("near-miss", near_miss),
    ]
}

fn bench_classify(c: &mut Criterion) {
    let context = ClassifyContext::default();
    let mut group = c.benchmark_group("classify");
    group.sample_size(10);
    let mut inputs = vec![
        ("error-1KB", log_with(1024 - ERROR_1K.len(), ERROR_1K)),
        ("log-1MiB-error-at-end", log_with(1 << 20, ERROR_1K)),
        ("log-16MiB", log_with(16 << 20, ERROR_1K)),
    ];
    inputs.extend(adversarial());
    for (name, text) in &inputs {
        group.throughput(criterion::Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, t| {
            b.iter(|| classify(black_box(t), &context).category)
        });
    }
    group.finish();
}

/// The headline spec of the Node benchmark (js/bench/baseline.mjs `BLOB_WI_SPEC`), as the
/// JSON text the wasm module reads.
const WI_SPEC: &str = r#"{"connectionName":"storage_conn","namespace":"apps","target":{"type":"storage-blob","subscription":"00000000-0000-0000-0000-000000000001","resourceGroup":"data-rg","account":"mystore"},"auth":{"type":"workload-identity","clientId":"11111111-1111-1111-1111-111111111111","subscriptionId":"00000000-0000-0000-0000-000000000001","tenantId":"22222222-2222-2222-2222-222222222222","identityId":"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/id-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/app-id"},"clientType":"python"}"#;

/// Where `render`'s time goes, natively: each stage of the headline spec on its own.
fn bench_stages(c: &mut Criterion) {
    let options = RenderOptions::default();
    let spec: ConnectionSpec = serde_json::from_str(WI_SPEC).expect("headline spec");
    let bundle = render(&spec, &options).expect("headline spec renders");
    let mut group = c.benchmark_group("stages");
    group.bench_function("spec-json-in", |b| {
        b.iter(|| serde_json::from_str::<ConnectionSpec>(black_box(WI_SPEC)).map(|s| s.namespace))
    });
    group.bench_function("policy", |b| b.iter(|| validate(black_box(&spec)).len()));
    group.bench_function("render", |b| {
        b.iter(|| render(black_box(&spec), &options).map(|b| b.documents.len()))
    });
    group.bench_function("yaml-writing", |b| {
        b.iter(|| {
            bundle
                .documents
                .iter()
                .map(|d| emit(black_box(d.tree())).len())
                .sum::<usize>()
        })
    });
    group.bench_function("objects-json-out", |b| {
        b.iter(|| {
            let mut out = String::new();
            for d in &bundle.documents {
                write_json(&mut out, black_box(d.tree()));
            }
            out.len()
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    bench_render,
    bench_stages,
    bench_plan,
    bench_classify
);
criterion_main!(benches);
