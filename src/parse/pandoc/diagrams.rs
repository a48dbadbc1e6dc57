//! Code blocks of diagram languages (mermaid, PlantUML, Graphviz, D2…):
//! kept as code, and reported once per file, since folio draws none.

use super::FileSink;

const LANGUAGES: &[&str] = &[
    "mermaid",
    "plantuml",
    "puml",
    "dot",
    "graphviz",
    "d2",
    "ditaa",
    "nomnoml",
    "pikchr",
    "svgbob",
    "vega",
    "vega-lite",
    "wavedrom",
    "bpmn",
    "bytefield",
    "erd",
    "excalidraw",
    "structurizr",
    "blockdiag",
    "seqdiag",
    "actdiag",
    "nwdiag",
    "tikz",
    "umlet",
];

/// The diagram language of a fence's info word (`mermaid`, `{.mermaid}`).
pub fn language(info: &str) -> Option<&'static str> {
    let word = info
        .trim_start_matches('{')
        .trim_start_matches('.')
        .trim_end_matches('}')
        .to_ascii_lowercase();
    LANGUAGES.iter().copied().find(|l| *l == word)
}

/// Notes a code block of language `lang`, closing at the sink's cursor.
pub fn note(lang: Option<&str>, sink: &mut FileSink<'_, '_>) {
    let Some(kind) = lang.and_then(language) else {
        return;
    };
    let line = sink.line_of(sink.cursor);
    let (count, first, kinds) = &mut sink.pandoc.diagrams;
    if *count == 0 {
        *first = line;
    }
    *count += 1;
    if !kinds.iter().any(|k| k == kind) {
        kinds.push(kind.to_string());
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn diagram_languages() {
        assert_eq!(super::language("mermaid"), Some("mermaid"));
        assert_eq!(super::language("{.Graphviz}"), Some("graphviz"));
        assert_eq!(super::language("rust"), None);
    }
}
