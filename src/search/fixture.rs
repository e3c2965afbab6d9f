//! A small, realistic set of procedures for search tests.

use super::SearchDoc;

#[allow(clippy::too_many_arguments)]
fn doc(
    id: &str,
    name: &str,
    keywords: &[&str],
    summary: &str,
    body: &str,
    sector: (&str, &str),
    level: &str,
    agency: &str,
    time: &str,
    fee: &str,
) -> SearchDoc {
    SearchDoc {
        id: id.into(),
        name: name.into(),
        keywords: keywords.iter().map(|k| k.to_string()).collect(),
        summary: summary.into(),
        body: body.into(),
        sector: sector.0.into(),
        sector_name: sector.1.into(),
        levels: vec![level.into()],
        agencies: vec![agency.into()],
        channels: if level == "Cấp xã" {
            vec!["Trực tiếp".into(), "Trực tuyến".into()]
        } else {
            vec!["Trực tiếp".into(), "Trực tuyến".into(), "Bưu chính".into()]
        },
        shortest_time: time.into(),
        fee_summary: fee.into(),
        url: format!("thu-tuc/{}/", id.replace('.', "-")),
    }
}

const HT: (&str, &str) = ("ho-tich", "Hộ tịch");
const CT: (&str, &str) = ("cu-tru", "Đăng ký, quản lý cư trú");
const XA: &str = "Cấp xã";
const TINH: &str = "Cấp tỉnh";
const UBX: &str = "Ủy ban nhân dân cấp xã";

