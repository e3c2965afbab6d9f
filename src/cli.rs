//! Command-line definitions (clap) and dispatch to `cmd`.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::catalogue::schema::FileKind;
use crate::catalogue::url::HttpUrl;
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

/// How much of the catalogue `build` keeps in memory.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum MemoryArg {
    /// Low from 60,000 procedures on, else full.
    Auto,
    /// Every procedure whole: fastest.
    Full,
    /// A summary of each procedure; each file is read again when its pages are written.
    Low,
}

impl From<MemoryArg> for crate::catalogue::validate::Memory {
    fn from(m: MemoryArg) -> crate::catalogue::validate::Memory {
        use crate::catalogue::validate::Memory;
        match m {
            MemoryArg::Auto => Memory::Auto,
            MemoryArg::Full => Memory::Full,
            MemoryArg::Low => Memory::Low,
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
    /// decisions/<slug>.yaml
    Decision,
    /// calendar.yaml
    Calendar,
    /// communes.yaml
    Communes,
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
            SchemaKind::Decision => FileKind::Decision,
            SchemaKind::Calendar => FileKind::Calendar,
            SchemaKind::Communes => FileKind::Communes,
        }
    }
}

/// A way to submit a dossier, as written in the catalogue.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ChannelArg {
    /// Trực tiếp.
    #[value(name = "in_person")]
    InPerson,
    /// Trực tuyến.
    Online,
    /// Bưu chính.
    Postal,
}

impl From<ChannelArg> for crate::catalogue::model::ChannelKind {
    fn from(c: ChannelArg) -> Self {
        match c {
            ChannelArg::InPerson => Self::InPerson,
            ChannelArg::Online => Self::Online,
            ChannelArg::Postal => Self::Postal,
        }
    }
}

