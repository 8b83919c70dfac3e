//! THE rule table: one record per category of `error-categories.md`, pure
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
    /// An error code extracted from the text (`(Code)`, `Code: X`,
    /// `"code": "X"`, `Code="X"`, `ERROR CODE: X`, an `AADSTS` number …),
    /// compared case-insensitively.
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
    /// Overrides the rule's precedence for this signal (§8 puts one category
    /// at two ranks).
    pub priority: Option<u8>,
}

/// Weight from which a signal is specific enough to prove the domain.
pub const SPECIFIC: f32 = 0.75;

/// One category.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Category id.
    pub id: &'static str,
    /// UI family.
    pub family: &'static str,
    /// Short title.
    pub title: &'static str,
    /// Precedence rank from §8: lower wins.
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

use Term::{Code as C, Innermost as I, Phrase as P};

const fn s(all: &'static [Term], weight: f32) -> Signal {
    Signal {
        all,
        none: &[],
        weight,
        priority: None,
    }
}

const fn su(all: &'static [Term], none: &'static [Term], weight: f32) -> Signal {
    Signal {
        all,
        none,
        weight,
        priority: None,
    }
}

const fn sp(all: &'static [Term], weight: f32, priority: u8) -> Signal {
    Signal {
        all,
        none: &[],
        weight,
        priority: Some(priority),
    }
}

/// Phrases that show the text belongs to this domain (Azure, Kubernetes,
/// Helm, Service Connector). Without one of them, or a specific signal, the
/// classifier answers `unknown`.
pub const DOMAIN_MARKERS: &[&str] = &[
    "azure",
    "microsoft.",
    "aka.ms",
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
    "imds",
    "169.254.169.254",
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
    "deploymentfailed",
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
    "serviceaccount",
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
    "federated",
    "managedidentity",
    "managed identity",
    "defaultazurecredential",
    "generaluserror",
    "invalidresourcetype",
    "internalservererror",
    "linkedauthorizationfailed",
];

