//! Implicit figures: a Markdown image alone in its paragraph is a figure.
//!
//! The rule (one of the two in use, documented in the README): the image's
//! **title** (`![alt](x.png "Title")`) is the figure's caption, and its alt
//! text stays its alt text, for readers who cannot see it. pandoc instead
//! shows the alt text as the caption; folio does not, so that a screen
//! reader does not read the same words twice and an alt text written as a
//! description does not turn into a visible caption. An image without a
//! title is a figure without a caption.
//!
//! d2lbook (the tool of *Dive into Deep Learning*) writes a figure's label
//! and width on the lines right after its image (`:label:\`fig_x\``,
//! `:width:\`300px\``): those lines belong to the figure, the label
//! becoming its id and the width its width.

use crate::book::{Block, Image, Inline, Length, Phrase};

/// The figure `inlines` make when they are an image alone (with d2lbook
/// figure lines), else the paragraph they are.
pub fn or_paragraph(inlines: Vec<Inline>) -> Block {
    match figure_parts(&inlines) {
        Some((image, id, width)) => {
            let mut image = image.clone();
            let caption = match image.title.take() {
                Some(t) if !t.trim().is_empty() => vec![Inline::Text(t)],
                _ => Vec::new(),
            };
            if image.width.is_none() {
                image.width = width;
            }
            let id = id.or_else(|| image.id.take());
            Block::Figure { image, caption, id }
        }
        None => Block::Paragraph(inlines),
    }
}

/// mdBook's caption line under an image: a paragraph that is only a
/// `<span class="caption">` becomes the caption of the figure right
/// before it, when that has none (so that it stays with its image, on the
/// page and in the structure). Returns whether it was taken.
pub fn take_caption(previous: Option<&mut Block>, inlines: &[Inline]) -> bool {
    let Some(Block::Figure { caption, .. }) = previous else {
        return false;
    };
    let mut parts = inlines.iter().filter(|i| !is_blank(i));
    let (
        Some(Inline::Phrase {
            kind: Phrase::Caption,
            content,
        }),
        None,
    ) = (parts.next(), parts.next())
    else {
        return false;
    };
    if !caption.is_empty() {
        return false;
    }
    caption.clone_from(content);
    true
}

/// The image, label and width of a paragraph that is a figure.
fn figure_parts(inlines: &[Inline]) -> Option<(&Image, Option<String>, Option<Length>)> {
    let mut parts = inlines.iter().filter(|i| !is_blank(i));
    let Some(Inline::Image(image)) = parts.next() else {
        return None;
    };
    let (mut id, mut width) = (None, None);
    let rest: Vec<&Inline> = parts.collect();
    for pair in rest.chunks(2) {
        match pair {
            [Inline::Text(role), Inline::Code(value)] => match role.trim() {
                ":width:" => width = px(value),
                role if is_label_role(role) && is_label(value) => id = Some(value.clone()),
                _ => return None,
            },
            _ => return None,
        }
    }
    Some((image, id, width))
}

fn is_blank(inline: &Inline) -> bool {
    match inline {
        Inline::SoftBreak | Inline::LineBreak => true,
        Inline::Text(t) => t.trim().is_empty(),
        _ => false,
    }
}

/// `:label:`, or the emoji the shortcode pass has already made of it.
fn is_label_role(role: &str) -> bool {
    role == ":label:" || emojis::get_by_shortcode("label").is_some_and(|e| e.as_str() == role)
}

fn is_label(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn px(s: &str) -> Option<Length> {
    let n: f32 = s
        .trim()
        .strip_suffix("px")
        .unwrap_or(s.trim())
        .parse()
        .ok()?;
    (n.is_finite() && n > 0.0).then_some(Length::Px(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(title: Option<&str>) -> Inline {
        Inline::Image(Image {
            src: "x.png".into(),
            alt: "Alt".into(),
            title: title.map(str::to_string),
            ..Image::default()
        })
    }

    #[test]
    fn an_image_alone_is_a_figure_captioned_by_its_title() {
        let Block::Figure {
            image: i,
            caption,
            id,
        } = or_paragraph(vec![image(Some("Title"))])
        else {
            panic!("not a figure")
        };
        assert_eq!(caption, [Inline::Text("Title".into())]);
        assert_eq!((i.alt.as_str(), i.title, id), ("Alt", None, None));
        let Block::Figure { caption, .. } = or_paragraph(vec![image(None)]) else {
            panic!("not a figure")
        };
        assert!(caption.is_empty(), "the alt text is no caption");
    }

    #[test]
    fn an_image_among_words_stays_in_its_paragraph() {
        let p = vec![Inline::Text("see ".into()), image(None)];
        assert!(matches!(or_paragraph(p), Block::Paragraph(_)));
        let two = vec![image(None), Inline::SoftBreak, image(None)];
        assert!(matches!(or_paragraph(two), Block::Paragraph(_)));
    }

    #[test]
    fn d2lbook_lines_give_the_label_and_width() {
        let label = emojis::get_by_shortcode("label").expect("emoji").as_str();
        let p = vec![
            image(None),
            Inline::SoftBreak,
            Inline::Text(":width:".into()),
            Inline::Code("300px".into()),
            Inline::SoftBreak,
            Inline::Text(label.into()),
            Inline::Code("fig_cat".into()),
        ];
        let Block::Figure { image, id, .. } = or_paragraph(p) else {
            panic!("not a figure")
        };
        assert_eq!(id.as_deref(), Some("fig_cat"));
        assert_eq!(image.width, Some(Length::Px(300.0)));
    }
}
