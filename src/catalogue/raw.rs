//! Serde types exactly as legal staff write them in YAML. They also generate the JSON Schema.
//!
//! Field descriptions are in Vietnamese because they are shown to the people who edit the
//! catalogue (hover text in editors that use yaml-language-server).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use super::url::{ContactUrl, HttpUrl};

/// A calendar date written as `YYYY-MM-DD`.
pub type DateText = String;

/// `catalogue/site.yaml`: the site's identity and publishing settings.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Cấu hình trang (site.yaml)")]
pub struct SiteFile {
    #[schemars(description = "Tên trang, ví dụ \"Thủ tục hành chính tỉnh Hà Tĩnh\".")]
    pub name: String,
    #[schemars(description = "Tỉnh, thành phố mà danh mục này phục vụ.")]
    pub province: String,
    #[schemars(
        description = "Địa chỉ gốc của trang khi xuất bản, ví dụ https://thutuc.example.gov.vn/ (có thể có đường dẫn con)."
    )]
    pub base_url: HttpUrl,
    #[serde(default)]
    #[schemars(description = "Mô tả ngắn của trang (dùng cho thẻ meta và nguồn tin).")]
    pub description: Option<String>,
    #[serde(default = "default_languages")]
    #[schemars(description = "Ngôn ngữ của nội dung, mặc định [vi].")]
    pub languages: Vec<String>,
    #[serde(default)]
    #[schemars(description = "Thông tin liên hệ của cơ quan quản lý trang.")]
    pub contact: Option<Contact>,
    #[schemars(description = "Kênh tiếp nhận phản ánh, kiến nghị (PAKN) của người dân.")]
    pub feedback: Feedback,
    #[serde(default = "default_freshness_days")]
    #[schemars(
        description = "Số ngày tối đa kể từ lần kiểm tra gần nhất trước khi thủ tục bị cảnh báo là cũ (mặc định 365)."
    )]
    pub freshness_days: u32,
    #[serde(default)]
    #[schemars(description = "Tên giao diện trong thư mục themes/ (mặc định: default).")]
    pub theme: Option<String>,
    #[serde(default)]
    #[schemars(
        description = "Mã các thủ tục nổi bật trên trang chủ (người dân hay làm nhất), theo thứ tự."
    )]
    pub featured: Vec<String>,
    #[serde(default)]
    #[schemars(
        description = "Giấy phép sử dụng lại dữ liệu mở (trang \"Dữ liệu mở\" ghi rõ); bỏ trống khi cơ quan chưa công bố."
    )]
    pub licence: Option<Licence>,
    #[serde(default, skip_serializing_if = "Publish::is_default")]
    #[schemars(
        description = "Các bản sao riêng của từng thủ tục mà trang ghi ra, ngoài trang thủ tục (mặc định ghi tất cả). Trang có hàng chục nghìn thủ tục có thể tắt bớt để ít tệp, ít dung lượng hơn."
    )]
    pub publish: Publish,
}

/// Which per-procedure copies the site writes besides the procedure page (`publish:`, like
/// Hugo's `outputs`). All on by default: a province's site is small and uses them; a national
/// portal turns some off to write fewer files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Publish {
    #[serde(default = "default_true")]
    #[schemars(
        description = "Ghi danh sách giấy tờ để in thu-tuc/<mã>/giay-to.html (mặc định true). Tắt thì trang thủ tục không có nút in danh sách."
    )]
    pub checklists: bool,
    #[serde(default = "default_true")]
    #[schemars(
        description = "Ghi dữ liệu máy đọc của từng thủ tục thu-tuc/<mã>/index.json (mặc định true). Tắt thì dữ liệu vẫn có trong du-lieu/procedures.json.gz."
    )]
    pub records: bool,
    #[serde(default = "default_true")]
    #[schemars(
        description = "Ghi bản nhúng của từng thủ tục: thu-tuc/<mã>/nhung.html, khung.html và bảng kiểu du-lieu/nhung.css (mặc định true)."
    )]
    pub embeds: bool,
}

impl Default for Publish {
    fn default() -> Publish {
        Publish {
            checklists: true,
            records: true,
            embeds: true,
        }
    }
}

impl Publish {
    /// True when every copy is on, as when `publish:` is left out.
    pub fn is_default(&self) -> bool {
        *self == Publish::default()
    }
}

