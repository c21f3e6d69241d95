//! Message docs for customers (all banks, updates), customer attributes, KYC, account and transaction attributes, account routings and counterparty deletion.

use serde_json::Value;

use crate::method::Method;

/// Example outbound and inbound messages and their schemas, when `method` is in this group.
pub(super) fn messages(_method: Method) -> Option<(Value, Value, Value, Value)> {
    None
}

/// The adapter-implementation group and order of `method`, when it is in this group.
pub(super) fn group(_method: Method) -> Option<(&'static str, u32)> {
    None
}
