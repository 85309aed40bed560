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
import com.healthplan.pa.kineret.api.RequestParser;
import com.healthplan.pa.kineret.config.IdentitySetup;
import com.healthplan.pa.kineret.intake.AuthorizationRecord;
import com.healthplan.pa.kineret.intake.CaseStatus;
import com.healthplan.pa.kineret.intake.IntakeService;
import com.healthplan.pa.kineret.intake.PriorAuthorizationCase;
import com.healthplan.pa.kineret.intake.PriorAuthorizationRepository;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestExecutionListeners;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;

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
        ProcessEngineCoverageProperties processEngineCoverageProperties() {
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

    @BeforeEach
    void initAssertions() {
        init(engine);
    }

    @AfterEach
    void clearAuthentication() {
        identity.clearAuthentication();
    }

    /** Submits an acceptance case's request under a fresh requestId and runs the asynchronous start. */
    private ProcessInstance submitAndEvaluate(String caseFile) {
        ObjectNode request = AcceptanceCases.named(caseFile).request().deepCopy();
        String requestId = "PROC-" + UUID.randomUUID();
        request.put("requestId", requestId);
        RequestParser.Parsed parsed = parser.parse(request.toString());
        PriorAuthorizationCase stored = intake.submit(parsed.tree(), parsed.request()).stored();
        Assertions.assertThat(stored.status()).isEqualTo(CaseStatus.RECEIVED);
        ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(requestId).singleResult();
        assertThat(pi).isStarted().hasBusinessKey(requestId).hasNotPassed("Task_DeriveClinicalFacts");
        assertThat(pi).job("StartEvent_RequestReceived");
        execute(job(pi));
        return pi;
    }

    private PriorAuthorizationCase stored(ProcessInstance pi) {
        return repository.findByRequestId(pi.getBusinessKey()).orElseThrow();
    }

    @Test
    void allCriteriaMetIsApprovedAutomaticallyFor12Months() {
        ProcessInstance pi = submitAndEvaluate("01-ra-initial-all-met.json");
        assertThat(pi).isEnded()
                .hasPassedInOrder("Task_DeriveClinicalFacts", "Task_DetermineIndication", "Task_EvaluateDiagnosisCriteria",
                        "Task_EvaluateSafetyCriteria", "Task_RecordCriteria", "Task_DecideRoute",
                        "Task_DetermineApprovalTerms", "Task_RecordApproval", "EndEvent_Approved")
                .hasNotPassed("Task_ClinicalReview", "Task_MedicalExceptionReview", "Task_RecordAdverseDetermination");
        PriorAuthorizationCase c = stored(pi);
        Assertions.assertThat(c.status()).isEqualTo(CaseStatus.APPROVED);
        Assertions.assertThat(c.route()).isEqualTo("AUTO_APPROVE");
        Assertions.assertThat(c.decidedBy()).isEqualTo("system");
        AuthorizationRecord a = repository.findAuthorizationByCaseId(c.id()).orElseThrow();
        Assertions.assertThat(a.validTo()).isEqualTo(a.validFrom().plusMonths(12));
        Assertions.assertThat(a.durationMonths()).isEqualTo(12);
        Assertions.assertThat(a.quantityLimit()).isEqualTo("84 syringes per 84 days");
    }

    @Test
    void renewalWithEveryCriterionMetIsApprovedFor18Months() {
        ProcessInstance pi = submitAndEvaluate("25-renewal-ra-improved.json");
        assertThat(pi).isEnded().hasPassed("EndEvent_Approved");
        AuthorizationRecord a = repository.findAuthorizationByCaseId(stored(pi).id()).orElseThrow();
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
        complete(task(pi), withVariables("decision", "APPROVED", "reason", "Prescriber documents a contraindication to Humira"));

        assertThat(pi).isEnded().hasPassed("Task_ClinicalReview", "Task_RecordApproval", "EndEvent_Approved")
                .hasNotPassed("Task_RecordAdverseDetermination");
        PriorAuthorizationCase c = stored(pi);
        Assertions.assertThat(c.status()).isEqualTo(CaseStatus.APPROVED);
        Assertions.assertThat(c.decidedBy()).isEqualTo("pharmacist");
        Assertions.assertThat(c.decisionReason()).isEqualTo("Prescriber documents a contraindication to Humira");
        Assertions.assertThat(repository.findAuthorizationByCaseId(c.id())).isPresent();
    }

    @Test
    void clinicalReviewDenialIsRecordedWithReasonAndReviewer() {
        ProcessInstance pi = submitAndEvaluate("20-tb-positive-untreated.json");
        assertThat(pi).isWaitingAt("Task_ClinicalReview");
        identity.setAuthentication("physician", List.of("pa-clinical-reviewers", "pa-physician-reviewers"));
        complete(task(pi), withVariables("decision", "DENIED", "reason", "Latent TB untreated (TB_SCREENING)"));

        assertThat(pi).isEnded().hasPassed("Task_RecordAdverseDetermination", "EndEvent_Denied")
                .hasNotPassed("Task_RecordApproval");
        PriorAuthorizationCase c = stored(pi);
        Assertions.assertThat(c.status()).isEqualTo(CaseStatus.DENIED);
        Assertions.assertThat(c.decisionOutcome()).isEqualTo("DENIED");
        Assertions.assertThat(c.decidedBy()).isEqualTo("physician");
        Assertions.assertThat(c.decisionReason()).isEqualTo("Latent TB untreated (TB_SCREENING)");
        Assertions.assertThat(c.decidedAt()).isNotNull();
        Assertions.assertThat(repository.findAuthorizationByCaseId(c.id())).isEmpty();
    }

    @Test
    void decisionWithoutReasonOrWithUnknownValueIsRefusedAndTheTaskStaysOpen() {
        ProcessInstance pi = submitAndEvaluate("07-ra-low-activity.json");
        Task review = task(pi);
        Assertions.assertThatThrownBy(() -> tasks.complete(review.getId(), withVariables("decision", "DENIED")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("reason");
        Assertions.assertThatThrownBy(() -> tasks.complete(review.getId(), withVariables("decision", "DENIED", "reason", "  ")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("reason");
        Assertions.assertThatThrownBy(() -> tasks.complete(review.getId(), withVariables("decision", "APPROVED")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("rationale");
        Assertions.assertThatThrownBy(() -> tasks.complete(review.getId(), withVariables("decision", "MAYBE")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("APPROVED or DENIED");
        assertThat(pi).isWaitingAt("Task_ClinicalReview");
        Assertions.assertThat(stored(pi).status()).isEqualTo(CaseStatus.IN_REVIEW);
    }

    @Test
    void medicalExceptionReviewApproved() {
        ProcessInstance pi = submitAndEvaluate("05-ra-medical-exception.json");
        assertThat(pi).isWaitingAt("Task_MedicalExceptionReview").hasNotPassed("Task_ClinicalReview");
        assertThat(task(pi)).hasCandidateGroup("pa-clinical-reviewers");
        Assertions.assertThat(stored(pi).route()).isEqualTo("MEDICAL_EXCEPTION_REVIEW");
        claim(task(pi), "physician");
        complete(task(pi), withVariables("decision", "APPROVED", "reason", "Valid medical exception: injection-site reactions"));
        assertThat(pi).isEnded().hasPassed("EndEvent_Approved");
        Assertions.assertThat(stored(pi).status()).isEqualTo(CaseStatus.APPROVED);
    }

    @Test
    void medicalExceptionReviewDenied() {
        ProcessInstance pi = submitAndEvaluate("05-ra-medical-exception.json");
        claim(task(pi), "pharmacist");
        complete(task(pi), withVariables("decision", "DENIED", "reason", "No documented reason against a second preferred product"));
        assertThat(pi).isEnded().hasPassed("Task_MedicalExceptionReview", "EndEvent_Denied");
        Assertions.assertThat(stored(pi).status()).isEqualTo(CaseStatus.DENIED);
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
