// The api-versions of the ARM requests the shell sends besides the linker's own (whose version
// comes from the plan), one row per resource type, with where the version was checked.
// Checked 2026-12-05 against Azure/azure-cli (dev branch) and Azure/azure-rest-api-specs (main).

/** One row per ARM resource type the shell reads or writes. */
export const API_VERSIONS = Object.freeze({
  /** GET /subscriptions/{s}/providers/{ns}, POST …/{ns}/register. */
  providers: Object.freeze({
    apiVersion: '2024-11-01',
    source: 'Azure/azure-cli src/azure-cli-core/azure/cli/core/profiles/_shared.py: latest profile, '
      + 'ResourceType.MGMT_RESOURCE_RESOURCES (what `az provider show/register` send); '
      + 'Azure/azure-rest-api-specs specification/resources/resource-manager/Microsoft.Resources/stable/2024-11-01 (GetProvider.json)',
  }),
  /** GET of the managed cluster (read only: the shell never writes the cluster). */
  managedClusters: Object.freeze({
    apiVersion: '2025-07-01',
    source: 'Azure/azure-rest-api-specs specification/containerservice/resource-manager/Microsoft.ContainerService/aks/stable/2025-07-01 '
      + '(ManagedClustersGet.json; properties.provisioningState, oidcIssuerProfile.issuerURL, securityProfile.workloadIdentity); '
      + 'the latest az CLI profile leaves ResourceType.MGMT_CONTAINERSERVICE unpinned (None: `az aks` sends its SDK\'s default)',
  }),
  /** GET of a user-assigned identity (clientId, tenantId, principalId). */
  userAssignedIdentities: Object.freeze({
    apiVersion: '2024-11-30',
    source: 'Azure/azure-cli src/azure-cli-core/azure/cli/core/profiles/_shared.py: latest profile, ResourceType.MGMT_MSI '
      + '(its AD_HOC_API_VERSIONS keep 2022-01-31-preview for user_assigned_identities, a preview; the stable profile version is used); '
      + 'Azure/azure-rest-api-specs specification/msi/resource-manager/Microsoft.ManagedIdentity/stable/2024-11-30 (IdentityGet.json: properties.clientId, tenantId, principalId)',
  }),
  /** GET of the sc-extension cluster extension (statuses, errorInfo) after a failed create. */
  extensions: Object.freeze({
    apiVersion: '2024-11-01',
    source: 'Azure/azure-rest-api-specs specification/kubernetesconfiguration/resource-manager/Microsoft.KubernetesConfiguration/extensions/stable/2024-11-01/extensions.json '
      + '(Extension.properties.statuses[] { code, displayStatus, level, message, time }, errorInfo)',
  }),
});

/** The resource providers a connection on AKS needs registered (Service Connector's and the cluster extensions'). */
export const PROVIDERS = Object.freeze({
  serviceLinker: 'Microsoft.ServiceLinker',
  kubernetesConfiguration: 'Microsoft.KubernetesConfiguration',
});

/** The cluster extension Service Connector installs on the first connection. */
export const EXTENSION_NAME = 'sc-extension';

/** Cluster provisioning states that end by themselves: the shell waits them out. */
export const CLUSTER_BUSY_STATES = Object.freeze(['Creating', 'Updating', 'Upgrading', 'Scaling', 'Starting', 'Stopping', 'Migrating']);
