//! The list of agencies and offices, and one page per agency: contact details and the
//! procedures it receives, decides, carries out or helps with.

use std::collections::{BTreeSet, HashMap};

use super::listing::{crumb, sources, Detail, Group, ListPage, NoteLink};
use super::{current, files_of, Cx, PageKind, Selection};
use crate::catalogue::model::{Agency, Catalogue, Level, Procedure};
use crate::site::urls;
use crate::site::views;
use crate::site::SiteError;

/// Agency pages.
pub(super) struct Agencies;

/// The roles an agency can have in a procedure, in the order its page lists them.
const ROLES: [(&str, &str); 4] = [
    ("Nộp hồ sơ tại đây", "nop"),
    ("Cơ quan có thẩm quyền", "tham-quyen"),
    ("Cơ quan thực hiện", "thuc-hien"),
    ("Cơ quan phối hợp hoặc được ủy quyền", "phoi-hop"),
];

/// The agency ids a procedure names in each of [`ROLES`].
fn roles(p: &Procedure) -> [Vec<&str>; 4] {
    [
        p.offices.iter().map(String::as_str).collect(),
        vec![p.agencies.competent.as_str()],
        p.agencies.executing.iter().map(String::as_str).collect(),
        p.agencies
            .coordinating
            .iter()
            .chain(p.agencies.delegated.iter())
            .map(String::as_str)
            .collect(),
    ]
}

/// For each agency whose page `sel` wants, the current procedures linked to it, by role: one
/// pass instead of one per agency, and no lists for agencies whose pages are not rendered.
fn relations<'c>(c: &'c Catalogue, sel: &Selection) -> HashMap<&'c str, [Vec<&'c Procedure>; 4]> {
    let mut map: HashMap<&str, [Vec<&Procedure>; 4]> = c
        .agencies
        .keys()
        .filter(|id| sel.wants_page(&urls::agency(id)))
        .map(|id| (id.as_str(), Default::default()))
        .collect();
    for p in current(c) {
        for (k, ids) in roles(p).iter().enumerate() {
            for (i, id) in ids.iter().enumerate() {
                // An agency named twice in one role lists the procedure once.
                if ids[..i].contains(id) {
                    continue;
                }
                if let Some(lists) = map.get_mut(id) {
                    lists[k].push(p);
                }
            }
        }
    }
    map
}

fn details(c: &Catalogue, u: &urls::Urls, a: &Agency) -> Vec<Detail> {
    let mut details = vec![Detail::text("Cấp", views::level_name(a.level))];
    for (label, value) in [
        ("Địa chỉ", &a.address),
        ("Điện thoại", &a.phone),
        ("Thư điện tử", &a.email),
    ] {
        if let Some(v) = value {
            details.push(Detail::text(label, v.clone()));
        }
    }
    if !a.opening_hours.is_empty() {
        details.push(Detail::text("Giờ làm việc", a.opening_hours.join("; ")));
    }
    if let Some(w) = &a.website {
        details.push(Detail::outside("Trang web", w.to_string(), w));
    }
    if let Some(map) = a.coordinates.and_then(|k| views::map_url(k.lat, k.lon)) {
        details.push(Detail::outside("Bản đồ", "Xem trên OpenStreetMap", &map));
    }
    if !a.channels.is_empty() {
        details.push(Detail::text(
            "Nhận hồ sơ",
            a.channels
                .iter()
                .map(|k| views::channel_name(*k))
                .collect::<Vec<_>>()
                .join(", "),
        ));
    }
    // An office citizens visit whose contact facts are not verified says so and points to the
    // province's official system (from communes.yaml) rather than leaving the visitor to guess.
    if let (Some(d), Level::Province | Level::Commune) = (
        c.communes.as_ref().and_then(|k| k.directory.as_ref()),
        a.level,
    ) {
        let missing: Vec<&str> = [
            ("địa chỉ", a.address.is_none()),
            ("giờ làm việc", a.opening_hours.is_empty()),
            ("điện thoại", a.phone.is_none()),
        ]
        .into_iter()
        .filter(|(_, m)| *m)
        .map(|(w, _)| w)
        .collect();
        if !missing.is_empty() {
            details.push(Detail::outside(
                "Chưa xác minh",
                format!("{}: xem {}", missing.join(", "), d.title),
                &d.url,
            ));
        }
    }
    // A commune-level office is one of many: point to the list of communes to find which.
    if let (Some(k), Level::Commune) = (&c.communes, a.level) {
        details.push(Detail::inside(
            "Xã, phường",
            format!("Tìm xã, phường của bạn ({} đơn vị)", k.units.len()),
            u.link(urls::COMMUNES),
        ));
    }
    details
}