/// The licence under which the open data may be reused.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Licence {
    #[schemars(description = "Tên giấy phép, ví dụ \"CC BY 4.0\".")]
    pub name: String,
    #[serde(default)]
    #[schemars(description = "Đường dẫn tới toàn văn giấy phép.")]
    pub url: Option<HttpUrl>,
}

fn default_languages() -> Vec<String> {
    vec!["vi".to_string()]
}

fn default_freshness_days() -> u32 {
    365
}

/// Contact details of the organisation that runs the site.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[schemars(description = "Tên cơ quan quản lý trang.")]
    pub organization: String,
    #[serde(default)]
    #[schemars(description = "Địa chỉ.")]
    pub address: Option<String>,
    #[serde(default)]
    #[schemars(description = "Số điện thoại.")]
    pub phone: Option<String>,
    #[serde(default)]
    #[schemars(description = "Thư điện tử.")]
    pub email: Option<String>,
}

/// Where citizens send feedback and complaints (phản ánh, kiến nghị).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Feedback {
    #[schemars(
        description = "Đường dẫn gửi phản ánh, kiến nghị: https://…, hoặc mailto:…, tel:…."
    )]
    pub url: ContactUrl,
    #[serde(default)]
    #[schemars(description = "Nhãn hiển thị của đường dẫn.")]
    pub label: Option<String>,
    #[serde(default)]
    #[schemars(description = "Số điện thoại đường dây nóng.")]
    pub phone: Option<String>,
    #[serde(default)]
    #[schemars(description = "Đường dẫn tra cứu tình trạng hồ sơ.")]
    pub tracking_url: Option<HttpUrl>,
}

/// `catalogue/sectors.yaml`: the list of sectors (lĩnh vực).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Danh mục lĩnh vực (sectors.yaml)")]
pub struct SectorsFile {
    #[schemars(description = "Các lĩnh vực, theo thứ tự hiển thị.")]
    pub sectors: Vec<Sector>,
}

/// One sector (lĩnh vực).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sector {
    #[schemars(
        description = "Mã lĩnh vực: chữ thường không dấu, nối bằng gạch ngang, ví dụ ho-tich. Cũng là tên thư mục trong procedures/.",
        regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")
    )]
    pub id: String,
    #[schemars(description = "Tên lĩnh vực, ví dụ \"Hộ tịch\".")]
    pub name: String,
    #[serde(default)]
    #[schemars(description = "Mô tả ngắn cho người dân.")]
    pub description: Option<String>,
}

/// Government level at which a procedure is carried out.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Cấp bộ (central).
    Ministry,
    /// Cấp tỉnh.
    Province,
    /// Cấp huyện: only for history (abolished from 2025-07-01).
    District,
    /// Cấp xã.
    Commune,
    /// Cơ quan khác.
    Other,
}

/// `catalogue/agencies/<id>.yaml`: an agency or one-stop office.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Cơ quan, bộ phận một cửa (agencies/<mã>.yaml)")]
pub struct AgencyFile {
    #[schemars(description = "Tên đầy đủ của cơ quan hoặc bộ phận tiếp nhận.")]
    pub name: String,
    #[serde(default)]
    #[schemars(description = "Tên ngắn.")]
    pub short_name: Option<String>,
    #[schemars(description = "Cấp của cơ quan.")]
    pub level: Level,
    #[serde(default)]
    #[schemars(
        description = "Mô tả: cơ quan này là gì, phạm vi phục vụ (ví dụ \"UBND xã, phường nơi cư trú\")."
    )]
    pub description: Option<String>,
    #[serde(default)]
    #[schemars(
        description = "Mã cơ quan cấp trên hoặc cơ quan chủ quản (tên tệp trong agencies/, không có .yaml)."
    )]
    pub parent: Option<String>,
    #[serde(default)]
    #[schemars(description = "Địa chỉ tiếp nhận hồ sơ.")]
    pub address: Option<String>,
    #[serde(default)]
    #[schemars(
        description = "Giờ làm việc, mỗi dòng một khoảng, ví dụ \"Thứ Hai – Thứ Sáu: 7:00 – 11:30, 13:30 – 17:00\"."
    )]
    pub opening_hours: Vec<String>,
    #[serde(default)]
    #[schemars(description = "Số điện thoại.")]
    pub phone: Option<String>,
    #[serde(default)]
    #[schemars(description = "Thư điện tử.")]
    pub email: Option<String>,
    #[serde(default)]
    #[schemars(description = "Trang thông tin điện tử.")]
    pub website: Option<HttpUrl>,
    #[serde(default)]
    #[schemars(description = "Toạ độ (để mở bản đồ).")]
    pub coordinates: Option<Coordinates>,
    #[serde(default)]
    #[schemars(description = "Những cách nộp hồ sơ mà nơi này nhận.")]
    pub channels: Vec<ChannelKind>,
    #[serde(default)]
    #[schemars(description = "Nguồn của các thông tin trên.")]
    pub sources: Vec<Source>,
}