/// Output format of `deadline`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum OutputArg {
    /// Text for people.
    Human,
    /// JSON on stdout.
    Json,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Kiểm tra danh mục: báo mọi lỗi kèm tệp:dòng:cột và gợi ý sửa.
    Check {
        /// Thư mục danh mục (chứa site.yaml). Mặc định: ./catalogue nếu có, không thì thư mục hiện tại nếu có site.yaml.
        catalogue: Option<PathBuf>,
        /// Định dạng báo lỗi.
        #[arg(long, value_enum, default_value = "human")]
        format: FormatArg,
        /// Coi cảnh báo là lỗi (thoát với mã 1).
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Xây dựng trang web tĩnh từ danh mục (mặc định vào thư mục public/).
    Build {
        /// Thư mục danh mục (chứa site.yaml). Mặc định: ./catalogue nếu có, không thì thư mục hiện tại nếu có site.yaml.
        catalogue: Option<PathBuf>,
        /// Thư mục xuất bản.
        #[arg(short, long, default_value = "public")]
        output: PathBuf,
        /// Địa chỉ gốc khi xuất bản (ghi đè base_url trong site.yaml), ví dụ https://example.gov.vn/thu-tuc/.
        #[arg(long, value_parser = parse_base_url)]
        base_url: Option<HttpUrl>,
        /// Cho phép thay thế thư mục có sẵn nội dung không do motcua tạo.
        #[arg(long)]
        force: bool,
        /// In thời gian của từng bước.
        #[arg(short, long)]
        verbose: bool,
        /// Định dạng báo lỗi.
        #[arg(long, value_enum, default_value = "human")]
        format: FormatArg,
        /// Bản mở thẳng từ đĩa (file://, USB): liên kết ghi rõ tên tệp …/index.html, tìm kiếm không cần máy chủ.
        #[arg(long)]
        portable: bool,
        /// Bộ nhớ: low giữ bản tóm tắt mỗi thủ tục và đọc lại tệp khi ghi trang của nó (danh mục rất lớn, máy ít RAM); auto dùng low từ 60.000 thủ tục.
        #[arg(long, value_enum, default_value = "auto")]
        memory: MemoryArg,
    },
    /// Tìm thủ tục trong danh mục (không cần dấu; có thể gõ mã thủ tục).
    Search {
        /// Từ khoá, ví dụ "lam ho chieu" hoặc 1.001193.
        query: String,
        /// Thư mục danh mục. Mặc định: ./catalogue nếu có, không thì thư mục hiện tại nếu có site.yaml.
        #[arg(long)]
        catalogue: Option<PathBuf>,
        /// Số kết quả tối đa.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// In kết quả dạng JSON.
        #[arg(long)]
        json: bool,
    },
    /// Tính ngày hẹn trả kết quả muộn nhất theo thời hạn của thủ tục và lịch làm việc (calendar.yaml).
    Deadline {
        /// Mã thủ tục, ví dụ 1.004222.
        #[arg(
            long,
            required_unless_present = "working_days",
            conflicts_with = "working_days"
        )]
        code: Option<String>,
        /// Kênh nộp (mặc định: trực tiếp nếu thủ tục có).
        #[arg(long, value_enum, requires = "code")]
        channel: Option<ChannelArg>,
        /// Tính theo số ngày làm việc thay cho thời hạn của một thủ tục.
        #[arg(long, value_name = "N")]
        working_days: Option<f64>,
        /// Giờ chốt khi dùng --working-days: nộp sau giờ này tính từ ngày làm việc tiếp theo.
        #[arg(long, value_name = "GIỜ", requires = "working_days", value_parser = clap::value_parser!(u8).range(0..=23))]
        cutoff_hour: Option<u8>,
        /// Thời điểm nộp, "YYYY-MM-DD HH:MM" (mặc định: bây giờ, giờ Việt Nam).
        #[arg(long)]
        from: Option<String>,
        /// Cơ quan tiếp nhận (mã trong agencies/), để tính cả ngày cơ quan nghỉ riêng.
        #[arg(long)]
        office: Option<String>,
        /// Thư mục danh mục. Mặc định: ./catalogue nếu có, không thì thư mục hiện tại nếu có site.yaml.
        #[arg(long)]
        catalogue: Option<PathBuf>,
        /// Định dạng kết quả.
        #[arg(long, value_enum, default_value = "human")]
        format: OutputArg,
    },
    /// Xem trước trang web trên máy: tự dựng lại và tải lại trang mỗi khi lưu tệp danh mục.
    Serve {
        /// Thư mục danh mục (chứa site.yaml). Mặc định: ./catalogue nếu có, không thì thư mục hiện tại nếu có site.yaml.
        catalogue: Option<PathBuf>,
        /// Cổng (0 = chọn cổng trống; địa chỉ thật được in ra).
        #[arg(short, long, default_value_t = 1111)]
        port: u16,
        /// Địa chỉ lắng nghe (mặc định chỉ máy này).
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// Mở trình duyệt khi sẵn sàng.
        #[arg(long)]
        open: bool,
        /// Dò thay đổi bằng cách quét định kỳ (thư mục mạng, máy ảo).
        #[arg(long)]
        poll: bool,
        /// Chờ bao nhiêu mili giây sau lần lưu cuối rồi mới dựng lại.
        #[arg(long, default_value_t = 50)]
        debounce_ms: u64,
    },
    /// Tạo một danh mục mẫu chạy được (3 thủ tục thật, có chú thích từng trường).
    Init {
        /// Thư mục sẽ tạo.
        #[arg(default_value = "catalogue")]
        dir: PathBuf,
        /// Ghi vào thư mục đã có nội dung.
        #[arg(long)]
        force: bool,
    },
    /// Tạo tệp mới từ mẫu.
    New {
        /// Loại tệp.
        #[command(subcommand)]
        what: NewKind,
    },
    /// In script tự hoàn thành lệnh cho shell (bash, zsh, fish, powershell, elvish).
    Completions {
        /// Tên shell.
        shell: clap_complete::Shell,
    },
    /// So sánh hai phiên bản danh mục: thủ tục mới, bãi bỏ, sửa đổi (bộ phận nào, cũ → mới).
    /// Thoát 0 khi giống nhau, 1 khi khác nhau, 2 khi có lỗi.
    Diff {
        /// Danh mục cũ: thư mục, hoặc git:<rev>[:<đường-dẫn>] (ví dụ git:HEAD~1).
        old: String,
        /// Danh mục mới: thư mục, hoặc git:<rev>[:<đường-dẫn>]. Mặc định: ./catalogue nếu có, không thì thư mục hiện tại nếu có site.yaml.
        new: Option<String>,
        /// Định dạng kết quả.
        #[arg(long, value_enum, default_value = "human")]
        format: DiffFormatArg,
        /// In đề xuất các dòng của quyết định công bố (YAML) thay cho báo cáo.
        #[arg(long)]
        as_decision: bool,
    },
    /// Xuất phụ lục quyết định công bố (Phần I. Danh mục, Phần II. Nội dung cụ thể) ra tệp .docx.
    Annex {
        /// Số quyết định (ví dụ 2873/QĐ-UBND), tên tệp trong decisions/ (ví dụ 2873-qd-ubnd-2025), hoặc `all` cho toàn bộ danh mục hiện hành.
        decision: String,
        /// Tệp .docx sẽ ghi.
        #[arg(short, long)]
        output: PathBuf,
        /// Thư mục danh mục (chứa site.yaml). Mặc định: ./catalogue nếu có, không thì thư mục hiện tại nếu có site.yaml.
        #[arg(long)]
        catalogue: Option<PathBuf>,
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

/// Output format of `diff`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DiffFormatArg {
    /// Text for a terminal.
    Human,
    /// JSON on stdout.
    Json,
    /// Markdown, for a pull request or an e-mail.
    Markdown,
}

