//! The entity markers: the phrases after (or before) which entity
//! extraction reads a value, with how to read it and what the value becomes.
//! Data only, like the rule table; the automaton finds them in the same pass
//! as the rule phrases.

/// How the value after a marker is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A path segment after the marker: `/resourceGroups/<v>/`.
    Segment,
    /// A quoted value: `resource group '<v>'`, `release [<v>]`.
    Quoted,
    /// A command-line flag value: `--resource-group <v>`; the marker must
    /// start a word.
    Flag,
    /// `key: v`, `key=v`, `"key": "v"`.
    KeyValue,
    /// `AADSTS<digits>`.
    Aadsts,
    /// An HTTP status number (or reason phrase) after `status`/`response`.
    Http,
    /// The DNS label before the marker: `<v>.vault.azure.net`.
    LabelBefore,
    /// The CamelCase code the marker ends, used as its message's prefix:
    /// `<v>NotFound: Deployment 'web' could not be found.`
    CodeBefore,
    /// The whole path starting at the marker: `/subscriptions/…`.
    Path,
}

/// What a value becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Stored under this name as is.
    Plain(&'static str),
    /// Stored under this name if it is a GUID.
    Guid(&'static str),
    /// `Microsoft.X` → `providerNamespace`, otherwise a Kubernetes `namespace`.
    Namespace,
    /// `Microsoft.X` only → `providerNamespace`.
    Provider,
    /// `<namespace>/<pod>`.
    NsPod,
    /// `<namespace>:<service account>` after `system:serviceaccount:`.
    NsSa,
    /// An error code.
    Code,
    /// A Helm release name (a DNS label that is not a common word).
    Release,
}

/// One entity marker.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Marker {
    pub text: &'static str,
    pub shape: Shape,
    pub kind: Kind,
}

const fn mk(text: &'static str, shape: Shape, kind: Kind) -> Marker {
    Marker { text, shape, kind }
}

use Kind::*;
use Shape::*;

/// The entity markers (data, like the rule table).
pub(crate) const MARKERS: &[Marker] = &[
    mk("/resourcegroups/", Segment, Plain("resourceGroup")),
    mk("resource group", Quoted, Plain("resourceGroup")),
    mk("resourcegroupname", KeyValue, Plain("resourceGroup")),
    mk("--resource-group", Flag, Plain("resourceGroup")),
    mk("-g", Flag, Plain("resourceGroup")),
    mk("/managedclusters/", Segment, Plain("cluster")),
    mk("--cluster-name", Flag, Plain("cluster")),
    mk("managed cluster", Quoted, Plain("cluster")),
    mk("/subscriptions/", Segment, Guid("subscription")),
    mk("subscription", Quoted, Guid("subscription")),
    mk("--subscription", Flag, Plain("subscription")),
    mk("/subscriptions/", Path, Plain("resourceId")),
    mk("namespace", Quoted, Namespace),
    mk("namespace", KeyValue, Namespace),
    mk("--namespace", Flag, Namespace),
    mk("-n", Flag, Namespace),
    mk("provider", Flag, Provider),
    mk("provider", Quoted, Provider),
    mk("perform action", Quoted, Plain("action")),
    mk("over scope", Quoted, Plain("scope")),
    mk("aadsts", Aadsts, Code),
    mk("client", Quoted, Guid("clientId")),
    mk("client_id", KeyValue, Guid("clientId")),
    mk("clientid", KeyValue, Guid("clientId")),
    mk("client-id", KeyValue, Guid("clientId")),
    // Key Vault's `Caller: appid=<guid>;oid=<guid>`.
    mk("appid", KeyValue, Guid("clientId")),
    mk("application with identifier", Quoted, Plain("clientId")),
    mk("object id", Quoted, Guid("objectId")),
    mk("objectid", KeyValue, Guid("objectId")),
    mk("tenant", Quoted, Guid("tenantId")),
    mk("for pod", Flag, NsPod),
    mk("pod/", Segment, Plain("pod")),
    mk("pod", Quoted, Plain("pod")),
    mk("system:serviceaccount:", Segment, NsSa),
    mk("release", Quoted, Release),
    mk("release", Flag, Release),
    mk("statuscode", Http, Plain("httpStatus")),
    mk("status", Http, Plain("httpStatus")),
    mk("response", Http, Plain("httpStatus")),
    mk("code", KeyValue, Code),
    mk("error type", KeyValue, Code),
    // ARM's `code: message` pair as azd, the Ruby and Go SDKs and
    // deployment logs print it (`DeploymentNotFound: Deployment 'web' could
    // not be found.`).
    mk("notfound:", CodeBefore, Code),
    mk("assertion issuer", Quoted, Plain("issuer")),
    mk("assertion subject", Quoted, Plain("subject")),
    mk("assertion audience", Quoted, Plain("audience")),
    mk(".vault.azure.net", LabelBefore, Plain("vault")),
    mk("/vaults/", Segment, Plain("vault")),
    mk("vault", KeyValue, Plain("vault")),
    mk("/userassignedidentities/", Segment, Plain("identity")),
    mk("for location", Flag, Plain("location")),
    mk("in region", Flag, Plain("location")),
    mk("--location", Flag, Plain("location")),
    mk("location", KeyValue, Plain("location")),
    mk("/linkers/", Segment, Plain("connection")),
    mk("--connection", Flag, Plain("connection")),
    mk("image", Quoted, Plain("image")),
];
