//! The matching engine: evaluates the rule table against the views and
//! builds the [`Diagnosis`]. It knows no category by name except the two
//! fallbacks `other` and `unknown`.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::entities::{self, Entities, Entity};
use super::keyform::squeeze;
use super::learned;
use super::lexicon;
use super::markers::MARKERS;
use super::matcher::{Automaton, Hits};
use super::near::{self, Lines};
use super::normalize::{self, Views};
use super::order;
use super::redact::{self, LineMasks};
use super::rules::{
    CategoryRule, Signal, Term, DOMAIN_CODES, DOMAIN_MARKERS, OTHER_CLOUD_WORDS, RULES, SPECIFIC,
    WEAK_DOMAIN_MARKERS,
};
use super::{ClassifyContext, ClassifyStats, Diagnosis, Evidence, Match, MAX_INPUT_BYTES};

/// The automaton and the pattern id of every table phrase.
struct Compiled {
    ac: Automaton,
    /// Pattern ids of the terms of `RULES[i]`, laid out like the rule, so
    /// evaluating a term needs no lookup by phrase text.
    rules: Vec<RuleIds>,
    marker_pids: Vec<usize>,
    domain_pids: Vec<usize>,
    /// Pattern ids of [`OTHER_CLOUD_WORDS`].
    other_cloud_pids: Vec<usize>,
}

/// The pattern ids of each term of one rule.
struct RuleIds {
    negative: Vec<TermIds>,
    signals: Vec<SignalIds>,
}

/// The pattern ids of one term: one for a phrase, one per alternative of
/// [`Term::Any`], none for codes.
type TermIds = Vec<usize>;

/// The pattern ids of a signal's `all` terms, then of its `none` terms.
type SignalIds = (Vec<TermIds>, Vec<TermIds>);

fn compiled() -> &'static Compiled {
    static C: OnceLock<Compiled> = OnceLock::new();
    C.get_or_init(|| {
        // Every phrase in key form, in the order the terms name them; the
        // automaton gives phrases shared by several terms one pattern id.
        let mut patterns: Vec<String> = Vec::new();
        let add = |phrase: &'static str, patterns: &mut Vec<String>| -> usize {
            patterns.push(squeeze(phrase));
            patterns.len() - 1
        };
        let ids = |terms: &[Term], patterns: &mut Vec<String>| -> Vec<TermIds> {
            terms
                .iter()
                .map(|t| match t {
                    Term::Phrase(p) => vec![add(p, patterns)],
                    Term::Any(alts) => alts.iter().map(|p| add(p, patterns)).collect(),
                    Term::Code(_) | Term::Innermost(_) => Vec::new(),
                })
                .collect()
        };
        let mut rules = Vec::with_capacity(RULES.len());
        for r in RULES {
            let signals = r
                .signals
                .iter()
                .map(|s| (ids(s.all, &mut patterns), ids(s.none, &mut patterns)))
                .collect();
            let negative = ids(r.negative, &mut patterns);
            rules.push(RuleIds { negative, signals });
        }
        let mut marker_pids: Vec<usize> =
            MARKERS.iter().map(|m| add(m.text, &mut patterns)).collect();
        let mut domain_pids: Vec<usize> = domain_terms().map(|d| add(d, &mut patterns)).collect();
        let mut other_cloud_pids: Vec<usize> = OTHER_CLOUD_WORDS
            .iter()
            .map(|w| add(w, &mut patterns))
            .collect();
        let ac = Automaton::new(&patterns);
        let terms = rules.iter_mut().flat_map(|r| {
            r.signals
                .iter_mut()
                .flat_map(|(all, none)| all.iter_mut().chain(none))
                .chain(&mut r.negative)
        });
        for pid in terms
            .flatten()
            .chain(&mut marker_pids)
            .chain(&mut domain_pids)
            .chain(&mut other_cloud_pids)
        {
            *pid = ac.id(*pid);
        }
        Compiled {
            ac,
            rules,
            marker_pids,
            domain_pids,
            other_cloud_pids,
        }
    })
}

/// Every phrase that proves the domain: the rule table's markers and the
/// lexicon's terms.
fn domain_terms() -> impl Iterator<Item = &'static str> {
    DOMAIN_MARKERS.iter().copied().chain(lexicon::terms())
}

