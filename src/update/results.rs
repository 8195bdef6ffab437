//! What came of an effect the app ran, as a message: saved or not, the file
//! changed outside, the editor closed, the archive read, a report copied.

use chrono::NaiveDateTime;

use super::{EditorTarget, Effect, Msg, form, priorities};
use crate::state::{Message, State};

pub(super) fn apply(s: &mut State, msg: Msg, _now: NaiveDateTime) -> Vec<Effect> {
    match msg {
        Msg::Action(_) | Msg::Tick => {}
        Msg::Saved => s.dirty = false,
        Msg::SaveFailed(why) => s.error(format!(
            "could not save: {why} — the change is kept here and saved with the next one"
        )),
        Msg::SaveConflict { rescue, theirs } => match theirs {
            Ok(data) => {
                s.replace_data(data);
                s.error(format!(
                    "lane.toml was changed outside lane: loaded that version; your change is kept in {}",
                    rescue.display()
                ));
            }
            Err(e) => s.error(format!(
                "lane.toml was changed outside lane and does not load ({e}); your data is kept in {}",
                rescue.display()
            )),
        },
        Msg::FileChanged(theirs) => {
            let notice = match theirs {
                Ok(data) => {
                    s.replace_data(data);
                    Message {
                        text: "lane.toml was changed outside lane — reloaded it".into(),
                        error: false,
                    }
                }
                Err(e) => Message {
                    text: format!(
                        "lane.toml was changed outside lane and does not load ({e}); fix it — lane will not overwrite it"
                    ),
                    error: true,
                },
            };
            s.message = Some(notice.clone());
            s.outside_notice = Some(notice);
        }
        Msg::EditorClosed { target, text } => match target {
            EditorTarget::Progress(id) => priorities::progress_written(s, id, text),
            EditorTarget::Field => form::field_edited(s, text),
        },
        Msg::ArchiveLoaded(Ok(archive)) => s.archive = Some(archive),
        Msg::ArchiveLoaded(Err(why)) => s.error(format!("cannot read the archive: {why}")),
        Msg::Copied(Ok(said)) => s.info(said),
        Msg::Copied(Err(why)) => s.error(why),
    }
    Vec::new()
}
