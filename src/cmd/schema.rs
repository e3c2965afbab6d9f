//! `motcua schema`: print or write the JSON Schemas generated from the catalogue types.

use std::path::Path;

use super::{EXIT_OK, EXIT_USAGE};
use crate::catalogue::schema::{json_schema_text, FileKind};

/// Prints the schema of `kind` to stdout, or writes every schema into `dir`.
pub fn run(kind: FileKind, dir: Option<&Path>) -> i32 {
    match dir {
        None => {
            print!("{}", json_schema_text(kind));
            EXIT_OK
        }
        Some(dir) => match write_all(dir) {
            Ok(()) => EXIT_OK,
            Err(e) => {
                eprintln!("error: không ghi được schema vào `{}`: {e}", dir.display());
                EXIT_USAGE
            }
        },
    }
}

/// Writes the schema of every catalogue file as `<kind>.schema.json` into `dir` (what an
/// editor needs beside a catalogue).
pub fn write_inputs(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for kind in FileKind::ALL {
        std::fs::write(dir.join(kind.schema_file_name()), json_schema_text(kind))?;
    }
    Ok(())
}

/// Writes every schema into `dir`: the catalogue files' and those of the open data.
pub fn write_all(dir: &Path) -> std::io::Result<()> {
    write_inputs(dir)?;
    // The published open-data format, documented by the same mechanism.
    for (name, text) in crate::export::schemas() {
        std::fs::write(dir.join(name), text)?;
    }
    Ok(())
}
