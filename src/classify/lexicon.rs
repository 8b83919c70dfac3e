//! The domain's lexicon: words that prove a text is from this domain
//! (Azure, Entra, Kubernetes, Helm, Flux), gathered by family from the
//! tools' and SDKs' own sources rather than from pasted texts. Data only; the
//! engine reads every term as a domain marker, under the marker rules: a
//! term that starts with a letter or digit must start a word, and its end may
//! run on (`microsoft.web/` of `Microsoft.Web/sites`).
//!
//! No entry is a bare English word: a shared word comes with the structure
//! only the domain gives it (a resource provider with its `/type`
//! separator, a cmdlet verb with its `-Az` noun, a kubectl message in its own
//! wording).

/// One family of terms and where its words come from.
pub(crate) struct Family {
    /// Upstream source of the words (repository path, version or date);
    /// read by the tests, which require one per family.
    #[cfg_attr(not(test), allow(dead_code))]
    pub source: &'static str,
    /// The terms, each matched in key form (lower case, no whitespace).
    pub terms: &'static [&'static str],
}

/// The lexicon, by family.
pub(crate) const LEXICON: &[Family] = &[
    Family {
        // Resource provider namespaces followed by a resource type: ARM ids
        // without `providers/`, Bicep's `'Microsoft.Web/sites@…'`, SDK
        // messages (`of type Microsoft.Web/Sites`). The namespace prefix
        // counts only as that shape, `Microsoft.<Namespace>/<type>` (the
        // engine checks what follows it): `Microsoft.Web.WebView2` and
        // `Microsoft.AspNetCore` are .NET namespaces, and a NuGet folder
        // `microsoft.build/17.0.0` has a version where a type would be.
        source: "Azure/azure-rest-api-specs specification/<service>/resource-manager/<Namespace>/ folder names (checked 2026-12-06)",
        terms: &[PROVIDER_PREFIX],
    },
    Family {
        // The az CLI's command groups (the two-letter `az ad` reads as a
        // name in key form, so only its subgroups), ARM templates and
        // Terraform's azapi provider.
        source: "Azure/azure-cli src/azure-cli/azure/cli/command_modules/*/commands.py command_group names, servicebus and eventhubs aaz/latest/<group>/__cmd_group.py; MicrosoftDocs/azure-docs articles/azure-resource-manager/templates/overview.md; Azure/terraform-provider-azapi README.md at d81c7b5 (checked 2026-12-06)",
        terms: &[
            "az webapp",
            "az functionapp",
            "az containerapp",
            "az storage",
            "az cosmosdb",
            "az servicebus",
            "az eventhubs",
            "az postgres",
            "az mysql",
            "az redis",
            "az appconfig",
            "az monitor",
            "az policy",
            "az ad sp",
            "az ad app",
            "az ad signed-in-user",
            "az connection",
            "az bicep",
            "az snapshot",
            "az vmss",
            "arm template",
            "azapi",
        ],
    },
    Family {
        // Az PowerShell: a cmdlet verb joined to its `Az` noun. English
        // words do not take a verb-dash prefix.
        source: "Azure/azure-powershell src/*/*/help/*.md cmdlet names (Connect-AzAccount, New-AzResourceGroup, Update-AzFunctionApp, Import-AzAksCredential, ...; checked 2026-12-06)",
        terms: &[
            "connect-azaccount",
            "new-az",
            "get-az",
            "set-az",
            "remove-az",
            "update-az",
            "invoke-az",
            "register-az",
            "import-az",
            "export-az",
            "start-az",
            "stop-az",
        ],
    },
    Family {
        // The SDKs' own class, package and error names where they do not
        // already start with `Azure`/`azure` (which the markers hold): Go's
        // management and data-plane modules and ADAL, the exception and
        // credential classes of .NET, Java, Python and JS, MSAL's endpoints.
        source: "Azure/azure-sdk-for-go sdk/resourcemanager/*/arm*, sdk/security/keyvault/az*, sdk/storage/az*, sdk/messaging/az*, sdk/data/azcosmos; Azure/go-autorest autorest/adal/token.go; Azure/azure-sdk-for-net sdk/core/Azure.Core/src/RequestFailedException.cs, sdk/identity/Azure.Identity/src/CredentialUnavailableException.cs, sdk/identity/Azure.Identity/src/Credentials/*Credential.cs; Azure/azure-sdk-for-python sdk/identity/azure-identity/azure/identity/_exceptions.py; Azure/azure-sdk-for-js sdk/identity/identity/src/errors.ts; Azure/azure-cli src/azure-cli-core/azure/cli/core/cloud.py, src/azure-cli/azure/cli/command_modules/containerapp/_constants.py; MicrosoftDocs/azure-docs articles/service-connector/how-to-integrate-app-configuration.md; kubernetes-sigs/cloud-provider-azure pkg/consts/consts.go (checked 2026-12-06)",
        terms: &[
            "armresources",
            "armcontainerservice",
            "armstorage",
            "armkeyvault",
            "armauthorization",
            "armnetwork",
            "armcompute",
            "armmsi",
            "azsecrets",
            "azkeys",
            "azcertificates",
            "azblob",
            "azqueue",
            "azservicebus",
            "azeventhubs",
            "azcosmos",
            "adal: ",
            "RequestFailedException",
            "CredentialUnavailableException",
            "CredentialUnavailableError",
            "ClientAssertionCredential",
            "OnBehalfOfCredential",
            "SharedTokenCacheCredential",
            "VisualStudioCodeCredential",
            "VisualStudioCredential",
            "graph.microsoft.com",
            "microsoftonline",
            "mcr.microsoft.com",
            "azconfig.io",
            "vmss",
        ],
    },
    Family {
        // Kubernetes kinds that prose does not name, the event reasons of
        // the kubelet, controllers and autoscaler, the kubelet's and
        // scheduler's messages, and kubectl's own (rollout status, get).
        source: "kubernetes/kubernetes staging/src/k8s.io/api/*/*/types.go, cmd/kube-apiserver/, pkg/kubelet/events/event.go, pkg/kubelet/kubelet.go, pkg/kubelet/kubelet_pods.go, pkg/kubelet/nodestatus/setters.go, pkg/kubelet/eviction/eviction_manager.go, pkg/kubelet/images/types.go, pkg/kubelet/container/sync_result.go, pkg/kubelet/images/image_manager.go, pkg/controller/deployment/util/deployment_util.go, pkg/controller/deployment/sync.go, pkg/controller/podautoscaler/horizontal.go, pkg/controller/daemon/daemon_controller.go, pkg/controller/volume/events/event.go, pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go, staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go, staging/src/k8s.io/kubectl/pkg/cmd/get/get.go, staging/src/k8s.io/kubectl/pkg/cmd/wait/ (extendErrWaitTimeout); kubernetes/autoscaler cluster-autoscaler/processors/status/eventing_scale_up_processor.go; kubernetes/ingress-nginx README.md (checked 2026-12-06)",
        terms: &[
            "podsecuritypolicy",
            "horizontalpodautoscaler",
            "poddisruptionbudget",
            "endpointslice",
            "ingressclass",
            "priorityclass",
            "runtimeclass",
            "ProgressDeadlineExceeded",
            "FailedCreatePodContainer",
            "FailedPostStartHook",
            "FailedPreStopHook",
            "FailedKillPod",
            "NodeNotReady",
            "NodeHasDiskPressure",
            "EvictionThresholdMet",
            "FailedComputeMetricsReplicas",
            "FailedGetResourceMetric",
            "ScalingReplicaSet",
            "FailedBinding",
            "ExternalProvisioning",
            "VolumeResizeFailed",
            "CreateContainerConfigError",
            "CreateContainerError",
            "InvalidImageName",
            "RunContainerError",
            "ContainerStatusUnknown",
            "PodInitializing",
            "NetworkNotReady",
            "NotTriggerScaleUp",
            "TriggeredScaleUp",
            "FailedDaemonPod",
            "exceeded its progress deadline",
            "updated replicas are available",
            "old replicas are pending termination",
            "new pods have been updated",
            "no resources found in",
            "timed out waiting for the condition on",
            "untolerated taint",
            "that the pod didn't tolerate",
            "back-off pulling image",
            "unable to attach or mount volumes",
            "apiserver",
            "ingress controller",
        ],
    },
    Family {
        // The ecosystem's components by their own names.
        source: "kubernetes/kubernetes cmd/cloud-controller-manager/; kubernetes-sigs/apiserver-network-proxy konnectivity-client/; kubernetes/autoscaler cluster-autoscaler/README.md; kubernetes-sigs/metrics-server, cert-manager/cert-manager, kubernetes-sigs/external-dns, external-secrets/external-secrets, istio/istio, linkerd/linkerd2, argoproj/argo-cd README.md; nginxinc/kubernetes-ingress charts/nginx-ingress/ (checked 2026-12-06)",
        terms: &[
            "cloud-controller-manager",
            "cluster-autoscaler",
            "metrics-server",
            "konnectivity",
            "cert-manager",
            "external-dns",
            "external-secrets",
            "nginx-ingress",
            "istio",
            "linkerd",
            "argoproj",
        ],
    },
    Family {
        // Helm's commands, flags and messages, Flux's controllers and
        // commands, Terraform's helm provider.
        source: "helm/helm pkg/cmd/upgrade.go, pkg/cmd/install.go, pkg/action/install.go, pkg/storage/storage.go; helm/helm v2 pkg/tiller/release_server.go; helm/helm-www content/en/docs/helm/helm_<command>.md; fluxcd/flux2 pkg/manifestgen/install/options.go, cmd/flux/reconcile_source_git.go, cmd/flux/bootstrap_github.go, cmd/flux/create_source_oci.go, cmd/flux/get_source_git.go, cmd/flux/logs.go, cmd/flux/suspend.go, cmd/flux/resume.go; fluxcd/source-controller internal/controller/gitrepository_controller.go (failed to checkout and determine revision); fluxcd/kustomize-controller internal/controller/kustomization_controller.go (kustomization path not found, kustomize build failed, failed early due to stalled resources), fluxcd/pkg ssa/wait.go (timeout waiting for: [...]); fluxcd/helm-controller internal/reconcile/ (install retries exhausted, upgrade retries exhausted); fluxcd/pkg apis/meta conditions; hashicorp/terraform-provider-helm helm/provider.go (checked 2026-12-06)",
        terms: &[
            "installing it now",
            "--create-namespace",
            "helm template",
            "helm lint",
            "helm dependency",
            "helm rollback",
            "helm uninstall",
            "helm pull",
            "helm package",
            "error: a release named",
            "sh.helm.release",
            "helm_release",
            "source-controller",
            "notification-controller",
            "image-reflector-controller",
            "gitrepository",
            "ocirepository",
            "flux reconcile",
            "flux bootstrap",
            "flux get source",
            "flux get kustomization",
            "flux get helmrelease",
            "flux get all",
            "flux logs",
            "flux suspend",
            "flux resume",
            "flux-system",
            "gotk-",
            "kustomize-controller",
            "helm-controller",
            "toolkit.fluxcd.io",
            "failed to checkout and determine revision",
            "install retries exhausted",
            "upgrade retries exhausted",
            "kustomization path not found",
            "kustomize build failed",
            "failed early due to stalled resources",
            "timeout waiting for: [",
            "chart requires kubeVersion",
        ],
    },
    Family {
        // Controllers around Helm and Kubernetes that name no Helm or
        // Kubernetes word in their failures: Flux v1's helm-operator
        // (its release sync and chart preparation), Crossplane and its
        // providers, Rancher's Fleet and its `cattle` API groups.
        source: "fluxcd/helm-operator pkg/release/release.go; crossplane/crossplane apis/; rancher/fleet pkg/apis/fleet.cattle.io/ (2026-12-06)",
        terms: &[
            "synchronization of release",
            "failed to prepare chart for release",
            "helm-operator",
            "helm.fluxcd.io",
            "crossplane",
            "fleet.cattle.io",
            "cattle-system",
            "fleet-agent",
        ],
    },
    Family {
        // go-autorest's and ADAL's own words for a credential they could
        // not build (`failed to get SPT from client credentials`, the
        // environment's `activeDirectoryEndpoint`), the `--sdk-auth` file's
        // endpoint keys, and azidentity's credential types that carry no
        // Azure word.
        source: "Azure/go-autorest autorest/azure/auth/auth.go, autorest/azure/environments.go, autorest/adal/token.go; Azure/azure-sdk-for-go sdk/azidentity/ (2026-12-06)",
        terms: &[
            "failed to get spt from",
            "activedirectoryendpoint",
            "resourcemanagerendpoint",
            "newauthorizerfrom",
            "newserviceprincipaltoken",
            "serviceprincipaltoken",
            "clientsecretcredential",
            "clientcertificatecredential",
            "environmentcredential",
        ],
    },
    Family {
        // Kubernetes' condition wait (`wait.ErrWaitTimeout`) right after the
        // object it waited on: a pod. The wait's words alone are any CI
        // job's too.
        source: "kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/util/wait/ (2026-12-06)",
        terms: &[
            "pod: timed out waiting for the condition",
            "pods: timed out waiting for the condition",
        ],
    },
    Family {
        // Helm's validation and storage errors (a release name its regex
        // rejects, a release its storage driver does not hold), Helm 2's
        // commands and its server Tiller, reached through a port-forward.
        source: "helm/helm pkg/action/action.go (errInvalidName), pkg/storage/driver/driver.go (ErrReleaseNotFound, ErrReleaseExists), pkg/action/upgrade.go; helm/helm v2 pkg/helm/portforwarder/portforwarder.go, cmd/helm/helm.go, cmd/helm/installer/install.go (gathered 2026-12-06)",
        terms: &[
            "invalid release name, must match regex",
            "release: not found",
            "release: already exists",
            "getting deployed release",
            "helm ls",
            "helm status",
            "helm history",
            "helm delete",
            "helm init",
            "helm get",
            "tiller-deploy",
            "could not find tiller",
            "could not find a ready tiller pod",
        ],
    },
    Family {
        // The kubelet's API as the API server reaches it for logs, exec and
        // port-forwards: its port and its routes. (`error dialing backend`,
        // the API server's words when that fails, is also any Go proxy's.)
        source: "kubernetes/kubernetes pkg/cluster/ports/ports.go (KubeletPort 10250), pkg/kubelet/server/server.go (containerLogs, exec, portForward routes) (gathered 2026-12-06)",
        terms: &[":10250", "/containerlogs/"],
    },
    Family {
        // Bicep's diagnostics (`Error BCP036: …`, the codes BCP001–BCP099
        // by their zero-led form; `BCP 47` is a language tag's RFC) and
        // the linter's rule ids that no JavaScript linter shares.
        source: "Azure/bicep src/Bicep.Core/Diagnostics/DiagnosticBuilder.cs, src/Bicep.Core/Analyzers/Linter/Rules/*.cs (gathered 2026-12-06)",
        terms: &[
            "error bcp",
            "warning bcp",
            "info bcp",
            "bcp0",
            "no-hardcoded-env-urls",
            "secure-parameter-default",
            "outputs-should-not-contain-secrets",
            "use-stable-resource-identifiers",
            "use-resource-symbol-reference",
            "use-parent-property",
        ],
    },
    Family {
        // AKS on Azure Stack HCI and AKS Arc: the PowerShell modules'
        // names and cmdlet nouns (`Update-AksHci`, `New-AksHciCluster`,
        // `Get-MocConfig`), the az extension, and the Az modules by name.
        source: "learn.microsoft.com/azure/aks/aksarc/aks-edge-howto-* and Azure/AKS-Edge tools/modules/AksEdgeDeploy (module AksEdge, cmdlets New-AksEdgeDeployment, Get-AksEdgeDeploymentInfo, Test-AksEdgeNetworkParameters, ...); powershellgallery.com/packages/AksHci (functions Install-AksHci, Update-AksHci, New-AksHciCluster, ...; dependencies Kva, Moc, Az.Accounts, Az.Resources); Azure/azure-cli-extensions src/aksarc; Azure/azure-powershell src/*/*.psd1 module names (gathered 2026-12-06)",
        terms: &[
            "akshci",
            "aksarc",
            "aksedge",
            "aks edge essentials",
            "aks-edge",
            "akshybrid",
            "get-mocconfig",
            "set-mocconfig",
            "install-moc",
            "mocctl",
            "kvactl",
            "az.accounts",
            "az.resources",
            "az.aks",
            "az.connectedkubernetes",
            "az.kubernetesconfiguration",
            "az.stackhci",
        ],
    },
    Family {
        // Terraform's providers of this domain by their resource prefixes
        // and registry addresses (azurerm is a marker already).
        source: "hashicorp/terraform-provider-azuread docs/resources/*.md, hashicorp/terraform-provider-helm docs/resources/release.md, docs/data-sources/template.md, hashicorp/terraform-provider-kubernetes docs/resources/*.md (gathered 2026-12-06)",
        terms: &[
            "azuread_",
            "helm_template",
            "hashicorp/azuread",
            "hashicorp/helm",
            "hashicorp/kubernetes",
            "kubernetes_manifest",
        ],
    },
    Family {
        // ARM's error envelope (an error's `details` and `additionalInfo`
        // lists, an async operation's failed status) and the shapes the
        // SDKs print it in: go-autorest's `Failure sending request:`,
        // `Status=409 Code="…"`, `Details=[{"code":…` and `InnerError=`,
        // azure-core's `Additional Information:Type:`. A bare
        // `"code"`/`"message"` pair is every vendor's and no term, and so
        // is `innererror` alone (SAP Gateway's OData errors carry it too).
        source: "Azure/azure-rest-api-specs specification/common-types/resource-management/v5/types.json (ErrorResponse, ErrorDetail, ErrorAdditionalInfo); Azure/go-autorest autorest/azure/azure.go (ServiceError.Error, RequestError.Error), autorest/azure/async.go; Azure/azure-sdk-for-python sdk/core/azure-core/azure/core/exceptions.py (ODataV4Format.message_details) (gathered 2026-12-06)",
        terms: &[
            "details: [{\"code\":",
            "details=[{\"code\":",
            "\"additionalInfo\": [{\"type\":",
            "additional information:type:",
            "innererror=",
            "\"status\": \"Failed\", \"error\": {\"code\":",
            "failure sending request:",
            "failure responding to request:",
            "failure preparing request:",
            "service returned an error. status=",
            "status=400 code=",
            "status=401 code=",
            "status=403 code=",
            "status=404 code=",
            "status=409 code=",
            "status=412 code=",
            "status=429 code=",
            "status=500 code=",
        ],
    },
    Family {
        // Compute's and AKS's word for a machine's size (`vmSize` in ARM
        // bodies, "VM size" in their messages, `vm_size` in Terraform's
        // azurerm and Ansible's azure_rm modules); other clouds say
        // instance or machine type.
        source: "Azure/azure-rest-api-specs specification/compute/resource-manager/Microsoft.Compute (HardwareProfile.vmSize), specification/containerservice/resource-manager/Microsoft.ContainerService (ManagedClusterAgentPoolProfile.vmSize); hashicorp/terraform-provider-azurerm website/docs/r/kubernetes_cluster.html.markdown (default_node_pool vm_size); ansible-collections/azure plugins/modules/azure_rm_virtualmachine.py (vm_size) (gathered 2026-12-06)",
        terms: &["vm size", "vm_size"],
    },
    Family {
        // Argo CD's Application status by its YAML keys and its sync
        // engine's operation messages, and the API server's own answer
        // when it gave up on a request in time.
        source: "argoproj/argo-cd pkg/apis/application/v1alpha1/types.go (ApplicationStatus.OperationState, OperationState.SyncResult); argoproj/gitops-engine pkg/sync/sync_context.go (setOperationPhase messages); kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go (StatusReasonTimeout message) (gathered 2026-12-06)",
        terms: &[
            "operationstate:",
            "syncresult:",
            "one or more synchronization tasks",
            "one or more objects failed to apply",
            "the server was unable to return a response in the time allotted",
        ],
    },
    Family {
        // Microsoft's authentication library (under the Azure SDKs'
        // credentials) naming its own failures by code, and Azure Arc's
        // cluster-connect relay with no agent behind it.
        source: "AzureAD/microsoft-authentication-library-for-js lib/msal-common/src/error/ClientAuthErrorCodes.ts (endpointResolutionError, openIdConfigError); MicrosoftDocs/azure-docs articles/azure-arc/kubernetes/troubleshooting.md (cluster connect) (gathered 2026-12-06)",
        terms: &[
            "endpoints_resolution_error",
            "openid_config_error",
            "no agent is connected in the target arc",
        ],
    },
    Family {
        // Azure tools that name no Azure word in their own failures: the
        // Arc server agent's numbered codes (`AZCM0070`, `azcmagent`) and
        // its metadata service, and the Azure Developer CLI's step and
        // action wrappers around any inner error.
        source: "MicrosoftDocs/azure-docs articles/azure-arc/servers/troubleshoot-agent-onboard.md (AZCM0000 codes, himds; ms.date 10/13/2022); Azure/azure-dev cli/azd/pkg/workflow/runner.go, cli/azd/pkg/ext/event_dispatcher.go (gathered 2026-12-06)",
        terms: &[
            "azcm",
            "himds",
            "error executing step command",
            "failing invoking action",
        ],
    },
];

