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
}
