#!/usr/bin/env bash
# Draw the "growth:" lines of a benchmark run as an SVG plot (doc/bench.md, "How cost grows"):
# time against size, both on log scales, one panel per benchmark family (reports: ms against
# REPORT_COPIES; aggregate: ms against input rows). Plain awk writing SVG text, no dependency.
#
#   bash test/bench/plot.sh LINES "caption" > doc/img/bench-growth.svg
#
# LINES holds lines like
#   growth: panel=reports series=report_payments size=10 ms=365.45
# A series named *_floor or core_* is drawn dashed in the colour of its exco series (the report's
# floor; PostgreSQL's own aggregate). A dotted grey line of slope 1 (time proportional to size)
# starts at each panel's first point of its first series: a series below its slope grows less
# than linearly.
set -euo pipefail
in=${1:?usage: plot.sh LINES "caption"}
caption=${2:-}

grep '^growth: ' "$in" | awk -v caption="$caption" '
function esc(s) { gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s); return s }
function lg(v) { return log(v) / log(10) }
function fl(v) { return (v == int(v) || v > 0) ? int(v) : int(v) - 1 }
function ce(v) { return (v == int(v)) ? v : ((v > 0) ? int(v) + 1 : int(v)) }
function label(e,   v) {
  if (e >= 9) return 10 ^ (e - 9) "G"
  if (e >= 6) return 10 ^ (e - 6) "M"
  if (e >= 3) return 10 ^ (e - 3) "k"
  if (e >= 0) return 10 ^ e
  v = 10 ^ e; return sprintf("%g", v)
}
function base(s) { sub(/_floor$/, "", s); sub(/^core_/, "exco_", s); return s }
{
  p = s = ""; n = t = 0
  for (i = 2; i <= NF; i++) {
    split($i, kv, "=")
    if (kv[1] == "panel") p = kv[2]
    else if (kv[1] == "series") s = kv[2]
    else if (kv[1] == "size") n = kv[2] + 0
    else if (kv[1] == "ms") t = kv[2] + 0
  }
  if (p == "" || s == "" || n <= 0 || t <= 0) next
  if (!(p in seen_p)) { seen_p[p] = 1; panels[++np] = p; xmin[p] = xmax[p] = n; ymin[p] = ymax[p] = t }
  key = p SUBSEP s
  if (!(key in seen_s)) { seen_s[key] = 1; ns[p]++; sname[p, ns[p]] = s; b = base(s)
    if (!((p, b) in col)) { nb[p]++; col[p, b] = nb[p]; bname[p, nb[p]] = b } }
  k = ++npts[key]; px[key, k] = n; py[key, k] = t
  if (n < xmin[p]) xmin[p] = n; if (n > xmax[p]) xmax[p] = n
  if (t < ymin[p]) ymin[p] = t; if (t > ymax[p]) ymax[p] = t
}
END {
  split("#1f77b4 #d62728 #2ca02c #9467bd #ff7f0e #8c564b #e377c2 #17becf", pal, " ")
  pw = 440; ph = 300; ml = 64; gap = 90; legh = 130
  # the caption, wrapped at words to the width of the panels
  W = ml + np * (pw + gap); maxc = int((W - ml) / 6.6); ncap = 0; rest = caption
  while (length(rest) > 0) {
    if (length(rest) <= maxc) { cap[++ncap] = rest; break }
    cut = maxc; while (cut > 1 && substr(rest, cut, 1) != " ") cut--
    if (cut <= 1) cut = maxc
    cap[++ncap] = substr(rest, 1, cut - 1); rest = substr(rest, cut + 1)
  }
  mt = 42 + 16 * (ncap > 0 ? ncap : 1)
  H = mt + ph + 40 + legh
  printf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n", W, H, W, H
  printf "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
  printf "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">exco benchmarks: time against size (log scales)</text>\n", ml
  for (i = 1; i <= ncap; i++) printf "<text x=\"%d\" y=\"%d\" fill=\"#555\">%s</text>\n", ml, 22 + 16 * i, esc(cap[i])
  for (q = 1; q <= np; q++) {
    p = panels[q]; x0 = ml + (q - 1) * (pw + gap); y0 = mt
    ex0 = fl(lg(xmin[p])); ex1 = ce(lg(xmax[p])); if (ex1 <= ex0) ex1 = ex0 + 1
    ey0 = fl(lg(ymin[p])); ey1 = ce(lg(ymax[p])); if (ey1 <= ey0) ey1 = ey0 + 1
    printf "<g>\n<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>\n", x0, y0, pw, ph
    for (e = ex0; e <= ex1; e++) {
      x = x0 + (e - ex0) / (ex1 - ex0) * pw
      printf "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>\n", x, y0, x, y0 + ph
      printf "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x, y0 + ph + 16, label(e)
    }
    for (e = ey0; e <= ey1; e++) {
      y = y0 + ph - (e - ey0) / (ey1 - ey0) * ph
      printf "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>\n", x0, y, x0 + pw, y
      printf "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", x0 - 6, y + 4, label(e)
    }
    printf "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x0 + pw / 2, y0 + ph + 34, (p == "reports" ? "copies of the demo contracts (REPORT_COPIES)" : (p == "aggregate" ? "input rows (100 000 groups at most)" : p))
    printf "<text transform=\"translate(%d,%d) rotate(-90)\" text-anchor=\"middle\">ms (median)</text>\n", x0 - 44, y0 + ph / 2
    printf "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>\n", x0 + 6, y0 + 16, esc(p)
    # slope 1 from the first point of the first series
    key = p SUBSEP sname[p, 1]; fx = px[key, 1]; fy = py[key, 1]
    for (k = 2; k <= npts[key]; k++) if (px[key, k] < fx) { fx = px[key, k]; fy = py[key, k] }
    lx0 = lg(fx); ly0 = lg(fy); lx1 = ex1; ly1 = ly0 + (ex1 - lx0)
    if (ly1 > ey1) { lx1 = lx0 + (ey1 - ly0); ly1 = ey1 }
    printf "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#aaa\" stroke-dasharray=\"1,4\" stroke-width=\"2\"/>\n", x0 + (lx0 - ex0) / (ex1 - ex0) * pw, y0 + ph - (ly0 - ey0) / (ey1 - ey0) * ph, x0 + (lx1 - ex0) / (ex1 - ex0) * pw, y0 + ph - (ly1 - ey0) / (ey1 - ey0) * ph
    for (j = 1; j <= ns[p]; j++) {
      s = sname[p, j]; key = p SUBSEP s; c = pal[(col[p, base(s)] - 1) % 8 + 1]
      dash = (s ~ /_floor$/ || s ~ /^core_/) ? " stroke-dasharray=\"6,4\"" : ""
      # points in size order (insertion sort)
      m = npts[key]
      for (k = 1; k <= m; k++) { ox[k] = px[key, k]; oy[k] = py[key, k] }
      for (k = 2; k <= m; k++) { vx = ox[k]; vy = oy[k]; i = k - 1
        while (i >= 1 && ox[i] > vx) { ox[i + 1] = ox[i]; oy[i + 1] = oy[i]; i-- }
        ox[i + 1] = vx; oy[i + 1] = vy }
      pts = ""
      for (k = 1; k <= m; k++) {
        x = x0 + (lg(ox[k]) - ex0) / (ex1 - ex0) * pw; y = y0 + ph - (lg(oy[k]) - ey0) / (ey1 - ey0) * ph
        pts = pts sprintf("%.1f,%.1f ", x, y)
        printf "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s: %s at %s</title></circle>\n", x, y, c, esc(s), oy[k] " ms", ox[k]
      }
      printf "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\"%s/>\n", pts, c, dash
    }
    ly = y0 + ph + 56
    for (j = 1; j <= nb[p]; j++) {
      c = pal[(j - 1) % 8 + 1]
      printf "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/><text x=\"%d\" y=\"%d\">%s</text>\n", x0, ly + (j - 1) * 15 - 4, x0 + 20, ly + (j - 1) * 15 - 4, c, x0 + 26, ly + (j - 1) * 15, esc(bname[p, j])
    }
    printf "<text x=\"%d\" y=\"%d\" fill=\"#555\">%s</text>\n", x0, ly + nb[p] * 15 + 4, (p == "reports" ? "dashed: the report'"'"'s floor (its rows read and joined)" : "dashed: PostgreSQL'"'"'s avg(numeric), same rows and workers")
    printf "<text x=\"%d\" y=\"%d\" fill=\"#555\">dotted grey: time proportional to size</text>\n</g>\n", x0, ly + nb[p] * 15 + 19
  }
  print "</svg>"
}'
