#!/usr/bin/env bash
# folio side by side with pandoc, XeLaTeX, Typst and Calibre, in one run
# (issue 5). From a fresh clone:
#
#     bench/run.sh
#
# builds folio in release, installs the peers it can (Debian packages and
# PyPI), generates the large books, measures every tool on the sample book
# (manuscript/) and the generated large book, and prints one Markdown table,
# the growth check and the targets. A peer that cannot be installed or fails
# is skipped with the reason.
#
# Knobs (environment):
#   BENCH_RUNS=5          timed runs per row, after one warm-up (median is shown)
#   BENCH_SKIP_PEERS=1    folio only: no installs, no peers
#   BENCH_SKIP_INSTALL=1  use the peers already installed, install nothing
#   BENCH_CHARS=500000    characters in the large book (the growth check
#                         also builds half and twice as many)
#   BENCH_CHAPTERS=50     chapters in the generated books
#   BENCH_WORK=DIR        scratch folder (default target/bench)
#   BENCH_INPUTS="sample large"  the books to measure (growth needs `large`)
#   BENCH_MDBOOK=1       also build the generated technical mdBook (600k
#                         characters, 700 included listings, 20 SVG
#                         figures; folio only: peers do not read mdBook)
#   BENCH_TECH=1         also build the generated technical book (500
#                         highlighted listings, 500 formulas, ~300 pages)
#   BENCH_PANDOC=PATH     the pandoc to use (default: PyPI's pypandoc-binary,
#                         whose pandoc 3 has the Typst writer; else `pandoc`)
#
# Wall time is measured around `/usr/bin/time` (which adds about a
# millisecond) with bash's $EPOCHREALTIME; peak memory is `/usr/bin/time`'s
# %M, the largest resident set of any one process of the command (for a
# pipeline such as pandoc → Typst, the larger of the two); CPU time is its
# user + system time of the command and all its children (less disturbed
# than wall time when other work shares the machine).

set -uo pipefail
export LC_ALL=C PYTHONDONTWRITEBYTECODE=1

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${BENCH_RUNS:-5}
SKIP_PEERS=${BENCH_SKIP_PEERS:-0}
SKIP_INSTALL=${BENCH_SKIP_INSTALL:-0}
CHARS=${BENCH_CHARS:-500000}
CHAPTERS=${BENCH_CHAPTERS:-50}
WORK=${BENCH_WORK:-$ROOT/target/bench}
CJK_FONT="Noto Serif CJK SC"
read -r -a INPUTS <<<"${BENCH_INPUTS:-sample large}"

mkdir -p "$WORK/logs" "$WORK/books" "$WORK/out"
WORK=$(cd "$WORK" && pwd)
RAW="$WORK/raw.tsv"
LOGS="$WORK/logs"
: >"$RAW"

say() { printf '%s\n' "bench: $*" >&2; }
record() { (IFS=$'\t'; printf '%s\n' "$*") >>"$RAW"; }

if ! [[ "$RUNS" =~ ^[0-9]+$ ]] || ((RUNS < 1)); then
    say "BENCH_RUNS must be a positive integer, not '$RUNS'"
    exit 2
fi

# ---------------------------------------------------------------- installs

