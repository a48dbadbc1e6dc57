//! The EPUB 3 renderer (stub; see issue 2).

use super::{RenderContext, Renderer};
use crate::error::{Error, Result};

pub struct Epub;

impl Renderer for Epub {
    fn name(&self) -> &'static str {
        "epub"
    }

    fn extension(&self) -> &'static str {
        "epub"
    }

    fn render(&self, _ctx: &RenderContext<'_>) -> Result<Vec<u8>> {
        Err(Error::Epub("not implemented yet".into()))
    }
}