impl PageKind for Agencies {
    fn files(&self, c: &Catalogue) -> Vec<String> {
        let mut dirs = vec![urls::AGENCIES.to_string()];
        dirs.extend(c.agencies.keys().map(|id| urls::agency(id)));
        files_of(dirs.iter().map(String::as_str))
    }

    fn showing(&self, c: &Catalogue, p: &Procedure) -> Vec<String> {
        let ids: BTreeSet<&str> = roles(p).into_iter().flatten().collect();
        let dirs: Vec<String> = ids
            .into_iter()
            .filter(|id| c.agencies.contains_key(*id))
            .map(urls::agency)
            .collect();
        files_of(dirs.iter().map(String::as_str))
    }

    fn sample(&self, c: &Catalogue) -> Vec<String> {
        let mut dirs = vec![urls::AGENCIES.to_string()];
        dirs.extend(c.agencies.keys().next().map(|id| urls::agency(id)));
        files_of(dirs.iter().map(String::as_str))
    }

    fn render(&self, cx: &Cx, sel: &Selection) -> Result<(), SiteError> {
        let (c, u) = (cx.c, cx.urls);
        if sel.wants_page(urls::AGENCIES) {
            cx.list(
                urls::AGENCIES,
                &ListPage {
                    title: "Cơ quan và nơi nộp hồ sơ".into(),
                    description: "Cơ quan giải quyết thủ tục và bộ phận một cửa: địa chỉ, giờ làm việc, điện thoại.".into(),
                    links: c
                        .agencies
                        .values()
                        .map(|a| NoteLink {
                            name: a.name.clone(),
                            url: u.link(&urls::agency(&a.id)),
                            note: a.address.clone(),
                        })
                        .collect(),
                    ..ListPage::default()
                },
            )?;
        }
        if !sel.wants_any_under(urls::AGENCIES) {
            return Ok(());
        }
        let relations = relations(c, sel);
        for a in c
            .agencies
            .values()
            .filter(|a| sel.wants_page(&urls::agency(&a.id)))
        {
            let groups: Vec<Group> = ROLES
                .iter()
                .enumerate()
                .map(|(k, (title, anchor))| Group {
                    title: Some(title.to_string()),
                    anchor: anchor.to_string(),
                    items: cx.cards.cards(
                        relations
                            .get(a.id.as_str())
                            .map(|r| r[k].as_slice())
                            .unwrap_or(&[])
                            .iter()
                            .copied(),
                    ),
                })
                .filter(|g| !g.items.is_empty())
                .collect();
            cx.list(
                &urls::agency(&a.id),
                &ListPage {
                    title: a.name.clone(),
                    description: format!(
                        "{}: địa chỉ, giờ làm việc và các thủ tục giải quyết.",
                        a.name
                    ),
                    intro: a.description.clone(),
                    crumbs: vec![crumb(u, "Cơ quan", urls::AGENCIES)],
                    details: details(c, u, a),
                    sources: sources(&a.sources),
                    empty: groups
                        .is_empty()
                        .then(|| "Chưa có thủ tục nào gắn với cơ quan này.".to_string()),
                    groups,
                    ..ListPage::default()
                },
            )?;
        }
        Ok(())
    }
}
