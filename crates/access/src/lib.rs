//! Secrecy and audit, pure: who may do what (route permissions), who may read
//! which category of which agency's data (the sharing matrix, evaluated with
//! Cedar), the filtered views built from that, the hash-chained audit trail, and
//! the credentials (argon2id passwords, session tokens, CSRF, login throttling).

pub mod audit;
pub mod catalogue;
pub mod category;
pub mod checkpoint;
pub mod diff;
pub mod filter;
pub mod identity;
pub mod input;
pub mod matrix;
pub mod password;
pub mod permission;
pub mod policy;
pub mod seal;
pub mod session;
pub mod throttle;

pub use catalogue::{ActionRow, Catalogue};
pub use category::{CategoryOwners, FieldCategory};
pub use identity::{Principal, Role};
pub use permission::{Permission, allowed};
pub use policy::{Access, Policy, PolicyError};
