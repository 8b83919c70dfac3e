//! THE rule table: one record per category, pure
//! data. The engine (`engine.rs`) knows nothing about any category; adding a
//! category is adding a record here and its fixtures.
//!
//! Phrases are written naturally; before matching they are lower-cased and
//! stripped of whitespace and quotes, exactly like the input, so
//! `namespace 'Microsoft.X'` also matches `namespace \"Microsoft.X\"` and a
//! line wrapped in the middle of a word.

/// One piece of evidence a signal needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    /// A phrase anywhere in the text (case, spacing and quotes ignored).
    Phrase(&'static str),
    /// Any one of these phrases: a token set of one meaning in its several
    /// spellings (`federated token file`, `AZURE_FEDERATED_TOKEN_FILE`), so
    /// a signal names a family of wordings instead of quoting one text.
    Any(&'static [&'static str]),
    /// An error code extracted from the text (`(Code)`, `Code: X`,
    /// `"code": "X"`, `Code="X"`, `ERROR CODE: X`, an `AADSTS` number …),
    /// compared case-insensitively; `*` stands for any run of characters
    /// (`*NotFound` is every service's not-found code).
    Code(&'static str),
    /// The innermost (last) extracted error code equals this one.
    Innermost(&'static str),
}

/// A combination of terms that points at a category.
#[derive(Debug, Clone, Copy)]
pub struct Signal {
    /// Every term must be present.
    pub all: &'static [Term],
    /// No term may be present.
    pub none: &'static [Term],
    /// Confidence when this signal matches, in [0, 1]. Signals of at least
    /// [`SPECIFIC`] prove by themselves that the text is from this domain;
    /// weaker ones count only next to a [`DOMAIN_MARKERS`] phrase.
    pub weight: f32,
    /// Overrides the rule's precedence for this signal (the precedence puts one
    /// category at two ranks).
    pub priority: Option<u8>,
}

/// Weight from which a signal is specific enough to prove the domain.
pub const SPECIFIC: f32 = 0.75;

/// One category.
#[derive(Debug, Clone, Copy)]
pub struct CategoryRule {
    /// Category id.
    pub id: &'static str,
    /// UI family.
    pub family: &'static str,
    /// Short title.
    pub title: &'static str,
    /// Precedence rank: lower wins.
    pub priority: u8,
    /// Positive signals.
    pub signals: &'static [Signal],
    /// Terms that veto the whole rule.
    pub negative: &'static [Term],
    /// Why it happens.
    pub cause: &'static str,
    /// What to do.
    pub mitigation: &'static [&'static str],
    /// Commands, with `<placeholders>` the engine fills from the text or the
    /// context.
    pub commands: &'static [&'static str],
}

use Term::{Any, Code, Innermost, Phrase};

/// A signal: every term of `all` present gives `weight`.
const fn signal(all: &'static [Term], weight: f32) -> Signal {
    Signal {
        all,
        none: &[],
        weight,
        priority: None,
    }
}

/// A signal that does not count when a term of `none` is present.
const fn signal_unless(all: &'static [Term], none: &'static [Term], weight: f32) -> Signal {
    Signal {
        all,
        none,
        weight,
        priority: None,
    }
}

/// A signal that ranks its category at `priority` instead of the rule's own.
const fn signal_ranked(all: &'static [Term], weight: f32, priority: u8) -> Signal {
    Signal {
        all,
        none: &[],
        weight,
        priority: Some(priority),
    }
}

/// Rank of the explicit "busy" signals of `conflict_cluster_updating`: above
/// the Helm and extension wrappers (12, 13) that may carry them, so an
/// extension error that only wraps a running operation is the busy cluster.
const BUSY_RANK: u8 = 11;

/// Rank of explicit ARM causes (a missing permission) that arrive wrapped by
/// the extension or Helm: the Helm wrapper's own rank, ahead of the extension
/// manager's (13), so the cause wins on confidence.
const WRAPPER_CAUSE_RANK: u8 = 12;

/// The cluster's own credential: its service principal
/// (`servicePrincipalProfile`, its help link) and the Kubernetes components
/// that call Azure with it (the cloud provider's attach/detach, load balancer
/// and volume provisioning, the controller managers, the disk and file CSI
/// drivers; not `azure.json`, which external-dns and cert-manager read for
/// workload identity too). Their AADSTS errors are not workload identity,
/// whatever code they carry.
const CLUSTER_SERVICE_PRINCIPAL: &[Term] = &[
    Phrase("ServicePrincipalProfile"),
    Phrase("aka.ms/aks-sp-help"),
    Any(&[
        "attachdetach-controller",
        "AttachVolume.Attach failed",
        "FailedAttachVolume",
        "service-controller",
        "EnsuringLoadBalancer",
        "SyncLoadBalancerFailed",
        "CreatingLoadBalancerFailed",
        "ensure load balancer",
        "Error creating load balancer",
        "azure-cloud-provider",
        "cloud-controller-manager",
        "kube-controller-manager",
        "cloud-provider-azure",
        "disk.csi.azure.com",
        "file.csi.azure.com",
        "failed to provision volume",
    ]),
];

/// ARM's management-plane denial: the caller may not perform an action over
/// a scope. A Key Vault in that scope is only where the action was asked,
/// not a vault answering 403 (its data plane words its denials itself).
const ARM_DENIAL: &[Term] = &[
    Code("AuthorizationFailed"),
    Code("LinkedAuthorizationFailed"),
    Phrase("does not have authorization to perform action"),
    Phrase("does not have permission to perform action"),
    Phrase("Authorization failed for template resource"),
    // The Kubernetes API server refusing a pod's call (a Key Vault
    // injector's own service account) is no Key Vault answering 403.
    KUBE_API_PATH,
    Any(&[
        "is forbidden: User",
        "is forbidden: ServiceAccount",
        "in API group",
    ]),
];

/// A Git remote refusing or failing a clone or fetch, in Flux's source
/// controller's and Git's own words.
const GIT_REMOTE: Term = Any(&[
    "unable to list remote",
    "unable to clone",
    "failed to checkout and determine revision",
    "git-upload-pack",
]);

/// The Kubernetes API server's REST paths as client libraries print the URL
/// they called (`Get https://10.0.0.1:443/apis/apps/v1/…`,
/// `/api/v1/namespaces/…/pods`): the core group's and the built-in groups'
/// prefixes, any `*.k8s.io` group, and the in-cluster service name.
const KUBE_API_PATH: Term = Any(&[
    "/api/v1/namespaces",
    "/api/v1/pods",
    "/api/v1/nodes",
    "/apis/apps/v1",
    "/apis/batch/v1",
    ".k8s.io/v1",
    "kubernetes.default.svc",
    ":443/apis/",
    ":443/api/v1",
    ":6443/api",
]);

/// The API server's denial of a call in any client's words: a `Forbidden`
/// status (client-go's `…: Forbidden`, .NET's `Status Code: Forbidden`,
/// a `403`) on a URL under `/api/` or `/apis/`.
const FORBIDDEN_STATUS: Term = Any(&["Forbidden", "StatusCode=403", "Status=403", "status: 403"]);

/// A pod left unscheduled, in the scheduler's or kubectl's words (also a
/// pod that cannot tolerate a taint, in English or Chinese prose).
const POD_UNSCHEDULED: Term = Any(&[
    "FailedScheduling",
    "Unschedulable",
    "Pending",
    "tolerate",
    "容忍",
    "调度",
    "nodes are available",
]);

/// Helm named around a Go template error: its name, a chart, a chart's
/// helper file, Tiller, Helm 2's release heading.
const HELM_NAMED: Term = Any(&["helm", "chart", ".tpl", "tiller", "Error: release"]);

/// Helm's context around a Go template error: Helm named, a chart's
/// `templates/` path, Helm's failure headings.
const HELM_CONTEXT: Term = Any(&[
    "helm",
    "chart",
    ".tpl",
    "tiller",
    "templates/",
    "UPGRADE FAILED",
    "INSTALLATION FAILED",
]);

/// A property of an Azure compute or AKS resource as ARM names it (any
/// `…Profile`).
const AZURE_PROPERTY: Term = Any(&[
    "imageReference",
    "osDisk",
    "Profile",
    "vmSize",
    "availabilityZones",
    "nodeResourceGroup",
    "properties.",
]);

/// Go templates that are not Helm's: Argo CD's ApplicationSet generators.
const NOT_HELM_TEMPLATE: Term = Any(&[
    "ApplicationSet",
    "appset",
    "RenderTemplateParamsError",
    "failed to execute go template",
]);

/// Kubernetes RBAC's denial of a user or service account (`… is forbidden:
/// User "…" cannot create resource …`).
const RBAC_DENIAL: &[Term] = &[
    Phrase("is forbidden: User"),
    Phrase("is forbidden: ServiceAccount"),
];

/// The API server's answers that a rendered kind has no mapping (a CRD not
/// installed, an API version removed): the chart was fetched and rendered.
const KUBE_MAPPING_MISSING: Term = Any(&[
    "resource mapping not found",
    "no matches for kind",
    "unable to build kubernetes objects",
    "ensure CRDs are installed first",
]);

/// The scheduler's own words for a pod no node fits.
const SCHEDULER_NO_FIT: Term = Any(&[
    "nodes are available",
    "FailedScheduling",
    "didn't match Pod's node affinity",
]);

/// A cluster extension's own workloads by the names they run under: Azure
/// Machine Learning's (`azureml`, `arcml`, `amlarc`), Flux's, Dapr's, and any
/// extension named as such.
const EXTENSION_WORKLOAD: Term = Any(&[
    "azureml",
    "arcml",
    "amlarc",
    "flux-system",
    "dapr-system",
    "dapr-operator",
    "k8s-extension",
    "arc extension",
    "cluster extension",
    "extension pod",
]);

/// Helm's storage driver writing its release record (the Secret or
/// ConfigMap it keeps per revision), in its error wraps and its trace
/// (`pkg/storage/driver.(*Secrets).Create`).
const HELM_RECORD_WRITE: Term = Any(&[
    "create: failed to create",
    "update: failed to update",
    "storage/driver",
]);

/// Helm named as the installer: its install and upgrade commands and
/// headings, Tiller, a release.
const HELM_INSTALLING: Term = Any(&[
    "helm upgrade",
    "helm install",
    "tiller",
    "UPGRADE FAILED",
    "INSTALLATION FAILED",
    "Error: release",
]);

/// A Kubernetes object named by its resource and API group, as the API
/// server and controllers name it (`deployments.apps "web"`).
const KUBE_GROUP_RESOURCE: Term = Any(&[
    "deployments.apps",
    "statefulsets.apps",
    "daemonsets.apps",
    "replicasets.apps",
    "jobs.batch",
    ".rbac.authorization.k8s.io",
    ".networking.k8s.io",
    ".apiextensions.k8s.io",
    ".admissionregistration.k8s.io",
]);

/// The API server's answers to an object a client creates or updates: an
/// admission webhook that cannot be called or denies it, an invalid or
/// immutable field, a namespace being deleted, an internal or storage error.
const API_SERVER_ANSWER: Term = Any(&[
    "failed calling webhook",
    "admission webhook",
    "Internal error occurred",
    "is invalid:",
    "field is immutable",
    "because it is being terminated",
    "the server rejected our request",
    "etcdserver:",
    "the server could not find the requested resource",
]);

/// Azure services that answer on their own data planes, named by their
/// hosts, resource types, SDK namespaces or products: Event Grid, Service
/// Bus, Event Hubs, Data Explorer (Kusto), Synapse, AI Foundry (Cognitive
/// Services).
const AZURE_DATA_SERVICE: Term = Any(&[
    "Microsoft.EventGrid",
    "eventgrid",
    "Event Grid",
    "servicebus.windows.net",
    "Microsoft.ServiceBus",
    "Microsoft.Azure.ServiceBus",
    "Microsoft.EventHub",
    "kusto",
    "Data Explorer",
    "synapse",
    "cognitiveservices",
    "Foundry",
    "Log Analytics",
]);

/// Any tool's words for a thing that is not there.
const NOT_FOUND_WORDS: Term = Any(&[
    "cannot find",
    "can not find",
    "can't find",
    "could not find",
    "unable to find",
    "was not found",
    "could not be found",
    "does not exist",
    "doesn't exist",
    "no longer exists",
]);

/// A resource itself said missing, in the portal's and tools' words (`This
/// resource was not found, it may have been deleted`): a resource group in its
/// id is only where it lived.
const RESOURCE_ITSELF_NOT_FOUND: Term = Any(&[
    "resource was not found",
    "resource could not be found",
    "resource does not exist",
    "resource no longer exists",
]);

/// Azure resources as prose names them (the managed cluster and the
/// resource group have categories of their own).
const AZURE_RESOURCE_NOUNS: Term = Any(&[
    "storage account",
    "key vault",
    "web app",
    "function app",
    "app service",
    "container registry",
    "user assigned identity",
    "user-assigned identity",
    "virtual network",
    "virtual machine",
    "scale set",
    "network security group",
    "public ip address",
    "log analytics workspace",
    "service bus namespace",
    "event hub namespace",
    "cosmos db account",
    "app configuration store",
    "private endpoint",
    "private dns zone",
    "role definition",
    "serverfarm",
]);

/// A Helm release name already taken, in Helm 3's and Helm 2's words: the
/// release, not a cluster object, exists.
const RELEASE_NAME_TAKEN: Term = Any(&[
    // Helm 3's storage record (`release: already exists`).
    "release: already exists",
    "cannot re-use a name",
    "cannot reuse a name",
    "a release named",
    "name that is still in use",
]);

/// Helm 2's storage record taken (`release: "<name>.v<N>" already exists`,
/// the record named by its revision) while Tiller runs the release.
const HELM2_RECORD_TAKEN: &[Term] = &[
    Phrase("release:"),
    Phrase(".v"),
    Phrase("already exists"),
    Phrase("tiller"),
];

/// Helm's `Error:` line opening with a Kubernetes resource (plural, with its
/// API group where it has one), as the API server names it in its answers.
const HELM_ERROR_KIND: Term = Any(&[
    "Error: serviceaccounts",
    "Error: secrets",
    "Error: configmaps",
    "Error: services",
    "Error: namespaces",
    "Error: persistentvolumeclaims",
    "Error: deployments.",
    "Error: statefulsets.",
    "Error: daemonsets.",
    "Error: jobs.batch",
    "Error: ingresses.",
    "Error: roles.rbac",
    "Error: rolebindings.rbac",
    "Error: clusterroles.rbac",
    "Error: clusterrolebindings.rbac",
    "Error: customresourcedefinitions.",
    "Error: mutatingwebhook",
    "Error: validatingwebhook",
]);

/// A managed-identity credential or endpoint, in the words of every SDK
/// (azidentity, Azure.Identity, azure-identity, MSAL, AppAuthentication).
const MANAGED_IDENTITY: Term = Any(&[
    "ManagedIdentityCredential",
    "managed identity",
    "Managed Service Identity",
    "managed identity endpoint",
    "MSI endpoint",
    "ManagedIdentity",
]);

/// Ways the managed-identity endpoint fails to give a token to a pod that
/// has no identity of its own.
const MI_UNAVAILABLE: Term = Any(&[
    "authentication is not available",
    "authentication unavailable",
    "is not available",
    "unavailable",
    "no available identity",
    "no identity",
    "timed out",
    "timeout",
    // Go's words for its client's timeout.
    "context deadline exceeded",
    "no response",
    "did not respond",
    "unable to connect",
    "connection refused",
    "ECONNREFUSED",
    "EHOSTUNREACH",
    "ETIMEDOUT",
    "socket hang up",
    "network is unreachable",
    "no route to host",
    "could not connect",
    "failed to connect",
    "not assigned",
    "hasn't been assigned",
    "has not been assigned",
    "no default identity",
    "no identity is assigned",
    "no managed identity",
    "none is available",
    "cannot be established",
    "no azure identity found",
    "No MSI",
]);

/// The metadata endpoint's, the pod-identity proxy's and every SDK's words
/// for a caller that has no managed identity to use (an identity that does
/// not exist is `Identity not found`, a wrong client id).
const NO_IDENTITY_FOR_CALLER: Term = Any(&[
    "no azure identity found for request",
    // aad-pod-identity's NMI answering for the endpoint: no identity is
    // assigned to the pod (yet), whatever state it waited for.
    "getting assigned identities for pod",
    "no AzureAssignedIdentity found for pod",
    "failed to get matching identities for pod",
    "No MSI found",
    "no managed identity endpoint",
    "No managed identity found",
    "No User Assigned or Delegated Managed Identity found",
    "Unable to load the proper Managed Identity",
    "ManagedIdentityCredential authentication unavailable",
]);

/// What makes a managed-identity failure someone else's: the secrets-store
/// CSI mount (its own category), the cluster's own identity (kubelet,
/// add-ons), a wrong client id (`Identity not found`).
const MI_NOT_THE_POD: &[Term] = &[
    Phrase("MountVolume"),
    Phrase("secrets-store"),
    Phrase("Identity not found"),
];

/// The token endpoint answering a refresh itself (adal's refresh, the
/// AppAuthentication library's `MSI ResponseCode`): its 404 names no resource.
const TOKEN_ENDPOINT: Term = Any(&["adal: Refresh request failed", "MSI ResponseCode"]);
const TOKEN_ENDPOINT_ANSWER: &[Term] = &[TOKEN_ENDPOINT];

/// Entra's answer to a role assignment for a principal it does not (yet)
/// know: a directory object, not an Azure resource.
const PRINCIPAL_MISSING: Term = Any(&["PrincipalNotFound", "does not exist in the directory"]);

/// What a not-found code names no resource in: the token endpoint's 404s,
/// a missing directory principal, and a container runtime's gRPC `code =
/// NotFound` for an image tag a registry does not hold (a missing image is
/// no Azure resource), and another cloud's SDK naming its own resource.
const NO_RESOURCE_NAMED: &[Term] = &[
    TOKEN_ENDPOINT,
    PRINCIPAL_MISSING,
    OTHER_CLOUD,
    Any(&[
        "Failed to pull image",
        "failed to pull and unpack image",
        "failed to resolve reference",
        "pulling image",
    ]),
];

/// The workload-identity credential in the words of every SDK.
const WORKLOAD_IDENTITY: Term = Any(&[
    "WorkloadIdentityCredential",
    "workload identity",
    "workload-identity",
    "workloadidentity",
]);

/// Words that name a chart, for registry answers that an image pull or
/// build gets too.
const CHART_WORDS: Term = Any(&["helm", "chart", "oci://"]);

/// Words of a container image pull (kubelet, containerd), which talks to
/// the same registry API as a chart pull.
const IMAGE_PULL: &[Term] = &[
    Phrase("pull image"),
    Phrase("Failed to pull"),
    Phrase("pulling image"),
    Phrase("ErrImagePull"),
    Phrase("ImagePullBackOff"),
];

/// Codes of a 403 that no role assignment fixes: the method or the resource
/// is switched off (`KeyBasedAuthenticationNotPermitted`, `SecretDisabled`).
const NOT_A_GRANT: &[Term] = &[Code("*NotPermitted"), Code("*Disabled")];

/// The secrets-store CSI driver and its Azure provider, by their names in
/// user agents, log lines, pod names and API groups.
const CSI_PROVIDER: Term = Any(&[
    "csi-secrets-store",
    "secrets-store-csi",
    "secrets-store.csi",
    "secrets-store-provider-azure",
    "csi-secrets-store-provider-azure",
    "provider-azure",
    "SecretProviderClass",
    // The other providers of the same driver by their pod names (HashiCorp
    // Vault's, Akeyless's, Conjur's `…-csi-provider`; GCP's and AWS's
    // carry `secrets-store-csi` already) and the driver's provider API.
    "csi-provider",
    "CSIDriverProvider",
]);

/// A secrets-store provider's own words for a mount it could not serve
/// (HashiCorp Vault's `error making mount request`, GCP's `unable to obtain
/// auth for mount`, AWS's `Failure getting secret values from provider`).
const PROVIDER_MOUNT_FAILED: Term = Any(&[
    "error making mount request",
    "unable to obtain auth for mount",
    "Failure getting secret values from provider",
    "Failed to fetch secret from all regions",
    "failed to handle mount request",
]);

/// The driver's gRPC call to its provider (`/v1alpha1.CSIDriverProvider/Mount`)
/// ending in any status but OK.
const PROVIDER_CALL_FAILED: Term = Any(&[
    "grpc.code=Unknown",
    "grpc.code=Internal",
    "grpc.code=PermissionDenied",
    "grpc.code=Unauthenticated",
    "grpc.code=NotFound",
    "grpc.code=InvalidArgument",
    "grpc.code=Unavailable",
    "grpc.code=DeadlineExceeded",
    "grpc.code=Canceled",
    "grpc.code=FailedPrecondition",
]);

/// Any tool's words for a provider namespace it could not register.
const REGISTRATION_FAILED: Term = Any(&[
    "failed to register resource provider",
    "failed to register the resource provider",
    "failed to register provider",
    "failed to register the provider",
    "could not register resource provider",
    "unable to register resource provider",
    "registration of resource provider",
    "resource provider registration failed",
]);