/// A point on the map (WGS 84).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Coordinates {
    #[schemars(description = "Vĩ độ.", range(min = -90.0, max = 90.0))]
    pub lat: f64,
    #[schemars(description = "Kinh độ.", range(min = -180.0, max = 180.0))]
    pub lon: f64,
}

/// The legal force of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LegalStatus {
    /// Còn hiệu lực, chưa bị sửa đổi.
    InForce,
    /// Còn hiệu lực, đã được sửa đổi, bổ sung (các văn bản sửa đổi ghi trong `amended_by`).
    Amended,
    /// Hết hiệu lực vì bị thay thế (văn bản thay thế ghi trong `replaced_by`).
    Replaced,
    /// Hết hiệu lực vì hết thời hạn.
    Expired,
    /// Hết hiệu lực vì bị bãi bỏ.
    Repealed,
}

impl LegalStatus {
    /// True for the statuses that end a document's force (after `in_force_until`).
    pub fn ends_force(self) -> bool {
        matches!(
            self,
            LegalStatus::Replaced | LegalStatus::Expired | LegalStatus::Repealed
        )
    }
}

/// A later document that changed this one, and the day the change took effect.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentChange {
    #[schemars(description = "Số hiệu văn bản sửa đổi hoặc thay thế (có trong legal/).")]
    pub document: String,
    #[schemars(description = "Ngày thay đổi có hiệu lực (YYYY-MM-DD).")]
    pub from: DateText,
}

/// `catalogue/legal/<slug>.yaml`: one legal document in the registry.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Văn bản pháp luật (legal/<số-hiệu>.yaml)")]
pub struct LegalDocument {
    #[schemars(
        description = "Số, ký hiệu, ví dụ 68/2020/QH14 hoặc 123/2015/NĐ-CP. Thủ tục trích dẫn văn bản bằng số này.",
        regex(pattern = r"^\d+/\d{4}/[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$")
    )]
    pub number: String,
    #[schemars(description = "Loại văn bản: Luật, Nghị định, Thông tư, Quyết định, Nghị quyết…")]
    pub kind: String,
    #[schemars(description = "Trích yếu, ví dụ \"Luật Cư trú\".")]
    pub title: String,
    #[schemars(description = "Cơ quan ban hành.")]
    pub issuer: String,
    #[schemars(description = "Ngày ban hành (YYYY-MM-DD).")]
    pub signed: DateText,
    #[serde(default)]
    #[schemars(description = "Ngày bắt đầu có hiệu lực (YYYY-MM-DD).")]
    pub in_force_from: Option<DateText>,
    #[schemars(
        description = "Tình trạng hiệu lực: in_force (còn hiệu lực), amended (còn hiệu lực, đã sửa đổi), replaced (bị thay thế), expired (hết thời hạn), repealed (bị bãi bỏ)."
    )]
    pub status: LegalStatus,
    #[serde(default)]
    #[schemars(
        description = "Ngày cuối cùng còn hiệu lực (YYYY-MM-DD); bắt buộc khi status là replaced, expired hoặc repealed."
    )]
    pub in_force_until: Option<DateText>,
    #[serde(default)]
    #[schemars(
        description = "Văn bản thay thế và ngày thay thế có hiệu lực; bắt buộc khi status là replaced."
    )]
    pub replaced_by: Option<DocumentChange>,
    #[serde(default)]
    #[schemars(description = "Các văn bản đã sửa đổi, bổ sung văn bản này, kèm ngày có hiệu lực.")]
    pub amended_by: Vec<DocumentChange>,
    #[serde(default)]
    #[schemars(description = "Đường dẫn tới toàn văn chính thức.")]
    pub url: Option<HttpUrl>,
    #[serde(default)]
    #[schemars(description = "Nguồn của các thông tin trên.")]
    pub sources: Vec<Source>,
}

