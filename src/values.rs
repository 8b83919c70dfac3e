//! Secret values: the documentation's example with the placeholders this
//! connection already knows filled in.

use crate::catalog::{AuthId, Param, TargetId};

/// What a connection knows that can fill a placeholder.
#[derive(Debug, Clone, Copy, Default)]
pub struct Knowns<'a> {
    /// Locating parameter lookup.
    pub params: Option<&'a crate::spec::TargetSpec>,
    /// The target's subscription (given, or the cluster's).
    pub subscription: Option<&'a str>,
    /// Identity or service principal client id.
    pub client_id: Option<&'a str>,
    /// Tenant id.
    pub tenant_id: Option<&'a str>,
    /// Database username (`secret` auth).
    pub username: Option<&'a str>,
    /// Database password (`secret` auth).
    pub password: Option<&'a str>,
    /// Service principal secret.
    pub client_secret: Option<&'a str>,
}

/// Where a placeholder's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Param(Param),
    Subscription,
    ClientId,
    TenantId,
    Username,
    Password,
    ClientSecret,
}

/// Placeholders of the documentation examples and what fills them.
/// Anything not listed (keys fetched from the target, ambiguous hosts) stays.
const PLACEHOLDERS: &[(&str, Source)] = &[
    ("<storage-account-name>", Source::Param(Param::Account)),
    ("<account name>", Source::Param(Param::Account)),
    ("<account-name>", Source::Param(Param::Account)),
    ("<account>", Source::Param(Param::Account)),
    ("<database-server>", Source::Param(Param::Account)),
    ("<mongo-db-server>", Source::Param(Param::Account)),
    ("<Azure-Cosmos-DB-account>", Source::Param(Param::Account)),
    (
        "<Azure-Cosmos-DB-API-for-MongoDB-account>",
        Source::Param(Param::Account),
    ),
    ("<keyspace>", Source::Param(Param::KeySpace)),
    ("<database>", Source::Param(Param::Database)),
    ("<collection or graphs>", Source::Param(Param::Graph)),
    ("<vault-name>", Source::Param(Param::Vault)),
    ("<App-Configuration-name>", Source::Param(Param::AppConfig)),
    ("<AppConfigurationName>", Source::Param(Param::AppConfig)),
    ("<Event-Hubs-namespace>", Source::Param(Param::Namespace)),
    ("<Service-Bus-namespace>", Source::Param(Param::Namespace)),
    ("<SignalR-name>", Source::Param(Param::Signalr)),
    ("<name>", Source::Param(Param::Webpubsub)),
    ("<RedisName>", Source::Param(Param::Server)),
    ("<redis-server-name>", Source::Param(Param::Server)),
    ("<PostgreSQL-server-name>", Source::Param(Param::Server)),
    ("<your-postgres-server-name>", Source::Param(Param::Server)),
    ("<sql-server>", Source::Param(Param::Server)),
    ("<database-name>", Source::Param(Param::Database)),
    ("<sql-database>", Source::Param(Param::Database)),
    ("<sql-db>", Source::Param(Param::Database)),
    ("<resource-group-name>", Source::Param(Param::ResourceGroup)),
    ("<subscription-ID>", Source::Subscription),
    ("<client-ID>", Source::ClientId),
    ("<client-id>", Source::ClientId),
    ("00001111-aaaa-2222-bbbb-3333cccc4444", Source::ClientId),
    ("<tenant-ID>", Source::TenantId),
    ("<tenant-id>", Source::TenantId),
    ("<username>", Source::Username),
    ("<sql-username>", Source::Username),
    ("<sql-user>", Source::Username),
    ("<MySQL-DB-username>", Source::Username),
    ("<MySQL-DBusername>", Source::Username),
    ("<mongo-db-admin-user>", Source::Username),
    ("<password>", Source::Password),
    ("<sql-password>", Source::Password),
    ("<MySQL-DB-password>", Source::Password),
    ("<client-secret>", Source::ClientSecret),
    (
        "Aa1Bb~2Cc3.-Dd4Ee5Ff6Gg7Hh8Ii9_Jj0Kk1Ll2",
        Source::ClientSecret,
    ),
];

