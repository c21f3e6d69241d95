//! sea-orm entities of the mapped connector's tables.

pub mod bank;
