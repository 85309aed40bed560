package com.healthplan.pa.kineret.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.AppProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The benchmark of {@code bench/run.sh}: starts PostgreSQL (embedded, or {@code -Dbench.db.url}), measures the
 * database's floor and the decision chain (JMH), starts the packaged application on it with the Spring profiles
 * {@code postgres,bench} ({@link AppProcess}), and runs, through the same HTTP clients:
 * <ol>
 *   <li>the baseline: {@code bench.requests} instances of the bench-only process {@code bench-baseline};</li>
 *   <li>intake: {@code bench.requests} requests made from the acceptance cases with fresh requestIds;</li>
 *   <li>open-loop intake: requests made in the same way, offered at a fixed rate ({@code bench.openloop.share} ×
 *   the intake's determinations/s) for {@code bench.openloop.seconds}, latencies counted from each request's
 *   scheduled send time;</li>
 *   <li>mass expiry: {@code bench.expiry} approved authorizations (the intake's automatic approvals, and copies of
 *   one of them whose instances are started through {@code /engine-rest} at the timer
 *   {@code Timer_AuthorizationEnds}) whose timers are made due together by moving their due date in
 *   {@code act_ru_job}: first the renewal-window timers, then the expiry timers.</li>
 * </ol>
 * Writes {@code target/bench/results.json} and prints a Markdown table.
 *
 * <p>System properties (defaults): {@code bench.requests} (5000), {@code bench.clients} (16), {@code bench.expiry}
 * (10000), {@code bench.warmup} (200), {@code bench.floor.seconds} (10), {@code bench.jmh} (true),
 * {@code bench.openloop.share} (0.5), {@code bench.openloop.seconds} (60),
 * {@code bench.db.url}/{@code bench.db.user}/{@code bench.db.password} (none: embedded PostgreSQL 15),
 * {@code bench.app.jvm} (none: extra JVM options of the application, space-separated, after {@code -Xmx768m}),
 * and {@code bench.app.NAME=VALUE} for any other Spring property of the application (e.g. a tuning to compare).
 */
public final class BenchMain {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Threads that send the open loop's requests: enough that no send waits for a free one at these rates. */
    private static final int OPEN_LOOP_THREADS = 64;
    private static final String APP_JVM = "bench.app.jvm";
    private static final String JOBS_OF_ACTIVITY = "job_def_id_ IN (SELECT id_ FROM act_ru_jobdef WHERE act_id_ = ?) "
            + "AND process_instance_id_ IN (SELECT process_instance_id FROM bench.expiry_set)";

    /** Interval of the harness's polls of the database while it waits for a workload to finish. */
    static final long POLL_MILLIS = 250;

    private final int requests = Integer.getInteger("bench.requests", 5000);
    private final int clients = Integer.getInteger("bench.clients", 16);
    private final int expiry = Integer.getInteger("bench.expiry", 10000);
    private final int warmup = Integer.getInteger("bench.warmup", 200);
    private final double openLoopShare = Double.parseDouble(System.getProperty("bench.openloop.share", "0.5"));
    private final double openLoopSeconds = Double.parseDouble(System.getProperty("bench.openloop.seconds", "60"));
    private final List<String> appJvmOptions = appJvmOptions();
    private final int acquisitionWaiting = Integer.getInteger("bench.acquisition.waiting", 100_000);
    private final int acquisitionDue = Integer.getInteger("bench.acquisition.due", 1_000);
    private final double floorSeconds = Double.parseDouble(System.getProperty("bench.floor.seconds", "10"));
    private final String runId = Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);
    private final Path out = Path.of("target", "bench");
    private final ObjectNode results = JSON.createObjectNode();
    private final List<AcceptanceCases.Case> cases = AcceptanceCases.all();
    private final AtomicLong maxRss = new AtomicLong();

    private long appPid;
    private String jdbcUrl;
    private String dbUser;
    private String dbPassword;

    private BenchMain() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args none
     * @throws Exception when a step fails (the run stops; nothing is retried)
     */
    public static void main(String[] args) throws Exception {
        new BenchMain().run();
        System.exit(0);
    }

    private void run() throws Exception {
        Files.createDirectories(out);
        ObjectNode machine = results.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memoryBytes", memTotalBytes());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.version"));
        machine.put("loadAverageAtStart", loadAverage());
        ObjectNode settings = results.putObject("settings");
        settings.put("requests", requests).put("clients", clients).put("expiry", expiry).put("warmup", warmup)
                .put("openLoopShare", openLoopShare).put("openLoopSeconds", openLoopSeconds).put("runId", runId);
        settings.set("appJvmOptions", JSON.valueToTree(appJvmOptions));

        EmbeddedPostgres embedded = null;
        if (System.getProperty("bench.db.url", "").isBlank()) {
            log("starting embedded PostgreSQL 15 (pg_stat_statements preloaded)");
            embedded = EmbeddedPostgres.builder().setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("max_connections", "200").start();
            try (Connection c = embedded.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE kineret_bench");
            }
            jdbcUrl = embedded.getJdbcUrl("postgres", "kineret_bench");
            dbUser = "postgres";
            dbPassword = "postgres";
            settings.put("database", "embedded PostgreSQL 15 (io.zonky.test), fresh database");
        } else {
            jdbcUrl = System.getProperty("bench.db.url");
            dbUser = System.getProperty("bench.db.user", "kineret");
            dbPassword = System.getProperty("bench.db.password", "kineret");
            settings.put("database", jdbcUrl);
        }
        try (Db db = new Db(jdbcUrl, dbUser, dbPassword)) {
            settings.put("postgres", (String) db.rows("SELECT version() AS v").get(0).get("v"));
            floor();
            if (Boolean.parseBoolean(System.getProperty("bench.jmh", "true"))) {
                decisionChain();
            }
            Map<String, String> appProperties = appProperties();
            settings.set("appProperties", JSON.valueToTree(appProperties));
            log("starting the application (profiles postgres,bench), JVM options " + appJvmOptions);
            try (AppProcess app = AppProcess.start("bench", jdbcUrl, dbUser, dbPassword, appProperties, appJvmOptions)) {
                appPid = app.pid();
                Thread sampler = rssSampler(app);
                results.putObject("app").put("pid", app.pid()).put("rssAfterStartBytes", app.residentMemoryBytes());
                warmUp(app.api(), db);
                baseline(app.api());
                results.with("baseline").put("rssAfterBytes", app.residentMemoryBytes());
                intake(app.api(), db);
                results.with("intake").put("rssAfterBytes", app.residentMemoryBytes());
                openLoop(app.api(), db);
                results.with("openLoop").put("rssAfterBytes", app.residentMemoryBytes());
                massExpiry(app.api(), db);
                results.with("massExpiry").put("rssAfterBytes", app.residentMemoryBytes());
                sampler.interrupt();
                results.with("app").put("rssMaxBytes", maxRss.get());
            }
            log("job acquisition query: " + acquisitionWaiting + " waiting timers added, with and without the job "
                    + "acquisition indexes (app stopped)");
            AcquisitionQuery.measure(jdbcUrl, dbUser, dbPassword, acquisitionWaiting, acquisitionDue,
                    results.putObject("jobAcquisition"));
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
        results.with("machine").put("loadAverageAtEnd", loadAverage());
        targets();
        Files.writeString(out.resolve("results.json"), JSON.writeValueAsString(results));
        System.out.println();
        System.out.println(Report.markdown(results));
        log("results: " + out.resolve("results.json").toAbsolutePath());
    }

    /**
     * Spring properties for the application: the bench profile, and every {@code bench.app.*} system property but
     * {@code bench.app.jvm} (JVM options, {@link #appJvmOptions()}).
     */
    private Map<String, String> appProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.profiles.active", "postgres,bench");
        System.getProperties().stringPropertyNames().stream()
                .filter(n -> n.startsWith("bench.app.") && !n.equals(APP_JVM)).sorted()
                .forEach(n -> p.put(n.substring("bench.app.".length()), System.getProperty(n)));
        return p;
    }

    /**
     * JVM options of the application: {@code -Xmx768m}, then {@code bench.app.jvm} split at spaces. The app runs in
     * {@code target/nodes/bench-work}, so {@code target/} at the start of an option or of a value (after {@code =},
     * {@code ,} or {@code :}) is made absolute, the repository's {@code target/}; other relative paths resolve in
     * the app's working directory.
     */
    private static List<String> appJvmOptions() {
        List<String> options = new ArrayList<>(List.of("-Xmx768m"));
        String target = Path.of("target").toAbsolutePath() + "/";
        for (String o : System.getProperty(APP_JVM, "").trim().split("\\s+")) {
            if (!o.isEmpty()) {
                options.add(o.replaceAll("(^|[=,:])target/", "$1" + java.util.regex.Matcher.quoteReplacement(target)));
            }
        }
        return options;
    }

    private void floor() throws SQLException {
        log("floor: one INSERT per transaction, " + clients + " connections, " + floorSeconds + " s");
        Floor.Result f = Floor.measure(jdbcUrl, dbUser, dbPassword, clients, floorSeconds);
        results.putObject("floor").put("transactionsPerSecond", round(f.transactionsPerSecond()))
                .put("transactions", f.transactions()).put("seconds", round(f.seconds()));
    }

    private void decisionChain() throws Exception {
        log("decision chain (JMH, 1 fork, 2 x 2 s warm-up, 4 x 2 s measurement, history audit and full, FEEL camunda and cached)");
        var options = new OptionsBuilder().include(DecisionChainBenchmark.class.getName())
                .forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(2))
                .measurementIterations(4).measurementTime(TimeValue.seconds(2))
                .jvmArgsAppend("-Dpa.shared.dir=" + System.getProperty("pa.shared.dir", "../shared"),
                        "-Dpa.dmn.dir=" + Path.of("dmn").toAbsolutePath())
                .result(out.resolve("jmh.json").toString())
                .resultFormat(org.openjdk.jmh.results.format.ResultFormatType.JSON)
                .build();
        ObjectNode chain = results.putObject("decisionChain");
        for (RunResult r : new Runner(options).run()) {
            String key = r.getParams().getParam("history") + ", FEEL " + r.getParams().getParam("feel");
            double micros = r.getPrimaryResult().getScore();
            chain.putObject(key).put("microsPerRequest", round(micros))
                    .put("errorMicros", round(r.getPrimaryResult().getScoreError()))
                    .put("requestsPerSecond", round(1e6 / micros));
        }
    }

    private void warmUp(ApiClient api, Db db) throws Exception {
        log("warm-up: " + warmup + " baseline instances and " + warmup + " intake requests (not counted)");
        Clients.run(warmup, clients, i -> startBaseline(api));
        awaitBaselineDone(api, Duration.ofMinutes(2));
        String prefix = "BENCH-" + runId + "-W-";
        Clients.run(warmup, clients, i -> api.submit(requestJson(cases.get(i % cases.size()), prefix + i)).status());
        awaitDetermined(db, prefix, warmup, Duration.ofMinutes(2));
    }

    private void baseline(ApiClient api) throws Exception {
        log("baseline: " + requests + " instances of bench-baseline, " + clients + " clients");
        CpuTime.Sample cpu = CpuTime.now(appPid);
        Clients.Run run = Clients.run(requests, clients, i -> startBaseline(api));
        Instant done = awaitBaselineDone(api, Duration.ofMinutes(5));
        ObjectNode b = results.putObject("baseline");
        cpuPerUnit(b, cpu, run.count(201));
        postFigures(b, run);
        double seconds = (done.toEpochMilli() - run.started().toEpochMilli()) / 1000.0;
        b.put("completedPerSecond", round(run.count(201) / seconds)).put("secondsToLastCompletion", round(seconds));
    }

    private void intake(ApiClient api, Db db) throws Exception {
        String prefix = "BENCH-" + runId + "-I-";
        log("intake: " + requests + " requests from " + cases.size() + " acceptance cases, " + clients + " clients");
        long sizeBefore = db.size();
        Map<String, Long> before = db.activity();
        boolean statements = db.resetStatements();
        CpuTime.Sample cpu = CpuTime.now(appPid);
        Clients.Run run = Clients.run(requests, clients,
                i -> api.submit(requestJson(cases.get(i % cases.size()), prefix + i)).status());
        Instant done = awaitDetermined(db, prefix, run.count(201), Duration.ofMinutes(8));
        Thread.sleep(700); // the statistics collector reports with up to 500 ms delay
        Map<String, Long> after = db.activity();
        long sizeAfter = db.size();
        ObjectNode in = results.putObject("intake");
        cpuPerUnit(in, cpu, run.count(201));
        postFigures(in, run);
        determinationFigures(in, db, prefix, run, done);
        long accepted = run.count(201);
        in.set("routes", JSON.valueToTree(db.rows("SELECT status, count(*) AS n FROM pa_request WHERE request_id LIKE ? "
                + "GROUP BY status ORDER BY status", prefix + "%")));
        // database cost per request
        ObjectNode perRequest = in.putObject("databasePerRequest");
        for (String k : List.of("xact_commit", "tup_inserted", "tup_updated", "tup_deleted")) {
            perRequest.put(k, round((after.get(k) - before.get(k)) / (double) accepted));
        }
        if (statements) {
            perRequest.put("statements", round(db.statementCalls() / (double) accepted));
            in.put("harnessStatementSeconds", round(db.harnessMillis() / 1000));
            in.set("topStatements", JSON.valueToTree(db.statements(40)));
        }
        in.put("databaseBytesPer10000", Math.round((sizeAfter - sizeBefore) * 10000.0 / accepted));
    }

    /**
     * Open-loop intake: {@code bench.openloop.share} × the closed-loop intake's determinations/s, offered for
     * {@code bench.openloop.seconds}; request i is scheduled at start + i ÷ rate and its latencies count from then.
     */
    private void openLoop(ApiClient api, Db db) throws Exception {
        String prefix = "BENCH-" + runId + "-O-";
        double rate = openLoopShare * results.path("intake").path("determinationsPerSecond").asDouble();
        int n = (int) Math.round(rate * openLoopSeconds);
        ObjectNode o = results.putObject("openLoop");
        o.put("share", openLoopShare).put("seconds", openLoopSeconds).put("offeredPerSecond", round(rate))
                .put("threads", OPEN_LOOP_THREADS);
        if (n < 1) {
            log("open loop: skipped, offered rate " + rate + "/s gives no request in " + openLoopSeconds + " s");
            return;
        }
        log(String.format(Locale.ROOT, "open loop: %d requests at %.2f/s (%.2f × intake determinations/s) for %.0f s, "
                + "pool of %d threads", n, rate, openLoopShare, openLoopSeconds, OPEN_LOOP_THREADS));
        Clients.Run run = Clients.openLoop(n, rate, OPEN_LOOP_THREADS,
                i -> api.submit(requestJson(cases.get(i % cases.size()), prefix + i)).status());
        Instant done = awaitDetermined(db, prefix, run.count(201), Duration.ofMinutes(8));
        postFigures(o, run);
        determinationFigures(o, db, prefix, run, done);
        o.put("pacingLatenessMaxMs", round(run.maxLatenessMillis()));
    }

    /**
     * Determinations/s (accepted ÷ time from the run's first (scheduled) send until {@code done}, when the last
     * accepted case had left RECEIVED), and POST to determination: from each request's {@code sentAt} to the
     * case's latest system determination (route, automatic approval) in {@code pa_determination.decided_at}.
     */
    private static void determinationFigures(ObjectNode node, Db db, String prefix, Clients.Run run, Instant done)
            throws SQLException {
        double seconds = (done.toEpochMilli() - run.started().toEpochMilli()) / 1000.0;
        node.put("determinationsPerSecond", round(run.count(201) / seconds)).put("secondsToLastDetermination", round(seconds));
        Map<String, Instant> sent = new HashMap<>();
        run.samples().forEach(s -> sent.put(prefix + s.index(), s.sentAt()));
        List<Double> toDetermination = new ArrayList<>();
        for (Map<String, Object> row : db.rows("SELECT r.request_id AS rid, max(d.decided_at) AS at FROM pa_request r "
                + "JOIN pa_determination d ON d.pa_request_id = r.id WHERE r.request_id LIKE ? AND d.kind = 'SYSTEM' "
                + "GROUP BY r.request_id", prefix + "%")) {
            Instant at = row.get("at") instanceof Timestamp t ? t.toInstant()
                    : ((java.time.OffsetDateTime) row.get("at")).toInstant();
            Instant s = sent.get((String) row.get("rid"));
            if (s != null) {
                toDetermination.add(Duration.between(s, at).toNanos() / 1e6);
            }
        }
        double[] d = toDetermination.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        node.put("determinationLatencyP50Ms", round(Clients.percentile(d, 50)))
                .put("determinationLatencyP95Ms", round(Clients.percentile(d, 95)))
                .put("determinationLatencyP99Ms", round(Clients.percentile(d, 99)));
    }

    private void massExpiry(ApiClient api, Db db) throws Exception {
        ObjectNode m = results.putObject("massExpiry");
        String intakePrefix = "BENCH-" + runId + "-I-";
        long approved = db.count("SELECT count(*) FROM pa_request WHERE request_id LIKE ? AND status = 'APPROVED'",
                intakePrefix + "%");
        int topUp = (int) Math.max(0, expiry - approved);
        String prefix = "BENCH-" + runId + "-E-";
        log("mass expiry: " + approved + " approvals from intake; " + topUp + " more as copies of an approved case, "
                + "started through /engine-rest at the timer Timer_AuthorizationEnds");
        Instant c0 = Instant.now();
        int started = topUp == 0 ? 0 : copyApprovedCases(api, db, intakePrefix, prefix, topUp);
        m.put("copiedAuthorizations", started)
                .put("copiesStartedPerSecond", round(started / (Duration.between(c0, Instant.now()).toMillis() / 1000.0)));

        db.update("DROP TABLE IF EXISTS bench.expiry_set");
        db.update("CREATE TABLE bench.expiry_set AS SELECT process_instance_id FROM pa_request "
                + "WHERE (request_id LIKE ? OR request_id LIKE ?) AND status = 'APPROVED' AND process_instance_id IS NOT NULL "
                + "ORDER BY request_id LIMIT ?",
                intakePrefix + "%", prefix + "%", expiry);
        db.update("ALTER TABLE bench.expiry_set ADD PRIMARY KEY (process_instance_id)");
        db.update("ANALYZE bench.expiry_set");
        long set = db.count("SELECT count(*) FROM bench.expiry_set");
        m.put("authorizations", set);

        Instant r0 = Instant.now();
        int renewals = db.update("UPDATE act_ru_job SET duedate_ = now() WHERE " + JOBS_OF_ACTIVITY, "Timer_RenewalWindowOpens");
        log("renewal window: moved " + renewals + " renewal timers to now");
        Instant r1 = awaitCount(db, "SELECT count(*) FROM act_ru_job WHERE " + JOBS_OF_ACTIVITY, set,
                Duration.ofMinutes(5), "Timer_AuthorizationEnds");
        double renewalSeconds = Duration.between(r0, r1).toMillis() / 1000.0;
        m.put("renewalWaveJobs", renewals).put("renewalWaveSeconds", round(renewalSeconds))
                .put("renewalWaveJobsPerSecond", round(renewals / renewalSeconds));

        log("expiry: moving " + set + " expiry timers to now");
        boolean statements = db.resetStatements();
        CpuTime.Sample cpu = CpuTime.now(appPid);
        Instant e0 = Instant.now();
        db.update("UPDATE act_ru_job SET duedate_ = now() WHERE " + JOBS_OF_ACTIVITY, "Timer_AuthorizationEnds");
        Instant e1 = awaitCount(db, "SELECT count(*) FROM pa_request WHERE status = 'EXPIRED' AND process_instance_id "
                + "IN (SELECT process_instance_id FROM bench.expiry_set)", set, Duration.ofMinutes(5));
        double expirySeconds = Duration.between(e0, e1).toMillis() / 1000.0;
        m.put("secondsUntilAllExpired", round(expirySeconds)).put("jobsPerSecond", round(set / expirySeconds));
        cpuPerUnit(m, cpu, set);
        if (statements) {
            m.put("statementsPerExpiry", round(db.statementCalls() / (double) set));
            m.put("harnessStatementSeconds", round(db.harnessMillis() / 1000));
            m.set("topStatements", JSON.valueToTree(db.statements(30)));
        }
    }

    /**
     * Makes {@code n} more approved cases waiting at their expiry timer, as copies of one approved case of the
     * intake: its {@code pa_request} and {@code pa_authorization} rows are copied in SQL (fresh ids and requestIds),
     * and for each copy an instance of the process is started through {@code /engine-rest} (as {@code admin})
     * directly before {@code Timer_AuthorizationEnds}, with the variables that the rest of the process reads.
     *
     * @return instances started
     */
    private int copyApprovedCases(ApiClient api, Db db, String intakePrefix, String prefix, int n) throws Exception {
        Map<String, Object> template = db.rows("SELECT r.id AS case_id, a.id AS auth_id, a.valid_to AS valid_to "
                + "FROM pa_request r JOIN pa_authorization a ON a.pa_request_id = r.id WHERE r.request_id LIKE ? "
                + "AND r.status = 'APPROVED' AND a.status = 'ACTIVE' ORDER BY r.request_id LIMIT 1", intakePrefix + "%").get(0);
        db.update("INSERT INTO pa_request (" + columns(db, "pa_request") + ") SELECT "
                + columns(db, "pa_request").replace("request_id", "?::text || g").replaceFirst("\\bid\\b", "gen_random_uuid()::text")
                        .replace("process_instance_id", "NULL")
                + " FROM pa_request, generate_series(0, ? - 1) g WHERE id = ?", prefix, n, template.get("case_id"));
        String authColumns = columns(db, "pa_authorization");
        db.update("INSERT INTO pa_authorization (" + authColumns + ") SELECT "
                + authColumns.replaceFirst("\\bid\\b", "gen_random_uuid()::text").replace("pa_request_id", "r.id")
                        .replaceAll("(?<![.\\w])(member_id|indication|request_type|valid_from|valid_to|duration_months|"
                                + "quantity_limit|max_dose_per_day_mg|created_at|status|previous_authorization_id|"
                                + "superseded_by|renewal_due_on)(?![\\w])", "a.$1")
                + " FROM pa_authorization a, pa_request r WHERE a.id = ? AND r.request_id LIKE ?",
                template.get("auth_id"), prefix + "%");
        List<Map<String, Object>> copies = db.rows("SELECT r.id AS case_id, r.request_id AS rid, a.id AS auth_id "
                + "FROM pa_request r JOIN pa_authorization a ON a.pa_request_id = r.id WHERE r.request_id LIKE ? "
                + "ORDER BY r.request_id", prefix + "%");
        String expiresAt = java.time.LocalDate.parse(template.get("valid_to").toString())
                .atStartOfDay(java.time.ZoneId.of("America/New_York"))
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ"));
        String[] instanceIds = new String[copies.size()];
        Clients.Run run = Clients.run(copies.size(), clients, i -> {
            Map<String, Object> c = copies.get(i);
            ObjectNode body = JSON.createObjectNode();
            body.put("businessKey", (String) c.get("rid"));
            ObjectNode vars = body.putObject("variables");
            vars.putObject("caseId").put("value", (String) c.get("case_id")).put("type", "String");
            vars.putObject("requestId").put("value", (String) c.get("rid")).put("type", "String");
            vars.putObject("authorizationId").put("value", (String) c.get("auth_id")).put("type", "String");
            vars.putObject("expiresAt").put("value", expiresAt).put("type", "Date");
            body.putArray("startInstructions").addObject().put("type", "startBeforeActivity")
                    .put("activityId", "Timer_AuthorizationEnds");
            ApiClient.Response r = api.send("POST", "/engine-rest/process-definition/key/kineret-prior-authorization/start",
                    "admin", "admin", "application/json", HttpRequest.BodyPublishers.ofString(body.toString()));
            if (r.status() == 200) {
                instanceIds[i] = r.json().path("id").asText();
            }
            return r.status();
        });
        for (int i = 0; i < copies.size(); i++) {
            if (instanceIds[i] != null) {
                db.update("UPDATE pa_request SET process_instance_id = ? WHERE id = ?", instanceIds[i], copies.get(i).get("case_id"));
            }
        }
        return (int) run.count(200);
    }

    /** @return the table's column names, comma-separated, in table order */
    private static String columns(Db db, String table) throws SQLException {
        return String.join(", ", db.rows("SELECT column_name AS c FROM information_schema.columns WHERE table_name = ? "
                + "AND table_schema = current_schema() ORDER BY ordinal_position", table).stream()
                .map(r -> (String) r.get("c")).toList());
    }

    /**
     * Records the CPU milliseconds per request (or instance, or expiry) of the application and of PostgreSQL since
     * {@code before}, and the share of the machine's cores they used: the cost that bounds a CPU-bound workload.
     */
    private void cpuPerUnit(ObjectNode node, CpuTime.Sample before, long units) {
        CpuTime.Sample used = CpuTime.now(appPid).since(before);
        node.putObject("cpuMsPerUnit").put("app", round(1000 * used.appSeconds() / units))
                .put("postgres", round(1000 * used.postgresSeconds() / units));
    }

    private static void postFigures(ObjectNode node, Clients.Run run) {
        double[] lat = run.latenciesMillis();
        node.put("sent", run.samples().size()).put("accepted", run.count(201))
                .put("failed", run.samples().size() - run.count(201))
                .put("acceptedPerSecond", round(run.count(201) / run.seconds()))
                .put("postP50Ms", round(Clients.percentile(lat, 50)))
                .put("postP95Ms", round(Clients.percentile(lat, 95)))
                .put("postP99Ms", round(Clients.percentile(lat, 99)));
    }

    private void targets() {
        ObjectNode t = results.putObject("targets");
        JsonNode in = results.path("intake");
        double ratio = in.path("determinationsPerSecond").asDouble() / results.path("baseline").path("completedPerSecond").asDouble();
        results.with("intake").put("ratioToBaseline", round(ratio));
        results.with("intake").put("shareOfFloorPercent", round(100 * in.path("acceptedPerSecond").asDouble()
                / results.path("floor").path("transactionsPerSecond").asDouble()));
        target(t, "determinationsAtLeast0.6xBaseline", round(ratio), "", ratio >= 0.6);
        JsonNode open = results.path("openLoop");
        double openPostP99 = open.path("postP99Ms").asDouble(Double.NaN);
        target(t, "openLoopPostP99Under100Ms", openPostP99, "ms", openPostP99 < 100);
        double openDeterminationP99 = open.path("determinationLatencyP99Ms").asDouble(Double.NaN);
        target(t, "openLoopDeterminationP99Under1s", openDeterminationP99, "ms", openDeterminationP99 < 1000);
        double exp = results.path("massExpiry").path("secondsUntilAllExpired").asDouble();
        target(t, "massExpiryUnder45s", exp, "s", exp < 45
                && results.path("massExpiry").path("authorizations").asLong() >= expiry);
        long rss = maxRss.get();
        t.putObject("rssUnder1GiB").put("valueBytes", rss).put("met", rss > 0 && rss < 1024L * 1024 * 1024);
        JsonNode perRequest = in.path("databasePerRequest");
        double statements = perRequest.path("statements").asDouble(Double.NaN);
        target(t, "statementsPerRequestAtMost140", statements, "", statements <= 140);
        double inserted = perRequest.path("tup_inserted").asDouble(Double.NaN);
        target(t, "rowsInsertedPerRequestAtMost95", inserted, "", inserted <= 95);
    }

    /**
     * A target: its value (null when the figure is missing; the comparison with NaN is then false: not met), the
     * value's unit ("" for a ratio or a count) and whether it is met.
     */
    private static void target(ObjectNode targets, String name, double value, String unit, boolean met) {
        ObjectNode t = targets.putObject(name);
        if (Double.isFinite(value)) {
            t.put("value", value);
        } else {
            t.putNull("value");
        }
        t.put("unit", unit).put("met", met);
    }

    private Thread rssSampler(AppProcess app) {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    maxRss.accumulateAndGet(app.residentMemoryBytes(), Math::max);
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    return; // the process has gone
                }
            }
        }, "rss-sampler");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static int startBaseline(ApiClient api) {
        return api.send("POST", "/api/bench/baseline-instances", "intake", "intake", "application/json",
                HttpRequest.BodyPublishers.ofString("{}")).status();
    }

    private static Instant awaitBaselineDone(ApiClient api, Duration timeout) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            if (api.get("/api/bench/baseline-instances", "intake").json().path("running").asLong() == 0) {
                return Instant.now();
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException("baseline instances still running after " + timeout);
    }

    private static Instant awaitDetermined(Db db, String prefix, long expected, Duration timeout) throws Exception {
        return awaitCount(db, "SELECT count(*) FROM pa_request WHERE request_id LIKE ? AND status <> 'RECEIVED'",
                expected, timeout, prefix + "%");
    }

    /**
     * Polls {@code sql} every {@value #POLL_MILLIS} ms until it counts {@code expected}. The polls are the harness's
     * own load on the database ({@code harnessStatementSeconds} in the results); at 50 ms the expiry poll took 0.7 of
     * a core of the 2-core machine, so the interval trades that load for a resolution of {@value #POLL_MILLIS} ms on
     * waits of tens of seconds.
     */
    private static Instant awaitCount(Db db, String sql, long expected, Duration timeout, Object... args) throws Exception {
        Instant end = Instant.now().plus(timeout);
        long n = -1;
        while (Instant.now().isBefore(end)) {
            n = db.count(sql, args);
            if (n >= expected) {
                return Instant.now();
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException(n + " of " + expected + " after " + timeout + ": " + sql);
    }

    private static String requestJson(AcceptanceCases.Case c, String requestId) {
        ObjectNode request = c.request().deepCopy();
        request.put("requestId", requestId);
        try {
            return JSON.writeValueAsString(request);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long memTotalBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException ignored) {
            // not Linux: report 0
        }
        return 0;
    }

    /** @return /proc/loadavg (1, 5 and 15 minutes): other load on the machine shows in it; "" elsewhere */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "";
        }
    }

    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : -1;
    }

    private static void log(String message) {
        System.out.println("[bench " + Instant.now() + "] " + message);
    }
}
