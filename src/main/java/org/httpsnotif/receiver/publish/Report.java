package org.httpsnotif.receiver.publish;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/** The summary of a run: one JSON document for scripts, one line for people. */
final class Report {

  private Report() {}

  static ObjectNode json(Load.Plan plan, Recorder r) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("ok", r.allAcknowledged());
    root.put("target", plan.target().toString());
    root.put("protocol", plan.http2() ? "h2" : "http/1.1");
    root.put("connections", plan.connections());
    root.put("streams", plan.streams());
    root.put("threads", plan.threads());
    root.put("rate_target", plan.rate());
    root.put("warmup_s", plan.warmupNanos() / 1e9);
    var payloads = root.putArray("payloads");
    for (Payload p : plan.payloads()) {
      payloads.addObject()
          .put("name", p.name())
          .put("encoding", p.encoding())
          .put("content_type", p.contentType())
          .put("bytes", p.size());
    }
    root.put("sent", r.sent);
    root.put("answered", r.answered);
    root.put("acknowledged", r.acknowledged);
    root.put("bytes_sent", r.bytesSent);
    ObjectNode statuses = root.putObject("statuses");
    r.statuses.forEach((status, n) -> statuses.put(Integer.toString(status), n));
    ObjectNode errors = root.putObject("errors");
    r.errors.forEach(errors::put);
    ObjectNode versions = root.putObject("versions");
    r.versions.forEach(versions::put);
    var failures = root.putArray("failures");
    r.failures.forEach(failures::add);
    ObjectNode m = root.putObject("measured");
    double seconds = r.windowNanos / 1e9;
    m.put("seconds", seconds);
    m.put("requests", r.measured);
    m.put("acknowledged", r.measuredOk);
    m.put("rate", seconds > 0 ? r.measured / seconds : 0);
    m.put("acknowledged_rate", seconds > 0 ? r.measuredOk / seconds : 0);
    m.put("body_mbit_s", seconds > 0 ? r.measuredBytes * 8 / seconds / 1e6 : 0);
    percentiles(m.putObject("latency_ms"), r.latency);
    percentiles(m.putObject("service_ms"), r.service);
    return root;
  }

  private static void percentiles(ObjectNode node, Histogram h) {
    node.put("count", h.getTotalCount());
    node.put("mean", h.getMean() / 1000);
    node.put("p50", h.getValueAtPercentile(50) / 1000.0);
    node.put("p90", h.getValueAtPercentile(90) / 1000.0);
    node.put("p99", h.getValueAtPercentile(99) / 1000.0);
    node.put("p99_9", h.getValueAtPercentile(99.9) / 1000.0);
    node.put("max", h.getMaxValue() / 1000.0);
  }

  /** One line: what was sent, how fast, how it was answered, how long it took. */
  static String line(Load.Plan plan, Recorder r) {
    double seconds = r.windowNanos / 1e9;
    String what =
        plan.payloads().size() == 1
            ? plan.payloads().get(0).name() + " (" + plan.payloads().get(0).size() + " B)"
            : plan.payloads().size() + " payloads";
    String statuses =
        r.statuses.entrySet().stream()
            .map(e -> e.getKey() + " x " + e.getValue())
            .collect(Collectors.joining(", "));
    String errors =
        r.errors.isEmpty()
            ? ""
            : "; errors: "
                + r.errors.entrySet().stream()
                    .map(e -> e.getKey() + " x " + e.getValue())
                    .collect(Collectors.joining(", "));
    Histogram h = r.latency;
    return String.format(
        Locale.ROOT,
        "%s: %s over %d %s connection%s: %,d requests in %.1f s = %,.0f/s; answers %s%s;"
            + " latency ms p50 %.2f p99 %.2f max %.2f; %,d acknowledged in all%s",
        r.allAcknowledged() ? "OK" : "FAILED",
        what,
        plan.connections(),
        plan.http2() ? "h2" : "HTTP/1.1",
        plan.connections() == 1 ? "" : "s",
        r.measured,
        seconds,
        seconds > 0 ? r.measured / seconds : 0,
        statuses.isEmpty() ? "none" : statuses,
        errors,
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getMaxValue() / 1000.0,
        r.acknowledged,
        r.versions.keySet().equals(java.util.Set.of(plan.http2() ? "h2" : "http/1.1"))
                || r.versions.isEmpty()
            ? ""
            : " (answered over " + String.join(", ", List.copyOf(r.versions.keySet())) + ")");
  }
}
