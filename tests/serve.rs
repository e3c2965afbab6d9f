//! `motcua serve` end to end: the real binary on a free loopback port.

mod common_http;

use common_http::{init_catalogue, Events, Server};

const PAGE: &str = "/thu-tuc/1.001193/";

fn procedure_file(dir: &std::path::Path) -> std::path::PathBuf {
    dir.join("catalogue/procedures/ho-tich/1.001193.yaml")
}

#[test]
fn serves_pages_with_types_and_the_reload_script() {
    let dir = init_catalogue();
    let server = Server::start(&dir.path().join("catalogue"));
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(
        home.body.contains("/__motcua/events"),
        "reload script injected"
    );
    let page = server.get(PAGE);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Thủ tục đăng ký khai sinh"));
    let json = server.get("/thu-tuc/1.001193/index.json");
    assert_eq!(json.header("content-type"), Some("application/json"));
    let redirect = server.get("/thu-tuc/1.001193");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("location"), Some(PAGE));
    let form = server.get("/forms/CT01.txt");
    assert_eq!(form.status, 200);
    assert_eq!(
        form.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    let css_path = home
        .body
        .replace("&#x2F;", "/")
        .split('"')
        .find(|s| s.starts_with("./static/css/") && s.ends_with(".css"))
        .expect("stylesheet link, relative to the home page")
        .trim_start_matches('.')
        .to_string();
    assert_eq!(
        server.get(&css_path).header("content-type"),
        Some("text/css; charset=utf-8")
    );
}

#[test]
fn escaping_paths_and_misses_get_the_404_page() {
    let dir = init_catalogue();
    let server = Server::start(&dir.path().join("catalogue"));
    for path in [
        "/../site.yaml",
        "/thu-tuc/../../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E%2Fsite.yaml",
        "/..%2f..%2fetc%2fpasswd",
        "/a%5c..%5c..%5csite.yaml",
        "/%5c%5cetc%5cpasswd",
        "/khong-co-trang-nay/",
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert!(!r.body.contains("base_url"), "{path} must not leak files");
        assert!(
            r.body.contains("</html>"),
            "{path} gets the site's 404 page"
        );
    }
}

/// Runs the reload script a served page carries under node, with a stand-in EventSource and
/// location, and returns how many times it reloaded the page at `path`.
fn reloads_under_node(script: &str, path: &str, events: &[(&str, &str)]) -> u32 {
    let mut js = format!(
        "let n=0;const l={{}};globalThis.window=globalThis;\
         globalThis.EventSource=function(){{this.addEventListener=(k,f)=>{{l[k]=f;}};}};\
         globalThis.location={{pathname:{path:?},reload(){{n++;}}}};\n{script}\n"
    );
    for (name, data) in events {
        js.push_str(&format!("l[{name:?}]({{data:{data:?}}});\n"));
    }
    js.push_str("console.log(n);\n");
    let out = std::process::Command::new("node")
        .arg("-e")
        .arg(&js)
        .output()
        .expect("node runs (the JS tests need it too)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
}

#[test]
fn the_reload_script_reloads_only_pages_whose_file_changed() {
    let dir = init_catalogue();
    let server = Server::start(&dir.path().join("catalogue"));
    let body = server.get(PAGE).body;
    let start = body
        .find("<script>(function(){if(!window.EventSource)")
        .unwrap();
    let script = &body[start + "<script>".len()..];
    let script = &script[..script.find("</script>").unwrap()];
    let own = "7\nthu-tuc/1.001193/index.html\nthu-tuc/1.001193/giay-to.html";
    let listings = "8\na-z/index.html\nindex.html";
    // The edited page reloads once, for its own event, not for the listings that follow.
    let events = [("hello", "6"), ("changed", own), ("changed", listings)];
    assert_eq!(reloads_under_node(script, PAGE, &events), 1);
    assert_eq!(reloads_under_node(script, "/a-z/", &events), 1);
    assert_eq!(reloads_under_node(script, "/", &events), 1);
    assert_eq!(
        reloads_under_node(script, "/thu-tuc/1.001193/giay-to.html", &events),
        1
    );
    assert_eq!(reloads_under_node(script, "/linh-vuc/ho-tich/", &events), 0);
    // A page that skipped a change notes its generation: reconnecting does not reload it.
    let reconnect = [("hello", "6"), ("changed", listings), ("hello", "8")];
    assert_eq!(reloads_under_node(script, PAGE, &reconnect), 0);
    // `reload` (full builds, the error overlay) reloads every page.
    assert_eq!(
        reloads_under_node(script, "/linh-vuc/ho-tich/", &[("reload", "9")]),
        1
    );
}

#[test]
fn an_edit_rebuilds_the_page_and_its_listings_and_reloads() {
    let dir = init_catalogue();
    let server = Server::start(&dir.path().join("catalogue"));
    let mut events = Events::open(&server.addr);
    let file = procedure_file(dir.path());
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text.replace(
        "name: \"Thủ tục đăng ký khai sinh\"",
        "name: \"Thủ tục đăng ký khai sinh (đã sửa)\"",
    );
    assert_ne!(text, edited);
    std::fs::write(&file, edited).unwrap();
    // The edited page is published first and named in a `changed` event, so only pages that
    // show it reload; the listings follow in an event of their own that leaves it out, so
    // the page being edited does not reload a second time.
    events.wait_for("event: changed\n");
    let own = events.wait_for("\n\n");
    assert!(
        own.contains("data: thu-tuc/1.001193/index.html\n"),
        "the edited page is named: {own}"
    );
    let listings = loop {
        events.wait_for("event: changed\n");
        let e = events.wait_for("\n\n");
        if e.contains("data: a-z/index.html\n") {
            break e;
        }
    };
    assert!(
        !listings.contains("data: thu-tuc/1.001193/index.html\n"),
        "the listings' event leaves the edited page out: {listings}"
    );
    server.wait_for(PAGE, "the edited name", |r| {
        r.body.contains("khai sinh (đã sửa)")
    });
    // The listings that show the procedure are rebuilt too.
    for listing in [
        "/linh-vuc/ho-tich/",
        "/a-z/",
        "/co-quan/ubnd-cap-xa/",
        "/van-ban/60-2014-qh13/",
    ] {
        server.wait_for(listing, "the new name in a listing", |r| {
            r.body.contains("khai sinh (đã sửa)")
        });
    }
    server.wait_for(
        "/du-lieu/thu-tuc.csv",
        "the new name in the open-data tables",
        |r| r.body.contains("khai sinh (đã sửa)"),
    );
}

#[test]
fn a_broken_file_shows_the_overlay_over_the_last_good_site_until_fixed() {
    let dir = init_catalogue();
    let server = Server::start(&dir.path().join("catalogue"));
    let mut events = Events::open(&server.addr);
    let file = procedure_file(dir.path());
    let good = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        good.replace("levels: [commune]", "levels: [<b>xa</b>]"),
    )
    .unwrap();
    events.wait_for("event: reload");
    let r = server.wait_for(PAGE, "the error overlay", |r| {
        r.body.contains("motcua-error-overlay")
    });
    assert_eq!(r.status, 200);
    assert!(
        r.body.contains("Thủ tục đăng ký khai sinh"),
        "the last good page is still served"
    );
    assert!(
        r.body.contains("1.001193.yaml"),
        "the overlay names the file"
    );
    assert!(
        r.body.contains("&lt;b&gt;xa&lt;/b&gt;"),
        "diagnostics are HTML-escaped"
    );
    assert!(!r.body.contains("[<b>xa</b>]"));
    assert!(
        server.get("/").body.contains("motcua-error-overlay"),
        "every page gets the overlay"
    );
    std::fs::write(&file, good).unwrap();
    events.wait_for("event: reload");
    server.wait_for(PAGE, "the overlay to clear", |r| {
        !r.body.contains("motcua-error-overlay")
    });
}

