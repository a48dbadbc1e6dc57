//! XHTML for an image: the `<img>` of a usable one, with the size the
//! author asked for, or a placeholder that reads as an image.
//!
//! A placeholder is a bordered inline box holding the alt text (or the
//! book's word for "image" when there is none, never the file's path),
//! marked `role="img"` with that text as its label so assistive technology
//! announces an image; a remote image's placeholder links to it.

use super::escape::{escape, safe_href};
use super::xhtml::Writer;
use crate::book::{Image, Length};
use crate::text::Word;

impl Writer<'_> {
    pub(super) fn image_markup(&self, out: &mut String, image: &Image, in_link: bool) {
        self.saw_image(image);
        let (src, alt, title) = (&image.src, &image.alt, image.title.as_deref());
        let id = image
            .id
            .as_deref()
            .map_or(String::new(), |id| format!(" id=\"{}\"", escape(id)));
        if let Some(path) = image.asset.and_then(|a| self.names.assets.get(a)) {
            out.push_str(&format!(
                "<img{id} src=\"{}\" alt=\"{}\"",
                escape(path),
                escape(alt)
            ));
            if let Some(title) = title {
                out.push_str(&format!(" title=\"{}\"", escape(title)));
            }
            out.push_str(&size_attrs(image));
            out.push_str("/>");
            return;
        }
        let label = match alt.trim() {
            "" => self.book.meta.locale().word(Word::Image),
            alt => alt,
        };
        let label = escape(label);
        let placeholder = format!(
            "<span{id} class=\"missing-image\" role=\"img\" aria-label=\"{label}\">{label}</span>"
        );
        let remote = src.starts_with("http://") || src.starts_with("https://");
        match safe_href(src).filter(|_| remote && !in_link) {
            Some(href) => out.push_str(&format!(
                "<a class=\"remote-image\" href=\"{}\">{placeholder}</a>",
                escape(&href)
            )),
            None => out.push_str(&placeholder),
        }
    }
}

/// `width`/`height` attributes for sizes in pixels, a `style` for
/// percentages (which the attributes cannot say in XHTML).
fn size_attrs(image: &Image) -> String {
    let mut attrs = String::new();
    let mut style = String::new();
    for (name, length) in [("width", image.width), ("height", image.height)] {
        match length {
            Some(Length::Px(px)) if px.is_finite() && px >= 1.0 => {
                attrs.push_str(&format!(" {name}=\"{}\"", px.round() as u32));
            }
            Some(Length::Percent(p)) if p.is_finite() && p > 0.0 => {
                style.push_str(&format!("{name}: {}%; ", (p * 100.0).round() / 100.0));
            }
            _ => {}
        }
    }
    if !style.is_empty() {
        attrs.push_str(&format!(" style=\"{}\"", style.trim_end()));
    }
    attrs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_become_attributes_or_a_style() {
        let mut image = Image {
            width: Some(Length::Px(300.4)),
            ..Image::default()
        };
        assert_eq!(size_attrs(&image), " width=\"300\"");
        image.height = Some(Length::Percent(50.0));
        assert_eq!(size_attrs(&image), " width=\"300\" style=\"height: 50%;\"");
        image.width = Some(Length::Px(f32::NAN));
        assert_eq!(size_attrs(&image), " style=\"height: 50%;\"");
    }
}
