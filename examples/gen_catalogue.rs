//! Synthetic catalogue generator: N procedures in motcua's real catalogue format, plus the
//! site, sectors, agencies, legal documents, forms and journeys they reference, so the result
//! passes `motcua check` with no errors.
//!
//! ```text
//! cargo run --release --example gen_catalogue -- N OUTDIR [--seed S]
//! ```
//!
//! The text is realistic Vietnamese built from the patterns of real procedure names, papers
//! and steps. The output depends only on (N, seed): a tiny xorshift PRNG, no clock, no
//! hash-map order. Records are built from `motcua::catalogue::raw` types and written with
//! serde_yaml, so the generator follows the format as the code defines it.
//!
//! Also used as a module by the integration tests and the `check` benchmark.

use std::path::Path;

use motcua::catalogue::raw::{
    self, Actor, AgencyFile, Amount, AmountWord, ChangeKind, Channel, ChannelKind, Condition,
    Contact, ContactUrl, Fee, FeeKind, Feedback, FormRef, HttpUrl, JourneyFile, JourneyKind,
    JourneyStep, LegalBasis, LegalDocument, LegalStatus, Level, OnlineLevel, Paper, PaperGroup,
    PaperHandling, ProcedureAgencies, ProcedureFile, ProcedureResult, SectorsFile, SiteFile,
    Source, SourceKind, Step, TimeLimit, TimeUnit, Version,
};

/// The default seed.
pub const DEFAULT_SEED: u64 = 20_260_601;

/// xorshift64*: tiny, deterministic, good enough for test data.
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed` (any value; 0 is remapped).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p` percent.
    pub fn chance(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    /// One element.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `k` distinct elements, in random order.
    pub fn sample<'a, T>(&mut self, items: &'a [T], k: usize) -> Vec<&'a T> {
        let mut idx: Vec<usize> = (0..items.len()).collect();
        let k = k.min(items.len());
        for i in 0..k {
            let j = i + self.below(items.len() - i);
            idx.swap(i, j);
        }
        idx[..k].iter().map(|&i| &items[i]).collect()
    }
}

/// One sector's vocabulary.
struct SectorSpec {
    id: &'static str,
    name: &'static str,
    description: &'static str,
    /// (agency id, level) that decide procedures of this sector.
    agencies: &'static [(&'static str, Level)],
    /// Things a procedure is about ("giấy phép lái xe").
    objects: &'static [&'static str],
    papers: &'static [&'static str],
    /// Numbers of the laws and decrees of the sector (all in `LEGAL`).
    laws: &'static [&'static str],
}

