//! `check` renders a sample of pages to catch template errors before `build`; its listings
//! show a few cards each. These breaks are only reachable on particular listings or cards,
//! so each proves the sample still reaches that branch.

use crate::support::{repo_root, Fixture};

/// The shipped catalogue (it has abolished procedures) with one built-in template replaced
/// by a copy in which `from` became `to`.
fn shipped_with_template(name: &str, from: &str, to: &str) -> Fixture {
    let builtin = repo_root().join("themes/default/templates").join(name);
    let text = std::fs::read_to_string(&builtin).expect("read built-in template");
    assert!(text.contains(from), "`{from}` not found in {name}");
    Fixture::empty()
        .overlay(&repo_root().join("catalogue"))
        .write(
            &format!("themes/default/templates/{name}"),
            text.replacen(from, to, 1),
        )
}

/// Runs `check` and asserts it reports a template error naming `field`, met while rendering
/// the page template `name` (Tera names that one, not the macro file).
fn assert_caught(f: &Fixture, name: &str, field: &str) {
    let run = f.check(&[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "themes/default/templates/{name}:1:1: error[template]"
        )),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(field), "{}", run.stderr);
}

#[test]
fn the_unbroken_shipped_catalogue_passes_check() {
    // The control for the tests below: the same catalogue and theme, nothing broken.
    let f = Fixture::empty().overlay(&repo_root().join("catalogue"));
    let run = f.check(&[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

#[test]
fn check_renders_the_a_to_z_page() {
    // Only the A–Z page links to anchors of its own letters (`#chu-a`).
    let f = shipped_with_template(
        "list.html",
        "{% if l.note %}",
        "{% if l.url is starting_with(\"#chu-\") %}{{ l.az_only_field }}{% endif %}{% if l.note %}",
    );
    assert_caught(&f, "list.html", "l.az_only_field");
}

#[test]
fn check_renders_an_abolished_card_in_a_listing() {
    let f = shipped_with_template(
        "macros.html",
        "{% if p.abolished %}",
        "{% if p.abolished %}{{ p.abolished_only_field }}",
    );
    // Reported while rendering a listing: the home page shows no abolished procedure.
    assert_caught(&f, "list.html", "p.abolished_only_field");
}

#[test]
fn check_renders_a_listing_with_more_than_one_card() {
    // A sampled listing keeps at least two cards, so what follows the first one runs too.
    let f = shipped_with_template(
        "list.html",
        "{% for g in page.groups %}",
        "{% for g in page.groups %}{% if g.items | length > 1 %}{{ g.second_card_field }}{% endif %}",
    );
    assert_caught(&f, "list.html", "g.second_card_field");
}
