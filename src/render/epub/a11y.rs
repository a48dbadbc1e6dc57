//! The package's accessibility metadata (EPUB Accessibility 1.1 §5),
//! true to the content: the features the book really has, a summary in
//! its language, and the conformance claim only when folio's own checks
//! ([`crate::check::a11y`]) find nothing that forbids it. When they do,
//! the build says why, once.

use super::escape::escape;
use crate::check::a11y::{Finding, Kind};
use crate::diagnostics::Diagnostics;
use crate::text::Locale;

/// What the conformance claim says (EPUB Accessibility 1.1 §5.2).
pub const CONFORMS_TO: &str = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA";
/// Who checked: folio's own checks, named.
pub const CERTIFIED_BY: &str =
    "folio accessibility checks (alt text, heading order, table headers, language of parts)";

/// What the book has, as far as accessibility metadata is concerned.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// The book's language (BCP 47) for the summary.
    pub lang: String,
    /// Any image, the cover included: `visual` access mode.
    pub has_images: bool,
    /// Images in the text, every one described (or decorative on purpose).
    pub described_images: bool,
    pub has_notes: bool,
    pub mathml: bool,
    pub ruby: bool,
    /// Print page markers and a page list.
    pub page_marks: bool,
    /// Folio's checks found nothing that forbids a claim.
    pub claim: bool,
    /// Where the page markers come from (`pageBreakSource`).
    pub page_source: Option<String>,
}

/// Whether `findings` allow the claim; if not, the one warning saying why.
pub fn decide(findings: &[Finding], diagnostics: &Diagnostics) -> bool {
    let blocking: Vec<&Finding> = findings.iter().filter(|f| f.blocks_claim()).collect();
    let Some(first) = blocking.first() else {
        return true;
    };
    let mut reasons = Vec::new();
    for (kind, what) in [
        (Kind::MissingAlt, "image(s) without alt text"),
        (Kind::HeadingJump, "heading level jump(s)"),
        (Kind::TableWithoutHeader, "table(s) without a header row"),
        (Kind::UnknownLanguage, "unknown book language"),
    ] {
        let n = blocking.iter().filter(|f| f.kind == kind).count();
        if n > 0 {
            reasons.push(format!("{n} {what}"));
        }
    }
    diagnostics.push(
        crate::Diagnostic::warning(
            first.location.clone(),
            format!(
                "the EPUB makes no accessibility conformance claim: {} (the first is here)",
                reasons.join(", ")
            ),
        )
        .with_help("`folio check` lists every finding with its line; fix them to get the claim"),
    );
    false
}

/// The `<meta>` lines, in order.
pub fn metadata(f: &Facts) -> Vec<String> {
    let meta = |property: &str, value: &str| {
        format!("<meta property=\"{property}\">{}</meta>", escape(value))
    };
    let schema = |property: &str, value: &str| meta(&format!("schema:{property}"), value);
    let mut out = Vec::new();
    if f.claim {
        out.push(meta("dcterms:conformsTo", CONFORMS_TO));
        out.push(meta("a11y:certifiedBy", CERTIFIED_BY));
    }
    out.push(schema("accessMode", "textual"));
    if f.has_images {
        out.push(schema("accessMode", "visual"));
    }
    out.push(schema("accessModeSufficient", "textual"));
    let mut features = vec!["structuralNavigation", "tableOfContents", "readingOrder"];
    if f.described_images {
        features.push("alternativeText");
    }
    if f.mathml {
        features.push("MathML");
    }
    if f.page_marks {
        features.extend(["pageNavigation", "printPageNumbers"]);
    }
    if f.ruby {
        features.push("rubyAnnotations");
    }
    out.extend(features.iter().map(|v| schema("accessibilityFeature", v)));
    out.push(schema("accessibilityHazard", "none"));
    let (summary, lang) = summary(f);
    let lang_attr = lang.map_or(String::new(), |l| format!(" xml:lang=\"{l}\""));
    out.push(format!(
        "<meta property=\"schema:accessibilitySummary\"{lang_attr}>{}</meta>",
        escape(&summary)
    ));
    if let (true, Some(source)) = (f.page_marks, &f.page_source) {
        out.push(meta("pageBreakSource", source));
    }
    out
}

/// The sentences of the summary, in one language.
struct Words {
    claim: &'static str,
    base: &'static str,
    images: &'static str,
    notes: &'static str,
    pages: &'static str,
    math: &'static str,
    ruby: &'static str,
}

