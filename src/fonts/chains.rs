//! The fallback chain of every font key: which faces may set a run, in
//! order of preference.
//!
//! A chain is, in order: the faces `[folio.fonts]` names for the role (for
//! a bold key, each one's bold face where its family has one, else the
//! face itself, emboldened when drawn); the built-in faces in the order
//! the language wants (see [`builtin_order`]), bold ones first for a bold
//! key; then the installed faces found for characters nothing else has.
//! Code (mono) takes the named mono faces, the built-in mono, then the
//! body chain. Every chain of every locale is built up front: they are
//! short lists of ids, and text in another language (a `lang` span) finds
//! its chain ready.
//!
//! Why built-in faces come before installed ones: the built-in CJK faces
//! are subsets of Noto Serif CJK, the same design as the installed Noto or
//! Source Han Serif, so preferring them changes no shape, keeps the output
//! the same on every machine, and spares reading a 26 MB collection for
//! every build. Installed fonts fill in what the subsets lack; a book that
//! wants another design names it in `[folio.fonts]`.

use std::collections::BTreeMap;

use super::default::{Coverage, BUILTINS};
use super::loader::Loader;
use super::{FaceId, FontKey, FontSet, Role, MONO, SERIF};
use crate::config::FontsConfig;
use crate::error::Result;
use crate::text::Locale;

/// A named face and the face its bold text is set in.
#[derive(Debug, Clone, Copy)]
struct Pair {
    regular: FaceId,
    bold: FaceId,
}

/// The faces `[folio.fonts]` names, per role.
#[derive(Debug, Default)]
pub(super) struct Named {
    body: Vec<Pair>,
    heading: Vec<Pair>,
    mono: Vec<Pair>,
}

impl Named {
    /// Loads every named face (and the bold face of each named family)
    /// into `set`.
    pub fn load(config: &FontsConfig, loader: &mut Loader, set: &mut FontSet) -> Result<Named> {
        let mut load = |entries: &[String]| -> Result<Vec<Pair>> {
            entries
                .iter()
                .map(|entry| {
                    let regular = loader.face(entry, set)?;
                    let bold = loader.bold_face(entry, set)?.unwrap_or(regular);
                    Ok(Pair { regular, bold })
                })
                .collect()
        };
        Ok(Named {
            body: load(&config.body)?,
            heading: load(&config.heading)?,
            mono: load(&config.mono)?,
        })
    }

    fn of(&self, role: Role) -> &[Pair] {
        match role {
            Role::Body => &self.body,
            Role::Heading if self.heading.is_empty() => &self.body,
            Role::Heading => &self.heading,
            Role::Mono => &self.mono,
        }
    }
}

/// Every chain, by role, weight and locale.
#[derive(Debug, Default)]
pub(super) struct Chains {
    map: BTreeMap<(Role, bool, Locale), Vec<FaceId>>,
}

impl Chains {
    /// The chains of every key, over `named` faces and the installed faces
    /// in `extra`.
    pub fn build(named: &Named, extra: &[FaceId]) -> Chains {
        let mut map = BTreeMap::new();
        for locale in Locale::ALL {
            for role in [Role::Body, Role::Heading, Role::Mono] {
                for bold in [false, true] {
                    map.insert(
                        (role, bold, locale),
                        chain(named, extra, role, bold, locale),
                    );
                }
            }
        }
        Chains { map }
    }

    /// The chain of `key`, whose missing locale is `book`'s.
    pub fn get(&self, key: FontKey, book: Locale) -> &[FaceId] {
        let locale = key.locale.unwrap_or(book);
        self.map
            .get(&(key.role, key.bold, locale))
            .map_or(&[SERIF], Vec::as_slice)
    }
}

fn chain(named: &Named, extra: &[FaceId], role: Role, bold: bool, locale: Locale) -> Vec<FaceId> {
    let mut out = Vec::new();
    let push = |id: FaceId, out: &mut Vec<FaceId>| {
        if !out.contains(&id) {
            out.push(id);
        }
    };
    for pair in named.of(role) {
        push(if bold { pair.bold } else { pair.regular }, &mut out);
    }
    if role == Role::Mono {
        push(MONO, &mut out);
        for id in chain(named, extra, Role::Body, bold, locale) {
            push(id, &mut out);
        }
        return out;
    }
    let weights: &[bool] = if bold { &[true, false] } else { &[false] };
    for &weight in weights {
        for id in builtin_order(locale, weight) {
            push(id, &mut out);
        }
    }
    for &id in extra {
        push(id, &mut out);
    }
    out
}

/// The built-in faces of one weight in the order `locale` wants them:
/// for Chinese, Japanese and Korean the region's own CJK face first (it
/// sets Latin too, in its own proportional letters), then the Latin
/// serif, the other regions' CJK faces and emoji; for other languages
/// the Latin serif first, then the CJK faces (mainland first) and emoji.
pub fn builtin_order(locale: Locale, bold: bool) -> Vec<FaceId> {
    let regions: &[Locale] = match locale {
        Locale::Hans | Locale::Other => &[Locale::Hans, Locale::Hant],
        Locale::Hant => &[Locale::Hant, Locale::HongKong],
        Locale::HongKong => &[Locale::HongKong, Locale::Hant],
        Locale::Japanese => &[Locale::Japanese],
        Locale::Korean => &[Locale::Korean],
    };
    let mut order: Vec<Coverage> = Vec::new();
    if locale.is_cjk() {
        order.extend(regions.iter().map(|&l| Coverage::Cjk(l)));
        order.push(Coverage::Latin);
    } else {
        order.push(Coverage::Latin);
        order.extend(regions.iter().map(|&l| Coverage::Cjk(l)));
    }
    for other in Locale::ALL {
        let coverage = Coverage::Cjk(other);
        if other.is_cjk() && !order.contains(&coverage) {
            order.push(coverage);
        }
    }
    order.push(Coverage::Emoji);
    order
        .into_iter()
        .flat_map(|coverage| {
            BUILTINS
                .iter()
                .enumerate()
                .filter(move |(_, b)| b.coverage == coverage && b.bold == bold)
                .map(|(i, _)| FaceId(i))
        })
        .collect()
}
