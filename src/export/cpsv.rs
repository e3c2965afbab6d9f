//! The CPSV-AP 3.2 export (`du-lieu/cpsv-ap.jsonld.gz`, gzip-compressed JSON-LD): the catalogue in the Core Public Service
//! Vocabulary Application Profile of the EU's SEMIC, so portals and national catalogues that
//! harvest CPSV-AP can load it. One JSON-LD `@graph`:
//! - `cpsv:PublicService` per procedure, linked to its
//! - `cv:Channel`s (one per way to submit, with `cv:processingTime` where it is a duration),
//! - `cv:Cost`s (fees, `cv:hasValue` in `cv:currency` VND, `cv:ifAccessedThrough` its channel),
//! - `cv:Evidence` (the papers of the dossier), `cv:Output` (the result),
//! - `cv:PublicOrganisation` (the competent agency, `cv:hasCompetentAuthority`),
//! - `cpsv:Rule` per legal basis, implementing an `eli:LegalResource` (the legal document).
//!
//! Terms use the official namespaces (`cpsv:` <http://purl.org/vocab/cpsv#>, `cv:`
//! <http://data.europa.eu/m8g/>, `dct:`, `eli:`, `skos:`, `foaf:`); the context only declares
//! prefixes, so the file is read without fetching anything. Identifiers are absolute URLs of
//! the site's pages (from `base_url`), shared with the schema.org JSON-LD of the same pages.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use crate::catalogue::model::{Amount, AmountWord, Catalogue, Procedure, TimeUnit};
use crate::site::urls::{self, Urls};
use crate::site::views::{channel_name, time_limit_text};

/// The release of CPSV-AP this export follows.
pub const PROFILE: &str = "https://semiceu.github.io/CPSV-AP/releases/3.2.0/";

/// Where the export is published, relative to the site root.
pub const FILE: &str = "du-lieu/cpsv-ap.jsonld.gz";

/// The EU authority table IRIs for Vietnamese and the đồng.
const LANG_VI: &str = "http://publications.europa.eu/resource/authority/language/VIE";
const CURRENCY_VND: &str = "http://publications.europa.eu/resource/authority/currency/VND";

fn vi(text: &str) -> Value {
    json!({"@language": "vi", "@value": text})
}

fn id(iri: &str) -> Value {
    json!({"@id": iri})
}

fn context() -> Value {
    json!({
        "cpsv": "http://purl.org/vocab/cpsv#",
        "cv": "http://data.europa.eu/m8g/",
        "dct": "http://purl.org/dc/terms/",
        "dcat": "http://www.w3.org/ns/dcat#",
        "eli": "http://data.europa.eu/eli/ontology#",
        "foaf": "http://xmlns.com/foaf/0.1/",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
    })
}

/// IRI of the organisation node of agency `id` (the same as in the pages' JSON-LD).
fn org_iri(urls: &Urls, agency: &str) -> String {
    format!("{}#org", urls.absolute(&urls::agency(agency)))
}

/// IRI of the legal resource node of document `number`.
fn legal_iri(urls: &Urls, number: &str) -> String {
    format!("{}#van-ban", urls.absolute(&urls::legal(number)))
}

