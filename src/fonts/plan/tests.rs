use super::*;
use crate::fonts::Role;
use crate::text::script::is_cjk_ambiguous;

/// Slot 0: a Latin font (ASCII, the curly quotes, a combining accent);
/// slot 1: a CJK font (everything but emoji).
fn covers(slot: usize, c: char) -> bool {
    match slot {
        0 => c.is_ascii() || is_cjk_ambiguous(c) || c == '\u{301}',
        _ => c != '😀',
    }
}

/// The plan of `text` as a whole, straight from the runs.
fn whole(text: &str) -> BTreeMap<usize, BTreeSet<char>> {
    let mut out: BTreeMap<usize, BTreeSet<char>> = BTreeMap::new();
    for run in fallback::runs(text, 2, covers) {
        if let Some(slot) = run.slot {
            out.entry(slot).or_default().extend(text[run.range].chars());
        }
    }
    out
}

fn joined(pieces: &[&str]) -> BTreeMap<usize, BTreeSet<char>> {
    let parts: Vec<PlanPart> = pieces.iter().map(|p| PlanPart::new(p, 2, covers)).collect();
    join(&parts.iter().collect::<Vec<_>>(), 2, covers)
}

#[test]
fn the_union_of_the_parts_is_the_plan_of_the_whole() {
    // Every character whose face depends on its neighbours, and plain ones.
    let alphabet: Vec<char> = "a 中。“”…—·\u{301}\u{200B}😀".chars().collect();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for _ in 0..3000 {
        let len = next(14);
        let text: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let mut cuts: Vec<usize> = (0..next(4))
            .filter_map(|_| bounds.get(next(bounds.len().max(1))).copied())
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        let mut pieces = Vec::new();
        let mut from = 0;
        for &cut in cuts.iter().chain([&text.len()]) {
            pieces.push(&text[from..cut]);
            from = cut;
        }
        assert_eq!(joined(&pieces), whole(&text), "{text:?} cut as {pieces:?}");
    }
}

#[test]
fn seams_decide_the_faces_across_pieces() {
    // A quote at the end of one piece takes the CJK face from the next.
    assert_eq!(joined(&["say “", "中”"]), whole("say “中”"));
    assert_eq!(whole("say “中”")[&1], BTreeSet::from(['“', '中', '”']));
    // A combining mark opening a piece stays with the base before it.
    assert_eq!(joined(&["中", "\u{301}a"]), whole("中\u{301}a"));
    // Pieces with no cut at all, and empty ones.
    assert_eq!(joined(&["a“", "……", "", "”中"]), whole("a“……”中"));
    assert!(joined(&[]).is_empty());
}

#[test]
fn the_font_sets_plan_by_parts_equals_its_whole_book_plan() {
    let set = FontSet::default();
    let pieces = [
        " !\"#$%&'()*+,-./0123456789 目录",
        "第一章 “引号”与……省略号。The café — and “quotes”.",
        "“",
        "开头的引号，e\u{301}, 😀 and ·中· ",
        "最后",
    ];
    let parts: Vec<PlanPart> = pieces
        .iter()
        .map(|p| set.plan_part(Role::Body, p))
        .collect();
    let refs: Vec<&PlanPart> = parts.iter().collect();
    assert_eq!(
        set.plan_of_parts(Role::Body, &refs),
        set.subset_plan(Role::Body, &pieces.concat())
    );
}