#[test]
fn search_api_and_the_no_js_search_page_answer_from_tantivy() {
    let dir = init_catalogue();
    let server = Server::start(&dir.path().join("catalogue"));
    // The index is built right after the first publish; allow it a moment.
    let mut api = server.get("/api/search?q=dang+ky+khai+sinh");
    for _ in 0..50 {
        if api.status == 200 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        api = server.get("/api/search?q=dang+ky+khai+sinh");
    }
    assert_eq!(api.status, 200, "{}", api.body);
    assert_eq!(
        api.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    let v: serde_json::Value = serde_json::from_str(&api.body).expect("json");
    assert_eq!(v["results"][0]["code"], "1.001193", "{}", api.body);
    assert_eq!(v["results"][0]["url"], "/thu-tuc/1.001193/");
    let page = server.get("/tim-kiem/?q=khai%20sinh");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("server-results"), "results injected");
    assert!(page.body.contains("/thu-tuc/1.001193/"));
    let hostile = server.get("/tim-kiem/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    assert!(
        !hostile.body.contains("<script>alert(1)"),
        "query is escaped"
    );
}

#[test]
fn copies_turned_off_in_site_yaml_are_not_served_before_or_after_an_edit() {
    let dir = init_catalogue();
    let site = dir.path().join("catalogue/site.yaml");
    let text = std::fs::read_to_string(&site).unwrap();
    let off = "\npublish:\n  checklists: false\n  records: false\n  embeds: false\n";
    std::fs::write(&site, format!("{text}{off}")).unwrap();
    let server = Server::start(&dir.path().join("catalogue"));
    let copies = [
        "/thu-tuc/1.001193/giay-to.html",
        "/thu-tuc/1.001193/index.json",
        "/thu-tuc/1.001193/nhung.html",
        "/thu-tuc/1.001193/khung.html",
        "/du-lieu/nhung.css",
    ];
    let assert_absent = |when: &str| {
        for path in copies {
            assert_eq!(server.get(path).status, 404, "{path} {when}");
        }
        let page = server.get(PAGE).body;
        assert!(!page.contains("giay-to.html"), "{when}: {page}");
        assert!(!page.contains("index.json"), "{when}: {page}");
    };
    assert_eq!(server.get(PAGE).status, 200);
    assert_absent("after the first build");
    let file = procedure_file(dir.path());
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace(
            "name: \"Thủ tục đăng ký khai sinh\"",
            "name: \"Thủ tục đăng ký khai sinh (đã sửa)\"",
        ),
    )
    .unwrap();
    server.wait_for(PAGE, "the edited name", |r| {
        r.body.contains("khai sinh (đã sửa)")
    });
    server.wait_for("/a-z/", "the listings after the edit", |r| {
        r.body.contains("khai sinh (đã sửa)")
    });
    assert_absent("after an edit");
}