/// "Is not registered" in the languages the portal and ARM localize their
/// messages into (Japanese, Chinese, Korean, German, French, Spanish), as
/// the localized azure-docs articles quote `MissingSubscriptionRegistration`
/// (`该订阅未注册为使用命名空间`, `구독이 … 네임스페이스를 사용하도록 등록되지
/// 않았습니다`, `Das Abonnement ist nicht für die Verwendung des Namespace …
/// registriert`, `n'est pas inscrit pour utiliser l'espace de noms`).
const LOCALIZED_NOT_REGISTERED: Term = Any(&[
    "登録されておらず",
    "登録されていません",
    "未注册",
    "未註冊",
    "등록되지 않",
    "nicht registriert",
    "nicht für die Verwendung",
    "n'est pas inscrit",
    "n'est pas enregistré",
    "no está registrad",
]);

/// A resource provider or namespace in the same languages: the namespace
/// itself, which every language keeps in English (`Microsoft.Compute`), and
/// the European languages' words for a provider (the Asian scripts' would
/// widen the matcher's byte classes for little).
const LOCALIZED_PROVIDER: Term = Any(&[
    "Ressourcenanbieter",
    "fournisseur de ressources",
    "espace de noms",
    "proveedor de recursos",
    "espacio de nombres",
    "microsoft.",
]);

/// ORAS's and Helm's refusals of an OCI reference they cannot parse (Helm 4
/// and ORAS: `invalid reference: invalid registry "…"`; Helm 3:
/// `invalid_reference: invalid tag`): the chart pull never started. Docker's
/// `invalid reference format` is an image name's, next to image builds too.
const OCI_REFERENCE_INVALID: Term = Any(&[
    "invalid reference: invalid",
    "invalid reference: missing",
    "invalid_reference: invalid",
]);

/// A Helm controller's words for a release it could not install or
/// upgrade (Flux v1's helm-operator, Giant Swarm's chart-operator, Tiller's
/// gRPC answer), before the inner cause it carries.
const CONTROLLER_RELEASE_FAILED: Term = Any(&[
    "Chart release failed",
    "Helm release failed",
    "chart for release",
    "desc = release",
    "reason: Release",
    "helm error:",
]);

/// AKS's own check that its identity may act on a resource it was given
/// (`CustomPrivateDNSZoneMissingPermissionError`,
/// `ResourceMissingPermissionError`, `CustomKubeletIdentityMissingPermissionError`):
/// the sentences it words them in.
const AKS_PERMISSION_CHECK: Term = Any(&[
    "Check access result not allowed for action",
    "must be given permission",
    "must be given certain permissions",
    "must be granted",
]);

/// A provisioning state that another operation holds, in ARM's words
/// (`is in Updating state`, `provisioning state Deleting`).
const PROVISIONING_BUSY: Term = Any(&[
    "in Updating state",
    "in Deleting state",
    "in Creating state",
    "in Upgrading state",
    "in Scaling state",
    "in Migrating state",
    "provisioning state Updating",
    "provisioning state Deleting",
    "provisioning state Creating",
    "provisioningState: Updating",
    "provisioningState: Deleting",
    "provisioningState: Creating",
]);

/// A provisioning state that failed: nothing is running on the resource.
const FAILED_STATE: Term = Any(&[
    "in Failed state",
    "in a failed state",
    "provisioning state Failed",
    "provisioningState: Failed",
]);

/// Transitional states of an AKS cluster, node pool or operation that make a
/// new operation wait.
const TRANSITIONAL_STATE: Term = Any(&[
    "in progress",
    "is Updating",
    "is Upgrading",
    "is Creating",
    "is Deleting",
    "is Scaling",
    "is Starting",
    "is Stopping",
    "being created",
    "being deleted",
    "being updated",
    "being upgraded",
    "being scaled",
    "being started",
    "being stopped",
    "deletion was issued",
    "deletion has started",
    "delete operation started",
    "while creating",
    "while deleting",
    "while updating",
    "while upgrading",
    "while scaling",
    "state: Creating",
    "state: Deleting",
    "state: Updating",
    "state Creating",
    "state Deleting",
    "state Updating",
    "only allowed operation",
    "not in a terminal",
    "Creating state",
    "Deleting state",
    "Updating state",
    "Upgrading state",
    "Scaling state",
    "Starting state",
    "Stopping state",
    "Migrating state",
    "provisioningState Creating",
    "provisioningState Deleting",
    "provisioningState Updating",
    "provisioningState Upgrading",
    "provisioningState Scaling",
    "provisioningState Starting",
    "provisioningState Stopping",
]);

/// An HTTP 409 in the shapes of az, autorest, azcore and the SDKs.
const HTTP_409: Term = Any(&[
    "StatusCode=409",
    "Status=409",
    "RESPONSE 409",
    "409 Conflict",
    "409 (Conflict)",
    "Status code 409",
    "status: 409",
]);

/// Phrases that show the text belongs to this domain (Azure, Kubernetes,
/// Helm, Service Connector). Without one of them, or a specific signal, the
/// classifier answers `unknown`.
pub const DOMAIN_MARKERS: &[&str] = &[
    "azure",
    // `Microsoft.` alone is also .NET's namespaces (`Microsoft.AspNetCore`,
    // `Microsoft.EntityFrameworkCore`): Azure's come as resource providers,
    // SDK namespaces and the Entra tenant domain.
    "providers/microsoft.",
    "microsoft.azure",
    "microsoft.identity",
    "microsoft.rest",
    "onmicrosoft.com",
    // Azure's help links as its errors print them (`aka.ms/arm-…`,
    // `aka.ms/aks/…`, `aka.ms/rps-not-found`); `aka.ms` alone is every
    // Microsoft product's (WSL's kernel update, .NET's runtime download).
    "aka.ms/arm",
    "aka.ms/aks",
    "aka.ms/az",
    "aka.ms/rps",
    "aka.ms/arc",
    "aka.ms/acr",
    "aka.ms/k8s",
    "aka.ms/bicep",
    "aka.ms/deployoperations",
    "aka.ms/prodportalcrp",
    "aka.ms/vmextension",
    "azclierror",
    "az_command_data_logger",
    "management.azure.com",
    "windows.net",
    "azurecr.io",
    "aadsts",
    "az aks",
    "az k8s-extension",
    "az provider",
    "az role",
    "az identity",
    "az login",
    "azidentity",
    "azcore",
    "autorest",
    "msal",
    "microsoft entra",
    // Azure's instance metadata service by its path: `imds` and the address
    // alone are every cloud's (AWS, GCP).
    "169.254.169.254/metadata",
    "servicelinker",
    "service connector",
    "serviceconnector",
    "kubernetesconfiguration",
    "containerservice",
    "managedclusters",
    "resource group",
    "resourcegroups",
    "subscriptions/",
    "provisioningstate",
    "k8s-extension",
    "sc-extension",
    "sc-system",
    "sc-job",
    "kubectl",
    "kubernetes",
    "kubelet",
    "k8s.io",
    "helm.sh",
    "helm.go",
    "helm install",
    "helm upgrade",
    "helm list",
    "helm release",
    "helm chart",
    "helm installation",
    "pod/",
    "namespace/",
    "serviceaccount/",
    "kind: serviceaccount",
    "configmap",
    "failedscheduling",
    "failedmount",
    "backofflimitexceeded",
    "imagepullbackoff",
    "errimagepull",
    "crashloopbackoff",
    "nodes are available",
    "secretproviderclass",
    "secrets-store",
    "keyvault",
    "key vault",
    "vault.azure.net",
    "workload identity",
    "workload.identity",
    // Entra's federation in its own words; `federated` alone is also AWS
    // STS's `federated-user` and the fediverse's.
    "federated identit",
    "federated credential",
    "federated token",
    "managedidentity",
    "managed identity",
    "defaultazurecredential",
    "linkedauthorizationfailed",
    // Vocabulary of the same tools in other shapes: AKS and Entra words,
    // Azure request headers, kubectl and admission-webhook answers, Helm
    // controllers and registries.
    "managed cluster",
    "node pool",
    "nodepool",
    "agentpool",
    "invalidtemplatedeployment",
    "operation failed with status",
    "x-ms-",
    "login.microsoftonline.com",
    "sts.windows.net",
    "kubelogin",
    "kube-system",
    // kubectl's failure prefix: with the API server's reason in
    // parentheses, or its own wrappers (`Error from server: error when
    // creating`, `error dialing backend`); `Error from Server:` alone is any
    // database client's.
    "error from server (",
    "error from server: error",
    "admission webhook",
    "helmrelease",
    "helmrepository",
    "helm repo",
    "helm-controller",
    "chart repository",
    "oci://",
    "did you specify the right host or port",
    "unable to connect to the server",
    "you must be logged in to the server",
    "the server doesn't have a resource type",
    "reason age from message",
    "back-off restarting failed container",
    "failedcreatepodsandbox",
    "failedattachvolume",
    "readiness probe failed",
    "liveness probe failed",
    "oomkilled",
    "az account",
    "az group",
    "az keyvault",
    "az acr",
    "az network",
    "az resource",
    "az deployment",
    "az extension",
    "invalidtemplate",
    "deployment failed. correlation id",
    // Kubernetes object kinds and manifests, Terraform's and Bicep's Azure
    // providers, Helm's failure prefixes.
    "deployment.apps",
    "replicaset",
    "daemonset",
    "statefulset",
    "rolebinding",
    "customresourcedefinition",
    "apiversion",
    "azurerm",
    "bicep",
    // Helm's failure prefixes in its own structure: `UPGRADE FAILED:` alone
    // is also a firmware updater's.
    "Error: INSTALLATION FAILED:",
    "Error: UPGRADE FAILED:",
    // Kubernetes client configuration and control-plane words.
    "kubeconfig",
    "set-context",
    "kube-apiserver",
    "coredns",
    "kube-",
    "minikube",
    "azmk8s.io",
    "fluxcd",
    "failed to determine artifact digest",
    // Argo CD by its applications, its syncs, its components and API
    // client, and its resource group: its name alone (a Git repository named
    // after it) is not the domain.
    "argocd app",
    "argocd sync",
    "argocd/argocd",
    "argocd-server",
    "argocd-application-controller",
    "argocd-repo-server",
    "argoproj.io",
    // Argo CD's shared-resource message naming the applications that
    // manage an object (`Deployment/web is part of applications …`).
    "is part of applications",
    "ingress-nginx",
    "persistentvolume",
    "containercreating",
    "mountvolume",
    "pod sandbox",
    "no matches for kind",
    "the node was low on resource",
    "errimage",
    "knack",
    // The Azure SDKs' credential classes, the Azure Developer CLI, pod
    // identity, storage, and the Kubernetes tools that compare and apply
    // manifests (Argo CD, server-side apply).
    "ClientSecretCredential",
    "ClientCertificateCredential",
    "ChainedTokenCredential",
    "EnvironmentCredential",
    "AzureCliCredential",
    "AzurePowerShellCredential",
    "AzureDeveloperCliCredential",
    "DeviceCodeCredential",
    "InteractiveBrowserCredential",
    "azd provision",
    "azd deploy",
    "azd package",
    "azd up",
    "azure developer cli",
    "aad-pod-identity",
    "service principal token",
    "storage account",
    "desired state to live state",
    "field not declared in schema",
    "server-side apply",
    // Kubernetes words that prose outside it rarely holds: in-cluster
    // service names, webhook configurations, RBAC's API groups, Helm's
    // chart files and Helm 2's server.
    "k8s",
    "svc.cluster.local",
    "webhookconfiguration",
    "failed calling webhook",
    "in API group",
    "clusterrole",
    "kubeadm",
    "kustomiz",
    "Chart.yaml",
    "values.yaml",
    "tiller",
    // Azure services named by their own resource types and tools: App
    // Service (its plans are `serverfarms`, the VS Code extension's actions
    // `appService.*`), function apps, static web apps, Cosmos DB, Event Hubs, Log Analytics
    // and Application Insights, AKS node and cluster names.
    "app service plan",
    "serverfarm",
    "Action: appService.",
    "function app",
    "static web app",
    "cosmos db",
    "event hub",
    "log analytics",
    "application insights",
    "aks-",
    "aks cluster",
    // A pod's container status as kubectl describes it, and the kubelet's
    // calls to its container runtime (containerd's CRI plugin, CRI-O); the
    // runtime's own words (`OCI runtime exec failed`) are Docker's too,
    // while `kubectl exec`'s answers through the kubelet and the CRI are not.
    "last state: terminated",
    "restart count:",
    "execsync",
    "runpodsandbox",
    "createcontainer within sandbox",
    "startcontainer for",
    "runtime service failed",
    "io.containerd.grpc.v1.cri",
    "cri-o",
    "crictl",
    "failed to pull and unpack image",
    "error executing command in container",
    "failed to exec in container",
    // The API server's optimistic-concurrency and unknown-resource answers.
    "operation cannot be fulfilled on",
    "the server could not find the requested resource",
    "the object has been modified; please apply your changes",
];

/// Error codes that show the text belongs to this domain once extracted as
/// codes (`(Code)`, `Code: X`, `"code": "X"`). As phrases they would also
/// match prose (`500 Internal Server Error`, `Operation not allowed`), since
/// the key form ignores spaces.
pub const DOMAIN_CODES: &[&str] = &[
    "GeneralUserError",
    "InvalidResourceType",
    "InternalServerError",
    "OperationNotAllowed",
    // Compute's placement and ARM's lock codes, which only Azure gives.
    "AllocationFailed",
    "ZonalAllocationFailed",
    "Overconstrained*AllocationRequest",
    "SkuNotAvailable",
    "ScopeLocked",
    "ResourceDeploymentFailure",
    // ARM's refusal of a deployment's or resource type's location.
    "LocationNotAvailableFor*",
    "InvalidDeploymentLocation",
];

/// A virtual machine scale set's own upgrades (rolling, automatic OS image,
/// the upgrade policy's health limits): no Helm release is upgraded.
const VM_UPGRADE: Term = Any(&[
    "rolling upgrade",
    "RollingUpgrade",
    "OS upgrade",
    "OSUpgrade",
    "UpgradePolicy",
    "UnhealthyUpgradedInstance",
]);

/// kubelet's and kubectl's own condition waits: a volume that cannot be
/// mounted, `kubectl wait` naming what it waited on, `delete` and `drain`
/// waiting for objects to go. None is Helm's wait.
const KUBE_WAIT: Term = Any(&[
    "Unable to attach or mount volumes",
    "timed out waiting for the condition on",
    "kubectl delete",
    "kubectl drain",
    "kubectl wait",
]);

/// Another tool's step in its own `Error <verb>ing …:` words before a
/// condition wait's timeout: Helm's waits end on its `Error:` line or name
/// a release, a hook or a chart.
const OTHER_STEP_TIMED_OUT: Term = Any(&[
    "Error creating",
    "Error deleting",
    "Error updating",
    "Error getting",
    "Error scaling",
    "Error starting",
    "Error launching",
    "Error provisioning",
    "Error waiting for",
]);

/// Other clouds' and their SDKs' own words (Google Cloud's Ruby, Go and
/// REST namespaces and hosts, AWS's, Oracle Cloud's code, request header and
/// resource ids, IBM Cloud's, Alibaba Cloud's, DigitalOcean's and
/// OpenStack's names and hosts): their `ResourceNotFound` is not ARM's, nor
/// their "authorization failed" a missing Azure role.
const OTHER_CLOUD: Term = Any(OTHER_CLOUD_WORDS);

/// The words of the rules' `OTHER_CLOUD` term; the engine also reads them to cancel the
/// [`WEAK_DOMAIN_MARKERS`].
pub const OTHER_CLOUD_WORDS: &[&str] = &[
    "Google::",
    "googleapis.com",
    "google cloud",
    "gcloud",
    "cloud.google.com",
    "Aws::",
    "amazonaws.com",
    "arn:aws:",
    "NotAuthorizedOrNotFound",
    "opc request id",
    "opc-request-id",
    "ocid1.",
    "oraclecloud.com",
    "oracle cloud",
    "cloud.ibm.com",
    "ibmcloud",
    "aliyun",
    "alibaba cloud",
    "digitalocean",
    "openstack",
];

/// Domain markers other clouds share (IBM Cloud has resource groups too):
/// they prove the domain only where no other cloud's mark
/// ([`OTHER_CLOUD_WORDS`]) is in the text, as any other marker, a specific
/// signal or a domain code still do.
pub const WEAK_DOMAIN_MARKERS: &[&str] = &["resource group", "resourcegroups"];

/// Virtual networks that are not Azure's: on-premises hypervisors' and
/// other clouds' networking words.
const NOT_AZURE_NETWORK: Term = Any(&[
    "VirtualBox",
    "vbox",
    "VMware",
    "vSphere",
    "Hyper-V",
    "libvirt",
    "Proxmox",
    "VPC",
    "subnetwork",
]);

/// ARM's own context around a denial: its endpoint, a resource id, the
/// authorization provider. It outweighs another cloud's mark in the same text.
const ARM_CONTEXT: Term = Any(&[
    "management.azure.com",
    "/subscriptions/",
    "Microsoft.Authorization",
]);