/// The resource provider namespace prefix, a marker only where
/// [`provider_type_follows`] holds.
pub(crate) const PROVIDER_PREFIX: &str = "microsoft.";

/// Whether the clean view after a [`PROVIDER_PREFIX`] ending at `end` reads
/// `<Namespace>/<type>`: letters, a `/`, and no digit after it; a web
/// address (`go.microsoft.com/fwlink`) is no namespace.
pub(crate) fn provider_type_follows(clean: &str, end: usize) -> bool {
    let rest = clean.as_bytes().get(end..).unwrap_or_default();
    let word = rest.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    !matches!(&rest[..word], b"com" | b"net" | b"org")
        && word > 0
        && rest.get(word) == Some(&b'/')
        && rest.get(word + 1).is_some_and(|b| !b.is_ascii_digit())
}

/// Every term of the lexicon.
pub(crate) fn terms() -> impl Iterator<Item = &'static str> {
    LEXICON.iter().flat_map(|f| f.terms.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::{classify, ClassifyContext};

    #[test]
    fn every_family_cites_an_upstream_source() {
        for f in LEXICON {
            assert!(!f.terms.is_empty(), "{}: a family without terms", f.source);
            assert!(
                f.source.contains('/'),
                "{}: expected a repository path",
                f.source
            );
        }
    }

    #[test]
    fn every_term_proves_the_domain_only_as_a_word_of_its_own() {
        let ctx = ClassifyContext::default();
        for term in terms() {
            // The provider prefix proves the domain only with a type.
            let typed = if term == PROVIDER_PREFIX {
                "web/sites"
            } else {
                ""
            };
            let text = format!("error: the run failed near {term}{typed} today");
            assert_ne!(
                classify(&text, &ctx).category,
                "unknown",
                "{term}: not read as a domain word"
            );
            // Glued to a word before it, a term that starts with a letter
            // is no word of its own (`xistio`); terms holding a separator
            // may carry another marker after it, so single tokens only.
            let single = term.chars().all(|c| c.is_ascii_alphanumeric());
            if single {
                let glued = format!("error: the run failed near x{term}{typed} today");
                assert_eq!(
                    classify(&glued, &ctx).category,
                    "unknown",
                    "{term}: matched inside a word"
                );
            }
        }
    }

    /// Resource provider namespaces gathered from the REST specs, each of
    /// which the prefix's shape reads as the domain with a type.
    const NAMESPACES: &[&str] = &[
        "aad",
        "alertsmanagement",
        "apimanagement",
        "app",
        "appconfiguration",
        "authorization",
        "automation",
        "batch",
        "botservice",
        "cache",
        "cdn",
        "cognitiveservices",
        "compute",
        "containerinstance",
        "containerregistry",
        "containerservice",
        "dashboard",
        "databricks",
        "datafactory",
        "dataprotection",
        "dbformysql",
        "dbforpostgresql",
        "devices",
        "documentdb",
        "eventgrid",
        "eventhub",
        "extendedlocation",
        "features",
        "hdinsight",
        "hybridcompute",
        "insights",
        "keyvault",
        "kubernetes",
        "kubernetesconfiguration",
        "logic",
        "machinelearningservices",
        "maintenance",
        "managedidentity",
        "management",
        "monitor",
        "netapp",
        "network",
        "notificationhubs",
        "operationalinsights",
        "policyinsights",
        "recoveryservices",
        "redhatopenshift",
        "relay",
        "resources",
        "search",
        "security",
        "servicebus",
        "servicelinker",
        "signalrservice",
        "sql",
        "storage",
        "synapse",
        "web",
    ];

    #[test]
    fn provider_namespaces_prove_the_domain_only_with_a_type() {
        let ctx = ClassifyContext::default();
        for ns in NAMESPACES {
            let typed = format!("error: deployment of Microsoft.{ns}/things failed");
            assert_ne!(classify(&typed, &ctx).category, "unknown", "{ns}");
        }
        for text in [
            "error: the call at Microsoft.AspNetCore.Mvc failed",
            "error: could not load ~/.nuget/packages/microsoft.build/17.3.2/lib",
            "error: Microsoft.Build failed",
            "error: see https://go.microsoft.com/fwlink/?LinkID=135170",
        ] {
            assert_eq!(classify(text, &ctx).category, "unknown", "{text}");
        }
    }
}
