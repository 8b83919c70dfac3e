//! Kubernetes name, label and key syntax (apimachinery's validation rules).
//! Each check returns the rule text when the value breaks it.

fn is_alnum_lower(c: u8) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

/// DNS-1123 label: lower-case alphanumerics and '-', alphanumeric at both ends, ≤ 63.
pub fn dns1123_label(s: &str) -> Result<(), &'static str> {
    const RULE: &str = "expected a DNS-1123 label: lower-case letters, digits and '-', \
        starting and ending with a letter or digit, at most 63 characters";
    if crate::shapes::dns_label(s) {
        Ok(())
    } else {
        Err(RULE)
    }
}

/// DNS-1123 subdomain: dot-separated labels (each without the 63 limit), ≤ 253.
pub fn dns1123_subdomain(s: &str) -> Result<(), &'static str> {
    const RULE: &str = "expected a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', \
        each dot-separated part starting and ending with a letter or digit, at most 253 characters";
    let ok = !s.is_empty()
        && s.len() <= 253
        && s.split('.').all(|part| {
            let b = part.as_bytes();
            !b.is_empty()
                && b.iter().all(|&c| is_alnum_lower(c) || c == b'-')
                && is_alnum_lower(b[0])
                && is_alnum_lower(b[b.len() - 1])
        });
    if ok {
        Ok(())
    } else {
        Err(RULE)
    }
}

/// Label value: empty, or alphanumerics with '-', '_', '.' inside, ≤ 63.
pub fn label_value(s: &str) -> Result<(), &'static str> {
    const RULE: &str = "expected a label value: empty, or letters, digits, '-', '_' and '.', \
        starting and ending with a letter or digit, at most 63 characters";
    let b = s.as_bytes();
    let ok = b.is_empty()
        || (b.len() <= 63
            && b.iter()
                .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
            && b[0].is_ascii_alphanumeric()
            && b[b.len() - 1].is_ascii_alphanumeric());
    if ok {
        Ok(())
    } else {
        Err(RULE)
    }
}

/// Label key: optional DNS-subdomain prefix and '/', then a non-empty name with the value rule.
pub fn label_key(s: &str) -> Result<(), &'static str> {
    const RULE: &str = "expected a label key: an optional DNS-1123 subdomain prefix and '/', \
        then 1 to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
    let (prefix, name) = match s.split_once('/') {
        Some((p, n)) => (Some(p), n),
        None => (None, s),
    };
    let ok = prefix.is_none_or(|p| dns1123_subdomain(p).is_ok())
        && !name.is_empty()
        && label_value(name).is_ok();
    if ok {
        Ok(())
    } else {
        Err(RULE)
    }
}

/// Secret (config-map) key: `[-._a-zA-Z0-9]+`, ≤ 253, not `.` or `..`.
pub fn config_key(s: &str) -> Result<(), &'static str> {
    const RULE: &str =
        "expected a secret key: 1 to 253 letters, digits, '-', '_' or '.', not '.' or '..'";
    let ok = !s.is_empty()
        && s.len() <= 253
        && s != "."
        && s != ".."
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'));
    if ok {
        Ok(())
    } else {
        Err(RULE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_subdomains() {
        assert!(dns1123_label("default").is_ok());
        assert!(dns1123_label("a-b-1").is_ok());
        assert!(dns1123_label("-a").is_err());
        assert!(dns1123_label("A").is_err());
        assert!(dns1123_label(&"a".repeat(64)).is_err());
        assert!(dns1123_label("").is_err());
        assert!(dns1123_subdomain("sc-storage-conn-secret").is_ok());
        assert!(dns1123_subdomain("a.b-c.d").is_ok());
        assert!(dns1123_subdomain("a..b").is_err());
        assert!(dns1123_subdomain("Hello_World!").is_err());
        assert!(dns1123_subdomain(&"a".repeat(254)).is_err());
    }

    #[test]
    fn label_keys_values_and_config_keys() {
        assert!(label_key("azure.workload.identity/use").is_ok());
        assert!(label_key("app").is_ok());
        assert!(label_key("/app").is_err());
        assert!(label_key("a/").is_err());
        assert!(label_value("true").is_ok());
        assert!(label_value("").is_ok());
        assert!(label_value("-x").is_err());
        assert!(config_key("spring.datasource.url").is_ok());
        assert!(config_key("AZURE_X").is_ok());
        assert!(config_key("a b").is_err());
        assert!(config_key("..").is_err());
    }
}
