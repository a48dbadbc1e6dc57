//! Document metadata: the Info dictionary, the XMP packet, the catalog's
//! `/Lang` and viewer settings. printpdf's own Info dictionary is replaced
//! wholesale: it carries fields folio does not want (`/Identifier`,
//! `/Trapped`, `/GTS_PDFXVersion`) and its dates come from elsewhere.

use lopdf::{Dictionary, Object, ObjectId, Stream};

use super::strings::text_string;
use crate::book::date::Utc;
use crate::book::Metadata;
use crate::xml::escape;

/// What the Info dictionary and XMP call the program that made the file.
pub const CREATOR: &str = "folio";

fn producer() -> String {
    format!(
        "folio {} (printpdf 0.12, lopdf 0.44)",
        env!("CARGO_PKG_VERSION")
    )
}

/// The Info dictionary (ISO 32000-1 14.3.3). Empty fields are left out.
pub fn info_dict(meta: &Metadata) -> Dictionary {
    let date = Utc::from_unix(meta.modified).pdf();
    let mut info = Dictionary::new();
    let mut set = |key: &str, value: &str| {
        if !value.trim().is_empty() {
            info.set(key, text_string(value));
        }
    };
    set("Title", &full_title(meta));
    set("Author", &meta.authors.join(", "));
    set("Subject", meta.description.as_deref().unwrap_or(""));
    set("Keywords", &meta.keywords.join(", "));
    set("Creator", CREATOR);
    set("Producer", &producer());
    info.set("CreationDate", Object::string_literal(date.clone()));
    info.set("ModDate", Object::string_literal(date));
    info
}

/// Title with subtitle, as a reader's title bar should show it.
fn full_title(meta: &Metadata) -> String {
    match meta.subtitle.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(sub) => format!("{}: {sub}", meta.title),
        None => meta.title.clone(),
    }
}

/// Sets the catalog entries folio owns: `/Lang`, `/PageMode` (as a name;
/// printpdf writes a string, which is invalid), `/Metadata`, and
/// `/DisplayDocTitle` so that readers show the title, not the file name.
pub fn update_catalog(
    catalog: &mut Dictionary,
    meta: &Metadata,
    has_outline: bool,
    metadata: ObjectId,
) {
    if !meta.lang.trim().is_empty() {
        catalog.set("Lang", text_string(meta.lang.trim()));
    }
    let mode = if has_outline {
        "UseOutlines"
    } else {
        "UseNone"
    };
    catalog.set("PageMode", Object::Name(mode.into()));
    catalog.set("Metadata", Object::Reference(metadata));
    let mut prefs = Dictionary::new();
    prefs.set("DisplayDocTitle", true);
    catalog.set("ViewerPreferences", prefs);
}

/// A vertical book's pages turn from right to left: `/Direction /R2L` in
/// the viewer preferences (ISO 32000-1 12.2), so that two-page views put
/// the first page on the right.
pub fn bind_on_the_right(out: &mut lopdf::Document, catalog: ObjectId) {
    let Ok(catalog) = out.get_dictionary_mut(catalog) else {
        return;
    };
    if let Ok(Object::Dictionary(prefs)) = catalog.get_mut(b"ViewerPreferences") {
        prefs.set("Direction", Object::Name(b"R2L".to_vec()));
    }
}

/// The XMP metadata stream (ISO 32000-1 14.3.2), left uncompressed so that
/// tools that scan for it without a PDF parser can find it.
/// A `tagged` document declares PDF/UA-1 (`pdfuaid:part`).
pub fn xmp_stream(meta: &Metadata, document_id: &str, tagged: bool) -> Stream {
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Metadata".to_vec()));
    dict.set("Subtype", Object::Name(b"XML".to_vec()));
    Stream::new(dict, xmp_packet(meta, document_id, tagged).into_bytes()).with_compression(false)
}

