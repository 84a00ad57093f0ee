#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The HTTP API, through a real server on a free port (zero2prod's pattern).

mod admin;
mod admin_pages;
mod auth;
mod case_forms;
mod cases;
mod children;
mod crew;
mod disclosure;
mod errors;
mod gate;
mod hardening;
mod helpers;
mod language;
mod legal;
mod openapi;
mod pages;
mod regressions;
mod reports;
mod secrecy;
mod seed;
mod trips;
mod tripwork;
mod work;
