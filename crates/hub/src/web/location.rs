//! One location's page (`location/page.rs`: Today, trend charts, heat map, per group)
//! and [`VisibleLocation`]: the guard every page of a location goes through.

mod chart;
mod heat;
mod nav;
mod page;
mod today;
mod trend;

pub use nav::LocationNav;
pub use page::{Figures, figures, page};
pub use trend::Period;

use super::pages::{Chrome, WebError};
use super::{CurrentUser, WebState};
use crate::db::Location;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use std::collections::HashMap;

/// The location named by `{id}` in the path, when the logged-in user may see it.
/// A location they may not see and one that does not exist both answer 404 with the
/// same page, so nobody learns which locations exist. Use it in every handler under
/// `/locations/{id}/…`.
#[derive(Clone, Debug)]
pub struct VisibleLocation {
    /// The location.
    pub location: Location,
    /// Who asks.
    pub user: CurrentUser,
}

impl FromRequestParts<WebState> for VisibleLocation {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &WebState) -> Result<Self, WebError> {
        let user = CurrentUser::from_request_parts(parts, state).await?;
        let not_found = || {
            WebError::NotFound(Chrome::for_user(
                user.lang,
                "error-not-found-title",
                &user.logged_in,
            ))
        };
        let Ok(Path(params)) =
            Path::<HashMap<String, String>>::from_request_parts(parts, state).await
        else {
            return Err(not_found());
        };
        let Some(id) = params.get("id") else {
            return Err(not_found());
        };
        if !user.logged_in.user.may_see(id) {
            return Err(not_found());
        }
        match state.db.location(id).await {
            Ok(Some(location)) => Ok(Self { location, user }),
            Ok(None) => Err(not_found()),
            Err(e) => Err(WebError::internal(user.lang, "cannot read a location", &e)),
        }
    }
}
