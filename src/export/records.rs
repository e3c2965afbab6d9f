//! The records of the open-data JSON format and their construction from the model.

use schemars::JsonSchema;
use serde::Serialize;

use super::FORMAT_VERSION;
use crate::catalogue::model::{
    Actor, Amount, AmountWord, Catalogue, ChangeKind, ChannelKind, FeeKind, LegalStatus, Level,
    OnlineLevel, PaperHandling, Procedure, SourceKind, TimeUnit,
};
use crate::site::urls::{self, Urls};
use crate::site::views::{fee_summary, shortest_time};

/// `du-lieu/procedures.json.gz` (gzip-compressed): every procedure, legal document and agency of the catalogue.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Dữ liệu mở thủ tục hành chính (du-lieu/procedures.json.gz, giải nén gzip)")]
pub struct Dataset {
    /// Phiên bản định dạng, ví dụ "1.0".
    pub format_version: String,
    /// Địa chỉ JSON Schema của tệp này.
    pub schema: String,
    /// Tên trang.
    pub site: String,
    /// Tỉnh, thành phố mà danh mục phục vụ.
    pub province: String,
    /// Ngày đối chiếu nguồn gần nhất trong dữ liệu (YYYY-MM-DD).
    pub updated: Option<String>,
    /// Giấy phép sử dụng lại dữ liệu (không có khi cơ quan chưa công bố).
    pub licence: Option<LicenceRecord>,
    /// Các thủ tục, theo mã.
    pub procedures: Vec<ProcedureRecord>,
    /// Các văn bản pháp luật được trích dẫn, theo số hiệu.
    pub legal_documents: Vec<LegalDocumentRecord>,
    /// Các cơ quan, bộ phận một cửa, theo mã.
    pub agencies: Vec<AgencyRecord>,
    /// Các lĩnh vực, theo thứ tự của danh mục.
    pub sectors: Vec<Named>,
    /// Các quyết định công bố thủ tục, cũ trước mới sau.
    pub decisions: Vec<DecisionRecord>,
}

/// A publishing decision (quyết định công bố).
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionRecord {
    /// Số, ký hiệu quyết định.
    pub number: String,
    /// Trích yếu.
    pub title: Option<String>,
    /// Người ký, cơ quan ban hành.
    pub issuer: String,
    /// province (Chủ tịch UBND tỉnh) hoặc ministry (Bộ trưởng, Thủ trưởng cơ quan ngang bộ).
    pub level: String,
    /// Ngày ký (YYYY-MM-DD).
    pub signed: String,
    /// Ngày có hiệu lực (YYYY-MM-DD).
    pub effective: Option<String>,
    /// Toàn văn quyết định.
    pub url: Option<String>,
    /// Trang quyết định trên trang này.
    pub page: String,
    /// Văn bản quy phạm pháp luật mà quyết định công bố thủ tục để thi hành.
    pub implements: Vec<String>,
    /// Các thủ tục được công bố.
    pub items: Vec<DecisionItemRecord>,
}

/// One procedure in a decision.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionItemRecord {
    /// Mã thủ tục.
    pub procedure: String,
    /// new (mới ban hành), amended (sửa đổi, bổ sung, thay thế) hoặc abolished (bãi bỏ).
    pub kind: String,
    /// Bộ phận được sửa đổi: name, steps, channels, papers, time_limit, applicants, agencies, result, forms, conditions, fees, legal_basis.
    pub parts: Vec<String>,
}

/// `thu-tuc/<mã>/index.json`: one procedure.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Một thủ tục hành chính (thu-tuc/<mã>/index.json)")]
pub struct ProcedureDocument {
    /// Phiên bản định dạng, ví dụ "1.0".
    pub format_version: String,
    /// Địa chỉ JSON Schema của tệp này.
    pub schema: String,
    /// Thủ tục.
    pub procedure: ProcedureRecord,
}

/// The licence of the data.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LicenceRecord {
    /// Tên giấy phép, ví dụ "CC BY 4.0".
    pub name: String,
    /// Toàn văn giấy phép.
    pub url: Option<String>,
}

