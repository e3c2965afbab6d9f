//! Render stage: every page's context, rendered with Tera in parallel into memory.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use super::pages::{self, Urls};
use super::theme::{hashed_name, Theme};
use super::views::{self, card, ProcedureCard};
use super::{BuildOptions, SiteError};
use crate::catalogue::model::{Catalogue, JourneyKind, Level, Procedure};
use crate::text::{fold_ascii, markdown};

/// Links every page needs.
#[derive(Debug, Clone, Serialize)]
struct Links {
    home: String,
    sectors: String,
    agencies: String,
    legal: String,
    journeys: String,
    levels: String,
    az: String,
    search: String,
    about: String,
    feed: String,
    sitemap: String,
    data: String,
}

/// One page to render.
struct PageJob {
    /// Output path, relative.
    out: String,
    /// Site-relative URL directory (for canonical links); `None` for non-canonical pages.
    url: Option<String>,
    template: &'static str,
    vars: Vec<(&'static str, serde_json::Value)>,
}

#[derive(Debug, Clone, Serialize, Default)]
struct ListPage {
    title: String,
    description: String,
    intro: Option<String>,
    crumbs: Vec<NamedLink>,
    details: Vec<Detail>,
    body_html: Option<String>,
    links: Vec<NoteLink>,
    groups: Vec<Group>,
    steps: Vec<JourneyStepView>,
    sources: Vec<SourceLink>,
    empty: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct NamedLink {
    name: String,
    url: String,
}

#[derive(Debug, Clone, Serialize)]
struct NoteLink {
    name: String,
    url: String,
    note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct Detail {
    label: &'static str,
    value: String,
    url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct Group {
    title: Option<String>,
    anchor: String,
    items: Vec<ProcedureCard>,
}

#[derive(Debug, Clone, Serialize)]
struct JourneyStepView {
    code: String,
    name: String,
    url: String,
    time: Option<String>,
    note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct SourceLink {
    title: String,
    url: Option<String>,
}

fn to_json<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

fn escape(s: &str) -> String {
    views::escape_html(s)
}

/// Builds the Tera instance from the theme's templates.
pub fn tera(theme: &Theme) -> Result<Tera, SiteError> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's default also escapes `/`, which bloats every URL; these five suffice in HTML.
    tera.set_escape_fn(escape);
    let list: Vec<(String, String)> = theme
        .templates
        .iter()
        .map(|(n, (src, _))| (n.clone(), src.clone()))
        .collect();
    tera.add_raw_templates(list)
        .map_err(|e| template_error(theme, e))?;
    Ok(tera)
}

/// The compiled templates of the last theme seen, by a hash of their sources: compiling them
/// takes tens of milliseconds, which `serve` would otherwise pay again on every save.
static COMPILED: std::sync::Mutex<Option<(u64, std::sync::Arc<Tera>)>> =
    std::sync::Mutex::new(None);

/// [`tera`], reusing the last compiled instance when the templates are the same.
fn compiled(theme: &Theme) -> Result<std::sync::Arc<Tera>, SiteError> {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for (name, (src, _)) in &theme.templates {
        h.update(name.as_bytes());
        h.update(&[0]);
        h.update(src.as_bytes());
        h.update(&[0]);
    }
    let key = h.digest();
    if let Ok(guard) = COMPILED.lock() {
        if let Some((k, t)) = guard.as_ref() {
            if *k == key {
                return Ok(std::sync::Arc::clone(t));
            }
        }
    }
    let t = std::sync::Arc::new(tera(theme)?);
    if let Ok(mut guard) = COMPILED.lock() {
        *guard = Some((key, std::sync::Arc::clone(&t)));
    }
    Ok(t)
}

fn template_error(theme: &Theme, e: tera::Error) -> SiteError {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(&e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    // Tera names the template in its message; find which file that is.
    let file = theme
        .templates
        .iter()
        .find(|(n, _)| msg.contains(&format!("'{n}'")))
        .map(|(_, (_, p))| p.clone());
    SiteError::Template { file, message: msg }
}

/// Which pages a render produces.
#[derive(Debug, Clone)]
pub enum Selection {
    /// Every page of the site.
    All,
    /// Only these output files (e.g. `thu-tuc/1.001193/index.html`); the rest are not computed.
    Only(BTreeSet<String>),
}

impl Selection {
    /// True when the output file `out` is to be rendered.
    pub fn wants(&self, out: &str) -> bool {
        match self {
            Selection::All => true,
            Selection::Only(set) => set.contains(out),
        }
    }

    /// True when `page` (site-relative, as from `pages`: a directory or an `.html` file) is
    /// to be rendered.
    pub fn wants_page(&self, page: &str) -> bool {
        match self {
            Selection::All => true,
            Selection::Only(set) => set.contains(&pages::file_for(page)),
        }
    }
}

/// Renders every page into memory. Returns output path → bytes.
pub fn render(
    c: &Catalogue,
    theme: &Theme,
    urls: &Urls,
    opts: &BuildOptions,
) -> Result<BTreeMap<String, Vec<u8>>, SiteError> {
    render_selected(c, theme, urls, opts, &Selection::All)
}

/// Renders the theme's assets and the selected pages into memory. Pages outside the selection
/// are skipped before their context is computed, so a small selection stays cheap on a large
/// catalogue (this is what `serve` uses to re-render what one edit touched).
pub fn render_selected(
    c: &Catalogue,
    theme: &Theme,
    urls: &Urls,
    opts: &BuildOptions,
    sel: &Selection,
) -> Result<BTreeMap<String, Vec<u8>>, SiteError> {
    let sink = super::MemorySink::default();
    render_into(c, theme, urls, opts, sel, &sink)?;
    Ok(sink.into_files())
}

/// Renders the theme's assets and the selected pages into `sink` as they are produced, in
/// parallel: a page's bytes are handed over (written, for `build`) and dropped at once.
pub fn render_into(
    c: &Catalogue,
    theme: &Theme,
    urls: &Urls,
    opts: &BuildOptions,
    sel: &Selection,
    sink: &dyn super::Sink,
) -> Result<(), SiteError> {
    let tera = compiled(theme)?;

    // Assets first: pages link to their hashed names.
    let mut asset_urls: BTreeMap<String, String> = BTreeMap::new();
    for (path, bytes) in &theme.assets {
        let hashed = if path.ends_with(".css") || path.ends_with(".js") {
            hashed_name(path, bytes)
        } else {
            path.clone()
        };
        let out = format!("static/{hashed}");
        asset_urls.insert(path.clone(), urls.link(&out));
        sink.put(out, bytes.clone())?;
    }
    let assets = serde_json::json!({
        "css": asset_urls.get("css/style.css").cloned().unwrap_or_default(),
        "search_css": asset_urls.get("css/search.css").cloned().unwrap_or_default(),
        "search_js": asset_urls.get("js/search.js").cloned().unwrap_or_default(),
        "site_js": asset_urls.get("js/site.js").cloned().unwrap_or_default(),
    });
    let links = Links {
        home: urls.link(pages::HOME),
        sectors: urls.link(pages::SECTORS),
        agencies: urls.link(pages::AGENCIES),
        legal: urls.link(pages::LEGAL),
        journeys: urls.link(pages::JOURNEYS),
        levels: urls.link(pages::LEVELS),
        az: urls.link(pages::AZ),
        search: urls.link(pages::SEARCH),
        about: urls.link(pages::ABOUT),
        feed: urls.link(pages::FEED),
        sitemap: urls.link(pages::SITEMAP),
        data: urls.link(pages::DATA),
    };
    let mut base = Context::new();
    base.insert("site", &c.site);
    base.insert("links", &links);
    base.insert("assets", &assets);
    let context = |vars: Vec<(&'static str, serde_json::Value)>, url: Option<&str>| {
        // Moving the variables into the context avoids a deep copy of each view model.
        let vars: serde_json::Map<String, serde_json::Value> =
            vars.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        let mut ctx = Context::from_value(serde_json::Value::Object(vars)).unwrap_or_default();
        ctx.extend(base.clone());
        if let Some(u) = url {
            ctx.insert("canonical", &urls.absolute(u));
        }
        ctx
    };
    let render_with = |template: &str, ctx: &Context, out: String| -> Result<(), SiteError> {
        // Rendered straight into bytes: Tera's `render` would check the whole page is UTF-8
        // once more to return a String.
        let mut html = Vec::with_capacity(32 * 1024);
        tera.render_to(template, ctx, &mut html)
            .map_err(|e| template_error(theme, e))?;
        if let Some(snippet) = &opts.inject_before_body_end {
            if let Some(i) = html.windows(7).rposition(|w| w == b"</body>") {
                html.splice(i..i, snippet.bytes());
            }
        }
        sink.put(out, html)
    };
    let render = |job: PageJob| -> Result<(), SiteError> {
        render_with(
            job.template,
            &context(job.vars, job.url.as_deref()),
            job.out,
        )
    };

    page_jobs(c, urls, sel)
        .into_par_iter()
        .try_for_each(render)?;
    c.procedures.par_iter().try_for_each(|p| {
        let (want_page, want_checklist) = (
            sel.wants_page(&pages::procedure(&p.code)),
            sel.wants_page(&pages::checklist(&p.code)),
        );
        if !want_page && !want_checklist {
            return Ok(());
        }
        // The page and its checklist share one view and one canonical URL, so one context.
        let view = to_json(&views::procedure_view(c, urls, p, opts.today));
        let dir = pages::procedure(&p.code);
        let ctx = context(vec![("p", view)], Some(&dir));
        if want_checklist {
            render_with(
                "checklist.html",
                &ctx,
                pages::file_for(&pages::checklist(&p.code)),
            )?;
        }
        if want_page {
            render_with("procedure.html", &ctx, pages::file_for(&dir))?;
        }
        Ok(())
    })
}

/// Every procedure's listing card and sort key, computed once: listings repeat them many
/// times (sector, level, agency, legal document and A–Z pages).
/// Built on first use, so rendering only procedure pages (as `serve` does after an edit)
/// never computes the ten thousand cards.
struct CardCache<'a> {
    c: &'a Catalogue,
    urls: &'a Urls,
    by_code: std::cell::OnceCell<HashMap<&'a str, (String, ProcedureCard)>>,
}

impl<'a> CardCache<'a> {
    fn new(c: &'a Catalogue, urls: &'a Urls) -> CardCache<'a> {
        CardCache {
            c,
            urls,
            by_code: std::cell::OnceCell::new(),
        }
    }

    fn get(&self, code: &str) -> Option<&(String, ProcedureCard)> {
        self.by_code
            .get_or_init(|| Self::compute(self.c, self.urls))
            .get(code)
    }

    fn compute(c: &'a Catalogue, urls: &Urls) -> HashMap<&'a str, (String, ProcedureCard)> {
        c.procedures
            .par_iter()
            .map(|p| {
                let key = format!(
                    "{}\u{0}{}\u{0}{}",
                    fold_ascii(&p.name).to_lowercase(),
                    p.name,
                    p.code
                );
                (p.code.as_str(), (key, card(c, urls, p)))
            })
            .collect()
    }
}

fn cards<'a>(cache: &CardCache, items: impl Iterator<Item = &'a Procedure>) -> Vec<ProcedureCard> {
    let mut v: Vec<&(String, ProcedureCard)> =
        items.filter_map(|p| cache.get(p.code.as_str())).collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v.into_iter().map(|(_, card)| card.clone()).collect()
}

fn page(
    out_dir: &str,
    template: &'static str,
    vars: Vec<(&'static str, serde_json::Value)>,
) -> PageJob {
    PageJob {
        out: pages::file_for(out_dir),
        url: Some(out_dir.to_string()),
        template,
        vars,
    }
}

fn list(out_dir: &str, p: ListPage) -> PageJob {
    page(out_dir, "list.html", vec![("page", to_json(&p))])
}

/// Every page of the site with its template and variables.
fn page_jobs(c: &Catalogue, urls: &Urls, sel: &Selection) -> Vec<PageJob> {
    let current = || {
        c.procedures
            .iter()
            .map(|p| &**p)
            .filter(|p| !p.is_abolished())
    };
    let mut jobs: Vec<PageJob> = Vec::new();
    let cache = CardCache::new(c, urls);
    // For each agency, the current procedures it is linked to, by role: office, competent,
    // executing, coordinating or delegated. One pass instead of one per agency.
    let mut relations: HashMap<&str, [Vec<&Procedure>; 4]> = HashMap::new();
    let want_agencies = match sel {
        Selection::All => true,
        Selection::Only(set) => set.iter().any(|f| f.starts_with(pages::AGENCIES)),
    };
    for p in current().filter(|_| want_agencies) {
        let roles: [Vec<&str>; 4] = [
            p.offices.iter().map(String::as_str).collect(),
            vec![p.agencies.competent.as_str()],
            p.agencies.executing.iter().map(String::as_str).collect(),
            p.agencies
                .coordinating
                .iter()
                .chain(p.agencies.delegated.iter())
                .map(String::as_str)
                .collect(),
        ];
        for (k, ids) in roles.iter().enumerate() {
            let mut seen = BTreeSet::new();
            for id in ids.iter().filter(|id| seen.insert(**id)) {
                relations.entry(id).or_default()[k].push(p);
            }
        }
    }
    let home_crumb = |name: &str, rel: &str| NamedLink {
        name: name.to_string(),
        url: urls.link(rel),
    };

    // Home.
    if sel.wants_page(pages::HOME) {
        let featured: Vec<&Procedure> = if c.site.featured.is_empty() {
            let mut seen = BTreeSet::new();
            // One procedure per sector first, so the home page shows breadth.
            let mut v: Vec<&Procedure> = Vec::new();
            for s in &c.sectors {
                if let Some(p) = current().find(|p| p.sector == s.id) {
                    seen.insert(p.code.clone());
                    v.push(p);
                }
            }
            v.truncate(10);
            v
        } else {
            c.site
                .featured
                .iter()
                .filter_map(|code| c.procedure(code))
                .collect()
        };
        let journeys: Vec<serde_json::Value> = c
        .journeys
        .iter()
        .map(|j| serde_json::json!({"name": j.name, "url": urls.link(&pages::journey(&j.id)), "count": j.steps.len()}))
        .collect();
        jobs.push(page(
            pages::HOME,
            "index.html",
            vec![
                ("sectors", to_json(&views::sector_tiles(c, urls))),
                ("journeys", to_json(&journeys)),
                (
                    "popular",
                    to_json(
                        &featured
                            .iter()
                            .map(|p| card(c, urls, p))
                            .collect::<Vec<_>>(),
                    ),
                ),
                ("total", serde_json::json!(current().count())),
            ],
        ));
    }

    // Procedure pages and checklists are rendered by `render_into` as it goes, so their
    // view models never all sit in memory at once.

    // Sectors.
    if sel.wants_page(pages::SECTORS) {
        jobs.push(list(
            pages::SECTORS,
            ListPage {
                title: "Lĩnh vực".into(),
                description: format!("Thủ tục hành chính của {} theo lĩnh vực.", c.site.province),
                links: views::sector_tiles(c, urls)
                    .into_iter()
                    .map(|t| NoteLink {
                        name: t.name,
                        url: t.url,
                        note: Some(format!("{} thủ tục", t.count)),
                    })
                    .collect(),
                ..ListPage::default()
            },
        ));
    }
    for s in c
        .sectors
        .iter()
        .filter(|s| sel.wants_page(&pages::sector(&s.id)))
    {
        let mut groups = Vec::new();
        for level in [
            Level::Province,
            Level::Commune,
            Level::Ministry,
            Level::Other,
            Level::District,
        ] {
            let items = cards(
                &cache,
                current().filter(|p| p.sector == s.id && p.levels.first() == Some(&level)),
            );
            if !items.is_empty() {
                groups.push(Group {
                    title: Some(views::level_name(level).to_string()),
                    anchor: pages::level_slug(level).to_string(),
                    items,
                });
            }
        }
        let abolished = cards(
            &cache,
            c.procedures
                .iter()
                .map(|p| &**p)
                .filter(|p| p.sector == s.id && p.is_abolished()),
        );
        if !abolished.is_empty() {
            groups.push(Group {
                title: Some("Đã bãi bỏ".into()),
                anchor: "bai-bo".into(),
                items: abolished,
            });
        }
        jobs.push(list(
            &pages::sector(&s.id),
            ListPage {
                title: s.name.clone(),
                description: format!("Các thủ tục lĩnh vực {} tại {}.", s.name, c.site.province),
                intro: s.description.clone(),
                crumbs: vec![home_crumb("Lĩnh vực", pages::SECTORS)],
                empty: groups
                    .is_empty()
                    .then(|| "Chưa có thủ tục nào trong lĩnh vực này.".to_string()),
                groups,
                ..ListPage::default()
            },
        ));
    }

    // Levels.
    let levels: Vec<Level> = {
        let mut set = BTreeSet::new();
        for p in c.procedures.iter() {
            set.extend(p.levels.iter().copied());
        }
        set.into_iter().collect()
    };
    if sel.wants_page(pages::LEVELS) {
        jobs.push(list(
            pages::LEVELS,
            ListPage {
                title: "Cấp thực hiện".into(),
                description: "Thủ tục hành chính theo cấp thực hiện.".into(),
                links: levels
                    .iter()
                    .map(|l| NoteLink {
                        name: views::level_name(*l).to_string(),
                        url: urls.link(&pages::level(*l)),
                        note: Some(format!(
                            "{} thủ tục",
                            current().filter(|p| p.levels.contains(l)).count()
                        )),
                    })
                    .collect(),
                ..ListPage::default()
            },
        ));
    }
    for l in levels.iter().filter(|l| sel.wants_page(&pages::level(**l))) {
        let groups = c
            .sectors
            .iter()
            .map(|s| Group {
                title: Some(s.name.clone()),
                anchor: s.id.clone(),
                items: cards(
                    &cache,
                    current().filter(|p| p.levels.contains(l) && p.sector == s.id),
                ),
            })
            .filter(|g| !g.items.is_empty())
            .collect();
        jobs.push(list(
            &pages::level(*l),
            ListPage {
                title: format!("Thủ tục {}", views::level_name(*l).to_lowercase()),
                description: format!(
                    "Thủ tục hành chính {} tại {}.",
                    views::level_name(*l).to_lowercase(),
                    c.site.province
                ),
                crumbs: vec![home_crumb("Cấp thực hiện", pages::LEVELS)],
                groups,
                ..ListPage::default()
            },
        ));
    }

    // Agencies.
    if sel.wants_page(pages::AGENCIES) {
        jobs.push(list(
        pages::AGENCIES,
        ListPage {
            title: "Cơ quan và nơi nộp hồ sơ".into(),
            description: "Cơ quan giải quyết thủ tục và bộ phận một cửa: địa chỉ, giờ làm việc, điện thoại.".into(),
            links: c
                .agencies
                .values()
                .map(|a| NoteLink {
                    name: a.name.clone(),
                    url: urls.link(&pages::agency(&a.id)),
                    note: a.address.clone(),
                })
                .collect(),
            ..ListPage::default()
        },
    ));
    }
    for a in c
        .agencies
        .values()
        .filter(|a| sel.wants_page(&pages::agency(&a.id)))
    {
        let mut details = vec![Detail {
            label: "Cấp",
            value: views::level_name(a.level).to_string(),
            url: None,
        }];
        for (label, value) in [
            ("Địa chỉ", &a.address),
            ("Điện thoại", &a.phone),
            ("Thư điện tử", &a.email),
        ] {
            if let Some(v) = value {
                details.push(Detail {
                    label,
                    value: v.clone(),
                    url: None,
                });
            }
        }
        if !a.opening_hours.is_empty() {
            details.push(Detail {
                label: "Giờ làm việc",
                value: a.opening_hours.join("; "),
                url: None,
            });
        }
        if let Some(w) = a.website.as_ref().filter(|w| w.starts_with("http")) {
            details.push(Detail {
                label: "Trang web",
                value: w.clone(),
                url: Some(w.clone()),
            });
        }
        if let Some(k) = a.coordinates {
            details.push(Detail {
                label: "Bản đồ",
                value: "Xem trên OpenStreetMap".into(),
                url: Some(format!(
                    "https://www.openstreetmap.org/?mlat={:.6}&mlon={:.6}#map=17/{:.6}/{:.6}",
                    k.lat, k.lon, k.lat, k.lon
                )),
            });
        }
        if !a.channels.is_empty() {
            details.push(Detail {
                label: "Nhận hồ sơ",
                value: a
                    .channels
                    .iter()
                    .map(|k| views::channel_name(*k))
                    .collect::<Vec<_>>()
                    .join(", "),
                url: None,
            });
        }
        let id = a.id.as_str();
        let groups: Vec<Group> = [
            ("Nộp hồ sơ tại đây", "nop"),
            ("Cơ quan có thẩm quyền", "tham-quyen"),
            ("Cơ quan thực hiện", "thuc-hien"),
            ("Cơ quan phối hợp hoặc được ủy quyền", "phoi-hop"),
        ]
        .into_iter()
        .enumerate()
        .map(|(k, (title, anchor))| Group {
            title: Some(title.to_string()),
            anchor: anchor.to_string(),
            items: cards(
                &cache,
                relations
                    .get(id)
                    .map(|r| r[k].as_slice())
                    .unwrap_or(&[])
                    .iter()
                    .copied(),
            ),
        })
        .filter(|g| !g.items.is_empty())
        .collect();
        jobs.push(list(
            &pages::agency(id),
            ListPage {
                title: a.name.clone(),
                description: format!(
                    "{}: địa chỉ, giờ làm việc và các thủ tục giải quyết.",
                    a.name
                ),
                intro: a.description.clone(),
                crumbs: vec![home_crumb("Cơ quan", pages::AGENCIES)],
                details,
                sources: sources(&a.sources),
                empty: groups
                    .is_empty()
                    .then(|| "Chưa có thủ tục nào gắn với cơ quan này.".to_string()),
                groups,
                ..ListPage::default()
            },
        ));
    }

    // Legal documents.
    if sel.wants_page(pages::LEGAL) {
        jobs.push(list(
            pages::LEGAL,
            ListPage {
                title: "Văn bản pháp luật".into(),
                description: "Các văn bản quy định thủ tục, giấy tờ, phí, lệ phí và thời hạn."
                    .into(),
                links: c
                    .legal
                    .values()
                    .map(|d| NoteLink {
                        name: format!("{} {}", d.kind, d.number),
                        url: urls.link(&pages::legal(&d.number)),
                        note: Some(d.title.clone()),
                    })
                    .collect(),
                ..ListPage::default()
            },
        ));
    }
    let wanted_docs: Vec<_> = c
        .legal
        .values()
        .filter(|d| sel.wants_page(&pages::legal(&d.number)))
        .collect();
    // Scanning every procedure's citations is only worth it when a document page is wanted.
    let citing = if wanted_docs.is_empty() {
        BTreeMap::new()
    } else {
        citations_by_document(c)
    };
    for d in wanted_docs {
        let mut details = vec![
            Detail {
                label: "Số, ký hiệu",
                value: d.number.clone(),
                url: None,
            },
            Detail {
                label: "Loại văn bản",
                value: d.kind.clone(),
                url: None,
            },
            Detail {
                label: "Cơ quan ban hành",
                value: d.issuer.clone(),
                url: None,
            },
            Detail {
                label: "Ngày ban hành",
                value: views::date_text_vi(&d.signed),
                url: None,
            },
        ];
        if let Some(e) = &d.in_force_from {
            details.push(Detail {
                label: "Ngày hiệu lực",
                value: views::date_text_vi(e),
                url: None,
            });
        }
        let (value, url) = views::legal_status(c, urls, d);
        details.push(Detail {
            label: "Tình trạng",
            value,
            url,
        });
        if let Some(u) = d.url.as_ref().filter(|u| u.starts_with("http")) {
            details.push(Detail {
                label: "Toàn văn",
                value: "Xem toàn văn".into(),
                url: Some(u.clone()),
            });
        }
        let codes = citing.get(d.number.as_str()).cloned().unwrap_or_default();
        let items = cards(&cache, codes.iter().filter_map(|code| c.procedure(code)));
        jobs.push(list(
            &pages::legal(&d.number),
            ListPage {
                title: format!("{} {}", d.kind, d.number),
                description: format!(
                    "{} {}: {}. Các thủ tục dựa trên văn bản này.",
                    d.kind, d.number, d.title
                ),
                intro: Some(d.title.clone()),
                crumbs: vec![home_crumb("Văn bản pháp luật", pages::LEGAL)],
                details,
                sources: sources(&d.sources),
                empty: items
                    .is_empty()
                    .then(|| "Chưa có thủ tục nào trích dẫn văn bản này.".to_string()),
                groups: if items.is_empty() {
                    vec![]
                } else {
                    vec![Group {
                        title: Some("Thủ tục dựa trên văn bản này".into()),
                        anchor: "thu-tuc".into(),
                        items,
                    }]
                },
                ..ListPage::default()
            },
        ));
    }

    // Journeys.
    if sel.wants_page(pages::JOURNEYS) {
        jobs.push(list(
            pages::JOURNEYS,
            ListPage {
                title: "Sự kiện cuộc sống và nhóm thủ tục liên thông".into(),
                description: "Những việc thường đi cùng nhau: sinh con, người thân qua đời…".into(),
                links: c
                    .journeys
                    .iter()
                    .map(|j| NoteLink {
                        name: j.name.clone(),
                        url: urls.link(&pages::journey(&j.id)),
                        note: Some(format!("{} thủ tục", j.steps.len())),
                    })
                    .collect(),
                empty: c
                    .journeys
                    .is_empty()
                    .then(|| "Chưa có nhóm thủ tục nào.".to_string()),
                ..ListPage::default()
            },
        ));
    }
    for j in c
        .journeys
        .iter()
        .filter(|j| sel.wants_page(&pages::journey(&j.id)))
    {
        let mut details = vec![Detail {
            label: "Loại",
            value: match j.kind {
                JourneyKind::LifeEvent => "Sự kiện cuộc sống".into(),
                JourneyKind::Linked => "Nhóm thủ tục liên thông".into(),
            },
            url: None,
        }];
        if let Some(t) = &j.total_time_limit {
            details.push(Detail {
                label: "Tổng thời hạn",
                value: views::time_limit_text(t),
                url: None,
            });
        }
        jobs.push(list(
            &pages::journey(&j.id),
            ListPage {
                title: j.name.clone(),
                description: crate::text::truncate(&crate::text::markdown_text(&j.summary), 155),
                crumbs: vec![home_crumb("Sự kiện cuộc sống", pages::JOURNEYS)],
                details,
                body_html: Some(markdown(&j.summary)),
                steps: j
                    .steps
                    .iter()
                    .map(|s| {
                        let p = c.procedure(&s.procedure);
                        JourneyStepView {
                            code: s.procedure.clone(),
                            name: p
                                .map(|p| p.name.clone())
                                .unwrap_or_else(|| s.procedure.clone()),
                            url: urls.link(&pages::procedure(&s.procedure)),
                            time: s
                                .time_limit
                                .as_ref()
                                .map(views::time_limit_text)
                                .or_else(|| p.map(views::shortest_time)),
                            note: s.note.clone(),
                        }
                    })
                    .collect(),
                sources: sources(&j.sources),
                ..ListPage::default()
            },
        ));
    }

    // A–Z.
    if sel.wants_page(pages::AZ) {
        let mut by_letter: BTreeMap<String, Vec<&Procedure>> = BTreeMap::new();
        for p in c.procedures.iter() {
            let letter = fold_ascii(&p.name)
                .chars()
                .find(|ch| ch.is_alphanumeric())
                .map(|ch| ch.to_uppercase().to_string())
                .unwrap_or_else(|| "#".into());
            by_letter.entry(letter).or_default().push(p);
        }
        jobs.push(list(
            pages::AZ,
            ListPage {
                title: "Tất cả thủ tục (A–Z)".into(),
                description: format!(
                    "Danh sách đầy đủ {} thủ tục hành chính theo thứ tự chữ cái.",
                    c.procedures.len()
                ),
                links: by_letter
                    .keys()
                    .map(|l| NoteLink {
                        name: l.clone(),
                        url: format!("#chu-{}", l.to_lowercase()),
                        note: None,
                    })
                    .collect(),
                groups: by_letter
                    .iter()
                    .map(|(l, ps)| Group {
                        title: Some(l.clone()),
                        anchor: format!("chu-{}", l.to_lowercase()),
                        items: cards(&cache, ps.iter().copied()),
                    })
                    .collect(),
                ..ListPage::default()
            },
        ));
    }

    // Search, help, 404.
    if sel.wants_page(pages::SEARCH) {
        jobs.push(page(pages::SEARCH, "search.html", vec![]));
    }
    if sel.wants_page(pages::ABOUT) {
        jobs.push(page(pages::ABOUT, "about.html", vec![]));
    }
    if sel.wants(pages::NOT_FOUND) {
        jobs.push(PageJob {
            out: pages::NOT_FOUND.into(),
            url: None,
            template: "404.html",
            vars: vec![],
        });
    }
    jobs
}

fn sources(s: &[crate::catalogue::model::Source]) -> Vec<SourceLink> {
    s.iter()
        .map(|s| SourceLink {
            title: s.title.clone(),
            url: s
                .url
                .clone()
                .filter(|u| u.starts_with("http://") || u.starts_with("https://")),
        })
        .collect()
}

/// For each legal document number, the codes of procedures citing it anywhere.
pub fn citations_by_document(c: &Catalogue) -> BTreeMap<&str, BTreeSet<String>> {
    let mut map: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for p in &c.procedures {
        for d in cited_documents(p) {
            if let Some((key, _)) = c.legal.get_key_value(d) {
                map.entry(key.as_str()).or_default().insert(p.code.clone());
            }
        }
    }
    map
}

/// Every legal document number a procedure cites, anywhere in its record (with repeats).
pub fn cited_documents(p: &Procedure) -> Vec<&str> {
    let mut docs: Vec<&str> = p.legal_basis.iter().map(|b| b.document.as_str()).collect();
    for ch in &p.channels {
        docs.extend(
            ch.time_limits
                .iter()
                .flat_map(|t| t.legal_basis.iter().map(|b| b.document.as_str())),
        );
        docs.extend(
            ch.fees
                .iter()
                .flat_map(|f| f.legal_basis.iter().map(|b| b.document.as_str())),
        );
    }
    for g in &p.papers {
        for i in &g.items {
            docs.extend(i.legal_basis.iter().map(|b| b.document.as_str()));
            if let Some(d) = i.form.as_ref().and_then(|f| f.issued_by.as_deref()) {
                docs.push(d);
            }
        }
    }
    docs.extend(
        p.conditions
            .iter()
            .flat_map(|k| k.legal_basis.iter().map(|b| b.document.as_str())),
    );
    docs
}
