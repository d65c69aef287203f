#!/usr/bin/env bash
# Check the report's PDF (make report-pdf) as a reader gets it: A4 pages (pdfinfo), a first page
# that is not blank once rasterised by pdftoppm (at least 2 % of its pixels not white) and that
# reads "Rapport régional des CPTS" (pdftotext). Saves the first page as PNG. Used by
# `make test-browser` (test/harness.sh) on demo-report/report.pdf; needs poppler-utils and node.
#
#   bash test/browser/pdf.sh PDF FIRST_PAGE_PNG
set -euo pipefail
die() { printf 'test-browser: pdf: FAIL: %s\n' "$*" >&2; exit 1; }
[ $# -eq 2 ] || die "usage: $0 PDF FIRST_PAGE_PNG"
pdf=$1 png=$2
[ -s "$pdf" ] || die "no PDF at $pdf"
info=$(pdfinfo "$pdf") || die "pdfinfo cannot read $pdf"
pages=$(sed -n 's/^Pages: *//p' <<<"$info")
size=$(sed -n 's/^Page size: *//p' <<<"$info")
# A4 is 595.28 x 841.89 pt; Chromium writes 595.92 x 842.88.
awk '{ exit !($1 > 590 && $1 < 600 && $3 > 837 && $3 < 847) }' <<<"$size" || die "page size $size, not A4 portrait"
text=$(pdftotext -f 1 -l 1 "$pdf" -) || die "pdftotext cannot read the first page"
grep -q 'Rapport régional des CPTS' <<<"$text" || die "the first page does not read 'Rapport régional des CPTS'"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/exco-pdf.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pdftoppm -f 1 -l 1 -r 60 -gray "$pdf" "$tmp/p"
pgm=$(ls "$tmp"/p*.pgm)
# The share of pixels darker than near-white in the binary PGM (P5 W H 255, then one byte a pixel).
ink=$(node -e '
  const b = require("fs").readFileSync(process.argv[1]);
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(b.toString("latin1", 0, 64));
  const start = m[0].length, n = Number(m[1]) * Number(m[2]);
  let dark = 0; for (let i = start; i < start + n; i++) if (b[i] < 235) dark++;
  console.log((dark / n).toFixed(4));' "$pgm")
awk -v s="$ink" 'BEGIN { exit !(s >= 0.02) }' || die "the first page is blank: $ink of its pixels are not white (at least 0.02)"
pdftoppm -f 1 -l 1 -r 80 -png -singlefile "$pdf" "${png%.png}"
printf 'test-browser: pdf: %s: %s pages, %s, first page %s of its pixels inked, saved as %s\n' "$pdf" "$pages" "$size" "$ink" "$png"