const SECTORS: &[SectorSpec] = &[
    SectorSpec {
        id: "ho-tich",
        name: "Hộ tịch",
        description:
            "Khai sinh, kết hôn, khai tử, xác nhận tình trạng hôn nhân và các việc hộ tịch khác.",
        agencies: &[
            ("ubnd-cap-xa", Level::Commune),
            ("so-tu-phap", Level::Province),
        ],
        objects: &[
            "khai sinh",
            "kết hôn",
            "khai tử",
            "nhận cha, mẹ, con",
            "giám hộ",
            "thay đổi, cải chính, bổ sung thông tin hộ tịch",
            "khai sinh có yếu tố nước ngoài",
            "xác nhận tình trạng hôn nhân",
        ],
        papers: &[
            "Tờ khai đăng ký khai sinh theo mẫu",
            "Giấy chứng sinh",
            "Tờ khai đăng ký kết hôn theo mẫu",
            "Giấy báo tử hoặc giấy tờ thay thế giấy báo tử",
            "Văn bản ủy quyền được chứng thực",
            "Trích lục bản án, quyết định ly hôn đã có hiệu lực pháp luật",
        ],
        laws: &["60/2014/QH13", "123/2015/NĐ-CP", "04/2020/TT-BTP"],
    },
    SectorSpec {
        id: "cu-tru",
        name: "Đăng ký, quản lý cư trú",
        description: "Đăng ký thường trú, tạm trú, khai báo tạm vắng, xoá đăng ký cư trú.",
        agencies: &[("cong-an-cap-xa", Level::Commune)],
        objects: &[
            "thường trú",
            "tạm trú",
            "gia hạn tạm trú",
            "khai báo tạm vắng",
            "thông báo lưu trú",
            "xác nhận thông tin về cư trú",
        ],
        papers: &[
            "Tờ khai thay đổi thông tin cư trú (mẫu CT01)",
            "Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp",
            "Văn bản đồng ý cho đăng ký thường trú của chủ hộ",
            "Hợp đồng thuê, cho mượn, cho ở nhờ chỗ ở hợp pháp",
        ],
        laws: &["68/2020/QH14", "154/2024/NĐ-CP", "75/2022/TT-BTC"],
    },
    SectorSpec {
        id: "chung-thuc",
        name: "Chứng thực",
        description:
            "Chứng thực bản sao từ bản chính, chứng thực chữ ký, chứng thực hợp đồng, giao dịch.",
        agencies: &[
            ("ubnd-cap-xa", Level::Commune),
            ("so-tu-phap", Level::Province),
        ],
        objects: &[
            "chứng thực bản sao từ bản chính",
            "chứng thực chữ ký",
            "chứng thực hợp đồng, giao dịch",
            "chứng thực việc sửa đổi, bổ sung hợp đồng",
        ],
        papers: &[
            "Bản chính giấy tờ, văn bản cần chứng thực",
            "Bản sao cần chứng thực",
            "Dự thảo hợp đồng, giao dịch",
            "Giấy tờ tùy thân còn giá trị sử dụng",
        ],
        laws: &["23/2015/NĐ-CP", "01/2020/TT-BTP"],
    },
    SectorSpec {
        id: "dat-dai",
        name: "Đất đai",
        description: "Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất, đăng ký biến động.",
        agencies: &[
            ("van-phong-dang-ky-dat-dai", Level::Province),
            ("ubnd-cap-xa", Level::Commune),
        ],
        objects: &[
            "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
            "biến động đất đai",
            "chuyển mục đích sử dụng đất",
            "tách thửa hoặc hợp thửa đất",
            "đất đai lần đầu",
        ],
        papers: &[
            "Đơn đăng ký đất đai, tài sản gắn liền với đất (Mẫu số 04/ĐK)",
            "Giấy chứng nhận quyền sử dụng đất đã cấp",
            "Hợp đồng chuyển nhượng quyền sử dụng đất đã được công chứng",
            "Mảnh trích đo bản đồ địa chính thửa đất",
        ],
        laws: &["31/2024/QH15", "101/2024/NĐ-CP"],
    },
    SectorSpec {
        id: "giao-thong",
        name: "Giao thông, đường bộ",
        description: "Giấy phép lái xe, đăng ký xe.",
        agencies: &[
            ("so-xay-dung", Level::Province),
            ("cong-an-tinh", Level::Province),
        ],
        objects: &[
            "giấy phép lái xe",
            "chứng nhận đăng ký xe",
            "biển số xe",
            "giấy phép lái xe quốc tế",
            "phù hiệu xe ô tô kinh doanh vận tải",
        ],
        papers: &[
            "Đơn đề nghị đổi, cấp lại giấy phép lái xe theo mẫu",
            "Giấy khám sức khỏe của người lái xe",
            "Bản chính giấy phép lái xe cũ",
            "Giấy khai đăng ký xe",
            "Chứng từ lệ phí trước bạ",
        ],
        laws: &["36/2024/QH15", "79/2024/TT-BCA"],
    },
    SectorSpec {
        id: "xuat-nhap-canh",
        name: "Xuất nhập cảnh",
        description: "Hộ chiếu phổ thông và giấy tờ xuất nhập cảnh của công dân Việt Nam.",
        agencies: &[
            ("cong-an-tinh", Level::Province),
            ("cuc-qlxnc", Level::Ministry),
        ],
        objects: &[
            "hộ chiếu phổ thông",
            "giấy thông hành biên giới",
            "khôi phục giá trị sử dụng hộ chiếu",
            "báo mất hộ chiếu phổ thông",
        ],
        papers: &[
            "Tờ khai đề nghị cấp hộ chiếu phổ thông (mẫu TK01)",
            "Ảnh chân dung cỡ 4x6 cm, phông nền trắng",
            "Hộ chiếu phổ thông cũ còn giá trị sử dụng",
            "Đơn báo mất hộ chiếu phổ thông (mẫu TK05)",
        ],
        laws: &["49/2019/QH14", "31/2023/TT-BCA"],
    },
    SectorSpec {
        id: "kinh-doanh",
        name: "Thành lập và hoạt động của hộ kinh doanh, doanh nghiệp",
        description:
            "Đăng ký hộ kinh doanh, doanh nghiệp, thay đổi, tạm ngừng, chấm dứt kinh doanh.",
        agencies: &[
            ("phong-dang-ky-kinh-doanh", Level::Province),
            ("ubnd-cap-xa", Level::Commune),
        ],
        objects: &[
            "hộ kinh doanh",
            "thành lập doanh nghiệp tư nhân",
            "thay đổi nội dung đăng ký doanh nghiệp",
            "tạm ngừng kinh doanh",
            "hoạt động chi nhánh, văn phòng đại diện",
        ],
        papers: &[
            "Giấy đề nghị đăng ký doanh nghiệp",
            "Điều lệ công ty",
            "Danh sách thành viên",
            "Biên bản họp thành viên hộ gia đình",
            "Văn bản ủy quyền cho cá nhân thực hiện thủ tục",
        ],
        laws: &["59/2020/QH14", "168/2025/NĐ-CP"],
    },
    SectorSpec {
        id: "y-te",
        name: "Y tế",
        description: "Hành nghề khám bệnh, chữa bệnh, dược, an toàn thực phẩm.",
        agencies: &[("so-y-te", Level::Province)],
        objects: &[
            "giấy phép hành nghề khám bệnh, chữa bệnh",
            "chứng chỉ hành nghề dược",
            "giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
            "giấy phép hoạt động khám bệnh, chữa bệnh",
        ],
        papers: &[
            "Đơn đề nghị cấp giấy phép hành nghề theo mẫu",
            "Bản sao văn bằng chuyên môn phù hợp",
            "Giấy xác nhận quá trình thực hành",
            "Bản kê khai cơ sở vật chất, thiết bị y tế",
        ],
        laws: &["15/2023/QH15", "96/2023/NĐ-CP"],
    },
    SectorSpec {
        id: "bao-tro-xa-hoi",
        name: "Bảo trợ xã hội, người có công",
        description: "Trợ cấp xã hội, mai táng phí, chế độ người có công.",
        agencies: &[
            ("ubnd-cap-xa", Level::Commune),
            ("so-noi-vu", Level::Province),
        ],
        objects: &[
            "trợ cấp xã hội hằng tháng",
            "hỗ trợ chi phí mai táng",
            "trợ giúp xã hội khẩn cấp",
            "chế độ ưu đãi người có công",
        ],
        papers: &[
            "Tờ khai đề nghị trợ giúp xã hội",
            "Giấy xác nhận khuyết tật",
            "Giấy báo tử",
            "Sổ hộ nghèo hoặc giấy tờ chứng minh",
        ],
        laws: &["20/2021/NĐ-CP", "02/2020/UBTVQH14"],
    },
];

