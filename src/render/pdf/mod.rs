//! The PDF renderer (stub; see issue 3).

use super::{RenderContext, Renderer};
use crate::error::{Error, Result};

pub struct Pdf;

impl Renderer for Pdf {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn extension(&self) -> &'static str {
        "pdf"
    }

    fn render(&self, _ctx: &RenderContext<'_>) -> Result<Vec<u8>> {
        Err(Error::Pdf("not implemented yet".into()))
    }
}
