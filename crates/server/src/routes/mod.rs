pub mod admin;
pub mod cases;
pub mod changes;
pub mod overview;
pub mod session;
pub mod trips;