/// (number, kind, title, issuer, signed, effective)
const LEGAL: &[(&str, &str, &str, &str, &str, &str)] = &[
    ("60/2014/QH13", "Luật", "Luật Hộ tịch", "Quốc hội", "2014-11-20", "2016-01-01"),
    ("123/2015/NĐ-CP", "Nghị định", "Quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch", "Chính phủ", "2015-11-15", "2016-01-01"),
    ("04/2020/TT-BTP", "Thông tư", "Quy định chi tiết thi hành một số điều của Luật Hộ tịch", "Bộ Tư pháp", "2020-05-28", "2020-07-16"),
    ("68/2020/QH14", "Luật", "Luật Cư trú", "Quốc hội", "2020-11-13", "2021-07-01"),
    ("154/2024/NĐ-CP", "Nghị định", "Quy định chi tiết một số điều và biện pháp thi hành Luật Cư trú", "Chính phủ", "2024-11-26", "2024-12-26"),
    ("75/2022/TT-BTC", "Thông tư", "Quy định mức thu, chế độ thu, nộp, quản lý và sử dụng lệ phí đăng ký cư trú", "Bộ Tài chính", "2022-12-22", "2023-02-05"),
    ("23/2015/NĐ-CP", "Nghị định", "Về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch", "Chính phủ", "2015-02-16", "2015-04-10"),
    ("01/2020/TT-BTP", "Thông tư", "Quy định chi tiết một số điều và biện pháp thi hành Nghị định 23/2015/NĐ-CP", "Bộ Tư pháp", "2020-03-03", "2020-04-20"),
    ("31/2024/QH15", "Luật", "Luật Đất đai", "Quốc hội", "2024-01-18", "2024-08-01"),
    ("101/2024/NĐ-CP", "Nghị định", "Quy định về điều tra cơ bản đất đai; đăng ký, cấp Giấy chứng nhận quyền sử dụng đất", "Chính phủ", "2024-07-29", "2024-08-01"),
    ("36/2024/QH15", "Luật", "Luật Trật tự, an toàn giao thông đường bộ", "Quốc hội", "2024-06-27", "2025-01-01"),
    ("79/2024/TT-BCA", "Thông tư", "Quy định về cấp, thu hồi chứng nhận đăng ký xe, biển số xe", "Bộ Công an", "2024-11-15", "2025-01-01"),
    ("49/2019/QH14", "Luật", "Luật Xuất cảnh, nhập cảnh của công dân Việt Nam", "Quốc hội", "2019-11-22", "2020-07-01"),
    ("31/2023/TT-BCA", "Thông tư", "Quy định về mẫu hộ chiếu, giấy thông hành và các biểu mẫu liên quan", "Bộ Công an", "2023-07-20", "2023-08-15"),
    ("59/2020/QH14", "Luật", "Luật Doanh nghiệp", "Quốc hội", "2020-06-17", "2021-01-01"),
    ("168/2025/NĐ-CP", "Nghị định", "Về đăng ký doanh nghiệp", "Chính phủ", "2025-06-30", "2025-07-01"),
    ("15/2023/QH15", "Luật", "Luật Khám bệnh, chữa bệnh", "Quốc hội", "2023-01-09", "2024-01-01"),
    ("96/2023/NĐ-CP", "Nghị định", "Quy định chi tiết một số điều của Luật Khám bệnh, chữa bệnh", "Chính phủ", "2023-12-30", "2024-01-01"),
    ("20/2021/NĐ-CP", "Nghị định", "Quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội", "Chính phủ", "2021-03-15", "2021-07-01"),
    ("02/2020/UBTVQH14", "Nghị quyết", "Về mức giảm trừ gia cảnh của thuế thu nhập cá nhân", "Ủy ban Thường vụ Quốc hội", "2020-06-02", "2020-07-01"),
    ("85/2019/TT-BTC", "Thông tư", "Hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân dân tỉnh", "Bộ Tài chính", "2019-11-29", "2020-01-01"),
    ("107/2021/NĐ-CP", "Nghị định", "Sửa đổi, bổ sung một số điều của Nghị định 61/2018/NĐ-CP về thực hiện cơ chế một cửa, một cửa liên thông", "Chính phủ", "2021-12-06", "2022-01-01"),
];

