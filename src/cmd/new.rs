//! `motcua new procedure`: scaffold a procedure file with every field present and commented.

use std::path::{Path, PathBuf};

use super::{EXIT_DATA, EXIT_OK, EXIT_USAGE};
use crate::catalogue::raw::SectorsFile;

/// The scaffold; `{{code}}`, `{{name}}`, `{{sector}}` and `{{today}}` are filled in.
const PROCEDURE_TEMPLATE: &str = include_str!("templates/new-procedure.yaml");

/// Why a scaffold was not written.
#[derive(Debug, thiserror::Error)]
pub enum NewError {
    /// The code is not `d.dddddd`.
    #[error("mã thủ tục `{0}` không đúng dạng d.dddddd (ví dụ 1.001193)")]
    BadCode(String),
    /// No such sector in sectors.yaml.
    #[error("không có lĩnh vực `{0}` trong sectors.yaml (có: {1})")]
    UnknownSector(String, String),
    /// sectors.yaml is missing or unreadable.
    #[error("không đọc được `{0}`: {1}")]
    Sectors(PathBuf, String),
    /// The file exists already.
    #[error("`{0}` đã có; motcua không ghi đè thủ tục đang có")]
    Exists(PathBuf),
    /// Writing failed.
    #[error("không ghi được `{0}`: {1}")]
    Io(PathBuf, std::io::Error),
}

/// True for a national-database procedure code such as `1.001193`.
pub fn valid_code(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 8 && b[0].is_ascii_digit() && b[1] == b'.' && b[2..].iter().all(u8::is_ascii_digit)
}

/// Writes `procedures/<sector>/<code>.yaml` under `root`; returns its path.
pub fn write_procedure(
    root: &Path,
    code: &str,
    sector: &str,
    name: Option<&str>,
) -> Result<PathBuf, NewError> {
    if !valid_code(code) {
        return Err(NewError::BadCode(code.to_string()));
    }
    let sectors_path = root.join("sectors.yaml");
    let text = std::fs::read_to_string(&sectors_path)
        .map_err(|e| NewError::Sectors(sectors_path.clone(), e.to_string()))?;
    let sectors: SectorsFile = serde_yaml::from_str(&text)
        .map_err(|e| NewError::Sectors(sectors_path.clone(), e.to_string()))?;
    if !sectors.sectors.iter().any(|s| s.id == sector) {
        let known = sectors
            .sectors
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        return Err(NewError::UnknownSector(sector.to_string(), known));
    }
    let dir = root.join("procedures").join(sector);
    let path = dir.join(format!("{code}.yaml"));
    std::fs::create_dir_all(&dir).map_err(|e| NewError::Io(dir.clone(), e))?;
    let today = crate::catalogue::validate::today()
        .format("%Y-%m-%d")
        .to_string();
    // The modeline points at the schema where it is: in the catalogue (as `init` makes it) or
    // beside it (as in the motcua repository).
    let schema = if !root.join("schema").is_dir() && root.join("../schema").is_dir() {
        "../../../schema/procedure.schema.json"
    } else {
        "../../schema/procedure.schema.json"
    };
    let body = PROCEDURE_TEMPLATE
        .replacen("../../schema/procedure.schema.json", schema, 1)
        .replace("{{code}}", code)
        .replace("{{sector}}", sector)
        .replace("{{name}}", &yaml_string_body(name.unwrap_or("")))
        .replace("{{today}}", &today);
    // create_new: never overwrite, even if the file appeared since the check above.
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => NewError::Exists(path.clone()),
            _ => NewError::Io(path.clone(), e),
        })?;
    std::io::Write::write_all(&mut f, body.as_bytes())
        .map_err(|e| NewError::Io(path.clone(), e))?;
    Ok(path)
}

/// Escapes text for the inside of a double-quoted YAML string.
fn yaml_string_body(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', " ")
}

/// The `new procedure` command; returns the exit code.
pub fn procedure(root: &Path, code: &str, sector: &str, name: Option<&str>) -> i32 {
    if !root.join("site.yaml").is_file() {
        eprintln!(
            "error: `{}` không phải thư mục danh mục (thiếu site.yaml)",
            root.display()
        );
        return EXIT_USAGE;
    }
    match write_procedure(root, code, sector, name) {
        Ok(path) => {
            eprintln!(
                "Đã tạo `{}`. Điền các chỗ ghi CẦN ĐIỀN, rồi chạy `motcua check {}`.",
                path.display(),
                root.display()
            );
            EXIT_OK
        }
        Err(e @ (NewError::Io(..) | NewError::Sectors(..))) => {
            eprintln!("error: {e}");
            EXIT_USAGE
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_DATA
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert!(valid_code("1.001193"));
        assert!(!valid_code("1.00119"));
        assert!(!valid_code("1-001193"));
        assert!(!valid_code("../../x"));
    }
}
