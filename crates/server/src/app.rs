//! The startable application (zero2prod's shape): build binds the port, so a
//! test can start it on port 0 and ask which port it got.

use crate::{
    guard::guard,
    openapi::ApiDoc,
    routes::{admin, cases, changes, overview, session, trips},
    state::{AppState, Clock},
};
use axum::{Json, Router, extract::DefaultBodyLimit, middleware, routing::get};
use opcentrum_access::{session::SessionPolicy, throttle::Throttle};
use opcentrum_store::Store;
use std::{net::SocketAddr, time::Duration};
use tokio::net::TcpListener;
use tower_http::{
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    timeout::TimeoutLayer,
    trace::TraceLayer,
};
use utoipa::OpenApi;
use utoipa_axum::{router::OpenApiRouter, routes};

/// How the application runs.
#[derive(Debug, Clone)]
pub struct Settings {
    pub bind: SocketAddr,
    pub secure_cookies: bool,
    pub sessions: SessionPolicy,
    pub throttle: Throttle,
    pub address_throttle: Throttle,
    /// The header a trusted proxy sets to the client's address (e.g.
    /// `x-real-ip`); without one, login throttling per address uses the peer.
    pub client_address_header: Option<axum::http::HeaderName>,
}

impl Settings {
    pub fn local(bind: SocketAddr) -> Settings {
        Settings {
            bind,
            secure_cookies: false,
            sessions: SessionPolicy::default(),
            throttle: Throttle::default(),
            address_throttle: Throttle::per_address(),
            client_address_header: None,
        }
    }
}

pub struct Application {
    listener: TcpListener,
    router: Router,
}

/// The API routes and the OpenAPI document, from one list of handlers.
pub fn api() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(cases::create_case, cases::list_cases))
        .routes(routes!(cases::get_case))
        .routes(routes!(cases::append_event))
        .routes(routes!(cases::list_pending))
        .routes(routes!(cases::approve_pending))
        .routes(routes!(cases::reject_pending))
        .routes(routes!(overview::actions))
        .routes(routes!(overview::stage_counts))
        .routes(routes!(overview::facilities))
        .routes(routes!(overview::inbox))
        .routes(routes!(overview::rules))
        .routes(routes!(overview::health))
        .routes(routes!(session::login))
        .routes(routes!(session::logout))
        .routes(routes!(session::me))
        .routes(routes!(admin::get_matrix, admin::put_matrix))
        .routes(routes!(admin::matrix_history))
        .routes(routes!(admin::matrix_diff))
        .routes(routes!(admin::list_users, admin::put_user))
        .routes(routes!(admin::issue_token))
        .routes(routes!(changes::list_changes))
        .routes(routes!(changes::approve_change))
        .routes(routes!(changes::reject_change))
        .routes(routes!(admin::audit_trail))
        .routes(routes!(admin::export))
        .routes(routes!(trips::list_offers, trips::put_offer))
        .routes(routes!(trips::roster, trips::put_escort))
        .routes(routes!(trips::propose, trips::list_proposals))
        .routes(routes!(trips::get_proposal))
        .routes(routes!(trips::preview))
        .routes(routes!(trips::approve))
        .routes(routes!(trips::reject))
        .routes(routes!(trips::replan))
        .routes(routes!(trips::manifest))
        .routes(routes!(trips::put_crew))
        .split_for_parts()
}

/// The whole router: API, OpenAPI document, pages; the guard in front of all.
pub fn router(state: AppState) -> Router {
    let (api, mut doc) = api();
    crate::openapi_errors::document_common_errors(&mut doc);
    let doc_json = serde_json::to_value(&doc).unwrap_or_default();
    let x_request_id = axum::http::HeaderName::from_static("x-request-id");
    api.route(
        "/api/openapi.json",
        get(move || async move { Json(doc_json) }),
    )
    .merge(crate::web::routes())
    .fallback(|| async { crate::problem::ApiError::not_found("no such route") })
    // The input policy runs after the guard, before every handler.
    .route_layer(middleware::from_fn_with_state(
        state.clone(),
        crate::input::input_policy,
    ))
    .route_layer(middleware::from_fn_with_state(state.clone(), guard))
    .layer(middleware::from_fn_with_state(
        crate::headers::Hsts(state.secure_cookies),
        crate::headers::security_headers,
    ))
    .with_state(state)
    .layer(DefaultBodyLimit::max(crate::json::MAX_BODY))
    .layer(TimeoutLayer::with_status_code(
        axum::http::StatusCode::REQUEST_TIMEOUT,
        Duration::from_secs(30),
    ))
    .layer(PropagateRequestIdLayer::new(x_request_id.clone()))
    .layer(TraceLayer::new_for_http())
    .layer(SetRequestIdLayer::new(x_request_id, MakeRequestUuid))
}

impl Application {
    pub async fn build(
        store: Store,
        clock: Clock,
        settings: Settings,
    ) -> std::io::Result<Application> {
        let app = opcentrum_app::App::open(store.clone(), clock.clone())
            .await
            .map_err(std::io::Error::other)?;
        let state = AppState {
            store: store.clone(),
            clock: clock.clone(),
            policy: app.policy_cell().clone(),
            app: app.clone(),
            sessions: settings.sessions,
            throttle: settings.throttle,
            address_throttle: settings.address_throttle,
            client_address_header: settings.client_address_header.clone(),
            secure_cookies: settings.secure_cookies,
            live: crate::live::Live::start(&store),
        };
        // Another server may store a new matrix version: pick it up.
        let refresher = app.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_secs(2)).await;
                if let Err(e) = refresher.refresh_policy().await {
                    tracing::warn!(error = %e, "reading the stored matrix failed");
                }
            }
        });
        // SQLite's write-ahead log is copied back on a timer, off the requests' path.
        let log = state.store.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_millis(500)).await;
                if log.is_closed() {
                    return;
                }
                if let Err(e) = log.checkpoint().await {
                    tracing::warn!(error = %e, "checkpoint failed");
                }
            }
        });
        // Re-plans after events that take planned persons off a trip.
        opcentrum_app::planning::spawn_replanner(app);
        let listener = TcpListener::bind(settings.bind).await?;
        Ok(Application {
            listener,
            router: router(state),
        })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        // The peer address reaches handlers (login throttling per address).
        axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown())
        .await
    }
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
