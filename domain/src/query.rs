//! OBP pagination and date-filter query parameters (`APIUtil.createQueriesByHttpParams`).
//!
//! Accepted names: `limit`, `offset`, `from_date`, `to_date`, `sort_direction` and their
//! `obp_`-prefixed forms (`obp_limit`, ...). When both forms are present the `obp_` one wins;
//! when a name repeats, the first occurrence wins; other parameters are ignored (endpoints
//! read their own filters).
//!
//! Defaults: `limit` 50, `offset` 0, `from_date` the Unix epoch, `to_date`
//! 9999-12-31T23:59:59.999Z ("far future"), `sort_direction` DESC. `limit` must be ≥ 1 and is
//! capped at [`MAX_LIMIT`] (larger values are lowered silently, not refused, so OBP clients
//! that ask for "everything" still work; they page with `offset`).
//!
//! Filter dates as OBP's `APIUtil.parseObpStandardDate`: `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`
//! (UTC), or its fallback `yyyy-MM-dd'T'HH:mm:ss.SSSZ` with an RFC 822 offset
//! (`2020-01-01T10:00:00.000+0100`). OBP refuses a plain `yyyy-MM-dd` and a date without
//! milliseconds there (OBP-10026), so this does too ([`parse_obp_filter_date`]).
//!
//! Codes: sort direction → OBP-10023, offset → OBP-10024, limit → OBP-10025, date format →
//! OBP-10026, `from_date` after `to_date` → OBP-10016.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{ErrorCode, HasErrorCode};

/// Default page size.
pub const DEFAULT_LIMIT: u32 = 50;
/// Largest page size served; larger requests are lowered to it.
pub const MAX_LIMIT: u32 = 1000;

/// Sort order of a list by date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum SortDirection {
    /// Oldest first.
    Asc,
    /// Newest first (OBP's default).
    #[default]
    Desc,
}

impl SortDirection {
    /// `"ASC"` or `"DESC"`.
    pub fn as_str(self) -> &'static str {
        match self {
            SortDirection::Asc => "ASC",
            SortDirection::Desc => "DESC",
        }
    }
}

/// Parsed pagination and date filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OffsetLimitQuery {
    /// Page size, 1..=[`MAX_LIMIT`].
    pub limit: u32,
    /// Number of items to skip.
    pub offset: u64,
    /// Inclusive lower bound of the item date.
    pub from_date: DateTime<Utc>,
    /// Inclusive upper bound of the item date.
    pub to_date: DateTime<Utc>,
    /// Sort order.
    pub sort: SortDirection,
}

impl OffsetLimitQuery {
    /// The upper date bound sent to an adapter: `now` when the client gave no `to_date`
    /// (OBP's `DefaultToDate` is the time of the call; the far-future default only bounds
    /// local queries).
    pub fn to_date_or(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        if self.to_date == far_future() {
            now
        } else {
            self.to_date
        }
    }
}

impl Default for OffsetLimitQuery {
    fn default() -> Self {
        Self {
            limit: DEFAULT_LIMIT,
            offset: 0,
            from_date: DateTime::UNIX_EPOCH,
            to_date: far_future(),
            sort: SortDirection::Desc,
        }
    }
}

fn far_future() -> DateTime<Utc> {
    let d = NaiveDate::from_ymd_opt(9999, 12, 31)
        .and_then(|d| d.and_hms_milli_opt(23, 59, 59, 999))
        .unwrap_or(NaiveDateTime::MAX);
    Utc.from_utc_datetime(&d)
}

/// A query parameter that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum QueryError {
    /// `sort_direction` is not ASC or DESC (OBP-10023).
    #[error("bad sort_direction")]
    SortDirection,
    /// `offset` is not an integer ≥ 0 (OBP-10024).
    #[error("bad offset")]
    Offset,
    /// `limit` is not an integer ≥ 1 (OBP-10025).
    #[error("bad limit")]
    Limit,
    /// A date is not in an accepted format (OBP-10026).
    #[error("bad date in {0}")]
    DateFormat(&'static str),
    /// `from_date` is after `to_date` (OBP-10016).
    #[error("from_date must not be after to_date")]
    DateRange,
}