/// The nodes of one procedure: the service first, then what it links to.
fn procedure_nodes(c: &Catalogue, urls: &Urls, p: &Procedure, out: &mut Vec<Value>) {
    // Reads the parts a summary drops: callers pass `Catalogue::full`'s procedure.
    debug_assert!(!p.is_summary(), "{} is a summary", p.code);
    let page = urls.absolute(&urls::procedure(&p.code));
    let mut nodes = Vec::new();
    let service_iri = format!("{page}#dich-vu");
    let mut channels = Vec::new();
    let mut costs = Vec::new();
    for ch in &p.channels {
        let ch_iri = format!("{page}#kenh-{}", ch.kind.id());
        channels.push(id(&ch_iri));
        let mut node = json!({
            "@id": ch_iri,
            "@type": "cv:Channel",
            "dct:identifier": format!("{}/{}", p.code, ch.kind.id()),
            "dct:type": vi(channel_name(ch.kind)),
            "cv:ownedBy": [id(&org_iri(urls, &p.agencies.competent))],
        });
        if let Some(t) = ch.time_limits.first() {
            node["dct:description"] = vi(&format!("Thời hạn giải quyết: {}", time_limit_text(t)));
            let days = match (t.unit, t.value) {
                (TimeUnit::CalendarDays, Some(v)) if v.fract() == 0.0 => {
                    Some(format!("P{}D", v as i64))
                }
                (TimeUnit::Hours, Some(v)) if v.fract() == 0.0 => Some(format!("PT{}H", v as i64)),
                _ => None,
            };
            if let Some(d) = days {
                node["cv:processingTime"] = json!({"@type": "xsd:duration", "@value": d});
            }
        }
        if let Some(u) = &ch.url {
            node["foaf:page"] = id(u.as_str());
        }
        nodes.push(node);
        for (i, f) in ch.fees.iter().enumerate() {
            let cost_iri = format!("{page}#phi-{}-{}", ch.kind.id(), i + 1);
            costs.push(id(&cost_iri));
            let mut node = json!({
                "@id": cost_iri,
                "@type": "cv:Cost",
                "dct:identifier": format!("{}/{}/{}", p.code, ch.kind.id(), i + 1),
                "cv:ifAccessedThrough": id(&format!("{page}#kenh-{}", ch.kind.id())),
                "cv:currency": id(CURRENCY_VND),
            });
            let mut desc = f
                .name
                .clone()
                .unwrap_or_else(|| super::jsonld::fee_kind_name(f.kind).to_string());
            if let Some(cond) = &f.condition {
                desc.push_str(&format!(" ({cond})"));
            }
            node["dct:description"] = vi(&desc);
            match f.amount {
                Some(Amount::Vnd(v)) => {
                    node["cv:hasValue"] = json!({"@type": "xsd:double", "@value": v.to_string()});
                }
                Some(Amount::Word(AmountWord::Free)) => {
                    node["cv:hasValue"] = json!({"@type": "xsd:double", "@value": "0"});
                }
                None => {}
            }
            let defined: Vec<Value> = f
                .legal_basis
                .iter()
                .map(|b| id(&legal_iri(urls, &b.document)))
                .collect();
            if !defined.is_empty() {
                node["cv:isDefinedBy"] = Value::Array(defined);
            }
            nodes.push(node);
        }
    }
    let mut evidence = Vec::new();
    for (g, group) in p.papers.iter().enumerate() {
        for (i, item) in group.items.iter().enumerate() {
            let ev_iri = format!("{page}#giay-to-{}-{}", g + 1, i + 1);
            evidence.push(id(&ev_iri));
            let mut node = json!({
                "@id": ev_iri,
                "@type": "cv:Evidence",
                "dct:identifier": format!("{}/{}/{}", p.code, g + 1, i + 1),
                "dct:title": vi(&item.name),
                "dct:language": [id(LANG_VI)],
            });
            let mut desc = Vec::new();
            if let Some(case) = &group.case {
                desc.push(case.clone());
            }
            desc.push(format!(
                "{} bản chính, {} bản sao{}",
                item.originals,
                item.copies,
                if item.required { "" } else { "; nộp khi có" }
            ));
            if let Some(note) = &item.note {
                desc.push(note.clone());
            }
            node["dct:description"] = vi(&desc.join(". "));
            if let Some(u) = item.form.as_ref().and_then(|f| f.url.as_ref()) {
                node["foaf:page"] = json!([id(u.as_str())]);
            }
            nodes.push(node);
        }
    }
    let output_iri = format!("{page}#ket-qua");
    let mut output = json!({
        "@id": output_iri,
        "@type": "cv:Output",
        "dct:identifier": format!("{}/ket-qua", p.code),
        "dct:title": vi(&p.result.name),
    });
    if let Some(d) = &p.result.description {
        output["dct:description"] = vi(&crate::text::markdown_text(d));
    }
    nodes.push(output);
    let mut rules = Vec::new();
    let mut resources = Vec::new();
    for (i, b) in p.legal_basis.iter().enumerate() {
        let rule_iri = format!("{page}#can-cu-{}", i + 1);
        rules.push(id(&rule_iri));
        let res = legal_iri(urls, &b.document);
        resources.push(id(&res));
        let title = match &b.article {
            Some(a) => format!("{a}, {}", b.document),
            None => b.document.clone(),
        };
        nodes.push(json!({
            "@id": rule_iri,
            "@type": "cpsv:Rule",
            "dct:identifier": format!("{}/can-cu/{}", p.code, i + 1),
            "dct:title": vi(&title),
            "cv:implements": [id(&res)],
        }));
    }
    let mut service = json!({
        "@id": service_iri,
        "@type": "cpsv:PublicService",
        "dct:identifier": p.code,
        "dct:title": vi(&p.name),
        "dct:description": vi(&crate::text::markdown_text(&p.summary)),
        "dct:language": [id(LANG_VI)],
        "dcat:keyword": p.keywords.iter().map(|k| vi(k)).collect::<Vec<_>>(),
        "foaf:page": id(&page),
        "cv:hasCompetentAuthority": id(&org_iri(urls, &p.agencies.competent)),
        "cv:hasChannel": channels,
        "cv:hasCost": costs,
        "cpsv:hasInput": evidence,
        "cpsv:produces": [id(&output_iri)],
        "cpsv:follows": rules,
        "cv:hasLegalResource": resources,
        "dct:spatial": vi(&c.site.province),
        "dct:modified": {"@type": "xsd:date", "@value": p.last_verified.format("%Y-%m-%d").to_string()},
    });
    if p.is_abolished() {
        service["dct:valid"] = vi("Đã bãi bỏ");
    }
    // The service goes first, then the nodes it links to.
    out.push(service);
    out.extend(nodes);
}

