//! XHTML for the blocks that group others (figures, definition lists,
//! divs, details) and for [`Phrase`] runs.

use super::escape::{escape, safe_id};
use super::xhtml::Writer;
use crate::book::{Align, BlockAttrs, DefinitionItem, Image, Inline, Phrase};

impl Writer<'_> {
    pub(super) fn figure(
        &self,
        out: &mut String,
        image: &Image,
        caption: &[Inline],
        id: Option<&str>,
        depth: usize,
    ) {
        out.push_str("<figure");
        if let Some(id) = id {
            out.push_str(&self.id_attr(id));
        }
        out.push_str(">\n");
        self.image(out, image, false);
        if !caption.is_empty() {
            out.push_str("\n<figcaption>");
            self.inlines_at(out, caption, depth + 1, false);
            out.push_str("</figcaption>");
        }
        out.push_str("\n</figure>\n");
    }

    pub(super) fn definitions(&self, out: &mut String, items: &[DefinitionItem], depth: usize) {
        out.push_str("<dl>\n");
        for item in items {
            out.push_str("<dt>");
            self.inlines_at(out, &item.term, depth + 1, false);
            out.push_str("</dt>\n");
            for blocks in &item.definitions {
                out.push_str("<dd>\n");
                self.blocks_at(out, blocks, depth + 1);
                out.push_str("</dd>\n");
            }
        }
        out.push_str("</dl>\n");
    }

    pub(super) fn div(
        &self,
        out: &mut String,
        attrs: &BlockAttrs,
        blocks: &[crate::book::Block],
        depth: usize,
    ) {
        out.push_str("<div");
        if let Some(id) = &attrs.id {
            out.push_str(&self.id_attr(id));
        }
        let mut classes: Vec<String> = attrs.classes.iter().map(|c| safe_id(c)).collect();
        match attrs.align {
            Align::None => {}
            Align::Left => classes.push("align-left".into()),
            Align::Center => classes.push("align-center".into()),
            Align::Right => classes.push("align-right".into()),
        }
        if !classes.is_empty() {
            out.push_str(&format!(" class=\"{}\"", escape(&classes.join(" "))));
        }
        if let Some(lang) = &attrs.lang {
            let lang = escape(lang);
            out.push_str(&format!(" lang=\"{lang}\" xml:lang=\"{lang}\""));
        }
        if let Some(dir) = attrs.dir {
            out.push_str(&format!(" dir=\"{}\"", dir.name()));
        }
        out.push_str(">\n");
        self.blocks_at(out, blocks, depth + 1);
        out.push_str("</div>\n");
    }

    pub(super) fn details(
        &self,
        out: &mut String,
        summary: &[Inline],
        blocks: &[crate::book::Block],
        depth: usize,
    ) {
        out.push_str("<details>\n<summary>");
        self.inlines_at(out, summary, depth + 1, false);
        out.push_str("</summary>\n");
        self.blocks_at(out, blocks, depth + 1);
        out.push_str("</details>\n");
    }

    pub(super) fn phrase(
        &self,
        out: &mut String,
        kind: &Phrase,
        content: &[Inline],
        depth: usize,
        in_link: bool,
    ) {
        let (tag, attrs) = match kind {
            Phrase::Superscript => ("sup", String::new()),
            Phrase::Subscript => ("sub", String::new()),
            Phrase::SmallCaps => ("span", " class=\"smallcaps\"".to_string()),
            Phrase::Small => ("small", String::new()),
            Phrase::Mark => ("mark", String::new()),
            Phrase::Keyboard => ("kbd", String::new()),
            Phrase::Cite => ("cite", String::new()),
            Phrase::Definition => ("dfn", String::new()),
            Phrase::Abbreviation { title } => (
                "abbr",
                title
                    .as_deref()
                    .map(|t| format!(" title=\"{}\"", escape(t)))
                    .unwrap_or_default(),
            ),
            Phrase::Quote => ("q", String::new()),
            Phrase::Underline => ("u", String::new()),
            Phrase::Isolate => ("bdi", String::new()),
            Phrase::Caption => ("span", " class=\"caption\"".to_string()),
            Phrase::PageBreak { label } => {
                out.push_str(&format!(
                    "<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" aria-label=\"{}\"></span>",
                    escape(label)
                ));
                return;
            }
        };
        out.push_str(&format!("<{tag}{attrs}>"));
        self.inlines_at(out, content, depth + 1, in_link);
        out.push_str(&format!("</{tag}>"));
    }
}
