package com.healthplan.pa.kineret.retention;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.process.ProcessConstants;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.EmbeddedPostgres15;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Date;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Retention on PostgreSQL with a record-keeping period of 7 years: history time to live of the process and the
 * decision tables follows the setting; a case closed longer ago than the period is purged from the project's own
 * tables (determination notices included) by process {@code kineret-record-retention} and from Camunda's history by its history cleanup, while a
 * case closed more recently and an open case stay. Time is moved with {@link ClockUtil}; the job executor is off.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false",
        "kineret.retention.record-keeping=P7Y"
})
class RecordRetentionPostgresTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RepositoryService repository;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    ProcessEngineConfigurationImpl engineConfiguration;
    @Autowired
    RetentionSettings settings;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres15.register(registry);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void historyTimeToLiveAndCleanupFollowTheRecordKeepingPeriod() {
        Assertions.assertThat(settings.recordKeeping()).isEqualTo(Period.ofYears(7));
        Assertions.assertThat(settings.processHistoryDays()).isEqualTo(2558);
        Assertions.assertThat(settings.decisionHistoryDays()).isEqualTo(2558 + 731);
        Assertions.assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(ProcessConstants.PROCESS_KEY)
                .latestVersion().singleResult().getHistoryTimeToLive()).isEqualTo(2558);
        Assertions.assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKeyLike("kineret-%").list())
                .hasSize(dmnFiles()).allSatisfy(d -> Assertions.assertThat(d.getHistoryTimeToLive()).isEqualTo(2558 + 731));
        Assertions.assertThat(engineConfiguration.getHistoryRemovalTimeStrategy()).isEqualTo("end");
        Assertions.assertThat(engineConfiguration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
        Assertions.assertThat(engineConfiguration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
    }

    @Test
    void casesClosedLongerAgoThanTheRecordKeepingPeriodArePurgedAndOthersKept() {
        Instant start = Instant.parse("2026-01-05T10:00:00Z");
        ClockUtil.setCurrentTime(Date.from(start));
        String old = submitAndWithdraw("RET-OLD");
        ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofDays(730))));
        String recent = submitAndWithdraw("RET-RECENT");
        String open = submit("RET-OPEN");
        HistoricProcessInstance oldHistory = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey("RET-OLD")
                .singleResult();
        Assertions.assertThat(oldHistory.getRemovalTime()).as("history removal time: end + time to live")
                .isEqualTo(Date.from(start.plus(Duration.ofDays(2558))));
        Assertions.assertThat(closedAt(old)).isNotNull();
        Assertions.assertThat(closedAt(open)).isNull();
        // a determination notice of each closed case, its PDF stored (the withdrawn cases themselves have none)
        insertNotice(old);
        insertNotice(recent);

        // 7 years and a day after the old case closed: the nightly retention process runs.
        ClockUtil.setCurrentTime(Date.from(start.atOffset(ZoneOffset.UTC).plusYears(7).plusDays(1).toInstant()));
        Job nightly = management.createJobQuery().processDefinitionKey("kineret-record-retention").singleResult();
        Assertions.assertThat(nightly).as("the retention timer is scheduled").isNotNull();
        management.executeJob(nightly.getId());

        Assertions.assertThat(caseCount(old)).isZero();
        Assertions.assertThat(jdbc.sql("SELECT COUNT(*) FROM pa_determination WHERE pa_request_id = ?").param(old)
                .query(Long.class).single()).isZero();
        Assertions.assertThat(noticeCount(old)).as("the old case's determination notices").isZero();
        Assertions.assertThat(caseCount(recent)).isEqualTo(1);
        Assertions.assertThat(noticeCount(recent)).isEqualTo(1);
        Assertions.assertThat(caseCount(open)).isEqualTo(1);
        Assertions.assertThat(history.createHistoricVariableInstanceQuery().variableName("purgedCases").singleResult().getValue())
                .isEqualTo(1);
        String retentionRun = history.createHistoricProcessInstanceQuery().processDefinitionKey("kineret-record-retention")
                .singleResult().getId();
        Assertions.assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(retentionRun)
                        .orderPartiallyByOccurrence().asc().list())
                .extracting(a -> a.getActivityId())
                .containsExactly("StartEvent_Nightly", "Task_PurgeClosedCases", "EndEvent_Purged");
        Assertions.assertThat(management.createJobQuery().processDefinitionKey("kineret-record-retention").singleResult()
                .getDuedate()).as("next night").isAfter(ClockUtil.getCurrentTime());

        // Camunda's history cleanup removes the old case's process history, not the recent one's.
        Job cleanup = history.cleanUpHistoryAsync(true);
        management.executeJob(cleanup.getId());
        Assertions.assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey("RET-OLD").count()).isZero();
        Assertions.assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey("RET-RECENT").count())
                .isEqualTo(1);
        ProcessInstance running = engineConfiguration.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey("RET-OPEN").singleResult();
        assertThat(running).isActive();
    }

    private String submit(String requestId) {
        ObjectNode request = AcceptanceCases.named("04-ra-standard-one-preferred.json").request().deepCopy();
        request.put("requestId", requestId);
        // received on the moved clock's day: a requestDate after the day of receipt is refused
        request.put("requestDate", ClockUtil.getCurrentTime().toInstant().atZone(java.time.ZoneId.of("America/New_York"))
                .toLocalDate().toString());
        ApiClient.Response created = new ApiClient(port).submit(request.toString());
        Assertions.assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private String submitAndWithdraw(String requestId) {
        String id = submit(requestId);
        ApiClient.Response withdrawn = new ApiClient(port).send("POST", "/api/prior-authorizations/" + id + "/withdraw",
                "intake", "intake", "application/json", HttpRequest.BodyPublishers.ofString("{\"reason\": \"Therapy changed\"}"));
        Assertions.assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        return id;
    }

    private Object closedAt(String id) {
        return jdbc.sql("SELECT closed_at FROM pa_request WHERE id = ?").param(id).query().singleRow().get("closed_at");
    }

    private void insertNotice(String caseId) {
        jdbc.sql("INSERT INTO pa_determination_notice (id, pa_request_id, determination_id, kind, recipient, snapshot_json, "
                        + "created_at, pdf, template_sha256) VALUES (?, ?, ?, 'APPROVAL', 'MEMBER', '{}', ?, ?, ?)")
                .params(java.util.UUID.randomUUID().toString(), caseId, java.util.UUID.randomUUID().toString(),
                        java.sql.Timestamp.from(ClockUtil.getCurrentTime().toInstant()),
                        "%PDF-1.7".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "0".repeat(64))
                .update();
    }

    private long noticeCount(String caseId) {
        return jdbc.sql("SELECT COUNT(*) FROM pa_determination_notice WHERE pa_request_id = ?").param(caseId)
                .query(Long.class).single();
    }

    private long caseCount(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM pa_request WHERE id = ?").param(id).query(Long.class).single();
    }

    /** @return how many decision tables the project deploys: one decision per file of {@code dmn/} */
    private static int dmnFiles() {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("dmn"))) {
            return (int) files.filter(f -> f.toString().endsWith(".dmn")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