/// For each length, which [`PLACEHOLDERS`] have it (bit `i` for entry `i`): a lookup
/// compares the one or few entries of the token's length, in table order, where a
/// search of the whole table was most of filling a service principal's values.
static BY_LENGTH: [u64; LONGEST + 1] = {
    assert!(
        PLACEHOLDERS.len() <= 64,
        "a placeholder's bit must fit in a u64"
    );
    let mut t = [0u64; LONGEST + 1];
    let mut i = 0;
    while i < PLACEHOLDERS.len() {
        t[PLACEHOLDERS[i].0.len()] |= 1 << i;
        i += 1;
    }
    t
};

/// The length of the longest of [`PLACEHOLDERS`].
const LONGEST: usize = {
    let mut n = 0;
    let mut i = 0;
    while i < PLACEHOLDERS.len() {
        if PLACEHOLDERS[i].0.len() > n {
            n = PLACEHOLDERS[i].0.len();
        }
        i += 1;
    }
    n
};

/// The first of [`PLACEHOLDERS`], in table order, that is `len` bytes long and `matches`.
fn placeholder_of_length(
    len: usize,
    matches: impl Fn(&str) -> bool,
) -> Option<&'static (&'static str, Source)> {
    let mut bits = BY_LENGTH.get(len).copied().unwrap_or_default();
    while bits != 0 {
        let entry = PLACEHOLDERS.get(bits.trailing_zeros() as usize)?;
        if matches(entry.0) {
            return Some(entry);
        }
        // The next entry of this length.
        bits &= bits - 1;
    }
    None
}

/// Documented example values that stand for the user's own value but are no
/// placeholder token: a value still holding one was not filled in. The host
/// anywhere in a value, the name only as the whole value (it is also part of
/// `<MySQL-DB-name>`).
const EXAMPLE_HOSTS: &[&str] = &["ep-still-mud-a12aa123.eastus2.azure.neon.tech"];
const EXAMPLE_NAMES: &[&str] = &["MySQL-DB-name"];

/// The longest text between `<` and `>` taken for a placeholder: the documented
/// ones and `<spec.path>` are far shorter; a longer span is prose or code.
const MAX_TOKEN: usize = 80;

