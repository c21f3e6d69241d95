//! Answers in the JSON shape of the version the URL names.
//!
//! Why: OBP answers an endpoint in the shape of the implementation that the URL's version
//! serves — the newest implementation at or below it. A client written against v2.1.0 reads
//! one `challenge` object from a transaction request, one written against v4.0.0 a
//! `challenges` list; answering every prefix in the newest shape made older clients read
//! `None` without an error. The shapes differ, the behaviour does not: a handler computes its
//! answer once and a [`Shapes`] table renders it.
//!
//! An endpoint with more than one shape declares them once, oldest first:
//!
//! ```ignore
//! pub static BANKS_SHAPES: Shapes<Vec<Bank>> = Shapes::new(&[
//!     ("v1.2.1", |banks| HttpResponse::Ok().json(BanksJson121::from(banks))),
//!     ("v4.0.0", |banks| HttpResponse::Ok().json(BanksJson400::from(banks))),
//! ]);
//! ```
//!
//! names the table in its declaration (`#[endpoint(GET "/banks", shapes = BANKS_SHAPES, ..)]`,
//! which lists its versions in the endpoint's registration so the table test can check that
//! every shape is pinned), and answers with `BANKS_SHAPES.render(auth.version, banks)`.
//! [`Shapes::pick`] is the one rule. Below its first implementation an endpoint answers in
//! its oldest shape: every endpoint here answers under every served prefix.

use actix_web::HttpResponse;
use obp_domain::version::{self, ApiVersion};

/// Renders an endpoint's answer in one version's shape (an HTTP response, or the body text
/// where the answer is stored before it is sent, as idempotent creates do).
pub type Render<T, R = HttpResponse> = fn(T) -> R;

/// An endpoint's shapes, by the version each implementation appeared in, oldest first.
pub struct Shapes<T: 'static, R: 'static = HttpResponse> {
    implementations: &'static [(&'static str, Render<T, R>)],
}

impl<T, R> std::fmt::Debug for Shapes<T, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shapes")
            .field("versions", &self.versions())
            .finish()
    }
}

impl<T, R> Shapes<T, R> {
    /// The table; `implementations` must be non-empty, oldest first, each a served version
    /// (checked for every declared table by the shape table test).
    pub const fn new(implementations: &'static [(&'static str, Render<T, R>)]) -> Self {
        Self { implementations }
    }

    /// The version whose implementation answers under `version`, and its renderer: the newest
    /// at or below `version`, else the oldest.
    pub fn pick(&self, version: &ApiVersion) -> Option<(&'static str, Render<T, R>)> {
        self.implementations
            .iter()
            .rev()
            .find(|(since, _)| version.at_least(since))
            .or_else(|| self.implementations.first())
            .copied()
    }

    /// `data` in the shape that answers under `version`; `None` only for an empty table.
    pub fn apply(&self, version: &ApiVersion, data: T) -> Option<R> {
        self.pick(version).map(|(_, render)| render(data))
    }

    /// The versions at which the shape changes, oldest first.
    pub fn versions(&self) -> Vec<&'static str> {
        self.implementations.iter().map(|(v, _)| *v).collect()
    }

    /// Non-empty, every version served, strictly oldest first.
    pub fn is_well_formed(&self) -> bool {
        let ranks: Option<Vec<usize>> = self
            .implementations
            .iter()
            .map(|(v, _)| version::rank_of(v))
            .collect();
        ranks.is_some_and(|r| !r.is_empty() && r.windows(2).all(|w| w[0] < w[1]))
    }
}

impl<T> Shapes<T> {
    /// `data` in the shape that answers under `version`.
    pub fn render(&self, version: &ApiVersion, data: T) -> HttpResponse {
        // An empty table is a declaration bug, caught by the shape table test.
        self.apply(version, data)
            .unwrap_or_else(|| HttpResponse::InternalServerError().finish())
    }
}

/// What a registration keeps of an endpoint's [`Shapes`]: its versions, whatever `T` is.
pub trait ShapeTable: Sync + std::fmt::Debug {
    /// See [`Shapes::versions`].
    fn versions(&self) -> Vec<&'static str>;
    /// See [`Shapes::is_well_formed`].
    fn is_well_formed(&self) -> bool;
}

impl<T, R> ShapeTable for Shapes<T, R> {
    fn versions(&self) -> Vec<&'static str> {
        Shapes::versions(self)
    }
    fn is_well_formed(&self) -> bool {
        Shapes::is_well_formed(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(res: HttpResponse) -> String {
        let bytes = actix_web::body::to_bytes(res.into_body());
        let bytes = futures_util::FutureExt::now_or_never(bytes)
            .and_then(Result::ok)
            .unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    }

    static TWO: Shapes<u8> = Shapes::new(&[
        ("v2.1.0", |n| HttpResponse::Ok().body(format!("old {n}"))),
        ("v4.0.0", |n| HttpResponse::Ok().body(format!("new {n}"))),
    ]);

    fn at(v: &str) -> &'static ApiVersion {
        version::find(v).expect("served version")
    }

    #[test]
    fn the_newest_implementation_at_or_below_answers() {
        assert!(TWO.is_well_formed());
        assert_eq!(TWO.pick(at("v2.1.0")).map(|p| p.0), Some("v2.1.0"));
        assert_eq!(TWO.pick(at("v3.1.0")).map(|p| p.0), Some("v2.1.0"));
        assert_eq!(TWO.pick(at("v4.0.0")).map(|p| p.0), Some("v4.0.0"));
        assert_eq!(TWO.pick(at("v5.1.0")).map(|p| p.0), Some("v4.0.0"));
        assert_eq!(body(TWO.render(at("v3.0.0"), 7)), "old 7");
        assert_eq!(body(TWO.render(at("v5.0.0"), 7)), "new 7");
    }

    #[test]
    fn below_the_first_implementation_the_oldest_answers() {
        assert_eq!(TWO.pick(at("v1.2.1")).map(|p| p.0), Some("v2.1.0"));
    }

    #[test]
    fn malformed_tables_are_caught() {
        static BACKWARDS: Shapes<u8> = Shapes::new(&[
            ("v4.0.0", |_| HttpResponse::Ok().finish()),
            ("v2.1.0", |_| HttpResponse::Ok().finish()),
        ]);
        static UNSERVED: Shapes<u8> = Shapes::new(&[("v6.0.0", |_| HttpResponse::Ok().finish())]);
        static EMPTY: Shapes<u8> = Shapes::new(&[]);
        assert!(!BACKWARDS.is_well_formed());
        assert!(!UNSERVED.is_well_formed());
        assert!(!EMPTY.is_well_formed());
    }
}
