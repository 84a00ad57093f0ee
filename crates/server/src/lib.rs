//! opcentrum's HTTP edge: the JSON API with its OpenAPI document and, later, the
//! pages. The only crate that knows about requests, responses and status codes.

pub mod app;
pub mod audit;
pub mod auth;
pub mod dto;
pub mod guard;
pub mod headers;
pub mod input;
pub mod json;
pub mod live;
pub mod openapi;
pub mod openapi_errors;
pub mod permissions;
pub mod problem;
pub mod routes;
pub mod state;
pub mod web;

pub use app::{Application, Settings, router};
pub use axum::http::HeaderName;
pub use state::{AppState, Clock};
