//! Native benchmarks of rendering and planning (criterion).
//!
//! `cargo bench --bench core` — figures, not assertions: budgets are reported
//! by `.ci/bench`, never asserted in tests.

use aks_service_connector::catalog::{self, AuthId, CognitiveKind, TargetId};
use aks_service_connector::spec::AuthSpec;
use aks_service_connector::{plan, render, ConnectionSpec, PlanContext, RenderOptions};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;

fn spec_for(
    target: TargetId,
    kind: Option<CognitiveKind>,
    auth: AuthId,
    client: &str,
) -> ConnectionSpec {
    let mut s = ConnectionSpec::default();
    s.target.r#type = target.as_str().to_owned();
    s.target.kind = kind.map(|k| k.as_str().to_owned());
    s.namespace = Some("apps".to_owned());
    s.auth = Some(AuthSpec {
        r#type: Some(auth.as_str().to_owned()),
        ..Default::default()
    });
    s.client_type = Some(client.to_owned());
    s
}

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
            (*a, spec_for(target, None, *a, "python"))
        })
        .collect()
}

/// Every target × kind × auth × client.
fn whole_catalog() -> Vec<ConnectionSpec> {
    let mut out = Vec::new();
    for t in catalog::TARGETS.iter() {
        let kinds: Vec<Option<CognitiveKind>> = if t.id == TargetId::CognitiveServices {
            CognitiveKind::ALL.iter().copied().map(Some).collect()
        } else {
            vec![None]
        };
        for kind in kinds {
            for auth in t.auth_types {
                for client in t.client_types {
                    out.push(spec_for(t.id, kind, *auth, client.as_str()));
                }
            }
        }
    }
    out
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

criterion_group!(benches, bench_render, bench_plan);
criterion_main!(benches);
