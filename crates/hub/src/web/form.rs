//! A submitted form's fields, read from any body: a field missing (or a body that is
//! no form at all) reads as empty, so a form without its CSRF token is refused by
//! the token check, not by the body's shape.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};

/// The fields of a form.
#[derive(Debug, Default)]
pub struct Fields(Vec<(String, String)>);

impl Fields {
    /// The first value of a field; empty when missing.
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }
}

impl<S: Send + Sync> FromRequest<S> for Fields {
    type Rejection = axum::extract::rejection::BytesRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let body = Bytes::from_request(request, state).await?;
        Ok(Self(form_urlencoded::parse(&body).into_owned().collect()))
    }
}
