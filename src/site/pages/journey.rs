//! Life events and liên thông groups: the list, and one page per journey with its ordered
//! procedures.

use super::listing::{crumb, sources, Detail, JourneyStepView, ListPage, NoteLink};
use super::{files_of, Cx, PageKind, Selection};
use crate::catalogue::model::{Catalogue, Journey, JourneyKind, Procedure};
use crate::site::urls;
use crate::site::views;
use crate::site::SiteError;
use crate::text::{markdown, markdown_text, truncate};

/// Journey pages.
pub(super) struct Journeys;

fn steps(cx: &Cx, j: &Journey) -> Vec<JourneyStepView> {
    j.steps
        .iter()
        .map(|s| {
            let p = cx.c.procedure(&s.procedure);
            JourneyStepView {
                code: s.procedure.clone(),
                name: p
                    .map(|p| p.name.clone())
                    .unwrap_or_else(|| s.procedure.clone()),
                url: cx.urls.link(&urls::procedure(&s.procedure)),
                time: s
                    .time_limit
                    .as_ref()
                    .map(views::time_limit_text)
                    .or_else(|| p.map(views::shortest_time)),
                note: s.note.clone(),
            }
        })
        .collect()
}

impl PageKind for Journeys {
    fn files(&self, c: &Catalogue) -> Vec<String> {
        let mut dirs = vec![urls::JOURNEYS.to_string()];
        dirs.extend(c.journeys.iter().map(|j| urls::journey(&j.id)));
        files_of(dirs.iter().map(String::as_str))
    }

    fn showing(&self, c: &Catalogue, p: &Procedure) -> Vec<String> {
        let dirs: Vec<String> = c
            .journeys
            .iter()
            .filter(|j| j.steps.iter().any(|s| s.procedure == p.code))
            .map(|j| urls::journey(&j.id))
            .collect();
        files_of(dirs.iter().map(String::as_str))
    }

    fn sample(&self, c: &Catalogue) -> Vec<String> {
        let mut dirs = vec![urls::JOURNEYS.to_string()];
        dirs.extend(c.journeys.first().map(|j| urls::journey(&j.id)));
        files_of(dirs.iter().map(String::as_str))
    }

    fn render(&self, cx: &Cx, sel: &Selection) -> Result<(), SiteError> {
        let (c, u) = (cx.c, cx.urls);
        if sel.wants_page(urls::JOURNEYS) {
            cx.list(
                urls::JOURNEYS,
                &ListPage {
                    title: "Sự kiện cuộc sống và nhóm thủ tục liên thông".into(),
                    description: "Những việc thường đi cùng nhau: sinh con, người thân qua đời…"
                        .into(),
                    links: c
                        .journeys
                        .iter()
                        .map(|j| NoteLink {
                            name: j.name.clone(),
                            url: u.link(&urls::journey(&j.id)),
                            note: Some(format!("{} thủ tục", j.steps.len())),
                        })
                        .collect(),
                    empty: c
                        .journeys
                        .is_empty()
                        .then(|| "Chưa có nhóm thủ tục nào.".to_string()),
                    ..ListPage::default()
                },
            )?;
        }
        for j in c
            .journeys
            .iter()
            .filter(|j| sel.wants_page(&urls::journey(&j.id)))
        {
            let mut details = vec![Detail::text(
                "Loại",
                match j.kind {
                    JourneyKind::LifeEvent => "Sự kiện cuộc sống",
                    JourneyKind::Linked => "Nhóm thủ tục liên thông",
                },
            )];
            if let Some(t) = &j.total_time_limit {
                details.push(Detail::text("Tổng thời hạn", views::time_limit_text(t)));
            }
            cx.list(
                &urls::journey(&j.id),
                &ListPage {
                    title: j.name.clone(),
                    description: truncate(&markdown_text(&j.summary), 155),
                    crumbs: vec![crumb(u, "Sự kiện cuộc sống", urls::JOURNEYS)],
                    details,
                    body_html: Some(markdown(&j.summary)),
                    steps: steps(cx, j),
                    sources: sources(&j.sources),
                    ..ListPage::default()
                },
            )?;
        }
        Ok(())
    }
}
