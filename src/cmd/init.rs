//! `motcua init`: write a small working catalogue, its JSON Schemas and editor settings.
//!
//! The sample records are real procedures copied from the project's catalogue with their
//! sources, commented field by field in Vietnamese; they are compiled into the binary so `init`
//! works from anywhere.

use std::path::Path;

use super::{EXIT_OK, EXIT_USAGE};

/// The catalogue files, relative path → contents.
pub const FILES: &[(&str, &str)] = &[
    (
        "agencies/bo-phan-mot-cua-cap-xa.yaml",
        include_str!("templates/init/agencies/bo-phan-mot-cua-cap-xa.yaml"),
    ),
    (
        "agencies/cong-an-cap-xa.yaml",
        include_str!("templates/init/agencies/cong-an-cap-xa.yaml"),
    ),
    (
        "agencies/cong-an-tinh-ha-tinh.yaml",
        include_str!("templates/init/agencies/cong-an-tinh-ha-tinh.yaml"),
    ),
    (
        "agencies/ubnd-cap-xa.yaml",
        include_str!("templates/init/agencies/ubnd-cap-xa.yaml"),
    ),
    (
        "agencies/ubnd-tinh-ha-tinh.yaml",
        include_str!("templates/init/agencies/ubnd-tinh-ha-tinh.yaml"),
    ),
    (
        "forms/CT01.txt",
        include_str!("templates/init/forms/CT01.txt"),
    ),
    (
        "legal/01-2020-TT-BTP.yaml",
        include_str!("templates/init/legal/01-2020-TT-BTP.yaml"),
    ),
    (
        "legal/01-2022-TT-BTP.yaml",
        include_str!("templates/init/legal/01-2022-TT-BTP.yaml"),
    ),
    (
        "legal/04-2020-TT-BTP.yaml",
        include_str!("templates/init/legal/04-2020-TT-BTP.yaml"),
    ),
    (
        "legal/07-2025-NĐ-CP.yaml",
        include_str!("templates/init/legal/07-2025-NĐ-CP.yaml"),
    ),
    (
        "legal/08-2025-TT-BTP.yaml",
        include_str!("templates/init/legal/08-2025-TT-BTP.yaml"),
    ),
    (
        "legal/104-2022-NĐ-CP.yaml",
        include_str!("templates/init/legal/104-2022-NĐ-CP.yaml"),
    ),
    (
        "legal/120-2025-NĐ-CP.yaml",
        include_str!("templates/init/legal/120-2025-NĐ-CP.yaml"),
    ),
    (
        "legal/123-2015-NĐ-CP.yaml",
        include_str!("templates/init/legal/123-2015-NĐ-CP.yaml"),
    ),
    (
        "legal/154-2024-NĐ-CP.yaml",
        include_str!("templates/init/legal/154-2024-NĐ-CP.yaml"),
    ),
    (
        "legal/226-2016-TT-BTC.yaml",
        include_str!("templates/init/legal/226-2016-TT-BTC.yaml"),
    ),
    (
        "legal/23-2015-NĐ-CP.yaml",
        include_str!("templates/init/legal/23-2015-NĐ-CP.yaml"),
    ),
    (
        "legal/53-2025-TT-BCA.yaml",
        include_str!("templates/init/legal/53-2025-TT-BCA.yaml"),
    ),
    (
        "legal/60-2014-QH13.yaml",
        include_str!("templates/init/legal/60-2014-QH13.yaml"),
    ),
    (
        "legal/66-2023-TT-BCA.yaml",
        include_str!("templates/init/legal/66-2023-TT-BCA.yaml"),
    ),
    (
        "legal/68-2020-QH14.yaml",
        include_str!("templates/init/legal/68-2020-QH14.yaml"),
    ),
    (
        "legal/71-2025-TT-BTC.yaml",
        include_str!("templates/init/legal/71-2025-TT-BTC.yaml"),
    ),
    (
        "legal/75-2022-TT-BTC.yaml",
        include_str!("templates/init/legal/75-2022-TT-BTC.yaml"),
    ),
    (
        "legal/85-2019-TT-BTC.yaml",
        include_str!("templates/init/legal/85-2019-TT-BTC.yaml"),
    ),
    (
        "legal/87-2020-NĐ-CP.yaml",
        include_str!("templates/init/legal/87-2020-NĐ-CP.yaml"),
    ),
    (
        "procedures/chung-thuc/2.000815.yaml",
        include_str!("templates/init/procedures/chung-thuc/2.000815.yaml"),
    ),
    (
        "procedures/cu-tru/1.004222.yaml",
        include_str!("templates/init/procedures/cu-tru/1.004222.yaml"),
    ),
    (
        "procedures/ho-tich/1.001193.yaml",
        include_str!("templates/init/procedures/ho-tich/1.001193.yaml"),
    ),
    ("sectors.yaml", include_str!("templates/init/sectors.yaml")),
    ("site.yaml", include_str!("templates/init/site.yaml")),
];

/// `.vscode/settings.json`: maps each schema onto the files it describes, for
/// yaml-language-server (completion, hover help, validation while typing).
pub const VSCODE_SETTINGS: &str = r#"{
  "yaml.schemas": {
    "schema/procedure.schema.json": ["procedures/**/*.yaml", "procedures/**/*.yml"],
    "schema/agency.schema.json": ["agencies/*.yaml", "agencies/*.yml"],
    "schema/legal.schema.json": ["legal/*.yaml", "legal/*.yml"],
    "schema/journey.schema.json": ["journeys/*.yaml", "journeys/*.yml"],
    "schema/sectors.schema.json": ["sectors.yaml"],
    "schema/site.schema.json": ["site.yaml"]
  },
  "files.encoding": "utf8",
  "files.eol": "\n"
}
"#;

/// Why `init` stopped.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// The directory has files and `--force` was not given.
    #[error(
        "thư mục `{0}` đã có nội dung; chọn thư mục trống, hoặc dùng --force để ghi đè các tệp mẫu"
    )]
    NotEmpty(std::path::PathBuf),
    /// Writing failed.
    #[error("không ghi được `{0}`: {1}")]
    Io(std::path::PathBuf, std::io::Error),
}

/// Writes the sample catalogue into `dir` (created if missing).
pub fn write(dir: &Path, force: bool) -> Result<(), InitError> {
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |e| InitError::Io(p, e)
    };
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(io(dir))?;
        if entries.next().is_some() && !force {
            return Err(InitError::NotEmpty(dir.to_path_buf()));
        }
    }
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&path, text).map_err(io(&path))?;
    }
    let vscode = dir.join(".vscode");
    std::fs::create_dir_all(&vscode).map_err(io(&vscode))?;
    std::fs::write(vscode.join("settings.json"), VSCODE_SETTINGS).map_err(io(&vscode))?;
    let schema = dir.join("schema");
    super::schema::write_all(&schema).map_err(io(&schema))?;
    Ok(())
}

/// The `init` command; returns the exit code.
pub fn run(dir: &Path, force: bool) -> i32 {
    match write(dir, force) {
        Ok(()) => {
            eprintln!(
                "Đã tạo danh mục mẫu trong `{d}`.\n  Xem trước: motcua serve {d}\n  Kiểm tra:  motcua check {d}\n  Xuất bản:  motcua build {d} -o public\n  Thêm thủ tục: motcua new procedure --code <mã> --sector <lĩnh-vực> {d}",
                d = dir.display()
            );
            EXIT_OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_USAGE
        }
    }
}