/// Confidence of `unknown` for a text that holds a rule's words or an error
/// code but no sign of the domain: it is more likely unrelated than not, but
/// not surely.
const UNPROVEN_UNKNOWN: f64 = 0.6;

/// Highest confidence of a match resting on weak signals only: below
/// [`SPECIFIC`], so it ranks after every specific match and never reads as a
/// confident answer.
const WEAK_CEILING: f64 = 0.74;

/// Probability from which the learned model's answer replaces the `other`
/// fallback: well above all the other categories together, since a wrong
/// category where the rules said `other` costs more than no category.
const LEARNED_FLOOR: f64 = 0.6;

/// Probability from which the learned model's answer replaces a rule's
/// match on generic words: higher, since such a match is often right.
const LEARNED_OVER_WEAK: f64 = 0.8;

/// Longest text (clean view, bytes) the learned model reads: it learned from
/// pastes, all under 3 KiB, and a long log's words, spread over many lines,
/// do not make one cause (the rules take such logs alone).
const LEARNED_MAX_BYTES: usize = 4096;

/// Where a term was found, as a clean-view byte range.
type Span = (usize, usize);

struct Analysis<'a> {
    input: &'a str,
    views: Views,
    hits: Hits,
    masks: LineMasks,
    entities: Entities,
    lines: Lines,
    /// Work done matching signals, counted into the stats.
    work: u64,
}

impl Analysis<'_> {
    /// Where term `t` (patterns `pids` if phrases) is found: for
    /// [`Term::Any`], the first alternative in the text.
    fn term(&self, t: &Term, pids: &[usize]) -> Option<Span> {
        match t {
            Term::Phrase(_) => self.hits.first(*pids.first()?),
            Term::Any(_) => pids
                .iter()
                .filter_map(|&p| self.hits.first(p))
                .min_by_key(|&(s, _)| s),
            Term::Code(code) => self
                .entities
                .codes()
                .find(|e| code_matches(code, &e.value))
                .map(|e| (e.start, e.end)),
            Term::Innermost(code) => self
                .entities
                .codes()
                .last()
                .filter(|e| code_matches(code, &e.value))
                .map(|e| (e.start, e.end)),
        }
    }

    /// Every place term `t` (patterns `pids` if phrases) is found, ascending
    /// by start (as many as the matcher keeps).
    fn places(&mut self, t: &Term, pids: &[usize]) -> Vec<Span> {
        let mut out: Vec<Span> = match t {
            Term::Phrase(_) | Term::Any(_) => pids
                .iter()
                .filter_map(|&p| self.hits.spans.get(p))
                .flatten()
                .copied()
                .collect(),
            Term::Code(code) => self
                .entities
                .codes()
                .filter(|e| code_matches(code, &e.value))
                .map(|e| (e.start, e.end))
                .collect(),
            Term::Innermost(_) => self.term(t, pids).into_iter().collect(),
        };
        self.work += out.len() as u64;
        order::sort_spans(&mut out);
        out
    }

    /// The spans of a signal's terms if it matches.
    /// `ids`: the pattern ids of the `all` and the `none` terms.
    fn signal(&mut self, s: &Signal, ids: &SignalIds) -> Option<Vec<(String, Span)>> {
        let (all, none) = ids;
        if s.none
            .iter()
            .zip(none)
            .any(|(t, pids)| self.term(t, pids).is_some())
        {
            return None;
        }
        // Find every span first: most signals fail, and their labels need
        // not be allocated.
        let mut spans: Vec<Span> = s
            .all
            .iter()
            .zip(all)
            .map(|(t, pids)| self.term(t, pids))
            .collect::<Option<_>>()?;
        // A family of spellings next to other terms counts only where they
        // are found together.
        if spans.len() > 1
            && s.all.iter().any(|t| matches!(t, Term::Any(_)))
            && !spans[1..].iter().all(|x| self.lines.near(spans[0].0, x.0))
        {
            let found: Vec<Vec<Span>> = s
                .all
                .iter()
                .zip(all)
                .map(|(t, pids)| self.places(t, pids))
                .collect();
            spans = near::combine(&self.lines, &found, &mut self.work)?;
        }
        Some(
            s.all
                .iter()
                .zip(all)
                .zip(spans)
                .map(|((t, pids), span)| (self.label(t, pids, span), span))
                .collect(),
        )
    }

    /// The evidence label of term `t` found at `span`: for [`Term::Any`],
    /// the alternative found there.
    fn label(&self, t: &Term, pids: &[usize], span: Span) -> String {
        match t {
            Term::Any(alts) => alts
                .iter()
                .zip(pids)
                .find(|&(_, &p)| self.hits.spans.get(p).is_some_and(|h| h.contains(&span)))
                .map_or_else(|| term_label(t), |(a, _)| (*a).to_string()),
            _ => term_label(t),
        }
    }

    fn evidence(&mut self, label: String, (cs, ce): Span) -> Evidence {
        let (map, clean) = (&self.views.clean_map, &self.views.clean);
        let start = map.get(clean, cs).unwrap_or(0);
        let last = map.get(clean, ce.saturating_sub(1)).unwrap_or(0);
        let end = normalize::source_end(self.input, last).max(start);
        let excerpt = self.excerpt(cs, ce);
        Evidence {
            signal: label,
            start,
            end,
            excerpt,
        }
    }

    /// The clean text around `[cs, ce)`, redacted, on one line.
    fn excerpt(&mut self, cs: usize, ce: usize) -> String {
        const AROUND: usize = 60;
        let clean = &self.views.clean;
        let mut s = cs.saturating_sub(AROUND);
        while s > 0 && !clean.is_char_boundary(s) {
            s -= 1;
        }
        let mut e = (ce + AROUND).min(clean.len());
        while e < clean.len() && !clean.is_char_boundary(e) {
            e += 1;
        }
        let mut out = String::new();
        if s > 0 {
            out.push('…');
        }
        out.push_str(&self.masks.render(clean, s, e).replace('\n', " "));
        if e < clean.len() {
            out.push('…');
        }
        out
    }
}

