package com.healthplan.pa.kineret.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.cases.Groups;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRepository;
import com.healthplan.pa.kineret.process.ProcessConstants;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import com.healthplan.pa.kineret.support.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The supervisor filters {@value IdentitySetup#DEADLINES_AT_RISK_FILTER_NAME} and
 * {@value IdentitySetup#OVERDUE_FILTER_NAME}: pended cases are submitted through {@code /api} as {@code intake} at
 * different times (moved with {@link ClockUtil}, the job executor off, timers fired by hand), and each filter, run
 * through Camunda's {@link FilterService} and over {@code /engine-rest/filter/{id}/list}, returns exactly the tasks
 * of the cases at risk or overdue at that moment, earliest decision deadline first. Reviewers cannot run them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:kineret-supervisor-filters-test;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false"
})
class SupervisorFiltersTest {

    /** A pended acceptance case (open criterion: clinical review). */
    private static final String PENDED_CASE = "04-ra-standard-one-preferred.json";
    /** Another pended acceptance case (dose above the quantity limit: clinical review). */
    private static final String DOSE_CASE = "10-ra-dose-over-100.json";

    @LocalServerPort
    int port;
    @Autowired
    FilterService filters;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    IdentityService identity;
    @Autowired
    IdentitySetup identitySetup;
    @Autowired
    PriorAuthorizationRepository cases;

    @AfterEach
    void resetClockAndAuthentication() {
        identity.clearAuthentication();
        ClockUtil.reset();
    }

    @Test
    void filtersShowTheCasesAtRiskAndOverdueAsTimePasses() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ClockUtil.setCurrentTime(Date.from(t0));
        ProcessInstance overdue = submitPended(PENDED_CASE);
        ClockUtil.setCurrentTime(Date.from(t0.plus(Duration.ofHours(20))));
        ProcessInstance atRisk = submitPended(DOSE_CASE);
        ClockUtil.setCurrentTime(Date.from(t0.plus(Duration.ofHours(79))));
        ProcessInstance fresh = submitPended(PENDED_CASE);
        for (ProcessInstance pi : List.of(overdue, atRisk, fresh)) {
            Assertions.assertThat(reviewTask(pi).getDueDate()).as("a standard request is due in 72 hours")
                    .isEqualTo(Date.from(received(pi).plus(Duration.ofHours(72))));
        }

        // 80 h after the first case: its deadline has passed, though timer "Decision deadline passed" has not fired
        ClockUtil.setCurrentTime(Date.from(t0.plus(Duration.ofHours(80))));
        Assertions.assertThat(runAsSupervisor(IdentitySetup.OVERDUE_FILTER_NAME))
                .containsExactly(reviewTask(overdue).getId());
        Assertions.assertThat(runAsSupervisor(IdentitySetup.DEADLINES_AT_RISK_FILTER_NAME))
                .as("no follow-up task before timer \"Decision deadline at 75 %\" fires").isEmpty();

        fireDueTimers();
        Task followUp = followUp(atRisk);
        Assertions.assertThat(followUp.getDueDate()).isEqualTo(reviewTask(atRisk).getDueDate());
        Assertions.assertThat(runtime.getVariable(overdue.getId(), "overdue")).isEqualTo(true);
        Assertions.assertThat(runAsSupervisor(IdentitySetup.DEADLINES_AT_RISK_FILTER_NAME))
                .as("the first case's follow-up is past its deadline: overdue, no longer at risk")
                .containsExactly(followUp.getId());
        Assertions.assertThat(runAsSupervisor(IdentitySetup.OVERDUE_FILTER_NAME))
                .containsExactly(reviewTask(overdue).getId());
        Assertions.assertThat(runAsSupervisor(IdentitySetup.REVIEW_FILTER_NAME))
                .as("the review filter shows supervisors their own follow-up tasks")
                .contains(followUp.getId());

