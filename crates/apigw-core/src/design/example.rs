//! Example designs to start from.

use crate::model::Design;

/// The PetStore example (HTTP and MOCK integrations, CORS preflight methods, models).
pub fn petstore() -> Design {
    crate::document::design_from_str(include_str!("../../../../fixtures/designs/petstore.json"))
        .unwrap_or_else(|_| Design::named("PetStore"))
}
