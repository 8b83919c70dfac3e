//! The pasted-error classifier: takes whatever a user pasted (az CLI output,
//! ARM JSON, SDK traces, `kubectl describe` events, Helm or Terraform output)
//! and returns one category of the rule table ([`rules::RULES`]) with the evidence, the
//! cause, the mitigation and ready-to-run commands.
//!
//! Layout: [`rules`] is the category table, `markers` the entity markers
//! and `lexicon` the domain's vocabulary with its sources (data only); `keyform` is the lower-cased, squeezed form phrases are
//! compared in; `normalize` builds the views the matcher reads; `matcher` finds every table phrase in one
//! pass; `entities` extracts names and ids; `redact` hides secrets in
//! everything echoed; `engine` ties them together.

mod engine;
mod entities;
mod keyform;
mod learned;
mod lexicon;
mod markers;
mod matcher;
mod near;
mod normalize;
mod order;
mod redact;
#[rustfmt::skip]
mod learned_table;
pub mod rules;
mod words;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Inputs longer than this many bytes (16 MiB) are classified on their first
/// 16 MiB (cut on a char boundary) and the diagnosis is marked `truncated`.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// Values the caller already knows; they fill command placeholders the text
/// itself does not name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClassifyContext {
    /// The cluster's resource group (`<rg>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_group: Option<String>,
    /// The cluster name (`<cluster>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
    /// The Kubernetes namespace of the workload (`<namespace>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// The Service Connector connection name (`<connection>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection: Option<String>,
}

/// The classifier's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Diagnosis {
    /// One category id of [`rules::RULES`]; equals `matches[0].id`.
    pub category: String,
    /// Matching categories, best first (the rules' precedence, then
    /// confidence). Never empty: `other` and `unknown` come with their advice.
    pub matches: Vec<Match>,
    /// Everything extracted, by entity name (`resourceGroup`, `cluster`,
    /// `subscription`, `providerNamespace`, `action`, `scope`, `clientId`,
    /// `objectId`, `namespace`, `pod`, `serviceAccount`, `helmRelease`,
    /// `httpStatus`, `errorCode`, `issuer`, `vault`, …), values in text order.
    /// AADSTS codes are listed under `errorCode`.
    pub entities: BTreeMap<String, Vec<String>>,
    /// The input was longer than [`MAX_INPUT_BYTES`] and only its first part
    /// was classified.
    pub truncated: bool,
}

/// One category that matched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Match {
    /// Category id.
    pub id: String,
    /// UI family of the category.
    pub family: String,
    /// Short title.
    pub title: String,
    /// Confidence in [0, 1], two decimals: the weight of the strongest
    /// matching signal plus a little per further signal. For `unknown` it is
    /// 1.0 (no domain evidence at all); the generic `other` fallback is 0.5.
    pub confidence: f64,
    /// Where the signals were found.
    pub evidence: Vec<Evidence>,
    /// Why it happens.
    pub cause: String,
    /// What to do, in order.
    pub mitigation: Vec<String>,
    /// Commands with every known value filled in and `<placeholders>` for the rest.
    pub commands: Vec<String>,
}

/// One piece of evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    /// The table term that matched (a phrase, or `code X`), or a word that
    /// led the learned model to its answer (`word X`).
    pub signal: String,
    /// Start byte offset in the input.
    pub start: usize,
    /// End byte offset (exclusive) in the input.
    pub end: usize,
    /// The surrounding text, unescaped and with secrets replaced by `***`.
    pub excerpt: String,
}

/// Work counters of one classification, for tests of the linear-time claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassifyStats {
    /// Bytes of the input.
    pub input_bytes: usize,
    /// Bytes actually analysed (at most [`MAX_INPUT_BYTES`]).
    pub analysed_bytes: usize,
    /// Elementary steps taken (bytes visited, automaton transitions, hits).
    pub steps: u64,
}

/// Classifies pasted error text.
///
/// Never fails and never panics. Runs in time linear in the input length;
/// inputs above [`MAX_INPUT_BYTES`] (16 MiB) are classified on their first
/// 16 MiB and the result has `truncated: true`. Nothing in the result holds a
/// secret (keys, passwords, client secrets, SAS signatures, bearer
/// tokens, JWTs).
pub fn classify(text: &str, context: &ClassifyContext) -> Diagnosis {
    engine::run(text, context).0
}

/// The diagnosis of a failure whose category is already known, without text
/// to read: a tool that found the failure itself (a cluster still updating, a
/// client id that is not the identity's) gets the same advice and filled
/// commands as `classify` gives for a pasted error. `facts` are entity values
/// by name (`resourceGroup`, `cluster`, `subscription`, `providerNamespace`,
/// `clientId`, … as [`Diagnosis::entities`] names them); they and `context`
/// fill the commands.
///
/// ```
/// use aks_service_connector::classify::{explain, ClassifyContext};
/// use std::collections::BTreeMap;
/// let facts = BTreeMap::from([("providerNamespace".to_owned(), "Microsoft.KubernetesConfiguration".to_owned())]);
/// let d = explain("subscription_not_registered", &ClassifyContext::default(), &facts).unwrap();
/// assert!(d.matches[0].commands.iter().any(|c| c.contains("--namespace Microsoft.KubernetesConfiguration")));
/// ```
pub fn explain(
    category: &str,
    context: &ClassifyContext,
    facts: &BTreeMap<String, String>,
) -> Result<Diagnosis, ExplainError> {
    let rule = rules::rule(category).ok_or_else(|| ExplainError::UnknownCategory {
        found: category.chars().take(40).collect(),
    })?;
    if let Some(name) = facts
        .keys()
        .find(|n| !engine::FACT_NAMES.contains(&n.as_str()))
    {
        return Err(ExplainError::UnknownFact {
            name: name.chars().take(40).collect(),
            expected: engine::FACT_NAMES.join(", "),
        });
    }
    Ok(engine::explain(rule, context, facts))
}

/// Why [`explain`] refused its input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExplainError {
    /// Not one of the category ids.
    #[error("expected one of the classifier's category ids, found {found:?}")]
    UnknownCategory {
        /// The id given (its first 40 characters).
        found: String,
    },
    /// A fact whose name is not an entity name.
    #[error("expected an entity name ({expected}), found {name:?}")]
    UnknownFact {
        /// The name given (its first 40 characters).
        name: String,
        /// The names accepted.
        expected: String,
    },
}

/// [`classify`] that also returns its work counters.
pub fn classify_with_stats(text: &str, context: &ClassifyContext) -> (Diagnosis, ClassifyStats) {
    engine::run(text, context)
}

/// All category ids, in table order.
pub fn category_ids() -> impl Iterator<Item = &'static str> {
    rules::RULES.iter().map(|r| r.id)
}

/// The words the learned fallback reads in `text`, sorted: every
/// identifier-like ASCII word lower-cased, the parts of compound words, and
/// numbers of three digits or more, read in the text unescaped (JSON strings
/// at any depth) on the lines within four of a line that shows a failure;
/// none when no line does. `tools/train_fallback.py` trains the model on
/// exactly these.
pub fn learned_words(text: &str) -> Vec<String> {
    let views = normalize::normalize(text, &mut 0);
    learned::read(&views.clean, &mut 0)
        .map(|found| found.into_keys().collect())
        .unwrap_or_default()
}