can_install() { [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; }

APT_UPDATED=0
# apt_install PKG...: installs the packages that are missing; quiet, idempotent.
apt_install() {
    local missing=() pkg
    for pkg in "$@"; do
        [[ $(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null) == "install ok installed" ]] ||
            missing+=("$pkg")
    done
    ((${#missing[@]} == 0)) && return 0
    if ! can_install; then
        echo "not root or no apt-get: cannot install ${missing[*]}"
        return 1
    fi
    say "installing ${missing[*]} (Debian) ..."
    if ((APT_UPDATED == 0)); then
        apt-get -o DPkg::Lock::Timeout=900 update -qq >>"$LOGS/install.log" 2>&1
        APT_UPDATED=1
    fi
    if ! DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq \
        --no-install-recommends "${missing[@]}" >>"$LOGS/install.log" 2>&1; then
        echo "apt-get install ${missing[*]} failed (see $LOGS/install.log)"
        return 1
    fi
}

# pip_install PKG...: installs missing PyPI packages for python3; quiet, idempotent.
pip_install() {
    local missing=() pkg
    for pkg in "$@"; do
        python3 -m pip show -q "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    ((${#missing[@]} == 0)) && return 0
    say "installing ${missing[*]} (PyPI) ..."
    if ! python3 -m pip install -q --disable-pip-version-check "${missing[@]}" \
        >>"$LOGS/install.log" 2>&1; then
        echo "pip install ${missing[*]} failed (see $LOGS/install.log)"
        return 1
    fi
}

if [[ ! -x /usr/bin/time ]]; then
    reason=$(apt_install time) || {
        say "GNU time is needed for peak memory: $reason"
        exit 1
    }
fi
command -v python3 >/dev/null || {
    say "python3 is needed (the book generator and the report)"
    exit 1
}

# ---------------------------------------------------------------- machine

record meta date "$(date -u '+%Y-%m-%d %H:%M UTC')"
record meta cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
record meta nproc "$(nproc)"
record meta memory "$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
record meta load "$(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC1091
record meta os "$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")"
record meta runs "$RUNS"
record meta folio "$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)"

# ---------------------------------------------------------------- folio

say "building folio (cargo build --release) ..."
if ! (cd "$ROOT" && cargo build --release --quiet --bin folio) >"$LOGS/cargo.log" 2>&1; then
    cat "$LOGS/cargo.log" >&2
    say "cargo build --release failed"
    exit 1
fi
FOLIO="$ROOT/target/release/folio"
record meta rustc "$(rustc --version)"

# ---------------------------------------------------------------- books

SAMPLE="$ROOT/manuscript"
half=$((CHARS / 2))
double=$((CHARS * 2))
for n in "$half" "$CHARS" "$double"; do
    dir="$WORK/books/large-$n"
    # Deterministic: regenerate only when the generator changed.
    stamp="$(sha256sum "$ROOT/bench/gen_book.py" | cut -c1-16) $n $CHAPTERS"
    if [[ $(cat "$dir/.stamp" 2>/dev/null) != "$stamp" ]]; then
        say "generating a book of $n characters ..."
        python3 "$ROOT/bench/gen_book.py" "$dir" --chars "$n" --chapters "$CHAPTERS" \
            2>>"$LOGS/gen.log" || {
            say "the generator failed (see $LOGS/gen.log)"
            exit 1
        }
        echo "$stamp" >"$dir/.stamp"
    fi
done
LARGE="$WORK/books/large-$CHARS"

# describe NAME DIR: the input's size, for the table's notes.
describe() {
    python3 - "$ROOT/bench" "$2" "$1" >>"$RAW" <<'EOF'
import sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
import gen_book
text = gen_book.concat(Path(sys.argv[2]), metadata=False)
print(f"input\t{sys.argv[3]}\t{gen_book.han_count(text)} Han characters, "
      f"{len(text.encode())} bytes of Markdown")
EOF
}
describe sample "$SAMPLE"
describe large "$LARGE"

# The single-file variants the peers read: with YAML metadata (pandoc) and
# without (Calibre's Markdown input shows front matter as text).
for input in sample large; do
    dir=$SAMPLE
    [[ $input == large ]] && dir=$LARGE
    python3 "$ROOT/bench/gen_book.py" --concat "$dir" "$WORK/books/$input.md"
    python3 "$ROOT/bench/gen_book.py" --concat "$dir" "$WORK/books/$input-bare.md" --no-metadata
done

# ---------------------------------------------------------------- measuring

# measure TOOL PATH INPUT OUTDIR CMD...: one warm-up run, then RUNS timed
# runs of CMD, which must write its output into OUTDIR (emptied first).
measure() {
    local tool=$1 path=$2 input=$3 out=$4
    shift 4
    local slug log tf walls=() cpus=() peak=0 rss user sys i t0 t1 f size=0 detail=()
    slug=$(printf '%s-%s-%s' "$tool" "$path" "$input" | tr -c 'A-Za-z0-9.\n-' '_')
    log="$LOGS/$slug.log"
    tf="$WORK/time.$slug"
    rm -rf "$out" && mkdir -p "$out"
    say "$tool $path, $input: warm-up ..."
    if ! "$@" >"$log" 2>&1; then
        record skip "$tool" "$path" "$input" "failed: $(tail -n 3 "$log" | tr '\t\n' '  ' | cut -c1-160) (log: $log)"
        return 1
    fi
    if [[ -z $(find "$out" -maxdepth 1 \( -name '*.pdf' -o -name '*.epub' \) -print -quit) ]]; then
        record skip "$tool" "$path" "$input" "wrote no EPUB or PDF into $out (log: $log)"
        return 1
    fi
    say "$tool $path, $input: $RUNS runs ..."
    for ((i = 0; i < RUNS; i++)); do
        t0=$EPOCHREALTIME
        if ! /usr/bin/time -f '%M %U %S' -o "$tf" "$@" >>"$log" 2>&1; then
            record skip "$tool" "$path" "$input" "failed on run $((i + 1)) (log: $log)"
            return 1
        fi
        t1=$EPOCHREALTIME
        walls+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }')")
        read -r rss user sys <<<"$(tail -n 1 "$tf")"
        ((rss > peak)) && peak=$rss
        cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')")
    done
    rm -f "$tf"
    for f in "$out"/*.pdf "$out"/*.epub; do
        [[ -f $f ]] || continue
        size=$((size + $(stat -c %s "$f")))
        detail+=("${f##*.}=$(stat -c %s "$f")")
        if [[ $f == *.pdf ]] && command -v pdffonts >/dev/null; then
            record fonts "$tool" "$path" "$input" \
                "$(pdffonts "$f" 2>/dev/null | tail -n +3 | awk '{print $1}' | sed 's/^[A-Z]\{6\}+//' | sort -u | paste -sd' ')"
        fi
    done
    record row "$tool" "$path" "$input" "$(
        IFS=,
        echo "${walls[*]}"
    )" "$peak" "$size" "${detail[*]}" "$(
        IFS=,
        echo "${cpus[*]}"
    )"
}

OUT="$WORK/out"

# folio: both outputs (as `folio build` does by default), then each alone.
for input in "${INPUTS[@]}"; do
    dir=$SAMPLE
    [[ $input == large ]] && dir=$LARGE
    measure folio "EPUB+PDF" "$input" "$OUT/folio-all-$input" \
        "$FOLIO" build "$dir" -o "$OUT/folio-all-$input" --format all
    measure folio EPUB "$input" "$OUT/folio-epub-$input" \
        "$FOLIO" build "$dir" -o "$OUT/folio-epub-$input" --format epub
    measure folio PDF "$input" "$OUT/folio-pdf-$input" \
        "$FOLIO" build "$dir" -o "$OUT/folio-pdf-$input" --format pdf
done

# Incremental rebuilds (issue 13): the large book in a watch session, two
# characters added to or taken from a paragraph of its middle chapter
# between rebuilds (benches/rebuild.rs: one process, EPUB and PDF in memory).
if [[ " ${INPUTS[*]} " == *" large "* ]]; then
    say "folio one-chapter edits of the large book: $((RUNS * 2 + 1)) rebuilds ..."
    if line=$(cd "$ROOT" && FOLIO_BENCH_BOOK="$LARGE" FOLIO_REBUILDS=$((RUNS * 2 + 1)) \
        FOLIO_BENCH_RAW=1 cargo bench --quiet --bench rebuild 2>"$LOGS/rebuild.log" |
        grep '^incremental'); then
        IFS=$'\t' read -r _ walls peak <<<"$line"
        record row folio "EPUB+PDF, one-chapter edit" edit "$walls" "$peak" 0 ""
    else
        record skip folio "EPUB+PDF, one-chapter edit" edit "benches/rebuild failed (log: $LOGS/rebuild.log)"
    fi
    record input edit "the large book in a watch session: two characters added to or taken from a middle paragraph of its middle chapter, then EPUB+PDF rebuilt (folio) or the PDF recompiled (Typst, one warm process)"
fi

# Generates a book into DIR with bench/GENERATOR, unless DIR already holds
# one made by the same generator (its hash is kept in DIR/.stamp).
generate() {
    local dir=$1 generator=$2 what=$3 stamp
    stamp="$(sha256sum "$ROOT/bench/$generator" "$ROOT/bench/gen_book.py" | cut -c1-16 | paste -sd-)"
    if [[ $(cat "$dir/.stamp" 2>/dev/null) != "$stamp" ]]; then
        rm -rf "$dir"
        python3 "$ROOT/bench/$generator" "$dir" 2>>"$LOGS/gen.log" || {
            say "the $what generator failed (see $LOGS/gen.log)"
            exit 1
        }
        echo "$stamp" >"$dir/.stamp"
    fi
}

# The technical mdBook of issue 10: folio alone, both outputs.
if [[ ${BENCH_MDBOOK:-1} != 0 ]]; then
    MDBOOK="$WORK/books/mdbook"
    generate "$MDBOOK" gen_mdbook.py mdBook
    record input mdbook "generated mdBook: 600000 Han characters in 50 chapters, 700 {{#include}} listings, 20 SVG figures"
    measure folio "EPUB+PDF" mdbook "$OUT/folio-all-mdbook" \
        "$FOLIO" build "$MDBOOK" -o "$OUT/folio-all-mdbook" --format all
fi

# The technical book of issue 11: 500 highlighted listings and 500
# formulas in about 300 pages; folio alone, both outputs.
if [[ ${BENCH_TECH:-1} != 0 ]]; then
    TECH="$WORK/books/tech"
    generate "$TECH" gen_techbook.py "technical book"
    record input tech "generated technical book: 66000 Han characters, 500 code blocks in 24 languages, 500 formulas (about 300 A5 pages)"
    measure folio "EPUB+PDF" tech "$OUT/folio-all-tech" \
        "$FOLIO" build "$TECH" -o "$OUT/folio-all-tech" --format all
fi

# Growth: half and twice the large book, both outputs, and the PDF alone
# (the slower output, so its own growth shows too).
if [[ " ${INPUTS[*]} " == *" large "* ]]; then
    for n in "$half" "$double"; do
        measure folio "EPUB+PDF" "growth-$n" "$OUT/folio-growth-$n" \
            "$FOLIO" build "$WORK/books/large-$n" -o "$OUT/folio-growth-$n" --format all
        measure folio PDF "growth-$n" "$OUT/folio-growth-pdf-$n" \
            "$FOLIO" build "$WORK/books/large-$n" -o "$OUT/folio-growth-pdf-$n" --format pdf
    done
    record meta growth "$half $CHARS $double"
fi

# ---------------------------------------------------------------- peers

if [[ $SKIP_PEERS == 1 ]]; then
    record skip "all peers" "" "" "BENCH_SKIP_PEERS=1"
else
    # Each peer: its install, then a version line, or a skip with the reason.
    install_or_skip() { # NAME INSTALLER...
        local name=$1 reason
        shift
        [[ $SKIP_INSTALL == 1 ]] && return
        reason=$("$@") || record skip "$name" "" "" "cannot install: $reason"
    }
    install_or_skip font apt_install fonts-noto-cjk fontconfig
    install_or_skip pandoc apt_install pandoc
    # pandoc 3's Typst writer; Debian 12's pandoc 2.17 has none.
    install_or_skip pandoc3 pip_install pypandoc-binary
    # xeCJK (texlive-lang-cjk) needs ctexhook.sty (texlive-lang-chinese);
    # hyperref under XeTeX needs pzdr (texlive-fonts-recommended).
    install_or_skip xelatex apt_install texlive-xetex texlive-lang-cjk texlive-lang-chinese \
        texlive-latex-recommended texlive-fonts-recommended lmodern
    install_or_skip typst pip_install typst
    install_or_skip calibre apt_install calibre
    command -v pdffonts >/dev/null || apt_install poppler-utils >/dev/null

    # (Not `fc-list | grep -q`: with pipefail, grep's early exit fails the pipe.)
    families=$(fc-list : family 2>/dev/null)
    if [[ $families != *"$CJK_FONT"* ]]; then
        record skip "all PDF peers" "" "" "font $CJK_FONT not found by fontconfig"
    fi

    # folio with the peers' font, for the size comparison "same text and
    # font": the book folder copied, with [folio.fonts] body set.
    if [[ $families == *"$CJK_FONT"* ]]; then
        for input in "${INPUTS[@]}"; do
            dir=$SAMPLE
            [[ $input == large ]] && dir=$LARGE
            noto="$WORK/books/$input-noto"
            rm -rf "$noto" && cp -r "$dir" "$noto"
            printf '\n[folio.fonts]\nbody = ["%s"]\n' "$CJK_FONT" >>"$noto/book.toml"
            measure "folio ($CJK_FONT)" PDF "$input" "$OUT/folio-noto-$input" \
                "$FOLIO" build "$noto" -o "$OUT/folio-noto-$input" --format pdf
        done
    fi

    PANDOC=${BENCH_PANDOC:-}
    if [[ -z $PANDOC ]]; then
        PANDOC=$(python3 -c 'import pypandoc, sys; sys.stdout.write(pypandoc.get_pandoc_path())' 2>/dev/null) ||
            PANDOC=""
        [[ -x $PANDOC ]] || PANDOC=$(command -v pandoc || true)
    fi
    if [[ -z $PANDOC ]]; then
        record skip pandoc "" "" "no pandoc: neither pypandoc-binary nor Debian's pandoc installed"
    else
        record meta pandoc "$("$PANDOC" --version | head -n 1) ($PANDOC)"
    fi
    if command -v xelatex >/dev/null; then
        record meta xelatex "$(xelatex --version | head -n 1)"
    fi
    if python3 -c 'import typst' 2>/dev/null; then
        record meta typst "typst $(python3 -m pip show typst 2>/dev/null | awk '/^Version/ {print $2}') (PyPI)"
    fi
    if command -v ebook-convert >/dev/null; then
        record meta calibre "$(ebook-convert --version 2>/dev/null | head -n 1)"
    fi

    for input in "${INPUTS[@]}"; do
        md="$WORK/books/$input.md"
        bare="$WORK/books/$input-bare.md"
        title=$(awk -F'"' '/^title:/ {print $2; exit}' "$md")
        author=$(awk -F'"' '/^- / {print $2; exit}' "$md")

        if [[ -n $PANDOC ]]; then
            o="$OUT/pandoc-epub-$input"
            measure pandoc EPUB "$input" "$o" "$PANDOC" "$md" -o "$o/book.epub"

            if command -v xelatex >/dev/null; then
                o="$OUT/xelatex-$input"
                measure "pandoc + XeLaTeX" PDF "$input" "$o" \
                    "$PANDOC" "$md" -o "$o/book.pdf" --pdf-engine=xelatex --toc \
                    -V "CJKmainfont=$CJK_FONT" -V papersize=a5
            else
                record skip "pandoc + XeLaTeX" PDF "$input" "xelatex not installed"
            fi

            if [[ $'\n'$("$PANDOC" --list-output-formats)$'\n' != *$'\n'typst$'\n'* ]]; then
                record skip "pandoc → Typst" PDF "$input" "$("$PANDOC" --version | head -n 1) has no Typst writer"
            elif ! python3 -c 'import typst' 2>/dev/null; then
                record skip "pandoc → Typst" PDF "$input" "PyPI typst not installed"
            else
                o="$OUT/typst-$input"
                typ="$WORK/books/$input.typ"
                # shellcheck disable=SC2016 # expanded by the inner bash
                measure "pandoc → Typst" PDF "$input" "$o" bash -c \
                    '"$1" "$2" -s -t typst -o "$3" --toc -V "mainfont=$4" -V papersize=a5 &&
                     python3 "$5" "$3" "$6"' \
                    typst-pipeline "$PANDOC" "$md" "$typ" "$CJK_FONT" \
                    "$ROOT/bench/typst_compile.py" "$o/book.pdf"
                if [[ $input == large && -f $typ ]]; then
                    # Typst's incremental compiler, warm in one process.
                    if line=$(python3 "$ROOT/bench/typst_incremental.py" "$typ" "$o/edit.pdf" \
                        $((RUNS * 2 + 1)) 2>"$LOGS/typst-incremental.log"); then
                        IFS=$'\t' read -r _ walls unchanged <<<"$line"
                        record row "Typst (warm, incremental)" "PDF, one-paragraph edit" edit "$walls" 0 0 ""
                        record meta typst_unchanged "$unchanged"
                    else
                        record skip "Typst (warm, incremental)" PDF edit "failed (log: $LOGS/typst-incremental.log)"
                    fi
                fi
            fi
        fi

        if command -v ebook-convert >/dev/null; then
            # Calibre's PDF output is Qt WebEngine (Chromium), which refuses
            # to run as root with its sandbox.
            [[ $(id -u) == 0 ]] && export QTWEBENGINE_CHROMIUM_FLAGS=--no-sandbox
            meta=(--title "$title" --authors "$author" --language zh-CN)
            o="$OUT/calibre-epub-$input"
            measure "Calibre ebook-convert" EPUB "$input" "$o" \
                ebook-convert "$bare" "$o/book.epub" "${meta[@]}"
            o="$OUT/calibre-pdf-$input"
            measure "Calibre ebook-convert" PDF "$input" "$o" \
                ebook-convert "$bare" "$o/book.pdf" "${meta[@]}" --paper-size a5 \
                --pdf-serif-family "$CJK_FONT" --pdf-standard-font serif
        else
            record skip "Calibre ebook-convert" "" "$input" "ebook-convert not installed"
        fi
    done
fi

# ---------------------------------------------------------------- report

python3 "$ROOT/bench/report.py" "$RAW" | tee "$WORK/report.md"
say "report also in $WORK/report.md; outputs in $OUT; logs in $LOGS"