/// One administrative procedure.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProcedureRecord {
    /// Mã thủ tục trên CSDL quốc gia về TTHC (d.dddddd).
    pub code: String,
    /// Mã cũ.
    pub old_codes: Vec<String>,
    /// Tên thủ tục, đúng như quyết định công bố.
    pub name: String,
    /// Tên gọi thường ngày.
    pub keywords: Vec<String>,
    /// Tóm tắt (Markdown).
    pub summary: String,
    /// Địa chỉ trang thủ tục.
    pub url: String,
    /// current (đang áp dụng) hoặc abolished (đã bãi bỏ).
    pub status: Status,
    /// Lĩnh vực.
    pub sector: Named,
    /// Cấp thực hiện.
    pub levels: Vec<LevelCode>,
    /// Loại thủ tục theo CSDL quốc gia.
    pub procedure_type: Option<String>,
    /// Đối tượng thực hiện.
    pub applicants: Vec<String>,
    /// Cơ quan có thẩm quyền quyết định.
    pub competent_agency: Named,
    /// Cơ quan thực hiện.
    pub executing_agencies: Vec<Named>,
    /// Cơ quan được ủy quyền, phân cấp.
    pub delegated_agencies: Vec<Named>,
    /// Cơ quan phối hợp.
    pub coordinating_agencies: Vec<Named>,
    /// Nơi nộp hồ sơ.
    pub offices: Vec<Named>,
    /// Trình tự thực hiện.
    pub steps: Vec<StepRecord>,
    /// Cách nộp, mỗi cách có thời hạn và phí, lệ phí riêng.
    pub channels: Vec<ChannelRecord>,
    /// Thời hạn ngắn nhất, như trên trang.
    pub shortest_time: String,
    /// Tóm tắt phí, lệ phí, như trên trang.
    pub fee_summary: String,
    /// Thành phần hồ sơ theo trường hợp.
    pub papers: Vec<PaperGroupRecord>,
    /// Số bộ hồ sơ.
    pub dossier_sets: Option<u32>,
    /// Yêu cầu, điều kiện.
    pub conditions: Vec<ConditionRecord>,
    /// Kết quả.
    pub result: ResultRecord,
    /// Căn cứ pháp lý.
    pub legal_basis: Vec<LegalRef>,
    /// Phiên bản: quyết định công bố.
    pub version: VersionRecord,
    /// Nguồn của thông tin.
    pub sources: Vec<SourceRecord>,
    /// Ngày đối chiếu gần nhất (YYYY-MM-DD).
    pub last_verified: String,
    /// Thông báo quan trọng (Markdown).
    pub alert: Option<String>,
}

/// An id with its display name (sector, agency).
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Named {
    /// Mã.
    pub id: String,
    /// Tên (trống khi mã không có trong danh mục).
    pub name: String,
}

/// Whether the procedure still applies.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Đang áp dụng.
    Current,
    /// Đã bãi bỏ.
    Abolished,
}

/// A level of government.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LevelCode {
    /// Cấp bộ.
    Ministry,
    /// Cấp tỉnh.
    Province,
    /// Cấp huyện (lịch sử).
    District,
    /// Cấp xã.
    Commune,
    /// Khác.
    Other,
}

/// One step.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StepRecord {
    /// Tên bước.
    pub title: String,
    /// applicant (người dân) hoặc agency (cơ quan).
    pub actor: Option<ActorCode>,
    /// Nội dung (Markdown).
    pub text: Option<String>,
}

/// Who acts in a step.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActorCode {
    /// Người dân, tổ chức.
    Applicant,
    /// Cơ quan.
    Agency,
}

/// A way to submit a dossier.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChannelCode {
    /// Trực tiếp.
    InPerson,
    /// Trực tuyến.
    Online,
    /// Bưu chính.
    Postal,
}

/// One channel.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChannelRecord {
    /// in_person, online hoặc postal.
    pub kind: ChannelCode,
    /// Mô tả.
    pub description: Option<String>,
    /// Đường dẫn nộp trực tuyến.
    pub url: Option<String>,
    /// Mức độ trực tuyến: full (toàn trình) hoặc partial (một phần).
    pub online_level: Option<String>,
    /// Thời hạn giải quyết (dòng đầu: trường hợp thông thường).
    pub time_limits: Vec<TimeLimitRecord>,
    /// Phí, lệ phí; rỗng nghĩa là chưa có thông tin, không phải miễn phí.
    pub fees: Vec<FeeRecord>,
}