/// Whether error code `value` matches `pattern`, case-insensitively; a `*`
/// in the pattern stands for any run of characters (`*NotFound`,
/// `Extension*Failed`), so one term covers a family of service codes.
pub(crate) fn code_matches(pattern: &str, value: &str) -> bool {
    let (p, v) = (pattern.as_bytes(), value.as_bytes());
    let mut parts = pattern.split('*').map(str::as_bytes);
    let first = parts.next().unwrap_or_default();
    if !p.contains(&b'*') {
        return p.eq_ignore_ascii_case(v);
    }
    if v.len() < first.len() || !v[..first.len()].eq_ignore_ascii_case(first) {
        return false;
    }
    let mut at = first.len();
    let rest: Vec<&[u8]> = parts.collect();
    for (i, part) in rest.iter().enumerate() {
        if i + 1 == rest.len() {
            // The last part is anchored at the end (empty after a final `*`).
            return v.len() >= at + part.len()
                && v[v.len() - part.len()..].eq_ignore_ascii_case(part);
        }
        match v[at..]
            .windows(part.len().max(1))
            .position(|w| w.eq_ignore_ascii_case(part))
        {
            Some(k) => at += k + part.len(),
            None => return false,
        }
    }
    true
}

fn term_label(t: &Term) -> String {
    match t {
        Term::Phrase(p) => (*p).to_string(),
        Term::Any(alts) => alts.join(" | "),
        Term::Code(c) => format!("code {c}"),
        Term::Innermost(c) => format!("innermost code {c}"),
    }
}

struct Candidate {
    rule: &'static CategoryRule,
    index: usize,
    confidence: f64,
    priority: u8,
    /// Some matched signal rests on an extracted error code.
    coded: bool,
    spans: Vec<(String, Span)>,
}

/// Highest confidence of a reading that wins over another specific reading
/// of the same rank on words alone: two readings compete (a resource group
/// and a deployment both not found), and without a code saying which, the
/// winner is no confident answer.
const CONTESTED_CEILING: f64 = 0.79;

