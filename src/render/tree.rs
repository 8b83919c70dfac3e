//! The typed k8s-openapi objects as value trees, field by field.
//!
//! Why not their `Serialize` impls: each one reaches the serializer of every type its fields
//! can hold (PodStatus, EphemeralContainer, thirty volume sources, `Time`), about 137 KB of the
//! core `.wasm` for objects that never carry them, all validated when the module loads and
//! partly compiled on the first render (a cost to the cold start). Every converter below destructures
//! its type exhaustively, so a field added by a k8s-openapi upgrade stops the build here, and
//! refuses the fields the renderer never sets instead of dropping them. `tests/yaml_emitter.rs`
//! checks the result against the `Serialize` impls (YAML and JSON) for every combination.
//!
//! Field order is the `Serialize` impls' order: `apiVersion`, `kind`, then the JSON names
//! alphabetically (the SecretProviderClass: its declaration order); `None` fields are left
//! out, maps keep their (sorted) key order.

use k8s_openapi::api::apps::v1::{Deployment, DeploymentSpec};
use k8s_openapi::api::batch::v1::{Job, JobSpec};
use k8s_openapi::api::core::v1::{
    CSIVolumeSource, Container, EnvFromSource, Pod, PodSpec, PodTemplateSpec, Secret,
    SecretEnvSource, ServiceAccount, Volume, VolumeMount,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use k8s_openapi::{ByteString, Resource};
use std::borrow::Cow;
use std::collections::BTreeMap;

use super::spc::{SecretProviderClass, SecretProviderClassSpec};
use super::Object;
use crate::yaml::Node;

/// A field the renderer never sets was set on an object it built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{owner}.{field}: expected it unset (the renderer writes no such field), found a value")]
pub struct UnsetField {
    /// The k8s-openapi type.
    pub owner: &'static str,
    /// The Rust field name.
    pub field: &'static str,
}

type Result<T> = std::result::Result<T, UnsetField>;

/// Returns [`UnsetField`] for the first of these `Option` fields that holds a value.
macro_rules! refuse_set {
    ($owner:literal: $($field:ident),+ $(,)?) => {
        $(
            if $field.is_some() {
                return Err(UnsetField { owner: $owner, field: stringify!($field) });
            }
        )+
    };
}

/// The object as a tree: the same value its `Serialize` impl gives.
pub fn object(object: &Object) -> Result<Node> {
    match object {
        Object::ServiceAccount(o) => service_account(o),
        Object::Secret(o) => secret(o),
        Object::SecretProviderClass(o) => secret_provider_class(o),
        Object::Job(o) => job(o),
        Object::Deployment(o) => deployment(o),
        Object::Pod(o) => pod(o),
    }
}

/// A mapping under construction, in field order.
struct Fields(Vec<(Cow<'static, str>, Node)>);

impl Fields {
    // Room for the fields of the largest object written here (a container, a pod spec), so
    // that a mapping is one allocation rather than a few growing ones.
    fn new() -> Self {
        Fields(Vec::with_capacity(8))
    }

    /// A resource: `apiVersion` and `kind` first.
    fn resource<R: Resource>() -> Self {
        let mut f = Fields::new();
        f.put("apiVersion", string(R::API_VERSION));
        f.put("kind", string(R::KIND));
        f
    }

    fn put(&mut self, key: &'static str, value: Node) {
        self.0.push((Cow::Borrowed(key), value));
    }

    fn opt(&mut self, key: &'static str, value: Option<Node>) {
        if let Some(value) = value {
            self.put(key, value);
        }
    }

    fn done(self) -> Node {
        Node::Map(self.0)
    }
}

fn string(s: &str) -> Node {
    Node::Str(s.to_owned())
}

fn opt_string(s: &Option<String>) -> Option<Node> {
    s.as_deref().map(string)
}

fn opt_bool(b: &Option<bool>) -> Option<Node> {
    b.map(Node::Bool)
}

fn strings(v: &[String]) -> Node {
    Node::Seq(v.iter().map(|s| string(s)).collect())
}

fn string_map(m: &BTreeMap<String, String>) -> Node {
    Node::Map(
        m.iter()
            .map(|(k, v)| (Cow::Owned(k.clone()), string(v)))
            .collect(),
    )
}

/// Each item converted, stopping at the first refusal.
fn seq<T>(items: &[T], convert: impl Fn(&T) -> Result<Node>) -> Result<Node> {
    items
        .iter()
        .map(convert)
        .collect::<Result<_>>()
        .map(Node::Seq)
}

/// `ByteString` values are base64 (standard alphabet, padded), as k8s-openapi writes them.
fn byte_map(m: &BTreeMap<String, ByteString>) -> Node {
    use base64::Engine;
    Node::Map(
        m.iter()
            .map(|(k, v)| {
                let encoded = base64::engine::general_purpose::STANDARD.encode(&v.0);
                (Cow::Owned(k.clone()), Node::Str(encoded))
            })
            .collect(),
    )
}

fn metadata(m: &ObjectMeta) -> Result<Node> {
    let ObjectMeta {
        annotations,
        creation_timestamp,
        deletion_grace_period_seconds,
        deletion_timestamp,
        finalizers,
        generate_name,
        generation,
        labels,
        managed_fields,
        name,
        namespace,
        owner_references,
        resource_version,
        self_link,
        uid,
    } = m;
    refuse_set!("ObjectMeta": creation_timestamp, deletion_grace_period_seconds,
        deletion_timestamp, finalizers, generate_name, generation, managed_fields,
        owner_references, resource_version, self_link, uid);
    let mut f = Fields::new();
    f.opt("annotations", annotations.as_ref().map(string_map));
    f.opt("labels", labels.as_ref().map(string_map));
    f.opt("name", opt_string(name));
    f.opt("namespace", opt_string(namespace));
    Ok(f.done())
}

/// Field by field too: its derived `Serialize` would reach ObjectMeta's.
fn secret_provider_class(o: &SecretProviderClass) -> Result<Node> {
    let SecretProviderClass {
        api_version,
        kind,
        metadata: meta,
        spec: SecretProviderClassSpec {
            provider,
            parameters,
        },
    } = o;
    let mut f = Fields::new();
    f.put("apiVersion", string(api_version));
    f.put("kind", string(kind));
    f.put("metadata", metadata(meta)?);
    let mut spec = Fields::new();
    spec.put("provider", string(provider));
    spec.put("parameters", string_map(parameters));
    f.put("spec", spec.done());
    Ok(f.done())
}

fn service_account(o: &ServiceAccount) -> Result<Node> {
    let ServiceAccount {
        automount_service_account_token,
        image_pull_secrets,
        metadata: meta,
        secrets,
    } = o;
    refuse_set!("ServiceAccount": image_pull_secrets, secrets);
    let mut f = Fields::resource::<ServiceAccount>();
    f.opt(
        "automountServiceAccountToken",
        opt_bool(automount_service_account_token),
    );
    f.put("metadata", metadata(meta)?);
    Ok(f.done())
}

fn secret(o: &Secret) -> Result<Node> {
    let Secret {
        data,
        immutable,
        metadata: meta,
        string_data,
        type_,
    } = o;
    let mut f = Fields::resource::<Secret>();
    f.opt("data", data.as_ref().map(byte_map));
    f.opt("immutable", opt_bool(immutable));
    f.put("metadata", metadata(meta)?);
    f.opt("stringData", string_data.as_ref().map(string_map));
    f.opt("type", opt_string(type_));
    Ok(f.done())
}

fn job(o: &Job) -> Result<Node> {
    let Job {
        metadata: meta,
        spec,
        status,
    } = o;
    refuse_set!("Job": status);
    let mut f = Fields::resource::<Job>();
    f.put("metadata", metadata(meta)?);
    f.opt("spec", spec.as_ref().map(job_spec).transpose()?);
    Ok(f.done())
}

fn job_spec(s: &JobSpec) -> Result<Node> {
    let JobSpec {
        active_deadline_seconds,
        backoff_limit,
        backoff_limit_per_index,
        completion_mode,
        completions,
        managed_by,
        manual_selector,
        max_failed_indexes,
        parallelism,
        pod_failure_policy,
        pod_replacement_policy,
        scheduling,
        selector,
        success_policy,
        suspend,
        template,
        ttl_seconds_after_finished,
    } = s;
    refuse_set!("JobSpec": active_deadline_seconds, backoff_limit, backoff_limit_per_index,
        completion_mode, completions, managed_by, manual_selector, max_failed_indexes,
        parallelism, pod_failure_policy, pod_replacement_policy, scheduling, selector,
        success_policy, suspend, ttl_seconds_after_finished);
    let mut f = Fields::new();
    f.put("template", pod_template(template)?);
    Ok(f.done())
}

fn deployment(o: &Deployment) -> Result<Node> {
    let Deployment {
        metadata: meta,
        spec,
        status,
    } = o;
    refuse_set!("Deployment": status);
    let mut f = Fields::resource::<Deployment>();
    f.put("metadata", metadata(meta)?);
    f.put("spec", deployment_spec(spec)?);
    Ok(f.done())
}

fn deployment_spec(s: &DeploymentSpec) -> Result<Node> {
    let DeploymentSpec {
        min_ready_seconds,
        paused,
        progress_deadline_seconds,
        replicas,
        revision_history_limit,
        selector,
        strategy,
        template,
    } = s;
    refuse_set!("DeploymentSpec": min_ready_seconds, paused, progress_deadline_seconds,
        revision_history_limit, strategy);
    let mut f = Fields::new();
    f.opt("replicas", replicas.map(|n| Node::Int(n.into())));
    f.put("selector", label_selector(selector)?);
    f.put("template", pod_template(template)?);
    Ok(f.done())
}

fn label_selector(s: &LabelSelector) -> Result<Node> {
    let LabelSelector {
        match_expressions,
        match_labels,
    } = s;
    refuse_set!("LabelSelector": match_expressions);
    let mut f = Fields::new();
    f.opt("matchLabels", match_labels.as_ref().map(string_map));
    Ok(f.done())
}

fn pod(o: &Pod) -> Result<Node> {
    let Pod {
        metadata: meta,
        spec,
        status,
    } = o;
    refuse_set!("Pod": status);
    let mut f = Fields::resource::<Pod>();
    f.put("metadata", metadata(meta)?);
    f.opt("spec", spec.as_ref().map(pod_spec).transpose()?);
    Ok(f.done())
}

fn pod_template(t: &PodTemplateSpec) -> Result<Node> {
    let PodTemplateSpec {
        metadata: meta,
        spec,
    } = t;
    let mut f = Fields::new();
    f.opt("metadata", meta.as_ref().map(metadata).transpose()?);
    f.opt("spec", spec.as_ref().map(pod_spec).transpose()?);
    Ok(f.done())
}

fn pod_spec(s: &PodSpec) -> Result<Node> {
    let PodSpec {
        active_deadline_seconds,
        affinity,
        automount_service_account_token,
        containers,
        dns_config,
        dns_policy,
        enable_service_links,
        ephemeral_containers,
        eviction_responders,
        host_aliases,
        host_ipc,
        host_network,
        host_pid,
        host_users,
        hostname,
        hostname_override,
        image_pull_secrets,
        init_containers,
        node_name,
        node_selector,
        os,
        overhead,
        preemption_policy,
        priority,
        priority_class_name,
        readiness_gates,
        resource_claims,
        resources,
        restart_policy,
        runtime_class_name,
        scheduler_name,
        scheduling_gates,
        scheduling_group,
        security_context,
        service_account,
        service_account_name,
        set_hostname_as_fqdn,
        share_process_namespace,
        subdomain,
        termination_grace_period_seconds,
        tolerations,
        topology_spread_constraints,
        volumes,
    } = s;
    refuse_set!("PodSpec": active_deadline_seconds, affinity, automount_service_account_token,
        dns_config, dns_policy, enable_service_links, ephemeral_containers, eviction_responders,
        host_aliases, host_ipc, host_network, host_pid, host_users, hostname, hostname_override,
        image_pull_secrets, init_containers, node_name, node_selector, os, overhead,
        preemption_policy, priority, priority_class_name, readiness_gates, resource_claims,
        resources, runtime_class_name, scheduler_name, scheduling_gates, scheduling_group,
        security_context, service_account, set_hostname_as_fqdn, share_process_namespace,
        subdomain, termination_grace_period_seconds, tolerations, topology_spread_constraints);
    let mut f = Fields::new();
    f.put("containers", seq(containers, container)?);
    f.opt("restartPolicy", opt_string(restart_policy));
    f.opt("serviceAccountName", opt_string(service_account_name));
    f.opt(
        "volumes",
        volumes.as_deref().map(|v| seq(v, volume)).transpose()?,
    );
    Ok(f.done())
}

fn container(c: &Container) -> Result<Node> {
    let Container {
        args,
        command,
        env,
        env_from,
        image,
        image_pull_policy,
        lifecycle,
        liveness_probe,
        name,
        ports,
        readiness_probe,
        resize_policy,
        resources,
        restart_policy,
        restart_policy_rules,
        security_context,
        startup_probe,
        stdin,
        stdin_once,
        termination_message_path,
        termination_message_policy,
        tty,
        volume_devices,
        volume_mounts,
        working_dir,
    } = c;
    refuse_set!("Container": env, image_pull_policy, lifecycle, liveness_probe, ports,
        readiness_probe, resize_policy, resources, restart_policy, restart_policy_rules,
        security_context, startup_probe, stdin, stdin_once, termination_message_path,
        termination_message_policy, tty, volume_devices, working_dir);
    let mut f = Fields::new();
    f.opt("args", args.as_deref().map(strings));
    f.opt("command", command.as_deref().map(strings));
    f.opt(
        "envFrom",
        env_from
            .as_deref()
            .map(|v| seq(v, env_from_source))
            .transpose()?,
    );
    f.opt("image", opt_string(image));
    f.put("name", string(name));
    f.opt(
        "volumeMounts",
        volume_mounts
            .as_deref()
            .map(|v| seq(v, volume_mount))
            .transpose()?,
    );
    Ok(f.done())
}

fn env_from_source(e: &EnvFromSource) -> Result<Node> {
    let EnvFromSource {
        config_map_ref,
        prefix,
        secret_ref,
    } = e;
    refuse_set!("EnvFromSource": config_map_ref);
    let mut f = Fields::new();
    f.opt("prefix", opt_string(prefix));
    f.opt("secretRef", secret_ref.as_ref().map(secret_env_source));
    Ok(f.done())
}

fn secret_env_source(s: &SecretEnvSource) -> Node {
    let SecretEnvSource { name, optional } = s;
    let mut f = Fields::new();
    f.put("name", string(name));
    f.opt("optional", opt_bool(optional));
    f.done()
}

fn volume_mount(m: &VolumeMount) -> Result<Node> {
    let VolumeMount {
        bind_mount_options,
        mount_path,
        mount_propagation,
        name,
        read_only,
        recursive_read_only,
        sub_path,
        sub_path_expr,
    } = m;
    refuse_set!("VolumeMount": bind_mount_options, mount_propagation, recursive_read_only,
        sub_path, sub_path_expr);
    let mut f = Fields::new();
    f.put("mountPath", string(mount_path));
    f.put("name", string(name));
    f.opt("readOnly", opt_bool(read_only));
    Ok(f.done())
}

fn volume(v: &Volume) -> Result<Node> {
    let Volume {
        aws_elastic_block_store,
        azure_disk,
        azure_file,
        cephfs,
        cinder,
        config_map,
        csi,
        downward_api,
        empty_dir,
        ephemeral,
        fc,
        flex_volume,
        flocker,
        gce_persistent_disk,
        git_repo,
        glusterfs,
        host_path,
        image,
        iscsi,
        name,
        nfs,
        persistent_volume_claim,
        photon_persistent_disk,
        portworx_volume,
        projected,
        quobyte,
        rbd,
        scale_io,
        secret,
        storageos,
        vsphere_volume,
    } = v;
    refuse_set!("Volume": aws_elastic_block_store, azure_disk, azure_file, cephfs, cinder,
        config_map, downward_api, empty_dir, ephemeral, fc, flex_volume, flocker,
        gce_persistent_disk, git_repo, glusterfs, host_path, image, iscsi, nfs,
        persistent_volume_claim, photon_persistent_disk, portworx_volume, projected, quobyte,
        rbd, scale_io, secret, storageos, vsphere_volume);
    let mut f = Fields::new();
    f.opt("csi", csi.as_ref().map(csi_volume).transpose()?);
    f.put("name", string(name));
    Ok(f.done())
}

fn csi_volume(c: &CSIVolumeSource) -> Result<Node> {
    let CSIVolumeSource {
        driver,
        fs_type,
        node_publish_secret_ref,
        read_only,
        volume_attributes,
    } = c;
    refuse_set!("CSIVolumeSource": fs_type, node_publish_secret_ref);
    let mut f = Fields::new();
    f.put("driver", string(driver));
    f.opt("readOnly", opt_bool(read_only));
    f.opt(
        "volumeAttributes",
        volume_attributes.as_ref().map(string_map),
    );
    Ok(f.done())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(o: Object) -> String {
        match object(&o) {
            Ok(tree) => panic!("expected a refusal, got {tree:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn fields_the_renderer_never_sets_are_refused_by_name() {
        let pod = Pod {
            spec: Some(PodSpec {
                host_network: Some(true),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_eq!(
            refused(Object::Pod(Box::new(pod))),
            "PodSpec.host_network: expected it unset (the renderer writes no such field), found a value"
        );

        let mut sa = ServiceAccount::default();
        sa.metadata.uid = Some("x".into());
        assert!(refused(Object::ServiceAccount(sa)).starts_with("ObjectMeta.uid: "));

        let job = Job {
            status: Some(Default::default()),
            ..Default::default()
        };
        assert!(refused(Object::Job(Box::new(job))).starts_with("Job.status: "));
    }

    #[test]
    fn trees_equal_the_serialize_impls_for_fields_set_by_hand() {
        // The renderer's own objects are checked in tests/yaml_emitter.rs; these are the
        // supported fields the renderer does not set today (prefix, optional, args,
        // immutable, automountServiceAccountToken, an empty data map).
        let secret = Secret {
            data: Some(BTreeMap::from([(
                "k".into(),
                ByteString(b"\x00\xffab".to_vec()),
            )])),
            immutable: Some(true),
            type_: Some("Opaque".into()),
            ..Default::default()
        };
        let sa = ServiceAccount {
            automount_service_account_token: Some(false),
            ..Default::default()
        };
        let container = Container {
            name: "c".into(),
            args: Some(vec!["a".into(), String::new()]),
            env_from: Some(vec![EnvFromSource {
                prefix: Some("P_".into()),
                secret_ref: Some(SecretEnvSource {
                    name: "s".into(),
                    optional: Some(true),
                }),
                ..Default::default()
            }]),
            ..Default::default()
        };
        let pod = Pod {
            spec: Some(PodSpec {
                containers: vec![container],
                ..Default::default()
            }),
            ..Default::default()
        };
        for o in [
            Object::Secret(secret),
            Object::ServiceAccount(sa),
            Object::Pod(Box::new(pod)),
            Object::Secret(Secret {
                data: Some(BTreeMap::new()),
                ..Default::default()
            }),
        ] {
            assert_eq!(object(&o).unwrap(), crate::yaml::to_tree(&o).unwrap());
        }
    }
}