/// One time limit.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TimeLimitRecord {
    /// Số lượng.
    pub value: Option<f64>,
    /// working_days, calendar_days, hours, immediate hoặc not_specified.
    pub unit: String,
    /// Tính từ khi nào.
    pub counted_from: Option<String>,
    /// Giờ chốt trong ngày (0–23).
    pub cutoff_hour: Option<u8>,
    /// Trường hợp áp dụng (trống: thông thường).
    pub condition: Option<String>,
    /// Văn bản quy định.
    pub legal_basis: Vec<LegalRef>,
    /// true khi chưa xác minh được văn bản quy định.
    pub unverified: bool,
}

/// One fee or charge.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FeeRecord {
    /// fee (phí) hoặc charge (lệ phí).
    pub kind: String,
    /// Tên khoản thu.
    pub name: Option<String>,
    /// Số tiền (đồng); không có khi miễn hoặc chưa rõ.
    pub amount_vnd: Option<i64>,
    /// true khi văn bản quy định không thu.
    pub free: bool,
    /// Đơn vị tính.
    pub per: Option<String>,
    /// Áp dụng khi nào.
    pub condition: Option<String>,
    /// Trường hợp miễn, giảm.
    pub exemptions: Vec<String>,
    /// Văn bản quy định.
    pub legal_basis: Vec<LegalRef>,
    /// true khi chưa xác minh được văn bản quy định.
    pub unverified: bool,
    /// Áp dụng từ ngày (YYYY-MM-DD).
    pub valid_from: Option<String>,
    /// Áp dụng đến hết ngày (YYYY-MM-DD).
    pub valid_until: Option<String>,
}

/// Papers of one case.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PaperGroupRecord {
    /// Trường hợp (trống: mọi trường hợp).
    pub case: Option<String>,
    /// Giấy tờ.
    pub items: Vec<PaperRecord>,
}

/// One paper.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PaperRecord {
    /// Tên giấy tờ.
    pub name: String,
    /// Số bản chính.
    pub originals: u32,
    /// Số bản sao.
    pub copies: u32,
    /// submit (nộp) hoặc show (xuất trình).
    pub handling: String,
    /// true khi bắt buộc.
    pub required: bool,
    /// Mẫu đơn, tờ khai.
    pub form: Option<FormRecord>,
    /// Khi nào cơ quan tự tra cứu thay vì yêu cầu nộp.
    pub office_looks_up: Option<String>,
    /// Ghi chú.
    pub note: Option<String>,
    /// Văn bản quy định.
    pub legal_basis: Vec<LegalRef>,
    /// true khi chưa xác minh được văn bản quy định.
    pub unverified: bool,
}

/// A form to fill in.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormRecord {
    /// Ký hiệu mẫu.
    pub code: String,
    /// Văn bản ban hành mẫu.
    pub issued_by: Option<String>,
    /// Tệp mẫu trên trang này (địa chỉ đầy đủ).
    pub file_url: Option<String>,
    /// Đường dẫn tải mẫu chính thức.
    pub url: Option<String>,
}

/// A condition.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConditionRecord {
    /// Nội dung.
    pub text: String,
    /// Văn bản quy định.
    pub legal_basis: Vec<LegalRef>,
    /// true khi chưa xác minh được văn bản quy định.
    pub unverified: bool,
}

/// The result.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultRecord {
    /// Tên giấy tờ kết quả.
    pub name: String,
    /// Mô tả (Markdown).
    pub description: Option<String>,
    /// true khi có bản điện tử.
    pub electronic: bool,
}

/// A citation of a legal document.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LegalRef {
    /// Số hiệu văn bản.
    pub document: String,
    /// Điều, khoản.
    pub article: Option<String>,
}