/// Runs the whole classification.
pub(crate) fn run(text: &str, ctx: &ClassifyContext) -> (Diagnosis, ClassifyStats) {
    let mut work: u64 = 0;
    let (input, truncated) = cap(text);
    let c = compiled();
    let views = normalize::normalize(input, &mut work);
    let hits = c.ac.scan(&views.clean, &mut work);
    let lines = Lines::new(&views.clean, &mut work);
    let mut masks = LineMasks::new(lines.breaks());
    let entities = entities::extract(&views, &lines, &hits, &c.marker_pids, &mut masks, &mut work);
    let mut a = Analysis {
        input,
        views,
        hits,
        masks,
        entities,
        lines,
        work: 0,
    };

    let mut candidates: Vec<Candidate> = Vec::new();
    let mut specific_seen = false;
    // Categories a negative term ruled out: the learned model may not offer
    // them either.
    let mut ruled_out: Vec<&'static str> = Vec::new();
    for ((index, rule), ids) in RULES.iter().enumerate().zip(&c.rules) {
        work += 1;
        if rule
            .negative
            .iter()
            .zip(&ids.negative)
            .any(|(t, pids)| a.term(t, pids).is_some())
        {
            ruled_out.push(rule.id);
            continue;
        }
        let mut matched: Vec<(&Signal, Vec<(String, Span)>)> = Vec::new();
        for (s, sids) in rule.signals.iter().zip(&ids.signals) {
            work += 1;
            if let Some(spans) = a.signal(s, sids) {
                specific_seen |= s.weight >= SPECIFIC;
                matched.push((s, spans));
            }
        }
        if matched.is_empty() {
            continue;
        }
        let spans = matched
            .iter()
            .flat_map(|(_, spans)| spans.iter().cloned())
            .collect();
        let best = matched
            .iter()
            .map(|(s, _)| f64::from(s.weight))
            .fold(0.0, f64::max);
        // Each further matching signal adds a little confidence, but weak
        // signals piled up stay weak: many generic words (a 403 and the word
        // `vault`, found again and again) are no specific evidence.
        let stacked = (best + 0.02 * matched.len().saturating_sub(1) as f64).min(0.99);
        let confidence = if best < f64::from(SPECIFIC) {
            stacked.min(WEAK_CEILING)
        } else {
            stacked
        };
        let priority = matched
            .iter()
            .map(|(s, _)| s.priority.unwrap_or(rule.priority))
            .min()
            .unwrap_or(rule.priority);
        let coded = matched.iter().any(|(s, _)| {
            s.all
                .iter()
                .any(|t| matches!(t, Term::Code(_) | Term::Innermost(_)))
        });
        candidates.push(Candidate {
            rule,
            index,
            confidence,
            priority,
            coded,
            spans,
        });
    }

    // A marker counts as a word of its own: `kube-` in `kube-proxy`, not
    // `helm install` inside `overwhelm installs`.
    // A marker other clouds share counts only where no other cloud's mark is.
    let other_cloud = c
        .other_cloud_pids
        .iter()
        .any(|&p| a.hits.first(p).is_some());
    let domain_span = c
        .domain_pids
        .iter()
        .zip(domain_terms())
        .filter(|(_, marker)| !(other_cloud && WEAK_DOMAIN_MARKERS.contains(marker)))
        .filter_map(|(&pid, marker)| {
            a.hits.spans.get(pid)?.iter().copied().find(|&span| {
                work += 1;
                bounded(&a.views, a.input, span, marker)
                    && (marker != lexicon::PROVIDER_PREFIX
                        || lexicon::provider_type_follows(&a.views.clean, span.1))
            })
        })
        .min_by_key(|&(s, _)| s);
    let domain_code = a
        .entities
        .codes()
        .any(|e| DOMAIN_CODES.iter().any(|c| code_matches(c, &e.value)));
    let in_domain = specific_seen || domain_span.is_some() || domain_code || a.entities.cli_shape;
    // Words of a rule or an error code without any sign of the domain: the
    // text may be unrelated, or in-domain in words no marker knows.
    let unproven = !in_domain && (!candidates.is_empty() || a.entities.codes().next().is_some());
    if !in_domain {
        candidates.clear();
    }

    // Precedence decides among specific matches; a match resting
    // only on weak signals ranks after every specific one.
    let weak = |x: &Candidate| x.confidence < f64::from(SPECIFIC);
    order::sort_short_by(&mut candidates, |x, y| {
        weak(x)
            .cmp(&weak(y))
            .then(x.priority.cmp(&y.priority))
            .then(y.confidence.total_cmp(&x.confidence))
            .then(x.index.cmp(&y.index))
    });
    if let [first, second, ..] = candidates.as_mut_slice() {
        if !first.coded && !weak(first) && !weak(second) && first.priority == second.priority {
            first.confidence = first.confidence.min(CONTESTED_CEILING);
        }
    }

    let mut matches: Vec<Match> = Vec::with_capacity(candidates.len());
    for cand in &candidates {
        matches.push(build_match(
            &mut a,
            cand.rule,
            cand.confidence,
            &cand.spans,
            ctx,
        ));
    }

    if matches.is_empty() {
        let fallback = if in_domain { "other" } else { "unknown" };
        if let Some(rule) = super::rules::rule(fallback) {
            // `unknown` claims nothing, so it shows no evidence.
            let mut spans = Vec::new();
            if in_domain {
                if let Some(span) = domain_span {
                    spans.push(("domain marker".to_string(), span));
                }
                if let Some(code) = a.entities.codes().last() {
                    spans.push((format!("code {}", code.value), (code.start, code.end)));
                }
            }
            let confidence = match (in_domain, unproven) {
                (true, _) => 0.5,
                (false, true) => UNPROVEN_UNKNOWN,
                (false, false) => 1.0,
            };
            matches.push(build_match(&mut a, rule, confidence, &spans, ctx));
        }
    }

    if let Some(learned) = learned_match(&mut a, &matches, &ruled_out, ctx, &mut work) {
        // A fallback only says that no rule found a cause: the model's
        // category takes its place. Weak rule matches stay, ranked after it.
        matches.retain(|m| m.id != "other" || m.confidence >= f64::from(SPECIFIC));
        matches.insert(0, learned);
    }

    let category = matches
        .first()
        .map(|m| m.id.clone())
        .unwrap_or_else(|| "unknown".to_string());
    let mut ents: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for e in &a.entities.list {
        let v = ents.entry(e.name.to_string()).or_default();
        let value = redact::redact(&e.value);
        if !v.contains(&value) {
            v.push(value);
        }
    }
    let stats = ClassifyStats {
        input_bytes: text.len(),
        analysed_bytes: input.len(),
        steps: work + a.work + a.masks.work,
    };
    (
        Diagnosis {
            category,
            matches,
            entities: ents,
            truncated,
        },
        stats,
    )
}

