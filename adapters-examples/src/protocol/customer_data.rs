//! The example adapter's answers for customers (all banks, updates), customer attributes, KYC, account and transaction attributes, account routings and counterparty deletion.

use super::Answer;
use crate::core::CoreData;

/// The answer to `method`, or `None` when the method is not in this group.
pub(super) fn answer(
    _core: &mut CoreData,
    _method: &str,
    _body: &[u8],
) -> Option<Result<Answer, Answer>> {
    None
}
