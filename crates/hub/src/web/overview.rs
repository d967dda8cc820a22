//! `/overview`: every location the user may see.

use super::CurrentUser;
use super::WebState;
use super::pages::{Chrome, WebError, render};
use crate::db::Location;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

#[derive(Template)]
#[template(path = "web/overview.html")]
struct OverviewPage {
    chrome: Chrome,
    locations: Vec<Location>,
}

/// The locations a user may see, in the database's order.
pub async fn visible_locations(
    state: &WebState,
    user: &CurrentUser,
) -> Result<Vec<Location>, WebError> {
    let all = state
        .db
        .locations()
        .await
        .map_err(|e| WebError::internal(user.lang, "cannot read the locations", &e))?;
    Ok(all
        .into_iter()
        .filter(|l| user.logged_in.user.may_see(&l.id))
        .collect())
}

/// `GET /overview`.
pub async fn page(State(state): State<WebState>, user: CurrentUser) -> Result<Response, WebError> {
    let locations = visible_locations(&state, &user).await?;
    let chrome = Chrome::for_user(user.lang, "overview-title", &user.logged_in);
    Ok(render(StatusCode::OK, &OverviewPage { chrome, locations }))
}
