//! Publication: what changed between two versions of a catalogue (`motcua diff`), and the
//! annex of a publishing decision as gazette editors paste it into the decision (`motcua
//! annex`). Both read only the validated `Catalogue`.

pub mod annex;
pub mod diff;
pub mod docx;
pub mod source;