/// `catalogue/journeys/<id>.yaml`: a life event or a liên thông group.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Sự kiện cuộc sống, nhóm liên thông (journeys/<mã>.yaml)")]
pub struct JourneyFile {
    #[schemars(description = "Tên, ví dụ \"Sinh con\".")]
    pub name: String,
    #[schemars(description = "life_event: sự kiện cuộc sống; linked: nhóm thủ tục liên thông.")]
    pub kind: JourneyKind,
    #[schemars(description = "Tóm tắt dễ hiểu (Markdown).")]
    pub summary: String,
    #[schemars(description = "Các thủ tục theo thứ tự thực hiện.")]
    pub steps: Vec<JourneyStep>,
    #[serde(default)]
    #[schemars(description = "Tổng thời hạn giải quyết của cả nhóm (nếu văn bản quy định).")]
    pub total_time_limit: Option<TimeLimit>,
    #[serde(default)]
    #[schemars(description = "Căn cứ pháp lý của nhóm.")]
    pub legal_basis: Vec<LegalBasis>,
    #[schemars(description = "Nguồn của các thông tin trên.")]
    pub sources: Vec<Source>,
}

/// What a journey groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum JourneyKind {
    /// Sự kiện cuộc sống.
    LifeEvent,
    /// Nhóm thủ tục liên thông.
    Linked,
}

/// One procedure within a journey.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JourneyStep {
    #[schemars(description = "Mã thủ tục (d.dddddd) có trong danh mục.")]
    pub procedure: String,
    #[serde(default)]
    #[schemars(description = "Ghi chú cho bước này.")]
    pub note: Option<String>,
    #[serde(default)]
    #[schemars(
        description = "Thời hạn của bước này trong nhóm (nếu khác thời hạn riêng của thủ tục)."
    )]
    pub time_limit: Option<TimeLimit>,
}

/// `catalogue/procedures/<sector>/<code>.yaml`: one administrative procedure.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Thủ tục hành chính (procedures/<lĩnh-vực>/<mã>.yaml)")]
pub struct ProcedureFile {
    #[schemars(
        description = "Mã thủ tục trên Cơ sở dữ liệu quốc gia về TTHC, dạng d.dddddd (ví dụ 1.001193). Trùng tên tệp.",
        regex(pattern = r"^\d\.\d{6}$")
    )]
    pub code: String,
    #[serde(default)]
    #[schemars(description = "Mã cũ hoặc mã đã được thay thế.")]
    pub old_codes: Vec<String>,
    #[schemars(description = "Tên thủ tục đúng như quyết định công bố.")]
    pub name: String,
    #[serde(default)]
    #[schemars(
        description = "Tên gọi thường ngày, từ khoá người dân hay gõ (ví dụ \"làm giấy khai sinh\"). Dùng cho tìm kiếm."
    )]
    pub keywords: Vec<String>,
    #[schemars(
        description = "Tóm tắt bằng ngôn ngữ dễ hiểu: thủ tục này để làm gì, ai cần (Markdown)."
    )]
    pub summary: String,
    #[schemars(description = "Mã lĩnh vực trong sectors.yaml; trùng tên thư mục chứa tệp.")]
    pub sector: String,
    #[schemars(
        description = "Cấp thực hiện: ministry (bộ), province (tỉnh), commune (xã), other (khác); district (huyện) chỉ dùng cho lịch sử."
    )]
    pub levels: Vec<Level>,
    #[serde(default)]
    #[schemars(
        description = "Loại thủ tục theo CSDL quốc gia, ví dụ \"TTHC được luật giao quy định chi tiết\"."
    )]
    pub procedure_type: Option<String>,
    #[schemars(description = "Đối tượng thực hiện: ai được làm thủ tục này.")]
    pub applicants: Vec<String>,
    #[schemars(description = "Các cơ quan: có thẩm quyền, thực hiện, được ủy quyền, phối hợp.")]
    pub agencies: ProcedureAgencies,
    #[serde(default)]
    #[schemars(description = "Nơi nộp hồ sơ: mã các bộ phận một cửa trong agencies/.")]
    pub offices: Vec<String>,
    #[schemars(description = "Trình tự thực hiện, theo thứ tự.")]
    pub steps: Vec<Step>,
    #[schemars(
        description = "Cách thức thực hiện: mỗi kênh (trực tiếp, trực tuyến, bưu chính) có thời hạn và phí, lệ phí riêng."
    )]
    pub channels: Vec<Channel>,
    #[schemars(description = "Thành phần hồ sơ, chia theo trường hợp.")]
    pub papers: Vec<PaperGroup>,
    #[serde(default)]
    #[schemars(description = "Số bộ hồ sơ phải nộp.")]
    pub dossier_sets: Option<u32>,
    #[serde(default)]
    #[schemars(description = "Yêu cầu, điều kiện thực hiện.")]
    pub conditions: Vec<Condition>,
    #[schemars(description = "Kết quả thực hiện.")]
    pub result: ProcedureResult,
    #[schemars(description = "Căn cứ pháp lý của thủ tục.")]
    pub legal_basis: Vec<LegalBasis>,
    #[schemars(
        description = "Phiên bản: quyết định công bố, ngày ký, ngày hiệu lực, loại thay đổi."
    )]
    pub version: Version,
    #[schemars(description = "Nguồn: mỗi thông tin được lấy từ đâu.")]
    pub sources: Vec<Source>,
    #[schemars(description = "Ngày kiểm tra gần nhất (YYYY-MM-DD).")]
    pub last_verified: DateText,
    #[serde(default)]
    #[schemars(description = "Thông báo quan trọng hiển thị nổi bật đầu trang (Markdown).")]
    pub alert: Option<String>,
}

