//! The sample workload: the `sc-sample-job` Job of the Service Connector docs
//! for AKS, and the Deployment and Pod variants, with the Key Vault CSI mount.

use k8s_openapi::api::apps::v1::{Deployment, DeploymentSpec};
use k8s_openapi::api::batch::v1::{Job, JobSpec};
use k8s_openapi::api::core::v1::{
    CSIVolumeSource, Container, EnvFromSource, Pod, PodSpec, PodTemplateSpec, SecretEnvSource,
    Volume, VolumeMount,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use std::collections::BTreeMap;

use super::pod::PodParts;
use super::Object;
use crate::resolve::{Resolved, Workload, WorkloadKind};

use crate::k8s::APP_LABEL;
use crate::k8s::{CSI_DRIVER, WI_LABEL};

/// The product's labels plus the user's extra ones (policy keeps them apart).
fn labels(w: &Workload, pairs: &[(&str, &str)]) -> Option<BTreeMap<String, String>> {
    let mut all = w.labels.clone();
    all.extend(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    (!all.is_empty()).then_some(all)
}

fn pod_spec(parts: &PodParts, w: &Workload) -> PodSpec {
    let container = Container {
        name: "raw-linux".to_owned(),
        image: Some(w.image.clone()),
        command: Some(w.command.clone()),
        env_from: (!parts.secrets.is_empty()).then(|| {
            parts
                .secrets
                .iter()
                .map(|s| EnvFromSource {
                    secret_ref: Some(SecretEnvSource {
                        name: s.name.clone(),
                        ..Default::default()
                    }),
                    ..Default::default()
                })
                .collect()
        }),
        volume_mounts: (!parts.csi.is_empty()).then(|| {
            parts
                .csi
                .iter()
                .map(|m| VolumeMount {
                    name: m.volume.clone(),
                    mount_path: m.mount_path.clone(),
                    read_only: Some(true),
                    ..Default::default()
                })
                .collect()
        }),
        ..Default::default()
    };
    PodSpec {
        service_account_name: parts.service_account.clone(),
        containers: vec![container],
        // Deployments only allow `Always`, the default, so they name none.
        restart_policy: (w.workload_kind != WorkloadKind::Deployment)
            .then(|| "OnFailure".to_owned()),
        volumes: (!parts.csi.is_empty()).then(|| {
            parts
                .csi
                .iter()
                .map(|m| Volume {
                    name: m.volume.clone(),
                    csi: Some(CSIVolumeSource {
                        driver: CSI_DRIVER.to_owned(),
                        read_only: Some(true),
                        volume_attributes: Some(super::map([(
                            "secretProviderClass".to_owned(),
                            m.secret_provider_class.clone(),
                        )])),
                        ..Default::default()
                    }),
                    ..Default::default()
                })
                .collect()
        }),
        ..Default::default()
    }
}

/// Builds the chosen workload kind for one connection.
pub(crate) fn build(r: &Resolved<'_>, w: &Workload) -> Object {
    build_for(&PodParts::sample(r), &r.namespace, w)
}

/// Builds the chosen workload kind in `namespace`, taking what `parts` adds to its pod
/// (one connection's or several's).
pub(crate) fn build_for(parts: &PodParts, namespace: &str, w: &Workload) -> Object {
    let wi: &[(&str, &str)] = if parts.service_account.is_some() {
        &[(WI_LABEL, "true")]
    } else {
        &[]
    };
    let meta = |labels_: Option<BTreeMap<String, String>>| ObjectMeta {
        name: Some(w.name.clone()),
        namespace: Some(namespace.to_owned()),
        labels: labels_,
        ..Default::default()
    };
    let spec = pod_spec(parts, w);
    match w.workload_kind {
        // The webhook reads the label from the pod, so the template carries it;
        // the Job keeps it too, as in the docs' sample.
        WorkloadKind::Job => Object::Job(Box::new(Job {
            metadata: meta(labels(w, wi)),
            spec: Some(JobSpec {
                template: PodTemplateSpec {
                    metadata: labels(w, wi).map(|l| ObjectMeta {
                        labels: Some(l),
                        ..Default::default()
                    }),
                    spec: Some(spec),
                },
                ..Default::default()
            }),
            ..Default::default()
        })),
        WorkloadKind::Deployment => {
            let mut template_labels = vec![(APP_LABEL, "sc-sample")];
            template_labels.extend_from_slice(wi);
            Object::Deployment(Box::new(Deployment {
                metadata: meta(labels(w, &[])),
                spec: DeploymentSpec {
                    replicas: Some(1),
                    selector: LabelSelector {
                        match_labels: Some(super::map([(
                            APP_LABEL.to_owned(),
                            "sc-sample".to_owned(),
                        )])),
                        ..Default::default()
                    },
                    template: PodTemplateSpec {
                        metadata: Some(ObjectMeta {
                            labels: labels(w, &template_labels),
                            ..Default::default()
                        }),
                        spec: Some(spec),
                    },
                    ..Default::default()
                },
                ..Default::default()
            }))
        }
        WorkloadKind::Pod => Object::Pod(Box::new(Pod {
            metadata: meta(labels(w, wi)),
            spec: Some(spec),
            ..Default::default()
        })),
    }
}