/// Fee documents cited by fees.
const FEE_DOCS: &[&str] = &["85/2019/TT-BTC", "75/2022/TT-BTC"];

/// (id, name, level, parent)
const AGENCIES: &[(&str, &str, Level, Option<&str>)] = &[
    ("ubnd-tinh", "Ủy ban nhân dân tỉnh", Level::Province, None),
    (
        "ubnd-cap-xa",
        "Ủy ban nhân dân xã, phường",
        Level::Commune,
        Some("ubnd-tinh"),
    ),
    (
        "bo-phan-mot-cua-cap-xa",
        "Bộ phận Một cửa cấp xã",
        Level::Commune,
        Some("ubnd-cap-xa"),
    ),
    (
        "trung-tam-pvhcc",
        "Trung tâm Phục vụ hành chính công tỉnh",
        Level::Province,
        Some("ubnd-tinh"),
    ),
    (
        "so-tu-phap",
        "Sở Tư pháp",
        Level::Province,
        Some("ubnd-tinh"),
    ),
    (
        "so-xay-dung",
        "Sở Xây dựng",
        Level::Province,
        Some("ubnd-tinh"),
    ),
    ("so-y-te", "Sở Y tế", Level::Province, Some("ubnd-tinh")),
    ("so-noi-vu", "Sở Nội vụ", Level::Province, Some("ubnd-tinh")),
    (
        "van-phong-dang-ky-dat-dai",
        "Văn phòng đăng ký đất đai tỉnh",
        Level::Province,
        Some("ubnd-tinh"),
    ),
    (
        "phong-dang-ky-kinh-doanh",
        "Phòng Đăng ký kinh doanh - Sở Tài chính",
        Level::Province,
        Some("ubnd-tinh"),
    ),
    ("cong-an-tinh", "Công an tỉnh", Level::Province, None),
    (
        "cong-an-cap-xa",
        "Công an xã, phường",
        Level::Commune,
        Some("cong-an-tinh"),
    ),
    (
        "cuc-qlxnc",
        "Cục Quản lý xuất nhập cảnh - Bộ Công an",
        Level::Ministry,
        None,
    ),
];

