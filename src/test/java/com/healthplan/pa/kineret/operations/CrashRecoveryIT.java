package com.healthplan.pa.kineret.operations;

import com.healthplan.pa.kineret.support.AppProcess;
import com.healthplan.pa.kineret.support.Await;
import com.healthplan.pa.kineret.support.EmbeddedPostgres15;
import com.healthplan.pa.kineret.support.IntakeLoad;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Crash safety of a single node: requests arrive from 8 concurrent intake clients, the application's JVM is
 * killed with SIGKILL in the middle of it, and a new JVM is started on the same PostgreSQL database. Every
 * request that was answered 201 exists and is determined, none twice; a request whose POST got no answer is
 * settled by the intake system's retry (200 when it had been stored, 201 when not).
 */
class CrashRecoveryIT {

    private static final Map<String, String> NODE_PROPERTIES = Map.of(
            "camunda.bpm.job-execution.lock-time-in-millis", "10000",
            "camunda.bpm.job-execution.max-wait", "1000");

    @Test
    void everyAcceptedRequestSurvivesAKillAndIsDeterminedOnce() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres15.startOwn(Path.of("target", "pg", "crash"), 0, true)) {
            JdbcClient db = JdbcClient.create(postgres.getPostgresDatabase());
            String url = postgres.getJdbcUrl("postgres", "postgres");
            String prefix = "CR-" + UUID.randomUUID().toString().substring(0, 8);
            List<IntakeLoad.Submission> submissions = IntakeLoad.freshFromAllCases(prefix, 1000);
            IntakeLoad load = new IntakeLoad();

            AppProcess first = AppProcess.start("crash-1", url, "postgres", "postgres", NODE_PROPERTIES);
            ExecutorService clients = load.postInBackground(first.port(), 8, submissions);
            Await.until("100 requests answered", Duration.ofMinutes(2), () -> load.answers().size(), n -> n >= 100);
            first.kill();
            load.stop();
            Assertions.assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

            Map<String, Integer> answers = load.answers();
            List<String> created = answers.entrySet().stream().filter(e -> e.getValue() == 201).map(Map.Entry::getKey).toList();
            List<IntakeLoad.Submission> unanswered = submissions.stream()
                    .filter(s -> answers.getOrDefault(s.requestId(), 0) == IntakeLoad.NO_ANSWER).toList();
            Assertions.assertThat(answers.values()).as("answers until the kill").isSubsetOf(201, IntakeLoad.NO_ANSWER).contains(201);
            Assertions.assertThat(created).hasSizeGreaterThanOrEqualTo(100);
            long undecidedAtKill = db.sql("SELECT COUNT(*) FROM pa_request WHERE request_id LIKE ? AND status = 'RECEIVED'")
                    .param(prefix + "-%").query(Long.class).single();

            try (AppProcess second = AppProcess.start("crash-2", url, "postgres", "postgres", NODE_PROPERTIES)) {
                Assertions.assertThat(db.sql("SELECT COUNT(*) FROM pa_request WHERE request_id IN ("
                                + String.join(",", Collections.nCopies(created.size(), "?")) + ")")
                        .params(created).query(Long.class).single())
                        .as("every request answered 201 is stored").isEqualTo(created.size());

                IntakeLoad retries = new IntakeLoad();
                retries.postAll(new int[] {second.port()}, i -> 0, 4, unanswered);
                Assertions.assertThat(retries.answers().values()).as("retries after the restart").isSubsetOf(200, 201);

                Await.until("every request determined after the restart", Duration.ofMinutes(3),
                        () -> db.sql("SELECT COUNT(*) FROM pa_request WHERE request_id LIKE ? AND status = 'RECEIVED'")
                                .param(prefix + "-%").query(Long.class).single(), n -> n == 0);
                Assertions.assertThat(db.sql("SELECT COUNT(*) FROM pa_request WHERE request_id LIKE ?")
                        .param(prefix + "-%").query(Long.class).single())
                        .as("stored: the 201s and the retried").isEqualTo(created.size() + unanswered.size());
                CaseRecords.assertEachEvaluatedOnce(db, prefix);
                Assertions.assertThat(second.api().get("/api/prior-authorizations?requestId=" + created.get(0), "intake").status())
                        .isEqualTo(200);
                System.out.printf("killed after %d answers (%d created, %d unanswered, %d undetermined at the kill)%n",
                        answers.size(), created.size(), unanswered.size(), undecidedAtKill);
            }
        }
    }
}
