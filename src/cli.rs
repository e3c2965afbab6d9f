//! Command-line definitions (clap) and dispatch to `cmd`.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::catalogue::schema::FileKind;
use crate::cmd;
use crate::diagnostics::Format;

/// motcua: công bố thủ tục hành chính thành trang web tĩnh, nhanh, tra cứu được.
#[derive(Debug, Parser)]
#[command(name = "motcua", version, about, long_about = None)]
pub struct Cli {
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// Output format for diagnostics.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    /// Source excerpt with a caret and a hint.
    Human,
    /// One line per problem, for editors and CI.
    Short,
    /// JSON on stdout.
    Json,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Human => Format::Human,
            FormatArg::Short => Format::Short,
            FormatArg::Json => Format::Json,
        }
    }
}

/// Which schema to print.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SchemaKind {
    /// procedures/<sector>/<code>.yaml
    Procedure,
    /// agencies/<id>.yaml
    Agency,
    /// legal/<number>.yaml
    Legal,
    /// journeys/<id>.yaml
    Journey,
    /// sectors.yaml
    Sectors,
    /// site.yaml
    Site,
}

impl From<SchemaKind> for FileKind {
    fn from(k: SchemaKind) -> FileKind {
        match k {
            SchemaKind::Procedure => FileKind::Procedure,
            SchemaKind::Agency => FileKind::Agency,
            SchemaKind::Legal => FileKind::Legal,
            SchemaKind::Journey => FileKind::Journey,
            SchemaKind::Sectors => FileKind::Sectors,
            SchemaKind::Site => FileKind::Site,
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Kiểm tra danh mục: báo mọi lỗi kèm tệp:dòng:cột và gợi ý sửa.
    Check {
        /// Thư mục danh mục (chứa site.yaml).
        #[arg(default_value = "catalogue")]
        catalogue: PathBuf,
        /// Định dạng báo lỗi.
        #[arg(long, value_enum, default_value = "human")]
        format: FormatArg,
        /// Coi cảnh báo là lỗi (thoát với mã 1).
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Xây dựng trang web tĩnh từ danh mục (mặc định vào thư mục public/).
    Build {
        /// Thư mục danh mục (chứa site.yaml).
        #[arg(default_value = "catalogue")]
        catalogue: PathBuf,
        /// Thư mục xuất bản.
        #[arg(short, long, default_value = "public")]
        output: PathBuf,
        /// Địa chỉ gốc khi xuất bản (ghi đè base_url trong site.yaml), ví dụ https://example.gov.vn/thu-tuc/.
        #[arg(long)]
        base_url: Option<String>,
        /// Cho phép thay thế thư mục có sẵn nội dung không do motcua tạo.
        #[arg(long)]
        force: bool,
        /// In thời gian của từng bước.
        #[arg(short, long)]
        verbose: bool,
        /// Định dạng báo lỗi.
        #[arg(long, value_enum, default_value = "human")]
        format: FormatArg,
    },
    /// Tìm thủ tục trong danh mục (không cần dấu; có thể gõ mã thủ tục).
    Search {
        /// Từ khoá, ví dụ "lam ho chieu" hoặc 1.001193.
        query: String,
        /// Thư mục danh mục.
        #[arg(long, default_value = "catalogue")]
        catalogue: PathBuf,
        /// Số kết quả tối đa.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// In kết quả dạng JSON.
        #[arg(long)]
        json: bool,
    },
    /// In JSON Schema (draft-07) của tệp danh mục, sinh từ chính kiểu dữ liệu của motcua.
    Schema {
        /// Loại tệp.
        #[arg(value_enum, default_value = "procedure")]
        kind: SchemaKind,
        /// Ghi tất cả schema vào thư mục này thay vì in ra.
        #[arg(long, value_name = "DIR")]
        write: Option<PathBuf>,
    },
}

/// Parses the command line and runs the subcommand; returns the exit code.
pub fn run() -> i32 {
    let cli = Cli::parse();
    match cli.command {
        Command::Check {
            catalogue,
            format,
            deny_warnings,
        } => cmd::check::run(&catalogue, format.into(), deny_warnings),
        Command::Build {
            catalogue,
            output,
            base_url,
            force,
            verbose,
            format,
        } => cmd::build::run(&cmd::build::BuildArgs {
            catalogue: &catalogue,
            out: &output,
            base_url,
            force,
            verbose,
            format: format.into(),
        }),
        Command::Search {
            query,
            catalogue,
            limit,
            json,
        } => cmd::search::run(&catalogue, &query, limit, json),
        Command::Schema { kind, write } => cmd::schema::run(kind.into(), write.as_deref()),
    }
}
