//! [`LabDevice`]: a device that records its hooks, keeps a settable
//! clock, and can be told to misbehave.

use cwmp_model_runtime::engine::{Fault, SetFault, Tree};
use cwmp_model_runtime::rpc::{Applied, Device, ParamRead, ReadFault, TransferId, TransferStart};
use cwmp_model_runtime::soap::Download;
use cwmp_model_runtime::value::{DateTime, Value, Writer};

/// The time the lab clock starts at: 2024-05-01T12:00:00Z.
pub const T0: i64 = 1_714_564_800;

/// A device that records its hooks and can be told to misbehave.
#[derive(Debug, Default)]
pub struct LabDevice {
    /// Seconds since [`T0`].
    pub clock: i64,
    pub uptime: u32,
    pub temperature_broken: bool,
    pub veto_manual: bool,
    pub apply_later: bool,
    pub refreshed: Vec<String>,
    /// When the device refreshes the path, it adds an instance to each
    /// table path and deletes each instance path of the list, in order.
    pub reshape_on_read: Option<(String, Vec<String>)>,
    pub added: Vec<(String, u32)>,
    pub deleted: Vec<String>,
    pub reboots: u32,
    pub resets: u32,
    pub downloads: Vec<TransferId>,
    pub informs: Vec<(u32, String)>,
}

impl Device for LabDevice {
    fn now(&self) -> DateTime {
        DateTime::from_unix(T0 + self.clock)
    }

    fn refresh(&mut self, tree: &mut Tree, reads: &[ParamRead]) -> Result<(), ReadFault> {
        for read in reads {
            self.refreshed.push(read.path.clone());
            if let Some((on, targets)) = &self.reshape_on_read {
                for target in targets.iter().filter(|_| *on == read.path) {
                    let instance = target
                        .trim_end_matches('.')
                        .ends_with(|c: char| c.is_ascii_digit());
                    let reshaped = if instance {
                        tree.delete_object(target, Writer::Device, None).map(|()| 0)
                    } else {
                        tree.add_object(target, Writer::Device, None)
                    };
                    reshaped.map_err(|fault| ReadFault {
                        path: read.path.clone(),
                        fault,
                    })?;
                }
            }
            if read.path == "Device.DeviceInfo.UpTime" {
                self.uptime += 1;
                let value = Value::UnsignedInt(self.uptime);
                tree.set_value_as_device(&read.path, value)
                    .map_err(|fault| ReadFault {
                        path: read.path.clone(),
                        fault,
                    })?;
            }
            if read.path == "Device.DeviceInfo.Temperature" && self.temperature_broken {
                return Err(ReadFault {
                    path: read.path.clone(),
                    fault: Fault::new(9002, "sensor offline"),
                });
            }
        }
        Ok(())
    }

    fn check_set(&mut self, _tree: &Tree, batch: &[(String, String)]) -> Result<(), SetFault> {
        let refused: Vec<(String, Fault)> = batch
            .iter()
            .filter(|(n, v)| self.veto_manual && n == "Device.DeviceInfo.Mode" && v == "Manual")
            .map(|(n, _)| (n.clone(), Fault::new(9007, "Manual mode needs a licence")))
            .collect();
        if refused.is_empty() {
            Ok(())
        } else {
            Err(SetFault { faults: refused })
        }
    }

    fn commit_set(&mut self, _tree: &mut Tree, _changed: &[String]) -> Applied {
        if self.apply_later {
            Applied::Later
        } else {
            Applied::Now
        }
    }

    fn object_added(&mut self, _tree: &mut Tree, path: &str, instance: u32) -> Applied {
        self.added.push((path.to_owned(), instance));
        Applied::Now
    }

    fn object_deleted(&mut self, _tree: &mut Tree, path: &str) -> Applied {
        self.deleted.push(path.to_owned());
        Applied::Later
    }

    fn reboot(&mut self, _tree: &mut Tree) {
        self.reboots += 1;
    }

    fn factory_reset(&mut self, _tree: &mut Tree) {
        self.resets += 1;
    }

    fn download(
        &mut self,
        _tree: &mut Tree,
        id: TransferId,
        request: &Download,
    ) -> Result<TransferStart, Fault> {
        cwmp_model_runtime::rpc::check_transfer_url(&request.url)?;
        if request.url.contains("instant") {
            return Ok(TransferStart::Completed {
                start: self.now(),
                complete: DateTime::from_unix(T0 + self.clock + 5),
            });
        }
        self.downloads.push(id);
        Ok(TransferStart::Queued)
    }

    fn schedule_inform(
        &mut self,
        _tree: &mut Tree,
        delay_seconds: u32,
        command_key: &str,
    ) -> Result<(), Fault> {
        self.informs.push((delay_seconds, command_key.to_owned()));
        Ok(())
    }
}