const EN: Words = Words {
    claim: "This publication meets EPUB Accessibility 1.1 and WCAG 2.2 Level AA, as checked by folio.",
    base: "It has a navigable table of contents, headings that mark its structure and a logical reading order.",
    images: "Images have text alternatives.",
    notes: "Notes are linked to and from their references.",
    pages: "The page numbers of the print (PDF) edition are marked.",
    math: "Mathematics is in MathML.",
    ruby: "Ruby gives the readings of words.",
};

/// The summary in the book's language (`None`), or in English with its
/// own `xml:lang` when folio has no words for the book's.
fn summary(f: &Facts) -> (String, Option<&'static str>) {
    let (w, sep, lang) = match Locale::of(&f.lang) {
        Locale::Hans => (&HANS, "", None),
        Locale::Hant | Locale::HongKong => (&HANT, "", None),
        Locale::Japanese => (&JA, "", None),
        Locale::Korean => (&KO, " ", None),
        Locale::Other if f.lang.to_ascii_lowercase().starts_with("en") => (&EN, " ", None),
        Locale::Other => (&EN, " ", Some("en")),
    };
    let mut parts = Vec::new();
    if f.claim {
        parts.push(w.claim);
    }
    parts.push(w.base);
    for (has, text) in [
        (f.described_images, w.images),
        (f.has_notes, w.notes),
        (f.page_marks, w.pages),
        (f.mathml, w.math),
        (f.ruby, w.ruby),
    ] {
        if has {
            parts.push(text);
        }
    }
    (parts.join(sep), lang)
}

const HANS: Words = Words {
    claim: "本书符合 EPUB 无障碍 1.1 与 WCAG 2.2 AA 级（经 folio 检查）。",
    base: "本书有可导航的目录，标题标示结构，阅读顺序合乎逻辑。",
    images: "图片均有替代文字。",
    notes: "注释与正文中的引用处双向链接。",
    pages: "标有印刷版（PDF）的页码。",
    math: "数学公式使用 MathML。",
    ruby: "注音（ruby）标出字词读音。",
};

const HANT: Words = Words {
    claim: "本書符合 EPUB 無障礙 1.1 與 WCAG 2.2 AA 級（經 folio 檢查）。",
    base: "本書有可導覽的目錄，標題標示結構，閱讀順序合乎邏輯。",
    images: "圖片皆有替代文字。",
    notes: "註釋與正文中的引用處雙向連結。",
    pages: "標有印刷版（PDF）的頁碼。",
    math: "數學式使用 MathML。",
    ruby: "注音（ruby）標出字詞讀音。",
};

const JA: Words = Words {
    claim: "この出版物は EPUB アクセシビリティ 1.1 と WCAG 2.2 レベル AA に適合しています（folio による検査）。",
    base: "移動できる目次があり、見出しが構造を示し、読み上げ順序は論理的です。",
    images: "画像には代替テキストがあります。",
    notes: "注と本文の参照箇所は相互にリンクしています。",
    pages: "印刷版（PDF）のページ番号が示されています。",
    math: "数式は MathML で記述されています。",
    ruby: "ルビで読みが示されています。",
};

const KO: Words = Words {
    claim: "이 출판물은 EPUB 접근성 1.1 및 WCAG 2.2 AA 수준을 충족합니다(folio 검사).",
    base: "이동 가능한 목차가 있고, 제목이 구조를 나타내며, 읽기 순서가 논리적입니다.",
    images: "이미지에는 대체 텍스트가 있습니다.",
    notes: "주석과 본문의 참조 위치는 서로 연결되어 있습니다.",
    pages: "인쇄판(PDF)의 쪽 번호가 표시되어 있습니다.",
    math: "수식은 MathML로 되어 있습니다.",
    ruby: "루비로 읽는 법을 표시합니다.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_and_features_follow_the_facts() {
        let mut f = Facts {
            lang: "zh-CN".into(),
            claim: true,
            page_marks: true,
            page_source: Some("urn:x (PDF)".into()),
            ..Facts::default()
        };
        let lines = metadata(&f).join("\n");
        assert!(lines.contains(CONFORMS_TO));
        assert!(lines.contains("printPageNumbers"));
        assert!(lines.contains("<meta property=\"pageBreakSource\">urn:x (PDF)</meta>"));
        assert!(!lines.contains("alternativeText"));
        assert!(lines.contains("本书符合"), "{lines}");
        f.claim = false;
        f.lang = "fr".into();
        let lines = metadata(&f).join("\n");
        assert!(!lines.contains("conformsTo"));
        assert!(lines.contains("xml:lang=\"en\">It has"), "{lines}");
    }
}
