//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod corpus;
pub mod tools;

use aks_service_connector::spec::{AuthSpec, WorkloadSpec};
use aks_service_connector::ConnectionSpec;

/// A spec for one combination with a fixed namespace and connection name.
pub fn spec(target: &str, kind: Option<&str>, auth: &str, client: &str) -> ConnectionSpec {
    let mut s = ConnectionSpec::default();
    s.target.r#type = target.to_owned();
    s.target.account_kind = kind.map(str::to_owned);
    s.connection_name = Some("my_conn".to_owned());
    s.namespace = Some("apps".to_owned());
    s.auth = Some(AuthSpec {
        r#type: Some(auth.to_owned()),
        ..Default::default()
    });
    s.client_type = Some(client.to_owned());
    s
}

/// The same spec with a workload kind.
pub fn with_workload(mut s: ConnectionSpec, kind: &str) -> ConnectionSpec {
    s.workload = Some(WorkloadSpec {
        workload_kind: Some(kind.to_owned()),
        ..Default::default()
    });
    s
}

/// Parses a multi-document YAML stream into generic values.
pub fn parse_stream(yaml: &str) -> Vec<serde_yaml::Value> {
    use serde::Deserialize;
    serde_yaml::Deserializer::from_str(yaml)
        .map(|d| serde_yaml::Value::deserialize(d).expect("each document parses"))
        .collect()
}
