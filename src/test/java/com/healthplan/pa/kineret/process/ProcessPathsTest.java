package com.healthplan.pa.kineret.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.claim;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.authorization.AuthorizationRecord;
import com.healthplan.pa.kineret.cases.CaseStatus;
import com.healthplan.pa.kineret.cases.DeterminationRecord;
import com.healthplan.pa.kineret.cases.PriorAuthorizationCase;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRepository;
import com.healthplan.pa.kineret.config.IdentitySetup;
import com.healthplan.pa.kineret.intake.AdditionalInformationService;
import com.healthplan.pa.kineret.intake.IntakeService;
import com.healthplan.pa.kineret.intake.RequestParser;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Every path of process {@code kineret-prior-authorization}, driven step by step with the job executor off:
 * automatic approval (initial and renewal), clinical review approved and denied, a denial without reason refused,
 * and medical-exception review approved and denied. Together they must cover every flow node and sequence flow
 * (process test coverage report under {@code target/process-test-coverage}).
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:kineret-process-test;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false"
})
@Import({ProcessEngineCoverageConfiguration.class, ProcessPathsTest.FullCoverage.class})
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class ProcessPathsTest {

    /** The paths of this class must cover the whole process model. */
    @TestConfiguration
    static class FullCoverage {
        @Bean
        @org.springframework.context.annotation.Primary
        ProcessEngineCoverageProperties fullCoverageProperties() {
            return ProcessEngineCoverageProperties.Companion.builder().assertClassCoverageAtLeast(1.0).build();
        }
    }

    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    FilterService filters;
    @Autowired
    IdentityService identity;
    @Autowired
    IntakeService intake;
    @Autowired
    RequestParser parser;
    @Autowired
    PriorAuthorizationRepository repository;
    @Autowired
    ManagementService management;
    @Autowired
    com.healthplan.pa.kineret.authorization.AuthorizationRepository authorizations;
    @Autowired
    AdditionalInformationService information;
    @Autowired
    com.healthplan.pa.kineret.process.CaseActionsService actions;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private static final java.time.ZoneId PLAN_ZONE = java.time.ZoneId.of("America/New_York");

    private static final List<String> REVIEWER_GROUPS = List.of("pa-clinical-reviewers");

    @BeforeEach
    void initAssertions() {
        init(engine);
    }

    @AfterEach
    void clearAuthenticationAndClock() {
        identity.clearAuthentication();
        ClockUtil.reset();
    }

    /** @return the groups of a demo user as the identity service keeps them (the reviewer-authority table reads them) */
    private List<String> groupsOf(String user) {
        return identity.createGroupQuery().groupMember(user).list().stream().map(org.camunda.bpm.engine.identity.Group::getId)
                .toList();
    }

    /** Completes the open review task as an authenticated reviewer with the user's own groups. */
    private void decideAs(String user, ProcessInstance pi, Object... variables) {
        identity.setAuthentication(user, groupsOf(user));
        try {
            java.util.Map<String, Object> map = new java.util.HashMap<>();
            for (int i = 0; i < variables.length; i += 2) {
                map.put((String) variables[i], variables[i + 1]);
            }
            complete(reviewTask(pi), map);
        } finally {
            identity.clearAuthentication();
        }
    }

    private Task reviewTask(ProcessInstance pi) {
        return tasks.createTaskQuery().processInstanceId(pi.getId())
                .taskDefinitionKeyIn("Task_ClinicalReview", "Task_MedicalExceptionReview").singleResult();
    }

    private Job timer(ProcessInstance pi, String activityId) {
        return management.createJobQuery().processInstanceId(pi.getId()).activityId(activityId).singleResult();
    }

    private void moveClockTo(Date date) {
        ClockUtil.setCurrentTime(date);
    }

    /** Submits an acceptance case's request under a fresh requestId and runs the asynchronous start. */
    private ProcessInstance submitAndEvaluate(String caseFile) {
        return submitAndEvaluate(AcceptanceCases.named(caseFile).request().deepCopy());
    }

    private ProcessInstance submitAndEvaluate(ObjectNode request) {
        String requestId = "PROC-" + UUID.randomUUID();
        request.put("requestId", requestId);
        RequestParser.Parsed parsed = parser.parse(request.toString());
        PriorAuthorizationCase stored = intake.submit(parsed.tree(), parsed.request()).stored();
        Assertions.assertThat(stored.status()).isEqualTo(CaseStatus.RECEIVED);
        ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(requestId).singleResult();
        assertThat(pi).isStarted().hasBusinessKey(requestId).hasNotPassed("Task_DeriveClinicalFacts");
        assertThat(pi).job("StartEvent_RequestReceived");
        execute(job("StartEvent_RequestReceived", pi));
        return pi;
    }

    private PriorAuthorizationCase stored(ProcessInstance pi) {
        return repository.findByRequestId(pi.getBusinessKey()).orElseThrow();
    }

    @Test
    void allCriteriaMetIsApprovedAutomaticallyFor12Months() {
        ProcessInstance pi = submitAndEvaluate("01-ra-initial-all-met.json");
        assertThat(pi).isWaitingAt("Timer_RenewalWindowOpens")
                .hasPassedInOrder("Task_LinkRenewal", "Task_DetermineDecisionDeadline", "Task_RecordDecisionDeadline",
                        "Task_DeriveClinicalFacts", "Task_DetermineIndication", "Task_EvaluateDiagnosisCriteria",
                        "Task_EvaluateSafetyCriteria", "Task_RecordCriteria", "Task_DecideRoute",
                        "Task_DetermineApprovalTerms", "Task_RecordApproval", "Event_ApprovedCaseDecided")
                .hasNotPassed("Task_ClinicalReview", "Task_MedicalExceptionReview", "Task_RecordAdverseDetermination");
        PriorAuthorizationCase c = stored(pi);
        Assertions.assertThat(c.status()).isEqualTo(CaseStatus.APPROVED);
        Assertions.assertThat(c.route()).isEqualTo("AUTO_APPROVE");
        Assertions.assertThat(c.decidedBy()).isEqualTo("system");
        AuthorizationRecord a = authorizations.findByCaseId(c.id()).orElseThrow();
        Assertions.assertThat(a.validTo()).isEqualTo(a.validFrom().plusMonths(12));
        Assertions.assertThat(a.durationMonths()).isEqualTo(12);
        Assertions.assertThat(a.quantityLimit()).isEqualTo("84 syringes per 84 days");
        // the clinical facts are transient: only the approval-terms inputs are stored
        Assertions.assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                        .variableNameIn("ageYears", "dmardNames", "tbScreening", "requestType", "weightKg").list())
                .extracting(v -> v.getName()).containsExactlyInAnyOrder("requestType", "weightKg");
    }

    @Test
    void renewalWithEveryCriterionMetIsApprovedFor18Months() {
        ProcessInstance pi = submitAndEvaluate("25-renewal-ra-improved.json");
        assertThat(pi).isWaitingAt("Timer_RenewalWindowOpens").hasPassed("Task_RecordApproval");
        AuthorizationRecord a = authorizations.findByCaseId(stored(pi).id()).orElseThrow();
        Assertions.assertThat(a.validTo()).isEqualTo(a.validFrom().plusMonths(18));
    }

    @Test
    void clinicalReviewApprovalByPharmacistOverridesTheOpenCriterion() {
        ProcessInstance pi = submitAndEvaluate("04-ra-standard-one-preferred.json");
        assertThat(pi).isWaitingAt("Task_ClinicalReview").variables().containsEntry("route", "CLINICAL_REVIEW")
                .containsEntry("openCriteria", "PREFERRED_PRODUCTS");
        Assertions.assertThat((String) runtime.getVariable(pi.getId(), "openCriteriaDetails"))
                .startsWith("PREFERRED_PRODUCTS: NOT_MET — ").contains("(5.70.050 Prior-Approval");
        assertThat(task(pi)).hasCandidateGroup("pa-clinical-reviewers").hasName("Clinical review");
        Assertions.assertThat(stored(pi).status()).isEqualTo(CaseStatus.IN_REVIEW);
        Task withForm = tasks.createTaskQuery().processInstanceId(pi.getId()).initializeFormKeys().singleResult();
        Assertions.assertThat(withForm.getCamundaFormRef().getKey()).isEqualTo("kineret-review");
        Assertions.assertThat(engine.getRepositoryService().createDeploymentQuery().list())
                .anySatisfy(d -> Assertions.assertThat(engine.getRepositoryService().getDeploymentResourceNames(d.getId()))
                        .anyMatch(name -> name.endsWith("kineret-review.form")));

        claim(task(pi), "pharmacist");
        decideAs("pharmacist", pi, "decision", "APPROVED", "reason", "Prescriber documents a contraindication to Humira");

        assertThat(pi).isWaitingAt("Timer_RenewalWindowOpens").hasPassed("Task_ClinicalReview", "Task_RecordApproval")
                .hasNotPassed("Task_RecordAdverseDetermination");
        PriorAuthorizationCase c = stored(pi);
        Assertions.assertThat(c.status()).isEqualTo(CaseStatus.APPROVED);
        Assertions.assertThat(c.decidedBy()).isEqualTo("pharmacist");
        Assertions.assertThat(c.decisionReason()).isEqualTo("Prescriber documents a contraindication to Humira");
        Assertions.assertThat(authorizations.findByCaseId(c.id())).isPresent();
    }

    @Test
    void clinicalReviewDenialIsRecordedWithReasonAndReviewer() {
        ProcessInstance pi = submitAndEvaluate("20-tb-positive-untreated.json");
        assertThat(pi).isWaitingAt("Task_ClinicalReview");
        decideAs("physician", pi, "decision", "DENIED", "reason", "Latent TB untreated (TB_SCREENING)",
                "deniedCriteria", List.of("TB_SCREENING"));

        assertThat(pi).isWaitingAt("Gateway_AwaitAppeal").hasPassed("Task_RecordAdverseDetermination", "Event_DeniedCaseDecided")
                .hasNotPassed("Task_RecordApproval");
        PriorAuthorizationCase c = stored(pi);
        Assertions.assertThat(c.status()).isEqualTo(CaseStatus.DENIED);
        Assertions.assertThat(c.decisionOutcome()).isEqualTo("DENIED");
        Assertions.assertThat(c.decidedBy()).isEqualTo("physician");
        Assertions.assertThat(c.decisionReason()).isEqualTo("Latent TB untreated (TB_SCREENING)");
        Assertions.assertThat(c.decidedAt()).isNotNull();
        Assertions.assertThat(authorizations.findByCaseId(c.id())).isEmpty();
        DeterminationRecord denial = repository.findDeterminations(c.id()).get(1);
        Assertions.assertThat(denial.kind()).isEqualTo("REVIEWER");
        Assertions.assertThat(denial.outcome()).isEqualTo("DENIED");
        Assertions.assertThat(denial.criteriaCited()).isEqualTo("TB_SCREENING");
        Assertions.assertThat(denial.criteriaJson()).contains("\"TB_SCREENING\"");
        Assertions.assertThat(denial.policyVersion()).isEqualTo("5.70.050 (2025-04-01)");
        Assertions.assertThat(denial.decisionVersionsJson()).contains("kineret-safety-criteria").contains("\"version\"");
    }

    @Test
    void decisionWithoutReasonOrWithUnknownValueIsRefusedAndTheTaskStaysOpen() {
        ProcessInstance pi = submitAndEvaluate("07-ra-low-activity.json");
        Task review = task(pi);
        identity.setAuthentication("pharmacist", REVIEWER_GROUPS);
        Assertions.assertThatThrownBy(() -> tasks.complete(review.getId(), withVariables("decision", "DENIED")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("reason");
        Assertions.assertThatThrownBy(() -> tasks.complete(review.getId(), withVariables("decision", "DENIED", "reason", "  ")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("reason");
        Assertions.assertThatThrownBy(() -> tasks.complete(review.getId(), withVariables("decision", "APPROVED")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("rationale");
        Assertions.assertThatThrownBy(() -> tasks.complete(review.getId(), withVariables("decision", "MAYBE")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("APPROVED, DENIED or REQUEST_INFORMATION");
        Assertions.assertThatThrownBy(() -> tasks.complete(review.getId(),
                        withVariables("decision", "DENIED", "reason", "Low disease activity")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("at least one criterion");
        Assertions.assertThatThrownBy(() -> tasks.complete(review.getId(),
                        withVariables("decision", "DENIED", "reason", "Low disease activity", "deniedCriteria", "NO_SUCH_CRITERION")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Not open criteria of this case (NOT_MET or UNKNOWN): 1 of the cited IDs").hasMessageNotContaining("NO_SUCH_CRITERION");
        Assertions.assertThatThrownBy(() -> tasks.complete(review.getId(), withVariables("decision", "REQUEST_INFORMATION")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("information");
        identity.setAuthentication("supervisor", List.of("pa-supervisors"));
        Assertions.assertThatThrownBy(() -> tasks.complete(review.getId(), withVariables("decision", "DENIED",
                        "reason", "Low disease activity", "deniedCriteria", "RA_DISEASE_ACTIVITY")))
                .as("supervisors claim review tasks to reassign them but may not complete them")
                .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class)
                .hasMessageContaining("completed only by a member of [pa-clinical-reviewers]");
        Assertions.assertThatThrownBy(() -> tasks.complete(review.getId(), withVariables("decision", "APPROVED",
                        "reason", "Looks fine")))
                .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
        identity.setAuthentication("admin", List.of("camunda-admin"));
        Assertions.assertThatThrownBy(() -> tasks.complete(review.getId(), withVariables("decision", "APPROVED",
                        "reason", "Looks fine")))
                .as("the review rule: an admin is not a clinical reviewer")
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("pa-clinical-reviewers");
        identity.setAuthentication("pharmacist", REVIEWER_GROUPS);
        Assertions.assertThatThrownBy(() -> tasks.complete(review.getId(), withVariables("decision", "DENIED",
                        "reason", "Low disease activity", "deniedCriteria", "RA_DISEASE_ACTIVITY")))
                .as("the reviewer-authority table: a denial on a clinical criterion only by a physician reviewer")
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Only members of pa-physician-reviewers may make a denial on RA_DISEASE_ACTIVITY");
        identity.clearAuthentication();
        Assertions.assertThatThrownBy(() -> tasks.complete(review.getId(), withVariables("decision", "DENIED",
                        "reason", "Low disease activity", "deniedCriteria", "RA_DISEASE_ACTIVITY")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("pa-physician-reviewers");
        assertThat(pi).isWaitingAt("Task_ClinicalReview");
        Assertions.assertThat(stored(pi).status()).isEqualTo(CaseStatus.IN_REVIEW);
        Assertions.assertThat(stored(pi).decisionOutcome()).isNull();
    }

    @Test
    void medicalExceptionReviewApproved() {
        ProcessInstance pi = submitAndEvaluate("05-ra-medical-exception.json");
        assertThat(pi).isWaitingAt("Task_MedicalExceptionReview").hasNotPassed("Task_ClinicalReview");
        assertThat(task(pi)).hasCandidateGroup("pa-clinical-reviewers");
        Assertions.assertThat(stored(pi).route()).isEqualTo("MEDICAL_EXCEPTION_REVIEW");
        claim(task(pi), "physician");
        decideAs("physician", pi, "decision", "APPROVED", "reason", "Valid medical exception: injection-site reactions");
        assertThat(pi).isWaitingAt("Timer_RenewalWindowOpens").hasPassed("Task_RecordApproval");
        Assertions.assertThat(stored(pi).status()).isEqualTo(CaseStatus.APPROVED);
    }

    @Test
    void medicalExceptionReviewDenied() {
        ProcessInstance pi = submitAndEvaluate("05-ra-medical-exception.json");
        claim(task(pi), "pharmacist");
        decideAs("pharmacist", pi, "decision", "DENIED", "reason", "No documented reason against a second preferred product",
                "deniedCriteria", "[\"PREFERRED_PRODUCTS\"]");
        assertThat(pi).isWaitingAt("Gateway_AwaitAppeal").hasPassed("Task_MedicalExceptionReview", "Task_RecordAdverseDetermination");
        Assertions.assertThat(stored(pi).status()).isEqualTo(CaseStatus.DENIED);
    }

    @Test
    void requestedInformationThatMeetsEveryCriterionIsApprovedAutomatically() {
        ProcessInstance pi = submitAndEvaluate("28-tb-result-missing.json");
        assertThat(pi).isWaitingAt("Task_ClinicalReview");
        decideAs("pharmacist", pi, "decision", "REQUEST_INFORMATION", "reason", "TB screening result missing",
                "informationRequested", "Result of the latent TB test");

        assertThat(pi).isWaitingAt("Gateway_AwaitInformation").hasPassed("Task_RecordInformationRequest");
        PriorAuthorizationCase pended = stored(pi);
        Assertions.assertThat(pended.status()).isEqualTo(CaseStatus.PENDING_INFORMATION);
        Assertions.assertThat(pended.informationRequested()).isEqualTo("Result of the latent TB test");
        Assertions.assertThat(runtime.getVariables(pi.getId())).doesNotContainKeys("decision", "reason", "decidedBy");

        information.submit(pended.id(), "{\"safety\": {\"tbScreening\": \"NEGATIVE\"}}", "intake");
        execute(job("Event_InformationReceived", pi));

        assertThat(pi).isWaitingAt("Timer_RenewalWindowOpens").hasPassed("Task_RecordInformationReceived", "Task_RecordApproval");
        PriorAuthorizationCase approved = stored(pi);
        Assertions.assertThat(approved.status()).isEqualTo(CaseStatus.APPROVED);
        Assertions.assertThat(approved.decidedBy()).isEqualTo("system");
        Assertions.assertThat(approved.criteriaJson()).doesNotContain("UNKNOWN").doesNotContain("NOT_MET");
        Assertions.assertThat(approved.requestJson()).contains("\"tbScreening\":\"NEGATIVE\"").contains("\"hbvStatus\":\"NOT_AT_RISK\"");
        Assertions.assertThat(repository.findDeterminations(approved.id())).extracting(DeterminationRecord::outcome)
                .containsExactly("CLINICAL_REVIEW", "REQUEST_INFORMATION", "INFORMATION_RECEIVED", "AUTO_APPROVE", "APPROVED");
    }

    @Test
    void requestedInformationThatLeavesACriterionOpenReturnsToReviewWithNewResults() {
        ProcessInstance pi = submitAndEvaluate("07-ra-low-activity.json");
        decideAs("physician", pi, "decision", "REQUEST_INFORMATION", "reason", "Activity level only",
                "informationRequested", "A DAS28 or CDAI score");
        information.submit(stored(pi).id(), "{\"diagnosis\": {\"das28\": 2.4}}", "intake");
        execute(job("Event_InformationReceived", pi));

        assertThat(pi).isWaitingAt("Task_ClinicalReview");
        PriorAuthorizationCase c = stored(pi);
        Assertions.assertThat(c.status()).isEqualTo(CaseStatus.IN_REVIEW);
        Assertions.assertThat(c.criteriaJson()).contains("DAS28 2.4");
        Assertions.assertThat((String) runtime.getVariable(pi.getId(), "criteriaSummary"))
                .startsWith("RA_DISEASE_ACTIVITY: NOT_MET");
        Assertions.assertThat(runtime.getVariable(pi.getId(), "decision")).isNull();
    }

    @Test
    void requestedInformationNotReceivedIn14DaysReturnsToTheReviewerMarked() {
        ProcessInstance pi = submitAndEvaluate("21-hbv-at-risk-not-evaluated.json");
        decideAs("pharmacist", pi, "decision", "REQUEST_INFORMATION", "reason", "HBV not evaluated",
                "informationRequested", "HBV serology");
        Job wait = timer(pi, "Event_InformationNotReceived");
        Assertions.assertThat(Duration.between(ClockUtil.getCurrentTime().toInstant(), wait.getDuedate().toInstant()))
                .isBetween(Duration.ofDays(14).minusMinutes(1), Duration.ofDays(14));

        moveClockTo(new Date(wait.getDuedate().getTime() + 1000));
        execute(wait);

        assertThat(pi).isWaitingAt("Task_ClinicalReview").hasPassed("Task_RecordInformationNotReceived");
        Assertions.assertThat(stored(pi).status()).isEqualTo(CaseStatus.IN_REVIEW);
        Assertions.assertThat(runtime.getVariable(pi.getId(), "informationNotReceived")).isEqualTo(true);
        Assertions.assertThat((String) runtime.getVariable(pi.getId(), "informationSummary"))
                .contains("HBV serology").contains("INFORMATION NOT RECEIVED");
    }

    @Test
    void deadlineAt75PercentEscalatesToSupervisorsAndThePassedDeadlineMarksTheCaseOverdue() {
        ProcessInstance pi = submitAndEvaluate("04-ra-standard-one-preferred.json");
        PriorAuthorizationCase c = stored(pi);
        Assertions.assertThat(Duration.between(c.receivedAt(), c.dueBy())).isEqualTo(Duration.ofHours(72));
        Assertions.assertThat(task(pi).getDueDate()).isEqualTo(Date.from(c.dueBy().toInstant()));
        Job atRisk = timer(pi, "Timer_DeadlineAtRisk");
        Assertions.assertThat(atRisk.getDuedate()).isEqualTo(Date.from(c.receivedAt().plusHours(54).toInstant()));

        moveClockTo(new Date(atRisk.getDuedate().getTime() + 1000));
        execute(atRisk);
        Task followUp = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_DeadlineAtRisk").singleResult();
        assertThat(followUp).hasCandidateGroup("pa-supervisors").hasDueDate(Date.from(c.dueBy().toInstant()));
        Assertions.assertThat(stored(pi).escalatedAt()).isNotNull();
        assertThat(pi).isWaitingAt("Task_ClinicalReview", "Task_DeadlineAtRisk");

        Job passed = timer(pi, "Timer_DeadlinePassed");
        Assertions.assertThat(passed.getDuedate()).isEqualTo(Date.from(c.dueBy().toInstant()));
        moveClockTo(new Date(passed.getDuedate().getTime() + 1000));
        execute(passed);
        Assertions.assertThat(stored(pi).overdueSince()).isNotNull();
        Assertions.assertThat(runtime.getVariable(pi.getId(), "overdue")).isEqualTo(true);
        Assertions.assertThat(reviewTask(pi).getPriority()).isEqualTo(100);
        Assertions.assertThat((String) runtime.getVariable(pi.getId(), "deadlineSummary")).endsWith("OVERDUE");

        decideAs("pharmacist", pi, "decision", "APPROVED", "reason", "Late, but the exception is documented");
        assertThat(pi).isWaitingAt("Timer_RenewalWindowOpens").hasPassed("Task_RecordApproval");
        Assertions.assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).count())
                .as("the supervisor follow-up closes with the decision").isZero();
        assertThat(pi).hasPassed("EndEvent_FollowUpClosed");
    }

    @Test
    void escalationHappensOnceAcrossAPendAndTheSupervisorClosesTheFollowUp() {
        ProcessInstance pi = submitAndEvaluate("10-ra-dose-over-100.json");
        Job atRisk = timer(pi, "Timer_DeadlineAtRisk");
        moveClockTo(new Date(atRisk.getDuedate().getTime() + 1000));
        execute(atRisk);
        Task followUp = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_DeadlineAtRisk").singleResult();
        identity.setAuthentication("supervisor", List.of("pa-supervisors"));
        tasks.claim(followUp.getId(), "supervisor");
        tasks.complete(followUp.getId());
        identity.clearAuthentication();
        assertThat(pi).hasPassed("EndEvent_Escalated");

        decideAs("pharmacist", pi, "decision", "REQUEST_INFORMATION", "reason", "Dose above label",
                "informationRequested", "Why 200 mg/day is needed");
        Job wait = timer(pi, "Event_InformationNotReceived");
        moveClockTo(new Date(wait.getDuedate().getTime() + 1000));
        execute(wait);
        assertThat(pi).isWaitingAt("Task_ClinicalReview");

        execute(timer(pi, "Timer_DeadlineAtRisk"));
        assertThat(pi).hasPassed("EndEvent_EscalationSkipped");
        Assertions.assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_DeadlineAtRisk").count())
                .isZero();
        execute(timer(pi, "Timer_DeadlinePassed"));
        Assertions.assertThat(stored(pi).overdueSince()).isNotNull();
    }

    @Test
    void expeditedRequestIsDueIn24Hours() {
        ObjectNode request = AcceptanceCases.named("12-nomid-over-8-mg-per-kg.json").request().deepCopy();
        request.put("urgency", "EXPEDITED");
        ProcessInstance pi = submitAndEvaluate(request);
        PriorAuthorizationCase c = stored(pi);
        Assertions.assertThat(Duration.between(c.receivedAt(), c.dueBy())).isEqualTo(Duration.ofHours(24));
        Assertions.assertThat(timer(pi, "Timer_DeadlineAtRisk").getDuedate())
                .isEqualTo(Date.from(c.receivedAt().plusHours(18).toInstant()));
    }

    // ----- authorization lifecycle -----

    private static Date at(String isoLocalDateTime) {
        return Date.from(java.time.LocalDateTime.parse(isoLocalDateTime).atZone(PLAN_ZONE).toInstant());
    }

    private static Date startOf(String isoDate) {
        return Date.from(java.time.LocalDate.parse(isoDate).atStartOfDay(PLAN_ZONE).toInstant());
    }

    /** Sets the clock, submits an acceptance case (optionally as a renewal of an authorization) and evaluates it. */
    private ProcessInstance approvedOn(String when, String caseFile, String previousAuthorizationId) {
        moveClockTo(at(when));
        ObjectNode request = AcceptanceCases.named(caseFile).request().deepCopy();
        // a renewal is the same member's: it keeps the member id of the authorization it renews
        ((ObjectNode) request.get("member")).put("id", previousAuthorizationId == null ? "MBR-LIFE-" + UUID.randomUUID()
                : authorizations.findById(previousAuthorizationId).map(AuthorizationRecord::memberId)
                        .orElse("MBR-LIFE-" + UUID.randomUUID()));
        if (previousAuthorizationId != null) {
            request.put("previousAuthorizationId", previousAuthorizationId);
        }
        ProcessInstance pi = submitAndEvaluate(request);
        assertThat(pi).isWaitingAt("Timer_RenewalWindowOpens");
        return pi;
    }

    private AuthorizationRecord authorizationOf(ProcessInstance pi) {
        return authorizations.findByCaseId(stored(pi).id()).orElseThrow();
    }

    private long renewalNotices(String authorizationId) {
        return jdbc.sql("SELECT COUNT(*) FROM pa_renewal_notice WHERE authorization_id = ?").param(authorizationId)
                .query(Long.class).single();
    }

    /** Moves the clock to a timer's due date and runs it. */
    private void fire(ProcessInstance pi, String timerId, Date expectedDue) {
        Job job = timer(pi, timerId);
        Assertions.assertThat(job).as("timer %s", timerId).isNotNull();
        Assertions.assertThat(job.getDuedate()).as("due date of %s", timerId).isEqualTo(expectedDue);
        moveClockTo(job.getDuedate());
        execute(job);
    }

    @Test
    void initialApprovalLasts12MonthsOpensTheRenewalWindow30DaysBeforeAndExpires() {
        ProcessInstance pi = approvedOn("2026-03-02T10:15:00", "01-ra-initial-all-met.json", null);
        AuthorizationRecord a = authorizationOf(pi);
        Assertions.assertThat(a.validFrom()).isEqualTo("2026-03-02");
        Assertions.assertThat(a.validTo()).isEqualTo("2027-03-02");
        Assertions.assertThat(a.renewalDueOn()).isEqualTo("2027-01-31");
        Assertions.assertThat(a.status().name()).isEqualTo("ACTIVE");

        fire(pi, "Timer_RenewalWindowOpens", startOf("2027-01-31"));
        Assertions.assertThat(authorizationOf(pi).status().name()).isEqualTo("RENEWAL_DUE");
        Assertions.assertThat(renewalNotices(a.id())).isEqualTo(1);
        Assertions.assertThat(stored(pi).status()).isEqualTo(CaseStatus.APPROVED);
        assertThat(pi).isWaitingAt("Timer_AuthorizationEnds");

        fire(pi, "Timer_AuthorizationEnds", startOf("2027-03-02"));
        assertThat(pi).isEnded().hasPassed("Task_RecordAuthorizationEnd", "EndEvent_AuthorizationEnded");
        Assertions.assertThat(authorizationOf(pi).status().name()).isEqualTo("EXPIRED");
        Assertions.assertThat(stored(pi).status()).isEqualTo(CaseStatus.EXPIRED);
    }

    @Test
    void renewalApprovedBeforeExpiryStartsWhenTheOldOneEndsAndRunsItsOwnTimers() {
        ProcessInstance initial = approvedOn("2026-03-02T09:00:00", "01-ra-initial-all-met.json", null);
        AuthorizationRecord first = authorizationOf(initial);
        fire(initial, "Timer_RenewalWindowOpens", startOf("2027-01-31"));

        ProcessInstance renewal = approvedOn("2027-02-10T14:00:00", "25-renewal-ra-improved.json", first.id());
        AuthorizationRecord second = authorizationOf(renewal);
        Assertions.assertThat(second.validFrom()).as("no gap, no overlap").isEqualTo(first.validTo());
        Assertions.assertThat(second.validTo()).isEqualTo("2028-09-02");
        Assertions.assertThat(second.durationMonths()).isEqualTo(18);
        Assertions.assertThat(second.previousAuthorizationId()).isEqualTo(first.id());
        Assertions.assertThat(authorizationOf(initial).supersededBy()).isEqualTo(second.id());
        Assertions.assertThat(stored(renewal).previousAuthorizationId()).isEqualTo(first.id());
        assertThat(initial).hasPassed("Task_RecordRenewalRequest");
        Assertions.assertThat(runtime.getVariable(initial.getId(), "renewalRequestedBy")).isEqualTo(renewal.getBusinessKey());

        fire(initial, "Timer_AuthorizationEnds", startOf("2027-03-02"));
        Assertions.assertThat(authorizationOf(initial).status().name()).as("not a lapse").isEqualTo("SUPERSEDED");
        assertThat(initial).isEnded();

        fire(renewal, "Timer_RenewalWindowOpens", startOf("2028-08-03"));
        Assertions.assertThat(authorizationOf(renewal).status().name()).isEqualTo("RENEWAL_DUE");
        Assertions.assertThat(renewalNotices(second.id())).isEqualTo(1);
        fire(renewal, "Timer_AuthorizationEnds", startOf("2028-09-02"));
        Assertions.assertThat(authorizationOf(renewal).status().name()).isEqualTo("EXPIRED");
    }

    @Test
    void threeLinkChainInitialRenewalRenewal() {
        ProcessInstance initial = approvedOn("2026-03-02T09:00:00", "01-ra-initial-all-met.json", null);
        ProcessInstance second = approvedOn("2027-02-15T09:00:00", "25-renewal-ra-improved.json", authorizationOf(initial).id());
        fire(initial, "Timer_RenewalWindowOpens", startOf("2027-01-31"));
        Assertions.assertThat(renewalNotices(authorizationOf(initial).id())).as("renewal already approved").isZero();
        ProcessInstance third = approvedOn("2028-08-20T09:00:00", "25-renewal-ra-improved.json", authorizationOf(second).id());

        Assertions.assertThat(List.of(authorizationOf(initial), authorizationOf(second), authorizationOf(third)))
                .extracting(a -> a.validFrom() + "/" + a.validTo() + "/" + a.durationMonths())
                .containsExactly("2026-03-02/2027-03-02/12", "2027-03-02/2028-09-02/18", "2028-09-02/2030-03-02/18");
        Assertions.assertThat(authorizationOf(second).supersededBy()).isEqualTo(authorizationOf(third).id());
    }

    @Test
    void approvalsOnMonthEndsFollowCalendarMonths() {
        ProcessInstance leapDay = approvedOn("2028-02-29T12:00:00", "11-nomid-within-dose.json", null);
        Assertions.assertThat(authorizationOf(leapDay).validTo()).isEqualTo("2029-02-28");
        Assertions.assertThat(authorizationOf(leapDay).renewalDueOn()).isEqualTo("2029-01-29");

        ProcessInstance endOfJanuary = approvedOn("2027-01-31T12:00:00", "16-aosd-is-not-ra.json", null);
        Assertions.assertThat(authorizationOf(endOfJanuary).validTo()).isEqualTo("2028-01-31");

        ProcessInstance renewalOnJanuary31 = approvedOn("2027-01-31T12:00:00", "25-renewal-ra-improved.json", null);
        Assertions.assertThat(authorizationOf(renewalOnJanuary31).validTo()).as("18 months").isEqualTo("2028-07-31");

        ProcessInstance renewalOnAugust31 = approvedOn("2026-08-31T12:00:00", "25-renewal-ra-improved.json", "UNKNOWN-AUTH");
        Assertions.assertThat(authorizationOf(renewalOnAugust31).validTo()).as("into a leap February").isEqualTo("2028-02-29");
        Assertions.assertThat(stored(renewalOnAugust31).previousAuthorizationId()).as("unknown id is not linked").isNull();
    }

    @Test
    void withdrawalEndsAnOpenCaseAndItsTasks() {
        ProcessInstance pi = submitAndEvaluate("04-ra-standard-one-preferred.json");
        assertThat(pi).isWaitingAt("Task_ClinicalReview");
        actions.withdraw(stored(pi).id(), "intake", "Prescriber changed therapy");
        assertThat(pi).isEnded().hasPassed("Task_RecordWithdrawal", "EndEvent_Withdrawn");
        Assertions.assertThat(stored(pi).status()).isEqualTo(CaseStatus.WITHDRAWN);
        Assertions.assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).count()).isZero();
        Assertions.assertThatThrownBy(() -> actions.withdraw(stored(pi).id(), "intake", null))
                .isInstanceOf(CaseActionsService.ActionNotAllowedException.class);

        ProcessInstance approved = approvedOn("2026-05-04T09:00:00", "01-ra-initial-all-met.json", null);
        Assertions.assertThatThrownBy(() -> actions.withdraw(stored(approved).id(), "intake", null))
                .isInstanceOf(CaseActionsService.ActionNotAllowedException.class).hasMessageContaining("APPROVED");
        assertThat(approved).isWaitingAt("Timer_RenewalWindowOpens");
    }

    private ProcessInstance deniedBy(String physician) {
        ProcessInstance pi = submitAndEvaluate("20-tb-positive-untreated.json");
        identity.setAuthentication(physician, List.of("pa-clinical-reviewers", "pa-physician-reviewers"));
        tasks.complete(reviewTask(pi).getId(), withVariables("decision", "DENIED", "reason", "Latent TB untreated",
                "deniedCriteria", "TB_SCREENING"));
        identity.clearAuthentication();
        assertThat(pi).isWaitingAt("Gateway_AwaitAppeal");
        return pi;
    }

    private void decideAppeal(ProcessInstance pi, String physician, String decision) {
        identity.setAuthentication(physician, List.of("pa-clinical-reviewers", "pa-physician-reviewers"));
        try {
            Task appeal = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_AppealReview").singleResult();
            tasks.complete(appeal.getId(), withVariables("appealDecision", decision, "appealDecisionReason",
                    "Treatment for latent TB started, documented"));
        } finally {
            identity.clearAuthentication();
        }
    }

    @Test
    void appealIsDecidedByAnotherPhysicianAndAnOverturnCreatesTheAuthorization() {
        ProcessInstance pi = deniedBy("physician");
        actions.appeal(stored(pi).id(), "intake", "TB treatment has started since");
        assertThat(pi).isWaitingAt("Task_AppealReview");
        Task appeal = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_AppealReview").singleResult();
        assertThat(appeal).hasCandidateGroup("pa-physician-reviewers");
        Assertions.assertThat(stored(pi).appeal().status()).isEqualTo("PENDING");

        Assertions.assertThatThrownBy(() -> decideAppeal(pi, "physician", "OVERTURNED"))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("cannot decide its appeal");
        Assertions.assertThatThrownBy(() -> tasks.claim(appeal.getId(), "physician"))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("cannot take its appeal");
        Assertions.assertThat(tasks.createTaskQuery().taskId(appeal.getId()).singleResult().getAssignee()).isNull();
        assertThat(pi).isWaitingAt("Task_AppealReview");

        decideAppeal(pi, "physician2", "OVERTURNED");
        assertThat(pi).isWaitingAt("Timer_RenewalWindowOpens").hasPassed("Task_RecordAppealOverturned", "Task_RecordApproval");
        PriorAuthorizationCase c = stored(pi);
        Assertions.assertThat(c.status()).isEqualTo(CaseStatus.APPROVED);
        Assertions.assertThat(c.decidedBy()).isEqualTo("physician2");
        Assertions.assertThat(c.appeal().status()).isEqualTo("OVERTURNED");
        Assertions.assertThat(c.appeal().decidedBy()).isEqualTo("physician2");
        Assertions.assertThat(authorizations.findByCaseId(c.id())).isPresent();
        Assertions.assertThat(repository.findDeterminations(c.id())).extracting(DeterminationRecord::outcome)
                .containsSubsequence("DENIED", "APPEAL_FILED", "APPEAL_OVERTURNED", "APPROVED");
        Assertions.assertThatThrownBy(() -> actions.appeal(c.id(), "intake", "again"))
                .isInstanceOf(CaseActionsService.ActionNotAllowedException.class);
    }

    @Test
    void upheldAppealKeepsTheDenial() {
        ProcessInstance pi = deniedBy("physician");
        actions.appeal(stored(pi).id(), "intake", "Disagree");
        Assertions.assertThatThrownBy(() -> actions.appeal(stored(pi).id(), "intake", "twice"))
                .isInstanceOf(CaseActionsService.ActionNotAllowedException.class).hasMessageContaining("already appealed");
        decideAppeal(pi, "physician2", "UPHELD");
        assertThat(pi).isEnded().hasPassed("Task_RecordAppealUpheld", "EndEvent_DenialUpheld");
        Assertions.assertThat(stored(pi).status()).isEqualTo(CaseStatus.DENIED);
        Assertions.assertThat(stored(pi).appeal().status()).isEqualTo("UPHELD");
    }

    @Test
    void withoutAnAppealIn180DaysTheDenialIsFinal() {
        ProcessInstance pi = deniedBy("physician");
        Job window = timer(pi, "Timer_AppealWindowClosed");
        Assertions.assertThat(Duration.between(ClockUtil.getCurrentTime().toInstant(), window.getDuedate().toInstant()))
                // P180D in the plan's zone: a daylight-saving change in between moves it by an hour
                .isBetween(Duration.ofDays(180).minusHours(1).minusMinutes(1), Duration.ofDays(180).plusHours(1));
        moveClockTo(new Date(window.getDuedate().getTime() + 1000));
        Assertions.assertThatThrownBy(() -> actions.appeal(stored(pi).id(), "intake", "late"))
                .isInstanceOf(CaseActionsService.ActionNotAllowedException.class).hasMessageContaining("window");
        execute(window);
        assertThat(pi).isEnded().hasPassed("EndEvent_DenialFinal");
    }

    @Test
    void reviewFilterShowsReviewTasksToReviewersOnly() {
        ProcessInstance pi = submitAndEvaluate("06-ra-age-17.json");
        String filterId = filters.createFilterQuery().filterName(IdentitySetup.REVIEW_FILTER_NAME).singleResult().getId();

        identity.setAuthentication("pharmacist", List.of("pa-clinical-reviewers"));
        Assertions.assertThat(filters.<Task>list(filterId)).extracting(Task::getProcessInstanceId).contains(pi.getId());

        identity.setAuthentication("supervisor", List.of("pa-supervisors"));
        Assertions.assertThat(filters.<Task>list(filterId)).extracting(Task::getProcessInstanceId).doesNotContain(pi.getId());
    }
}