/// The placeholders `value` still holds, in order of appearance: what a rendered
/// value or plan text shows where an input was not given.
///
/// A placeholder is
/// - a token `<…>`: between the brackets 1 to 80 characters, none of them `<`,
///   `>` or a line break, the first and last not blank (`<client-ID>`,
///   `<account name>`, `<AZURE_KEYVAULT_NAME>`, the plan's `<cluster.name>`; not
///   the redirections of `cat <in >out`);
/// - a documented example value the fill table knows without brackets (the
///   example client id and client secret) or an example host (Neon's
///   `ep-still-mud-….neon.tech`), anywhere;
/// - the whole value equal to a placeholder's name without its brackets
///   (`storage-account-name`, `MySQL-DB-password`, as `fill` reads them) or to
///   an example name (`MySQL-DB-name`).
pub fn placeholders(value: &str) -> Vec<&str> {
    let bare = |p: &str| {
        p.strip_prefix('<')
            .and_then(|p| p.strip_suffix('>'))
            .is_some_and(|b| b == value)
    };
    if PLACEHOLDERS.iter().any(|(p, _)| bare(p)) || EXAMPLE_NAMES.contains(&value) {
        return vec![value];
    }
    let literals = PLACEHOLDERS
        .iter()
        .map(|(p, _)| *p)
        .filter(|p| !p.starts_with('<'))
        .chain(EXAMPLE_HOSTS.iter().copied());
    let mut found = Vec::new();
    let mut i = 0;
    while i < value.len() {
        let rest = value.get(i..).unwrap_or_default();
        if rest.starts_with('<') {
            if let Some(token) = bracketed(rest) {
                found.push(token);
                i += token.len();
                continue;
            }
        } else if let Some(lit) = literals.clone().find(|l| rest.starts_with(l)) {
            // The piece of `value`, not the table's copy: callers may locate it.
            found.push(rest.get(..lit.len()).unwrap_or(lit));
            i += lit.len();
            continue;
        }
        // The next character: `i` stays on a char boundary.
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    found
}

/// The `<…>` token `rest` starts with, if it is one (see [`placeholders`]).
fn bracketed(rest: &str) -> Option<&str> {
    let inner = rest.get(1..)?;
    let end = inner.find(['<', '>', '\n', '\r'])?;
    let text = inner.get(..end)?;
    let blank = |c: Option<char>| c.is_none_or(char::is_whitespace);
    if inner.as_bytes().get(end) != Some(&b'>')
        || text.chars().count() > MAX_TOKEN
        || blank(text.chars().next())
        || blank(text.chars().next_back())
    {
        return None;
    }
    rest.get(..end + 2)
}

impl Knowns<'_> {
    fn get(&self, source: Source, target: TargetId, auth: AuthId) -> Option<&str> {
        let v = match source {
            // Redis Enterprise host names differ from the Azure Cache examples.
            Source::Param(Param::Server) if target == TargetId::RedisEnterprise => None,
            Source::Param(p) => self.params.and_then(|t| t.param(p)),
            Source::Subscription => self.subscription,
            Source::ClientId
                if matches!(auth, AuthId::WorkloadIdentity | AuthId::ServicePrincipal) =>
            {
                self.client_id
            }
            Source::TenantId => self.tenant_id,
            Source::Username if auth == AuthId::Secret => self.username,
            Source::Password if auth == AuthId::Secret => self.password,
            Source::ClientSecret if auth == AuthId::ServicePrincipal => self.client_secret,
            _ => None,
        };
        v.filter(|s| !s.is_empty())
    }
}

/// The value for `key`, built from the documentation `example`.
///
/// Known placeholders are filled, unknown ones stay in angle brackets; a key
/// without an example is filled by its name's suffix or becomes `<KEY>`.
pub fn fill(
    key: &str,
    example: Option<&str>,
    target: TargetId,
    auth: AuthId,
    knowns: &Knowns<'_>,
) -> String {
    if target == TargetId::ConfluentCloud {
        return confluent(key, knowns);
    }
    // MongoDB Atlas is given its connection string (the az CLI's `--secret
    // secret=`, here `auth.password`): that is the value of the key.
    if target == TargetId::MongoDbAtlas && key.ends_with("CONNECTIONSTRING") {
        if let Some(v) = knowns.get(Source::Password, target, auth) {
            return v.to_owned();
        }
    }
    match example {
        Some(example) => fill_example(example, target, auth, knowns),
        None => by_suffix(key, auth, knowns).unwrap_or_else(|| format!("<{key}>")),
    }
}

