//! Pairing with the hub on a worker thread, and what its answer writes.

use super::{HubProblem, Setup, SetupNotice, Step, hub};
use crate::config;
use crate::kiosk::Kiosk;
use std::sync::mpsc::{self, TryRecvError};

impl Setup {
    pub(super) fn start_pairing(&mut self, kiosk: &Kiosk) {
        if self.step != Step::Hub || self.pairing.is_some() {
            return;
        }
        let address = self.hub.address.trim().to_owned();
        let code = self.hub.code.trim().to_owned();
        if code.is_empty() || address.is_empty() || address == "https://" {
            self.notice = Some(SetupNotice::HubFieldsEmpty);
            return;
        }
        // A file that would refuse the pairing's result must not cost the code.
        let file = self.data_dir.join(config::FILE_NAME);
        if let Err(e) = hub::check(&file, &address) {
            tracing::error!(error = %e, "set-up: welkom.toml would not take a pairing");
            self.notice = Some(SetupNotice::SaveFailed(e.to_string()));
            return;
        }
        self.notice = None;
        let device_name = kiosk.config.location.name.clone();
        let waker = self.waker.clone();
        let ca_file = self.hub.ca_file.clone();
        self.pairing_ca = ca_file.clone();
        let (send, result) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("welkom-setup-pair".into())
            .spawn(move || {
                let _ = send.send(hub::pair(&address, &code, &device_name, ca_file.as_deref()));
                if let Some(wake) = waker {
                    wake();
                }
            });
        match spawned {
            Ok(_) => {
                self.pairing = Some(result);
                self.hub.pairing = true;
                self.hub.problem = None;
            }
            Err(e) => {
                tracing::error!(error = %e, "set-up: could not start pairing");
                self.hub.problem = Some(HubProblem::Other);
            }
        }
    }

    pub(super) fn poll_pairing(&mut self, kiosk: &mut Kiosk) {
        let Some(pairing) = &self.pairing else {
            return;
        };
        let answer = match pairing.try_recv() {
            Ok(answer) => answer,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => Err(HubProblem::Other),
        };
        self.pairing = None;
        self.hub.pairing = false;
        match answer {
            Ok(paired) => {
                let file = self.data_dir.join(config::FILE_NAME);
                // The stick goes away: the CA used is kept in the data directory.
                let kept = match self.pairing_ca.take() {
                    None => None,
                    Some(chosen) => match hub::keep_ca_file(&chosen, &self.data_dir) {
                        Ok(kept) => Some(kept),
                        Err(e) => {
                            tracing::error!(error = %e, "set-up: the CA file could not be kept");
                            self.notice = Some(SetupNotice::SaveFailed(e.to_string()));
                            return;
                        }
                    },
                };
                match hub::save(&file, &paired, kept.as_deref()) {
                    Ok(saved) => {
                        tracing::info!("set-up: paired with the hub");
                        kiosk.config = saved;
                        self.paired = Some(paired.location_name.clone());
                        self.hub.code.clear();
                        self.hub.problem = None;
                        // The roster comes from the hub: start sending and fetching now.
                        if crate::upstream::start(kiosk).is_none() {
                            tracing::warn!("set-up: the sync thread starts at the next start");
                        }
                    }
                    Err(e) => {
                        tracing::error!(error = %e, "set-up: the hub's settings could not be saved");
                        self.notice = Some(SetupNotice::SaveFailed(e.to_string()));
                    }
                }
            }
            Err(problem) => {
                self.pairing_ca = None;
                tracing::info!(problem = ?problem, "set-up: pairing failed");
                self.hub.problem = Some(problem);
            }
        }
    }
}