/// The agencies involved in a procedure, as references to `agencies/`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProcedureAgencies {
    #[schemars(description = "Cơ quan có thẩm quyền quyết định.")]
    pub competent: String,
    #[schemars(description = "Cơ quan trực tiếp thực hiện.")]
    pub executing: Vec<String>,
    #[serde(default)]
    #[schemars(description = "Cơ quan được ủy quyền hoặc phân cấp.")]
    pub delegated: Vec<String>,
    #[serde(default)]
    #[schemars(description = "Cơ quan phối hợp.")]
    pub coordinating: Vec<String>,
}

/// Who acts in a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// Người dân, tổ chức.
    Applicant,
    /// Cơ quan giải quyết.
    Agency,
}

/// One step of the procedure.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    #[schemars(description = "Tên bước ngắn gọn, ví dụ \"Nộp hồ sơ\".")]
    pub title: String,
    #[serde(default)]
    #[schemars(description = "Ai làm: applicant (người dân) hoặc agency (cơ quan).")]
    pub actor: Option<Actor>,
    #[serde(default)]
    #[schemars(description = "Nội dung chi tiết (Markdown).")]
    pub text: Option<String>,
}

/// A way to submit a dossier.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    /// Trực tiếp.
    InPerson,
    /// Trực tuyến.
    Online,
    /// Qua dịch vụ bưu chính.
    Postal,
}

impl ChannelKind {
    /// The name written in the catalogue (and in the open data): `in_person`, `online`, `postal`.
    pub fn id(self) -> &'static str {
        match self {
            ChannelKind::InPerson => "in_person",
            ChannelKind::Online => "online",
            ChannelKind::Postal => "postal",
        }
    }
}

/// How much of the procedure can be done online (NĐ 42/2022).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OnlineLevel {
    /// Toàn trình.
    Full,
    /// Một phần.
    Partial,
}

/// One channel with its own time limits and fees.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    #[schemars(
        description = "Kênh: in_person (trực tiếp), online (trực tuyến), postal (bưu chính)."
    )]
    pub kind: ChannelKind,
    #[serde(default)]
    #[schemars(description = "Mô tả cách nộp qua kênh này.")]
    pub description: Option<String>,
    #[serde(default)]
    #[schemars(description = "Đường dẫn nộp hồ sơ trực tuyến.")]
    pub url: Option<HttpUrl>,
    #[serde(default)]
    #[schemars(
        description = "Mức độ dịch vụ công trực tuyến: full (toàn trình) hoặc partial (một phần)."
    )]
    pub online_level: Option<OnlineLevel>,
    #[schemars(
        description = "Thời hạn giải quyết; có thể có nhiều dòng theo trường hợp (dòng đầu là trường hợp thông thường)."
    )]
    pub time_limits: Vec<TimeLimit>,
    #[serde(default)]
    #[schemars(
        description = "Phí, lệ phí khi nộp qua kênh này. Bỏ trống nghĩa là chưa có thông tin, KHÔNG có nghĩa là miễn phí."
    )]
    pub fees: Vec<Fee>,
}

