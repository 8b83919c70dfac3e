//! The rule table: every rule `validate` and `plan` report, in code order.
//!
//! Each concern's module (`names`, `keys`, `target`, `identity`, `keyvault`,
//! `plan`) declares its own rules with one macro (`rules!`) next to
//! its checks and messages; [`ALL`] gathers them in code order, so a rule
//! declared anywhere is in the table and no table lists a rule twice.

pub use super::rule::{Rule, IGNORED_INPUT};
use super::{identity, keys, keyvault, names, plan, rule, target};

/// Every module's rules.
const PARTS: [&[Rule]; 7] = [
    names::RULES,
    keys::RULES,
    target::RULES,
    identity::RULES,
    keyvault::RULES,
    plan::RULES,
    rule::RULES,
];

const COUNT: usize = {
    let mut n = 0;
    let mut i = 0;
    while i < PARTS.len() {
        n += PARTS[i].len();
        i += 1;
    }
    n
};

/// Whether code `a` sorts before code `b` (byte order; every code is `SC` and three digits).
const fn before(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return a[i] < b[i];
        }
        i += 1;
    }
    a.len() < b.len()
}

/// The modules' rules in one array, sorted by code.
const fn gather() -> [Rule; COUNT] {
    let mut all = [IGNORED_INPUT; COUNT];
    let mut n = 0;
    let mut p = 0;
    while p < PARTS.len() {
        let mut i = 0;
        while i < PARTS[p].len() {
            // Insertion sort: a few dozen rules, once, at compile time.
            let rule = PARTS[p][i];
            let mut j = n;
            while j > 0 && before(rule.code, all[j - 1].code) {
                all[j] = all[j - 1];
                j -= 1;
            }
            all[j] = rule;
            n += 1;
            i += 1;
        }
        p += 1;
    }
    all
}

const GATHERED: [Rule; COUNT] = gather();

/// Every rule, by code: `validate`'s and the plan's (`SC032`…`SC038`, see
/// [`plan::RULES`], reported only by `plan`).
pub const ALL: &[Rule] = &GATHERED;

/// Codes kept in [`ALL`] so that the numbering stays stable, but never reported:
/// `SC030` flagged partial Spring Boot key lists, and the current docs list none.
pub const RETIRED: &[&str] = &["SC030"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_sequential() {
        // Every module's rules, together, number SC001 to SC039 without gaps or
        // repeats; each module lists its own in ascending order.
        let codes: Vec<&str> = ALL.iter().map(|r| r.code).collect();
        let expected: Vec<String> = (1..=codes.len()).map(|n| format!("SC{n:03}")).collect();
        assert_eq!(codes, expected);
        assert_eq!(codes.len(), 39);
        for part in PARTS {
            assert!(part.windows(2).all(|w| w[0].code < w[1].code));
            assert!(part.iter().all(|r| ALL.contains(r)));
        }
    }

    #[test]
    fn before_orders_codes_as_strings_do() {
        for a in ALL {
            for b in ALL {
                assert_eq!(before(a.code, b.code), a.code < b.code);
            }
        }
        assert!(before("SC1", "SC10"));
        assert!(!before("SC10", "SC1"));
    }
}