const VERBS: &[&str] = &[
    "Đăng ký",
    "Cấp",
    "Cấp lại",
    "Cấp đổi",
    "Gia hạn",
    "Điều chỉnh",
    "Xác nhận",
];
const QUALIFIERS: &[&str] = &[
    "",
    "",
    "",
    " có yếu tố nước ngoài",
    " (thực hiện tại cấp xã)",
    " trên môi trường điện tử",
    " cho người dưới 14 tuổi",
    " lần đầu",
];
const APPLICANTS: &[&str] = &[
    "Công dân Việt Nam",
    "Người Việt Nam định cư ở nước ngoài",
    "Người nước ngoài cư trú tại Việt Nam",
    "Cơ quan, tổ chức",
    "Hộ gia đình, cá nhân kinh doanh",
];
const GENERIC_PAPERS: &[&str] = &[
    "Giấy tờ tùy thân còn giá trị sử dụng (Thẻ căn cước, Hộ chiếu)",
    "Văn bản ủy quyền (nếu nộp thay)",
    "Ảnh chân dung màu cỡ 3x4 cm chụp không quá 06 tháng",
    "Giấy tờ chứng minh thuộc đối tượng được miễn, giảm phí, lệ phí",
];
const COUNTED_FROM: &[&str] = &[
    "kể từ ngày nhận đủ hồ sơ hợp lệ",
    "kể từ ngày nhận được hồ sơ đầy đủ và hợp lệ",
    "kể từ ngày có kết quả xác minh",
];
const CONDITIONS: &[&str] = &[
    "Người yêu cầu có năng lực hành vi dân sự đầy đủ.",
    "Đã nộp đủ phí, lệ phí theo quy định; người thuộc hộ nghèo được miễn lệ phí.",
    "Hồ sơ nộp tại cơ quan có thẩm quyền nơi người yêu cầu cư trú.",
    "Giấy tờ do cơ quan nước ngoài cấp phải được hợp pháp hóa lãnh sự, trừ trường hợp được miễn.",
];
const FEE_NAMES: &[&str] = &[
    "Lệ phí cấp giấy",
    "Phí thẩm định hồ sơ",
    "Lệ phí đăng ký",
    "Phí cấp bản sao (khi có yêu cầu)",
];
const AMOUNTS: &[i64] = &[
    5_000, 8_000, 10_000, 20_000, 30_000, 50_000, 100_000, 200_000, 500_000,
];
const DAYS: &[f64] = &[1.0, 3.0, 5.0, 7.0, 10.0, 12.0, 15.0, 20.0, 30.0];

fn step_texts(obj: &str, agency: &str, days: f64) -> Vec<(&'static str, Actor, String)> {
    vec![
        (
            "Chuẩn bị hồ sơ",
            Actor::Applicant,
            format!("Người yêu cầu chuẩn bị đầy đủ hồ sơ đề nghị {obj} theo mục **Thành phần hồ sơ**; giấy tờ bằng tiếng nước ngoài phải kèm bản dịch tiếng Việt."),
        ),
        (
            "Nộp hồ sơ",
            Actor::Applicant,
            "Nộp hồ sơ trực tiếp tại Bộ phận Một cửa, qua dịch vụ bưu chính công ích hoặc trực tuyến trên Cổng Dịch vụ công quốc gia.\n\n- Sáng: 7 giờ 30 đến 11 giờ 30\n- Chiều: 13 giờ 30 đến 17 giờ 00, từ thứ Hai đến thứ Sáu".to_string(),
        ),
        (
            "Tiếp nhận, kiểm tra hồ sơ",
            Actor::Agency,
            "Công chức tiếp nhận kiểm tra tính đầy đủ, hợp lệ của hồ sơ; hồ sơ chưa đủ thì hướng dẫn bổ sung, hoàn thiện **một lần** bằng văn bản.".to_string(),
        ),
        (
            "Giải quyết hồ sơ",
            Actor::Agency,
            format!("Trong thời hạn {days} ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, {agency} xem xét, giải quyết; trường hợp từ chối phải trả lời bằng văn bản và nêu rõ lý do."),
        ),
        (
            "Nhận kết quả",
            Actor::Applicant,
            "Nhận kết quả tại nơi nộp hồ sơ, qua bưu chính hoặc bản điện tử trong kho dữ liệu cá nhân trên ứng dụng VNeID.".to_string(),
        ),
    ]
}

fn cite(document: &str, article: Option<String>) -> LegalBasis {
    LegalBasis {
        document: document.to_string(),
        article,
    }
}

fn date(base_days_from_2025: usize) -> String {
    let d = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()
        + chrono::Days::new(base_days_from_2025 as u64);
    d.format("%Y-%m-%d").to_string()
}

fn agency_name(id: &str) -> &'static str {
    AGENCIES
        .iter()
        .find(|a| a.0 == id)
        .map(|a| a.1)
        .unwrap_or("cơ quan có thẩm quyền")
}

/// Form files written under `forms/`: one per sector.
fn form_file(sector: &str) -> String {
    format!("forms/{sector}-mau-to-khai.docx")
}