/// The publishing decision of the current version.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionRecord {
    /// Số quyết định công bố.
    pub decision: String,
    /// Đường dẫn quyết định.
    pub decision_url: Option<String>,
    /// Ngày ký (YYYY-MM-DD).
    pub signed: String,
    /// Ngày hiệu lực (YYYY-MM-DD).
    pub effective: Option<String>,
    /// new, amended, replaced hoặc abolished.
    pub change: String,
    /// Bộ phận đã thay đổi.
    pub changed_parts: Vec<String>,
    /// Mã các thủ tục được thay thế.
    pub replaces: Vec<String>,
    /// Mã thủ tục thay thế.
    pub replaced_by: Option<String>,
    /// Ghi chú (Markdown).
    pub notes: Option<String>,
}

/// A source of facts.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceRecord {
    /// Tên nguồn.
    pub title: String,
    /// official_text, national_database, provincial_publication, other_province hoặc secondary.
    pub kind: String,
    /// Đường dẫn.
    pub url: Option<String>,
    /// true khi là bản in không có đường dẫn.
    pub printed: bool,
    /// Ngày truy cập (YYYY-MM-DD).
    pub accessed: Option<String>,
    /// Phần thông tin lấy từ nguồn.
    pub covers: Vec<String>,
}

/// A legal document.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LegalDocumentRecord {
    /// Số, ký hiệu.
    pub number: String,
    /// Loại văn bản.
    pub kind: String,
    /// Trích yếu.
    pub title: String,
    /// Cơ quan ban hành.
    pub issuer: String,
    /// Ngày ban hành (YYYY-MM-DD).
    pub signed: String,
    /// Ngày có hiệu lực (YYYY-MM-DD).
    pub in_force_from: Option<String>,
    /// in_force, amended, replaced, expired hoặc repealed.
    pub status: String,
    /// Ngày cuối còn hiệu lực (YYYY-MM-DD).
    pub in_force_until: Option<String>,
    /// Văn bản thay thế.
    pub replaced_by: Option<DocumentChangeRecord>,
    /// Các văn bản sửa đổi, bổ sung.
    pub amended_by: Vec<DocumentChangeRecord>,
    /// Toàn văn chính thức.
    pub url: Option<String>,
    /// Trang văn bản trên trang này.
    pub page: String,
}

/// A later document that changed one.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentChangeRecord {
    /// Số hiệu.
    pub document: String,
    /// Có hiệu lực từ (YYYY-MM-DD).
    pub from: String,
}

/// An agency or one-stop office.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgencyRecord {
    /// Mã.
    pub id: String,
    /// Tên.
    pub name: String,
    /// Tên ngắn.
    pub short_name: Option<String>,
    /// Cấp.
    pub level: LevelCode,
    /// Địa chỉ tiếp nhận.
    pub address: Option<String>,
    /// Điện thoại.
    pub phone: Option<String>,
    /// Thư điện tử.
    pub email: Option<String>,
    /// Trang thông tin.
    pub website: Option<String>,
    /// Trang cơ quan trên trang này.
    pub page: String,
}

/// The published code of a level.
pub(crate) fn level(l: Level) -> LevelCode {
    match l {
        Level::Ministry => LevelCode::Ministry,
        Level::Province => LevelCode::Province,
        Level::District => LevelCode::District,
        Level::Commune => LevelCode::Commune,
        Level::Other => LevelCode::Other,
    }
}

fn channel(k: ChannelKind) -> ChannelCode {
    match k {
        ChannelKind::InPerson => ChannelCode::InPerson,
        ChannelKind::Online => ChannelCode::Online,
        ChannelKind::Postal => ChannelCode::Postal,
    }
}

fn time_unit(u: TimeUnit) -> &'static str {
    match u {
        TimeUnit::WorkingDays => "working_days",
        TimeUnit::CalendarDays => "calendar_days",
        TimeUnit::Hours => "hours",
        TimeUnit::Immediate => "immediate",
        TimeUnit::NotSpecified => "not_specified",
    }
}

fn change(c: ChangeKind) -> &'static str {
    match c {
        ChangeKind::New => "new",
        ChangeKind::Amended => "amended",
        ChangeKind::Replaced => "replaced",
        ChangeKind::Abolished => "abolished",
    }
}

