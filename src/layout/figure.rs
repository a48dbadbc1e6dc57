//! Images set as blocks: a figure with its caption, an image alone in its
//! paragraph, and the framed placeholder that stands for an image that
//! cannot be drawn.
//!
//! An image is as large as it asks to be (the author's `width`/`height`,
//! else its own size: [`crate::book::Asset::size_pt`]), scaled down with
//! its proportions to the column and the page, never up. A figure's caption
//! is set centred below it in a smaller size and kept on its page: the
//! image shrinks to leave the caption room rather than part from it.

use crate::book::{Image, Inline, Length};
use crate::fonts::Role;
use crate::text::Word;

use super::block::{BlockLayout, Ctx};
use super::emit::{set, ParaSpec};
use super::flow::{shift, FlowLine, PendingLink};
use super::inline::{flatten, Run};
use super::line::Align;
use super::page::StructRole;
use super::page::{Color, Item};
use super::para::{prepare, PrepOptions};
use super::style::{LinkRef, Style};

/// Caption size, as a fraction of the body size.
const CAPTION: f32 = 0.85;

/// Gray of a placeholder's frame and text.
const PLACEHOLDER_GRAY: f32 = 0.4;

impl BlockLayout<'_, '_> {
    /// A figure: the image (or its placeholder) centred, its caption
    /// centred below in a smaller size, both on one page.
    pub(super) fn figure(&mut self, image: &Image, caption: &[Inline], ctx: &Ctx) {
        let at = self.lines.len();
        // Read as its alt text, else as its caption (the caption is read
        // anyway, as the figure's Caption).
        let alt = match image.alt.trim() {
            "" => crate::book::plain_text(caption),
            alt => alt.to_string(),
        };
        let figure = self.open_figure(&alt, ctx);
        self.block_image(image, ctx);
        if caption.is_empty() || self.lines.len() == at {
            return;
        }
        match figure {
            Some(f) => self.leaf = Some(self.tree.add(StructRole::Caption, Some(f))),
            None => {
                self.open_leaf(StructRole::P, ctx);
            }
        }
        let image_line = self.lines.len() - 1;
        let size = self.size() * CAPTION;
        let runs = flatten(caption, &Style::new(Role::Body, size), self.env.book);
        let spec = ParaSpec {
            left: ctx.left,
            width: ctx.width,
            indent: 0.0,
            align: Align::Center,
            size,
            line_height: self.env.line_height(),
        };
        self.paragraph(runs, &spec, ctx, true);
        if let Some(last) = self.lines.last_mut() {
            last.keep_with_next = false;
        }
        let caption_height: f32 = self.lines[image_line + 1..].iter().map(|l| l.height).sum();
        let line = &mut self.lines[image_line];
        line.keep_with_next = true;
        line.shrinkable = false;
        let room = (self.area_height - caption_height).max(line.height * 0.25);
        if line.height > room {
            shrink(line, room / line.height);
        }
    }

    /// An image standing alone: drawn at its size fitted to the column, or
    /// a placeholder when it cannot be.
    pub(super) fn block_image(&mut self, image: &Image, ctx: &Ctx) {
        match self.shown_size(image, ctx) {
            Some((asset, w, h)) => self.image(asset, w, h, ctx),
            None => self.placeholder(image, ctx),
        }
    }

    /// The asset of `image` and the size it asks for, in points, before
    /// fitting; `None` when there is nothing to draw.
    pub(super) fn shown_size(&self, image: &Image, ctx: &Ctx) -> Option<(usize, f32, f32)> {
        let id = image.asset?;
        let (nw, nh) = self.env.book.assets.get(id)?.size_pt()?;
        let pt = |l: Length, of: f32| match l {
            Length::Px(px) => px * 0.75,
            Length::Percent(p) => p / 100.0 * of,
        };
        let width = image.width.map(|l| pt(l, ctx.width));
        let height = image.height.map(|l| pt(l, self.area_height));
        let (w, h) = match (width, height) {
            (Some(w), Some(h)) => (w, h),
            (Some(w), None) => (w, w * nh / nw),
            (None, Some(h)) => (h * nw / nh, h),
            (None, None) => (nw, nh),
        };
        (w.is_finite() && h.is_finite() && w > 0.0 && h > 0.0).then_some((id, w, h))
    }