/// Fifteen procedures across the common sectors.
pub(crate) fn docs() -> Vec<SearchDoc> {
    vec![
        doc("1.001193", "Đăng ký khai sinh", &["làm giấy khai sinh", "khai sinh cho con", "giấy khai sinh"],
            "Đăng ký khai sinh cho trẻ em sinh ra tại Việt Nam.",
            "Hồ sơ gồm tờ khai đăng ký khai sinh và giấy chứng sinh. Người đi đăng ký nộp hồ sơ tại Bộ phận Một cửa. Trả kết quả: Giấy khai sinh. Thời hạn: ngay trong ngày làm việc.",
            HT, XA, UBX, "Trong ngày", "Miễn lệ phí"),
        doc("1.000894", "Đăng ký kết hôn", &["làm giấy đăng ký kết hôn", "đăng ký cưới"],
            "Đăng ký kết hôn giữa công dân Việt Nam với nhau.",
            "Hai bên nam, nữ nộp tờ khai đăng ký kết hôn, xuất trình giấy tờ tùy thân. Cả hai bên phải có mặt khi đăng ký. Kết quả: Giấy chứng nhận kết hôn. Thời hạn 05 ngày làm việc nếu cần xác minh.",
            HT, XA, UBX, "Trong ngày", "Miễn lệ phí"),
        doc("1.000656", "Đăng ký khai tử", &["báo tử", "người thân qua đời", "giấy chứng tử"],
            "Đăng ký khai tử cho người chết.",
            "Người đi đăng ký khai tử nộp tờ khai và giấy báo tử. Kết quả là trích lục khai tử. Thời hạn trong ngày làm việc.",
            HT, XA, UBX, "Trong ngày", "Miễn lệ phí"),
        doc("1.004873", "Cấp giấy xác nhận tình trạng hôn nhân", &["giấy xác nhận độc thân", "xác nhận độc thân"],
            "Xác nhận tình trạng hôn nhân để kết hôn hoặc mục đích khác.",
            "Tờ khai cấp giấy xác nhận tình trạng hôn nhân. Kết quả: Giấy xác nhận tình trạng hôn nhân. Thời hạn 03 ngày làm việc.",
            HT, XA, UBX, "3 ngày làm việc", "Miễn lệ phí"),
        doc("2.002160", "Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp tỉnh)", &["làm hộ chiếu", "passport"],
            "Cấp hộ chiếu phổ thông cho công dân Việt Nam tại Phòng Quản lý xuất nhập cảnh Công an tỉnh.",
            "Tờ khai đề nghị cấp hộ chiếu, ảnh chân dung, thẻ căn cước. Nộp trực tiếp hoặc trên Cổng dịch vụ công. Kết quả: hộ chiếu phổ thông. Thời hạn 08 ngày làm việc.",
            ("xuat-nhap-canh", "Xuất nhập cảnh"), TINH, "Công an cấp tỉnh", "8 ngày làm việc", "Lệ phí: 200.000 đồng"),
        doc("1.004194", "Đăng ký thường trú", &["nhập hộ khẩu", "chuyển hộ khẩu", "đăng ký hộ khẩu"],
            "Đăng ký thường trú tại chỗ ở hợp pháp.",
            "Hồ sơ gồm tờ khai thay đổi thông tin cư trú, giấy tờ chứng minh chỗ ở hợp pháp. Công an cấp xã cập nhật Cơ sở dữ liệu về cư trú. Thời hạn 07 ngày làm việc.",
            CT, XA, "Công an cấp xã", "7 ngày làm việc", "Lệ phí: 20.000 đồng"),
        doc("1.004222", "Đăng ký tạm trú", &["đăng ký tạm trú cho người thuê trọ", "tạm trú tạm vắng"],
            "Đăng ký tạm trú khi sinh sống ngoài nơi thường trú từ 30 ngày trở lên.",
            "Tờ khai thay đổi thông tin cư trú, giấy tờ chứng minh chỗ ở hợp pháp. Thời hạn 03 ngày làm việc.",
            CT, XA, "Công an cấp xã", "3 ngày làm việc", "Lệ phí: 15.000 đồng"),
        doc("2.001182", "Cấp thẻ căn cước cho công dân từ đủ 14 tuổi", &["làm căn cước", "làm CCCD", "chứng minh nhân dân", "CMND"],
            "Cấp thẻ căn cước gắn chip cho công dân Việt Nam.",
            "Công dân đến cơ quan quản lý căn cước, thu nhận vân tay, ảnh khuôn mặt, mống mắt. Thời hạn 07 ngày làm việc.",
            ("can-cuoc", "Căn cước"), "Cấp huyện", "Công an cấp huyện", "7 ngày làm việc", "Lệ phí: 30.000 đồng"),
        doc("1.002809", "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp", &["bằng lái xe", "đổi bằng lái", "GPLX"],
            "Đổi giấy phép lái xe hết hạn hoặc bị hỏng.",
            "Đơn đề nghị đổi giấy phép lái xe, giấy khám sức khỏe của người lái xe. Thời hạn 05 ngày làm việc.",
            ("giao-thong", "Giao thông, đường bộ"), TINH, "Sở Xây dựng", "5 ngày làm việc", "Lệ phí: 135.000 đồng"),
        doc("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản", &["sao y bản chính", "công chứng bản sao", "photo công chứng"],
            "Chứng thực bản sao từ bản chính do cơ quan Việt Nam cấp.",
            "Người yêu cầu chứng thực xuất trình bản chính và bản sao. Trả kết quả trong ngày.",
            ("chung-thuc", "Chứng thực"), XA, UBX, "Trong ngày", "Phí: 2.000 đồng/trang"),
        doc("2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản", &["chứng thực chữ kí", "xác nhận chữ ký"],
            "Chứng thực chữ ký của người yêu cầu trong giấy tờ, văn bản.",
            "Người yêu cầu chứng thực phải ký trước mặt người thực hiện chứng thực. Trong ngày.",
            ("chung-thuc", "Chứng thực"), XA, UBX, "Trong ngày", "Phí: 10.000 đồng/trường hợp"),
        doc("2.000488", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam", &["xin lý lịch tư pháp", "lí lịch tư pháp", "phiếu lý lịch số 1"],
            "Cấp Phiếu lý lịch tư pháp số 1, số 2 cho công dân.",
            "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp, bản chụp giấy tờ tùy thân. Thời hạn 10 ngày.",
            ("ly-lich-tu-phap", "Lý lịch tư pháp"), TINH, "Sở Tư pháp", "10 ngày", "Phí: 200.000 đồng/lần"),
        doc("2.000720", "Đăng ký thành lập hộ kinh doanh", &["mở hộ kinh doanh", "giấy phép kinh doanh hộ cá thể"],
            "Đăng ký thành lập hộ kinh doanh do cá nhân hoặc thành viên hộ gia đình.",
            "Giấy đề nghị đăng ký hộ kinh doanh, bản sao giấy tờ pháp lý của chủ hộ. Thời hạn 03 ngày làm việc.",
            ("kinh-doanh", "Thành lập và hoạt động của hộ kinh doanh, doanh nghiệp"), XA, "Phòng Kinh tế", "3 ngày làm việc", "Lệ phí: 100.000 đồng"),
        doc("1.003001", "Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất lần đầu", &["làm sổ đỏ", "sổ hồng", "bìa đỏ"],
            "Cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở lần đầu.",
            "Đơn đăng ký đất đai, giấy tờ về quyền sử dụng đất, sơ đồ thửa đất. Văn phòng đăng ký đất đai thẩm định. Thời hạn 20 ngày.",
            ("dat-dai", "Đất đai"), XA, "Văn phòng đăng ký đất đai", "20 ngày", "Lệ phí theo quy định của tỉnh"),
        doc("1.001990", "Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi", &["thẻ BHYT cho trẻ em", "bảo hiểm y tế trẻ em"],
            "Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi, liên thông với đăng ký khai sinh.",
            "Tờ khai tham gia bảo hiểm y tế. Cơ quan bảo hiểm xã hội cấp thẻ. Thời hạn 10 ngày.",
            ("bao-hiem", "Bảo hiểm y tế, bảo hiểm xã hội"), XA, "Bảo hiểm xã hội cấp huyện", "10 ngày", "Miễn phí"),
        doc("1.005123", "Hòa giải tranh chấp đất đai", &["hoà giải đất", "tranh chấp ranh giới đất"],
            "Hòa giải tranh chấp đất đai tại Ủy ban nhân dân cấp xã.",
            "Đơn yêu cầu hòa giải tranh chấp đất đai. Thời hạn 30 ngày.",
            ("dat-dai", "Đất đai"), XA, UBX, "30 ngày", "Không"),
    ]
}