/// The learned model's answer where the rules' is weak: an in-domain text
/// of at most [`LEARNED_MAX_BYTES`] with no cause found (the `other`
/// fallback) or a match resting on generic words only. The rules' answer
/// stands when the model agrees, is unsure (below [`LEARNED_FLOOR`], or
/// [`LEARNED_OVER_WEAK`] against a rule's match), finds the text unrelated,
/// names a category a negative term ruled out (the rules' readings settle
/// who speaks, such as a cluster's own credential being no workload
/// identity) or a category whose tool the text does not name, and when the
/// text shows no failure at all. A text without a sign of the domain is never
/// asked about: the model has seen too few unrelated texts to tell them from
/// the domain's. Its answer is never confident: it rests on words, not on a
/// cause's evidence, so it stays below [`SPECIFIC`].
fn learned_match(
    a: &mut Analysis<'_>,
    matches: &[Match],
    ruled_out: &[&str],
    ctx: &ClassifyContext,
    work: &mut u64,
) -> Option<Match> {
    let first = matches.first()?;
    if first.id == "unknown"
        || first.confidence >= f64::from(SPECIFIC)
        || a.views.clean.len() > LEARNED_MAX_BYTES
    {
        return None;
    }
    let found = learned::read(&a.views.clean, work)?;
    let guess = learned::guess(&found, work)?;
    let floor = if first.id == "other" {
        LEARNED_FLOOR
    } else {
        LEARNED_OVER_WEAK
    };
    if guess.probability < floor
        || guess.id == "unknown"
        || guess.id == first.id
        || ruled_out.contains(&guess.id)
        || !learned::speaker_named(guess.id, &found)
    {
        return None;
    }
    let rule = super::rules::rule(guess.id)?;
    let spans: Vec<(String, Span)> = guess
        .words
        .iter()
        .map(|(w, span)| (format!("word {w}"), *span))
        .collect();
    Some(build_match(
        a,
        rule,
        guess.probability.min(WEAK_CEILING),
        &spans,
        ctx,
    ))
}

