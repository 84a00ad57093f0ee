//! The OpenAPI document: built from the same handler list as the router
//! (utoipa-axum), so it matches the routes by construction.

use utoipa::{
    Modify, OpenApi,
    openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
};

#[derive(OpenApi)]
#[openapi(
    info(title = "opcentrum", description = "The shared operations centre of Migrationsverket, the Police and the Prison and Probation Service (NTE) for enforcing final refusal-of-entry and expulsion decisions."),
    modifiers(&Bearer),
    tags(
        (name = "cases", description = "The case chain: register, transition, read"),
        (name = "picture", description = "The shared operational picture"),
        (name = "rules", description = "The legal rule table"),
        (name = "session", description = "Login and logout"),
        (name = "secrecy", description = "The sharing matrix, users, the audit trail"),
        (name = "trips", description = "Trip offers, the NTE roster, the planner's proposals and their approval"),
        (name = "ops", description = "Operations"),
    )
)]
pub struct ApiDoc;

struct Bearer;

impl Modify for Bearer {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}
