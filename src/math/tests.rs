//! The TeX parser, the MathML writer and the Markdown rules, on the
//! constructs people write and on hostile input.

use super::*;

fn ml(tex: &str) -> String {
    let mut macros = Macros::default();
    let m = parse(tex, false, &mut macros).unwrap_or_else(|e| panic!("{tex}: {e}"));
    let mut out = String::new();
    mathml::write(&m, &mut out);
    out
}

fn err(tex: &str) -> MathError {
    parse(tex, false, &mut Macros::default()).unwrap_err()
}

#[test]
fn constructs_become_mathml() {
    let cases = [
        (r"\frac{a}{b}", "<mfrac><mi>a</mi><mi>b</mi></mfrac>"),
        (r"\sqrt{x}", "<msqrt><mi>x</mi></msqrt>"),
        (r"\sqrt[3]{8}", "<mroot><mn>8</mn><mn>3</mn></mroot>"),
        (r"x_i^2", "<msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup>"),
        (r"\sum_{i=1}^n", "<munderover><mo largeop=\"true\" movablelimits=\"true\">∑</mo>"),
        (r"\int_0^1", "<msubsup><mo largeop=\"true\" movablelimits=\"false\">∫</mo>"),
        (r"\left( x \right)", "<mo fence=\"true\" stretchy=\"true\">(</mo><mi>x</mi><mo fence=\"true\" stretchy=\"true\">)</mo>"),
        (r"\bigl[", "minsize=\"1.2em\""),
        (r"\left( A \middle| B \right)", "<mi>A</mi><mo fence=\"true\" stretchy=\"true\">|</mo><mi>B</mi>"),
        (r"\hat{y}", "<mover accent=\"true\"><mi>y</mi><mo stretchy=\"false\">ˆ</mo></mover>"),
        (r"\overline{AB}", "<mo stretchy=\"true\">‾</mo>"),
        (r"\mathbf{x}", "<mi>𝐱</mi>"),
        (r"\mathbb{R}", "<mi>ℝ</mi>"),
        (r"\mathcal{L}", "<mi>ℒ</mi>"),
        (r"\mathrm{d}", "<mi mathvariant=\"normal\">d</mi>"),
        (r"\boldsymbol{\theta}", "<mi>𝜽</mi>"),
        (r"\text{损失 loss}", "<mtext>损失 loss</mtext>"),
        (r"\operatorname{softmax}", "<mi>softmax</mi>"),
        (r"\operatorname*{argmin}_w", "<munder><mo movablelimits=\"true\">argmin</mo>"),
        (r"a\,b\quad c\!d", "<mspace width=\"0.167em\"/>"),
        (r"\begin{pmatrix}a&b\\c&d\end{pmatrix}", "<mtr><mtd><mi>a</mi></mtd><mtd><mi>b</mi></mtd></mtr>"),
        (r"\begin{bmatrix}1\end{bmatrix}", "<mo fence=\"true\" stretchy=\"true\">[</mo>"),
        (r"\begin{matrix}1\end{matrix}", "<mtable"),
        (r"\begin{cases}1&x>0\\0&x\le0\end{cases}", "<mo fence=\"true\" stretchy=\"true\">{</mo><mtable columnalign=\"left left\""),
        (r"\begin{aligned}a&=b\\&=c\end{aligned}", "columnalign=\"right left\" columnspacing=\"0em\" displaystyle=\"true\""),
        (r"\begin{array}{lcr}1&2&3\end{array}", "columnalign=\"left center right\""),
        (r"\begin{gathered}a\\b\end{gathered}", "<mtable columnalign=\"center\""),
        (r"\Gamma(\alpha)", "<mi mathvariant=\"normal\">Γ</mi>"),
        (r"a \leq b \to c", "<mo>≤</mo><mi>b</mi><mo>→</mo>"),
        (r"-x", "<mo>−</mo>"),
        (r"3.14", "<mn>3.14</mn>"),
        (r"\binom{n}{k}", "<mfrac linethickness=\"0\">"),
        (r"\overbrace{a+b}^{n}", "<mover><mover accent=\"true\">"),
        (r"\not\in", "<mo>∉</mo>"),
        (r"f'", "<msup><mi>f</mi><mi>′</mi></msup>"),
    ];
    for (tex, want) in cases {
        let got = ml(tex);
        assert!(got.contains(want), "{tex}:\n{got}\nwants {want}");
    }
}