/// The unit of a time limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    /// Ngày làm việc.
    WorkingDays,
    /// Ngày (theo lịch).
    CalendarDays,
    /// Giờ.
    Hours,
    /// Giải quyết ngay.
    Immediate,
    /// Văn bản không quy định.
    NotSpecified,
}

impl TimeUnit {
    /// The name written in the catalogue (and in the open data), e.g. `working_days`.
    pub fn id(self) -> &'static str {
        match self {
            TimeUnit::WorkingDays => "working_days",
            TimeUnit::CalendarDays => "calendar_days",
            TimeUnit::Hours => "hours",
            TimeUnit::Immediate => "immediate",
            TimeUnit::NotSpecified => "not_specified",
        }
    }
}

/// How long the agency may take.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TimeLimit {
    #[serde(default)]
    #[schemars(
        description = "Số lượng (bỏ trống khi đơn vị là immediate hoặc not_specified).",
        range(min = 0)
    )]
    pub value: Option<f64>,
    #[schemars(
        description = "Đơn vị: working_days (ngày làm việc), calendar_days (ngày), hours (giờ), immediate (ngay), not_specified (không quy định)."
    )]
    pub unit: TimeUnit,
    #[serde(default)]
    #[schemars(description = "Tính từ khi nào, ví dụ \"kể từ ngày nhận đủ hồ sơ hợp lệ\".")]
    pub counted_from: Option<String>,
    #[serde(default)]
    #[schemars(
        description = "Giờ chốt trong ngày: hồ sơ nhận sau giờ này được tính từ ngày làm việc tiếp theo (0–23).",
        range(min = 0, max = 23)
    )]
    pub cutoff_hour: Option<u8>,
    #[serde(default)]
    #[schemars(
        description = "Áp dụng trong trường hợp nào (bỏ trống nếu là trường hợp thông thường)."
    )]
    pub condition: Option<String>,
    #[serde(default)]
    #[schemars(description = "Căn cứ pháp lý của thời hạn (bắt buộc, trừ khi unverified: true).")]
    pub legal_basis: Vec<LegalBasis>,
    #[serde(default)]
    #[schemars(
        description = "true khi chưa tìm được văn bản quy định thời hạn này; trang sẽ ghi rõ \"chưa xác minh\"."
    )]
    pub unverified: bool,
}

/// Phí (a fee for a service) or lệ phí (a charge for a state act).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FeeKind {
    /// Phí.
    Fee,
    /// Lệ phí.
    Charge,
}

/// An amount in VND, or the word `free` when a legal document says nothing is charged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Amount {
    /// So many đồng.
    Vnd(i64),
    /// `free`: miễn phí or không thu.
    Word(AmountWord),
}

/// The only word an amount may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AmountWord {
    /// Không thu phí, lệ phí.
    Free,
}

/// One fee or charge row.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    #[schemars(description = "fee (phí) hoặc charge (lệ phí).")]
    pub kind: FeeKind,
    #[serde(default)]
    #[schemars(description = "Tên khoản thu, ví dụ \"Lệ phí đăng ký cư trú\".")]
    pub name: Option<String>,
    #[serde(default)]
    #[schemars(
        description = "Số tiền (đồng), hoặc free khi văn bản quy định không thu. Bỏ trống khi chưa rõ: trang sẽ ghi \"chưa có thông tin\"."
    )]
    pub amount: Option<Amount>,
    #[serde(default)]
    #[schemars(description = "Đơn vị tính, ví dụ \"lần cấp\", \"bản\", \"trang\".")]
    pub per: Option<String>,
    #[serde(default)]
    #[schemars(description = "Áp dụng khi nào.")]
    pub condition: Option<String>,
    #[serde(default)]
    #[schemars(description = "Các trường hợp được miễn, giảm.")]
    pub exemptions: Vec<String>,
    #[serde(default)]
    #[schemars(description = "Căn cứ pháp lý của khoản thu (bắt buộc, trừ khi unverified: true).")]
    pub legal_basis: Vec<LegalBasis>,
    #[serde(default)]
    #[schemars(
        description = "true khi chưa tìm được văn bản quy định; trang sẽ ghi rõ \"chưa xác minh\"."
    )]
    pub unverified: bool,
    #[serde(default)]
    #[schemars(description = "Áp dụng từ ngày (YYYY-MM-DD).")]
    pub valid_from: Option<DateText>,
    #[serde(default)]
    #[schemars(description = "Áp dụng đến hết ngày (YYYY-MM-DD).")]
    pub valid_until: Option<DateText>,
}