/// The table, in §1 order.
pub const RULES: &[Rule] = &[
    // ───────────────────────── extension ─────────────────────────
    Rule {
        id: "extension_agent_timeout",
        family: "extension",
        title: "Azure got no answer from the cluster's extension agent",
        priority: 11,
        signals: &[
            s(&[P("response from the agent in time")], 0.97),
            s(&[P("unable to get a response from the agent")], 0.93),
            s(&[P("unable to get response from the agent")], 0.93),
            s(&[P("response from agent in time")], 0.92),
            s(&[P("from the agent in time")], 0.9),
            s(&[P("response from the agent"), P("in time")], 0.88),
            s(&[P("unable to get a"), P("from the ag"), P("in time")], 0.8),
            s(&[P("getPendingConfigs"), P("not authorized")], 0.9),
            s(&[P("This traffic is not authorized")], 0.85),
            s(&[P("Failed to GET configurations with err")], 0.8),
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
    Rule {
        id: "extension_pods_unschedulable",
        family: "extension",
        title: "Extension pods cannot be scheduled",
        priority: 8,
        signals: &[
            s(&[P("untolerated taint {CriticalAddonsOnly")], 0.95),
            s(&[P("Extension pods can't be scheduled")], 0.95),
            s(&[P("Extension pods cannot be scheduled")], 0.95),
            s(&[P("CriticalAddonsOnly"), P("taint")], 0.9),
            s(&[P("Extension Pod error"), P("nodes are available")], 0.9),
            s(&[P("FailedScheduling"), P("extension-operator")], 0.88),
            s(&[P("FailedScheduling"), P("extension-agent")], 0.88),
            s(&[P("FailedScheduling"), P("extension-manager")], 0.88),
            s(&[P("FailedScheduling"), P("sc-system")], 0.86),
            s(&[P("untolerated taint"), P("extension")], 0.85),
            s(&[P("untolerated taint"), P("sc-system")], 0.85),
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
    Rule {
        id: "extension_other",
        family: "extension",
        title: "Other cluster-extension failure",
        priority: 13,
        signals: &[
            s(&[P("Failed to resolve the extension version")], 0.95),
            s(&[P("ExtensionTypeRegistrationGetFailed")], 0.95),
            s(&[P("Extension type"), P("is not registered in region")], 0.9),
            s(&[P("extension-immutable-values")], 0.9),
            s(&[P("failed to get the immutable configMap")], 0.9),
            s(&[P("error while adding the CRD configuration")], 0.88),
            s(&[P("aks-managed-azure-monitor-logs")], 0.85),
            s(&[P("following scope(s) are locked")], 0.85),
            s(&[P("namespace is terminating"), P("extension")], 0.8),
            s(&[C("ExtensionOperationFailed")], 0.8),
            s(&[P("ExtensionOperationFailed")], 0.78),
            s(&[P("The extension operation failed")], 0.78),
            s(&[P("k8s-extension"), P("provisioningState"), P("Failed")], 0.6),
            s(&[P("sc-extension"), P("failed")], 0.6),
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
    Rule {
        id: "helm_timeout",
        family: "Helm",
        title: "Timed out waiting for resource readiness",
        priority: 10,
        signals: &[
            s(&[P("Timed out waiting for resource readiness")], 0.97),
            s(&[P("Timed out waiting for the resource to come to a ready")], 0.95),
            // kubelet says the same when a volume cannot be mounted.
            su(
                &[P("timed out waiting for the condition")],
                &[P("Unable to attach or mount volumes")],
                0.9,
            ),
            s(&[P("job failed: BackoffLimitExceeded")], 0.85),
            s(&[P("uninstalled due to atomic being set"), P("timed out")], 0.9),
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
    Rule {
        id: "helm_chart_download",
        family: "Helm",
        title: "The Helm chart cannot be downloaded",
        priority: 10,
        signals: &[
            s(&[P("Unable to download the Helm chart")], 0.97),
            s(&[P("failed to download"), P("chart")], 0.85),
            s(&[P("failed to download"), P("helm")], 0.85),
            s(&[P("is not a valid chart repository or cannot be reached")], 0.85),
            s(&[P("scaksextension.azurecr.io"), P("dial tcp")], 0.85),
            s(&[P("scaksextension.azurecr.io"), P("i/o timeout")], 0.85),
            s(&[P("scaksextension.azurecr.io"), P("no such host")], 0.85),
            s(&[P("scaksextension.azurecr.io"), P("403 Forbidden")], 0.8),
            s(&[P("scaksextension.azurecr.io"), P("chart")], 0.8),
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
    Rule {
        id: "helm_render",
        family: "Helm",
        title: "Helm chart rendering failed with the given values",
        priority: 10,
        signals: &[
            s(&[P("Helm chart rendering failed with given values")], 0.97),
            s(&[P("Unable to render the Helm chart")], 0.95),
            s(&[P("execution error at (")], 0.9),
            s(&[P("nil pointer evaluating interface")], 0.9),
            s(&[P("template:"), P("can't evaluate field")], 0.9),
            s(&[P("template:"), P("error calling")], 0.85),
            s(&[P("failed to install chart from path")], 0.85),
            s(&[P("error converting YAML to JSON")], 0.8),
        ],
        negative: &[],
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
    Rule {
        id: "helm_resource_exists",
        family: "Helm",
        title: "A resource already exists in the cluster",
        priority: 10,
        signals: &[
            s(&[P("rendered manifests contain a resource that already exists")], 0.97),
            s(&[P("Resource already exists in your cluster")], 0.95),
            s(&[P("Resource already existing in your cluster")], 0.95),
            s(&[P("exists and cannot be imported into the current release")], 0.95),
            s(&[P("invalid ownership metadata")], 0.85),
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
    Rule {
        id: "helm_operation_in_progress",
        family: "Helm",
        title: "Another Helm operation is in progress",
        priority: 10,
        signals: &[
            s(&[P("another operation (install/upgrade/rollback) is in progress")], 0.97),
            s(&[P("Operation is already in progress for Helm")], 0.95),
            su(
                &[P("helm"), P("another operation"), P("in progress")],
                &[C("OperationNotAllowed"), P("please wait for it to finish")],
                0.8,
            ),
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
    Rule {
        id: "helm_install_other",
        family: "Helm",
        title: "Other Helm install/upgrade failure",
        priority: 12,
        signals: &[
            s(&[P("unable to create/update Kubernetes resources for the extension")], 0.88),
            s(&[P("Helm installation failed")], 0.8),
            s(&[P("Error: INSTALLATION FAILED")], 0.8),
            s(&[P("Error: UPGRADE FAILED")], 0.8),
            s(&[C("InstallationFailed")], 0.78),
            s(&[P("helm upgrade failed")], 0.76),
        ],
        negative: &[],
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
    Rule {
        id: "sc_job_failed",
        family: "Service Connector",
        title: "The sc-job / sc-system pods failed",
        priority: 9,
        signals: &[
            s(&[P("sc-operator"), P("pull")], 0.9),
            s(&[P("sc-job"), P("ImagePullBackOff")], 0.9),
            s(&[P("sc-job"), P("ErrImagePull")], 0.9),
            s(&[P("sc-job"), P("CrashLoopBackOff")], 0.9),
            su(
                &[P("sc-job"), P("BackoffLimitExceeded")],
                &[P("Timed out waiting for resource readiness")],
                0.88,
            ),
            s(&[P("sc-job"), P("DeadlineExceeded")], 0.85),
            s(&[P("sc-system"), P("ImagePullBackOff")], 0.85),
            s(&[P("sc-system"), P("ErrImagePull")], 0.85),
            s(&[P("sc-system"), P("CrashLoopBackOff")], 0.85),
            s(&[P("job/sc-job"), P("error")], 0.76),
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
    Rule {
        id: "conflict_cluster_updating",
        family: "Service Connector",
        title: "Conflict: the cluster or the connection is busy",
        priority: 16,
        signals: &[
            s(&[P("Operation returned an invalid status code: Conflict")], 0.95),
            s(&[P("Operation returned an invalid status code 'Conflict'")], 0.95),
            s(&[C("AnotherOperationInProgress")], 0.95),
            s(&[P("AnotherOperationInProgress")], 0.9),
            s(&[C("OperationNotAllowed"), P("another operation"), P("in progress")], 0.95),
            s(&[P("aka.ms/aks-pending-operation")], 0.9),
            s(&[P("please wait for it to finish before starting a new operation")], 0.9),
            s(&[P("please retry later to avoid conflict")], 0.9),
            s(&[P("isn't allowed in the resource's current state")], 0.85),
            s(&[I("Conflict")], 0.8),
        ],
        negative: &[],
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
    Rule {
        id: "authorization_failed",
        family: "ARM",
        title: "Missing permissions",
        priority: 15,
        signals: &[
            s(&[C("AuthorizationFailed")], 0.97),
            s(&[C("LinkedAuthorizationFailed")], 0.95),
            s(&[P("does not have authorization to perform action")], 0.95),
            s(&[P("You do not have permission to perform")], 0.9),
            s(&[P("If access was recently granted, please refresh your credentials")], 0.9),
            s(&[P("LinkedAuthorizationFailed")], 0.9),
            s(&[P("AuthorizationFailed")], 0.88),
            su(&[C("UnauthorizedResourceAccess")], &[P("not registered")], 0.9),
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
    Rule {
        id: "subscription_not_registered",
        family: "ARM",
        title: "Resource provider not registered",
        priority: 3,
        signals: &[
            s(&[C("MissingSubscriptionRegistration")], 0.97),
            s(&[P("MissingSubscriptionRegistration")], 0.95),
            s(&[P("subscription is not registered to use namespace")], 0.97),
            s(&[P("not registered to use namespace")], 0.92),
            s(&[C("NoRegisteredProviderFound")], 0.92),
            s(&[P("No registered resource provider found")], 0.9),
            s(&[C("InvalidSubscriptionRegistrationState")], 0.9),
            s(&[C("MissingRegistrationForLocation")], 0.9),
            s(&[C("SubscriptionNotRegistered")], 0.95),
            s(&[P("SubscriptionNotRegistered")], 0.9),
            s(&[C("UnauthorizedResourceAccess"), P("not registered")], 0.95),
            s(&[P("is not registered, trying to register")], 0.9),
            s(&[P("Registration failed, please manually run command")], 0.9),
            s(&[P("Registeration failed, please manually run command")], 0.9),
            s(&[P("has not been registered"), P("provider")], 0.85),
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
    Rule {
        id: "aks_not_found",
        family: "ARM",
        title: "The AKS cluster does not exist",
        priority: 14,
        signals: &[
            s(&[P("Resource 'Microsoft.ContainerService/managedClusters/")], 0.95),
            s(&[C("ResourceNotFound"), P("Microsoft.ContainerService/managedClusters")], 0.93),
            s(&[C("NotFound"), P("Microsoft.ContainerService/managedClusters")], 0.9),
            s(&[P("managedClusters"), P("was not found")], 0.88),
            s(&[P("managedClusters"), P("could not be found")], 0.88),
            s(&[P("managed cluster"), P("not found")], 0.8),
        ],
        negative: &[C("ResourceGroupNotFound"), C("ParentResourceNotFound")],
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
    Rule {
        id: "resource_group_not_found",
        family: "ARM",
        title: "The resource group does not exist",
        priority: 14,
        signals: &[
            s(&[C("ResourceGroupNotFound")], 0.97),
            s(&[P("ResourceGroupNotFound")], 0.95),
            s(&[P("Resource group"), P("could not be found")], 0.88),
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
    Rule {
        id: "resource_not_found",
        family: "ARM",
        title: "A resource was not found",
        priority: 14,
        signals: &[
            s(&[C("ParentResourceNotFound")], 0.92),
            s(&[C("SubscriptionNotFound")], 0.92),
            s(&[P("SubscriptionNotFound")], 0.88),
            s(&[P("ParentResourceNotFound")], 0.88),
            s(&[C("ResourceNotFound")], 0.88),
            s(&[P("under resource group"), P("was not found")], 0.88),
            s(&[P("aka.ms/ARMResourceNotFoundFix")], 0.85),
            s(&[C("NotFound"), P("Cannot find")], 0.8),
            s(&[P("ResourceNotFound")], 0.6),
            s(&[C("NotFound")], 0.6),
        ],
        negative: &[
            P("Resource 'Microsoft.ContainerService/managedClusters/"),
            C("ResourceGroupNotFound"),
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
    Rule {
        id: "quota_exceeded",
        family: "ARM",
        title: "A quota would be exceeded",
        priority: 2,
        signals: &[
            s(&[C("QuotaExceeded")], 0.97),
            s(&[C("ResourceQuotaExceeded")], 0.95),
            s(&[P("ResourceQuotaExceeded")], 0.9),
            s(&[P("results in exceeding approved")], 0.95),
            s(&[C("OperationNotAllowed"), P("quota")], 0.92),
            s(&[P("exceeding approved"), P("quota")], 0.92),
            s(&[P("exceeds quota")], 0.7),
            s(&[P("quota exceeded")], 0.65),
            s(&[P("QuotaExceeded")], 0.65),
        ],
        negative: &[],
        cause: "The request would exceed a subscription, resource-group or regional quota (regional cores quota errors arrive with HTTP 409).",
        mitigation: &[
            "Stay within the quota (smaller SKU, fewer nodes, another region) or request a quota increase.",
        ],
        commands: &["az vm list-usage --location <region> -o table"],
    },
    Rule {
        id: "policy_disallowed",
        family: "ARM",
        title: "Azure Policy denied the request",
        priority: 1,
        signals: &[
            s(&[C("RequestDisallowedByPolicy")], 0.97),
            s(&[P("RequestDisallowedByPolicy")], 0.95),
            s(&[P("disallowed by policy")], 0.92),
            s(&[P("validation.gatekeeper.sh"), P("denied")], 0.88),
            s(&[P("admission webhook"), P("gatekeeper"), P("denied the request")], 0.88),
            s(&[P("[azurepolicy"), P("denied")], 0.85),
            s(&[P("Policy identifiers")], 0.8),
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
    Rule {
        id: "wi_no_federated_credential",
        family: "workload identity",
        title: "No federated identity credential matches the token",
        priority: 4,
        signals: &[
            s(&[C("AADSTS70021")], 0.97),
            s(&[P("No matching federated identity record found")], 0.97),
            s(&[C("AADSTS700211")], 0.95),
            s(&[C("AADSTS700213")], 0.95),
            s(&[C("AADSTS7002138")], 0.95),
            s(&[P("Assertion Issuer"), P("Assertion Subject")], 0.85),
        ],
        negative: &[],
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
    Rule {
        id: "wi_oidc_issuer_unreachable",
        family: "workload identity",
        title: "Entra cannot reach the cluster's OIDC issuer",
        priority: 4,
        signals: &[
            s(&[C("AADSTS90061")], 0.92),
            s(&[C("AADSTS50166")], 0.92),
            s(&[P("Request to External OIDC endpoint failed")], 0.95),
        ],
        negative: &[],
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
    Rule {
        id: "wi_token_file_missing",
        family: "workload identity",
        title: "The pod is not set up for workload identity",
        priority: 7,
        signals: &[
            s(&[P("WorkloadIdentityCredential authentication unavailable")], 0.95),
            s(&[P("workload options are not fully configured")], 0.95),
            s(&[P("no token file specified")], 0.9),
            s(&[P("WorkloadIdentityCredential"), P("AZURE_FEDERATED_TOKEN_FILE")], 0.85),
            s(&[P("requested identity hasn't been assigned to this resource")], 0.85),
            s(&[P("requested identity has not been assigned to this resource")], 0.85),
            s(&[P("No response received from the managed identity endpoint")], 0.85),
            su(
                &[P("ManagedIdentityCredential authentication unavailable")],
                &[P("MountVolume"), P("secrets-store")],
                0.8,
            ),
        ],
        negative: &[],
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
    Rule {
        id: "wi_wrong_client_id",
        family: "workload identity",
        title: "Wrong client id, or the identity does not exist",
        priority: 7,
        signals: &[
            sp(&[C("AADSTS700016")], 0.97, 4),
            sp(&[P("Application with identifier"), P("was not found in the directory")], 0.9, 4),
            Signal {
                all: &[P("Identity not found")],
                none: &[P("MountVolume"), P("secrets-store"), P("failed to mount")],
                weight: 0.85,
                priority: None,
            },
        ],
        negative: &[],
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
    Rule {
        id: "kv_csi_mount_failed",
        family: "Key Vault CSI",
        title: "The secrets-store CSI volume failed to mount",
        priority: 6,
        signals: &[
            s(&[P("failed to mount secrets store objects")], 0.95),
            s(&[P("secrets-store.csi.k8s.io not found in the list of registered CSI drivers")], 0.95),
            s(&[P("MountVolume.SetUp failed"), P("secrets-store")], 0.93),
            s(&[P("failed to find provider binary")], 0.9),
            s(&[P("failed to process mount request")], 0.9),
            s(&[P("failed to get key vault token")], 0.9),
            s(&[P("nmi response failed")], 0.85),
            s(&[P("FailedMount"), P("secrets-store")], 0.9),
            s(&[P("Unable to attach or mount volumes"), P("secrets-store")], 0.88),
            s(&[P("failed to create Kubernetes secret"), P("secrets-store")], 0.88),
            s(&[P("keyvault.BaseClient"), P("context deadline exceeded")], 0.85),
            s(&[P("MountVolume.SetUp failed"), P("csi")], 0.8),
            s(&[P("SecretProviderClass"), P("failed")], 0.7),
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
    Rule {
        id: "kv_access_denied",
        family: "Key Vault",
        title: "Key Vault answered 403",
        priority: 5,
        signals: &[
            s(&[P("ForbiddenByRbac")], 0.97),
            s(&[P("DeniedWithNoValidRBAC")], 0.95),
            s(&[P("ForbiddenByConnection")], 0.95),
            s(&[P("ForbiddenByPolicy")], 0.92),
            s(&[P("does not have secrets get permission")], 0.95),
            s(&[P("does not have secrets list permission")], 0.92),
            s(&[P("does not have keys get permission")], 0.92),
            s(&[P("does not have certificates get permission")], 0.92),
            s(&[P("Public network access is disabled and request is not from a trusted service")], 0.9),
            s(&[P("vault"), P("StatusCode=403")], 0.86),
            s(&[P("vault"), P("Code=Forbidden")], 0.86),
            s(&[P("failed to mount secrets store objects"), P("Status=403")], 0.88),
            s(&[P("keyvault"), P("403 Forbidden")], 0.8),
            s(&[P("keyvault"), P("403 (Forbidden)")], 0.8),
            s(&[P("keyvault"), P("Status=403")], 0.8),
            s(&[P("Caller is not authorized to perform action on resource")], 0.85),
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
    Rule {
        id: "other",
        family: "fallback",
        title: "Another error of this domain",
        priority: 17,
        signals: &[
            s(&[P("Resource id is invalid")], 0.8),
            s(&[P("can not end with '_schema'")], 0.8),
            s(&[P("Invalid user identity resource ID")], 0.8),
            s(&[P("Required argument is missing, please provide the arguments")], 0.8),
            s(&[P("Only one auth info is needed")], 0.8),
            s(&[P("bootstrap server url is invalid")], 0.8),
            s(&[P("is not allowed when local auth is disabled")], 0.8),
            s(&[C("InternalServerError")], 0.7),
            s(&[C("InvalidResourceType")], 0.7),
            s(&[P("AADSTS")], 0.6),
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
    Rule {
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
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}