#[test]
fn alttext_keeps_the_source_escaped() {
    let got = ml(r#"a<b \text{"q"} \frac{1}{2}"#);
    assert!(
        got.contains(r#"alttext="a&lt;b \text{&quot;q&quot;} \frac{1}{2}""#),
        "{got}"
    );
    assert!(
        got.starts_with("<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"inline\"")
    );
}

#[test]
fn tag_is_kept_apart() {
    let m = parse(r"E=mc^2 \tag{1.2}", true, &mut Macros::default()).unwrap();
    assert_eq!(m.tag.as_deref(), Some("(1.2)"));
    let got = ml(r"x \tag{3}");
    assert!(!got[got.find("\">").unwrap()..].contains('3'), "{got}");
}

#[test]
fn newcommand_lasts_for_the_file() {
    let mut macros = Macros::default();
    parse(
        r"\newcommand{\R}{\mathbb{R}}\newcommand{\norm}[1]{\lVert #1 \rVert}",
        false,
        &mut macros,
    )
    .unwrap();
    let m = parse(r"\norm{x} \in \R", false, &mut macros).unwrap();
    let mut out = String::new();
    mathml::write(&m, &mut out);
    assert!(out.contains("<mi>ℝ</mi>") && out.contains("‖"), "{out}");
    let m = parse(r"\DeclareMathOperator{\tr}{tr} \tr A", false, &mut macros).unwrap();
    out.clear();
    mathml::write(&m, &mut out);
    assert!(out.contains("<mi>tr</mi>"), "{out}");
}

#[test]
fn unknown_commands_are_named() {
    assert_eq!(err(r"x \foo y"), MathError::Unsupported(r"\foo".into()));
    assert_eq!(
        err(r"\begin{tikzcd}a\end{tikzcd}"),
        MathError::Unsupported(r"\begin{tikzcd}".into())
    );
    assert!(err(r"\frac{1}{2}}").to_string().contains("braces"));
}

#[test]
fn hostile_input_is_an_error_not_a_crash() {
    let braces = format!("{}x{}", "{".repeat(5000), "}".repeat(5000));
    assert_eq!(err(&braces), MathError::TooDeep);
    let fracs = r"\frac{1}{".repeat(5000) + &"}".repeat(5000);
    assert_eq!(err(&fracs), MathError::TooDeep);
    let lefts = r"\left(".repeat(5000);
    assert_eq!(err(&lefts), MathError::TooDeep);
    assert!(matches!(err(r"\left( x"), MathError::Syntax(_)));
    assert!(matches!(err(r"x \right)"), MathError::Syntax(_)));
    assert!(matches!(err(r"x \middle| y"), MathError::Syntax(_)));
    let huge = "x+".repeat(500_000);
    assert_eq!(err(&huge), MathError::TooLong);
    // A macro that doubles at every step stops at the token budget.
    let bomb = r"\def\a{xx}\def\b{\a\a}\def\c{\b\b\b\b}\def\d{\c\c\c\c\c}\def\e{\d\d\d\d\d\d\d\d\d\d}\def\f{\e\e\e\e\e\e\e\e\e\e}\def\g{\f\f\f\f\f\f\f\f\f\f}\g\g\g\g";
    assert_eq!(err(bomb), MathError::TooLong);
    let recursive = r"\def\a{\a x}\a";
    assert_eq!(err(recursive), MathError::TooLong);
    // Long but flat formulas are fine.
    assert!(parse(&"x+".repeat(20_000), false, &mut Macros::default()).is_ok());
}

#[test]
fn brackets_become_dollars_at_the_same_offsets() {
    let src = "a \\(x^2\\) b \\[y_1\\] `\\(code\\)` \\\\(no)";
    let out = input::brackets(src).unwrap();
    assert_eq!(out.len(), src.len());
    assert_eq!(out, "a ${x^2}$ b $$y_1$$ `\\(code\\)` \\\\(no)");
    // Escaped brackets in running text stay brackets (pandoc's manual
    // writes `\[1,4\]`); at the start of a line they are display math.
    assert_eq!(input::brackets("offset: \\[1,4\\]"), None);
    assert_eq!(input::brackets("\\[y\\]").as_deref(), Some("$$y$$"));
    assert_eq!(input::brackets("plain $x$"), None);
    // No closer in the paragraph: left alone.
    assert_eq!(input::brackets("\\(a\n\nb\\)"), None);
    let fenced = "```\n\\(x\\)\n```\n";
    assert_eq!(input::brackets(fenced), None);
}

#[test]
fn a_digit_after_the_closing_dollar_is_a_price() {
    let mut warned = Vec::new();
    let src = "$20 and $30";
    // pulldown-cmark reports `$20 and $` as math; the digit after it
    // makes it text.
    let got = input::math(
        "20 and ",
        false,
        src,
        0..9,
        &mut Macros::default(),
        &mut |m| warned.push(m),
    );
    assert_eq!(got, crate::book::Inline::Text("$20 and $".into()));
    assert!(warned.is_empty());
}

#[test]
fn display_math_is_split_out_of_its_paragraph() {
    use crate::book::{Block, Inline};
    let math = |display| {
        Inline::Math(Box::new(Math {
            display,
            tex: "x".into(),
            tree: None,
            tag: None,
        }))
    };
    let blocks = input::blocks(vec![
        Inline::Text("a".into()),
        Inline::SoftBreak,
        math(true),
        Inline::SoftBreak,
        Inline::Text("b".into()),
        math(false),
    ]);
    assert_eq!(blocks.len(), 3);
    assert!(matches!(&blocks[0], Block::Paragraph(p) if p.len() == 1));
    assert!(matches!(&blocks[1], Block::Math(m) if m.display));
    assert!(matches!(&blocks[2], Block::Paragraph(p) if p.len() == 2));
}

#[test]
fn plain_text_reads_like_the_formula() {
    let plain = |tex: &str| plain_text(&parse(tex, false, &mut Macros::default()).unwrap());
    assert_eq!(plain(r"10 \times 10"), "10 × 10");
    assert_eq!(
        plain(r"\frac{1}{n}\sum_{i=1}^n x_i^2"),
        "1/n∑_(i = 1)^n x_i^2"
    );
    assert_eq!(plain(r"\mathbf{w}^\top \mathbf{x} + b"), "w^⊤x + b");
    let unparsed = Math {
        display: false,
        tex: r" \foo ".into(),
        tree: None,
        tag: None,
    };
    assert_eq!(plain_text(&unparsed), r"\foo");
}

#[test]
fn colour_frames_rules_spaces_and_infix_fractions() {
    let cases = [
        (
            r"a + {\color{red} b} + c",
            "<mstyle mathcolor=\"#ff0000\"><mi>b</mi></mstyle>",
        ),
        (
            r"\textcolor{#1e90ff}{x}y",
            "<mstyle mathcolor=\"#1e90ff\"><mi>x</mi></mstyle><mi>y</mi>",
        ),
        (r"\color[rgb]{0,0.5,0} z", "mathcolor=\"#008000\""),
        (
            r"\boxed{E=mc^2}",
            "<menclose notation=\"box\"><mrow><mi>E</mi>",
        ),
        (r"a \over b", "<mfrac><mi>a</mi><mi>b</mi></mfrac>"),
        (r"{n \choose k}", "<mfrac linethickness=\"0\">"),
        (r"a \atop b", "<mfrac linethickness=\"0\">"),
        (r"a\hspace{1em}b", "<mspace width=\"1.000em\"/>"),
        (r"a\kern-3mu b", "<mspace width=\"-0.167em\"/>"),
        (r"a\mkern 18mu b", "<mspace width=\"1.000em\"/>"),
        (
            r"\begin{array}{c|c}\hline a&b\\\hline c&d\\\hline\end{array}",
            "rowlines=\"solid\" columnlines=\"solid\"",
        ),
        (
            r"\begin{array}{|c|}\hline a\\\hline\end{array}",
            "<mtd class=\"rule-above rule-below rule-before rule-after\">",
        ),
    ];
    for (tex, want) in cases {
        let got = ml(tex);
        assert!(got.contains(want), "{tex}:\n{got}\nwants {want}");
    }
    // The colour of `\color` lasts to the end of its group only.
    let got = ml(r"{\color{blue} a} b");
    assert!(got.contains("<mi>a</mi></mstyle><mi>b</mi>"), "{got}");
    // An `\hline` in the middle of a row is no rule of the table.
    let m = parse(
        r"\begin{array}{cc}a&\hline b\end{array}",
        false,
        &mut Macros::default(),
    );
    let Some(Node::Row(nodes)) = m.unwrap().tree else {
        panic!("a row")
    };
    let Node::Table(t) = &nodes[0] else {
        panic!("a table")
    };
    assert!(t.hlines.is_empty());
    for bad in [
        r"\color{nocolour} x",
        r"\hspace{2furlongs}",
        r"\textcolor[cmyk]{0,0,0,1}{x}",
    ] {
        assert!(matches!(err(bad), MathError::Unsupported(_)), "{bad}");
    }
}