impl HasErrorCode for QueryError {
    fn code(&self) -> ErrorCode {
        match self {
            QueryError::SortDirection => ErrorCode::FilterSortDirectionError,
            QueryError::Offset => ErrorCode::FilterOffersetError,
            QueryError::Limit => ErrorCode::FilterLimitError,
            QueryError::DateFormat(_) => ErrorCode::FilterDateFormatError,
            QueryError::DateRange => ErrorCode::InvalidFilterParameterFormat,
        }
    }

    fn detail(&self) -> Option<String> {
        match self {
            QueryError::DateRange => Some("from_date must not be after to_date.".to_owned()),
            _ => None,
        }
    }
}

impl OffsetLimitQuery {
    /// Parses the pagination parameters out of raw (already percent-decoded) query pairs.
    ///
    /// # Errors
    /// A [`QueryError`] for the first bad parameter, checked in the order sort direction,
    /// offset, limit, from_date, to_date, then the date range.
    pub fn from_pairs<'a, I>(pairs: I) -> Result<Self, QueryError>
    where
        I: IntoIterator<Item = (&'a str, &'a str)>,
    {
        let mut found: [Option<&'a str>; 5] = [None; 5];
        let mut prefixed: [Option<&'a str>; 5] = [None; 5];
        for (key, value) in pairs {
            let (slot, key) = match key.strip_prefix("obp_") {
                Some(rest) => (&mut prefixed, rest),
                None => (&mut found, key),
            };
            if let Some(i) = NAMES.iter().position(|n| *n == key) {
                if let Some(s) = slot.get_mut(i) {
                    s.get_or_insert(value);
                }
            }
        }
        let get = |i: usize| {
            prefixed
                .get(i)
                .copied()
                .flatten()
                .or(found.get(i).copied().flatten())
        };
        let mut q = OffsetLimitQuery::default();
        if let Some(s) = get(SORT) {
            q.sort = if s.eq_ignore_ascii_case("ASC") {
                SortDirection::Asc
            } else if s.eq_ignore_ascii_case("DESC") {
                SortDirection::Desc
            } else {
                return Err(QueryError::SortDirection);
            };
        }
        if let Some(s) = get(OFFSET) {
            // Past i64::MAX an offset cannot be bound in SQL.
            q.offset = parse_unsigned(s)
                .filter(|o| i64::try_from(*o).is_ok())
                .ok_or(QueryError::Offset)?;
        }
        if let Some(s) = get(LIMIT) {
            // As the offset: a value past i64::MAX (the documented int64) is refused; a
            // large one within it is lowered to MAX_LIMIT.
            let limit = parse_unsigned(s)
                .filter(|l| *l >= 1 && i64::try_from(*l).is_ok())
                .ok_or(QueryError::Limit)?;
            q.limit = u32::try_from(limit).unwrap_or(MAX_LIMIT).min(MAX_LIMIT);
        }
        if let Some(s) = get(FROM) {
            q.from_date = parse_obp_filter_date(s).ok_or(QueryError::DateFormat("from_date"))?;
        }
        if let Some(s) = get(TO) {
            q.to_date = parse_obp_filter_date(s).ok_or(QueryError::DateFormat("to_date"))?;
        }
        if q.from_date > q.to_date {
            return Err(QueryError::DateRange);
        }
        Ok(q)
    }
}

const NAMES: [&str; 5] = ["limit", "offset", "from_date", "to_date", "sort_direction"];
const LIMIT: usize = 0;
const OFFSET: usize = 1;
const FROM: usize = 2;
const TO: usize = 3;
const SORT: usize = 4;

/// Plain ASCII digits only (no sign, no spaces), like OBP's `toInt` on trimmed-free input.
fn parse_unsigned(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Parses a `from_date` / `to_date` filter as OBP's `APIUtil.parseObpStandardDate` does:
/// `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'` (`2020-01-01T00:00:00.000Z`, UTC) or the fallback
/// `yyyy-MM-dd'T'HH:mm:ss.SSSZ` whose zone is an RFC 822 offset `±HHMM`
/// (`2020-01-01T01:00:00.000+0100`, the same instant). A plain `yyyy-MM-dd`, a time without
/// milliseconds and every other form answer `None` (OBP-10026 for the caller).
pub fn parse_obp_filter_date(s: &str) -> Option<DateTime<Utc>> {
    let bytes = s.as_bytes();
    if s.len() == 24 && bytes.get(19) == Some(&b'.') {
        let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.3fZ").ok()?;
        return Some(Utc.from_utc_datetime(&naive));
    }
    let (time, offset) = (s.get(..23)?, s.get(23..)?);
    let (sign, hhmm) = match offset.as_bytes() {
        [b'+', rest @ ..] => (1, rest),
        [b'-', rest @ ..] => (-1, rest),
        _ => return None,
    };
    if bytes.get(19) != Some(&b'.') || hhmm.len() != 4 || !hhmm.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let naive = NaiveDateTime::parse_from_str(time, "%Y-%m-%dT%H:%M:%S%.3f").ok()?;
    let hours = i32::from(hhmm.first()? - b'0') * 10 + i32::from(hhmm.get(1)? - b'0');
    let minutes = i32::from(hhmm.get(2)? - b'0') * 10 + i32::from(hhmm.get(3)? - b'0');
    if minutes >= 60 {
        return None;
    }
    let offset = chrono::FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))?;
    naive
        .and_local_timezone(offset)
        .single()
        .map(|d| d.with_timezone(&Utc))
}

/// Parses a date in a request body: `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`, `yyyy-MM-dd'T'HH:mm:ss'Z'`
/// or `yyyy-MM-dd` (midnight UTC). Returns `None` for anything else. (Filters use the
/// stricter [`parse_obp_filter_date`].)
pub fn parse_obp_date(s: &str) -> Option<DateTime<Utc>> {
    let naive = if s.len() == 10 {
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .map(|d| d.and_time(NaiveTime::MIN))
    } else if s.len() == 24 && s.as_bytes().get(19) == Some(&b'.') {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.3fZ").ok()
    } else if s.len() == 20 {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%SZ").ok()
    } else {
        None
    }?;
    Some(Utc.from_utc_datetime(&naive))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> Result<OffsetLimitQuery, QueryError> {
        OffsetLimitQuery::from_pairs(pairs.iter().copied())
    }

    #[test]
    fn an_adapter_is_sent_now_as_the_upper_bound_only_when_none_was_given() {
        let now = Utc.with_ymd_and_hms(2026, 12, 3, 10, 0, 0).unwrap();
        assert_eq!(q(&[]).unwrap().to_date_or(now), now);
        let given = q(&[("to_date", "2020-01-01T00:00:00.000Z")]).unwrap();
        assert_eq!(
            given.to_date_or(now),
            Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap()
        );
    }

    #[test]
    fn defaults_when_nothing_given() {
        let d = q(&[("other", "x")]).unwrap();
        assert_eq!(d, OffsetLimitQuery::default());
        assert_eq!(d.limit, 50);
        assert_eq!(d.offset, 0);
        assert_eq!(d.sort, SortDirection::Desc);
        assert_eq!(d.from_date.timestamp(), 0);
        assert_eq!(
            d.to_date
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            "9999-12-31T23:59:59.999Z"
        );
    }

    #[test]
    fn reads_plain_and_prefixed_names() {
        let r = q(&[
            ("limit", "10"),
            ("offset", "20"),
            ("sort_direction", "asc"),
            ("from_date", "2020-01-01T00:00:00.000Z"),
            ("to_date", "2021-06-30T12:30:00.000Z"),
        ])
        .unwrap();
        assert_eq!((r.limit, r.offset, r.sort), (10, 20, SortDirection::Asc));
        assert_eq!(r.from_date.to_rfc3339(), "2020-01-01T00:00:00+00:00");
        assert_eq!(r.to_date.to_rfc3339(), "2021-06-30T12:30:00+00:00");

        let p = q(&[("limit", "5"), ("obp_limit", "7"), ("obp_limit", "9")]).unwrap();
        assert_eq!(p.limit, 7);
        let p = q(&[("obp_sort_direction", "ASC"), ("obp_offset", "3")]).unwrap();
        assert_eq!((p.sort, p.offset), (SortDirection::Asc, 3));
    }

    #[test]
    fn refuses_an_offset_past_the_signed_64_bit_range() {
        assert_eq!(
            q(&[("offset", "9223372036854775807")]).unwrap().offset,
            9_223_372_036_854_775_807
        );
        assert_eq!(
            q(&[("offset", "9223372036854775808")]).unwrap_err(),
            QueryError::Offset
        );
    }

    #[test]
    fn caps_limit_and_reads_obps_two_date_forms() {
        assert_eq!(q(&[("limit", "5000")]).unwrap().limit, MAX_LIMIT);
        assert_eq!(
            q(&[("limit", "9223372036854775807")]).unwrap().limit,
            MAX_LIMIT
        );
        assert_eq!(
            q(&[("limit", "9223372036854775808")]).unwrap_err(),
            QueryError::Limit
        );
        assert_eq!(
            q(&[("offset", "18446744073709551615")]).unwrap_err(),
            QueryError::Offset
        );
        assert_eq!(
            q(&[("limit", "99999999999999999999")]).unwrap_err(),
            QueryError::Limit
        );
        let r = q(&[("from_date", "2024-02-29T00:00:00.250Z")]).unwrap();
        assert_eq!(
            r.from_date
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            "2024-02-29T00:00:00.250Z"
        );
        let r = q(&[
            ("from_date", "2024-03-01T01:30:00.000+0130"),
            ("to_date", "2024-02-29T20:00:00.000-0400"),
        ])
        .unwrap();
        assert_eq!(r.from_date.to_rfc3339(), "2024-03-01T00:00:00+00:00");
        assert_eq!(r.to_date.to_rfc3339(), "2024-03-01T00:00:00+00:00");
    }

    #[test]
    fn maps_each_bad_value_to_its_code() {
        let cases: &[(&str, &str, ErrorCode)] = &[
            ("sort_direction", "UP", ErrorCode::FilterSortDirectionError),
            ("sort_direction", "", ErrorCode::FilterSortDirectionError),
            ("offset", "-1", ErrorCode::FilterOffersetError),
            ("offset", "x", ErrorCode::FilterOffersetError),
            ("offset", "", ErrorCode::FilterOffersetError),
            ("limit", "0", ErrorCode::FilterLimitError),
            ("limit", "+5", ErrorCode::FilterLimitError),
            ("limit", "1.5", ErrorCode::FilterLimitError),
            ("from_date", "2020-13-01", ErrorCode::FilterDateFormatError),
            // OBP refuses a plain date and a time without milliseconds in a filter.
            ("from_date", "2020-01-01", ErrorCode::FilterDateFormatError),
            (
                "to_date",
                "2020-01-01T00:00:00Z",
                ErrorCode::FilterDateFormatError,
            ),
            (
                "to_date",
                "2020-01-01T00:00:00.000+00:00",
                ErrorCode::FilterDateFormatError,
            ),
            (
                "to_date",
                "2020-01-01T00:00:00.000+0060",
                ErrorCode::FilterDateFormatError,
            ),
            (
                "to_date",
                "2020-01-01T00:00:00.000 0000",
                ErrorCode::FilterDateFormatError,
            ),
            (
                "to_date",
                "2020-01-01T00:00:00+0000",
                ErrorCode::FilterDateFormatError,
            ),
            (
                "from_date",
                "2020-02-30T00:00:00.000Z",
                ErrorCode::FilterDateFormatError,
            ),
            ("from_date", "yesterday", ErrorCode::FilterDateFormatError),
            (
                "to_date",
                "2020-01-01T00:00:00",
                ErrorCode::FilterDateFormatError,
            ),
            (
                "to_date",
                "2020-01-01T00:00:00.1Z",
                ErrorCode::FilterDateFormatError,
            ),
            (
                "obp_to_date",
                "2020-01-01 00:00:00Z",
                ErrorCode::FilterDateFormatError,
            ),
        ];
        for (k, v, code) in cases {
            assert_eq!(q(&[(k, v)]).unwrap_err().code(), *code, "{k}={v}");
        }
    }

    #[test]
    fn refuses_from_after_to() {
        let e = q(&[
            ("from_date", "2021-01-02T00:00:00.000Z"),
            ("to_date", "2021-01-01T00:00:00.000Z"),
        ])
        .unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidFilterParameterFormat);
        assert!(q(&[
            ("from_date", "2021-01-01T00:00:00.000Z"),
            ("to_date", "2021-01-01T00:00:00.000Z")
        ])
        .is_ok());
    }
}
