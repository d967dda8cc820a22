//! The manager's PIN: chosen twice on a fresh set-up, typed once to resume one.

use super::{PinStage, Setup, SetupNotice, Step, progress};
use crate::kiosk::Kiosk;
use welkom_store::{PinPad, StaffRole};

impl Setup {
    pub(super) fn pin_entered(&mut self, kiosk: &mut Kiosk) {
        let pin = std::mem::take(&mut self.pin);
        match self.pin_stage {
            PinStage::First => {
                // The same rules as `welkom staff add --pin`.
                if !welkom_core::pin::is_well_formed(&pin) {
                    self.notice = Some(SetupNotice::PinLength);
                } else if welkom_core::pin::is_trivial(&pin) {
                    self.notice = Some(SetupNotice::PinWeak);
                } else {
                    self.notice = None;
                    self.first_pin = pin;
                    self.pin_stage = PinStage::Second;
                }
            }
            PinStage::Second => {
                if pin != self.first_pin {
                    self.notice = Some(SetupNotice::PinsDiffer);
                    return;
                }
                if let Err(e) = progress::begin(&self.data_dir) {
                    tracing::error!(error = %e, "set-up: its progress could not be noted");
                    self.notice = Some(SetupNotice::SaveFailed(e.to_string()));
                    return;
                }
                let name = crate::i18n::Texts::load(&self.language)
                    .map(|t| t.plain(&self.language, "setup-manager-name"))
                    .unwrap_or_else(|_| "Manager".into());
                let now = kiosk.now();
                match kiosk.store.add_staff(&name, StaffRole::Manager, &pin, now) {
                    Ok(_) => {
                        tracing::info!("set-up: the first manager was added");
                        self.first_pin.clear();
                        self.notice = None;
                        self.step = Step::Choice;
                    }
                    Err(e) => {
                        tracing::error!(error = %e, "set-up: the manager could not be added");
                        self.notice = Some(SetupNotice::SaveFailed(e.to_string()));
                        self.pin_stage = PinStage::First;
                        self.first_pin.clear();
                    }
                }
            }
        }
    }

    /// Resuming: the manager's PIN, checked against the store's staff with the staff
    /// pad's budget (kept in the store, so a restart does not refill it).
    pub(super) fn unlock(&mut self, kiosk: &mut Kiosk) {
        let now = kiosk.now();
        if self.unlock.remaining(now).is_some() {
            self.pin.clear();
            return;
        }
        let pin = std::mem::take(&mut self.pin);
        let credentials = kiosk.store.staff_credentials().unwrap_or_else(|e| {
            tracing::error!(error = %e, "reading staff PINs failed");
            Vec::new()
        });
        match welkom_store::verify_staff_pin(&credentials, &pin) {
            Some(found) if found.member.role == StaffRole::Manager => {
                tracing::info!("set-up: resumed by the manager");
                self.notice = None;
                self.step = Step::Choice;
            }
            _ => {
                tracing::info!("set-up: a PIN to resume was not recognised");
                self.notice = Some(SetupNotice::PinNotRecognised);
                if self.unlock.on_unknown(&pin, now)
                    && let Err(e) = kiosk
                        .store
                        .save_throttle_state(PinPad::Staff, self.unlock.state())
                {
                    tracing::error!(error = %e, "storing the staff PIN budget failed");
                }
            }
        }
    }
}
