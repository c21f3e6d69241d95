//! The example adapter's answers for banks (create/update, attributes), branches, ATMs, products (with attributes) and physical cards.

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