/// Papers that apply to one case (or to every case when `case` is empty).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PaperGroup {
    #[serde(default)]
    #[schemars(
        description = "Trường hợp áp dụng, ví dụ \"Trường hợp đăng ký khai sinh cho trẻ bị bỏ rơi\". Bỏ trống: áp dụng cho mọi trường hợp."
    )]
    pub case: Option<String>,
    #[schemars(description = "Các giấy tờ.")]
    pub items: Vec<Paper>,
}

/// Whether a paper is handed over or only shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PaperHandling {
    /// Nộp.
    Submit,
    /// Xuất trình (để đối chiếu).
    Show,
}

/// One paper in the dossier.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Paper {
    #[schemars(description = "Tên giấy tờ.")]
    pub name: String,
    #[serde(default)]
    #[schemars(description = "Số bản chính.", range(min = 0))]
    pub originals: u32,
    #[serde(default)]
    #[schemars(description = "Số bản sao.", range(min = 0))]
    pub copies: u32,
    #[serde(default = "default_handling")]
    #[schemars(
        description = "submit (nộp) hoặc show (xuất trình để đối chiếu). Mặc định: submit."
    )]
    pub handling: PaperHandling,
    #[serde(default)]
    #[schemars(description = "Mẫu đơn, tờ khai phải dùng.")]
    pub form: Option<FormRef>,
    #[serde(default)]
    #[schemars(
        description = "Khi nào cơ quan phải tự tra cứu (ví dụ khi thông tin đã có trong CSDL quốc gia về dân cư) thay vì yêu cầu người dân nộp."
    )]
    pub office_looks_up: Option<String>,
    #[serde(default = "default_true")]
    #[schemars(description = "false nếu giấy tờ chỉ cần khi có (không bắt buộc).")]
    pub required: bool,
    #[serde(default)]
    #[schemars(description = "Ghi chú thêm cho người dân.")]
    pub note: Option<String>,
    #[serde(default)]
    #[schemars(description = "Văn bản quy định giấy tờ này (bắt buộc, trừ khi unverified: true).")]
    pub legal_basis: Vec<LegalBasis>,
    #[serde(default)]
    #[schemars(
        description = "true khi chưa tìm được văn bản quy định giấy tờ này; trang sẽ ghi rõ \"chưa xác minh\"."
    )]
    pub unverified: bool,
}

fn default_handling() -> PaperHandling {
    PaperHandling::Submit
}

fn default_true() -> bool {
    true
}

/// A form (mẫu đơn, tờ khai) and where to get it.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormRef {
    #[schemars(description = "Ký hiệu mẫu, ví dụ CT01.")]
    pub code: String,
    #[serde(default)]
    #[schemars(description = "Số hiệu văn bản ban hành mẫu (có trong legal/).")]
    pub issued_by: Option<String>,
    #[serde(default)]
    #[schemars(description = "Tệp mẫu trong thư mục forms/ của danh mục, ví dụ forms/CT01.docx.")]
    pub file: Option<String>,
    #[serde(default)]
    #[schemars(description = "Đường dẫn tải mẫu chính thức.")]
    pub url: Option<HttpUrl>,
}

/// A condition the applicant must meet.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    #[schemars(description = "Nội dung điều kiện.")]
    pub text: String,
    #[serde(default)]
    #[schemars(
        description = "Văn bản quy định điều kiện này (bắt buộc, trừ khi unverified: true)."
    )]
    pub legal_basis: Vec<LegalBasis>,
    #[serde(default)]
    #[schemars(
        description = "true khi chưa tìm được văn bản quy định; trang sẽ ghi rõ \"chưa xác minh\"."
    )]
    pub unverified: bool,
}

/// What the applicant receives.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProcedureResult {
    #[schemars(description = "Tên giấy tờ kết quả, ví dụ \"Giấy khai sinh\".")]
    pub name: String,
    #[serde(default)]
    #[schemars(description = "Mô tả thêm (Markdown).")]
    pub description: Option<String>,
    #[serde(default)]
    #[schemars(description = "true nếu có bản điện tử.")]
    pub electronic: bool,
}

