//! The links between a location's pages (`templates/web/location_nav.html`): its
//! numbers, follow-ups, devices and export. A page includes the partial with a
//! field `nav` of this type.

use crate::web::Tr;

/// One link.
pub struct NavLink {
    /// Where it goes.
    pub href: String,
    /// Its text.
    pub label: String,
    /// Whether it is the page shown.
    pub current: bool,
}

/// The links of one location, one marked as the page shown.
pub struct LocationNav {
    /// The name of the navigation, for screen readers.
    pub label: String,
    /// The links.
    pub links: Vec<NavLink>,
}

impl LocationNav {
    /// The links of location `id`; `current` is the page shown: `""` (the location
    /// page), `"follow-ups"`, `"devices"` or `"export"`.
    pub fn new(tr: &Tr, id: &str, current: &str) -> Self {
        let links = [
            ("", "location-nav-numbers"),
            ("follow-ups", "location-nav-follow-ups"),
            ("devices", "location-nav-devices"),
            ("export", "location-nav-export"),
        ]
        .into_iter()
        .map(|(page, key)| NavLink {
            href: if page.is_empty() {
                format!("/locations/{id}")
            } else {
                format!("/locations/{id}/{page}")
            },
            label: tr.get(key),
            current: page == current,
        })
        .collect();
        Self {
            label: tr.get("location-nav"),
            links,
        }
    }
}
