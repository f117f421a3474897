# The report's plots, from the data bench/Report.java writes; run by bench/run in results/<stamp>/plots.
set terminal pngcairo size 900,560 font "sans,10"
set datafile missing "NaN"
set key outside right top
set grid

# Without shaped runs (HNR_BENCH_SHAPED=off) there is nothing to plot, and an empty plot is an error.
if (system("grep -c '^[0-9]' shaped.dat") + 0 > 0) {
  set output "shaped.png"
  set title "Notifications acknowledged per second by link bandwidth (reference: Python receiver, published)"
  set xlabel "link (tc tbf), Mbit/s"
  set ylabel "requests/s"
  set logscale xy
  set xtics (1, 5, 10, 50, 100, 500, 1000)
  plot "shaped.dat" using 1:2 with linespoints lw 2 pt 7 lc rgb "#1f77b4" title "ours JSON", \
       "" using 1:3 with linespoints lw 2 pt 5 lc rgb "#d62728" title "ours XML", \
       "" using 1:4 with linespoints lw 2 pt 9 lc rgb "#2ca02c" title "ours CBOR", \
       "" using 1:5 with linespoints dt 2 pt 6 lc rgb "#1f77b4" title "reference JSON", \
       "" using 1:6 with linespoints dt 2 pt 4 lc rgb "#d62728" title "reference XML", \
       "" using 1:7 with linespoints dt 2 pt 8 lc rgb "#2ca02c" title "reference CBOR"
  unset logscale
  set xtics autofreq
}

set output "ceilings.png"
set title "Maximum rate on loopback: the receiver beside its ceilings"
set style data histogram
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set xlabel "reference body"
set ylabel "requests/s"
set yrange [0:*]
set grid noxtics
plot "ceilings.dat" using 2:xtic(1) lc rgb "#1f77b4" title "receiver (stores)", \
     "" using 3 lc rgb "#ff7f0e" title "decode-only (--discard)", \
     "" using 4 lc rgb "#7f7f7f" title "bare Vert.x"
set style data points
set yrange [*:*]
set grid xtics

set output "latency.png"
set title "Latency at 50 % of the maximum rate, by percentile (HdrHistogram)"
set xlabel "percentile"
set ylabel "latency, ms"
set logscale x
set logscale y
set xtics ("50 %%" 2, "90 %%" 10, "99 %%" 100, "99.9 %%" 1000, "99.99 %%" 10000, "99.999 %%" 100000)
has(f) = system("test -s " . f . " && echo 1 || echo 0") + 0
plots = ""
do for [i = 1:3] {
  f = "latency-" . word("json xml cbor", i) . ".hgrm"
  if (has(f)) { plots = plots . sprintf("'%s' using 4:1 with lines lw 2 lc rgb '%s' title '%s', ", f, word("#1f77b4 #d62728 #2ca02c", i), word("JSON XML CBOR", i)) }
}
eval "plot " . plots . "10 with lines dt 2 lc rgb 'black' title 'target p99 10 ms'"