fn fill_example(example: &str, target: TargetId, auth: AuthId, knowns: &Knowns<'_>) -> String {
    // Some examples are a known placeholder without its brackets (`storage-account-name`,
    // `MySQL-DB-password`): they are that placeholder too.
    // Lengths first: most placeholders differ from `example` in length alone.
    if let Some(&(_, source)) = placeholder_of_length(example.len() + 2, |p| {
        p.strip_prefix('<')
            .and_then(|p| p.strip_suffix('>'))
            .is_some_and(|bare| bare == example)
    }) {
        return knowns
            .get(source, target, auth)
            .unwrap_or(example)
            .to_owned();
    }
    // The whole example one token (`<client-ID>`): its value, copied once, not pushed
    // into a string the size of the token.
    if example.starts_with('<') {
        if let Some(&(placeholder, source)) = placeholder_of_length(example.len(), |p| p == example)
        {
            return knowns
                .get(source, target, auth)
                .unwrap_or(placeholder)
                .to_owned();
        }
    }
    let mut out = String::with_capacity(example.len());
    let mut rest = example;
    while !rest.is_empty() {
        // The placeholder `rest` starts with, if any. A bracketed one ends at the first `>`
        // (none holds another), so it is the one equal to `rest` up to that `>`: compared
        // whole, most candidates differ in length alone, where trying each as a prefix
        // at every `<` made this the hot spot of `render`.
        let token = match rest.as_bytes().first() {
            Some(b'<') => rest.find('>').and_then(|end| rest.get(..=end)),
            _ => None,
        };
        let first = rest.as_bytes().first().copied().unwrap_or_default();
        let found = match token {
            Some(t) => placeholder_of_length(t.len(), |p| p == t),
            // Most bytes start no placeholder: no need to try each.
            None if !starts_placeholder(first) => None,
            None => PLACEHOLDERS
                .iter()
                .find(|(p, _)| p.as_bytes().first() == Some(&first) && rest.starts_with(p)),
        };
        if let Some(&(placeholder, source)) = found {
            match knowns.get(source, target, auth) {
                Some(v) => out.push_str(v),
                None => out.push_str(placeholder),
            }
            rest = rest.get(placeholder.len()..).unwrap_or_default();
            continue;
        }
        // In Cosmos Table values `<table-name>` sits where the account's host goes.
        if target == TargetId::CosmosTable && token == Some("<table-name>") {
            match knowns.get(Source::Param(Param::Account), target, auth) {
                Some(v) => out.push_str(v),
                None => out.push_str("<table-name>"),
            }
            rest = rest.get("<table-name>".len()..).unwrap_or_default();
            continue;
        }
        // No placeholder here: copy up to the next byte one could start with. Trying
        // every placeholder at every character made this the hot spot of `render`.
        let skip = rest
            .bytes()
            .skip(1)
            .position(starts_placeholder)
            .map_or(rest.len(), |p| p + 1);
        // `starts_placeholder` only accepts ASCII bytes, which are char boundaries.
        let (plain, after) = rest.split_at(skip);
        out.push_str(plain);
        rest = after;
    }
    out
}

/// Whether a placeholder (or `<table-name>`) can start with byte `b`.
fn starts_placeholder(b: u8) -> bool {
    /// The first bytes of [`PLACEHOLDERS`] and `<`, as a lookup table.
    static FIRST: [bool; 256] = {
        let mut t = [false; 256];
        t[b'<' as usize] = true;
        let mut i = 0;
        while i < PLACEHOLDERS.len() {
            t[PLACEHOLDERS[i].0.as_bytes()[0] as usize] = true;
            i += 1;
        }
        t
    };
    FIRST[usize::from(b)]
}

fn by_suffix(key: &str, auth: AuthId, knowns: &Knowns<'_>) -> Option<String> {
    let upper = key.to_ascii_uppercase();
    let ends = |s: &str| upper.ends_with(s);
    let v = if ends("CLIENTID") || ends("CLIENT-ID") {
        matches!(auth, AuthId::WorkloadIdentity | AuthId::ServicePrincipal)
            .then_some(knowns.client_id)
            .flatten()
    } else if ends("TENANTID") || ends("TENANT-ID") {
        knowns.tenant_id
    } else if ends("CLIENTSECRET") || ends("CLIENT-SECRET") || ends("CLIENT-KEY") {
        (auth == AuthId::ServicePrincipal)
            .then_some(knowns.client_secret)
            .flatten()
    } else if ends("USER") || ends("USERNAME") || ends("UID") {
        (auth == AuthId::Secret)
            .then_some(knowns.username)
            .flatten()
    } else if ends("PASSWORD") {
        (auth == AuthId::Secret)
            .then_some(knowns.password)
            .flatten()
    } else {
        None
    };
    v.filter(|s| !s.is_empty()).map(str::to_owned)
}

