pub mod admin;
pub mod cases;
pub mod overview;
pub mod session;
pub mod trips;