/// The nodes of whole procedure `p` as export text; pure, so procedures can be turned into
/// text in parallel and added to the [`Writer`] in order.
pub fn nodes_of(c: &Catalogue, urls: &Urls, p: &Procedure) -> String {
    let mut nodes = Vec::new();
    procedure_nodes(c, urls, p, &mut nodes);
    let mut s = String::new();
    for node in nodes {
        s.push_str(",\n");
        s.push_str(&node.to_string());
    }
    s
}

/// The export being written: a header, then each procedure's nodes as it passes (in code
/// order), then the agencies and legal documents they refer to. Only one round of nodes is
/// ever in memory, never the graph of a national catalogue (hundreds of MB as JSON values).
/// The text is deterministic JSON, one node per line, gzip-compressed as it is made (at
/// 10,000 procedures the text is 87 MB, the file a tenth of that); the gzip header carries no
/// time or name, so builds stay byte-identical.
pub struct Writer<W: std::io::Write> {
    gz: flate2::write::GzEncoder<W>,
}

impl<W: std::io::Write> Writer<W> {
    /// Starts the compressed file in `out`: the context and the dataset node.
    pub fn new(c: &Catalogue, urls: &Urls, out: W) -> std::io::Result<Writer<W>> {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(out, flate2::Compression::new(1));
        gz.write_all(b"{\"@context\":")?;
        gz.write_all(context().to_string().as_bytes())?;
        gz.write_all(b",\"@graph\":[\n")?;
        let dataset = json!({
            "@id": urls.absolute(FILE),
            "@type": "dcat:Dataset",
            "dct:title": vi(&c.site.name),
            "dct:conformsTo": id(PROFILE),
            "dct:spatial": vi(&c.site.province),
            "dcat:landingPage": id(&urls.absolute(urls::OPEN_DATA)),
        });
        gz.write_all(dataset.to_string().as_bytes())?;
        Ok(Writer { gz })
    }

    /// Appends one procedure's nodes (from [`nodes_of`]).
    pub fn add(&mut self, nodes: &str) -> std::io::Result<()> {
        std::io::Write::write_all(&mut self.gz, nodes.as_bytes())
    }

    /// The agencies and legal documents the procedures refer to (read from the catalogue,
    /// summaries included), and the end of the file; returns the output it was written to.
    pub fn finish(mut self, c: &Catalogue, urls: &Urls) -> std::io::Result<W> {
        use std::io::Write;
        let gz = &mut self.gz;
        let mut orgs = BTreeSet::new();
        let mut docs = BTreeSet::new();
        for p in &c.procedures {
            orgs.insert(p.agencies.competent.as_str());
            docs.extend(p.legal_basis.iter().map(|b| b.document.as_str()));
            docs.extend(
                p.channels
                    .iter()
                    .flat_map(|ch| &ch.fees)
                    .flat_map(|f| &f.legal_basis)
                    .map(|b| b.document.as_str()),
            );
        }
        for a in orgs.iter().filter_map(|id| c.agencies.get(*id)) {
            let mut node = json!({
                "@id": org_iri(urls, &a.id),
                "@type": "cv:PublicOrganisation",
                "skos:prefLabel": vi(&a.name),
                "dct:identifier": a.id,
                "foaf:page": id(&urls.absolute(&urls::agency(&a.id))),
                "dct:spatial": vi(&c.site.province),
            });
            if let Some(w) = &a.website {
                node["foaf:homepage"] = id(w.as_str());
            }
            gz.write_all(b",\n")?;
            gz.write_all(node.to_string().as_bytes())?;
        }
        for d in docs.iter().filter_map(|n| c.legal.get(*n)) {
            let mut node = json!({
                "@id": legal_iri(urls, &d.number),
                "@type": "eli:LegalResource",
                "dct:identifier": d.number,
                "dct:title": vi(&format!("{} {}", d.kind, d.title)),
                "foaf:page": id(&urls.absolute(&urls::legal(&d.number))),
            });
            if let Some(u) = &d.url {
                node["eli:is_realized_by"] = id(u.as_str());
            }
            gz.write_all(b",\n")?;
            gz.write_all(node.to_string().as_bytes())?;
        }
        gz.write_all(b"\n]}\n")?;
        self.gz.finish()
    }
}