/// What `new` creates.
#[derive(Debug, Subcommand)]
pub enum NewKind {
    /// Một thủ tục: procedures/<lĩnh-vực>/<mã>.yaml, đủ mọi trường, chỗ cần điền ghi rõ.
    Procedure {
        /// Mã thủ tục trên CSDL quốc gia, ví dụ 1.001193.
        #[arg(long)]
        code: String,
        /// Lĩnh vực (id trong sectors.yaml), ví dụ ho-tich.
        #[arg(long)]
        sector: String,
        /// Tên thủ tục.
        #[arg(long)]
        name: Option<String>,
        /// Thư mục danh mục (chứa site.yaml). Mặc định: ./catalogue nếu có, không thì thư mục hiện tại nếu có site.yaml.
        catalogue: Option<PathBuf>,
    },
}

/// `--base-url`: an absolute web address, checked like every URL in the catalogue.
fn parse_base_url(text: &str) -> Result<HttpUrl, String> {
    HttpUrl::parse(text).map_err(|p| format!("{}; {}", p.message, p.hint))
}

/// Parses the command line and runs the subcommand; returns the exit code.
pub fn run() -> i32 {
    let cli = Cli::parse();
    // Commands that read a catalogue find it the same way; the one place that says where.
    let locate = |given: Option<PathBuf>| {
        cmd::locate_catalogue(given).map_err(|e| {
            eprintln!("error: {e}");
            cmd::EXIT_USAGE
        })
    };
    match cli.command {
        Command::Check {
            catalogue,
            format,
            deny_warnings,
        } => match locate(catalogue) {
            Ok(catalogue) => cmd::check::run(&catalogue, format.into(), deny_warnings),
            Err(code) => code,
        },
        Command::Build {
            catalogue,
            output,
            base_url,
            force,
            verbose,
            format,
            portable,
            memory,
        } => match locate(catalogue) {
            Ok(catalogue) => cmd::build::run(&cmd::build::BuildArgs {
                catalogue: &catalogue,
                out: &output,
                base_url: base_url.map(|u| u.to_string()),
                force,
                verbose,
                format: format.into(),
                portable,
                memory: memory.into(),
            }),
            Err(code) => code,
        },
        Command::Search {
            query,
            catalogue,
            limit,
            json,
        } => match locate(catalogue) {
            Ok(catalogue) => cmd::search::run(&catalogue, &query, limit, json),
            Err(code) => code,
        },
        Command::Deadline {
            code,
            channel,
            working_days,
            cutoff_hour,
            from,
            office,
            catalogue,
            format,
        } => {
            let what = match (code, working_days) {
                (Some(code), _) => cmd::deadline::What::Procedure {
                    code,
                    channel: channel.map(Into::into),
                },
                (None, Some(days)) => cmd::deadline::What::WorkingDays { days, cutoff_hour },
                // clap requires one of the two.
                (None, None) => return cmd::EXIT_USAGE,
            };
            match locate(catalogue) {
                Ok(catalogue) => cmd::deadline::run(&cmd::deadline::DeadlineArgs {
                    catalogue: &catalogue,
                    what,
                    from,
                    office,
                    json: matches!(format, OutputArg::Json),
                }),
                Err(code) => code,
            }
        }
        Command::Serve {
            catalogue,
            port,
            bind,
            open,
            poll,
            debounce_ms,
        } => match locate(catalogue) {
            Ok(catalogue) => cmd::serve::run(&cmd::serve::ServeArgs {
                catalogue: &catalogue,
                port,
                bind,
                open,
                poll,
                debounce_ms,
            }),
            Err(code) => code,
        },
        Command::Init { dir, force } => cmd::init::run(&dir, force),
        Command::New {
            what:
                NewKind::Procedure {
                    code,
                    sector,
                    name,
                    catalogue,
                },
        } => match locate(catalogue) {
            Ok(catalogue) => cmd::new::procedure(&catalogue, &code, &sector, name.as_deref()),
            Err(code) => code,
        },
        Command::Completions { shell } => cmd::completions::run(shell),
        Command::Schema { kind, write } => cmd::schema::run(kind.into(), write.as_deref()),
        Command::Diff {
            old,
            new,
            format,
            as_decision,
        } => {
            let new = match new {
                Some(n) => n,
                None => match locate(None) {
                    Ok(dir) => dir.to_string_lossy().into_owned(),
                    Err(code) => return code,
                },
            };
            cmd::diff::run(&old, &new, format, as_decision)
        }
        Command::Annex {
            decision,
            output,
            catalogue,
        } => match locate(catalogue) {
            Ok(catalogue) => cmd::annex::run(&catalogue, &decision, &output),
            Err(code) => code,
        },
    }
}