fn source_kind(k: SourceKind) -> &'static str {
    match k {
        SourceKind::OfficialText => "official_text",
        SourceKind::NationalDatabase => "national_database",
        SourceKind::ProvincialPublication => "provincial_publication",
        SourceKind::OtherProvince => "other_province",
        SourceKind::Secondary => "secondary",
    }
}

/// A legal document's status as the open-data formats (JSON and CSV) write it.
pub(crate) fn legal_status(s: LegalStatus) -> &'static str {
    match s {
        LegalStatus::InForce => "in_force",
        LegalStatus::Amended => "amended",
        LegalStatus::Replaced => "replaced",
        LegalStatus::Expired => "expired",
        LegalStatus::Repealed => "repealed",
    }
}

fn decision(urls: &Urls, d: &crate::catalogue::decision::Decision) -> DecisionRecord {
    use crate::catalogue::decision::{DecisionLevel, ItemKind};
    DecisionRecord {
        number: d.number.clone(),
        title: d.title.clone(),
        issuer: d.issuer.clone(),
        level: match d.level {
            DecisionLevel::Province => "province",
            DecisionLevel::Ministry => "ministry",
        }
        .to_string(),
        signed: d.signed.format("%Y-%m-%d").to_string(),
        effective: d.effective.map(|e| e.format("%Y-%m-%d").to_string()),
        url: text(&d.url),
        page: urls.absolute(&crate::site::pages::publication::decision_page(&d.slug)),
        implements: d.implements.clone(),
        items: d
            .items
            .iter()
            .map(|i| DecisionItemRecord {
                procedure: i.procedure.clone(),
                kind: match i.kind {
                    ItemKind::New => "new",
                    ItemKind::Amended => "amended",
                    ItemKind::Abolished => "abolished",
                }
                .to_string(),
                parts: i.parts.iter().map(|p| part_name(*p).to_string()).collect(),
            })
            .collect(),
    }
}

/// A decision part's name in the published format. Spelled out rather than taken from the
/// input's `Part::key`, so renaming an input key cannot change the format.
fn part_name(p: crate::catalogue::decision::Part) -> &'static str {
    use crate::catalogue::decision::Part;
    match p {
        Part::Name => "name",
        Part::Steps => "steps",
        Part::Channels => "channels",
        Part::Papers => "papers",
        Part::TimeLimit => "time_limit",
        Part::Applicants => "applicants",
        Part::Agencies => "agencies",
        Part::Result => "result",
        Part::Forms => "forms",
        Part::Conditions => "conditions",
        Part::Fees => "fees",
        Part::LegalBasis => "legal_basis",
    }
}

fn refs(basis: &[crate::catalogue::model::LegalBasis]) -> Vec<LegalRef> {
    basis
        .iter()
        .map(|b| LegalRef {
            document: b.document.clone(),
            article: b.article.clone(),
        })
        .collect()
}

fn named_agency(c: &Catalogue, id: &str) -> Named {
    Named {
        id: id.to_string(),
        name: c
            .agencies
            .get(id)
            .map(|a| a.name.clone())
            .unwrap_or_default(),
    }
}

fn text<T: ToString>(v: &Option<T>) -> Option<String> {
    v.as_ref().map(ToString::to_string)
}