/// Builds procedure `i` of a catalogue.
pub fn procedure(i: usize, seed: u64) -> ProcedureFile {
    let mut r = Rng::new(seed ^ (i as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
    let spec = r.pick(SECTORS);
    let obj = *r.pick(spec.objects);
    let verb = *r.pick(VERBS);
    let name = format!("{verb} {obj}{}", r.pick(QUALIFIERS));
    let code = format!("{}.{:06}", r.pick(&[1, 1, 1, 2]), i + 1);
    let (agency, level) = *r.pick(spec.agencies);
    let days = *r.pick(DAYS);
    let law = spec.laws[0];
    let steps = step_texts(obj, agency_name(agency), days)
        .into_iter()
        .enumerate()
        .filter(|(k, _)| *k != 2 || r.chance(70))
        .map(|(_, (title, actor, text))| Step {
            title: title.to_string(),
            actor: Some(actor),
            text: Some(text),
        })
        .collect();

    let mut channels = vec![ChannelKind::InPerson];
    if r.chance(70) {
        channels.push(ChannelKind::Online);
    }
    if r.chance(40) {
        channels.push(ChannelKind::Postal);
    }
    let fees: Vec<Fee> = (0..r.pick(&[0, 1, 1, 2]).to_owned())
        .map(|k| Fee {
            kind: if k == 0 {
                FeeKind::Charge
            } else {
                FeeKind::Fee
            },
            name: Some(r.pick(FEE_NAMES).to_string()),
            amount: Some(if r.chance(15) {
                Amount::Word(AmountWord::Free)
            } else {
                Amount::Vnd(*r.pick(AMOUNTS))
            }),
            per: Some("lần".into()),
            condition: None,
            exemptions: if r.chance(30) {
                vec!["Người thuộc hộ nghèo, hộ cận nghèo".into()]
            } else {
                vec![]
            },
            legal_basis: vec![cite(FEE_DOCS[r.below(FEE_DOCS.len())], None)],
            unverified: false,
            valid_from: None,
            valid_until: None,
        })
        .collect();
    let counted_from = r.pick(COUNTED_FROM).to_string();
    let article = r.range(5, 40);
    let channels = channels
        .into_iter()
        .map(|kind| Channel {
            kind,
            description: None,
            url: (kind == ChannelKind::Online).then(|| web("https://dichvucong.gov.vn/")),
            online_level: (kind == ChannelKind::Online).then_some(if days <= 5.0 {
                OnlineLevel::Full
            } else {
                OnlineLevel::Partial
            }),
            time_limits: vec![TimeLimit {
                value: Some(days),
                unit: TimeUnit::WorkingDays,
                counted_from: Some(counted_from.clone()),
                cutoff_hour: None,
                condition: None,
                legal_basis: vec![cite(law, Some(format!("Điều {article}")))],
                unverified: false,
            }],
            fees: fees.clone(),
        })
        .collect();

    let mut pool: Vec<&str> = spec.papers.to_vec();
    pool.extend_from_slice(GENERIC_PAPERS);
    let n_papers = r.range(2, 6);
    let items: Vec<Paper> = r
        .sample(&pool, n_papers)
        .into_iter()
        .enumerate()
        .map(|(k, name)| {
            let originals = *r.pick(&[1u32, 1, 1, 2]);
            let copies = *r.pick(&[0u32, 0, 1, 2]);
            Paper {
                name: name.to_string(),
                originals,
                copies,
                handling: if name.starts_with("Giấy tờ tùy thân") {
                    PaperHandling::Show
                } else {
                    PaperHandling::Submit
                },
                form: (k == 0).then(|| FormRef {
                    code: format!("Mẫu số {:02}", r.range(1, 20)),
                    issued_by: Some(spec.laws[spec.laws.len() - 1].to_string()),
                    file: Some(form_file(spec.id)),
                    url: None,
                }),
                office_looks_up: None,
                required: !name.contains("(nếu"),
                note: None,
                legal_basis: vec![cite(
                    spec.laws[r.below(spec.laws.len())],
                    Some(format!("khoản {} Điều {}", r.range(1, 4), r.range(5, 40))),
                )],
                unverified: false,
            }
        })
        .collect();
    let mut papers = vec![PaperGroup { case: None, items }];
    if r.chance(30) {
        papers.push(PaperGroup {
            case: Some("Trường hợp ủy quyền cho người khác nộp hồ sơ".into()),
            items: vec![Paper {
                name: "Văn bản ủy quyền được chứng thực".into(),
                originals: 1,
                copies: 0,
                handling: PaperHandling::Submit,
                form: None,
                office_looks_up: None,
                required: true,
                note: Some("Không phải chứng thực nếu người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột.".into()),
                legal_basis: vec![cite("01/2020/TT-BTP", None)],
                unverified: false,
            }],
        });
    }
    let n_conditions = r.below(3);
    let conditions = r
        .sample(CONDITIONS, n_conditions)
        .into_iter()
        .map(|t| {
            let unverified = r.chance(20);
            Condition {
                text: t.to_string(),
                legal_basis: if unverified {
                    vec![]
                } else {
                    vec![cite(law, None)]
                },
                unverified,
            }
        })
        .collect();
    let signed_day = r.range(190, 500); // 2025-07-10 .. 2026-05-16
    let change = if r.chance(60) {
        ChangeKind::New
    } else {
        ChangeKind::Amended
    };
    let mut legal_basis: Vec<LegalBasis> = spec.laws.iter().map(|l| cite(l, None)).collect();
    legal_basis.push(cite("107/2021/NĐ-CP", None));
    let n_applicants = r.range(1, 2);
    let applicants = r
        .sample(APPLICANTS, n_applicants)
        .into_iter()
        .map(|s| s.to_string())
        .collect();
    ProcedureFile {
        code: code.clone(),
        old_codes: vec![],
        name: name.clone(),
        keywords: vec![obj.to_string(), format!("làm {obj}")],
        summary: format!(
            "Thủ tục để {} {obj}. Hồ sơ nộp tại {}; thời hạn giải quyết {days} ngày làm việc.",
            verb.to_lowercase(),
            agency_name(agency)
        ),
        sector: spec.id.to_string(),
        levels: vec![level],
        procedure_type: None,
        applicants,
        agencies: ProcedureAgencies {
            competent: agency.to_string(),
            executing: vec![agency.to_string()],
            delegated: vec![],
            coordinating: if r.chance(20) {
                vec!["cong-an-cap-xa".into()]
            } else {
                vec![]
            },
        },
        offices: vec![if level == Level::Commune {
            "bo-phan-mot-cua-cap-xa"
        } else {
            "trung-tam-pvhcc"
        }
        .to_string()],
        steps,
        channels,
        papers,
        dossier_sets: Some(1),
        conditions,
        result: ProcedureResult {
            name: format!("Văn bản, giấy tờ về {obj}"),
            description: None,
            electronic: r.chance(50),
        },
        legal_basis,
        version: Version {
            decision: format!("{}/QĐ-UBND", r.range(100, 3999)),
            decision_url: None,
            signed: date(signed_day),
            effective: Some(date(signed_day + r.range(0, 15))),
            change,
            changed_parts: if change == ChangeKind::Amended {
                vec!["thành phần hồ sơ".into()]
            } else {
                vec![]
            },
            replaces: vec![],
            replaced_by: None,
            notes: None,
        },
        sources: vec![Source {
            title: format!("CSDL quốc gia về TTHC, thủ tục {code} (dữ liệu tổng hợp để kiểm thử)"),
            kind: SourceKind::NationalDatabase,
            url: Some(web("https://dichvucong.gov.vn/")),
            printed: false,
            accessed: Some(date(signed_day + 20)),
            covers: vec![],
        }],
        last_verified: date(r.range(520, 650)), // 2026-06-05 .. 2026-10-13
        alert: None,
    }
}

/// Serializes a record as hand-written-looking YAML (see `motcua::catalogue::emit`).
pub fn to_yaml<T: serde::Serialize>(value: &T) -> String {
    motcua::catalogue::emit::to_yaml(value).expect("serialize")
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p)?;
    }
    std::fs::write(path, text)
}