/// Confluent values are rebuilt from the inputs (the doc's examples are pseudo-code).
fn confluent(key: &str, knowns: &Knowns<'_>) -> String {
    let p = |param: Param, placeholder: &str| -> String {
        knowns
            .params
            .and_then(|t| t.param(param))
            .unwrap_or(placeholder)
            .to_owned()
    };
    let upper = key.to_ascii_uppercase();
    if upper.ends_with("BOOTSTRAPSERVER") || upper.ends_with("BOOTSTRAP.SERVERS") {
        p(Param::BootstrapServer, "<bootstrap-server>")
    } else if upper.ends_with("KAFKASASLCONFIG") || upper.ends_with("JAAS.CONFIG") {
        format!(
            "org.apache.kafka.common.security.plain.PlainLoginModule required username='{}' password='{}';",
            p(Param::KafkaKey, "<kafka-key>"),
            p(Param::KafkaSecret, "<kafka-secret>")
        )
    } else if upper.ends_with("SCHEMAREGISTRY_URL") || upper.ends_with("REGISTRY.URL") {
        p(Param::SchemaRegistry, "<schema-registry>")
    } else if upper.ends_with("USERINFO") || upper.ends_with("USER.INFO") {
        format!(
            "{}:{}",
            p(Param::SchemaKey, "<schema-key>"),
            p(Param::SchemaSecret, "<schema-secret>")
        )
    } else {
        format!("<{key}>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::TargetSpec;

    /// `fill_example` finds a bracketed placeholder by the text up to the first `>`.
    #[test]
    fn bracketed_placeholders_hold_one_closing_bracket_at_their_end() {
        let bracketed: Vec<&str> = PLACEHOLDERS
            .iter()
            .map(|(p, _)| *p)
            .filter(|p| p.starts_with('<'))
            .collect();
        assert!(bracketed.len() > 40);
        for p in bracketed.into_iter().chain(["<table-name>"]) {
            assert_eq!(p.find('>'), Some(p.len() - 1), "{p}");
        }
    }

    #[test]
    fn fills_known_placeholders_and_keeps_the_rest() {
        let t = TargetSpec {
            account: Some("mystore".into()),
            ..Default::default()
        };
        let k = Knowns {
            params: Some(&t),
            ..Default::default()
        };
        let v = fill(
            "AZURE_STORAGEBLOB_CONNECTIONSTRING",
            Some("DefaultEndpointsProtocol=https;AccountName=<account name>;AccountKey=<account-key>;EndpointSuffix=core.windows.net"),
            TargetId::StorageBlob,
            AuthId::ConnectionString,
            &k,
        );
        assert_eq!(v, "DefaultEndpointsProtocol=https;AccountName=mystore;AccountKey=<account-key>;EndpointSuffix=core.windows.net");
    }

    #[test]
    fn a_placeholder_without_brackets_is_filled_too() {
        let k = Knowns {
            password: Some("p@ss"),
            ..Default::default()
        };
        let fill_mysql = |example| {
            fill(
                "AZURE_MYSQL_PASSWORD",
                Some(example),
                TargetId::MysqlFlexible,
                AuthId::Secret,
                &k,
            )
        };
        assert_eq!(fill_mysql("MySQL-DB-password"), "p@ss");
        assert_eq!(fill_mysql("<MySQL-DB-password>"), "p@ss");
        // Not a known placeholder: kept as documented.
        assert_eq!(fill_mysql("MySQL-DB-name"), "MySQL-DB-name");
        let unknown = Knowns::default();
        let kept = fill(
            "AZURE_MYSQL_PASSWORD",
            Some("MySQL-DB-password"),
            TargetId::MysqlFlexible,
            AuthId::Secret,
            &unknown,
        );
        assert_eq!(kept, "MySQL-DB-password");
    }

    #[test]
    fn client_id_only_for_identity_auths() {
        let k = Knowns {
            client_id: Some("c1"),
            ..Default::default()
        };
        let wi = fill(
            "X_CLIENTID",
            Some("<client-ID>"),
            TargetId::StorageBlob,
            AuthId::WorkloadIdentity,
            &k,
        );
        assert_eq!(wi, "c1");
        let none = fill(
            "X_CLIENTID",
            None,
            TargetId::StorageBlob,
            AuthId::ConnectionString,
            &k,
        );
        assert_eq!(none, "<X_CLIENTID>");
    }

    #[test]
    fn mongodb_atlas_takes_the_given_connection_string() {
        let k = Knowns {
            password: Some("mongodb+srv://u:p@c/"),
            ..Default::default()
        };
        let key = "MONGODBATLAS_CLUSTER_CONNECTIONSTRING";
        let v = fill(key, None, TargetId::MongoDbAtlas, AuthId::Secret, &k);
        assert_eq!(v, "mongodb+srv://u:p@c/");
        let none = fill(
            key,
            None,
            TargetId::MongoDbAtlas,
            AuthId::Secret,
            &Knowns::default(),
        );
        assert_eq!(none, format!("<{key}>"));
    }

    #[test]
    fn confluent_values_are_rebuilt() {
        let t = TargetSpec {
            kafka_key: Some("K".into()),
            schema_registry: Some("https://r".into()),
            ..Default::default()
        };
        let k = Knowns {
            params: Some(&t),
            ..Default::default()
        };
        let jaas = fill(
            "AZURE_CONFLUENTCLOUDKAFKA_KAFKASASLCONFIG",
            Some("x"),
            TargetId::ConfluentCloud,
            AuthId::Secret,
            &k,
        );
        assert!(
            jaas.contains("username='K' password='<kafka-secret>'"),
            "{jaas}"
        );
        let info = fill(
            "spring.kafka.properties.schema.registry.basic.auth.user.info",
            None,
            TargetId::ConfluentCloud,
            AuthId::Secret,
            &k,
        );
        assert_eq!(info, "<schema-key>:<schema-secret>");
    }

    /// `fill_example` without the jump to the next candidate byte: every
    /// placeholder tried at every character, in table order.
    fn fill_example_reference(
        example: &str,
        target: TargetId,
        auth: AuthId,
        knowns: &Knowns<'_>,
    ) -> String {
        let bracketed = format!("<{example}>");
        if let Some((_, source)) = PLACEHOLDERS.iter().find(|(p, _)| *p == bracketed) {
            return knowns
                .get(*source, target, auth)
                .unwrap_or(example)
                .to_owned();
        }
        let mut out = String::new();
        let mut rest = example;
        'scan: while let Some(c) = rest.chars().next() {
            for (placeholder, source) in PLACEHOLDERS {
                if let Some(after) = rest.strip_prefix(placeholder) {
                    out.push_str(knowns.get(*source, target, auth).unwrap_or(placeholder));
                    rest = after;
                    continue 'scan;
                }
            }
            if target == TargetId::CosmosTable {
                if let Some(after) = rest.strip_prefix("<table-name>") {
                    let account = knowns.get(Source::Param(Param::Account), target, auth);
                    out.push_str(account.unwrap_or("<table-name>"));
                    rest = after;
                    continue;
                }
            }
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
        out
    }

    /// The lookup by length finds every placeholder by its own text, and nothing
    /// for a text one byte off.
    #[test]
    fn placeholders_are_found_by_length() {
        for (i, (p, _)) in PLACEHOLDERS.iter().enumerate() {
            let found = placeholder_of_length(p.len(), |q| q == *p).map(|e| e.0);
            assert_eq!(found, Some(*p));
            assert_eq!(PLACEHOLDERS.iter().position(|(q, _)| q == p), Some(i));
            let longer = format!("{p}x");
            assert_eq!(placeholder_of_length(longer.len(), |q| q == longer), None);
        }
        assert_eq!(placeholder_of_length(LONGEST + 1, |_| true), None);
        assert_eq!(placeholder_of_length(usize::MAX, |_| true), None);
    }

    /// Filling jumps between candidate bytes, yet fills every example of the
    /// catalog (and some made up around `<`, `>` and the bare placeholders) as
    /// trying every entry at every character does, for every target and auth id,
    /// with everything known and with nothing.
    #[test]
    fn filling_agrees_with_trying_every_placeholder_everywhere() {
        let everything = TargetSpec {
            account: Some("acc".into()),
            key_space: Some("ks".into()),
            database: Some("db".into()),
            graph: Some("g".into()),
            vault: Some("v".into()),
            app_config: Some("ac".into()),
            namespace: Some("ns".into()),
            signalr: Some("sr".into()),
            webpubsub: Some("wps".into()),
            server: Some("srv".into()),
            resource_group: Some("rg".into()),
            ..Default::default()
        };
        let all = Knowns {
            params: Some(&everything),
            subscription: Some("sub"),
            client_id: Some("cid"),
            tenant_id: Some("tid"),
            username: Some("user"),
            password: Some("pass"),
            client_secret: Some("secret"),
        };
        let made_up = [
            "",
            "<",
            ">",
            "<>",
            "<<account>",
            "<account",
            "<account>>",
            "<account name>x<client-ID>",
            "a<b>c<tenant-id>d",
            "00001111-aaaa-2222-bbbb-3333cccc4444",
            "00001111-aaaa-2222-bbbb-3333cccc444",
            "x00001111-aaaa-2222-bbbb-3333cccc4444<password>",
            "Aa1Bb~2Cc3.-Dd4Ee5Ff6Gg7Hh8Ii9_Jj0Kk1Ll2!",
            "https://<table-name>.documents.azure.com:443/",
            "é<account>ü",
            "storage-account-name",
            "MySQL-DB-password",
            "client-ID",
            "<MySQL-DB-password",
        ];
        let examples = crate::catalog::key_rows()
            .iter()
            .filter_map(|r| r.example)
            .chain(made_up);
        let mut filled = 0;
        for example in examples {
            for &target in TargetId::ALL {
                for &auth in AuthId::ALL {
                    for knowns in [&all, &Knowns::default()] {
                        let expected = fill_example_reference(example, target, auth, knowns);
                        assert_eq!(
                            fill_example(example, target, auth, knowns),
                            expected,
                            "{example} {target} {auth}"
                        );
                        filled += usize::from(expected != example);
                    }
                }
            }
        }
        assert!(filled > 1000, "{filled}");
    }

    /// Documented examples that are the value itself, not a stand-in for the user's:
    /// ports, flags, fixed scopes.
    const CONSTANT_EXAMPLES: &[&str] = &[
        "0",
        "443",
        "1433",
        "3306",
        "5432",
        "6380",
        "10350",
        "true",
        "True",
        "required",
        "MySQL_CLIENT_SSL",
        "https://management.azure.com/.default",
    ];

    /// Every documented example of the key table either holds a placeholder or is
    /// a reviewed constant: a new example the rule misses fails here.
    #[test]
    fn every_documented_example_is_a_placeholder_or_a_known_constant() {
        let mut constants = std::collections::BTreeSet::new();
        for example in crate::catalog::key_rows().iter().filter_map(|r| r.example) {
            if placeholders(example).is_empty() {
                assert!(
                    CONSTANT_EXAMPLES.contains(&example),
                    "{example}: no placeholder found and not a known constant"
                );
                constants.insert(example);
            }
        }
        // The list holds no stale entry.
        assert_eq!(constants.len(), CONSTANT_EXAMPLES.len(), "{constants:?}");
    }

    /// Every placeholder of the fill table is found: bracketed ones as tokens, the
    /// literal examples anywhere, the bare names as whole values.
    #[test]
    fn every_fill_placeholder_is_found() {
        for (p, _) in PLACEHOLDERS {
            let inside = format!("x={p};y");
            assert_eq!(placeholders(&inside), vec![*p], "{inside}");
            if let Some(bare) = p.strip_prefix('<').and_then(|b| b.strip_suffix('>')) {
                assert_eq!(placeholders(bare), vec![bare]);
                assert!(
                    placeholders(&format!("{bare}.example.com")).is_empty(),
                    "{bare}"
                );
            }
        }
    }

    #[test]
    fn placeholders_in_rendered_values_and_plan_text() {
        let cases: &[(&str, &[&str])] = &[
            (
                "https://<storage-account-name>.blob.core.windows.net/",
                &["<storage-account-name>"],
            ),
            (
                "AccountName=<account name>;AccountKey=<account-key>",
                &["<account name>", "<account-key>"],
            ),
            (
                "az aks show --name '<cluster.name>' -g '<cluster.resourceGroup>'",
                &["<cluster.name>", "<cluster.resourceGroup>"],
            ),
            (
                "objectName: <KEYVAULT_SECRET_NAME>\nobjectType: secret\n",
                &["<KEYVAULT_SECRET_NAME>"],
            ),
            (
                "Server=ep-still-mud-a12aa123.eastus2.azure.neon.tech;Database=db",
                &["ep-still-mud-a12aa123.eastus2.azure.neon.tech"],
            ),
            (
                "00001111-aaaa-2222-bbbb-3333cccc4444",
                &["00001111-aaaa-2222-bbbb-3333cccc4444"],
            ),
            ("MySQL-DB-name", &["MySQL-DB-name"]),
            (
                "<MySQL-DB-username>@<MySQL-DB-name>",
                &["<MySQL-DB-username>", "<MySQL-DB-name>"],
            ),
            ("é<tenant-id>ü", &["<tenant-id>"]),
            // Not placeholders: real values, shell redirections, empty or blank brackets.
            ("https://mystore.blob.core.windows.net/", &[]),
            ("MySQL-DB-name.example.com", &[]),
            ("cat <in >out", &[]),
            ("a <> b < c > d", &[]),
            ("<unclosed", &[]),
            ("<a\nb>", &[]),
            ("<<client-ID>>", &["<client-ID>"]),
            ("", &[]),
        ];
        for (value, expected) in cases {
            assert_eq!(placeholders(value), *expected, "{value:?}");
        }
        let long = format!("<{}>", "x".repeat(MAX_TOKEN));
        assert_eq!(placeholders(&long), vec![long.as_str()]);
        assert!(placeholders(&format!("<{}>", "x".repeat(MAX_TOKEN + 1))).is_empty());
    }

    // proptest is a native-only dev-dependency.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// On any text the placeholders found are pieces of it, in order and apart, each
        /// a bracketed token by the rule or a documented example value.
        #[test]
        fn placeholders_are_ordered_pieces_of_the_text(text in "([<>a-z .\n-]|<client-ID>|é|MySQL-DB-name|00001111-aaaa-2222-bbbb-3333cccc4444){0,40}") {
            let base = text.as_ptr() as usize;
            let mut end = 0;
            for p in placeholders(&text) {
                let start = p.as_ptr() as usize - base;
                proptest::prop_assert!(start >= end && start + p.len() <= text.len(), "{p:?} in {text:?}");
                proptest::prop_assert_eq!(&text[start..start + p.len()], p);
                end = start + p.len();
                let bracketed = bracketed(p) == Some(p);
                let example = p == text || PLACEHOLDERS.iter().any(|(l, _)| *l == p) || EXAMPLE_HOSTS.contains(&p);
                proptest::prop_assert!(bracketed || example, "{p:?} in {text:?}");
            }
        }
    }

    #[test]
    fn cosmos_table_host_takes_the_account() {
        let t = TargetSpec {
            account: Some("acc".into()),
            ..Default::default()
        };
        let k = Knowns {
            params: Some(&t),
            ..Default::default()
        };
        let v = fill(
            "AZURE_COSMOS_RESOURCEENDPOINT",
            Some("https://<table-name>.documents.azure.com:443/"),
            TargetId::CosmosTable,
            AuthId::WorkloadIdentity,
            &k,
        );
        assert_eq!(v, "https://acc.documents.azure.com:443/");
    }
}
