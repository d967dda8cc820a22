//! PINs of a roster imported at the hub: issued once per location, so that one PIN
//! works on every kiosk of it, and served only as verifiers (argon2id under the
//! location's key, see `welkom_core::pin_verifier`).

use super::DbError;
use std::collections::{HashMap, HashSet};
use welkom_core::LanguageTag;
use welkom_core::pin_verifier::PinKey;
use welkom_core::roster::Roster;

/// The length of the PINs the hub issues.
pub const ISSUED_PIN_LENGTH: usize = 5;

/// A PIN the hub issued, to be handed to the guardian once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuedPin {
    /// Who it is for.
    pub guardian_id: String,
    /// Their first name.
    pub first_name: String,
    /// Their last name.
    pub last_name: String,
    /// The PIN in clear; the hub keeps only its verifier.
    pub pin: String,
}

/// What importing a roster at the hub came to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportedRoster {
    /// The ETag of the roster the kiosks will get.
    pub etag: String,
    /// Guardians in the roster.
    pub guardians: usize,
    /// Guardians whose PIN the file gave.
    pub pins_given: usize,
    /// Guardians who kept the PIN the hub issued before.
    pub pins_kept: usize,
    /// PINs issued now, in clear this once.
    pub issued: Vec<IssuedPin>,
}

/// Gives every guardian a verifier and returns the roster as served (no `pin`
/// column) with what was done. `previous` is the roster served so far: a guardian
/// without a PIN in the file keeps the verifier they had there.
pub(super) fn with_verifiers(
    mut roster: Roster,
    key: &PinKey,
    previous: Option<&[u8]>,
) -> Result<(Vec<u8>, ImportedRoster), DbError> {
    let verifier = |pin: &str| {
        key.verifier(pin)
            .map_err(|e| DbError::Corrupt(format!("hashing a PIN: {e}")))
    };
    let before = previous_verifiers(previous, key);
    let mut imported = ImportedRoster {
        guardians: roster.guardians.len(),
        ..ImportedRoster::default()
    };
    let mut taken = HashSet::new();
    for entry in &mut roster.guardians {
        if let Some(pin) = entry.pin.take() {
            let v = verifier(&pin)?;
            taken.insert(v.clone());
            entry.pin_hash = Some(v);
            imported.pins_given += 1;
        }
    }
    let mut without = Vec::new();
    for (i, entry) in roster.guardians.iter_mut().enumerate() {
        if entry.pin_hash.is_some() {
            continue;
        }
        match before.get(&entry.guardian.id.0) {
            // Unless the file gave their PIN to someone else now.
            Some(v) if !taken.contains(v) => {
                taken.insert(v.clone());
                entry.pin_hash = Some(v.clone());
                imported.pins_kept += 1;
            }
            _ => without.push(i),
        }
    }
    let mut rng = rand::rng();
    for i in without {
        let Some(entry) = roster.guardians.get_mut(i) else {
            continue;
        };
        let pin = welkom_core::pin::issue(&mut rng, ISSUED_PIN_LENGTH, |pin| {
            verifier(pin).map_or(true, |v| taken.contains(&v))
        })
        .ok_or_else(|| {
            DbError::Invalid(format!(
                "no free PIN of {ISSUED_PIN_LENGTH} digits is left for this location"
            ))
        })?;
        let v = verifier(&pin)?;
        taken.insert(v.clone());
        entry.pin_hash = Some(v);
        imported.issued.push(IssuedPin {
            guardian_id: entry.guardian.id.0.clone(),
            first_name: entry.guardian.first_name.clone(),
            last_name: entry.guardian.last_name.clone(),
            pin,
        });
    }
    Ok((welkom_core::roster::write(&roster), imported))
}

/// The verifiers of the roster served so far, by guardian, if made with this key.
fn previous_verifiers(previous: Option<&[u8]>, key: &PinKey) -> HashMap<String, String> {
    let Some(roster) =
        previous.and_then(|csv| welkom_core::roster::parse(csv, &LanguageTag::dutch()).ok())
    else {
        return HashMap::new();
    };
    roster
        .guardians
        .into_iter()
        .filter_map(|g| {
            let v = g.pin_hash?;
            (PinKey::of_verifier(&v).ok().as_ref() == Some(key)).then_some((g.guardian.id.0, v))
        })
        .collect()
}
