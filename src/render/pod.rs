//! What connections add to a pod: the ServiceAccount it runs as, the Secrets it
//! takes as environment and the Key Vault CSI volumes it mounts. The sample
//! workload ([`super::workload`]) and the wiring of an existing one
//! ([`super::wire`]) are both built from it, for one connection or for several.

use crate::k8s::{CSI_MOUNT_PATH, CSI_VOLUME};
use crate::resolve::Resolved;

/// A Secret the pod takes as environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretEnv {
    /// The Secret's name.
    pub name: String,
    /// Its keys, in the order the Secret writes them (the wiring's `env` entries).
    pub keys: Vec<String>,
}

/// A Key Vault CSI volume and where it is mounted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsiMount {
    /// The pod's volume name.
    pub volume: String,
    /// Where each container mounts it.
    pub mount_path: String,
    /// The SecretProviderClass the volume reads.
    pub secret_provider_class: String,
}

/// What the connections add to a pod.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PodParts {
    /// The ServiceAccount for workload identity (with it, the pod carries the webhook's label).
    pub service_account: Option<String>,
    /// The Secrets, in `envFrom` order.
    pub secrets: Vec<SecretEnv>,
    /// The CSI volumes.
    pub csi: Vec<CsiMount>,
}

impl PodParts {
    /// What one connection adds: the sample's volume name and mount path for the CSI driver.
    pub fn of(r: &Resolved<'_>) -> Self {
        let mut parts = PodParts::default();
        parts.add(r, CSI_VOLUME, CSI_MOUNT_PATH);
        parts
    }

    /// What one connection adds to the sample workload, which takes its Secret whole
    /// (`envFrom`): [`PodParts::of`] without the Secret's keys, which only the wiring's
    /// `env` entries read.
    pub fn sample(r: &Resolved<'_>) -> Self {
        let mut parts = PodParts::default();
        parts.add_with(r, CSI_VOLUME, CSI_MOUNT_PATH, false);
        parts
    }

    /// Adds a connection; `volume` and `mount_path` are used for a `keyvault-csi` one.
    pub fn add(&mut self, r: &Resolved<'_>, volume: &str, mount_path: &str) {
        self.add_with(r, volume, mount_path, true);
    }

    /// [`PodParts::add`], with the Secret's keys when `keys`.
    fn add_with(&mut self, r: &Resolved<'_>, volume: &str, mount_path: &str, keys: bool) {
        if r.has_service_account() && self.service_account.is_none() {
            self.service_account = Some(r.names.service_account().to_owned());
        }
        if r.has_secret() {
            self.secrets.push(SecretEnv {
                name: r.names.secret().to_owned(),
                keys: if keys {
                    r.config.iter().map(|c| c.key.to_string()).collect()
                } else {
                    Vec::new()
                },
            });
        } else {
            self.csi.push(CsiMount {
                volume: volume.to_owned(),
                mount_path: mount_path.to_owned(),
                secret_provider_class: r.names.secret_provider_class().to_owned(),
            });
        }
    }
}
