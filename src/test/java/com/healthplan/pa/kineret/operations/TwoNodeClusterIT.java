package com.healthplan.pa.kineret.operations;

import com.healthplan.pa.kineret.support.AcceptanceCases;
import com.healthplan.pa.kineret.support.AppProcess;
import com.healthplan.pa.kineret.support.Await;
import com.healthplan.pa.kineret.support.EmbeddedPostgres15;
import com.healthplan.pa.kineret.support.IntakeLoad;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A homogeneous two-node cluster: two JVMs of the packaged application share one PostgreSQL 15 database, as
 * behind a load balancer. Their job executors compete for the same jobs with Camunda's optimistic locking.
 * Proves that requests sent to both nodes are all decided as the acceptance cases expect, that 500 timers
 * falling due at the same moment are each executed exactly once (counted in {@code ACT_HI_JOB_LOG}), and that
 * the jobs a killed node had locked are taken over by the survivor once the lock expires.
 *
 * <p>Job lock time is 10 s here (the application's default is 60 s) so that the take-over is quick.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeClusterIT {

    private static final Duration LOCK_TIME = Duration.ofSeconds(10);
    private static final Map<String, String> NODE_PROPERTIES = Map.of(
            "camunda.bpm.job-execution.lock-time-in-millis", Long.toString(LOCK_TIME.toMillis()),
            "camunda.bpm.job-execution.max-wait", "1000");

    private static EmbeddedPostgres postgres;
    private static AppProcess nodeA;
    private static AppProcess nodeB;
    private static JdbcClient db;

    @BeforeAll
    static void startCluster() throws IOException {
        postgres = EmbeddedPostgres15.startOwn(Path.of("target", "pg", "cluster"), 0, true);
        db = JdbcClient.create(postgres.getPostgresDatabase());
        String url = postgres.getJdbcUrl("postgres", "postgres");
        // the first node creates Camunda's schema and runs the migrations; the second joins the existing database
        nodeA = AppProcess.start("node-a", url, "postgres", "postgres", NODE_PROPERTIES);
        nodeB = AppProcess.start("node-b", url, "postgres", "postgres", NODE_PROPERTIES);
    }

    @AfterAll
    static void stopCluster() throws IOException {
        for (AppProcess node : new AppProcess[] {nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void requestsSentToBothNodesAreAllDecidedAsTheCasesExpect() {
        String prefix = "CL-" + UUID.randomUUID().toString().substring(0, 8);
        List<AcceptanceCases.Case> cases = AcceptanceCases.all();
        List<IntakeLoad.Submission> submissions = IntakeLoad.freshFromAllCases(prefix, cases.size() * 2);
        IntakeLoad load = new IntakeLoad();

        load.postAll(new int[] {nodeA.port(), nodeB.port()}, i -> i % 2, 8, submissions);

        Assertions.assertThat(load.answers().values()).as("every POST answered 201").containsOnly(201);
        Await.until("every request determined", Duration.ofMinutes(3),
                () -> count("SELECT COUNT(*) FROM pa_request WHERE request_id LIKE ? AND status = 'RECEIVED'", prefix + "-%"),
                n -> n == 0);
        for (int i = 0; i < submissions.size(); i++) {
            AcceptanceCases.Case source = cases.get(i % cases.size());
            Map<String, Object> row = db.sql("SELECT status, route FROM pa_request WHERE request_id = ?")
                    .param(submissions.get(i).requestId()).query().singleRow();
            Assertions.assertThat(row).as(source.file())
                    .containsEntry("status", source.expect().get("status").asText())
                    .containsEntry("route", source.expect().get("route").asText());
        }
        List<String> hosts = db.sql("""
                        SELECT DISTINCT l.hostname_ FROM act_hi_job_log l
                        JOIN pa_request r ON r.process_instance_id = l.process_instance_id_
                        WHERE r.request_id LIKE ? AND l.job_state_ = 2""")
                .param(prefix + "-%").query(String.class).list();
        Assertions.assertThat(hosts).as("both nodes executed jobs").containsExactlyInAnyOrder("node-a", "node-b");
    }

    @Test
    @Order(2)
    void fiveHundredTimersDueAtTheSameMomentRunExactlyOnceEach() {
        String prefix = "TM-" + UUID.randomUUID().toString().substring(0, 8);
        AcceptanceCases.Case approved = AcceptanceCases.named("01-ra-initial-all-met.json");
        List<IntakeLoad.Submission> submissions = IntStream.range(0, 500)
                .mapToObj(i -> IntakeLoad.fresh(approved, prefix + "-" + i)).toList();
        IntakeLoad load = new IntakeLoad();
        load.postAll(new int[] {nodeA.port(), nodeB.port()}, i -> i % 2, 16, submissions);
        Assertions.assertThat(load.answers().values()).containsOnly(201);
        Await.until("500 authorizations approved", Duration.ofMinutes(5),
                () -> count("SELECT COUNT(*) FROM pa_request WHERE request_id LIKE ? AND status = 'APPROVED'", prefix + "-%"),
                n -> n == 500);

        // The renewal windows open together: every timer of the wave is made due at one and the same instant.
        Duration renewalWave = fireTogether(prefix, "Timer_RenewalWindowOpens");
        Assertions.assertThat(count("""
                SELECT COUNT(*) FROM pa_renewal_notice n JOIN pa_authorization a ON a.id = n.authorization_id
                JOIN pa_request r ON r.id = a.pa_request_id WHERE r.request_id LIKE ?""", prefix + "-%"))
                .as("one renewal notice per authorization").isEqualTo(500);

        // Then the authorizations end together.
        Duration expiryWave = fireTogether(prefix, "Timer_AuthorizationEnds");
        Assertions.assertThat(count("""
                SELECT COUNT(*) FROM pa_authorization a JOIN pa_request r ON r.id = a.pa_request_id
                WHERE r.request_id LIKE ? AND a.status = 'EXPIRED'""", prefix + "-%")).isEqualTo(500);
        Assertions.assertThat(count("SELECT COUNT(*) FROM pa_request WHERE request_id LIKE ? AND status = 'EXPIRED'",
                prefix + "-%")).isEqualTo(500);
        System.out.printf("renewal wave of 500 timers: %d ms, expiry wave: %d ms%n",
                renewalWave.toMillis(), expiryWave.toMillis());
    }

    /**
     * Sets the due date of the given timer for all instances of the prefix to one instant, waits until each has
     * run, and checks in the job log that each ran successfully exactly once, on both nodes together.
     */
    private Duration fireTogether(String prefix, String timerActivityId) {
        String jobsOfTheWave = """
                SELECT j.id_ FROM act_ru_job j JOIN pa_request r ON r.process_instance_id = j.process_instance_id_
                JOIN act_ru_jobdef d ON d.id_ = j.job_def_id_ WHERE r.request_id LIKE ? AND d.act_id_ = ?""";
        int updated = db.sql("UPDATE act_ru_job SET duedate_ = ? WHERE id_ IN (" + jobsOfTheWave + ")")
                .param(Timestamp.from(Instant.now())).param(prefix + "-%").param(timerActivityId).update();
        Assertions.assertThat(updated).as("timers of " + timerActivityId).isEqualTo(500);

        String successfulRuns = """
                FROM act_hi_job_log l JOIN pa_request r ON r.process_instance_id = l.process_instance_id_
                WHERE r.request_id LIKE ? AND l.act_id_ = ? AND l.job_state_ = 2""";
        Duration took = Await.until("500 " + timerActivityId + " jobs run", Duration.ofMinutes(3),
                () -> count("SELECT COUNT(*) " + successfulRuns, prefix + "-%", timerActivityId), n -> n >= 500);
        Await.until("jobs of " + timerActivityId + " gone", Duration.ofSeconds(30),
                () -> count("SELECT COUNT(*) FROM (" + jobsOfTheWave + ") w", prefix + "-%", timerActivityId), n -> n == 0);

        Assertions.assertThat(count("SELECT COUNT(*) " + successfulRuns, prefix + "-%", timerActivityId))
                .as("successful runs: one per timer, none twice").isEqualTo(500);
        Assertions.assertThat(count("SELECT COUNT(DISTINCT l.job_id_) " + successfulRuns, prefix + "-%", timerActivityId))
                .isEqualTo(500);
        List<String> hosts = db.sql("SELECT DISTINCT l.hostname_ " + successfulRuns)
                .param(prefix + "-%").param(timerActivityId).query(String.class).list();
        Assertions.assertThat(hosts).as("both nodes took part").containsExactlyInAnyOrder("node-a", "node-b");
        return took;
    }

    @Test
    @Order(3)
    void jobsLockedByAKilledNodeAreTakenOverWhenTheLockExpires() throws InterruptedException {
        String prefix = "KL-" + UUID.randomUUID().toString().substring(0, 8);
        List<IntakeLoad.Submission> submissions = IntakeLoad.freshFromAllCases(prefix, 400);
        IntakeLoad load = new IntakeLoad();
        String lockedByA = """
                SELECT j.id_ FROM act_ru_job j JOIN pa_request r ON r.process_instance_id = j.process_instance_id_
                WHERE r.request_id LIKE ? AND j.lock_owner_ LIKE 'node-a:%'""";

        ExecutorService clients = load.postInBackground(nodeA.port(), 8, submissions);
        Await.until("node A answering and holding job locks", Duration.ofMinutes(1),
                () -> load.answers().size() >= 40 ? db.sql(lockedByA).param(prefix + "-%").query(String.class).list() : List.<String>of(),
                ids -> ids.size() >= 2);
        nodeA.kill();
        Instant killedAt = Instant.now();
        List<String> stranded = db.sql(lockedByA).param(prefix + "-%").query(String.class).list();
        load.stop();
        Assertions.assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        Assertions.assertThat(stranded).as("jobs node A held when it died").isNotEmpty();

        // The load balancer sends the intake system's retries of unanswered POSTs to the surviving node.
        Map<String, Integer> answers = load.answers();
        List<IntakeLoad.Submission> sent = submissions.stream().filter(s -> answers.containsKey(s.requestId())).toList();
        IntakeLoad retries = new IntakeLoad();
        List<IntakeLoad.Submission> unanswered = sent.stream().filter(s -> answers.get(s.requestId()) == IntakeLoad.NO_ANSWER).toList();
        retries.postAll(new int[] {nodeB.port()}, i -> 0, 4, unanswered);
        Assertions.assertThat(answers.values()).as("answers before the kill").isSubsetOf(201, IntakeLoad.NO_ANSWER).contains(201);
        Assertions.assertThat(retries.answers().values()).as("retries on node B").isSubsetOf(200, 201);

        Await.until("stranded jobs run by node B", LOCK_TIME.plus(Duration.ofMinutes(2)),
                () -> db.sql("SELECT COUNT(DISTINCT job_id_) FROM act_hi_job_log WHERE job_state_ = 2 AND hostname_ = 'node-b'"
                                + " AND job_id_ IN (" + placeholders(stranded.size()) + ")")
                        .params(stranded).query(Long.class).single(), n -> n == stranded.size());
        Duration takeOver = Duration.between(killedAt, Instant.now());
        Await.until("every request sent is determined", Duration.ofMinutes(2),
                () -> count("SELECT COUNT(*) FROM pa_request WHERE request_id LIKE ? AND status = 'RECEIVED'", prefix + "-%"),
                n -> n == 0);

        Assertions.assertThat(count("SELECT COUNT(*) FROM pa_request WHERE request_id LIKE ?", prefix + "-%"))
                .as("every request sent is stored once").isEqualTo(sent.size());
        CaseRecords.assertEachEvaluatedOnce(db, prefix);
        System.out.printf("node A killed holding %d job locks; node B had run them all %d ms after the kill; %d requests sent%n",
                stranded.size(), takeOver.toMillis(), sent.size());
    }

    private long count(String sql, Object... params) {
        return db.sql(sql).params(params).query(Long.class).single();
    }

    private static String placeholders(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }
}
