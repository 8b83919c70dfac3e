// The page's words for what the catalog names by id: one line on each auth type, labels and
// hints of the spec's auth fields. Which fields an auth type takes comes from the core
// (`catalog().targets[].authInputs`), never from here.

/** One line on each auth id. */
export const AUTH_LINES = {
  'workload-identity': 'a user-assigned managed identity; pods get tokens through a federated credential, no secret is stored',
  'connection-string': 'Service Connector reads the connection string or access key into the Secret',
  secret: 'a user name and password, stored in the Secret',
  'service-principal': "an app registration's client id and secret, stored in the Secret",
  'keyvault-csi': "the Secrets Store CSI driver mounts Key Vault objects with the add-on's identity",
};

export const IDENTITY_ID_EXAMPLE =
  '/subscriptions/<subscription-id>/resourceGroups/<resource-group>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>';

/** Label, hint and input type of each auth field, by spec path; `auth` and `target` refine them. */
export function authFieldCopy(path, auth, target) {
  switch (path) {
    case 'auth.clientId':
      return auth === 'service-principal'
        ? { label: 'Client id', hint: "the app registration's application (client) id, a GUID" }
        : { label: 'Identity client id', hint: "the identity's client id, a GUID (provisioning reads it from the resource id when empty)" };
    case 'auth.identityId':
      return { label: 'User-assigned identity resource id', hint: `for example ${IDENTITY_ID_EXAMPLE}`, flag: '--workload-identity' };
    case 'auth.subscriptionId':
      return { label: 'Identity subscription id', hint: "a GUID; taken from the identity's resource id when empty" };
    case 'auth.tenantId':
      return { label: 'Tenant id', hint: 'the Microsoft Entra tenant, a GUID' };
    case 'auth.objectId':
      return { label: 'Object id', hint: "the service principal's object id, a GUID" };
    case 'auth.secret':
      return { label: 'Client secret', type: 'password', hint: 'kept in this page only: never in the link or local storage' };
    case 'auth.username':
      return { label: 'User name' };
    case 'auth.password':
      return target === 'mongodb-atlas'
        ? { label: 'Atlas connection string', type: 'password', hint: 'mongodb+srv://…; kept in this page only' }
        : { label: 'Password', type: 'password', hint: 'kept in this page only: never in the link or local storage' };
    default:
      return { label: path };
  }
}

/** Words for a plan operation's status. */
export const STATUS = {
  applies: 'will happen',
  alreadyDone: 'already done',
  notApplicable: 'not needed',
  unknown: 'not known yet',
};

export const PERFORMER = { serviceConnector: 'Service Connector', user: 'You' };

/** Severity icon and word: never colour alone. */
export const SEVERITY = {
  error: ['⛔', 'Error'],
  warning: ['⚠', 'Warning'],
  info: ['ℹ', 'Note'],
};