/// A reference to a legal document in the registry, optionally down to the article.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    #[schemars(description = "Số hiệu văn bản có trong legal/, ví dụ 60/2014/QH13.")]
    pub document: String,
    #[serde(default)]
    #[schemars(description = "Điều, khoản, điểm, ví dụ \"Điều 16\" hoặc \"khoản 1 Điều 5\".")]
    pub article: Option<String>,
}

/// The kind of change a version makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Công bố mới.
    New,
    /// Sửa đổi, bổ sung.
    Amended,
    /// Thay thế.
    Replaced,
    /// Bãi bỏ.
    Abolished,
}

/// The publishing decision behind this version.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Version {
    #[schemars(description = "Số quyết định công bố, ví dụ \"1234/QĐ-BTP\".")]
    pub decision: String,
    #[serde(default)]
    #[schemars(description = "Đường dẫn tới quyết định công bố.")]
    pub decision_url: Option<HttpUrl>,
    #[schemars(description = "Ngày ký quyết định (YYYY-MM-DD).")]
    pub signed: DateText,
    #[serde(default)]
    #[schemars(description = "Ngày có hiệu lực (YYYY-MM-DD).")]
    pub effective: Option<DateText>,
    #[schemars(
        description = "new (công bố mới), amended (sửa đổi, bổ sung), replaced (thay thế), abolished (bãi bỏ)."
    )]
    pub change: ChangeKind,
    #[serde(default)]
    #[schemars(
        description = "Những bộ phận đã thay đổi, ví dụ \"phí, lệ phí\", \"thành phần hồ sơ\"."
    )]
    pub changed_parts: Vec<String>,
    #[serde(default)]
    #[schemars(description = "Mã các thủ tục mà thủ tục này thay thế.")]
    pub replaces: Vec<String>,
    #[serde(default)]
    #[schemars(description = "Mã thủ tục thay thế thủ tục này (khi đã bãi bỏ hoặc bị thay thế).")]
    pub replaced_by: Option<String>,
    #[serde(default)]
    #[schemars(description = "Ghi chú về thay đổi (Markdown).")]
    pub notes: Option<String>,
}

/// What kind of publication a source is: how far a fact taken from it can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// Văn bản gốc từ nơi ban hành chính thức (vanban.chinhphu.vn, công báo, cổng của bộ, tỉnh, vbpl.vn).
    OfficialText,
    /// Cơ sở dữ liệu quốc gia về thủ tục hành chính (dichvucong.gov.vn).
    NationalDatabase,
    /// Văn bản, cổng thông tin của chính tỉnh (quyết định công bố, nghị quyết, cổng dịch vụ công tỉnh).
    ProvincialPublication,
    /// Quyết định của tỉnh, thành phố khác công bố cùng thủ tục.
    OtherProvince,
    /// Nguồn thứ cấp: trang luật, báo, bản sao trên kho mã nguồn…
    Secondary,
}

/// Where a fact was taken from.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    #[schemars(
        description = "Tên nguồn, ví dụ \"Quyết định 1234/QĐ-BTP, phụ lục I\" hoặc \"CSDL quốc gia về TTHC, mã 1.001193\". Nguồn thứ cấp: ghi số, ngày của văn bản gốc."
    )]
    pub title: String,
    #[schemars(
        description = "Loại nguồn: official_text (văn bản gốc chính thức), national_database (CSDL quốc gia về TTHC), provincial_publication (văn bản, cổng của tỉnh), other_province (quyết định của tỉnh khác), secondary (nguồn thứ cấp)."
    )]
    pub kind: SourceKind,
    #[serde(default)]
    #[schemars(description = "Đường dẫn (bắt buộc, trừ khi printed: true).")]
    pub url: Option<HttpUrl>,
    #[serde(default)]
    #[schemars(
        description = "true khi nguồn là bản in không có đường dẫn (tên nguồn ghi rõ nơi đăng)."
    )]
    pub printed: bool,
    #[serde(default)]
    #[schemars(description = "Ngày truy cập (YYYY-MM-DD).")]
    pub accessed: Option<DateText>,
    #[serde(default)]
    #[schemars(description = "Những phần thông tin lấy từ nguồn này, ví dụ [fees, papers].")]
    pub covers: Vec<String>,
}
