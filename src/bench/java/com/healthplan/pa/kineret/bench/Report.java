package com.healthplan.pa.kineret.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** Renders {@code results.json} of {@link BenchMain} as a Markdown table. */
final class Report {

    private Report() {
    }

    /**
     * @param r the results tree of one run
     * @return Markdown: machine line, then one table of workload | figure | value
     */
    static String markdown(JsonNode r) {
        StringBuilder b = new StringBuilder();
        JsonNode m = r.path("machine");
        JsonNode s = r.path("settings");
        b.append(String.format(Locale.ROOT, "Machine: %d cores, %.1f GiB memory, %s, Java %s. Database: %s.%n",
                m.path("cores").asInt(), m.path("memoryBytes").asDouble() / (1L << 30), m.path("os").asText(),
                m.path("java").asText(), s.path("database").asText()));
        b.append(String.format(Locale.ROOT, "Load average (1, 5, 15 min) at start: %s, at end: %s.%n",
                m.path("loadAverageAtStart").asText(), m.path("loadAverageAtEnd").asText()));
        b.append(String.format(Locale.ROOT, "Sizes: %d requests, %d clients, %d authorizations to expire; app properties %s%n%n",
                s.path("requests").asInt(), s.path("clients").asInt(), s.path("expiry").asInt(), s.path("appProperties")));
        b.append("| workload | figure | value |\n|---|---|---|\n");
        JsonNode f = r.path("floor");
        row(b, "floor (JDBC, 1 INSERT per transaction)", "transactions/s", f.path("transactionsPerSecond"));
        JsonNode dc = r.path("decisionChain");
        dc.fieldNames().forEachRemaining(h -> {
            row(b, "decision chain (JMH, history " + h + ")", "µs per request", dc.path(h).path("microsPerRequest"));
            row(b, "decision chain (JMH, history " + h + ")", "requests/s (1 thread)", dc.path(h).path("requestsPerSecond"));
        });
        JsonNode base = r.path("baseline");
        row(b, "baseline (start, asyncAfter, end)", "accepted/s", base.path("acceptedPerSecond"));
        row(b, "baseline", "POST p50 / p95 / p99 ms", triple(base, "postP50Ms", "postP95Ms", "postP99Ms"));
        row(b, "baseline", "instances completed/s", base.path("completedPerSecond"));
        row(b, "baseline", "CPU ms per instance: app / PostgreSQL", cpu(base));
        row(b, "baseline", "RSS after, MiB", mib(base.path("rssAfterBytes")));
        JsonNode in = r.path("intake");
        row(b, "intake", "accepted/s (failed)", in.path("acceptedPerSecond").asText() + " (" + in.path("failed").asText() + ")");
        row(b, "intake", "POST p50 / p95 / p99 ms", triple(in, "postP50Ms", "postP95Ms", "postP99Ms"));
        row(b, "intake", "POST to determination p50 / p95 / p99 ms",
                triple(in, "determinationLatencyP50Ms", "determinationLatencyP95Ms", "determinationLatencyP99Ms"));
        row(b, "intake", "determinations completed/s", in.path("determinationsPerSecond"));
        row(b, "intake", "CPU ms per request: app / PostgreSQL", cpu(in));
        row(b, "intake", "**determinations/s ÷ baseline completed/s**", in.path("ratioToBaseline"));
        row(b, "intake", "accepted/s ÷ floor (%)", in.path("shareOfFloorPercent"));
        JsonNode db = in.path("databasePerRequest");
        row(b, "intake", "per request: statements / transactions / rows inserted / updated / deleted",
                db.path("statements").asText("n/a") + " / " + db.path("xact_commit").asText() + " / "
                        + db.path("tup_inserted").asText() + " / " + db.path("tup_updated").asText() + " / "
                        + db.path("tup_deleted").asText());
        row(b, "intake", "harness polling, database seconds", in.path("harnessStatementSeconds"));
        row(b, "intake", "database size per 10,000 decided requests, MiB", mib(in.path("databaseBytesPer10000")));
        row(b, "intake", "RSS after, MiB", mib(in.path("rssAfterBytes")));
        JsonNode ol = r.path("openLoop");
        String open = "open-loop intake (" + ol.path("share").asText() + " × intake determinations/s, "
                + ol.path("seconds").asText() + " s)";
        row(b, open, "offered / accepted (achieved) per s (sent, failed)", ol.path("offeredPerSecond").asText() + " / "
                + ol.path("acceptedPerSecond").asText("n/a") + " (" + ol.path("sent").asText("0") + ", "
                + ol.path("failed").asText("0") + ")");
        row(b, "open-loop intake", "POST p50 / p95 / p99 ms (from scheduled send)",
                triple(ol, "postP50Ms", "postP95Ms", "postP99Ms"));
        row(b, "open-loop intake", "POST to determination p50 / p95 / p99 ms (from scheduled send)",
                triple(ol, "determinationLatencyP50Ms", "determinationLatencyP95Ms", "determinationLatencyP99Ms"));
        row(b, "open-loop intake", "determinations completed/s", ol.path("determinationsPerSecond"));
        row(b, "open-loop intake", "pacing lateness max ms (actual − scheduled send)", ol.path("pacingLatenessMaxMs"));
        row(b, "open-loop intake", "RSS after, MiB", mib(ol.path("rssAfterBytes")));
        JsonNode ex = r.path("massExpiry");
        row(b, "mass expiry", "authorizations (of which copies started at the expiry timer)",
                ex.path("authorizations").asText() + " (" + ex.path("copiedAuthorizations").asText() + ")");
        row(b, "mass expiry", "renewal-window wave (intake's approvals): jobs / s / jobs/s",
                ex.path("renewalWaveJobs").asText() + " / " + ex.path("renewalWaveSeconds").asText() + " / "
                        + ex.path("renewalWaveJobsPerSecond").asText());
        row(b, "mass expiry", "**seconds until all EXPIRED**", ex.path("secondsUntilAllExpired"));
        row(b, "mass expiry", "expiry jobs/s", ex.path("jobsPerSecond"));
        row(b, "mass expiry", "CPU ms per expiry: app / PostgreSQL", cpu(ex));
        row(b, "mass expiry", "statements per expiry", ex.path("statementsPerExpiry"));
        row(b, "mass expiry", "harness polling, database seconds", ex.path("harnessStatementSeconds"));
        row(b, "mass expiry", "RSS after, MiB", mib(ex.path("rssAfterBytes")));
        row(b, "app", "RSS max (sampled every 250 ms), MiB", mib(r.path("app").path("rssMaxBytes")));
        JsonNode acq = r.path("jobAcquisition");
        String acquisition = "job acquisition query (" + acq.path("jobsBefore").asText("n/a") + " + "
                + acq.path("waitingAdded").asText("n/a") + " waiting jobs)";
        row(b, acquisition, "ms per acquisition, no job due: with / without indexes (ratio)", indexes(acq.path("idle")));
        row(b, acquisition, "ms per acquisition, " + acq.path("dueAdded").asText("n/a") + " jobs due: with / without "
                + "indexes (ratio)", indexes(acq.path("withDue")));
        b.append("\n| target | value | met |\n|---|---|---|\n");
        r.path("targets").fields().forEachRemaining(e -> b.append("| ").append(e.getKey()).append(" | ")
                .append(targetValue(e.getValue()))
                .append(" | ").append(e.getValue().path("met").asBoolean() ? "yes" : "**no**").append(" |\n"));
        return b.toString();
    }

