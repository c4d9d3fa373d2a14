//! Cuts a scripted ACS transcript into the scenes of a device's story, for
//! the printed exchange; shared by the gateway examples (`#[path]`-included,
//! so cargo does not take this directory for an example).

use std::ops::Range;

use cwmp_model::runtime::rpc::ScriptedAcs;

/// A part of the story: a heading, the transcript messages it covers, and
/// what happened off the wire before and after them.
#[derive(Clone, Debug, Default)]
pub struct Scene {
    /// The heading.
    pub title: String,
    /// What happened on the device or the network before the messages.
    pub before: Vec<String>,
    /// Its messages in the ACS transcript.
    pub messages: Range<usize>,
    /// What happened after them.
    pub after: Vec<String>,
}

/// Cuts the transcript into scenes as the story goes.
#[derive(Default)]
pub struct Scenes(Vec<Scene>);

impl Scenes {
    /// Starts a scene at the transcript's current end (closing the last).
    pub fn begin(&mut self, acs: &ScriptedAcs, title: &str) {
        self.end(acs);
        let at = acs.transcript().len();
        self.0.push(Scene {
            title: title.to_owned(),
            messages: at..at,
            ..Scene::default()
        });
    }

    /// Notes what happened off the wire before the scene's messages.
    pub fn before(&mut self, text: impl Into<String>) {
        if let Some(scene) = self.0.last_mut() {
            scene.before.push(text.into());
        }
    }

    /// Notes what happened off the wire after them.
    pub fn after(&mut self, text: impl Into<String>) {
        if let Some(scene) = self.0.last_mut() {
            scene.after.push(text.into());
        }
    }

    /// Closes the current scene at the transcript's current end.
    pub fn end(&mut self, acs: &ScriptedAcs) {
        if let Some(scene) = self.0.last_mut() {
            scene.messages.end = acs.transcript().len();
        }
    }

    /// The scenes, in order.
    pub fn into_vec(self) -> Vec<Scene> {
        self.0
    }
}