/// Writes site.yaml, sectors.yaml, agencies, legal documents and forms.
pub fn write_shared(out: &Path) -> std::io::Result<()> {
    let site = SiteFile {
        name: "Thủ tục hành chính tỉnh Mẫu (danh mục tổng hợp)".into(),
        province: "Tỉnh Mẫu".into(),
        base_url: web("https://thutuc.example.gov.vn/"),
        description: Some(
            "Danh mục tổng hợp do gen_catalogue sinh ra để kiểm thử và đo hiệu năng.".into(),
        ),
        languages: vec!["vi".into()],
        contact: Some(Contact {
            organization: "Nhóm phát triển motcua".into(),
            address: None,
            phone: None,
            email: None,
        }),
        feedback: Feedback {
            url: ContactUrl::parse("https://dichvucong.gov.vn/").expect("a valid contact URL"),
            label: Some("Gửi phản ánh, kiến nghị".into()),
            phone: None,
            tracking_url: None,
        },
        // Records are verified in 2026; ten years keeps the corpus free of `stale` warnings.
        freshness_days: 3650,
        theme: None,
        featured: Vec::new(),
        licence: None,
        publish: Default::default(),
    };
    write(&out.join("site.yaml"), &to_yaml(&site))?;
    let sectors = SectorsFile {
        sectors: SECTORS
            .iter()
            .map(|s| raw::Sector {
                id: s.id.into(),
                name: s.name.into(),
                description: Some(s.description.into()),
            })
            .collect(),
    };
    write(&out.join("sectors.yaml"), &to_yaml(&sectors))?;
    for (id, name, level, parent) in AGENCIES {
        let a = AgencyFile {
            name: (*name).into(),
            short_name: None,
            level: *level,
            description: None,
            parent: parent.map(String::from),
            address: Some(format!("Trụ sở {}", name.to_lowercase())),
            opening_hours: vec!["Thứ Hai – Thứ Sáu: 7:30 – 11:30, 13:30 – 17:00".into()],
            phone: None,
            email: None,
            website: None,
            coordinates: None,
            channels: vec![],
            sources: vec![],
        };
        write(
            &out.join("agencies").join(format!("{id}.yaml")),
            &to_yaml(&a),
        )?;
    }
    for (number, kind, title, issuer, signed, effective) in LEGAL {
        let d = LegalDocument {
            number: (*number).into(),
            kind: (*kind).into(),
            title: (*title).into(),
            issuer: (*issuer).into(),
            signed: (*signed).into(),
            in_force_from: Some((*effective).into()),
            status: LegalStatus::InForce,
            in_force_until: None,
            replaced_by: None,
            amended_by: vec![],
            url: None,
            sources: vec![],
        };
        write(
            &out.join("legal")
                .join(format!("{}.yaml", number.replace('/', "-"))),
            &to_yaml(&d),
        )?;
    }
    for s in SECTORS {
        write(
            &out.join(form_file(s.id)),
            "Tệp mẫu tờ khai (dữ liệu tổng hợp).\n",
        )?;
    }
    Ok(())
}