        // 93 h: the second case's deadline has passed too; overdue cases earliest deadline first
        ClockUtil.setCurrentTime(Date.from(t0.plus(Duration.ofHours(93))));
        Assertions.assertThat(runAsSupervisor(IdentitySetup.DEADLINES_AT_RISK_FILTER_NAME)).isEmpty();
        Assertions.assertThat(runAsSupervisor(IdentitySetup.OVERDUE_FILTER_NAME))
                .containsExactly(reviewTask(overdue).getId(), reviewTask(atRisk).getId());
        Assertions.assertThat(tasks.createTaskQuery().processInstanceId(fresh.getId()).count())
                .as("the fresh case has only its review task").isEqualTo(1);
    }

    @Test
    void reviewersCannotReadTheSupervisorFilters() {
        ApiClient api = new ApiClient(port);
        for (String name : List.of(IdentitySetup.DEADLINES_AT_RISK_FILTER_NAME, IdentitySetup.OVERDUE_FILTER_NAME)) {
            String id = filterId(name);
            for (String reviewer : List.of("pharmacist", "physician")) {
                Assertions.assertThat(api.get("/engine-rest/filter/" + id + "/list", reviewer).status())
                        .as(reviewer + " runs " + name).isEqualTo(403);
                Assertions.assertThat(api.get("/engine-rest/filter/" + id, reviewer).status())
                        .as(reviewer + " reads " + name).isEqualTo(403);
            }
            identity.setAuthentication("pharmacist", List.of(Groups.CLINICAL_REVIEWERS));
            Assertions.assertThatThrownBy(() -> filters.list(id)).isInstanceOf(AuthorizationException.class);
            identity.clearAuthentication();
            Assertions.assertThat(api.get("/engine-rest/filter/" + id + "/list", "supervisor").status()).isEqualTo(200);
            Assertions.assertThat(api.get("/engine-rest/filter/" + id + "/list", "admin").status()).isEqualTo(200);
        }
        Assertions.assertThat(names(api.get("/engine-rest/filter", "pharmacist").json()))
                .containsExactly(IdentitySetup.REVIEW_FILTER_NAME);
        Assertions.assertThat(names(api.get("/engine-rest/filter", "supervisor").json()))
                .containsExactlyInAnyOrder(IdentitySetup.REVIEW_FILTER_NAME,
                        IdentitySetup.DEADLINES_AT_RISK_FILTER_NAME, IdentitySetup.OVERDUE_FILTER_NAME);
    }

    @Test
    void startUpRestoresAChangedFilterDefinitionWithoutADuplicate() {
        Filter filter = filters.getFilter(filterId(IdentitySetup.OVERDUE_FILTER_NAME));
        filters.saveFilter(filter.setQuery(tasks.createTaskQuery().taskAssignee("nobody"))
                .setProperties(Map.of("description", "changed")));

        identitySetup.run(null);

        Assertions.assertThat(filters.createFilterQuery().filterName(IdentitySetup.OVERDUE_FILTER_NAME).count())
                .isEqualTo(1);
        Filter restored = filters.getFilter(filter.getId());
        Assertions.assertThat(restored.getProperties()).containsEntry("description",
                "Review tasks past their decision deadline");
        List<?> columns = (List<?>) restored.getProperties().get("variables");
        Assertions.assertThat(columns.stream().map(v -> String.valueOf(((Map<?, ?>) v).get("name"))).toList())
                .containsExactly("requestId", "indication", "urgency", "deadlineSummary");
        Assertions.assertThat(((org.camunda.bpm.engine.impl.TaskQueryImpl) restored.getQuery()).getAssignee()).isNull();
        Assertions.assertThat(((org.camunda.bpm.engine.impl.TaskQueryImpl) restored.getQuery()).getExpressions())
                .containsEntry("dueBefore", "${now()}");
    }

    /** Submits an acceptance case's request under a fresh requestId through {@code /api} and runs its start. */
    private ProcessInstance submitPended(String caseFile) {
        ObjectNode request = AcceptanceCases.named(caseFile).request().deepCopy();
        String requestId = "SUP-" + UUID.randomUUID();
        request.put("requestId", requestId);
        ApiClient.Response created = new ApiClient(port).submit(request.toString());
        Assertions.assertThat(created.status()).as(created.body()).isEqualTo(201);
        ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(requestId).singleResult();
        Job start = management.createJobQuery().processInstanceId(pi.getId()).activityId("StartEvent_RequestReceived")
                .singleResult();
        management.executeJob(start.getId());
        Assertions.assertThat(reviewTask(pi)).as("pended for clinical review").isNotNull();
        return pi;
    }

    /** Executes, in due order, every timer of the process that is due at the engine's current time. */
    private void fireDueTimers() {
        List<Job> due = management.createJobQuery().processDefinitionKey(ProcessConstants.PROCESS_KEY).timers()
                .duedateLowerThan(new Date(ClockUtil.getCurrentTime().getTime() + 1)).orderByJobDuedate().asc().list();
        Assertions.assertThat(due).as("timers due").isNotEmpty();
        due.forEach(job -> management.executeJob(job.getId()));
    }

    /** Runs the filter through {@link FilterService#list} as {@code supervisor} and over REST; both must agree. */
    private List<String> runAsSupervisor(String filterName) {
        String id = filterId(filterName);
        identity.setAuthentication("supervisor", List.of(Groups.SUPERVISORS));
        List<String> viaService;
        try {
            viaService = filters.<Task>list(id).stream().map(Task::getId).toList();
        } finally {
            identity.clearAuthentication();
        }
        ApiClient.Response rest = new ApiClient(port).get("/engine-rest/filter/" + id + "/list", "supervisor");
        Assertions.assertThat(rest.status()).as(rest.body()).isEqualTo(200);
        List<String> viaRest = new ArrayList<>();
        rest.json().forEach(t -> viaRest.add(t.get("id").asText()));
        Assertions.assertThat(viaRest).as("over /engine-rest as supervisor").isEqualTo(viaService);
        return viaService;
    }

    private String filterId(String name) {
        return filters.createFilterQuery().filterName(name).singleResult().getId();
    }

    private Task reviewTask(ProcessInstance pi) {
        return tasks.createTaskQuery().processInstanceId(pi.getId())
                .taskDefinitionKeyIn(ProcessConstants.TASK_CLINICAL_REVIEW, ProcessConstants.TASK_MEDICAL_EXCEPTION_REVIEW)
                .singleResult();
    }

    private Task followUp(ProcessInstance pi) {
        Task task = tasks.createTaskQuery().processInstanceId(pi.getId())
                .taskDefinitionKey(ProcessConstants.TASK_DEADLINE_AT_RISK).singleResult();
        Assertions.assertThat(task).as("follow-up task of " + pi.getBusinessKey()).isNotNull();
        return task;
    }

    private Instant received(ProcessInstance pi) {
        return cases.findByRequestId(pi.getBusinessKey()).orElseThrow().receivedAt().toInstant();
    }

    private static List<String> names(JsonNode filterList) {
        List<String> names = new ArrayList<>();
        filterList.forEach(f -> names.add(f.get("name").asText()));
        return names;
    }
}
