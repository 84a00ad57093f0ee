//! The case page's parts: each catalogue action as a form (`form`), posting
//! it through the gate (`actions`), registering a new case (`register`), and
//! the page's summaries (`summary`). The page itself is `web::cases`.

pub mod actions;
pub mod form;
pub mod register;
pub mod summary;