/// The record of procedure `p`.
pub(crate) fn procedure_record(urls: &Urls, c: &Catalogue, p: &Procedure) -> ProcedureRecord {
    // Reads the parts a summary drops: callers pass `Catalogue::full`'s procedure.
    debug_assert!(!p.is_summary(), "{} is a summary", p.code);
    let agencies = |ids: &[String]| ids.iter().map(|id| named_agency(c, id)).collect();
    ProcedureRecord {
        code: p.code.clone(),
        old_codes: p.old_codes.clone(),
        name: p.name.clone(),
        keywords: p.keywords.clone(),
        summary: p.summary.clone(),
        url: urls.absolute(&urls::procedure(&p.code)),
        status: if p.is_abolished() {
            Status::Abolished
        } else {
            Status::Current
        },
        sector: Named {
            id: p.sector.clone(),
            name: c
                .sector(&p.sector)
                .map(|s| s.name.clone())
                .unwrap_or_default(),
        },
        levels: p.levels.iter().map(|l| level(*l)).collect(),
        procedure_type: p.procedure_type.clone(),
        applicants: p.applicants.clone(),
        competent_agency: named_agency(c, &p.agencies.competent),
        executing_agencies: agencies(&p.agencies.executing),
        delegated_agencies: agencies(&p.agencies.delegated),
        coordinating_agencies: agencies(&p.agencies.coordinating),
        offices: agencies(&p.offices),
        steps: p
            .steps
            .iter()
            .map(|s| StepRecord {
                title: s.title.clone(),
                actor: s.actor.map(|a| match a {
                    Actor::Applicant => ActorCode::Applicant,
                    Actor::Agency => ActorCode::Agency,
                }),
                text: s.text.clone(),
            })
            .collect(),
        channels: p
            .channels
            .iter()
            .map(|ch| ChannelRecord {
                kind: channel(ch.kind),
                description: ch.description.clone(),
                url: text(&ch.url),
                online_level: ch.online_level.map(|l| {
                    match l {
                        OnlineLevel::Full => "full",
                        OnlineLevel::Partial => "partial",
                    }
                    .to_string()
                }),
                time_limits: ch
                    .time_limits
                    .iter()
                    .map(|t| TimeLimitRecord {
                        value: t.value,
                        unit: time_unit(t.unit).to_string(),
                        counted_from: t.counted_from.clone(),
                        cutoff_hour: t.cutoff_hour,
                        condition: t.condition.clone(),
                        legal_basis: refs(&t.legal_basis),
                        unverified: t.unverified,
                    })
                    .collect(),
                fees: ch
                    .fees
                    .iter()
                    .map(|f| FeeRecord {
                        kind: match f.kind {
                            FeeKind::Fee => "fee",
                            FeeKind::Charge => "charge",
                        }
                        .to_string(),
                        name: f.name.clone(),
                        amount_vnd: match f.amount {
                            Some(Amount::Vnd(v)) => Some(v),
                            _ => None,
                        },
                        free: matches!(f.amount, Some(Amount::Word(AmountWord::Free))),
                        per: f.per.clone(),
                        condition: f.condition.clone(),
                        exemptions: f.exemptions.clone(),
                        legal_basis: refs(&f.legal_basis),
                        unverified: f.unverified,
                        valid_from: text(&f.valid_from),
                        valid_until: text(&f.valid_until),
                    })
                    .collect(),
            })
            .collect(),
        shortest_time: shortest_time(p),
        fee_summary: fee_summary(p),
        papers: p
            .papers
            .iter()
            .map(|g| PaperGroupRecord {
                case: g.case.clone(),
                items: g
                    .items
                    .iter()
                    .map(|i| PaperRecord {
                        name: i.name.clone(),
                        originals: i.originals,
                        copies: i.copies,
                        handling: match i.handling {
                            PaperHandling::Submit => "submit",
                            PaperHandling::Show => "show",
                        }
                        .to_string(),
                        required: i.required,
                        form: i.form.as_ref().map(|f| FormRecord {
                            code: f.code.clone(),
                            issued_by: f.issued_by.clone(),
                            file_url: f.file.as_ref().map(|file| urls.absolute(file)),
                            url: text(&f.url),
                        }),
                        office_looks_up: i.office_looks_up.clone(),
                        note: i.note.clone(),
                        legal_basis: refs(&i.legal_basis),
                        unverified: i.unverified,
                    })
                    .collect(),
            })
            .collect(),
        dossier_sets: p.dossier_sets,
        conditions: p
            .conditions
            .iter()
            .map(|k| ConditionRecord {
                text: k.text.clone(),
                legal_basis: refs(&k.legal_basis),
                unverified: k.unverified,
            })
            .collect(),
        result: ResultRecord {
            name: p.result.name.clone(),
            description: p.result.description.clone(),
            electronic: p.result.electronic,
        },
        legal_basis: refs(&p.legal_basis),
        version: VersionRecord {
            decision: p.version.decision.clone(),
            decision_url: text(&p.version.decision_url),
            signed: p.signed.format("%Y-%m-%d").to_string(),
            effective: p.effective.map(|d| d.format("%Y-%m-%d").to_string()),
            change: change(p.version.change).to_string(),
            changed_parts: p.version.changed_parts.clone(),
            replaces: p.version.replaces.clone(),
            replaced_by: p.version.replaced_by.clone(),
            notes: p.version.notes.clone(),
        },
        sources: p
            .sources
            .iter()
            .map(|s| SourceRecord {
                title: s.title.clone(),
                kind: source_kind(s.kind).to_string(),
                url: text(&s.url),
                printed: s.printed,
                accessed: text(&s.accessed),
                covers: s.covers.clone(),
            })
            .collect(),
        last_verified: p.last_verified.format("%Y-%m-%d").to_string(),
        alert: p.alert.clone(),
    }
}

