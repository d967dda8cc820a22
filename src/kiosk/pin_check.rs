//! A guardian's PIN that the hub issued is found through one argon2id run per hub
//! key, tens of milliseconds each: those runs happen on a thread of their own, which
//! wakes the screen when done, and the screen never waits on them. The kiosk's own
//! PINs (and every PIN when no guardian holds one from the hub) are found at once.

use super::{Kiosk, Notice, Screen, Welcome};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use welkom_core::pin_verifier::PinKey;
use welkom_store::{PinPad, StoreError, hub_pin_verifiers};

/// The verifiers of a typed PIN being computed on their own thread.
pub(super) struct GuardianPinCheck {
    result: Receiver<Result<Vec<String>, StoreError>>,
    /// The PIN checked, held until the answer comes (it is charged to the budget if
    /// it matches nobody).
    pin: String,
}

impl Kiosk {
    /// Whether a guardian's PIN is being checked (the screen is woken when done).
    pub fn guardian_checking(&self) -> bool {
        self.pin_check.is_some()
    }

    /// Whether some guardian holds a PIN the hub issued (then a PIN is checked off
    /// the screen's thread).
    pub(super) fn has_hub_pins(&self) -> bool {
        self.store.has_hub_pin_keys().unwrap_or_else(|e| {
            tracing::error!(error = %e, "reading the hub's PIN keys failed");
            false
        })
    }

    /// Starts computing the verifiers of a typed PIN under the hub keys off the
    /// screen's thread; the welcome screen shows that it is checking. Returns false
    /// when the thread could not start (the PIN is then looked up here).
    pub(super) fn start_pin_check(&mut self, pin: String, keys: Vec<PinKey>) -> bool {
        let (send, result) = mpsc::channel();
        let waker = self.waker.clone();
        let typed = pin.clone();
        let spawned = std::thread::Builder::new()
            .name("welkom-guardian-pin".into())
            .spawn(move || {
                let _ = send.send(hub_pin_verifiers(&keys, &typed));
                if let Some(wake) = waker {
                    wake();
                }
            });
        match spawned {
            Ok(_) => {
                self.pin_check = Some(GuardianPinCheck { result, pin });
                self.screen = Screen::Welcome(Welcome {
                    checking: true,
                    ..Welcome::default()
                });
                true
            }
            Err(e) => {
                tracing::error!(error = %e, "could not start checking a PIN");
                false
            }
        }
    }

    /// Takes the answer of a running guardian PIN check, if it has come.
    pub(super) fn poll_pin_check(&mut self) {
        let Some(check) = &self.pin_check else {
            return;
        };
        let verifiers = match check.result.try_recv() {
            Ok(Ok(verifiers)) => verifiers,
            Ok(Err(e)) => {
                tracing::error!(error = %e, "checking a PIN failed");
                Vec::new()
            }
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => {
                tracing::error!("checking a PIN stopped without an answer");
                Vec::new()
            }
        };
        let pin = std::mem::take(&mut self.pin_check)
            .map(|c| c.pin)
            .unwrap_or_default();
        let found = self
            .store
            .guardian_by_verifiers(&verifiers)
            .unwrap_or_else(|e| {
                tracing::error!(error = %e, "looking up a PIN failed");
                None
            });
        let waiting = matches!(&self.screen, Screen::Welcome(w) if w.checking);
        match found {
            // A right PIN neither costs nor gives back a try. When the screen moved
            // on meanwhile (a badge, the staff button), whoever is there now stays.
            Some(id) if waiting => self.identified(&id),
            Some(_) => {}
            None => {
                // A wrong PIN costs its try even when the screen moved on.
                if self.throttle.on_unknown(&pin, self.now()) {
                    self.save_throttle(PinPad::Guardian);
                }
                tracing::info!("a PIN was not recognised");
                if waiting {
                    self.screen = Screen::Welcome(Welcome::with_notice(Notice::CodeNotRecognised));
                }
            }
        }
    }
}