/// Whether clean-view `span`, where `phrase` was found, starts a word: a
/// phrase that starts with a letter or digit must not be found right after
/// another one, in the clean view or in the input (where a dropped `\` of a
/// Windows path, `packages\azure`, separates words). Its end may run on:
/// markers are also prefixes (`aadsts` of `AADSTS50076`).
fn bounded(views: &Views, input: &str, (start, _): Span, phrase: &str) -> bool {
    let word = |c: char| c.is_alphanumeric();
    if !phrase.starts_with(word) || !views.clean[..start].ends_with(word) {
        return true;
    }
    views
        .clean_map
        .get(&views.clean, start)
        .and_then(|at| input.get(..at))
        .is_some_and(|before| !before.ends_with(word))
}

/// The analysed prefix: at most [`MAX_INPUT_BYTES`], cut on a char boundary.
fn cap(text: &str) -> (&str, bool) {
    if text.len() <= MAX_INPUT_BYTES {
        return (text, false);
    }
    let mut end = MAX_INPUT_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (text.get(..end).unwrap_or(""), true)
}

fn build_match(
    a: &mut Analysis<'_>,
    rule: &'static CategoryRule,
    confidence: f64,
    spans: &[(String, Span)],
    ctx: &ClassifyContext,
) -> Match {
    const MAX_EVIDENCE: usize = 6;
    let mut evidence: Vec<Evidence> = Vec::new();
    for (label, span) in spans {
        if evidence.len() >= MAX_EVIDENCE {
            break;
        }
        let ev = a.evidence(label.clone(), *span);
        if !evidence
            .iter()
            .any(|e| e.start == ev.start && e.end == ev.end)
        {
            evidence.push(ev);
        }
    }
    rule_match(rule, confidence, evidence, &a.entities, ctx)
}

/// A category's match: its advice, and its commands filled from `entities`
/// and the caller's context.
fn rule_match(
    rule: &'static CategoryRule,
    confidence: f64,
    evidence: Vec<Evidence>,
    entities: &Entities,
    ctx: &ClassifyContext,
) -> Match {
    Match {
        id: rule.id.to_string(),
        family: rule.family.to_string(),
        title: rule.title.to_string(),
        confidence: (confidence * 100.0).round() / 100.0,
        evidence,
        cause: rule.cause.to_string(),
        mitigation: rule.mitigation.iter().map(|m| m.to_string()).collect(),
        commands: rule
            .commands
            .iter()
            .map(|cmd| redact::redact(&fill(cmd, entities, ctx)))
            .collect(),
    }
}

/// The entity names [`explain`] takes: those the commands are filled from,
/// and the others a diagnosis lists.
pub(crate) const FACT_NAMES: &[&str] = &[
    "action",
    "clientId",
    "cluster",
    "connection",
    "errorCode",
    "helmRelease",
    "httpStatus",
    "identity",
    "issuer",
    "location",
    "namespace",
    "objectId",
    "pod",
    "providerNamespace",
    "resourceGroup",
    "resourceId",
    "scope",
    "serviceAccount",
    "subscription",
    "tenantId",
    "vault",
];

/// The diagnosis of a failure whose category is already known (no text to
/// read): the category's advice with its commands filled from `facts` (entity
/// name to value, names from [`FACT_NAMES`]; others are skipped) and `ctx`.
pub(crate) fn explain(
    rule: &'static CategoryRule,
    ctx: &ClassifyContext,
    facts: &BTreeMap<String, String>,
) -> Diagnosis {
    let mut entities = Entities::default();
    let mut listed: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, value) in facts {
        if let Some(&name) = FACT_NAMES.iter().find(|n| **n == name) {
            entities.list.push(Entity {
                name,
                value: value.clone(),
                start: 0,
                end: 0,
            });
            listed
                .entry(name.to_owned())
                .or_default()
                .push(redact::redact(value));
        }
    }
    Diagnosis {
        category: rule.id.to_string(),
        matches: vec![rule_match(rule, 1.0, Vec::new(), &entities, ctx)],
        entities: listed,
        truncated: false,
    }
}