/// The per-procedure document of `p`.
pub(crate) fn procedure_document(urls: &Urls, c: &Catalogue, p: &Procedure) -> ProcedureDocument {
    ProcedureDocument {
        format_version: FORMAT_VERSION.to_string(),
        schema: urls.absolute(super::PROCEDURE_SCHEMA),
        procedure: procedure_record(urls, c, p),
    }
}

/// The bulk document around already built procedure records.
pub(crate) fn bulk(urls: &Urls, c: &Catalogue, procedures: Vec<ProcedureRecord>) -> Dataset {
    Dataset {
        format_version: FORMAT_VERSION.to_string(),
        schema: urls.absolute(super::DATASET_SCHEMA),
        site: c.site.name.clone(),
        province: c.site.province.clone(),
        updated: c
            .procedures
            .iter()
            .map(|p| p.last_verified)
            .max()
            .map(|d| d.format("%Y-%m-%d").to_string()),
        licence: c.site.licence.as_ref().map(|l| LicenceRecord {
            name: l.name.clone(),
            url: text(&l.url),
        }),
        procedures,
        legal_documents: c
            .legal
            .values()
            .map(|d| LegalDocumentRecord {
                number: d.number.clone(),
                kind: d.kind.clone(),
                title: d.title.clone(),
                issuer: d.issuer.clone(),
                signed: d.signed.to_string(),
                in_force_from: text(&d.in_force_from),
                status: legal_status(d.status).to_string(),
                in_force_until: text(&d.in_force_until),
                replaced_by: d.replaced_by.as_ref().map(|r| DocumentChangeRecord {
                    document: r.document.clone(),
                    from: r.from.to_string(),
                }),
                amended_by: d
                    .amended_by
                    .iter()
                    .map(|r| DocumentChangeRecord {
                        document: r.document.clone(),
                        from: r.from.to_string(),
                    })
                    .collect(),
                url: text(&d.url),
                page: urls.absolute(&urls::legal(&d.number)),
            })
            .collect(),
        agencies: c
            .agencies
            .values()
            .map(|a| AgencyRecord {
                id: a.id.clone(),
                name: a.name.clone(),
                short_name: a.short_name.clone(),
                level: level(a.level),
                address: a.address.clone(),
                phone: a.phone.clone(),
                email: a.email.clone(),
                website: text(&a.website),
                page: urls.absolute(&urls::agency(&a.id)),
            })
            .collect(),
        sectors: c
            .sectors
            .iter()
            .map(|s| Named {
                id: s.id.clone(),
                name: s.name.clone(),
            })
            .collect(),
        decisions: c.decisions.iter().map(|d| decision(urls, d)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::decision::Part;

    /// Today the published part names are the input's keys. If an input key is renamed, this
    /// fails: keep the published name (and write the exception here) or bump `format_version`.
    #[test]
    fn published_part_names_are_the_input_keys_today() {
        for p in Part::ALL {
            assert_eq!(part_name(p), p.key(), "{p:?}");
        }
        let names: std::collections::BTreeSet<_> =
            Part::ALL.iter().map(|p| part_name(*p)).collect();
        assert_eq!(names.len(), Part::ALL.len(), "names are distinct");
    }
}