    /// A framed box holding the image's alt text (or the locale's word for
    /// "image"), centred in the column; a remote image's box links to it.
    pub(super) fn placeholder(&mut self, image: &Image, ctx: &Ctx) {
        let size = self.size() * CAPTION;
        let label = placeholder_text(image, self.env.book);
        let mut style = Style::new(Role::Body, size);
        style.color = Color::Gray(PLACEHOLDER_GRAY);
        let runs = || vec![Run::text(label.as_str(), style.clone())];
        let pad = size * 0.8;
        let inner = (ctx.width - 2.0 * pad).max(size);
        let natural = prepare(self.env, runs(), PrepOptions::default()).natural_width();
        let text_width = natural.max(size * 6.0).min(inner);
        let box_width = text_width + 2.0 * pad;
        let left = ctx.left + (ctx.width - box_width) / 2.0;
        let spec = ParaSpec {
            left: left + pad,
            width: text_width,
            indent: 0.0,
            align: Align::Center,
            size,
            line_height: self.env.line_height(),
        };
        let lines = set(&prepare(self.env, runs(), PrepOptions::default()), &spec);
        let mut framed = FlowLine {
            text: true,
            baseline: pad + lines.first().map_or(size, |l| l.baseline),
            ..FlowLine::default()
        };
        let mut y = pad;
        for line in lines {
            for mut item in line.items {
                shift(&mut item, 0.0, y);
                framed.items.push(item);
            }
            y += line.height;
        }
        framed.height = y + pad;
        let (right, bottom) = (left + box_width, framed.height);
        let corners = [(left, 0.0), (right, 0.0), (right, bottom), (left, bottom)];
        for (i, &from) in corners.iter().enumerate() {
            framed.items.push(Item::Line {
                from,
                to: corners[(i + 1) % 4],
                width: 0.6,
                color: Color::Gray(PLACEHOLDER_GRAY),
            });
        }
        if is_remote(&image.src) {
            framed.links.push(PendingLink {
                x: left,
                y: 0.0,
                width: box_width,
                height: bottom,
                target: LinkRef::Uri(image.src.trim().to_string()),
                node: None,
            });
        }
        self.push(framed, ctx);
    }
}

/// The size of an image in a line of text: the author's pixel width or
/// height (an icon `width="20"`), at most [`INLINE_MAX`] text heights
/// tall; else the text height. Proportions are kept; a line wider than
/// its column is scaled down when the line is set.
pub(super) fn inline_size(image: &Image, asset: &crate::book::Asset, size: f32) -> (f32, f32) {
    let ratio = asset.width as f32 / asset.height as f32;
    let px = |l: Option<Length>| match l {
        Some(Length::Px(px)) if px.is_finite() && px > 0.0 => Some(px * 0.75),
        _ => None,
    };
    let (w, h) = match (px(image.width), px(image.height)) {
        (Some(w), Some(h)) => (w, h),
        (Some(w), None) => (w, w / ratio),
        (None, Some(h)) => (h * ratio, h),
        (None, None) => (size * ratio, size),
    };
    let fit = (size * INLINE_MAX / h).min(1.0);
    (w * fit, h * fit)
}

/// The tallest an inline image may be, in text heights.
const INLINE_MAX: f32 = 4.0;

/// What a placeholder shows: the alt text, or the book's word for
/// "image" when there is none (never the file's path).
pub(super) fn placeholder_text(image: &Image, book: &crate::book::Book) -> String {
    let alt = image.alt.trim();
    if alt.is_empty() {
        book.meta.locale().word(Word::Image).to_string()
    } else {
        alt.to_string()
    }
}

fn is_remote(src: &str) -> bool {
    let s = src.trim().to_ascii_lowercase();
    s.starts_with("https://") || s.starts_with("http://")
}

/// Scales the image of an image line by `s` about its centre.
fn shrink(line: &mut FlowLine, s: f32) {
    let pad_total = line.height
        - line
            .items
            .iter()
            .map(|i| match i {
                Item::Image { height, .. } => *height,
                _ => 0.0,
            })
            .fold(0.0, f32::max);
    for item in &mut line.items {
        if let Item::Image {
            x, width, height, ..
        } = item
        {
            let new_height = (line.height * s - pad_total).max(1.0);
            let k = new_height / *height;
            *x += *width * (1.0 - k) / 2.0;
            *width *= k;
            *height = new_height;
        }
    }
    line.height *= s;
}
