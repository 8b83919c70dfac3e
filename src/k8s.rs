//! Kubernetes names the renderer writes and policy and the drift check read:
//! one home, below both, so that neither imports the other for a constant.

/// The label the workload-identity webhook looks for on pods.
pub const WI_LABEL: &str = "azure.workload.identity/use";
/// The label the sample Deployment selects its pods by.
pub const APP_LABEL: &str = "app";
/// The CSI volume name used by the samples.
pub const CSI_VOLUME: &str = "secrets-store01-inline";
/// The Secrets Store CSI driver the volume names.
pub const CSI_DRIVER: &str = "secrets-store.csi.k8s.io";
/// Where the CSI volume is mounted.
pub const CSI_MOUNT_PATH: &str = "/mnt/secrets-store";
/// Annotation naming the identity the pod's token is exchanged for.
pub const CLIENT_ID_ANNOTATION: &str = "azure.workload.identity/client-id";
/// Optional annotation naming the identity's tenant.
pub const TENANT_ID_ANNOTATION: &str = "azure.workload.identity/tenant-id";