    /** @return a target's value with its unit (MiB, ms, s, none for a ratio or a count); n/a when missing */
    private static String targetValue(JsonNode t) {
        if (t.has("valueBytes")) {
            return mib(t.path("valueBytes")) + " MiB";
        }
        JsonNode v = t.path("value");
        if (v.isMissingNode() || v.isNull()) {
            return "n/a";
        }
        String unit = t.path("unit").asText("");
        return unit.isEmpty() ? v.asText() : v.asText() + " " + unit;
    }

    private static String indexes(JsonNode n) {
        return n.path("msWithIndexes").asText("n/a") + " / " + n.path("msWithoutIndexes").asText("n/a") + " ("
                + n.path("ratio").asText("n/a") + ")";
    }

    private static String cpu(JsonNode n) {
        JsonNode c = n.path("cpuMsPerUnit");
        return c.isMissingNode() ? "n/a" : c.path("app").asText() + " / " + c.path("postgres").asText();
    }

    private static String triple(JsonNode n, String a, String b, String c) {
        return n.path(a).asText("n/a") + " / " + n.path(b).asText("n/a") + " / " + n.path(c).asText("n/a");
    }

    private static String mib(JsonNode bytes) {
        return bytes.isMissingNode() ? "n/a" : String.format(Locale.ROOT, "%.0f", bytes.asDouble() / (1 << 20));
    }

    private static void row(StringBuilder b, String workload, String figure, Object value) {
        String v = value instanceof JsonNode j ? (j.isMissingNode() ? "n/a" : j.asText()) : String.valueOf(value);
        b.append("| ").append(workload).append(" | ").append(figure).append(" | ").append(v).append(" |\n");
    }
}
