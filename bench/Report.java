import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes report.md and the plots' data from what bench/run left in its results directory: runs.jsonl
 * (one line per publish run: its checks and the publish tool's JSON summary) and meta.json. Run by
 * bench/run: {@code java -cp target/https-notif-receiver.jar bench/Report.java DIR reference.tsv}.
 */
public final class Report {

  private static final List<String> ENCODINGS = List.of("json", "xml", "cbor");
  private static final Map<String, Double> TARGET_RATE = Map.of("json", 20_000.0, "xml", 15_000.0, "cbor", 20_000.0);
  private static final double TARGET_BARE_RATIO = 0.30;
  private static final double TARGET_P99_MS = 10;

  private final Path dir;
  private final JsonNode meta;
  private final Map<String, JsonNode> runs = new LinkedHashMap<>();
  /** The storage floor beside each half-rate run (floor.jsonl, bench/lib.sh floor), by body. */
  private final Map<String, JsonNode> floors = new LinkedHashMap<>();
  /** encoding -> mbit -> overall requests/s of the reference. */
  private final Map<String, Map<Integer, Double>> reference = new LinkedHashMap<>();
  private final StringBuilder md = new StringBuilder();

  private Report(Path dir, Path referenceTsv) throws IOException {
    this.dir = dir;
    ObjectMapper mapper = new ObjectMapper();
    meta = mapper.readTree(dir.resolve("meta.json").toFile());
    for (String line : Files.readAllLines(dir.resolve("runs.jsonl"))) {
      if (!line.isBlank()) {
        JsonNode run = mapper.readTree(line);
        runs.put(run.get("id").asText(), run);
      }
    }
    Path floorFile = dir.resolve("floor.jsonl");
    for (String line : Files.exists(floorFile) ? Files.readAllLines(floorFile) : List.<String>of()) {
      if (!line.isBlank()) {
        JsonNode floor = mapper.readTree(line);
        floors.put(floor.get("id").asText().replaceFirst("^floor-", ""), floor);
      }
    }
    for (String line : Files.readAllLines(referenceTsv)) {
      String[] f = line.split("\t");
      if (line.startsWith("#") || f[0].equals("encoding")) {
        continue;
      }
      reference.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(Integer.parseInt(f[2]), Double.parseDouble(f[6]));
    }
  }

  public static void main(String[] args) throws IOException {
    Locale.setDefault(Locale.ROOT);
    Report report = new Report(Path.of(args[0]), Path.of(args[1]));
    report.write();
    System.out.println(report.dir.resolve("report.md"));
  }

  private void write() throws IOException {
    header();
    summary();
    latency();
    instances();
    http2();
    mix();
    shaped();
    memory();
    allRuns();
    Files.writeString(dir.resolve("report.md"), md.toString());
    Files.writeString(dir.resolve("readme-figures.md"), readmeFigures());
    plotData();
  }

  // ---- sections

  private void header() {
    long failed = runs.values().stream().filter(r -> !ok(r)).count();
    JsonNode d = meta.get("durations");
    line("# Benchmark report " + meta.get("stamp").asText());
    line();
    if (meta.get("quick").asBoolean()) {
      line("> **`--quick` run**: every run lasts a second or two, figures are indicative only.");
      line();
    }
    line("`%s` at commit `%s`, %d cores (%s), Linux %s, %s, PostgreSQL %s, everything on this one machine."
        .formatted(meta.get("command").asText(), meta.get("commit").asText(), meta.get("cores").asInt(),
            meta.get("cpu").asText(), meta.get("kernel").asText(), meta.get("java").asText(),
            meta.get("postgres").asText()));
    line("Wall time of the measuring part (build, runs, checks): %s. %s".formatted(minutes(meta.get("wall_s").asLong()),
        failed == 0
            ? "**All %d runs passed their checks.**".formatted(runs.size())
            : "**%d of %d runs FAILED their checks** (see Runs); a failed run shows FAILED, never a figure."
                .formatted(failed, runs.size())));
    line();
    line(("How: the jar's `publish` subcommand on the same machine sends one body again and again over TLS"
        + " (HTTP/1.1 keep-alive, %d connections unless said otherwise) to a receiver started with"
        + " `%s`. *receiver* stores every notification in PostgreSQL before its 204;"
        + " *decode-only* is the receiver with `--discard` (decodes, stores nothing); *bare* is"
        + " `bench/BareServer.java` (reads the body, answers 204). All three run with 2 HTTP verticle"
        + " instances, side by side in the same run.").formatted(meta.get("connections").asInt(), serverJava()));
    line();
    line(("Durations: each server process first gets %s of flat-out load over the three reference bodies"
        + " (JIT warm-up, reported under Runs as `warmup-*`)%s; every loopback run is sent by one publisher JVM,"
        + " warmed by those runs (a fresh one spends its first tens of seconds compiling), and the shaped"
        + " runs by a second one in the namespace. A loopback run has %s"
        + " of warm-up (connections opened, a rate's schedule settled) and a measured window of %s; a shaped run a warm-up of at least %s and a window of at least %s,"
        + " longer on slow links (%s and %s times what the link takes to carry one body per connection,"
        + " as the connections' requests cross a slow link in waves). A rate is"
        + " the requests sent in the measured window that got a 2xx, divided by the window. Checks"
        + " after every run: every request got a 2xx, and for the storing receiver the `notification`"
        + " table, emptied (`TRUNCATE`) before the run, grew by exactly the acknowledged count, warm-up"
        + " included.")
            .formatted(d.get("process_warmup").asText(),
                d.has("full_warmup") ? ", the receiver of the summary " + d.get("full_warmup").asText()
                    + " (its code takes longer to compile)" : "",
                d.get("run_warmup").asText(), d.get("run").asText(),
                d.get("shaped_warmup").asText(), d.get("shaped_run").asText(),
                d.path("shaped_warmup_waves").asText("?"), d.path("shaped_run_waves").asText("?")));
    line();
  }

  private void summary() {
    line("## Summary: the receiver, its ceilings and the targets of issue 3");
    line();
    line(("Reference bodies, loopback, maximum rate. Targets (issue 3, item 5): at least 20,000/s for JSON"
        + " and CBOR and 15,000/s for XML, at least %.2f of the bare server's rate in the same run, p99"
        + " under %.0f ms at 50 %% of the maximum rate.").formatted(TARGET_BARE_RATIO, TARGET_P99_MS));
    line();
    line("| body | receiver /s | decode-only /s | bare /s | receiver / bare | receiver / decode-only | p99 at 50 % |");
    line("|---|---|---|---|---|---|---|");
    for (String e : ENCODINGS) {
      Optional<JsonNode> full = run("max-full-" + e);
      Optional<Double> r = rate(full);
      Optional<Double> discard = rate(run("max-discard-" + e));
      Optional<Double> bare = rate(run("max-bare-" + e));
      Optional<Double> p99 = ok(run("half-full-" + e)).map(h -> latency(h, "p99"));
      double target = TARGET_RATE.get(e);
      line("| %s | %s | %s | %s | %s | %s | %s |".formatted(
          body(e, full),
          r.map(v -> "%s; target %s: %s".formatted(count(v), count(target), met(v >= target))).orElse(failed(full)),
          discard.map(Report::count).orElse(failed(run("max-discard-" + e))),
          bare.map(Report::count).orElse(failed(run("max-bare-" + e))),
          ratio(r, bare).map(v -> "%s; target %.2f: %s".formatted(toBare(v), TARGET_BARE_RATIO, met(v >= TARGET_BARE_RATIO))).orElse("—"),
          ratio(r, discard).map(v -> "%.2f".formatted(v)).orElse("—"),
          p99.map(v -> "%s ms; target %.0f ms: %s%s".formatted(ms(v), TARGET_P99_MS, met(v < TARGET_P99_MS),
                  floorP99(e).map(f -> "; PostgreSQL alone " + f).orElse("")))
              .orElse(failed(run("half-full-" + e)))));
    }
    line();
    Optional<JsonNode> memory = memoryOf("full");
    boolean sustained = runs.values().stream().filter(r -> r.get("server").asText().equals("full")).allMatch(Report::ok);
    line("Heap `-Xmx256m`: %s%s".formatted(
        sustained ? "every run of the receiver passed its checks (" + met(true) + ")"
            : "some runs of the receiver FAILED (" + met(false) + ")",
        memory.map(m -> "; its resident set at the end: VmHWM %s, VmRSS %s.".formatted(mib(m.get("vmhwm_kb")), mib(m.get("vmrss_kb"))))
            .orElse(".")));
    line();
    List<String> idles = new ArrayList<>();
    for (String e : ENCODINGS) {
      idle(run("max-full-" + e)).ifPresent(v -> idles.add(e.toUpperCase(Locale.ROOT) + " " + v));
    }
    if (!idles.isEmpty()) {
      // The trace this sentence rests on, with its figures, is in bench/README.md (Runs).
      line("CPU idle over the receiver's maximum runs (I/O wait in brackets): %s. Seldom both cores"
          .formatted(String.join(", ", idles))
          + " waiting on the disk: mostly one core idle while a thread woken onto the other waits"
          + " for it (bench/README.md).");
      line();
    }
  }

  private void latency() {
    line("## Latency at 50 % of the maximum rate");
    line();
    line(("The publisher sends at half the receiver's maximum rate above (`publish -r`), after a warm-up of"
        + " %s; before the first, it sends paced for as long over the three bodies (`warmup-half-full`),"
        + " as its paced code has not run before and the first half-rate run measured it compiling. Before"
        + " each such run `CHECKPOINT` and `sync` write out what the runs before it left"
        + " dirty: the kernel otherwise writes the gigabyte of a flat-out run back during the next one,"
        + " and PostgreSQL's commits wait behind it (seen on the project machine: p99 211-353 ms in a"
        + " half-rate run right after a 25-s flat-out run, 4-10 ms in those after it). Latency counts from"
        + " when each request was due, so a stall shows rather than slowing the schedule; the last"
        + " column counts from when it was actually sent. When the two differ much, the publisher fell"
        + " behind its own schedule (short of CPU, or still warming up) and the run measures the"
        + " publisher as much as the receiver. Milliseconds.")
            .formatted(meta.get("durations").path("half_warmup").asText("?")));
    line();
    line(("The last two columns are the storage floor, measured right after each run (`floor-*`):"
        + " PostgreSQL alone, with nothing else running, commits the rows of the run at its rate and in"
        + " commits of its mean size (its rows over their distinct `xmin`), pgbench over %s connections"
        + " (the receiver's write pool) into a table like `notification`, every index included. Each"
        + " commit's latency counts from when it was due (pgbench's Poisson schedule, so not strictly a"
        + " lower bound). It measures the disk, not the receiver: where its p99 is well above 10 ms, the"
        + " disk's flushes stalled within seconds of the run, and a receiver that answers only after the"
        + " commit waits out such stalls too.")
            .formatted(floors.values().stream().findFirst().map(f -> f.path("connections").asText("?")).orElse("?")));
    line();
    line("| body | maximum /s | asked /s | got /s | p50 | p90 | p99 | p99.9 | max | p99 from sending"
        + " | PostgreSQL alone: rows per commit | PostgreSQL alone: p50 / p99 / max |");
    line("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (String e : ENCODINGS) {
      Optional<JsonNode> half = run("half-full-" + e);
      String max = rate(run("max-full-" + e)).map(Report::count).orElse("FAILED");
      if (ok(half).isEmpty()) {
        line("| %s | %s | %s | | | | | | | | | |".formatted(e.toUpperCase(Locale.ROOT), max, half.isPresent() ? failed(half) : "not run"));
        continue;
      }
      JsonNode h = half.get();
      Optional<JsonNode> floor = Optional.ofNullable(floors.get(e));
      line("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |".formatted(body(e, half), max,
          count(h.get("summary").get("rate_target").asDouble()), count(rate(half).get()),
          ms(latency(h, "p50")), ms(latency(h, "p90")), ms(latency(h, "p99")), ms(latency(h, "p99_9")),
          ms(latency(h, "max")), ms(h.get("summary").get("measured").get("service_ms").get("p99").asDouble()),
          floor.map(f -> f.get("rows_per_commit").asText()).orElse("not run"),
          floor.map(f -> "%s / %s / %s".formatted(ms(floorLatency(f, "p50")), ms(floorLatency(f, "p99")),
              ms(floorLatency(f, "max")))).orElse("")));
    }
    line();
    line("![latency by percentile](plots/latency.png)");
    line();
  }

  private void instances() {
    line("## HTTP verticle instances: 1 and 2 (per-core scaling)");
    line();
    line("The same receiver with `--http-instances 1` (a separate process, measured right after the others"
        + " on the same body) and with 2 (the receiver of the summary).");
    line();
    line("| body | 1 instance /s | 2 instances /s | 2 / 1 |");
    line("|---|---|---|---|");
    for (String e : ENCODINGS) {
      Optional<Double> one = rate(run("max-full-1-" + e));
      Optional<Double> two = rate(run("max-full-" + e));
      line("| %s | %s | %s | %s |".formatted(body(e, run("max-full-" + e)),
          one.map(Report::count).orElse(failed(run("max-full-1-" + e))),
          two.map(Report::count).orElse(failed(run("max-full-" + e))),
          ratio(two, one).map(v -> "%.2f".formatted(v)).orElse("—")));
    }
    line();
  }

  private void http2() {
    line("## HTTP/2");
    line();
    line(("`--http2 -c %d --streams %d` (%d requests in flight, as many as the HTTP/1.1 runs) against"
        + " HTTP/1.1 with %d connections. The receiver first gets %s of HTTP/2 over the three bodies"
        + " (`warmup-h2-full`): its HTTP/2 code has not run before, and the first HTTP/2 run measured the"
        + " JIT compiling it.").formatted(meta.get("h2_connections").asInt(), meta.get("h2_streams").asInt(),
            meta.get("h2_connections").asInt() * meta.get("h2_streams").asInt(), meta.get("connections").asInt(),
            meta.get("durations").path("h2_warmup").asText("?")));
    line();
    line("| body | HTTP/1.1 /s | HTTP/2 /s | h2 / h1 | p99 h1 ms | p99 h2 ms |");
    line("|---|---|---|---|---|---|");
    for (String e : ENCODINGS) {
      Optional<JsonNode> h1 = run("max-full-" + e);
      Optional<JsonNode> h2 = run("h2-full-" + e);
      line("| %s | %s | %s | %s | %s | %s |".formatted(body(e, h1),
          rate(h1).map(Report::count).orElse(failed(h1)), rate(h2).map(Report::count).orElse(failed(h2)),
          ratio(rate(h2), rate(h1)).map(v -> "%.2f".formatted(v)).orElse("—"),
          ok(h1).map(r -> ms(latency(r, "p99"))).orElse("—"), ok(h2).map(r -> ms(latency(r, "p99"))).orElse("—")));
    }
    line();
  }

  private void mix() {
    line("## Device samples, mixed");
    line();
    Optional<JsonNode> mix = run("mix-full");
    if (mix.isEmpty() || mix.get().get("summary").isNull()) {
      line("Not run" + mix.map(r -> ": " + failed(mix)).orElse("") + ".");
      line();
      return;
    }
    JsonNode payloads = mix.get().get("summary").get("payloads");
    List<String> names = new ArrayList<>();
    long min = Long.MAX_VALUE;
    long max = 0;
    long total = 0;
    for (JsonNode p : payloads) {
      names.add("%s (%s, %,d B)".formatted(p.get("name").asText(), p.get("encoding").asText(), p.get("bytes").asLong()));
      min = Math.min(min, p.get("bytes").asLong());
      max = Math.max(max, p.get("bytes").asLong());
      total += p.get("bytes").asLong();
    }
    line(("The %d real device captures under `src/test/resources/samples/devices` (6WIND VSR CBOR and JSON,"
        + " Huawei NE8000 JSON), sent in turn: %,d to %,d bytes, %,d on average.")
            .formatted(payloads.size(), min, max, total / payloads.size()));
    line();
    line("| rate /s | body Mbit/s | p50 ms | p99 ms | check |");
    line("|---|---|---|---|---|");
    JsonNode m = mix.get();
    line("| %s | %s | %s | %s | %s |".formatted(rate(mix).map(Report::count).orElse(failed(mix)),
        ok(mix).map(r -> "%.0f".formatted(r.get("summary").get("measured").get("body_mbit_s").asDouble())).orElse("—"),
        ok(mix).map(r -> ms(latency(r, "p50"))).orElse("—"), ok(mix).map(r -> ms(latency(r, "p99"))).orElse("—"),
        m.get("status").asText()));
    line();
    line("Files: " + String.join(", ", names) + ".");
    line();
  }

  private void shaped() {
    line("## The reference's experiment: bandwidth-limited links");
    line();
    if (!meta.get("shaped").asBoolean()) {
      line("Not run (no network namespace could be created).");
      line();
      return;
    }
    line(("As the reference did: the publisher in its own network namespace, a veth pair to the receiver,"
        + " `tc` token-bucket filters on both ends (%s, the reference script's values), %d connections."
        + " *unlimited* is loopback (the summary's run). The reference's figures are its published"
        + " `Overall Requests/sec` (30 s go-wrk runs against its Python receiver on an i7-8550U, see"
        + " `bench/reference.tsv`); ours in brackets: the bodies' Mbit/s.")
            .formatted(meta.get("tbf").asText(), meta.get("connections").asInt()));
    line();
    line("| link | JSON reference /s | JSON ours /s | XML reference /s | XML ours /s | CBOR reference /s | CBOR ours /s |");
    line("|---|---|---|---|---|---|---|");
    StringBuilder row = new StringBuilder("| unlimited (loopback) |");
    for (String e : ENCODINGS) {
      Optional<JsonNode> r = run("max-full-" + e);
      row.append(" — | ").append(rate(r).map(v -> count(v) + " (" + mbit(r.get()) + ")").orElse(failed(r))).append(" |");
    }
    line(row.toString());
    for (int mbit : shapedBandwidths()) {
      row = new StringBuilder("| " + (mbit >= 1000 ? mbit / 1000 + " Gbit/s" : mbit + " Mbit/s") + " |");
      for (String e : ENCODINGS) {
        Double ref = reference.getOrDefault(e, Map.of()).get(mbit);
        Optional<JsonNode> r = run("shaped-" + mbit + "-" + e);
        row.append(' ').append(ref == null ? "—" : "%,.1f".formatted(ref)).append(" | ")
            .append(rate(r).map(v -> count(v) + " (" + mbit(r.get()) + ")").orElse(failed(r))).append(" |");
      }
      line(row.toString());
    }
    line();
    line("![requests per second by bandwidth](plots/shaped.png)");
    line();
  }

  /** The servers' JVM options, as bench/run started them (runs before it recorded them had -Xmx256m). */
  private String serverJava() {
    return meta.path("server_java").asText("-Xmx256m");
  }

  private void memory() {
    line("## Memory");
    line();
    line("Resident set of each server process (`/proc/PID/status`) when its last run was over; all run with `" + serverJava() + "`.");
    line();
    line("| server | VmHWM (peak) | VmRSS |");
    line("|---|---|---|");
    for (JsonNode m : meta.get("memory")) {
      line("| %s | %s | %s |".formatted(serverName(m.get("server").asText()), mib(m.get("vmhwm_kb")), mib(m.get("vmrss_kb"))));
    }
    line();
  }

  private void allRuns() {
    line("## Runs");
    line();
    line("Every run in order. *sent* and *acknowledged* include the warm-up; *rows* is how much the"
        + " `notification` table grew (storing receiver only); the rate and latency are the measured window's;"
        + " *CPU idle* is the share of both cores' time that was idle over the whole run, warm-up included,"
        + " and in brackets the part of it spent waiting for I/O.");
    line();
    line("| run | server | link | publish options | warm-up s | window s | sent | acknowledged | rows | rate /s | p50 ms | p99 ms | CPU idle (I/O wait) | check |");
    line("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (JsonNode r : runs.values()) {
      JsonNode s = r.get("summary");
      boolean has = s != null && !s.isNull();
      long rows = r.get("rows_after").asLong() - r.get("rows_before").asLong();
      line("| %s | %s | %s | `%s` | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |".formatted(
          r.get("id").asText(), serverName(r.get("server").asText()), r.get("link").asText(),
          options(r.get("args").asText()),
          has ? "%.1f".formatted(s.get("warmup_s").asDouble()) : "",
          has ? "%.1f".formatted(s.get("measured").get("seconds").asDouble()) : "",
          has ? "%,d".formatted(s.get("sent").asLong()) : "", has ? "%,d".formatted(s.get("acknowledged").asLong()) : "",
          r.get("rows_before").asLong() < 0 ? "" : "%,d".formatted(rows),
          has ? count(s.get("measured").get("acknowledged_rate").asDouble()) : "",
          has ? ms(s.get("measured").get("latency_ms").get("p50").asDouble()) : "",
          has ? ms(s.get("measured").get("latency_ms").get("p99").asDouble()) : "",
          idle(Optional.of(r)).orElse(""),
          ok(r) ? "OK" : "**FAILED**: " + String.join("; ", texts(r.get("problems"))).replace("|", "\\|")));
    }
    line();
    line("Raw summaries: `json/<run>.json` (the publish tool's `--json`), latency distributions of the"
        + " 50 % runs: `json/half-full-*.hgrm`, server and publisher output: `logs/`.");
  }

  /** The headline table of the top-level README, to paste between its bench markers. */
  private String readmeFigures() {
    StringBuilder t = new StringBuilder();
    t.append("| body | receiver /s | decode-only /s | bare /s | receiver / bare | p99 at 50 % | PostgreSQL alone: p99 |\n");
    t.append("|---|---|---|---|---|---|---|\n");
    for (String e : ENCODINGS) {
      Optional<JsonNode> full = run("max-full-" + e);
      Optional<Double> r = rate(full);
      Optional<Double> bare = rate(run("max-bare-" + e));
      String size = full.map(f -> f.get("summary")).filter(x -> x != null && !x.isNull())
          .map(x -> ", %,d B".formatted(x.get("payloads").get(0).get("bytes").asLong())).orElse("");
      t.append("| %s%s | %s | %s | %s | %s | %s | %s |\n".formatted(e.toUpperCase(Locale.ROOT), size,
          r.map(Report::count).orElse("FAILED"), rate(run("max-discard-" + e)).map(Report::count).orElse("FAILED"),
          bare.map(Report::count).orElse("FAILED"), ratio(r, bare).map(Report::toBare).orElse("—"),
          ok(run("half-full-" + e)).map(h -> ms(latency(h, "p99")) + " ms").orElse("FAILED"),
          floorP99(e).orElse("not run")));
    }
    String rss = memoryOf("full").map(m -> ", peak RSS " + mib(m.get("vmhwm_kb"))).orElse("");
    t.append("\n`%s` at commit `%s`, run %s: TLS, HTTP/1.1 keep-alive, %d"
        .formatted(meta.get("command").asText(), meta.get("commit").asText(), meta.get("stamp").asText(),
            meta.get("connections").asInt())
        + " connections, loopback; publisher, receiver (`%s`%s) and PostgreSQL on one %d-core machine.\n"
            .formatted(serverJava(), rss, meta.get("cores").asInt()));
    return t.toString();
  }

  // ---- plot data for bench/plots.gp

  private void plotData() throws IOException {
    Path plots = Files.createDirectories(dir.resolve("plots"));
    StringBuilder shaped = new StringBuilder("# mbit ours_json ours_xml ours_cbor ref_json ref_xml ref_cbor\n");
    for (int mbit : shapedBandwidths()) {
      shaped.append(mbit);
      for (String e : ENCODINGS) {
        shaped.append(' ').append(rate(run("shaped-" + mbit + "-" + e)).map(v -> "%.1f".formatted(v)).orElse("NaN"));
      }
      for (String e : ENCODINGS) {
        Double ref = reference.getOrDefault(e, Map.of()).get(mbit);
        shaped.append(' ').append(ref == null ? "NaN" : ref.toString());
      }
      shaped.append('\n');
    }
    Files.writeString(plots.resolve("shaped.dat"), shaped.toString());
    StringBuilder ceilings = new StringBuilder("# body receiver decode-only bare\n");
    for (String e : ENCODINGS) {
      ceilings.append(e.toUpperCase(Locale.ROOT));
      for (String server : List.of("full", "discard", "bare")) {
        ceilings.append(' ').append(rate(run("max-" + server + "-" + e)).map(v -> "%.1f".formatted(v)).orElse("NaN"));
      }
      ceilings.append('\n');
    }
    Files.writeString(plots.resolve("ceilings.dat"), ceilings.toString());
    for (String e : ENCODINGS) {
      Path hgrm = dir.resolve("json/half-full-" + e + ".hgrm");
      Path target = plots.resolve("latency-" + e + ".hgrm");
      if (ok(run("half-full-" + e)).isPresent() && Files.exists(hgrm)) {
        Files.copy(hgrm, target, StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.writeString(target, "");
      }
    }
  }

  // ---- helpers

  private List<Integer> shapedBandwidths() {
    return runs.keySet().stream().filter(id -> id.startsWith("shaped-")).map(id -> Integer.parseInt(id.split("-")[1]))
        .distinct().sorted().toList();
  }

  /** Share of CPU time idle over a run, and in brackets waiting for I/O, as text (runs.jsonl cpu_ticks). */
  private static Optional<String> idle(Optional<JsonNode> run) {
    return run.map(r -> r.get("cpu_ticks")).filter(t -> t != null && !t.isNull()).flatMap(t -> {
      double idle = t.get("idle").asDouble();
      double iowait = t.get("iowait").asDouble();
      double all = t.get("busy").asDouble() + idle + iowait;
      return all <= 0 ? Optional.empty()
          : Optional.of("%.0f %% (%.0f %%)".formatted(100 * (idle + iowait) / all, 100 * iowait / all));
    });
  }

  /** The storage floor's p99 beside the half-rate run of a body, as text. */
  private Optional<String> floorP99(String e) {
    return Optional.ofNullable(floors.get(e)).map(f -> ms(floorLatency(f, "p99")) + " ms");
  }

  /** A percentile of a floor.jsonl line, in ms: {@link #latency}'s counterpart for the floor. */
  private static double floorLatency(JsonNode floor, String percentile) {
    return floor.get("latency_ms").get(percentile).asDouble();
  }

  private Optional<JsonNode> run(String id) {
    return Optional.ofNullable(runs.get(id));
  }

  private Optional<JsonNode> memoryOf(String server) {
    for (JsonNode m : meta.get("memory")) {
      if (m.get("server").asText().equals(server)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  private static boolean ok(JsonNode run) {
    return run.get("status").asText().equals("OK");
  }

  private static Optional<JsonNode> ok(Optional<JsonNode> run) {
    return run.filter(Report::ok);
  }

  private static Optional<Double> rate(Optional<JsonNode> run) {
    return ok(run).map(r -> r.get("summary").get("measured").get("acknowledged_rate").asDouble());
  }

  private static double latency(JsonNode run, String percentile) {
    return run.get("summary").get("measured").get("latency_ms").get(percentile).asDouble();
  }

  /** The ratio to bare, rounded down: 0.2956 shown as 0.30 would read as meeting the 0.30 target. */
  private static String toBare(double v) {
    return "%.2f".formatted(Math.floor(v * 100) / 100);
  }

  private static Optional<Double> ratio(Optional<Double> a, Optional<Double> b) {
    return a.flatMap(x -> b.filter(y -> y > 0).map(y -> x / y));
  }

  private static String failed(Optional<JsonNode> run) {
    return run.map(r -> "**FAILED** (" + r.get("id").asText() + ")").orElse("not run");
  }

  private static String body(String encoding, Optional<JsonNode> run) {
    String name = encoding.toUpperCase(Locale.ROOT);
    return run.map(r -> r.get("summary"))
        .filter(s -> s != null && !s.isNull() && s.get("payloads").size() == 1)
        .map(s -> "%s (`%s`, %,d B)".formatted(name, s.get("payloads").get(0).get("name").asText(),
            s.get("payloads").get(0).get("bytes").asLong()))
        .orElse(name);
  }

  private static String mbit(JsonNode run) {
    return "%.1f Mbit/s".formatted(run.get("summary").get("measured").get("body_mbit_s").asDouble());
  }

  private static String options(String args) {
    // The URL, the trust and the files are the same everywhere or named by the run: leave them out.
    List<String> kept = new ArrayList<>();
    String[] words = args.split(" ");
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      if (w.equals("--") || w.equals("-u") || w.equals("--histogram")) {
        i += w.equals("--") ? 0 : 1;
      } else if (w.startsWith("/") || w.equals("--no-discovery")) {
        continue;
      } else {
        kept.add(w);
      }
    }
    return String.join(" ", kept);
  }

  private static String serverName(String server) {
    return switch (server) {
      case "full" -> "receiver";
      case "full-1" -> "receiver, 1 instance";
      case "discard" -> "decode-only";
      default -> server;
    };
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String met(boolean met) {
    return met ? "**met**" : "**not met**";
  }

  private static String count(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  private static String ms(double v) {
    return String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.1f", v);
  }

  private static String mib(JsonNode kb) {
    return String.format(Locale.ROOT, "%.0f MiB", kb.asLong() / 1024.0);
  }

  private static String minutes(long seconds) {
    return "%d min %02d s (%d s)".formatted(seconds / 60, seconds % 60, seconds);
  }

  private void line(String text) {
    md.append(text).append('\n');
  }

  private void line() {
    md.append('\n');
  }
}