/// Writes a whole catalogue of `n` procedures into `out`.
pub fn generate(n: usize, seed: u64, out: &Path) -> std::io::Result<()> {
    write_shared(out)?;
    let mut codes = Vec::with_capacity(n);
    for i in 0..n {
        let p = procedure(i, seed);
        let path = out
            .join("procedures")
            .join(&p.sector)
            .join(format!("{}.yaml", p.code));
        write(&path, &to_yaml(&p))?;
        codes.push(p.code);
    }
    // One life event per 50 procedures, chaining consecutive codes.
    let mut r = Rng::new(seed ^ 0x4A0E);
    for j in 0..(n / 50) {
        let k = r.range(2, 3);
        let start = r.below(n - k + 1);
        let journey = JourneyFile {
            name: format!("Sự kiện cuộc sống số {}", j + 1),
            kind: JourneyKind::LifeEvent,
            summary: "Các thủ tục thường làm cùng nhau, theo thứ tự.".into(),
            steps: codes[start..start + k]
                .iter()
                .map(|c| JourneyStep {
                    procedure: c.clone(),
                    note: None,
                    time_limit: None,
                })
                .collect(),
            total_time_limit: None,
            legal_basis: vec![cite("107/2021/NĐ-CP", None)],
            sources: vec![Source {
                title: "Dữ liệu tổng hợp để kiểm thử".into(),
                kind: SourceKind::Secondary,
                url: None,
                // Synthetic data has no address; `printed` keeps `check` quiet about it.
                printed: true,
                accessed: None,
                covers: vec![],
            }],
        };
        write(
            &out.join("journeys")
                .join(format!("su-kien-{:04}.yaml", j + 1)),
            &to_yaml(&journey),
        )?;
    }
    Ok(())
}

#[allow(dead_code)]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: gen_catalogue N OUTDIR [--seed S]";
    let mut seed = DEFAULT_SEED;
    let mut pos = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--seed" {
            seed = it.next().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
                eprintln!("{usage}");
                std::process::exit(2)
            });
        } else {
            pos.push(a.clone());
        }
    }
    let (Some(n), Some(out)) = (
        pos.first().and_then(|s| s.parse::<usize>().ok()),
        pos.get(1),
    ) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let start = std::time::Instant::now();
    if let Err(e) = generate(n, seed, Path::new(out)) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
    eprintln!(
        "generated {n} procedures in {out} (seed {seed}) in {:.2?}",
        start.elapsed()
    );
}

/// A web address written in this generator (always valid).
fn web(url: &str) -> HttpUrl {
    HttpUrl::parse(url).expect("a valid web address")
}