/// The table, in the order of the category ids.
pub const RULES: &[CategoryRule] = &[
    // ───────────────────────── extension ─────────────────────────
    CategoryRule {
        id: "extension_agent_timeout",
        family: "extension",
        title: "Azure got no answer from the cluster's extension agent",
        priority: 11,
        signals: &[
            signal(&[Phrase("response from the agent in time")], 0.97),
            signal(&[Phrase("unable to get a response from the agent")], 0.93),
            signal(&[Phrase("unable to get response from the agent")], 0.93),
            signal(&[Phrase("response from agent in time")], 0.92),
            signal(&[Phrase("from the agent in time")], 0.9),
            signal(&[Phrase("response from the agent"), Phrase("in time")], 0.88),
            signal(&[Phrase("unable to get a"), Phrase("from the ag"), Phrase("in time")], 0.8),
            signal(&[Phrase("getPendingConfigs"), Phrase("not authorized")], 0.9),
            signal(&[Phrase("This traffic is not authorized")], 0.85),
            signal(&[Phrase("Failed to GET configurations with err")], 0.8),
            // Translated consoles and pages: the message is localised but
            // names the cluster extension agent (de, fr, it, es, pt, nl, ja,
            // ko, zh-Hans, zh-Hant).
            signal(&[Phrase("Clustererweiterungs-Agent")], 0.8),
            signal(&[Phrase("agent d'extension de cluster")], 0.8),
            signal(&[Phrase("agente di estensione del cluster")], 0.8),
            signal(&[Phrase("agente de extensión de clúster")], 0.8),
            signal(&[Phrase("agente de extensão de cluster")], 0.8),
            signal(&[Phrase("clusterextensieagent")], 0.8),
            signal(&[Phrase("クラスター拡張機能エージェント")], 0.8),
            signal(&[Phrase("클러스터 확장 에이전트")], 0.8),
            signal(&[Phrase("群集扩展代理")], 0.8),
            signal(&[Phrase("叢集擴充功能代理程式")], 0.8),
        ],
        negative: &[],
        cause: "The cluster cannot talk to Azure: the extension agent and manager pods are not running (resource limits, policy restrictions, node taints such as NoSchedule), egress is blocked by a firewall, or an Azure Arc private link scope sharing the VNet or private DNS makes <region>.dp.kubernetesconfiguration.azure.com resolve to a private IP (\"This traffic is not authorized\").",
        mitigation: &[
            "Inspect the extension pods in kube-system and fix scheduling, taints, memory or policy.",
            "Meet the AKS outbound network and FQDN rules: https://learn.microsoft.com/azure/aks/outbound-rules-control-egress",
            "With an Arc private link scope, prefer separate VNets; otherwise add a CoreDNS hosts override (ConfigMap coredns-custom) mapping the regional data-plane endpoint to its public IP and restart CoreDNS.",
            "Success shows \"GET configurations returned response code {200}\" in the agent logs; then retry the connection.",
        ],
        commands: &[
            "az k8s-extension show --resource-group <rg> --cluster-name <cluster> --cluster-type managedClusters --name sc-extension",
            "kubectl describe pod -n kube-system extension-operator-<id>",
            "kubectl describe pod -n azure-arc extension-manager-<id>",
            "kubectl exec -it -n kube-system extension-agent-<pod-guid> -- nslookup <region>.dp.kubernetesconfiguration.azure.com",
            "kubectl -n kube-system rollout restart deployment coredns",
        ],
    },
    CategoryRule {
        id: "extension_pods_unschedulable",
        family: "extension",
        title: "Extension pods cannot be scheduled",
        priority: 8,
        signals: &[
            signal(&[Phrase("untolerated taint {CriticalAddonsOnly")], 0.95),
            signal(&[Phrase("Extension pods can't be scheduled")], 0.95),
            signal(&[Phrase("Extension pods cannot be scheduled")], 0.95),
            // The taint alone (AKS Automatic requiring it on the system
            // pool) pends no pod: a pod must be left unscheduled.
            signal(&[Phrase("CriticalAddonsOnly"), Phrase("taint"), POD_UNSCHEDULED], 0.9),
            signal(&[Phrase("Extension Pod error"), Phrase("nodes are available")], 0.9),
            // The scheduler finding no node for a pod an extension runs
            // (Azure Machine Learning's, Flux's, Dapr's, any named extension).
            signal(&[SCHEDULER_NO_FIT, EXTENSION_WORKLOAD], 0.86),
            // The namespaces only those extensions use name them anywhere in
            // the text (a quoted, re-wrapped issue puts them lines apart).
            signal(&[Phrase("nodes are available"), Phrase("azureml")], 0.84),
            signal(&[Phrase("nodes are available"), Phrase("flux-system")], 0.84),
            signal(&[Phrase("nodes are available"), Phrase("dapr-system")], 0.84),
            signal(&[Phrase("FailedScheduling"), Phrase("extension-operator")], 0.88),
            signal(&[Phrase("FailedScheduling"), Phrase("extension-agent")], 0.88),
            signal(&[Phrase("FailedScheduling"), Phrase("extension-manager")], 0.88),
            signal(&[Phrase("FailedScheduling"), Phrase("sc-system")], 0.86),
            signal(&[Phrase("untolerated taint"), Phrase("extension")], 0.85),
            signal(&[Phrase("untolerated taint"), Phrase("sc-system")], 0.85),
            signal(&[Phrase("CriticalAddonsOnly"), Phrase("NoSchedule"), POD_UNSCHEDULED], 0.88),
            // The extension's deployment left hanging by the taint, in prose.
            signal(&[Phrase("CriticalAddonsOnly"), Phrase("taint"), Phrase("extension"), Any(&["hangs", "hanging", "hung", "stuck", "times out", "timed out", "bootstrapping"])], 0.86),
        ],
        negative: &[],
        cause: "The extension pods have no toleration for a node taint (typically CriticalAddonsOnly=true:NoSchedule); when every node pool carries it, nothing can run them.",
        mitigation: &[
            "Add a node pool without the CriticalAddonsOnly taint, or remove the taint.",
            "Do not use that taint on a single-node-pool cluster; then retry the connection.",
        ],
        commands: &[
            "kubectl get pods -n kube-system -o wide",
            "kubectl describe pod <pod> -n kube-system",
            "az aks nodepool list -g <rg> --cluster-name <cluster> -o table",
            "az aks nodepool add -g <rg> --cluster-name <cluster> -n <newpool>",
            "az aks nodepool update -g <rg> --cluster-name <cluster> -n <pool> --node-taints \"\"",
        ],
    },
    CategoryRule {
        id: "extension_other",
        family: "extension",
        title: "Other cluster-extension failure",
        priority: 13,
        signals: &[
            signal(&[Phrase("Failed to resolve the extension version")], 0.95),
            signal(&[Phrase("ExtensionTypeRegistrationGetFailed")], 0.95),
            signal(&[Phrase("Extension type"), Phrase("is not registered in region")], 0.9),
            signal(&[Phrase("Extension type"), Phrase("is not supported in region")], 0.9),
            signal(&[Phrase("aka.ms/k8s-extensions-list-cluster")], 0.85),
            signal(&[Phrase("extension-immutable-values")], 0.9),
            signal(&[Phrase("failed to get the immutable configMap")], 0.9),
            signal(&[Phrase("error while adding the CRD configuration")], 0.88),
            signal(&[Phrase("aks-managed-azure-monitor-logs")], 0.85),
            // A lock blocks any resource's delete or update: it is the
            // extension's failure only where the locked operation names it.
            signal(&[Phrase("following scope(s) are locked"), Any(&["Microsoft.KubernetesConfiguration/extensions", "k8s-extension", "sc-extension", "cluster extension"])], 0.85),
            signal(&[Phrase("namespace is terminating"), Phrase("extension")], 0.8),
            signal(&[Code("ExtensionOperationFailed")], 0.8),
            // Every extension-manager code of the form Extension…Failed.
            signal(&[Code("Extension*Failed")], 0.8),
            signal(&[Phrase("Unable to get the status from the local CRD")], 0.88),
            signal(&[Phrase("Unable to store the extension config")], 0.86),
            signal(&[Phrase("extensionconfigs.clusterconfig.azure.com")], 0.82),
            signal(&[Phrase("Retry for given duration didn't get any results")], 0.85),
            signal(&[Phrase("status not populated")], 0.82),
            signal(&[Phrase("FailedToLoadClusterExtensionConfig")], 0.86),
            signal(&[Phrase("InstallState of Cluster Extension")], 0.86),
            // The extension's namespace being deleted; any other namespace's is the API server's own answer.
            signal(&[Phrase("unable to create new content in namespace"), Phrase("being terminated"), Any(&["extension", "namespace azureml"])], 0.8),
            signal(&[Phrase("Extension failed to deploy")], 0.8),
            signal(&[Phrase("Microsoft.KubernetesConfiguration/extensions/"), Phrase("failed")], 0.78),
            signal(&[Phrase("ExtensionOperationFailed")], 0.78),
            signal(&[Phrase("The extension operation failed")], 0.78),
            signal(&[Phrase("k8s-extension"), Phrase("provisioningState"), Phrase("Failed")], 0.6),
            signal(&[Phrase("sc-extension"), Phrase("failed")], 0.6),
            signal(&[Phrase("needed by system extensions")], 0.82),
            // The extension manager's troubleshooting link and its
            // identity-for-extension failure.
            signal(&[Phrase("aka.ms/k8s-extensions-TSG")], 0.82),
            signal(&[Any(&["identity for extension", "identity for the extension"]), Any(&["Unable to create", "failed to create", "Failed to create"])], 0.86),
            // Every extension-manager code (`ExtensionAlreadyExists`, `ExtensionTypeNotFound`, …).
            signal(&[Code("Extension*")], 0.8),
        ],
        negative: &[],
        cause: "The cluster extension manager reported a failure that is not a Helm, scheduling, policy or registration problem: a version that does not exist, an extension type not registered in the region, a missing immutable ConfigMap, a resource lock, a terminating namespace, or an Azure Monitor core extension managed by the add-on.",
        mitigation: &[
            "Read the message in errorInfo and in statuses[] (level Error) of the extension.",
            "Version not found: use a version that exists. Type not registered in region: install in a supported region.",
            "Missing extension-immutable-values ConfigMap: restart the cluster, register Microsoft.KubernetesConfiguration, or force-delete and reinstall the extension.",
            "Scope locked: remove the lock and retry. Azure Monitor core extensions: use the add-on experience.",
            "Deleting sc-extension makes every connection in the cluster unavailable: recreate the connections afterwards.",
        ],
        commands: &[
            "az k8s-extension show --resource-group <rg> --cluster-name <cluster> --cluster-type managedClusters --name sc-extension",
            "az lock list -g <rg> -o table",
            "az lock delete --name <lock> -g <rg>",
            "az provider register -n Microsoft.KubernetesConfiguration",
        ],
    },
    // ───────────────────────── Helm ─────────────────────────
    CategoryRule {
        id: "helm_timeout",
        family: "Helm",
        title: "Timed out waiting for resource readiness",
        priority: 10,
        signals: &[
            signal(&[Phrase("Timed out waiting for resource readiness")], 0.97),
            signal(&[Phrase("Timed out waiting for the resource to come to a ready")], 0.95),
            // kubelet and kubectl say the same in their own waits
            // (`KUBE_WAIT`). Another tool's own step that timed out
            // (`Error creating pod: timed out waiting for the condition`
            // from a job runner) is no Helm wait unless Helm's words say so
            // (the signals below).
            // The wait's words alone are also a CI job's: weak, they count
            // next to the domain's words; on Helm's `Error:` line or near
            // Helm's words they are Helm's.
            signal_unless(
                &[Phrase("timed out waiting for the condition")],
                &[KUBE_WAIT, OTHER_STEP_TIMED_OUT],
                0.74,
            ),
            signal_unless(
                &[Phrase("timed out waiting for the condition"), Any(&["Error:", "release", "hook", "helm", "tiller", "chart", "upgrade", "install"])],
                &[KUBE_WAIT, OTHER_STEP_TIMED_OUT],
                0.9,
            ),
            signal(&[Phrase("job failed: BackoffLimitExceeded")], 0.85),
            signal(&[Phrase("uninstalled due to atomic being set"), Phrase("timed out")], 0.9),
            signal_unless(
                &[Phrase("timed out waiting for condition")],
                &[Phrase("Unable to attach or mount volumes")],
                0.88,
            ),
            // Helm's --wait surfaces as a context deadline in its own error lines.
            signal(&[Phrase("Helm installation failed: context deadline exceeded")], 0.9),
            signal(&[Phrase("FAILED: context deadline exceeded")], 0.88),
            signal(&[Phrase("failed to install release: context deadline exceeded")], 0.88),
            signal(&[Phrase("client rate limiter Wait returned an error")], 0.8),
            signal(&[Phrase("would exceed context deadline")], 0.8),
            signal(&[Phrase("Helm install failed"), Phrase("context deadline exceeded")], 0.86),
            signal(&[Phrase("Helm upgrade failed"), Phrase("context deadline exceeded")], 0.86),
            signal(&[Phrase("uninstalled due to atomic being set"), Phrase("context deadline exceeded")], 0.9),
            // Readiness progress lines next to an explicit non-timeout Helm error are not the failure.
            signal_unless(&[Phrase("expected pods are ready")], &[Phrase("cannot re-use a name that is still in use")], 0.8),
            signal(&[Phrase("failed pre-install: timed out")], 0.9),
            signal(&[Phrase("failed post-install: timed out")], 0.9),
            signal(&[Phrase("failed pre-upgrade: timed out")], 0.9),
            signal(&[Phrase("failed post-upgrade: timed out")], 0.9),
            signal(&[Phrase("resource not ready, name:")], 0.85),
            signal(&[Phrase("not ready. status: InProgress")], 0.85),
            signal(&[Phrase("job failed: DeadlineExceeded")], 0.85),
            // Tools around Helm (Terraform's helm_release, Pulumi, scripts)
            // report the --wait timeout as a bare context deadline.
            // Not a webhook call or an HTTP client that timed out: that is no readiness wait.
            signal_unless(
                &[Phrase("helm"), Phrase("context deadline exceeded")],
                &[Phrase("failed calling webhook"), Phrase("Client.Timeout")],
                0.78,
            ),
            // `?timeout=30s` in a webhook URL is no readiness wait.
            signal_unless(&[Phrase("due to atomic being set"), Phrase("timeout")], &[Phrase("?timeout="), Phrase("failed to create resource")], 0.88),
            signal_unless(&[Phrase("timeout waiting for the condition")], &[Phrase("Unable to attach or mount volumes")], 0.86),
            // Helm's readiness wait in the words of the tools around it.
            signal_unless(
                &[Any(&["helm", "release", "chart"]), Any(&["timed out waiting", "wait timeout", "timed out after waiting", "exceeded its progress deadline"])],
                &[Phrase("Unable to attach or mount volumes"), Phrase("failed calling webhook")],
                0.82,
            ),
        ],
        negative: &[],
        cause: "The chart's pods did not become ready in time: CPU/memory limits, policy constraints or node taints (NoSchedule), an architecture mismatch (Linux workload on a Windows node or the reverse), or configuration values that keep pods from starting.",
        mitigation: &[
            "Check node resources and that scheduling is allowed (taints).",
            "Inspect the events of the sc-system namespace and the chart's configuration values.",
            "Then retry the connection.",
        ],
        commands: &[
            "az k8s-extension show --resource-group <rg> --cluster-name <cluster> --cluster-type managedClusters --name sc-extension",
            "helm list -n sc-system",
            "kubectl get pods -n sc-system -o wide",
            "kubectl describe pod <pod> -n sc-system",
            "kubectl get events -n sc-system --sort-by=.lastTimestamp",
        ],
    },
    CategoryRule {
        id: "helm_chart_download",
        family: "Helm",
        title: "The Helm chart cannot be downloaded",
        priority: 10,
        signals: &[
            // A chart that never arrived in Helm's other words: a repository
            // never added (`repo x not found` on Helm's error line), no
            // version of an OCI chart matching, a downloader plugin failing
            // while it fetches, a repository index that is not YAML on
            // `helm repo add` or `helm repo update`.
            signal_unless(
                &[Any(&["Error: repo", "FAILED: repo", "failed: repo"]), Phrase("not found")],
                &[Any(&["GitHub", "GitLab", "remote URL", "git remote", "git clone"])],
                0.86,
            ),
            signal(&[Phrase("locate a version matching"), Any(&["helm", "chart", "oci://", "INSTALLATION FAILED", "UPGRADE FAILED"])], 0.88),
            signal(&[Phrase("plugin"), Phrase("exited with error"), Any(&["helm", "chart", "INSTALLATION FAILED", "UPGRADE FAILED"])], 0.86),
            signal(&[Any(&["helm repo add", "helm repo update"]), Any(&["invalid leading UTF-8 octet", "error converting YAML to JSON", "cannot unmarshal"])], 0.88),
            signal(&[Phrase("Unable to download the Helm chart")], 0.97),
            signal(&[Phrase("failed to download"), Phrase("chart")], 0.85),
            // Helm's dependency resolution finding no version of a subchart
            // in its repository.
            signal(&[Phrase("can't get a valid version for"), Phrase("subchart")], 0.86),
            signal(&[Phrase("failed to download"), Phrase("helm")], 0.85),
            signal(&[Phrase("failed to download oci://")], 0.9),
            signal(&[Phrase("failed to download"), Phrase("at version")], 0.88),
            signal(&[Phrase("helm chart from the registry")], 0.9),
            signal_unless(&[Phrase("unable to pull"), Phrase("chart")], &[Phrase("pull image")], 0.85),
            signal(&[Phrase("no cached repo found")], 0.86),
            signal_unless(&[Phrase("oci://"), Phrase("manifest unknown")], &[Phrase("pull image")], 0.85),
            signal(&[Phrase("is not a valid chart repository or cannot be reached")], 0.85),
            signal(&[Phrase("scaksextension.azurecr.io"), Phrase("dial tcp")], 0.85),
            signal(&[Phrase("scaksextension.azurecr.io"), Phrase("i/o timeout")], 0.85),
            // `helm repo add` giving up on the repository (Argo CD's repo
            // server runs it with its own timeout).
            signal(&[Phrase("helm repo add"), Any(&["timeout after", "timed out", "i/o timeout", "deadline exceeded"])], 0.85),
            signal(&[Phrase("scaksextension.azurecr.io"), Phrase("no such host")], 0.85),
            signal(&[Phrase("scaksextension.azurecr.io"), Phrase("403 Forbidden")], 0.8),
            signal(&[Phrase("scaksextension.azurecr.io"), Phrase("chart")], 0.8),
            // Chart repositories over HTTP: the index or the archive cannot
            // be fetched (403, 404, DNS, TLS …).
            signal(&[Phrase("failed to fetch"), Phrase("index.yaml")], 0.88),
            signal(&[Phrase("failed to fetch"), Phrase(".tgz")], 0.86),
            signal(&[Phrase("failed to fetch Helm repository index")], 0.9),
            signal(&[Phrase("Unable to get an update from the"), Phrase("chart repository")], 0.85),
            signal(&[Phrase("running helm repo update may help")], 0.9),
            // Helm 2's warning on an old index (`Deprecated index file
            // format. Try 'helm repo update'`) comes with a fetched chart.
            signal_unless(&[Phrase("try helm repo update")], &[Phrase("Deprecated index file format")], 0.86),
            // Controllers and wrappers around the pull (Flux, Argo CD, the
            // extension manager, Pulumi, Terraform).
            signal(&[Phrase("ChartFetchFailed")], 0.9),
            signal(&[Phrase("ChartPullFailed")], 0.88),
            signal(&[Phrase("IndexationFailed")], 0.86),
            signal(&[Phrase("HelmRelease"), Phrase("ArtifactFailed")], 0.82),
            signal(&[Phrase("chart pull error")], 0.9),
            signal(&[Phrase("failed to pull chart")], 0.9),
            signal(&[Phrase("helm chart pull"), Phrase("failed")], 0.86),
            signal(&[Phrase("download the chart")], 0.85),
            signal(&[Phrase("Chart not found")], 0.85),
            signal(&[Phrase("Failed to setup Helm client"), Phrase("not found")], 0.85),
            // OCI registries: the registry API answers with an error.
            signal(&[Phrase("could not download oci://")], 0.9),
            signal(&[Phrase("failed to perform FetchReference")], 0.88),
            signal(&[Phrase("failed to get chart version")], 0.86),
            signal(&[Phrase("chart for remote reference")], 0.86),
            signal(&[Phrase("could not download http")], 0.86),
            signal(&[Phrase("chart"), Phrase("not found in repository")], 0.85),
            signal(&[Phrase("helm pull"), Phrase("failed")], 0.82),
            signal(&[Phrase("failed to authorize"), Phrase("chart")], 0.82),
            signal(&[Phrase("/index.yaml"), Phrase("dial tcp")], 0.86),
            signal(&[Phrase("/index.yaml"), Phrase("x509")], 0.86),
            signal(&[Phrase("/index.yaml"), Phrase("Forbidden")], 0.86),
            signal(&[Phrase("/index.yaml"), Phrase("404")], 0.84),
            signal_unless(&[Phrase("oci://"), Phrase("unauthorized")], &[Phrase("pull image")], 0.85),
            signal_unless(&[Phrase("oci://"), Phrase("403 Forbidden")], &[Phrase("pull image")], 0.85),
            // Not the API server's answers to the rendered release (`resource
            // mapping not found`, `no matches for kind`) near the chart's
            // address: the chart was fetched.
            signal_unless(&[Phrase("oci://"), Phrase("not found")], &[Phrase("pull image"), KUBE_MAPPING_MISSING], 0.82),
            signal_unless(&[Phrase("oci://"), Phrase("denied")], &[Phrase("pull image"), Phrase("admission webhook")], 0.85),
            signal_unless(&[Phrase("/tags/list"), Phrase("unexpected status"), CHART_WORDS], IMAGE_PULL, 0.85),
            signal_unless(&[Phrase("/v2/"), Phrase("/blobs/"), Phrase("unexpected status"), CHART_WORDS], IMAGE_PULL, 0.82),
            signal_unless(&[Phrase("/v2/"), Phrase("/manifests/"), Phrase("unexpected status"), CHART_WORDS], IMAGE_PULL, 0.82),
            signal(&[Phrase("failed to pull helm chart")], 0.9),
            signal(&[Phrase("error pulling chart")], 0.9),
            // Go's HTTP client fetching a chart archive or a repository index:
            // `Get "https://…/chart-1.2.3.tgz": EOF`.
            signal(&[Phrase("Get http"), Any(&[".tgz", "index.yaml"]), Any(&["helm", "chart", "INSTALLATION FAILED:", "UPGRADE FAILED", "repo"])], 0.86),
            signal(&[Phrase("download chart")], 0.85),
            signal(&[Phrase("ChartPullError")], 0.9),
            signal(&[Phrase("no chart version found")], 0.88),
            // Helm's repository lookup (`chart "x" version "y" not found in
            // https://… repository`), also as Flux v1's helm-operator reports
            // it (`chart unavailable: …`); a package's artifact missing from
            // its repository names no chart.
            signal(&[Phrase("chart"), Any(&["not found in http", "not found in oci://"]), Phrase("repository")], 0.86),
            signal(&[Phrase("chart unavailable:"), Any(&["failed to prepare chart", "synchronization of release", "helm"])], 0.86),
            signal(&[Phrase("no chart name found")], 0.88),
            signal(&[Phrase("Error: chart"), Phrase("not found")], 0.86),
            // Helm's own error line about a chart reference it could not fetch.
            // Not a release asset or a Terraform provider.
            signal_unless(
                &[Phrase("Error: failed to download")],
                &[Phrase("provider"), Phrase("/releases/download/"), Phrase(".zip"), Phrase(".exe")],
                0.8,
            ),
            // An OCI chart's tag list: Helm lists tags to resolve a chart version; image pulls never do.
            signal_unless(&[Phrase("/v2/"), Phrase("/tags/list"), CHART_WORDS], IMAGE_PULL, 0.85),
            signal(&[Phrase("pulling from host"), Phrase("failed with status code")], 0.86),
            // The registry API unreachable or refusing a chart pull
            // (`failed to do request: Head "https://<registry>/v2/<chart>/manifests/<tag>": dial tcp …`);
            // an image pull or an image build (the same API) names no chart.
            signal_unless(
                &[Phrase("failed to do request"), Any(&["/manifests/", "/tags/list", "/blobs/"]), CHART_WORDS],
                IMAGE_PULL,
                0.84,
            ),
            signal(&[Phrase("tags in provided repository")], 0.88),
            // Helm's getters and dependency manager: no handler for the
            // scheme of a repository or dependency URL (`could not find
            // protocol handler for: x`, Helm 2's `unsupported protocol scheme
            // "gs"`), no repository known for a dependency.
            signal(&[Any(&["protocol handler", "unsupported protocol scheme", "no repository definition"]), Any(&["helm", "chart", "dependenc"])], 0.86),
            // A chart reference ORAS or Helm cannot parse (an image's is the
            // same error without a chart word).
            signal_unless(&[OCI_REFERENCE_INVALID, CHART_WORDS], IMAGE_PULL, 0.82),
            // Flux's OCIRepository resolving a chart's tag in the registry.
            signal(&[Phrase("failed to determine artifact digest"), CHART_WORDS], 0.84),
            signal_unless(&[Phrase("/v2/"), Phrase("/manifests/"), Phrase("response status code"), CHART_WORDS], IMAGE_PULL, 0.82),
            signal_unless(&[Phrase("/v2/"), Phrase("/blobs/"), Phrase("response status code"), CHART_WORDS], IMAGE_PULL, 0.82),
        ],
        negative: &[],
        cause: "Connectivity between the cluster and the chart registry is blocked (firewall, egress rules, proxy).",
        mitigation: &[
            "Follow the AKS outbound network and FQDN rules.",
            "For Service Connector, add the FQDN scaksextension.azurecr.io to the egress allow list, then retry.",
        ],
        commands: &[
            "kubectl run nettest -n default --rm -it --image=<image-with-curl> -- curl -sSI https://scaksextension.azurecr.io/v2/",
            "az k8s-extension show --resource-group <rg> --cluster-name <cluster> --cluster-type managedClusters --name sc-extension",
            "helm list -n sc-system",
        ],
    },
    CategoryRule {
        id: "helm_render",
        family: "Helm",
        title: "Helm chart rendering failed with the given values",
        priority: 10,
        signals: &[
            // Helm 2's renderer failing as a whole (`Error: rendering template
            // failed: … nil pointer dereference`) and sprig's `merge` on a nil map.
            signal(&[Phrase("rendering template failed"), Any(&["Error:", "helm", "tiller", "chart"])], 0.86),
            signal(&[Any(&["error calling merge", "error calling mergeOverwrite"]), Any(&["template", "helm", "chart", "nil pointer"])], 0.86),
            // The extension's headings wrap inner errors too: a permission
            // denied inside one is that denial, not a render failure.
            signal_unless(&[Phrase("Helm chart rendering failed with given values")], RBAC_DENIAL, 0.97),
            signal_unless(&[Phrase("Unable to render the Helm chart")], RBAC_DENIAL, 0.95),
            signal(&[Phrase("execution error at (")], 0.9),
            signal(&[Phrase("Error: template:")], 0.88),
            signal(&[Phrase("function"), Phrase("not defined"), Phrase("template")], 0.85),
            signal(&[Phrase("nil pointer evaluating interface")], 0.9),
            signal(&[Phrase("template:"), Phrase("can't evaluate field")], 0.9),
            signal(&[Phrase("template:"), Phrase("error calling")], 0.85),
            signal(&[Phrase("error converting YAML to JSON")], 0.8),
            // Go template errors in any wrapper: `template: <file>:<line>:
            // executing "<name>" at <…>: …`.
            // Argo CD's ApplicationSet runs Go templates of its own.
            signal_unless(&[Phrase("template:"), Phrase("executing"), Phrase("at <"), HELM_CONTEXT], &[NOT_HELM_TEMPLATE], 0.88),
            // Go's template parser (`parse error in "<chart>/templates/…":
            // template: …: unexpected "=" in operand`, an unclosed action)
            // on a chart's file, also under Helm 2's release heading.
            signal(&[Phrase("template:"), Phrase("templates/"), HELM_NAMED, Any(&["parse error in", "in operand", "unclosed action", "unexpected EOF", "unterminated quoted string", "unexpected {{end}}"])], 0.88),
            signal(&[Phrase("template:"), Phrase("not defined")], 0.85),
            // Helm's engine's heading of a parse error on a chart's file
            // (`parse error in "<chart>/templates/x.yaml": template: …`), as
            // helm-unittest prints it without naming Helm.
            signal(&[Phrase("parse error in"), Phrase("/templates/"), Phrase("template:"), Any(&["undefined variable", "in operand", "unclosed action", "unexpected", "not defined"])], 0.86),
            // kustomize inflating a chart (`--enable-helm`, `helmCharts:`)
            // and failing on the rendered YAML or a template.
            signal(&[Any(&["--enable-helm", "helmCharts"]), Any(&["yaml: unmarshal errors", "already defined at line", "yaml: line", "template:"])], 0.86),
            signal(&[Phrase("parse error at ("), Phrase("templates/")], 0.86),
            signal(&[Phrase("YAML parse error on")], 0.88),
            // Helm 2: `Error: render error in "<chart>/templates/<file>": template: …`.
            signal(&[Phrase("render error in")], 0.88),
            signal(&[Phrase("wrong type for value")], 0.85),
            signal(&[Phrase("no template"), Phrase("associated with template")], 0.86),
            signal(&[Phrase("values don't meet the specifications of the schema")], 0.88),
        ],
        // Other Go template engines (Hugo) say the same about their own templates.
        negative: &[Phrase("Error building site"), Phrase("execute of template failed")],
        cause: "Mandatory configuration settings (Helm values) are missing or wrong for the chart.",
        mitigation: &[
            "Check the extension's documented configuration settings.",
            "Service Connector sets sc-extension's values itself: retry, update the extension, or open a support case.",
        ],
        commands: &[
            "az k8s-extension show --resource-group <rg> --cluster-name <cluster> --cluster-type managedClusters --name sc-extension",
            "helm list -n sc-system",
        ],
    },
    CategoryRule {
        id: "helm_resource_exists",
        family: "Helm",
        title: "A resource already exists in the cluster",
        priority: 10,
        signals: &[
            signal(&[Phrase("rendered manifests contain a resource that already exists")], 0.97),
            signal(&[Phrase("Resource already exists in your cluster")], 0.95),
            signal(&[Phrase("Resource already existing in your cluster")], 0.95),
            signal(&[Phrase("exists and cannot be imported into the current release")], 0.95),
            signal(&[Phrase("invalid ownership metadata")], 0.85),
            signal(&[Phrase("Unable to continue with install"), Phrase("exists")], 0.9),
            signal(&[Phrase("Unable to continue with update"), Phrase("exists")], 0.9),
            // Helm 2 and early Helm 3: `Error: release <r> failed: <kind> "<name>" already exists`.
            signal(&[Phrase("Error: release"), Phrase("failed"), Phrase("already exists")], 0.85),
            // Helm 2: `kind <K> with the name "<n>" already exists in the cluster and wasn't defined in the previous release`.
            signal_unless(&[Phrase("already exists"), Any(&["previous release", "current release"])], &[RELEASE_NAME_TAKEN], 0.86),
            signal_unless(&[Phrase("already exists"), Any(&["UPGRADE FAILED", "INSTALLATION FAILED:", "helm install", "helm upgrade", "helm.sh"])], &[RELEASE_NAME_TAKEN], 0.84),
            // A Kubernetes object (`<kind>.<group> "<name>"`) that already
            // exists, reported by Helm or a controller of Helm releases;
            // not a repository or plugin name.
            signal_unless(
                &[Any(&["helm", "HelmRelease", "chart", "tiller"]), Any(&["already exists"]), Any(&["k8s.io", "Error: Error:", "in namespace", "kind"])],
                // Hooks' failures are the wrapped-install category's.
                &[Any(&["repository name", "repo add", "plugin", "already exists with the same configuration", "post-install", "pre-install", "post-upgrade", "pre-upgrade"]), RELEASE_NAME_TAKEN],
                0.84,
            ),
            // Early Helm 3 printed the API server's answer on its own
            // `Error:` line (`Error: serviceaccounts "x" already exists`);
            // kubectl prints it after `Error from server (AlreadyExists):`.
            signal(&[HELM_ERROR_KIND, Phrase("already exists")], 0.82),
            // Helm installing by kubectl's create (Helm Classic) and the API
            // server's answer after it, on a line of its own; kubectl alone
            // names no Helm.
            signal_unless(&[Phrase("helm install"), Phrase("error when creating"), Phrase("already exists")], &[RELEASE_NAME_TAKEN], 0.84),
            signal_unless(&[Phrase("helm upgrade"), Phrase("error when creating"), Phrase("already exists")], &[RELEASE_NAME_TAKEN], 0.84),
            signal_unless(&[Phrase("helm install"), Phrase("Error from server (AlreadyExists)")], &[RELEASE_NAME_TAKEN], 0.84),
            signal_unless(&[Phrase("helm upgrade"), Phrase("Error from server (AlreadyExists)")], &[RELEASE_NAME_TAKEN], 0.84),
            // The extension's own advice after the message, kept in English in translated pages.
            signal(&[Phrase("-n {resource namespace}")], 0.88),
            signal(&[Phrase("-n <resource namespace>")], 0.88),
            signal(&[Phrase("annotation validation error"), Phrase("meta.helm.sh/release")], 0.9),
            signal(&[Phrase("label validation error"), Phrase("app.kubernetes.io/managed-by")], 0.9),
        ],
        negative: &[],
        cause: "A resource in the cluster conflicts with one the chart installs and cannot be adopted by the release; the message usually names it.",
        mitigation: &[
            "If the resource is not critical, delete it and retry.",
            "If it is essential and cannot be replaced, the extension may not be installable.",
        ],
        commands: &[
            "kubectl get <type> <name> -n <resource-namespace> -o yaml",
            "kubectl delete <type> -n <resource-namespace> <name>",
            "helm list -n sc-system",
        ],
    },
    CategoryRule {
        id: "helm_operation_in_progress",
        family: "Helm",
        title: "Another Helm operation is in progress",
        priority: 10,
        signals: &[
            signal(&[Phrase("another operation (install/upgrade/rollback) is in progress")], 0.97),
            signal(&[Phrase("Operation is already in progress for Helm")], 0.95),
            signal(&[Phrase("operation for the helm chart is still in progress")], 0.9),
            signal_unless(
                &[Phrase("helm"), Phrase("another operation"), Phrase("in progress")],
                &[Code("OperationNotAllowed"), Phrase("please wait for it to finish")],
                0.8,
            ),
            signal(&[Phrase("helm"), Phrase("pending-upgrade")], 0.8),
            signal(&[Phrase("helm"), Phrase("pending-install")], 0.8),
            signal(&[Phrase("helm"), Phrase("pending-rollback")], 0.8),
            // Helm 2's release states and the same lock named by tools around Helm.
            signal(&[Any(&["helm", "release", "tiller"]), Any(&["PENDING_UPGRADE", "PENDING_INSTALL", "PENDING_ROLLBACK"])], 0.8),
        ],
        negative: &[],
        cause: "The Helm release already has an install, upgrade or rollback running.",
        mitigation: &["Wait 10 minutes, then retry."],
        commands: &[
            "helm list -n sc-system",
            "helm list -n sc-system --pending",
            "helm history <release> -n sc-system",
        ],
    },
    CategoryRule {
        id: "helm_install_other",
        family: "Helm",
        title: "Other Helm install/upgrade failure",
        priority: 12,
        signals: &[
            // Helm 2's `Error: release x failed:` heading around the API
            // server refusing an object (`is invalid`, `Invalid value`).
            signal(&[Phrase("Error: release"), Phrase("failed:"), Any(&["is invalid:", "Invalid value:", "must be no more than"])], 0.84),
            // Helm 4's server-side apply meeting another field manager, also
            // as k3s's helm-controller reports it.
            signal(&[Phrase("conflict occurred while applying object"), Phrase("failed")], 0.84),
            // A post-renderer that cannot run, and subcharts that were not
            // vendored (`found in Chart.yaml, but missing in charts/ directory`).
            signal(
                &[
                    Any(&["--post-renderer", "post-renderer", "error while running post render"]),
                    Any(&["unable to find binary", "no such file or directory", "executable file not found", "exit status", "exited with error"]),
                ],
                0.84,
            ),
            signal(&[Phrase("but missing in charts/ directory")], 0.86),
            signal(&[Phrase("unable to create/update Kubernetes resources for the extension")], 0.88),
            signal(&[Phrase("Helm installation failed")], 0.8),
            signal(&[Phrase("Error: INSTALLATION FAILED")], 0.8),
            signal(&[Phrase("Error: UPGRADE FAILED")], 0.8),
            // The extension status's generic code; the extension manager's own messages decide.
            signal_unless(
                &[Code("InstallationFailed")],
                &[
                    Phrase("Unable to get the status from the local CRD"),
                    Phrase("Unable to store the extension config"),
                    Phrase("Failed to resolve the extension version"),
                    Phrase("extension-immutable-values"),
                ],
                0.78,
            ),
            signal(&[Phrase("helm upgrade failed")], 0.76),
            signal(&[Phrase("Helm install failed")], 0.8),
            signal(&[Phrase("failed to install chart from path")], 0.82),
            signal(&[Phrase("Helm installation from path")], 0.82),
            signal(&[Phrase("uninstalled due to atomic being set")], 0.84),
            signal(&[Phrase("install retries exhausted")], 0.85),
            signal(&[Phrase("HelmRelease"), Phrase("InstallFailed")], 0.82),
            signal(&[Phrase("HelmRelease"), Phrase("UpgradeFailed")], 0.82),
            signal(&[Phrase("upgrade retries exhausted")], 0.85),
            signal(&[Phrase("failed to install release")], 0.8),
            signal(&[Phrase("unable to build kubernetes objects from release manifest")], 0.86),
            // Helm 2 validating a rendered manifest against the API's schema
            // (`error validating data: ValidationError(…): invalid type`,
            // `expected type int, for field …`), also under its release heading.
            signal(&[Phrase("error validating data"), Any(&["ValidationError(", "invalid type", "expected type", "unknown field"]), HELM_NAMED], 0.86),
            signal(&[Phrase("cannot re-use a name that is still in use")], 0.88),
            // A release name already taken, in any Helm's words.
            signal(&[RELEASE_NAME_TAKEN, Any(&["in use", "already exists", "already taken"])], 0.86),
            // Helm 2's release record, not a Kubernetes object, already
            // exists: ranked ahead of the resource-exists reading of its words.
            signal_ranked(HELM2_RECORD_TAKEN, 0.88, 9),
            signal(&[Phrase("has no deployed releases")], 0.85),
            // Helm's own refusals before anything is applied: a library
            // chart, the chart's Kubernetes version constraint (Helm 3's
            // `kubeVersion`, Helm 2's `kubernetesVersion`), Helm 4's client
            // options, an object's namespace against the release's (kubectl
            // words the last one too: Helm's command must show).
            signal(&[Phrase("library charts are not installable")], 0.86),
            signal(&[Any(&["chart requires kubeVersion", "chart requires kubernetesVersion"]), Phrase("incompatible with Kubernetes")], 0.86),
            signal(&[Any(&["invalid client update option", "invalid client create option", "forceConflicts enabled"])], 0.84),
            signal(&[Phrase("from the provided object"), Phrase("does not match the namespace"), Any(&["helm install", "helm upgrade", "helm3", "helm.go", "tiller"])], 0.84),
            // Helm's own refusals of a release: a name its validation
            // rejects, a release its storage does not hold while
            // `upgrade --install` runs (`Installing it now`, then `Error:`).
            signal(&[Phrase("invalid release name, must match regex")], 0.82),
            signal(&[Any(&["invalid release name", "release name is invalid"])], 0.74),
            signal(&[Any(&["does not exist. Installing it now", "getting deployed release"]), Any(&["Error:", "release: not found"])], 0.8),
            // A kind with no CRD is Helm's failure only where Helm installs
            // (kubectl's apply prints the same words, with the file it read
            // where Helm's rendered manifest shows `from ""`).
            signal(&[KUBE_MAPPING_MISSING, Any(&["helm", "chart", "tiller", "release", "UPGRADE FAILED", "INSTALLATION FAILED", "from \"\": no matches"])], 0.85),
            signal(&[Phrase("Error: create: failed to create")], 0.82),
            // Helm's storage running out of time while it writes its release
            // record: no readiness wait, ranked ahead of Helm's wait.
            signal_ranked(&[HELM_RECORD_WRITE, Phrase("context deadline exceeded"), HELM_CONTEXT], 0.86, 9),
            // Tiller's gRPC answer relayed by Helm 2's client or a wrapper
            // (an installer's step log); a cause of another category in its
            // `desc` wins by rank.
            signal(&[Phrase("rpc error: code = Unknown desc"), HELM_INSTALLING], 0.8),
            signal(&[Phrase("Cannot patch"), Phrase("field is immutable")], 0.78),
            signal(&[Phrase("Helm rollback failed")], 0.8),
            signal(&[Phrase("Helm uninstall failed")], 0.8),
            signal(&[Phrase("Helm test failed")], 0.8),
            signal(&[Phrase("HelmRelease"), Phrase("RetriesExceeded")], 0.8),
            // Helm's kube client wording of a resource it could not create,
            // update or delete (webhooks, admission, API errors), and Helm 2's
            // bare failure headings (the key form ignores spaces, so
            // `INSTALLATION FAILED` alone would also be the extension's code
            // `InstallationFailed`).
            signal(&[Any(&["failed to create resource:", "failed to update resource:", "failed to replace object:", "failed to delete resource:"])], 0.8),
            // Weak: other tools print such headings too (AKS's own
            // `UpgradeFailed` code, extracted as a code, is no Helm heading).
            // With its colon it is Helm's heading; bare (`upgrade failed
            // after …`, a scale set's rolling upgrade) it needs Helm's words.
            signal_unless(&[Any(&["UPGRADE FAILED:", "INSTALLATION FAILED:", "ROLLBACK FAILED:", "UNINSTALLATION FAILED:"])], &[Code("UpgradeFailed"), VM_UPGRADE], 0.74),
            signal_unless(&[Any(&["UPGRADE FAILED", "ROLLBACK FAILED"]), Any(&["helm", "release", "chart", "tiller"])], &[Code("UpgradeFailed"), VM_UPGRADE], 0.74),
            // Helm 2 (Tiller): `Error: release <name> failed: <inner error>`.
            signal(&[Any(&["Error: release"]), Any(&["failed:"])], 0.74),
            // A Helm controller's release failure carrying the API server's
            // answer (the other inner causes have their own categories).
            signal(&[CONTROLLER_RELEASE_FAILED, API_SERVER_ANSWER], 0.8),
            signal(&[CONTROLLER_RELEASE_FAILED, KUBE_MAPPING_MISSING], 0.8),
            // The API server's answer to a resource Helm creates: an admission
            // webhook that cannot be called or denies it, an internal error.
            // Next to Helm's command or its upgrade-install wording, or as
            // Helm's bare `Error:` line (kubectl words the same answer `Error
            // from server`; Terraform's providers and Flux's dry runs print
            // `error:` too).
            signal_unless(&[Any(&["helm install", "helm upgrade", "Installing it now", "helm.go", "helm_release", "tiller"]), API_SERVER_ANSWER], &[Phrase("Error from server")], 0.8),
            // Helm 3's hook failures: `failed post-install: job failed: …`.
            signal(&[Any(&["failed pre-install:", "failed post-install:", "failed pre-upgrade:", "failed post-upgrade:", "failed pre-rollback:", "failed post-rollback:"])], 0.8),
            // A CRD Helm installs from the chart's crds/ folder, refused.
            signal(&[Any(&["failed to install CRD"])], 0.8),
            // (`kubectl exec` prints `error: Internal error occurred` too.)
            signal_unless(&[Any(&["Error: Internal error occurred", "Error: admission webhook", "Error: failed calling webhook"])], &[Phrase("terraform"), Phrase(".tf line"), Phrase("dry-run"), Phrase("kustomiz"), Phrase("executing command in container")], 0.74),
            signal(&[Any(&["pre-install", "post-install", "pre-upgrade", "post-upgrade", "pre-delete", "post-delete", "pre-rollback", "post-rollback"]), Any(&["hook", "hooks"]), Any(&["failed", "error"])], 0.8),
        ],
        // Helm that cannot reach the cluster at all reports no install
        // failure of its own.
        negative: &[Phrase("Kubernetes cluster unreachable")],
        cause: "A wrapped Helm install or upgrade failed for a reason other than the five known Helm errors; commonly an admission policy or webhook rejecting resources, or an API error. Read the inner error.",
        mitigation: &[
            "Check admission policies and webhooks that apply to sc-system.",
            "Check the events of sc-system, then retry.",
        ],
        commands: &[
            "kubectl get events -n sc-system --sort-by=.lastTimestamp",
            "helm list -n sc-system",
            "az k8s-extension show --resource-group <rg> --cluster-name <cluster> --cluster-type managedClusters --name sc-extension",
        ],
    },
    // ───────────────────────── Service Connector / ARM ─────────────────────────
    CategoryRule {
        id: "sc_job_failed",
        family: "Service Connector",
        title: "The sc-job / sc-system pods failed",
        priority: 9,
        signals: &[
            signal(&[Phrase("sc-operator"), Phrase("pull")], 0.9),
            signal(&[Phrase("sc-job"), Phrase("ImagePullBackOff")], 0.9),
            signal(&[Phrase("sc-job"), Phrase("ErrImagePull")], 0.9),
            signal(&[Phrase("sc-job"), Phrase("CrashLoopBackOff")], 0.9),
            signal_unless(
                &[Phrase("sc-job"), Phrase("BackoffLimitExceeded")],
                &[Phrase("Timed out waiting for resource readiness")],
                0.88,
            ),
            signal(&[Phrase("sc-job"), Phrase("DeadlineExceeded")], 0.85),
            signal(&[Phrase("sc-system"), Phrase("ImagePullBackOff")], 0.85),
            signal(&[Phrase("sc-system"), Phrase("ErrImagePull")], 0.85),
            signal(&[Phrase("sc-system"), Phrase("CrashLoopBackOff")], 0.85),
            signal(&[Phrase("job/sc-job"), Phrase("error")], 0.76),
            // `kubectl get pods` listing an sc-job pod in Error.
            signal(&[Phrase("sc-job-"), Phrase("Error")], 0.78),
            signal(&[Phrase("sc-job"), Phrase("backoff limit")], 0.86),
        ],
        negative: &[],
        cause: "The Job sc-job (namespace sc-system), which creates the connection's Kubernetes resources, could not run or finish, which typically makes the extension fail; seen with pulls of the sc-operator image failing (egress blocked, tag not found, anonymous-token 401).",
        mitigation: &[
            "Inspect the job and its pods.",
            "Allow egress to scaksextension.azurecr.io (and mcr.microsoft.com for newer versions).",
            "For image-pull failures, update sc-extension to the latest version.",
            "Retry the connection. If sc-job does not exist in sc-system, it ran successfully (it deletes itself).",
        ],
        commands: &[
            "kubectl get job -n sc-system",
            "kubectl describe job/sc-job -n sc-system",
            "kubectl logs job/sc-job -n sc-system",
            "helm list -n sc-system",
            "kubectl get pods -n sc-system",
            "kubectl describe pod <pod> -n sc-system",
        ],
    },
    CategoryRule {
        id: "conflict_cluster_updating",
        family: "Service Connector",
        title: "Conflict: the cluster or the connection is busy",
        priority: 16,
        signals: &[
            // Storage's own busy answer: the container, queue, share or
            // table is still being deleted (409 `ContainerBeingDeleted` …);
            // a VM marked for deletion refusing an update of its NIC.
            signal_ranked(
                &[Any(&[
                    "specified container is being deleted",
                    "specified queue is being deleted",
                    "specified share is being deleted",
                    "specified table is being deleted",
                    "specified filesystem is being deleted",
                ])],
                0.86,
                BUSY_RANK,
            ),
            signal_ranked(&[Phrase("is marked for deletion"), Any(&["only retry the Delete operation", "OperationNotAllowed"])], 0.86, BUSY_RANK),
            // A busy signal wins over an extension or Helm wrapper that only
            // carries it (rank BUSY_RANK); a bare inner Conflict does not.
            signal_ranked(&[Phrase("Operation returned an invalid status code: Conflict")], 0.95, BUSY_RANK),
            signal_ranked(&[Phrase("Operation returned an invalid status code 'Conflict'")], 0.95, BUSY_RANK),
            signal_ranked(&[Code("AnotherOperationInProgress")], 0.95, BUSY_RANK),
            signal_ranked(&[Phrase("AnotherOperationInProgress")], 0.9, BUSY_RANK),
            signal_ranked(&[Code("OperationNotAllowed"), Phrase("another operation"), Phrase("in progress")], 0.95, BUSY_RANK),
            signal_ranked(&[Phrase("aka.ms/aks-pending-operation")], 0.9, BUSY_RANK),
            signal_ranked(&[Phrase("please wait for it to finish before starting a new operation")], 0.9, BUSY_RANK),
            signal(&[Phrase("please retry later to avoid conflict")], 0.9),
            // ARM refusing to replace a deployment that is still running
            // (`DeploymentActive`: "Unable to edit or replace deployment 'x':
            // previous deployment from '…' is still active").
            signal_ranked(&[Code("DeploymentActive")], 0.95, BUSY_RANK),
            signal_ranked(&[Phrase("DeploymentActive")], 0.9, BUSY_RANK),
            signal_ranked(&[Phrase("Unable to edit or replace deployment")], 0.9, BUSY_RANK),
            signal(&[Phrase("isn't allowed in the resource's current state")], 0.85),
            // A generic Conflict wrapping a specific code that is no busy
            // state (a bad request, an invalid or disallowed value) is that code's error.
            signal_unless(
                &[Innermost("Conflict")],
                // Another cloud's 409 (Oracle's `Conflict`) is no ARM's.
                &[Code("BadRequest"), Code("Invalid*"), Code("*ValueNotAllowed"), Code("*NotSupported"), OTHER_CLOUD],
                0.8,
            ),
            // Other layers saying the same: busy codes of any service, and
            // update failures that name a running operation.
            signal_ranked(&[Code("*OperationInProgress")], 0.92, BUSY_RANK),
            // Any service's code for a running operation (`AgentPoolUpgradeInProgress`).
            signal_ranked(&[Code("*InProgress")], 0.88, BUSY_RANK),
            signal_ranked(&[Phrase("OperationPreempted")], 0.9, BUSY_RANK),
            signal_ranked(&[Phrase("preempted by another operation")], 0.9, BUSY_RANK),
            // The same with the other operation named (`preempted by Deleting
            // operation`), and a concurrent write on the same entity; weak:
            // batch schedulers preempt jobs and databases refuse writes too.
            signal_ranked(&[Phrase("has been preempted by"), Phrase("operation")], 0.74, BUSY_RANK),
            signal_ranked(&[Phrase("conflicting concurrent write")], 0.74, BUSY_RANK),
            signal_ranked(&[Phrase("conflicting operation in progress")], 0.9, BUSY_RANK),
            // Service Bus's subcode of a request on an entity that another
            // operation holds, and any service's lock conflict code
            // (`MaintenanceConfigurationLockConflict`).
            signal_ranked(&[Phrase("SubCode=40901")], 0.9, BUSY_RANK),
            signal_ranked(&[Code("*LockConflict")], 0.88, BUSY_RANK),
            // Cosmos DB's and App Service's exclusive lock held by another
            // operation, each service named.
            signal_ranked(&[Any(&["requires an exclusive lock", "acquire exclusive lock"]), Any(&["Microsoft.Azure.Documents", "documentdb", "this site", "azure-native:web"])], 0.86, BUSY_RANK),
            // Azure services' own busy answers: App Service's site and plan lock, Arc
            // servers' (HCRP) one extension operation at a time, Azure Machine
            // Learning's workspace entity lock.
            signal_ranked(&[Phrase("Cannot modify this"), Phrase("because another operation")], 0.9, BUSY_RANK),
            signal_ranked(&[Phrase("one instance of an extension may be")], 0.88, BUSY_RANK),
            signal_ranked(&[Phrase("Conflict of operation"), Phrase("another operation on same entity")], 0.88, BUSY_RANK),
            signal_ranked(&[Phrase("DueToAnotherOperation")], 0.9, BUSY_RANK),
            signal_ranked(&[Phrase("is updating resource")], 0.8, BUSY_RANK),
            // AKS's operation-not-allowed answers that name a running operation or a transitional state.
            signal_ranked(&[Code("OperationNotAllowed"), Phrase("in progress")], 0.88, BUSY_RANK),
            signal_ranked(&[Phrase("Operation is not allowed"), Phrase("in progress")], 0.86, BUSY_RANK),
            signal_ranked(&[Code("OperationNotAllowed"), Phrase("Updating")], 0.85, BUSY_RANK),
            signal_ranked(&[Code("OperationNotAllowed"), Phrase("Upgrading")], 0.85, BUSY_RANK),
            signal(&[Code("ReferencedResourceNotProvisioned")], 0.86),
            signal(&[Phrase("Resource is in Updating state")], 0.85),
            // ARM's `*NotInSucceededState` (a virtual network, a subnet, a
            // gateway still being changed by another operation) and its
            // prose: a resource in a transitional provisioning state while
            // the operation needs it settled; a Failed state is no busy one.
            signal_unless(&[Code("*NotInSucceededState")], &[FAILED_STATE], 0.86),
            signal_unless(&[Any(&["succeeded state", "state succeeded", "terminal state", "terminal provisioning state"]), PROVISIONING_BUSY], &[FAILED_STATE], 0.74),
            signal(&[Phrase("Provisioning State("), Phrase("cannot be performed")], 0.88),
            signal(&[Phrase("is not allowed while cluster is being")], 0.85),
            signal(&[Phrase("while parent resource is provisioning")], 0.85),
            signal(&[Phrase("canceled by a later operation")], 0.85),
            // Older az wording of ARM's 409: the status quoted, the cause after `Details:`.
            signal(&[Phrase("Operation failed with status: 'Conflict'")], 0.85),
            signal(&[Phrase("mutually exclusive operations")], 0.85),
            signal(&[Phrase("Operation is not allowed"), Phrase("in a failed state")], 0.82),
            signal_ranked(&[Phrase("there's an in progress")], 0.9, BUSY_RANK),
            signal_ranked(&[Phrase("there is an in progress")], 0.9, BUSY_RANK),
            signal_ranked(&[Code("Conflict"), Phrase("in progress")], 0.88, BUSY_RANK),
            // AKS refusing an operation because the resource is in a
            // transitional state (being created, deleted, scaled, started …).
            signal_ranked(&[Code("OperationNotAllowed"), TRANSITIONAL_STATE], 0.85, BUSY_RANK),
            // Weak: counts only next to the domain's vocabulary.
            signal_ranked(&[Any(&["not allowed", "isn't allowed", "cannot be performed", "can't be performed"]), TRANSITIONAL_STATE], 0.74, BUSY_RANK),
            // Another operation on the resource, or one it depends on, said
            // in prose (`Another operation on this or dependent resource is
            // in progress`); weak: other tools lock operations too. Helm's
            // own lock is its release's, Argo CD's sync lock its own.
            Signal {
                all: &[Any(&["another operation", "other operation", "conflicting operation", "previous operation", "pending operation", "operation on this or dependent resource"]), Any(&["in progress", "is running", "still running", "not yet completed", "has not completed", "is pending"])],
                none: &[Phrase("install/upgrade/rollback"), Any(&["argocd", "argo cd", "argo-cd", "argoproj"])],
                weight: 0.74,
                priority: Some(BUSY_RANK),
            },
            // Any tool of the AKS family (AKS on Azure Stack HCI's PowerShell
            // module, AKS Arc) saying its update or operation is already
            // running (weak: other tools say it too; Helm's lock and Argo
            // CD's are their own).
            Signal {
                all: &[Any(&["already in progress", "is already running", "already being processed", "is currently in progress"]), Any(&["update", "upgrade", "operation", "install", "deployment", "scale", "please wait", "wait for"])],
                none: &[Any(&["helm", "install/upgrade/rollback", "argocd", "argo cd", "argo-cd", "argoproj"])],
                weight: 0.74,
                priority: Some(BUSY_RANK),
            },
            // Storage's and classic Azure's busy answer: an operation that
            // requires exclusive access is running (weak, as above).
            signal_ranked(&[Any(&["requires exclusive access"]), Any(&["operation is currently", "currently performing"])], 0.74, BUSY_RANK),
            // Any service's busy-resource conflict: the provisioning state is
            // not terminal, the request conflicts with a running one.
            signal(&[Code("RequestConflict")], 0.85),
            // A resource (or its group) being deleted refuses other
            // operations until the deletion ends (`ResourceGroupBeingDeleted`,
            // `… is in deprovisioning state and cannot perform this
            // operation`). A deleted but recoverable resource holds its name
            // (`other`); a Kubernetes object being deleted is the API
            // server's answer.
            signal_ranked(&[Code("*BeingDeleted")], 0.88, BUSY_RANK),
            // Container Apps and App Service naming their own resource being
            // deleted where an operation needed it.
            signal_ranked(&[Phrase("is being deleted"), Any(&["container app", "managed environment", "Microsoft.App/", "App Service plan", "Microsoft.Web/"])], 0.86, BUSY_RANK),
            Signal {
                all: &[Any(&["being deleted", "deprovisioning state", "deleting state"]), Any(&["cannot perform", "cannot be performed", "not allowed", "cannot be modified", "try again"])],
                none: &[Any(&["object is being deleted", "recoverable", "soft-delete", "soft delete", "purge"])],
                weight: 0.74,
                priority: Some(BUSY_RANK),
            },
            signal(&[Phrase("provisioning state"), Any(&["is not terminal", "to become terminal", "non-terminal", "not in a terminal"])], 0.88),
            // A 409 answered to an update of the cluster or its node pools
            // with no code of its own: the cluster was busy.
            signal(&[HTTP_409, Any(&["ManagedClustersClient", "AgentPoolsClient", "managedClusters", "agentPools"])], 0.8),
        ],
        // AKS refusing an operation the cluster's state makes pointless (a
        // stop of a stopped cluster) reports no running operation.
        negative: &[Phrase("is not currently running")],
        cause: "The connection was created while the cluster was updating, so Service Connector's update conflicted with the running one. The same error also appears when the subscription is not registered with Microsoft.KubernetesConfiguration.",
        mitigation: &[
            "Wait until the cluster's provisioning state is Succeeded.",
            "Make sure Microsoft.KubernetesConfiguration is registered in the subscription.",
            "Retry the connection.",
        ],
        commands: &[
            "az aks show -g <rg> -n <cluster> --query provisioningState -o tsv",
            "az provider register -n Microsoft.KubernetesConfiguration",
        ],
    },
    CategoryRule {
        id: "authorization_failed",
        family: "ARM",
        title: "Missing permissions",
        priority: 15,
        signals: &[
            // The explicit code outranks the extension and Helm wrappers that carry it.
            signal_ranked(&[Code("AuthorizationFailed")], 0.97, WRAPPER_CAUSE_RANK),
            signal_ranked(&[Code("LinkedAuthorizationFailed")], 0.95, WRAPPER_CAUSE_RANK),
            signal(&[Phrase("does not have authorization to perform action")], 0.95),
            signal(&[Phrase("You do not have permission to perform")], 0.9),
            signal(&[Phrase("If access was recently granted, please refresh your credentials")], 0.9),
            signal(&[Phrase("LinkedAuthorizationFailed")], 0.9),
            // The code's words in prose are also a Git remote's refusal of
            // a clone (Flux's source controller, a CI runner): no Azure role.
            // Another cloud's denial says so too (Oracle Cloud's
            // `NotAuthorizedOrNotFound`): not without ARM's own context.
            signal_unless(&[Phrase("AuthorizationFailed")], &[GIT_REMOTE, OTHER_CLOUD], 0.88),
            signal_unless(&[Phrase("AuthorizationFailed"), ARM_CONTEXT, OTHER_CLOUD], &[GIT_REMOTE], 0.88),
            signal(&[Code("Authorization_RequestDenied")], 0.88),
            signal(&[Phrase("Insufficient privileges to complete the operation")], 0.88),
            signal_unless(&[Code("UnauthorizedResourceAccess")], &[Phrase("not registered")], 0.9),
            // The same denial in other words: ARM's linked-scope and permission wording, storage's data-plane code, bare 403s.
            signal(&[Phrase("permission to perform action")], 0.92),
            signal(&[Phrase("on the linked scope")], 0.9),
            signal(&[Code("*AuthorizationFailed")], 0.9),
            signal(&[Code("AuthorizationPermissionMismatch")], 0.88),
            // Cosmos DB's data plane refusing a principal its data-plane role
            // (`Request blocked by Auth <account> : … does not have required
            // RBAC permissions to perform action [Microsoft.DocumentDB/…]`).
            signal(&[Any(&["Request blocked by Auth", "required RBAC permissions to perform"])], 0.9),
            // The other data planes refusing a caller in their own words
            // (Event Grid's `principal … does not have permission to send
            // data`, Kusto's `Principal '…' is not authorized to read
            // database`, Foundry's `lacks the required data action`):
            // the service's name or host proves whose refusal it is.
            signal(
                &[
                    Any(&[
                        "does not have permission to send",
                        "does not have permission to receive",
                        "does not have permission to publish",
                        "does not have permission to read",
                        "does not have permission to write",
                        "is not authorized to perform operation",
                        "is not authorized to read",
                        "is not authorized to write",
                        "Caller is not authorized to perform",
                        "RequestDeniedException",
                        "UnauthorizedDatabaseAccess",
                        "lacks the required data action",
                        "does not have the required data action",
                        "RBAC permission to perform",
                        "insufficient access to perform the requested operation",
                    ]),
                    AZURE_DATA_SERVICE,
                ],
                0.88,
            ),
            // Service Bus's and Event Hubs' data planes refusing a right
            // (`Unauthorized access. 'Send' claim(s) are required to
            // perform this operation`, AMQP's `unauthorized-access`).
            signal(&[Any(&["'Send' claim", "'Listen' claim", "'Manage' claim"]), Phrase("required")], 0.9),
            // Storage's data plane refusing a request (`AuthorizationFailure`)
            // in its own words; the code alone is any vendor's.
            signal(&[Phrase("AuthorizationFailure"), Phrase("This request is not authorized to perform this operation")], 0.88),
            // AKS's permission checks of its own identity on a resource it
            // was given (a private DNS zone, a subnet, a kubelet identity).
            // (Other APIs name codes so too: the identity or the cluster must be named.)
            signal_ranked(&[Code("*MissingPermission*"), Any(&["identity", "service principal", "cluster", "Microsoft."])], 0.9, WRAPPER_CAUSE_RANK),
            signal(&[Phrase("Check access result not allowed for action")], 0.9),
            // Weak: other products grant permissions in prose too.
            signal(&[AKS_PERMISSION_CHECK, Any(&["service principal", "managed identity", "user-assigned identity", "cluster identity", "kubelet identity"])], 0.74),
            signal(&[Phrase("operation using this permission")], 0.88),
            // A bare 403 is a missing permission unless its code says the
            // method or the resource is switched off.
            // The autorest-based SDKs and Az PowerShell (`New-AzRoleAssignment :
            // Operation returned an invalid status code 'Forbidden'`).
            signal_unless(&[Any(&["invalid status code 'Forbidden'", "invalid status code: Forbidden", "invalid status code Forbidden"])], NOT_A_GRANT, 0.8),
            signal_unless(&[Phrase("StatusCode=403")], NOT_A_GRANT, 0.7),
            signal_unless(&[Phrase("Status=403")], NOT_A_GRANT, 0.7),
            signal_unless(&[Phrase("(HTTP 403)")], NOT_A_GRANT, 0.7),
            signal_unless(&[Phrase("RESPONSE 403: 403")], NOT_A_GRANT, 0.7),
            // Kubernetes RBAC (and Azure RBAC for Kubernetes) denials of kubectl and in-cluster clients.
            signal(&[Phrase("is forbidden: User"), Phrase("cannot")], 0.86),
            // The same denial in client-go's other shapes (`cannot list
            // resource "pods" in API group "" at the cluster scope`), a
            // `Forbidden` status on an API server URL, kubectl's
            // `Error from server (Forbidden)` unless the API server names
            // another refusal (a namespace being deleted, a quota, a pod
            // security level, a webhook's own denial).
            signal(&[Any(&["in API group", "at the cluster scope"]), Any(&["cannot"])], 0.88),
            signal(&[KUBE_API_PATH, FORBIDDEN_STATUS], 0.86),
            // A client's request report (.NET's `RequestUri: '…/api/v1/namespaces/x/pods'`)
            // may print its headers between the URL and the status.
            signal(&[Phrase("/api/v1/namespaces/"), Phrase("Status Code: Forbidden")], 0.84),
            signal_unless(&[Phrase("Error from server (Forbidden)")], &[Any(&["being terminated", "exceeded quota", "violates PodSecurity", "denied the request", "managed by ARM"])], 0.84),
            // RBAC's escalation check refusing to grant permissions the
            // caller does not hold, in the API server's words (current and
            // before 1.9) and in admission webhooks' (Rancher's).
            signal(&[Any(&["attempting to grant RBAC permissions", "attempt to grant extra privileges"])], 0.9),
            // The same denial as the inner error of the extension's Helm
            // heading (`Helm installation failed : … InnerError [… is
            // forbidden: User … cannot create resource …]`): the heading
            // is a wrapper, the denial the cause.
            signal_ranked(&[Any(&["InnerError", "Helm installation failed", "Unable to render the Helm chart"]), Any(&["is forbidden: User", "is forbidden: ServiceAccount"]), Any(&["cannot"])], 0.9, WRAPPER_CAUSE_RANK),
            signal(&[Phrase("access to the resource in Azure")], 0.9),
            // Controllers and tools reporting ARM's 403 in their own words,
            // often with the role they lack.
            signal(&[Any(&["ARM status code", "ARM returned", "Azure Resource Manager returned", "ARM request failed"]), Phrase("403")], 0.86),
            signal(&[Phrase("requires"), Any(&["'Contributor' access", "'Reader' access", "'Owner' access", "'Managed Identity Operator' access", "'Network Contributor' access"])], 0.8),
        ],
        negative: &[],
        cause: "Service Connector acts with the caller's permissions on the cluster, the target and the identity; one of them is missing. The role at the scope may be insufficient; LinkedAuthorizationFailed means the account is in another tenant than the resource.",
        mitigation: &[
            "Read the action and the scope in the message.",
            "Get a role that grants that action on that scope.",
            "Refresh the credentials (sign in again) and retry.",
        ],
        commands: &[
            "az role assignment list --assignee <principal> --scope <scope> -o table",
            "az account clear && az login",
            "az account get-access-token",
        ],
    },
    CategoryRule {
        id: "subscription_not_registered",
        family: "ARM",
        title: "Resource provider not registered",
        priority: 3,
        signals: &[
            signal(&[Code("MissingSubscriptionRegistration")], 0.97),
            signal(&[Phrase("MissingSubscriptionRegistration")], 0.95),
            signal(&[Phrase("subscription is not registered to use namespace")], 0.97),
            signal(&[Phrase("not registered to use namespace")], 0.92),
            signal(&[Code("NoRegisteredProviderFound")], 0.92),
            signal(&[Phrase("No registered resource provider found")], 0.9),
            signal(&[Code("InvalidSubscriptionRegistrationState")], 0.9),
            signal(&[Code("MissingRegistrationForLocation")], 0.9),
            signal(&[Code("SubscriptionNotRegistered")], 0.95),
            signal(&[Phrase("SubscriptionNotRegistered")], 0.9),
            signal(&[Code("UnauthorizedResourceAccess"), Phrase("not registered")], 0.95),
            signal(&[Phrase("is not registered, trying to register")], 0.9),
            signal(&[Phrase("Registration failed, please manually run command")], 0.9),
            signal(&[Phrase("Registeration failed, please manually run command")], 0.9),
            signal(&[Phrase("has not been registered"), Phrase("provider")], 0.85),
            signal(&[Phrase("not registered for the resource type")], 0.9),
            signal(&[Phrase("Please re-register for this provider")], 0.9),
            signal(&[Phrase("resource provider"), Phrase("is not registered")], 0.86),
            // `The subscription '<id>' is not registered to use <namespace>`
            // without the word `namespace`.
            signal(&[Any(&["is not registered to use"]), Any(&["subscription", "microsoft.", "namespace"])], 0.9),
            signal(&[Phrase("is not registered"), Phrase("az provider register")], 0.86),
            signal(&[Phrase("Please register the subscription")], 0.88),
            // A provider namespace said to be unregistered, in any tool's words
            // (an extension type unregistered in a region is the extension's).
            signal_unless(&[Any(&["not registered", "isn't registered", "is unregistered", "NotRegistered"]), Any(&["resource provider", "provider namespace", "namespace Microsoft.", "az provider register", "Register-AzResourceProvider"])], &[Phrase("registered in region"), Phrase("Extension type")], 0.84),
            // A failed registration of a provider namespace, or a hint to
            // register one next to the failure, in any tool's words
            // (`Failed to register resource provider 'microsoft.x'. Ensure
            // that microsoft.x is registered for this subscription.`); other
            // frameworks' "resource providers" have no `Microsoft.` namespace.
            // A registration refused for want of the permission to register
            // is that denial (`… /register/action … AuthorizationFailed`).
            signal_unless(
                &[REGISTRATION_FAILED, Any(&["microsoft.", "for this subscription", "for the subscription", "az provider register", "Register-AzResourceProvider"])],
                &[Code("AuthorizationFailed"), Phrase("/register/action")],
                0.86,
            ),
            // The same advice in az's words (`Ensure that microsoft.x is
            // registered for this subscription`); a SaaS product's provider
            // registered in its own subscription names no namespace.
            signal(&[
                Any(&["is registered for this subscription", "is registered for the subscription", "is registered in the subscription", "is registered in your subscription"]),
                Any(&["ensure that", "make sure", "failed", "error"]),
                Any(&["microsoft.", "resource provider", "az provider", "namespace"]),
            ], 0.84),
            // Advice to check a provider namespace's registration, in any
            // tool's words (`Make sure that Microsoft.X provider is registered
            // in the Azure subscription`); other frameworks' providers have no
            // `Microsoft.` namespace.
            signal(&[
                Any(&["provider is registered", "providers are registered", "namespace is registered"]),
                Any(&["make sure", "ensure", "check that"]),
                Any(&["microsoft.", "resource provider", "az provider"]),
            ], 0.84),
            // The portal's and ARM's localized messages: a resource provider
            // or namespace said not registered (ja, zh, ko, de, fr, es).
            // .NET's namespaces are no resource provider (a service not
            // registered with its dependency injection).
            signal_unless(&[LOCALIZED_NOT_REGISTERED, LOCALIZED_PROVIDER], &[Any(&["microsoft.extensions", "microsoft.aspnetcore", "microsoft.entityframework", "microsoft.maui", "microsoft.windows"])], 0.86),
        ],
        negative: &[],
        cause: "The subscription has not registered the resource provider named in the message. Service Connector on AKS needs Microsoft.KubernetesConfiguration (cluster extensions) and Microsoft.ServiceLinker.",
        mitigation: &[
            "Register the namespace the message names, in the subscription it names.",
            "Wait until its registration state is Registered, then retry.",
        ],
        commands: &[
            "az provider register --namespace <ns>",
            "az provider register -n Microsoft.KubernetesConfiguration",
            "az provider register -n Microsoft.ServiceLinker",
            "az provider register -n Microsoft.ServiceLinker --subscription <sub>",
            "az provider list --query \"[?registrationState=='Registered']\" --output table",
            "az provider show --namespace <ns> --query \"resourceTypes[?resourceType=='<type>'].locations\"",
            "Register-AzResourceProvider -ProviderNamespace <ns>",
        ],
    },
    CategoryRule {
        id: "aks_not_found",
        family: "ARM",
        title: "The AKS cluster does not exist",
        priority: 14,
        signals: &[
            signal(&[Phrase("Resource 'Microsoft.ContainerService/managedClusters/")], 0.95),
            signal(&[Code("ResourceNotFound"), Phrase("Microsoft.ContainerService/managedClusters")], 0.93),
            signal(&[Code("NotFound"), Phrase("Microsoft.ContainerService/managedClusters")], 0.9),
            signal(&[Phrase("managedClusters"), Phrase("was not found")], 0.88),
            signal(&[Phrase("managedClusters"), Phrase("could not be found")], 0.88),
            signal_unless(&[Phrase("managed cluster"), Phrase("not found")], &[Phrase("Could not find")], 0.8),
            // Terraform azurerm: `Kubernetes Cluster (… Kubernetes Cluster Name: "x") was not found`,
            // `Managed Kubernetes Cluster "x" was not found in Resource Group "rg"`.
            signal(&[Phrase("Kubernetes Cluster"), Phrase("was not found")], 0.86),
            signal(&[Phrase("Kubernetes Cluster"), Phrase("could not be found")], 0.86),
            signal(&[Phrase("ManagedClustersClient#Get"), Phrase("StatusCode=404")], 0.88),
            signal_unless(&[Phrase("AKS cluster"), Phrase("not found")], &[PRINCIPAL_MISSING], 0.82),
            signal_unless(&[Phrase("AKS cluster"), Phrase("does not exist")], &[PRINCIPAL_MISSING], 0.82),
            signal_unless(&[Phrase("managed cluster"), Phrase("does not exist")], &[Phrase("Could not find")], 0.8),
            signal(&[Phrase("managedClusters/"), Phrase("does not exist")], 0.84),
            // The cluster as the object of any tool's "cannot find".
            signal(&[Any(&["could not find managed cluster", "could not find the managed cluster", "cannot find managed cluster", "can not find managed cluster", "unable to find managed cluster", "could not find AKS cluster", "cannot find AKS cluster", "could not find Kubernetes cluster", "cannot find Kubernetes cluster"])], 0.84),
        ],
        negative: &[Code("ResourceGroupNotFound"), Code("ParentResourceNotFound")],
        cause: "Wrong cluster name, resource group or subscription context.",
        mitigation: &[
            "Check the cluster name, its resource group and the subscription; switch subscription if needed.",
            "A just-deleted resource can still show in the portal for a short time.",
        ],
        commands: &[
            "az account show",
            "az account set --subscription <sub>",
            "az aks list -o table",
            "az aks show -g <rg> -n <cluster>",
        ],
    },
    CategoryRule {
        id: "resource_group_not_found",
        family: "ARM",
        title: "The resource group does not exist",
        priority: 14,
        signals: &[
            signal(&[Code("ResourceGroupNotFound")], 0.97),
            signal(&[Phrase("ResourceGroupNotFound")], 0.95),
            // `MyResourceGroup … could not be found` names another resource when the innermost
            // code is another not-found code.
            signal_unless(
                &[Phrase("Resource group"), Phrase("could not be found")],
                &[
                    Innermost("Deployment*NotFound"),
                    Innermost("ParentResourceNotFound"),
                    Innermost("ResourceNotFound"),
                    Innermost("Operation*NotFound"),
                    Innermost("Role*NotFound"),
                    Innermost("Subscription*NotFound"),
                    // az's `The subscription '<id>' could not be found`
                    // after a step that names a resource group.
                    Phrase("The subscription"),
                    // The group as where another object was searched.
                    Phrase("in resource group"),
                    Phrase("in the resource group"),
                    RESOURCE_ITSELF_NOT_FOUND,
                    // IBM Cloud has resource groups too.
                    OTHER_CLOUD,
                ],
                0.88,
            ),
            signal_unless(
                &[Phrase("Resource Group"), Phrase("was not found")],
                &[
                    Phrase("under resource group"),
                    Phrase("(Resource Group"),
                    Phrase("not found in Resource Group"),
                    Phrase("in the resource group"),
                    Phrase("in resource group"),
                    Phrase("Kubernetes Cluster"),
                    // ARM's `Resource <id> referenced by resource <id> was
                    // not found`: the group is a segment of the ids.
                    Phrase("referenced by resource"),
                    RESOURCE_ITSELF_NOT_FOUND,
                    OTHER_CLOUD,
                ],
                0.8,
            ),
            // The subscription as where the group was searched.
            signal_unless(&[Phrase("Resource group"), Any(&["could not be found in the subscription", "could not be found in subscription"])], &[OTHER_CLOUD], 0.88),
            signal(&[Phrase("Provided resource group")], 0.92),
            signal(&[Phrase("Resource group"), Phrase("does not exist")], 0.82),
        ],
        negative: &[],
        cause: "The resource group name is wrong, the group does not exist yet, or the CLI points at another subscription.",
        mitigation: &[
            "Fix the name, create the group first, or switch the subscription context.",
        ],
        commands: &[
            "az account set --subscription <sub>",
            "az group exists -n <rg>",
            "az group list -o table",
        ],
    },
    CategoryRule {
        id: "resource_not_found",
        family: "ARM",
        title: "A resource was not found",
        priority: 14,
        signals: &[
            // Services' own not-found words: Cosmos DB's missing database or
            // container (`Owner resource does not exist`), Storage's queue.
            signal(&[Phrase("Owner resource does not exist"), Any(&["DocumentClientException", "CosmosException", "Cosmos", "gremlin", "documents.azure.com", "ActivityId"])], 0.86),
            signal_unless(
                &[
                    Any(&["specified queue does not exist", "QueueNotFound"]),
                    Any(&["Microsoft.Azure.Storage", "Azure.Storage", "StorageException", "RequestFailedException", "queue.core.windows.net", "azure storage queue", "QueueNotFound"]),
                ],
                &[Any(&["wsdl", "SimpleQueueService", "amazonaws", "sqs"])],
                0.86,
            ),
            signal(&[Code("ParentResourceNotFound")], 0.92),
            // Service Bus's missing entity in its words (`MessagingEntityNotFound`,
            // its 400 with `SubCode=40400`, an auto-forward destination that
            // does not exist) and Azure Machine Learning's SDK's missing workspace.
            signal(&[Any(&["MessagingEntityNotFound", "SubCode=40400"])], 0.9),
            signal(&[Any(&["messaging entity", "destination entity", "forwarding destination"]), Any(&["could not be found", "does not exist", "was not found"])], 0.86),
            signal(&[Any(&["Workspace not found", "workspace was not found", "workspace could not be found"]), Any(&["ProjectSystemException", "azureml", "Machine Learning", "MachineLearningServices"])], 0.86),
            signal(&[Code("SubscriptionNotFound")], 0.92),
            signal(&[Phrase("SubscriptionNotFound")], 0.88),
            signal(&[Phrase("ParentResourceNotFound")], 0.88),
            signal_unless(&[Code("ResourceNotFound")], &[OTHER_CLOUD], 0.88),
            signal(&[Phrase("under resource group"), Phrase("was not found")], 0.88),
            signal(&[Phrase("aka.ms/ARMResourceNotFoundFix")], 0.85),
            signal(&[Code("NotFound"), Phrase("Cannot find")], 0.8),
            // Every service's not-found code (`DeploymentNotFound`,
            // `NotFoundComputeResource` is a detail of `NotFound`) and the
            // SDKs' status wording.
            // Not the token endpoint's own 404 (the metadata endpoint or the
            // pod-identity proxy answering a token refresh): no resource is named.
            signal_unless(&[Code("*NotFound")], NO_RESOURCE_NAMED, 0.8),
            signal(&[Code("NotFound"), Phrase("Could not find")], 0.82),
            signal(&[Phrase("not found within subscription")], 0.85),
            // A referenced resource missing or in another region, and a
            // management group (Terraform's `Management Group "x" was not found`).
            signal(&[Any(&["InvalidResourceReference", "referenced by resource"]), Any(&["was not found", "could not be found"])], 0.88),
            signal(&[Phrase("Management Group"), Any(&["was not found", "could not be found", "ManagementGroupNotFound"])], 0.85),
            signal(&[Phrase("invalid status code 'NotFound'")], 0.82),
            signal(&[Phrase("ResourceNotFoundError")], 0.85),
            signal(&[Phrase("could not be found in subscription")], 0.85),
            signal(&[Phrase("doesn't exist in cloud")], 0.85),
            signal(&[Phrase("Operation failed with status: 'Not Found'")], 0.82),
            signal(&[Phrase("unexpected status 404")], 0.78),
            signal_unless(&[Phrase("StatusCode=404")], TOKEN_ENDPOINT_ANSWER, 0.78),
            signal(&[Phrase("Status: 404 (Not Found)")], 0.78),
            signal_unless(&[Phrase("ResourceNotFound")], &[OTHER_CLOUD], 0.6),
            signal_unless(&[Code("NotFound")], NO_RESOURCE_NAMED, 0.6),
            // The SDKs' and tools' 404 wordings and "… was not found in subscription".
            signal(&[Phrase("was not found in subscription")], 0.85),
            // ARM's child resource whose parent is missing.
            signal(&[Phrase("on nested resource. Parent resource")], 0.8),
            // The portal's and tools' not-found for the resource itself
            // (`This resource was not found, it may have been deleted.
            // /subscriptions/…/resourceGroups/g/providers/Microsoft.X/…`):
            // the group is only a segment of its id.
            signal(&[
                RESOURCE_ITSELF_NOT_FOUND,
                Any(&["/providers/microsoft."]),
            ], 0.84),
            // The code as a message prefix (whitespace is ignored, so "resource not found:" alone would match too).
            signal_unless(&[Phrase("ResourceNotFound:"), Phrase("was not found")], &[OTHER_CLOUD], 0.8),
            signal(&[Phrase("(HTTP 404)")], 0.72),
            signal(&[Phrase("RESPONSE 404: 404")], 0.78),
            signal(&[Phrase("Status=404")], 0.78),
            signal(&[Phrase("Status code 404")], 0.72),
            signal(&[Phrase("404 Not Found")], 0.72),
            signal(&[Phrase("Subscription"), Phrase("not found. Check the spelling")], 0.85),
            // az's `The subscription '<id>' could not be found` (a resource
            // group not found in a subscription is its own category).
            signal_unless(&[Any(&["The subscription"]), Any(&["could not be found", "was not found", "does not exist", "doesn't exist"])], &[Code("ResourceGroupNotFound"), Any(&["in the subscription", "in subscription", "within subscription", "within the subscription"])], 0.84),
            // Any tool's not-found wording (Az PowerShell's `Cannot find vault
            // 'x' in resource group 'y'`, ARM's `… under resource group … was
            // not found`, az's `… not found within subscription`) next to the
            // ARM scope it searched; Terraform names the scope in parentheses
            // (`Key Vault "x" (Resource Group "y") was not found`).
            signal(&[
                Any(&["cannot find", "can not find", "can't find", "could not find", "unable to find", "was not found", "could not be found", "not found", "does not exist", "doesn't exist"]),
                Any(&["in resource group", "under resource group", "in the resource group", "within subscription", "in subscription", "in the subscription", "(Resource Group", "Resource Group Name:"]),
            ], 0.8),
            // Weak: any tool's not-found wording next to an Azure resource
            // named in prose (`The storage account 'x' could not be
            // found`); the same nouns are other clouds' too, so it counts
            // only next to the domain's vocabulary. Entra's principals not
            // found in a tenant are no resource.
            signal_unless(&[NOT_FOUND_WORDS, AZURE_RESOURCE_NOUNS], &[Phrase("AADSTS"), Phrase("in the tenant")], 0.72),
            // Any tool naming the resource by its ARM type (`Resource <name>
            // of type Microsoft.Web/Sites doesn't exist`); a type unknown to
            // its namespace for an API version is no missing resource.
            signal_unless(
                &[Any(&["of type Microsoft.", "of type: Microsoft.", "resource type Microsoft."]), Any(&["was not found", "could not be found", "not found", "does not exist", "doesn't exist"])],
                &[Any(&["in the namespace", "for api version", "api-version"])],
                0.8,
            ),
        ],
        negative: &[
            Phrase("Resource 'Microsoft.ContainerService/managedClusters/"),
            Code("ResourceGroupNotFound"),
        ],
        cause: "Wrong name, resource group or subscription; a parent deployed in parallel with its child (NotFound, ParentResourceNotFound); or a wrong or inaccessible subscription id (SubscriptionNotFound).",
        mitigation: &[
            "Check the resource id: name, resource group and subscription.",
            "Create or reference the parent first.",
            "Check the subscription context.",
        ],
        commands: &[
            "az account show",
            "az account set --subscription <sub>",
            "az resource show --ids <resource-id>",
        ],
    },
    CategoryRule {
        id: "quota_exceeded",
        family: "ARM",
        title: "A quota would be exceeded",
        priority: 2,
        signals: &[
            signal(&[Code("QuotaExceeded")], 0.97),
            signal(&[Code("ResourceQuotaExceeded")], 0.95),
            signal(&[Phrase("ResourceQuotaExceeded")], 0.9),
            signal(&[Phrase("results in exceeding approved")], 0.95),
            signal(&[Phrase("exceeding quota limits")], 0.93),
            signal(&[Phrase("Insufficient vcpu quota")], 0.92),
            // The Azure Developer CLI finding no region whose quota holds
            // the model deployments asked for.
            signal(&[Any(&["with enough quota"])], 0.9),
            signal(&[Code("OperationNotAllowed"), Phrase("quota")], 0.92),
            signal(&[Phrase("exceeding approved"), Phrase("quota")], 0.92),
            signal(&[Code("*QuotaExceeded")], 0.93),
            signal(&[Code("InsufficientVCPUQuota")], 0.93),
            signal(&[Phrase("InsufficientVCPUQuota")], 0.9),
            signal(&[Phrase("exceeds quota")], 0.7),
            signal(&[Phrase("quota exceeded")], 0.65),
            signal(&[Phrase("QuotaExceeded")], 0.65),
            // Count limits of any resource type: `StaticPublicIPCountLimitReached`, classic "subscription policy limit", `Max…Exceeded`.
            signal(&[Code("*LimitReached")], 0.92),
            // Per-subscription maximums (`MaxStorageAccountsCountPerSubscriptionExceeded`);
            // other `Max…Exceeded` codes count only next to the domain's vocabulary.
            signal(&[Code("Max*Sub*Exceeded")], 0.9),
            signal(&[Code("Max*Exceeded")], 0.72),
            // Counted limits that do not say quota: ARM's resources per move
            // (`MoveCannotProceedDueToLargeNumberOf…`, `allows a maximum of
            // 200 … to be moved at once`), an enrollment account's
            // subscriptions (`between 1 and 49 existing subscriptions. 50
            // subscriptions were found`), App Service's slots per SKU.
            signal(&[Code("*DueToLargeNumberOf*")], 0.9),
            signal(&[Phrase("allows a maximum of"), Any(&["to be moved", "in the move request"])], 0.86),
            signal(&[Any(&["max number of subscriptions", "maximum number of subscriptions", "existing subscriptions"]), Any(&["subscriptions were found", "with the offer", "enrollment account"])], 0.84),
            signal(&[Any(&["number of slots allowed", "maximum number of slots", "exceed the number of slots"]), Any(&["SKU", "App Service", "site", "plan"])], 0.85),
            signal(&[Phrase("Cannot create more than"), Phrase("for this subscription in this region")], 0.9),
            signal(&[Phrase("limit for resource type"), Phrase("exceeded")], 0.9),
            // ARM's counted limits of a template and a deployment history,
            // which name no quota: `The number of template resources limit
            // exceeded. Limit: '800' and actual: '1012'`, also parameters
            // and outputs); the 800 deployments kept per scope name their quota.
            signal(&[Any(&["number of template resources", "number of template parameters", "number of template outputs", "limit exceeded. Limit:"])], 0.86),
            // A Job's BackoffLimitExceeded is no quota.
            signal_unless(
                &[Code("*LimitExceeded")],
                &[Code("BackoffLimitExceeded"), Phrase("BackoffLimitExceeded")],
                0.72,
            ),
            // Azure's regional (vCPU) quota named in other tools' words.
            signal(&[Phrase("Regional quota exceeded")], 0.82),
            signal(&[Phrase("regional"), Phrase("cores quota")], 0.85),
            // `exceeding`, `exceeds`, `exceeded` a quota or limit, in any order.
            signal(&[Phrase("quota"), Phrase("exceed")], 0.7),
            signal(&[Phrase("quota limit"), Phrase("exceed")], 0.8),
            // The quota message's figures: what is allowed, used and asked for.
            signal(&[
                Any(&["Maximum allowed", "Current Limit", "Approved", "quota limit"]),
                Any(&["Current in use", "Current Usage", "quota usage"]),
                Any(&["Additional requested", "Additional Required", "Amount required", "New Limit Required", "New Limit that you should request", "new capacity"]),
            ], 0.9),
            signal(&[
                Any(&["cores quota", "core quota", "vCPU quota", "vCPUs quota", "quota for cores", "quota of cores", "quota limit of Core", "Regional Cores", "Family Cores", "low priority cores", "dedicated cores", "LowPriorityCores", "DedicatedCores", "public IP address quota", "PublicIPAddresses quota"]),
                Any(&["exceed", "not enough", "not have enough", "insufficient", "increase your quota", "request a higher", "reached"]),
            ], 0.84),
            // Every service's "not enough quota" codes (`InsufficientQuota`,
            // `InsufficientVCPUQuota`) and wordings: App Service's "without
            // additional quota", capacity measured against a quota's usage
            // (Azure OpenAI), requests to raise a quota.
            signal(&[Code("Insufficient*Quota")], 0.93),
            // A quota stated as a figure for a region, subscription or SKU
            // (`This region has quota of 0 instances for your subscription`).
            signal(&[Any(&["has quota of", "has a quota of", "quota of 0 "]), Any(&["subscription", "region", "instances", "SKU"])], 0.86),
            // A subscription's vCPU or core quota that cannot hold what was
            // requested, in a service's own words (Azure Machine Learning's
            // `The specified subscription has a total vCPU quota of 4 and
            // cannot accomodate … which maps to 24 vCPUs`).
            signal_unless(
                &[
                    Any(&["vCPU quota", "vCPUs quota", "cores quota", "core quota"]),
                    Any(&["subscription", "region"]),
                    Any(&["accommodate", "accomodate", "requested"]),
                ],
                &[OTHER_CLOUD],
                0.86,
            ),
            signal(&[Any(&["InsufficientQuota", "Operation cannot be completed without additional quota", "Operation could not be completed without additional quota"])], 0.9),
            // The same refusal for a kind of quota (`without additional AZ
            // quota`, regional or zonal quota) in any service's words.
            signal(&[Any(&["cannot be completed without additional", "could not be completed without additional"]), Phrase("quota")], 0.88),
            signal(&[Any(&["available capacity", "current quota usage", "quota usage is"]), Any(&["quota", "UsageName", "Tokens Per Minute"])], 0.86),
            signal(&[Any(&["quota"]), Any(&["not enough", "not have enough", "insufficient", "exceeds", "exceeded", "exceeding", "increase your quota", "request a higher quota", "quota increase", "out of quota"])], 0.72),
            // A subscription's or region's limit reached in words (weak: other
            // clouds' APIs say the same).
            signal(&[
                Any(&["exceeds the limit", "exceed the limit", "exceeding the limit", "exceeded the limit", "reached the limit", "reached its limit", "reached the maximum", "limit has been reached", "limit exceeded"]),
                Any(&["subscription", "quota", "region", "cores", "vCPU", "public IP", "per resource group"]),
            ], 0.72),
            // A counted maximum passed, in any service's words (Entra's
            // `Number of RoleAssignments are more than the maximum (100)
            // allowed`, ARM's role assignments per subscription); weak:
            // other APIs count things too.
            signal(&[
                Any(&["number of", "count of", "maximum number", "no more"]),
                Any(&["more than the maximum", "exceeds the maximum", "exceeded the maximum", "exceed the maximum", "greater than the maximum", "over the maximum", "above the maximum", "reached the maximum", "can be created (limit"]),
            ], 0.74),
            // A service's counted maximum of its own resources reached
            // (Automation's `Maximum number of Accounts reached`); not a
            // client's retries or connections.
            signal_unless(&[Phrase("Maximum number of"), Phrase("reached")], &[Any(&["retries", "retry", "attempts", "redirects", "connections", "iterations"])], 0.8),
            // A counted limit of a service's own resources in its own words,
            // naming no quota (`You have more than 5 environments in location
            // x`, `The maximum number of Dynamic ServerFarms allowed in a
            // Subscription is 100`, `cannot create more than 10 … per
            // region`); weak: SaaS products count users per subscription too.
            // A name's length or a client's retries are no count.
            signal_unless(
                &[
                    Any(&["have more than", "create more than", "maximum number of", "max number of", "a maximum of", "maximum allowed"]),
                    Any(&["in location", "in region", "in this region", "in the region", "per region", "per location", "per subscription", "in a subscription", "in the subscription", "in this subscription", "in your subscription", "for this subscription", "for the subscription", "per resource group", "in a resource group"]),
                ],
                &[Any(&["characters", "length", "retries", "retry", "attempts", "rate limit", "throttl", "too many requests"])],
                0.74,
            ),
            signal(&[Code("RoleAssignmentLimitExceeded")], 0.93),
            signal(&[Phrase("No more role assignments can be created")], 0.9),
            // The same in any word order (`the limit of 1 free plan per
            // subscription was exceeded`); a request rate limit is throttling.
            signal_unless(&[
                Any(&["the limit of", "limit for", "limit on"]),
                Any(&["exceeded", "exceeds", "reached"]),
                Any(&["per subscription", "per region", "in this region", "for this subscription", "per resource group"]),
            ], &[Phrase("rate limit"), Phrase("throttl"), Phrase("too many requests")], 0.72),
        ],
        negative: &[],
        cause: "The request would exceed a subscription, resource-group or regional quota (regional cores quota errors arrive with HTTP 409).",
        mitigation: &[
            "Stay within the quota (smaller SKU, fewer nodes, another region) or request a quota increase.",
        ],
        commands: &["az vm list-usage --location <region> -o table"],
    },
    CategoryRule {
        id: "policy_disallowed",
        family: "ARM",
        title: "Azure Policy denied the request",
        priority: 1,
        signals: &[
            signal(&[Code("RequestDisallowedByPolicy")], 0.97),
            signal(&[Phrase("RequestDisallowedByPolicy")], 0.95),
            signal(&[Phrase("disallowed by policy")], 0.92),
            signal(&[Code("RequestDisallowedBy*")], 0.93),
            signal(&[Phrase("azurepolicy-"), Phrase("denied")], 0.86),
            signal(&[Phrase("validation.gatekeeper.sh"), Phrase("denied")], 0.88),
            signal(&[Phrase("admission webhook"), Phrase("gatekeeper"), Phrase("denied the request")], 0.88),
            signal(&[Phrase("[azurepolicy"), Phrase("denied")], 0.85),
            signal(&[Phrase("Policy identifiers")], 0.8),
            // Every service's `…BlockedBy…Policy` code and the same words in prose.
            signal(&[Code("*BlockedBy*Policy*")], 0.93),
            signal(&[Code("*DisallowedBy*Policy*")], 0.93),
            signal(&[Any(&["blocked by", "denied by", "disallowed by", "prevented by", "rejected by", "forbidden by"]), Any(&["Azure Policy", "policy assignment", "policy definition"])], 0.9),
            signal(&[Any(&["BlockedByAzurePolicy", "DeniedByAzurePolicy", "DisallowedByAzurePolicy"])], 0.92),
            // ARM's template validation wrapping the denial (azd, the portal).
            signal(&[Phrase("because of policy violation")], 0.9),
        ],
        negative: &[],
        cause: "A policy assignment forbids the action (Azure Policy on the subscription or resource group, or Azure Policy for AKS / Gatekeeper admission inside the cluster).",
        mitigation: &[
            "Find the policy assignment named in the message.",
            "Comply with it, or ask for an exemption, then retry.",
        ],
        commands: &[
            "az policy assignment list --scope <scope> -o table",
            "az policy state list --resource <resource-id> -o table",
        ],
    },
    // ───────────────────────── workload identity / Key Vault ─────────────────────────
    CategoryRule {
        id: "wi_no_federated_credential",
        family: "workload identity",
        title: "No federated identity credential matches the token",
        priority: 4,
        signals: &[
            signal(&[Code("AADSTS70021")], 0.97),
            signal(&[Phrase("No matching federated identity record found")], 0.97),
            signal(&[Code("AADSTS700211")], 0.95),
            signal(&[Code("AADSTS700213")], 0.95),
            signal(&[Code("AADSTS7002138")], 0.95),
            signal(&[Code("AADSTS700212")], 0.95),
            signal(&[Code("AADSTS70021*")], 0.92),
            signal(&[Phrase("No matching federated identity record")], 0.95),
            signal(&[Phrase("Assertion Issuer"), Phrase("Assertion Subject")], 0.85),
            signal(&[Code("AADSTS70025")], 0.92),
            signal(&[Phrase("no configured federated identity")], 0.92),
            // A federated credential that does not match the token, in any tool's words.
            signal(&[Any(&["federated identity credential", "federated credential", "federated identity record"]), Any(&["no matching", "not match", "doesn't match", "does not match", "mismatch", "no federated"])], 0.86),
        ],
        negative: CLUSTER_SERVICE_PRINCIPAL,
        cause: "The federated identity credential's issuer, subject or audience does not match the token. On AKS the most common cause is the issuer missing its trailing '/', or a subject that differs (also in letter case) from system:serviceaccount:<namespace>:<service account>.",
        mitigation: &[
            "Compare the printed Assertion Issuer, Subject and Audience with the identity's federated credentials.",
            "Set the issuer to the cluster's oidcIssuerProfile.issuerUrl exactly, the subject to system:serviceaccount:<namespace>:<service account> (exact case), the audience to api://AzureADTokenExchange.",
            "Wait a few seconds for propagation, then restart the pod.",
        ],
        commands: &[
            "az identity federated-credential list --identity-name <uami> -g <uami-rg>",
            "az aks show -g <rg> -n <cluster> --query \"oidcIssuerProfile.issuerUrl\" -o tsv",
            "az identity federated-credential create --name <fic> --identity-name <uami> --resource-group <uami-rg> --issuer <issuer-url> --subject system:serviceaccount:<namespace>:<service-account> --audience api://AzureADTokenExchange",
        ],
    },
    CategoryRule {
        id: "wi_oidc_issuer_unreachable",
        family: "workload identity",
        title: "Entra cannot reach the cluster's OIDC issuer",
        priority: 4,
        signals: &[
            signal(&[Code("AADSTS90061")], 0.92),
            signal(&[Code("AADSTS50166")], 0.92),
            signal(&[Phrase("Request to External OIDC endpoint failed")], 0.95),
            signal(&[Phrase("External OIDC endpoint")], 0.9),
            // The issuer's discovery documents cannot be fetched by Entra.
            signal(&[Any(&["openid-configuration", "jwks", "OIDC discovery", "OIDC issuer"]), Any(&["AADSTS", "token exchange"]), Any(&["unreachable", "not reachable", "could not be reached", "failed to fetch", "unable to fetch", "Unable to retrieve", "timed out"])], 0.84),
        ],
        negative: CLUSTER_SERVICE_PRINCIPAL,
        cause: "The cluster's OIDC issuer endpoint is not exposed or not reachable by Microsoft Entra ID.",
        mitigation: &[
            "Check both discovery URLs of the issuer.",
            "Read the issuer from properties.oidcIssuerProfile.issuerURL (API 2022-09-01 or later) and reconcile the cluster with az aks update.",
            "If it persists, open a support case.",
        ],
        commands: &[
            "az aks show -g <rg> -n <cluster> --query \"oidcIssuerProfile.issuerUrl\" -o tsv",
            "curl <issuer-url>/.well-known/openid-configuration",
            "curl <issuer-url>/openid/v1/jwks",
            "az aks update -g <rg> -n <cluster> --enable-oidc-issuer --enable-workload-identity",
        ],
    },
    CategoryRule {
        id: "wi_token_file_missing",
        family: "workload identity",
        title: "The pod is not set up for workload identity",
        priority: 7,
        signals: &[
            // aad-pod-identity's NMI finding no pod behind the caller's IP
            // (`match failed, ip:… matching pods:[]`): no identity for it.
            signal_unless(&[Phrase("match failed, ip:"), Phrase("matching pods")], MI_NOT_THE_POD, 0.84),
            // The metadata endpoint's bare 400 to a token request: a
            // credential chain fell back to it and it has no identity.
            signal_unless(
                &[
                    Any(&["169.254.169.254/metadata/identity/oauth2/token", "Couldn't acquire access token from IMDS"]),
                    Any(&["response code: 400", "400 Bad Request", "status code 400", "status code: 400", "StatusCode=400", "status: 400", "(400)"]),
                ],
                MI_NOT_THE_POD,
                0.84,
            ),
            signal(&[Phrase("WorkloadIdentityCredential authentication unavailable")], 0.95),
            signal(&[Phrase("workload options are not fully configured")], 0.95),
            signal(&[Phrase("no token file specified")], 0.9),
            signal(&[Phrase("WorkloadIdentityCredential"), Phrase("AZURE_FEDERATED_TOKEN_FILE")], 0.85),
            signal(&[Phrase("requested identity hasn't been assigned to this resource")], 0.85),
            signal(&[Phrase("requested identity has not been assigned to this resource")], 0.85),
            signal(&[Phrase("No response received from the managed identity endpoint")], 0.85),
            signal(&[Phrase("requested identity isn't assigned")], 0.85),
            signal(&[Phrase("requested identity is not assigned")], 0.85),
            // The token file path is empty (`open : no such file`) or absent.
            signal(&[Phrase("token"), Phrase("open : no such file or directory")], 0.85),
            signal(&[Phrase("azure-identity-token"), Phrase("no such file or directory")], 0.9),
            signal(&[Phrase("WorkloadIdentityCredential"), Phrase("no such file or directory")], 0.9),
            signal(&[Phrase("AZURE_FEDERATED_TOKEN_FILE"), Phrase("no such file")], 0.9),
            signal(&[Phrase("WorkloadIdentityCredential"), Phrase("no client ID specified")], 0.9),
            signal(&[Phrase("WorkloadIdentityCredential"), Phrase("no tenant ID specified")], 0.9),
            signal(&[Phrase("WorkloadIdentityCredential"), Phrase("unavailable")], 0.85),
            signal(&[Phrase("ManagedIdentityCredential"), Phrase("IMDS endpoint")], 0.82),
            signal(&[Phrase("No managed identity endpoint found")], 0.85),
            signal_unless(
                &[Phrase("ManagedIdentityCredential authentication unavailable")],
                &[Phrase("MountVolume"), Phrase("secrets-store")],
                0.8,
            ),
            // The older AppAuthentication library's chain failing through to IMDS.
            signal(&[Phrase("methods to get an access token")], 0.8),
            // Any SDK's managed-identity credential (or the IMDS endpoint it
            // calls) that is unavailable, unreachable or has no identity to
            // give: in an AKS pod, the pod was not set up for workload
            // identity and the chain fell through to IMDS.
            signal_unless(&[MANAGED_IDENTITY, MI_UNAVAILABLE], MI_NOT_THE_POD, 0.8),
            // A credential chain whose environment credential found no
            // variables, next to a managed identity that failed: the
            // webhook did not fill the pod's environment.
            signal_unless(
                &[Any(&["EnvironmentCredential"]), Any(&["missing environment variable", "environment variables are not fully configured", "environment variables not set"]), MANAGED_IDENTITY],
                MI_NOT_THE_POD,
                0.8,
            ),
            // (Other clouds have an IMDS too: the text must be Azure's.)
            signal_unless(&[Phrase("IMDS"), MI_UNAVAILABLE, Any(&["Azure", "metadata/identity", "MSI"])], MI_NOT_THE_POD, 0.8),
            // Azure's metadata endpoint by its path, unreachable.
            signal_unless(&[Any(&["metadata/identity/oauth2/token", "169.254.169.254/metadata/identity"]), MI_UNAVAILABLE], MI_NOT_THE_POD, 0.8),
            // The workload-identity credential built from an environment the
            // webhook did not fill: no client id, tenant id or token file.
            signal(&[WORKLOAD_IDENTITY, Any(&["no client ID specified", "no tenant ID specified", "no token file specified", "Check pod configuration"])], 0.88),
            signal(&[Any(&["no client ID specified", "no tenant ID specified", "no token file specified"]), Phrase("pod configuration")], 0.85),
            signal(&[WORKLOAD_IDENTITY, Any(&["token file", "AZURE_FEDERATED_TOKEN_FILE", "federated token"]), Any(&["no such file", "not found", "not set", "missing", "empty", "does not exist"])], 0.85),
            // The token file's variable itself unset or empty (any SDK, any tool).
            signal(&[Phrase("AZURE_FEDERATED_TOKEN_FILE"), Any(&["not set", "missing", "is empty", "is required", "are required", "no such file", "not found", "undefined"])], 0.85),
            // The variables the webhook injects, reported missing by any SDK
            // (azure-identity's `'client_id' is required. Please pass it in or
            // set the AZURE_CLIENT_ID environment variable`); a client secret
            // next to them is a service principal's configuration instead.
            signal_unless(
                &[Any(&["AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_FEDERATED_TOKEN_FILE"]), Any(&["is required", "are required", "not set", "is missing", "are missing", "must be set", "is empty", "undefined"])],
                &[Any(&["AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE"])],
                0.8,
            ),
            // The metadata endpoint (or the pod-identity proxy in front of
            // it) answering that it holds no identity for the caller.
            signal_unless(&[NO_IDENTITY_FOR_CALLER], MI_NOT_THE_POD, 0.85),
            // The metadata endpoint answering 404 or 410, or retried until
            // the SDK gave up, in the JS, .NET and Python identity
            // libraries' words.
            signal_unless(
                &[
                    Any(&["ManagedIdentityCredential", "managed identity endpoint", "metadata/identity", "MSI endpoint"]),
                    Any(&["status code 404", "status code: 404", "(status code 404)", "status code 410", "status code: 410", "410 Gone", "410 (Gone)", "Status: 404 (Not Found)", "Failed to retrieve IMDS token", "IMDS token after", "retries exhausted", "Retry failed after", "Multiple attempts failed"]),
                ],
                MI_NOT_THE_POD,
                0.82,
            ),
            // IMDS on a node with several identities and no client id asked for.
            signal(&[Phrase("Multiple user assigned identities exist")], 0.85),
            signal(&[Phrase("specify the clientId"), Phrase("identity")], 0.8),
            // A credential chain left with no credential at all (azidentity).
            signal(&[Phrase("at least one TokenCredential")], 0.8),
        ],
        negative: CLUSTER_SERVICE_PRINCIPAL,
        cause: "The pod was not mutated by the workload identity webhook, so AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE and the token file are missing: the pod lacks the azure.workload.identity/use: \"true\" label, its ServiceAccount lacks the client-id annotation, or the pod started before they were set; the credential chain then falls through to IMDS.",
        mitigation: &[
            "Put the label azure.workload.identity/use: \"true\" on the pod template (not only on the Job or Deployment).",
            "Set serviceAccountName and the azure.workload.identity/client-id annotation on the ServiceAccount.",
            "Restart the pods.",
        ],
        commands: &[
            "kubectl get pod <pod> -n <namespace> -o jsonpath='{.metadata.labels.azure\\.workload\\.identity/use}'",
            "kubectl get serviceaccount <service-account> -n <namespace> -o yaml",
            "kubectl exec <pod> -n <namespace> -- printenv AZURE_CLIENT_ID AZURE_TENANT_ID AZURE_FEDERATED_TOKEN_FILE AZURE_AUTHORITY_HOST",
            "kubectl rollout restart deployment/<name> -n <namespace>",
            "kubectl logs -n azure-workload-identity-system -l app=workload-identity-webhook --since=1h | grep ^E",
        ],
    },
    CategoryRule {
        id: "wi_wrong_client_id",
        family: "workload identity",
        title: "Wrong client id, or the identity does not exist",
        priority: 7,
        signals: &[
            signal_ranked(&[Code("AADSTS700016")], 0.97, 4),
            signal_ranked(&[Phrase("Application with identifier"), Phrase("was not found in the directory")], 0.9, 4),
            signal_ranked(&[Phrase("Application with identifier"), Phrase("was not found")], 0.86, 4),
            Signal {
                all: &[Phrase("Identity not found")],
                none: &[
                    Phrase("MountVolume"),
                    Phrase("secrets-store"),
                    Phrase("failed to mount"),
                    Phrase("mount request"),
                    // An IMDS fallback of a pod not set up for workload identity.
                    Phrase("requested identity"),
                ],
                weight: 0.85,
                // The identity lookup is the cause; a Key Vault 403 or an
                // MSI `Forbidden` around it only carries it.
                priority: Some(4),
            },
        ],
        negative: CLUSTER_SERVICE_PRINCIPAL,
        cause: "The client id (or tenant id) is wrong — for example a managed identity's resource id was put where its client id belongs — or the identity does not exist.",
        mitigation: &[
            "Use the identity's client id (a GUID) in the ServiceAccount annotation and in the connection.",
            "Check the tenant, then restart the pods.",
        ],
        commands: &[
            "az identity show -g <uami-rg> -n <uami> --query clientId -o tsv",
            "kubectl annotate serviceaccount <service-account> -n <namespace> azure.workload.identity/client-id=<client-id> --overwrite",
        ],
    },
    CategoryRule {
        id: "kv_csi_mount_failed",
        family: "Key Vault CSI",
        title: "The secrets-store CSI volume failed to mount",
        priority: 6,
        signals: &[
            // Also the driver's own log line (`failed to mount secrets store
            // object content`).
            signal(&[Phrase("failed to mount secrets store object")], 0.95),
            signal(&[Phrase("secrets-store.csi.k8s.io not found in the list of registered CSI drivers")], 0.95),
            signal(&[Phrase("MountVolume.SetUp failed"), Phrase("secrets-store")], 0.93),
            signal(&[Phrase("failed to find provider binary")], 0.9),
            signal(&[Phrase("failed to process mount request")], 0.9),
            signal(&[Phrase("failed to get key vault token")], 0.9),
            signal(&[Phrase("nmi response failed")], 0.85),
            signal(&[Phrase("FailedMount"), Phrase("secrets-store")], 0.9),
            signal(&[Phrase("Unable to attach or mount volumes"), Phrase("secrets-store")], 0.88),
            signal(&[Phrase("failed to create Kubernetes secret"), Phrase("secrets-store")], 0.88),
            signal(&[Phrase("keyvault.BaseClient"), Phrase("context deadline exceeded")], 0.85),
            signal(&[Phrase("failed to get keyvault client")], 0.88),
            signal(&[Phrase("failed to get objectType")], 0.86),
            signal(&[Phrase("error connecting to provider")], 0.85),
            signal(&[Phrase("SecretProviderClass"), Phrase("not found")], 0.85),
            // Retyped kinds (`SecretsProviderClass`) and the CRD group name.
            signal(&[Phrase("SecretsProviderClass"), Phrase("not found")], 0.85),
            signal(&[Phrase("failed to get secretsproviderclass")], 0.88),
            signal(&[Phrase("failed to get secretproviderclass")], 0.88),
            signal(&[Phrase("secrets-store.csi.x-k8s.io"), Phrase("MountVolume")], 0.86),
            signal(&[Phrase("FailedMount"), Phrase("SecretProviderClass")], 0.88),
            signal(&[Phrase("Unable to attach or mount volumes"), Phrase("csi")], 0.8),
            signal(&[Phrase("MountVolume.SetUp failed"), Phrase("csi")], 0.8),
            signal(&[Phrase("SecretProviderClass"), Phrase("failed")], 0.7),
            signal(&[Phrase("MountVolume"), Phrase("secrets-store.csi")], 0.88),
            // The driver's own event reasons (secret sync and rotation).
            // (The key form ignores spaces, so a reason also reads as prose:
            // it counts next to the driver's vocabulary.)
            signal(&[Any(&["FailedToCreateSecret", "SecretRotationFailed", "FailedToSyncSecret"]), Any(&["objectName", "secrets-store", "SecretProviderClass", "csi"])], 0.86),
            signal(&[Phrase("file matching objectName")], 0.86),
            // The provider reading the pod's service-account tokens for
            // workload identity.
            signal(&[Any(&["failed to parse workload identity tokens", "service account tokens not found", "failed to get workload identity tokens"])], 0.86),
            // The provider's requests to Key Vault answered 401 or 429, or
            // timing out (its user agent or log lines name it).
            signal(&[CSI_PROVIDER, Any(&["RESPONSE: 401", "StatusCode=401", "Status=401", "401 Unauthorized", "status code 401", "status code: 401", "RESPONSE: 429", "StatusCode=429", "Status=429", "429 Too Many Requests", "status code: 429", "throttled"])], 0.84),
            signal(&[CSI_PROVIDER, Any(&["DeadlineExceeded", "deadline exceeded", "context canceled"])], 0.84),
            signal(&[CSI_PROVIDER, Any(&["FailedMount", "MountVolume", "mount failed", "failed to mount", "Unable to attach or mount"])], 0.86),
            signal(&[Any(&["keyvault", "key vault"]), Any(&["MountVolume", "FailedMount", "mount request", "failed to mount", "mount failed"]), Any(&["DeadlineExceeded", "deadline exceeded"])], 0.82),
            // A CSI driver's gRPC answer to a mount that timed out; on a
            // cluster wired by Service Connector the CSI volume is the
            // secrets store.
            signal(&[Phrase("MountVolume.SetUp failed"), Phrase("rpc error"), Any(&["DeadlineExceeded", "deadline exceeded"])], 0.78),
            // Any provider of the driver (Azure, HashiCorp Vault, GCP, AWS,
            // Akeyless, Conjur) failing a mount: its own words, its gRPC
            // call's status, or its name next to what stopped it (a sealed
            // or unreachable vault, a login refused, a secret not fetched).
            signal(&[PROVIDER_MOUNT_FAILED], 0.86),
            signal(&[Phrase("CSIDriverProvider/Mount"), PROVIDER_CALL_FAILED], 0.86),
            signal(&[CSI_PROVIDER, Any(&["Vault is sealed", "failed to login", "permission denied", "PermissionDenied", "failed to fetch secret", "Failed fetching secret", "couldn't read secret", "connection refused", "no such host", "i/o timeout"])], 0.84),
            // The driver and its provider failing to encode or decode their
            // gRPC messages (`proto: Marshal called with nil`).
            signal(&[Any(&["MountVolume.SetUp failed", "failed to mount secrets store objects", "CSIDriverProvider"]), Any(&["error while marshaling", "Marshal called with nil", "error while unmarshaling", "error unmarshaling", "failed to unmarshal", "failed to marshal"])], 0.8),
        ],
        negative: &[],
        cause: "The secrets-store CSI volume could not be mounted: the driver or the Azure provider is not running on the node, the identity used by the provider (userAssignedIdentityID in the SecretProviderClass, the add-on identity in Service Connector's CSI mode) is wrong, the provider cannot reach Key Vault in time, Key Vault throttled (429) or refused authentication (401), or sync-secret RBAC is missing.",
        mitigation: &[
            "Check userAssignedIdentityID in the SecretProviderClass first: in CSI mode it must be the add-on identity's client id.",
            "Check that the driver and provider pods run on the pod's node (tolerations, Windows values).",
            "Context deadline exceeded: allow egress from the provider pod to Key Vault (network policies, host-network traffic).",
            "Sync to a Kubernetes Secret needs secrets-store-csi-driver.syncSecret.enabled=true (RBAC).",
        ],
        commands: &[
            "kubectl describe pod <pod> -n <namespace>",
            "kubectl get secretproviderclass <spc> -n <namespace> -o yaml",
            "az aks show -g <rg> -n <cluster> --query addonProfiles.azureKeyvaultSecretsProvider.identity.clientId -o tsv",
            "kubectl get pods --selector 'app in (csi-secrets-store-provider-azure, secrets-store-provider-azure)' --all-namespaces --output wide",
            "kubectl logs <provider-pod> --since=1h | grep ^E",
            "kubectl get pods --selector app=secrets-store-csi-driver --all-namespaces --output wide",
            "kubectl logs <driver-pod> --container secrets-store --since=1h | grep ^E",
        ],
    },
    CategoryRule {
        id: "kv_access_denied",
        family: "Key Vault",
        title: "Key Vault answered 403",
        priority: 5,
        signals: &[
            signal(&[Phrase("ForbiddenByRbac")], 0.97),
            signal(&[Phrase("DeniedWithNoValidRBAC")], 0.95),
            signal(&[Phrase("ForbiddenByConnection")], 0.95),
            signal(&[Phrase("ForbiddenByPolicy")], 0.92),
            signal(&[Phrase("does not have secrets get permission")], 0.95),
            signal(&[Phrase("does not have secrets list permission")], 0.92),
            signal(&[Phrase("does not have keys get permission")], 0.92),
            signal(&[Phrase("does not have certificates get permission")], 0.92),
            signal(&[Phrase("does not have secrets"), Phrase("permission")], 0.9),
            signal(&[Phrase("does not have keys"), Phrase("permission")], 0.9),
            signal(&[Phrase("does not have certificates"), Phrase("permission")], 0.9),
            signal(&[Phrase("Microsoft.KeyVault/vaults/secrets/getSecret/action")], 0.88),
            signal(&[Phrase("Microsoft.KeyVault/vaults/secrets/readMetadata/action")], 0.86),
            signal(&[Phrase("Public network access is disabled and request is not from a trusted service")], 0.9),
            signal_unless(&[Phrase("vault"), Phrase("StatusCode=403")], ARM_DENIAL, 0.86),
            signal_unless(&[Phrase("vault"), Phrase("Code=Forbidden")], ARM_DENIAL, 0.86),
            signal(&[Phrase("failed to mount secrets store objects"), Phrase("Status=403")], 0.88),
            signal_unless(&[Phrase("keyvault"), Phrase("403 Forbidden")], ARM_DENIAL, 0.8),
            signal_unless(&[Phrase("keyvault"), Phrase("403 (Forbidden)")], ARM_DENIAL, 0.8),
            signal_unless(&[Phrase("keyvault"), Phrase("Status=403")], ARM_DENIAL, 0.8),
            signal(&[Phrase("Caller is not authorized to perform action on resource")], 0.85),
            // The language SDKs: access-policy wording for any permission,
            // RBAC wording, and Key Vault's Forbidden/AccessDenied envelope.
            signal(&[Phrase("permission on key vault")], 0.93),
            signal(&[Phrase("not allowed by RBAC"), Phrase("vault")], 0.9),
            signal(&[Phrase("KeyVaultErrorException"), Phrase("Forbidden")], 0.9),
            signal_unless(&[Phrase("keyvault"), Code("Forbidden")], ARM_DENIAL, 0.88),
            signal(&[Code("Forbidden"), Code("AccessDenied")], 0.86),
            signal(&[Phrase("vault.azure.net"), Code("Forbidden")], 0.86),
            signal(&[Phrase("vault.azure.net"), Phrase("Status code 403")], 0.86),
            signal(&[Phrase("vault.azure.net"), Phrase("403 Forbidden")], 0.86),
            signal(&[Phrase("vault.azure.net"), Phrase("403 (Forbidden)")], 0.86),
            // Key Vault's denial messages name the caller and the vault (`Caller: appid=…`, `Vault: <name>;location=…`).
            signal(&[Phrase("not found on any access policy")], 0.93),
            signal(&[Phrase("Caller: appid="), Phrase("Vault:")], 0.9),
            signal(&[Phrase("Vault:"), Phrase(";location="), Phrase("Forbidden")], 0.88),
            signal(&[Phrase("access policy"), Phrase("Access denied")], 0.88),
            signal(&[Phrase("ForbiddenByFirewall")], 0.95),
            signal(&[Phrase("caller is not a trusted service")], 0.92),
            // Key Vault's 403 for a disabled object (`SecretDisabled`, `KeyDisabled`, …).
            signal(&[Any(&["SecretDisabled", "CertificateDisabled", "disabled secret", "disabled certificate"]), Any(&["403", "Forbidden"])], 0.86),
            // Any SDK's Key Vault client or exception next to a denial in any
            // words; App Service's Key Vault reference status.
            signal_unless(&[
                Any(&["KeyVaultErrorException", "Microsoft.Azure.KeyVault", "Azure.Security.KeyVault", "azure.keyvault", "com.azure.security.keyvault", "@azure/keyvault", "vault.azure.net", "keyvault", "key vault"]),
                Any(&["Access denied", "AccessDenied", "Forbidden", "not authorized to perform", "is not authorized", "does not have permission", "denied access", "permission denied", "Caller is not authorized"]),
            ], ARM_DENIAL, 0.84),
            signal(&[Any(&["AccessToKeyVaultDenied", "denied access to Key Vault"])], 0.93),
            signal(&[Code("AccessToKeyVault*")], 0.9),
            signal_unless(&[Any(&["vault.azure.net", "keyvault", "key vault", "KeyVault"]), Any(&["Status code 403", "StatusCode=403", "Status=403", "403 Forbidden", "403 (Forbidden)", "RESPONSE 403", "status: 403"])], ARM_DENIAL, 0.84),
        ],
        negative: &[],
        cause: "The identity that calls Key Vault has no data-plane permission on the vault's objects, or the network path is refused (public access disabled, private endpoint on a VNet the nodes cannot resolve or reach).",
        mitigation: &[
            "Grant the identity that calls Key Vault (the add-on identity in CSI mode, the user-assigned identity with workload identity, or the service principal) read access to the objects.",
            "ForbiddenByConnection: link the private DNS zone to the cluster VNet and peer the VNets.",
        ],
        commands: &[
            "nslookup <vault>.vault.azure.net",
            "nc -v -w 2 <vault>.vault.azure.net 443",
            "az role assignment create --assignee <client-id> --role \"Key Vault Secrets User\" --scope <vault-resource-id>",
            "az keyvault set-policy -n <vault> --secret-permissions get --spn <client-id>",
        ],
    },
    // ───────────────────────── fallbacks ─────────────────────────
    CategoryRule {
        id: "other",
        family: "fallback",
        title: "Another error of this domain",
        priority: 17,
        signals: &[
            // The domain's tools in their own words: an ACR task's run, an
            // Argo CD project refusing an application's destination or
            // source, `helm test`'s failed test pod, etcd behind the API
            // server timing out, a Marketplace offer that cannot be bought.
            signal(&[Any(&["failed to unmarshal task before running", "failed to deserialize task and validate"])], 0.78),
            signal(&[Phrase("Run ID:"), Phrase("failed after"), Phrase("failed during run")], 0.78),
            signal(&[Phrase("application"), Any(&["allowed destinations in project", "is not permitted in project"])], 0.78),
            signal(&[Any(&["Error: pod", "* pod"]), Any(&["test-connection failed", "-test failed"])], 0.78),
            signal(&[Phrase("helm test"), Phrase("pod"), Phrase("failed")], 0.78),
            signal(
                &[
                    Any(&["etcdserver: request timed out", "etcdserver: leader changed", "etcdserver: no leader", "etcdserver: too many requests"]),
                    Any(&["Error from server", "kubectl", "kube-apiserver", "apiserver"]),
                ],
                0.78,
            ),
            // The API server's and controllers' answers about an object named
            // by resource and group (a multi-cluster controller's work
            // status), and kubectl finding no CRD for a kind, with no Helm.
            signal(&[KUBE_GROUP_RESOURCE, Any(&["already exists", "Failed to apply"])], 0.78),
            signal(&[Phrase("no matches for kind"), Phrase("in version")], 0.78),
            // ARM's role and policy codes in any shape (the portal's `(Code: X)`).
            signal(&[Code("RoleAssignment*")], 0.78),
            signal(&[Code("RoleDefinition*")], 0.78),
            signal(&[Code("PolicyAssignment*")], 0.78),
            signal(&[Code("MarketplacePurchaseEligibilityFailed")], 0.8),
            signal(&[Phrase("Offer with PublisherId"), Phrase("cannot be purchased")], 0.78),
            signal(&[Phrase("Resource id is invalid")], 0.8),
            // Azure's network resource provider on a subnet and its virtual
            // network (`Subnet 'x' is not valid in virtual network 'y'`, not
            // found in it, overlapping it): the az CLI's one-line answers.
            // On-premises virtualisation and other clouds name virtual
            // networks too.
            signal_unless(
                &[
                    Phrase("Subnet"),
                    Any(&["in virtual network", "of virtual network"]),
                    Any(&["not valid", "overlaps", "is not in", "not found", "does not belong", "is in use", "cannot be deleted"]),
                ],
                &[NOT_AZURE_NETWORK, OTHER_CLOUD],
                0.78,
            ),
            // A subnet whose addresses ran out, in the provider's words.
            signal_unless(&[Phrase("Subnet"), Phrase("has no available IP addresses")], &[NOT_AZURE_NETWORK, OTHER_CLOUD], 0.78),
            // Azure's network and compute resource types in plain words
            // (a public IP, a network security group, a private endpoint, a
            // managed disk) next to what ARM says of them: still allocated
            // to a resource, in use by a subnet, a subnet's private endpoint
            // policies or its addresses run out, a disk attached to a VM,
            // the Basic and Standard SKUs.
            signal_unless(
                &[
                    Any(&["Public IP address", "network security group", "virtual network", "Subnet", "network interface", "Private endpoint", "load balancer", "Managed disk"]),
                    Any(&["still allocated to resource", "in use by subnet", "private endpoint network policies", "is already attached to VM", "Basic SKU", "Standard SKU"]),
                ],
                &[NOT_AZURE_NETWORK, OTHER_CLOUD],
                0.78,
            ),
            signal(&[Phrase("can not end with '_schema'")], 0.8),
            // ARM's and the compute provider's refusals in their own
            // sentence shapes: a property that may not change
            // (`PropertyChangeNotAllowed`), an AKS managed namespace deleted
            // outside ARM, a subnet that holds another service's resources.
            signal(&[Phrase("Changing property"), Phrase("is not allowed"), AZURE_PROPERTY], 0.78),
            signal(&[Code("PropertyChangeNotAllowed")], 0.78),
            signal(&[Any(&["managed by ARM", "managed by Azure Resource Manager"]), Phrase("namespace"), Any(&["not allowed", "through ARM", "though ARM", "ARM api"])], 0.78),
            signal(&[Code("SubnetWithExternalResources*")], 0.8),
            signal(&[Phrase("Subnet"), Phrase("cannot be used"), Phrase("contains external resources")], 0.78),
            signal(&[Phrase("Invalid user identity resource ID")], 0.8),
            signal(&[Phrase("Required argument is missing, please provide the arguments")], 0.8),
            signal(&[Phrase("Only one auth info is needed")], 0.8),
            signal(&[Phrase("bootstrap server url is invalid")], 0.8),
            signal(&[Phrase("is not allowed when local auth is disabled")], 0.8),
            signal(&[Phrase("Resource name can only contain letters")], 0.8),
            // A credential chain's report whose attempted credentials show no
            // fallback to the metadata endpoint (no managed-identity or
            // workload-identity line): another credential's own failure. The
            // chain's heading alone shows no attempt either way.
            signal_unless(
                &[
                    Any(&["DefaultAzureCredential", "ChainedTokenCredential"]),
                    Any(&["from the included credentials", "Attempted credentials", "failed to acquire a token", "authentication failed", "CredentialUnavailableError", "AggregateAuthenticationError"]),
                    Any(&["AzureCliCredential", "EnvironmentCredential", "AzurePowerShellCredential", "AzureDeveloperCliCredential", "SharedTokenCacheCredential", "VisualStudioCodeCredential", "Azure CLI", "PowerShell"]),
                ],
                &[MANAGED_IDENTITY, WORKLOAD_IDENTITY, Any(&["IMDS", "metadata/identity", "169.254.169.254", "pod identity", "aad-pod-identity"])],
                0.76,
            ),
            // Argo CD's comparison failing on objects outside the namespaces
            // it manages (gitops-engine's cluster cache): it names Kubernetes
            // objects; `ComparisonError` alone is Argo CD's own state.
            signal(&[Phrase("ComparisonError"), Any(&["is not managed", "managed when in namespaced mode"])], 0.8),
            signal(&[PRINCIPAL_MISSING], 0.8),
            signal(&[Code("InternalServerError")], 0.7),
            // The API server's own answers about Kubernetes objects as kubectl
            // prints them (`Error from server (NotFound): pods "web" not
            // found`): a Kubernetes object, no Azure resource.
            signal(&[Phrase("Error from server (")], 0.76),
            // The kubelet's volume plugins failing on their own sources (a
            // config map, a secret, a claim); the secrets-store CSI driver's
            // mounts are their own category.
            signal_unless(&[Any(&["MountVolume.SetUp failed", "MountVolume.MountDevice failed", "Unable to attach or mount volumes"])], &[CSI_PROVIDER, Phrase("secrets-store")], 0.76),
            signal(&[Code("InvalidResourceType")], 0.7),
            signal(&[Phrase("AADSTS")], 0.6),
            // Entra's resource (not client) principal missing in the tenant
            // (`AADSTS500011: The resource principal named … was not found in
            // the tenant`): the audience asked for, no workload's client id.
            signal(&[Code("AADSTS500011")], 0.8),
            signal(&[Phrase("resource principal named"), Phrase("not found in the tenant")], 0.8),
            // Azure services' own refusals that name no category: a
            // provider failing a collection (API Management's deleted
            // services), Container Apps' subnet size, a Storage feature the
            // account does not support.
            signal(&[Any(&["Resource provider 'Microsoft.", "Resource provider Microsoft."]), Any(&["failed to return", "ProviderError"])], 0.78),
            signal_unless(&[Phrase("subnet"), Any(&["must have a size of at least", "environment network configuration is invalid"])], &[NOT_AZURE_NETWORK, OTHER_CLOUD], 0.78),
            signal(&[Code("*NotSupportedForAccount")], 0.78),
            // A Kubernetes controller (the secrets-store CSI driver's manager)
            // that cannot reach the API server's discovery at start.
            signal(&[Any(&["could not create RESTMapper", "failed to create RESTMapper", "unable to create RESTMapper"])], 0.78),
            // A VM or scale-set extension (AKS node bootstrap, `vmssCSE`)
            // failing to provision.
            signal(&[Any(&["VM has reported a failure when processing extension", "vmssCSE", "VMExtensionProvisioningError", "VMExtensionHandlerNonTransientError"])], 0.8),
        ],
        negative: &[],
        cause: "An Azure or Kubernetes error of this domain that matches none of the known categories.",
        mitigation: &[
            "Read the innermost error code and message.",
            "Run az aks connection validate (it always reports success on AKS, so also check the in-cluster objects).",
            "Check the sc-extension status and the sc-system namespace.",
        ],
        commands: &[
            "az aks connection validate --resource-group <rg> --name <cluster> --connection <connection>",
            "az k8s-extension show --resource-group <rg> --cluster-name <cluster> --cluster-type managedClusters --name sc-extension",
            "helm list -n sc-system",
            "kubectl get job -n sc-system",
        ],
    },
    CategoryRule {
        id: "unknown",
        family: "fallback",
        title: "Not recognised as an Azure, Kubernetes or Service Connector error",
        priority: 18,
        signals: &[],
        negative: &[],
        cause: "The text shows no sign of Azure, Kubernetes, Helm or Service Connector, or it is empty.",
        mitigation: &[
            "Paste the full error output: the az CLI output with --debug, the portal notification details, the extension statuses or the pod events and logs.",
        ],
        commands: &[],
    },
];

/// The record of a category id.
pub fn rule(id: &str) -> Option<&'static CategoryRule> {
    RULES.iter().find(|r| r.id == id)
}
