//! The OBP API versions this server answers under `/obp/<version>/...`.

/// One served API version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiVersion {
    /// The short version as it appears in paths, e.g. `v5.1.0`.
    pub short: &'static str,
    /// OBP's status word for the version.
    pub status: &'static str,
}

impl ApiVersion {
    /// OBP's fully qualified name, e.g. `OBPv5.1.0`.
    pub fn fully_qualified(&self) -> String {
        format!("OBP{}", self.short)
    }

    /// The version's place among [`SUPPORTED_VERSIONS`] (oldest 0); a version that is not
    /// served sorts after every served one.
    pub fn rank(&self) -> usize {
        rank_of(self.short).unwrap_or(usize::MAX)
    }

    /// Whether this version is `short` or newer (`v4.0.0.at_least("v2.1.0")`). A `short`
    /// that is not served is never reached.
    pub fn at_least(&self, short: &str) -> bool {
        rank_of(short).is_some_and(|r| self.rank() >= r)
    }
}

/// The place of `short` among [`SUPPORTED_VERSIONS`], oldest 0.
pub fn rank_of(short: &str) -> Option<usize> {
    SUPPORTED_VERSIONS.iter().position(|v| v.short == short)
}

/// The newest served version (what unversioned paths answer as).
pub fn latest() -> &'static ApiVersion {
    &SUPPORTED_VERSIONS[SUPPORTED_VERSIONS.len() - 1]
}

/// Every version prefix served, oldest first. Endpoints are cumulative: each handler answers
/// under every prefix, as OBP's newer versions include the older ones' routes.
///
/// Not `v6.0.0`: OBP's v6.0.0 shapes differ from v5.1.0's, and a v5 shape under a v6 URL
/// would mislead a v6 client, so that prefix answers OBP-00008 until its shapes exist.
pub const SUPPORTED_VERSIONS: &[ApiVersion] = &[
    ApiVersion {
        short: "v1.2.1",
        status: "STABLE",
    },
    ApiVersion {
        short: "v1.3.0",
        status: "STABLE",
    },
    ApiVersion {
        short: "v1.4.0",
        status: "STABLE",
    },
    ApiVersion {
        short: "v2.0.0",
        status: "STABLE",
    },
    ApiVersion {
        short: "v2.1.0",
        status: "STABLE",
    },
    ApiVersion {
        short: "v2.2.0",
        status: "STABLE",
    },
    ApiVersion {
        short: "v3.0.0",
        status: "STABLE",
    },
    ApiVersion {
        short: "v3.1.0",
        status: "STABLE",
    },
    ApiVersion {
        short: "v4.0.0",
        status: "STABLE",
    },
    ApiVersion {
        short: "v5.0.0",
        status: "STABLE",
    },
    ApiVersion {
        short: "v5.1.0",
        status: "STABLE",
    },
];

/// The version whose paths the committed OpenAPI document spells out.
pub const DOCUMENTED_VERSION: &str = "v5.1.0";

/// Looks a path version up, e.g. `"v5.1.0"`.
pub fn find(short: &str) -> Option<&'static ApiVersion> {
    SUPPORTED_VERSIONS.iter().find(|v| v.short == short)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_the_obp_versions() {
        assert!(find("v1.2.1").is_some());
        assert!(find("v5.1.0").is_some());
        assert!(find("v6.0.0").is_none());
        assert!(find("v9.9.9").is_none());
        assert!(find("5.1.0").is_none());
        assert_eq!(
            find("v4.0.0").map(|v| v.fully_qualified()).as_deref(),
            Some("OBPv4.0.0")
        );
    }

    #[test]
    fn versions_are_ordered() {
        let v400 = find("v4.0.0").expect("served");
        assert!(v400.at_least("v2.1.0"));
        assert!(v400.at_least("v4.0.0"));
        assert!(!v400.at_least("v5.0.0"));
        assert!(!v400.at_least("v6.0.0"));
        assert_eq!(latest().short, "v5.1.0");
        assert!(SUPPORTED_VERSIONS
            .windows(2)
            .all(|w| w[0].rank() < w[1].rank()));
    }
}