/// Which values a placeholder takes: entity names from the text first, then
/// the caller's context.
fn placeholder_value<'a>(name: &str, e: &'a Entities, ctx: &'a ClassifyContext) -> Option<&'a str> {
    let from_text = |names: &[&str]| names.iter().find_map(|n| e.first(n));
    let v = match name {
        "rg" => from_text(&["resourceGroup"]).or(ctx.resource_group.as_deref()),
        "cluster" => from_text(&["cluster"]).or(ctx.cluster.as_deref()),
        "namespace" => from_text(&["namespace"]).or(ctx.namespace.as_deref()),
        "resource-namespace" => from_text(&["namespace"]),
        "connection" => from_text(&["connection"]).or(ctx.connection.as_deref()),
        "sub" => from_text(&["subscription"]),
        "ns" => from_text(&["providerNamespace"]),
        "scope" => from_text(&["scope"]),
        "principal" => from_text(&["objectId", "clientId"]),
        "client-id" => from_text(&["clientId"]).filter(|v| crate::shapes::guid(v)),
        "pod" => from_text(&["pod"]),
        "release" => from_text(&["helmRelease"]),
        "vault" => from_text(&["vault"]),
        "uami" => from_text(&["identity"]),
        "service-account" => from_text(&["serviceAccount"]),
        "issuer-url" => from_text(&["issuer"]),
        "region" => from_text(&["location"]),
        "resource-id" => from_text(&["resourceId"]),
        "vault-resource-id" => e.values_of("resourceId").find_map(vault_id),
        _ => None,
    };
    v.filter(|v| entities::valid_name(v))
}

/// The Key Vault part of a resource id (`…/providers/Microsoft.KeyVault/vaults/<name>`).
fn vault_id(id: &str) -> Option<&str> {
    const MARK: &str = "/providers/microsoft.keyvault/vaults/";
    let at = id.to_ascii_lowercase().find(MARK)?;
    let name_start = at + MARK.len();
    let rest = id.get(name_start..)?;
    let name_len = rest.find('/').unwrap_or(rest.len());
    (name_len > 0)
        .then(|| id.get(..name_start + name_len))
        .flatten()
}

/// Replaces every known `<placeholder>` of a command template.
fn fill(template: &str, e: &Entities, ctx: &ClassifyContext) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('>') {
            Some(close)
                if after[..close]
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-') =>
            {
                let name = &after[..close];
                match placeholder_value(name, e, ctx) {
                    Some(v) => out.push_str(v),
                    None => {
                        out.push('<');
                        out.push_str(name);
                        out.push('>');
                    }
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_patterns_match_families() {
        assert!(code_matches("NotFound", "notfound"));
        assert!(!code_matches("NotFound", "ResourceNotFound"));
        assert!(code_matches("*NotFound", "DeploymentNotFound"));
        assert!(code_matches("*NotFound", "NotFound"));
        assert!(!code_matches("*NotFound", "NotFoundComputeResource"));
        assert!(code_matches("Extension*Failed", "ExtensionCreationFailed"));
        assert!(code_matches("Extension*Failed", "ExtensionFailed"));
        assert!(!code_matches("Extension*Failed", "ExtensionCreation"));
        assert!(code_matches("*Preempted*", "AKSOperationPreemptedByDelete"));
        assert!(!code_matches("*Preempted*", "Preempte"));
    }

    #[test]
    fn entity_markers_are_ascii() {
        // `entities::extract` takes a marker hit to end right after its
        // last byte, which holds for ASCII markers only.
        assert!(MARKERS.iter().all(|m| m.text.is_ascii()));
        assert!(compiled().ac.states() > 1);
    }

    #[test]
    fn the_phrase_table_fits_the_automatons_16_bit_states() {
        // The automaton numbers its states in 16 bits.
        let states = compiled().ac.states();
        assert!(states <= usize::from(u16::MAX) + 1, "{states} states");
    }
}