fn xmp_packet(meta: &Metadata, document_id: &str, tagged: bool) -> String {
    let date = Utc::from_unix(meta.modified).iso();
    let mut dc = String::new();
    dc.push_str("<dc:format>application/pdf</dc:format>\n");
    dc.push_str(&alt("dc:title", &full_title(meta)));
    if !meta.authors.is_empty() {
        dc.push_str("<dc:creator><rdf:Seq>");
        for a in &meta.authors {
            dc.push_str(&format!("<rdf:li>{}</rdf:li>", escape(a)));
        }
        dc.push_str("</rdf:Seq></dc:creator>\n");
    }
    if let Some(d) = meta.description.as_deref() {
        dc.push_str(&alt("dc:description", d));
    }
    if let Some(r) = meta.rights.as_deref() {
        dc.push_str(&alt("dc:rights", r));
    }
    for (tag, value) in [
        ("dc:language", Some(meta.lang.as_str())),
        ("dc:publisher", meta.publisher.as_deref()),
    ] {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            dc.push_str(&format!(
                "<{tag}><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></{tag}>\n",
                escape(v)
            ));
        }
    }
    if !meta.identifier.is_empty() {
        dc.push_str(&format!(
            "<dc:identifier>{}</dc:identifier>\n",
            escape(&meta.identifier)
        ));
    }
    if let Some(s) = meta.source.as_deref() {
        dc.push_str(&format!("<dc:source>{}</dc:source>\n", escape(s)));
    }
    let keywords = if meta.keywords.is_empty() {
        String::new()
    } else {
        format!(
            "<pdf:Keywords>{}</pdf:Keywords>\n",
            escape(&meta.keywords.join(", "))
        )
    };
    format!(
        "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         <rdf:Description rdf:about=\"\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" \
         xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" \
         xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\">\n\
         {dc}\
         <xmp:CreateDate>{date}</xmp:CreateDate>\n\
         <xmp:ModifyDate>{date}</xmp:ModifyDate>\n\
         <xmp:MetadataDate>{date}</xmp:MetadataDate>\n\
         <xmp:CreatorTool>{CREATOR}</xmp:CreatorTool>\n\
         <pdf:Producer>{producer}</pdf:Producer>\n\
         {keywords}\
         <xmpMM:DocumentID>uuid:{document_id}</xmpMM:DocumentID>\n\
         <xmpMM:InstanceID>uuid:{document_id}</xmpMM:InstanceID>\n\
         </rdf:Description>\n\
         {ua}\
         </rdf:RDF>\n\
         </x:xmpmeta>\n\
         <?xpacket end=\"r\"?>",
        producer = escape(&producer()),
        ua = if tagged { UA_ID } else { "" },
    )
}

/// The PDF/UA identification schema (ISO 14289-1 5).
const UA_ID: &str = "<rdf:Description rdf:about=\"\" \
    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\
    <pdfuaid:part>1</pdfuaid:part></rdf:Description>\n";

fn alt(tag: &str, value: &str) -> String {
    format!(
        "<{tag}><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></{tag}>\n",
        escape(value)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> Metadata {
        Metadata {
            title: "黄仁勋 <&> \"对话\"".into(),
            authors: vec!["A".into(), "B".into()],
            lang: "zh-CN".into(),
            keywords: vec!["AI".into(), "芯片".into()],
            modified: 1_758_758_400,
            identifier: "urn:uuid:1".into(),
            ..Metadata::default()
        }
    }

    #[test]
    fn info_has_dates_and_no_empty_fields() {
        let info = info_dict(&meta());
        assert_eq!(
            info.get(b"ModDate").and_then(Object::as_str).ok(),
            Some(&b"D:20250925000000Z"[..])
        );
        assert_eq!(info.get(b"Author").ok(), Some(&text_string("A, B")));
        assert!(info.get(b"Subject").is_err());
        assert!(info.get(b"Identifier").is_err());
    }

    #[test]
    fn xmp_is_escaped_and_dated() {
        let x = xmp_packet(&meta(), "abc", true);
        assert!(x.contains("<pdfuaid:part>1</pdfuaid:part>"));
        assert!(!xmp_packet(&meta(), "abc", false).contains("pdfuaid"));
        assert!(x.contains("黄仁勋 &lt;&amp;&gt; &quot;对话&quot;"));
        assert!(x.contains("<xmp:ModifyDate>2025-09-25T00:00:00Z</xmp:ModifyDate>"));
        assert!(x.contains("<rdf:li>zh-CN</rdf:li>"));
        assert!(x.contains("uuid:abc"));
    }

    #[test]
    fn page_mode_is_a_name() {
        let mut catalog = Dictionary::new();
        update_catalog(&mut catalog, &meta(), true, (9, 0));
        assert_eq!(
            catalog.get(b"PageMode").ok(),
            Some(&Object::Name(b"UseOutlines".to_vec()))
        );
        assert_eq!(catalog.get(b"Lang").ok(), Some(&text_string("zh-CN")));
    }
}
