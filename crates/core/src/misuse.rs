//! Toddler-proofing: a burst of ratings without identification in between.

/// Counts ratings since the guardian last identified themselves.
///
/// One identification allows one rating and one correction of it ("toch een ander
/// gezichtje"); every further rating before the next identification is a burst and is
/// flagged as misuse: stored, never counted.
#[derive(Clone, Debug, Default)]
pub struct BurstGuard {
    ratings_since_identification: u32,
}

impl BurstGuard {
    /// Ratings allowed per identification before further ones count as misuse.
    pub const ALLOWED_PER_IDENTIFICATION: u32 = 2;

    /// A guardian has just identified (PIN, badge or name).
    pub fn on_identified(&mut self) {
        self.ratings_since_identification = 0;
    }

    /// A rating is being recorded; returns whether it is misuse.
    pub fn on_rating(&mut self) -> bool {
        self.ratings_since_identification += 1;
        self.ratings_since_identification > Self::ALLOWED_PER_IDENTIFICATION
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_without_identification_is_misuse() {
        let mut guard = BurstGuard::default();
        guard.on_identified();
        assert!(!guard.on_rating());
        assert!(!guard.on_rating());
        assert!(guard.on_rating());
        assert!(guard.on_rating());
        guard.on_identified();
        assert!(!guard.on_rating());
    }
}
