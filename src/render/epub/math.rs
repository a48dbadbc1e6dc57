//! Formulas in the EPUB: presentation MathML (see [`crate::math::mathml`]),
//! display math as a block with its `\tag` at the right; a formula folio
//! could not parse is its TeX source as code (a warning was given).

use super::escape::push_escaped;
use crate::book::Book;
use crate::math::Math;

/// Added to the stylesheet of books with math only (a book without pays
/// nothing): display math centred, its number at the right.
pub const CSS: &str = "
div.math {
  margin: 0.6em 0;
  text-align: center;
  text-indent: 0;
}
div.math .eqno {
  float: right;
}
math[display=\"block\"] {
  display: block;
  margin: 0 auto;
}
menclose[notation=\"box\"] {
  border: 0.06em solid;
  padding: 0.15em 0.25em;
}
mtd.rule-above { border-top: 0.06em solid; }
mtd.rule-below { border-bottom: 0.06em solid; }
mtd.rule-before { border-left: 0.06em solid; }
mtd.rule-after { border-right: 0.06em solid; }
";

/// A formula in running text.
pub fn inline(out: &mut String, m: &Math) {
    if m.tree.is_some() {
        crate::math::mathml::write(m, out);
    } else {
        out.push_str("<code class=\"math\">");
        push_escaped(out, &m.tex);
        out.push_str("</code>");
    }
}

/// Display math standing alone.
pub fn block(out: &mut String, m: &Math) {
    if m.tree.is_none() {
        out.push_str("<pre class=\"math\"><code>");
        push_escaped(out, m.tex.trim());
        out.push_str("</code></pre>\n");
        return;
    }
    out.push_str("<div class=\"math\">");
    crate::math::mathml::write(m, out);
    if let Some(tag) = &m.tag {
        out.push_str("<span class=\"eqno\">");
        push_escaped(out, tag);
        out.push_str("</span>");
    }
    out.push_str("</div>\n");
}

/// The XHTML files (chapter files as named, and the notes page) that hold
/// MathML: the package marks them with the `mathml` property.
pub fn documents(book: &Book, chapters: &[String], notes_page: &str) -> Vec<String> {
    let mut out: Vec<String> = book
        .chapters
        .iter()
        .zip(chapters)
        .filter(|(c, _)| crate::math::walk::has_math(&c.blocks) || title_has_math(c))
        .map(|(_, f)| f.clone())
        .collect();
    if book
        .notes
        .iter()
        .any(|n| crate::math::walk::has_math(&n.blocks))
    {
        out.push(notes_page.to_string());
    }
    out
}

fn title_has_math(c: &crate::book::Chapter) -> bool {
    let heading = crate::book::Block::Paragraph(c.title.clone());
    crate::math::walk::has_math(std::slice::from_ref(&heading))
}
