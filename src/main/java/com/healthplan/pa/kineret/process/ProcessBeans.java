package com.healthplan.pa.kineret.process;

import com.healthplan.pa.kineret.cases.AppealStatus;
import static com.healthplan.pa.kineret.process.ProcessVariables.*;

import com.healthplan.pa.kineret.authorization.AuthorizationLifecycleService;
import com.healthplan.pa.kineret.intake.IntakeService;
import com.healthplan.pa.kineret.notices.DeterminationNoticeService;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRepository;
import com.healthplan.pa.kineret.plan.PlanClock;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service tasks and listeners of processes/kineret-prior-authorization.bpmn that only pass the process
 * instance's case ({@link TrustedCases}, never variable {@code caseId}) and a few variables to one service call,
 * one bean per {@code camunda:delegateExpression}. The bean names are those the deployed model versions resolve
 * (instances live up to 18 months): they never change. Delegates that hold rules of their own are classes beside
 * this one ({@link ReviewDecisionListener}, {@link AppealDecisionListener}, {@link RecordApprovalDelegate},
 * {@link DeriveClinicalFactsDelegate}, {@link TrustedApprovalInputsListener}, bean {@link ReviewDeadlines}).
 *
 * <p>Reviewer decisions (decider, reason, criteria) come from {@link ReviewerDecisions}, recorded by the task's
 * complete listener in the same transaction; a determination without one is refused with a
 * {@link ProcessEngineException} and the transaction rolls back.
 */
@Configuration(proxyBeanMethods = false)
public class ProcessBeans {

    /** Task priority of an overdue review (Camunda's default is 50). */
    static final int OVERDUE_PRIORITY = 100;

    private final TrustedCases cases;
    private final PlanClock clock;

    /**
     * @param cases the case of a process instance
     * @param clock the engine's time in the plan's zone
     */
    public ProcessBeans(TrustedCases cases, PlanClock clock) {
        this.cases = cases;
        this.clock = clock;
    }

    /**
     * Service task "Record criteria results": stores the indication and both criteria tables' results on the case,
     * and sets {@code openCriteriaCount}, {@code openCriteria} and {@code preferredProductsResult} for the route
     * decision, and {@code openCriteriaDetails} for the reviewer's form.
     */
    @Bean
    JavaDelegate recordCriteriaDelegate(DeterminationService determinations) {
        return execution -> {
            var summary = determinations.recordCriteria(cases.idOf(execution), INDICATION.from(execution),
                    DIAGNOSIS_CRITERIA.from(execution), SAFETY_CRITERIA.from(execution));
            OPEN_CRITERIA_COUNT.set(execution, summary.openCount());
            OPEN_CRITERIA.set(execution, summary.openIds());
            PREFERRED_PRODUCTS_RESULT.set(execution, summary.preferredProductsResult());
            OPEN_CRITERIA_DETAILS.set(execution, summary.openDetails());
        };
    }

    /** End listener of business rule task "Decide route": stores variable {@code route} on the case and audits the evaluation. */
    @Bean
    ExecutionListener recordRouteListener(DeterminationService determinations) {
        return execution -> determinations.recordRoute(cases.idOf(execution), ROUTE.from(execution),
                clock.now());
    }

    /**
     * Service task "Link renewal to previous authorization": a RENEWAL naming a known previousAuthorizationId is
     * linked to it (variable {@code previousAuthorizationId}; message to the earlier instance); an unknown id is left
     * unlinked and the renewal rules still apply.
     */
    @Bean
    JavaDelegate linkRenewalDelegate(AuthorizationLifecycleService lifecycle, IntakeService intake) {
        return execution -> {
            var c = cases.of(execution);
            String previousId = intake.readRequest(c).previousAuthorizationId();
            String linked = null;
            if ("RENEWAL".equals(c.requestType()) && previousId != null) {
                linked = lifecycle.linkRenewal(c.id(), c.requestId(), previousId).map(a -> a.id()).orElse(null);
            }
            PREVIOUS_AUTHORIZATION_ID.set(execution, linked);
        };
    }

    /**
     * Service task "Record decision deadline": fixes the case's decision deadline ({@code pa_request.due_by},
     * receipt plus {@code deadlineHours} from decision table {@code kineret-decision-deadline}), which bean
     * {@link ReviewDeadlines} reads back. Variables {@code dueBy}, {@code escalateAt}, {@code informationWaitPeriod}
     * and {@code escalated} are written only for instances of earlier versions of the process, whose model reads them
     * ({@link ReviewDeadlines#setForEarlierModels}).
     */
    @Bean
    JavaDelegate recordDecisionDeadlineDelegate(ReviewService reviews, ReviewDeadlines deadlines) {
        return execution -> {
            var deadline = reviews.startClock(cases.idOf(execution), DEADLINE_HOURS.from(execution).intValue());
            deadlines.setForEarlierModels(execution, Map.of(DUE_BY.name(), deadline.dueBy(),
                    ESCALATE_AT.name(), deadline.escalateAt(),
                    INFORMATION_WAIT_PERIOD.name(), reviews.informationWaitPeriod(), ESCALATED.name(), false));
        };
    }

    /**
     * Service task "Prepare review summary": sets the text variables the review form shows ({@link ReviewService#summary})
     * and {@code noticeLinks}, the links to the case's determination notices (e.g. the request for information).
     */
    @Bean
    JavaDelegate prepareReviewDelegate(ReviewService reviews, DeterminationNoticeService notices) {
        return execution -> {
            String caseId = cases.idOf(execution);
            execution.setVariables(reviews.summary(caseId, Boolean.TRUE.equals(INFORMATION_NOT_RECEIVED.raw(execution))));
            NOTICE_LINKS.set(execution, notices.formLinks(caseId));
        };
    }

    /**
     * Service task "Record escalation": 75 % of the decision deadline passed; marks the case escalated
     * ({@code pa_request.escalated_at}, read by gateway "Already escalated?" through {@link ReviewDeadlines};
     * variable {@code escalated} only for instances of earlier process versions).
     */
    @Bean
    JavaDelegate recordEscalationDelegate(ReviewService reviews, ReviewDeadlines deadlines) {
        return execution -> {
            reviews.escalate(cases.idOf(execution), clock.now());
            deadlines.setForEarlierModels(execution, Map.of(ESCALATED.name(), true));
        };
    }

    /**
     * Service task "Record overdue": the decision deadline passed without a determination; marks the case overdue
     * (variable {@code overdue}, the form's deadline line) and raises the open review task to priority
     * {@value #OVERDUE_PRIORITY}.
     */
    @Bean
    JavaDelegate recordOverdueDelegate(ReviewService reviews) {
        return execution -> {
            String caseId = cases.idOf(execution);
            reviews.markOverdue(caseId, clock.now());
            OVERDUE.set(execution, true);
            DEADLINE_SUMMARY.set(execution, reviews.deadlineSummary(caseId));
            var taskService = execution.getProcessEngineServices().getTaskService();
            taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                    .taskDefinitionKeyIn(ProcessConstants.TASK_CLINICAL_REVIEW, ProcessConstants.TASK_MEDICAL_EXCEPTION_REVIEW)
                    .list().forEach(t -> taskService.setPriority(t.getId(), OVERDUE_PRIORITY));
        };
    }

    /**
     * Service task "Record adverse determination": records the reviewer's {@code DENIED} decision with its reason
     * and the criteria it rests on, and sets {@code appealWindow} (ISO-8601).
     */
    @Bean
    JavaDelegate recordAdverseDeterminationDelegate(DeterminationService determinations, CaseActionsService actions,
                                                    ReviewerDecisions decisions) {
        return execution -> {
            String caseId = cases.idOf(execution);
            var d = decisions.require(execution.getProcessInstanceId(), ReviewerDecisions.Kind.REVIEW,
                    ProcessConstants.DENIED, "an adverse determination");
            determinations.deny(caseId, d.decidedBy(), d.decidedAt(), d.reason(), d.deniedCriteriaIds());
            APPEAL_WINDOW.set(execution, actions.appealWindow());
        };
    }

    /**
     * Service task "Record information request": pends the case ({@code PENDING_INFORMATION}) with what the
     * reviewer's {@code REQUEST_INFORMATION} decision asks for, clears the review variables so that the next review
     * starts empty, and, for instances of earlier process versions, sets the wait for the information
     * ({@code informationWaitPeriod}) again from configuration.
     */
    @Bean
    JavaDelegate recordInformationRequestDelegate(DeterminationService determinations, ReviewerDecisions decisions,
                                                  ReviewService reviews, ReviewDeadlines deadlines) {
        return execution -> {
            String caseId = cases.idOf(execution);
            var d = decisions.require(execution.getProcessInstanceId(), ReviewerDecisions.Kind.REVIEW,
                    ProcessConstants.REQUEST_INFORMATION, "a request for information");
            determinations.requestInformation(caseId, d.decidedBy(), d.decidedAt(), d.informationRequested(), d.reason());
            execution.removeVariables(List.of(DECISION, REASON, DENIED_CRITERIA, DECIDED_BY, DECIDED_AT,
                    DENIED_CRITERIA_IDS).stream().map(Var::name).toList());
            INFORMATION_NOT_RECEIVED.set(execution, false);
            deadlines.setForEarlierModels(execution,
                    Map.of(INFORMATION_WAIT_PERIOD.name(), reviews.informationWaitPeriod()));
        };
    }

    /** Service task "Record information received": the amended request is evaluated again. */
    @Bean
    JavaDelegate recordInformationReceivedDelegate(ReviewService reviews) {
        return execution -> {
            reviews.informationReceived(cases.idOf(execution));
            INFORMATION_NOT_RECEIVED.set(execution, false);
        };
    }

    /** Service task "Record information not received": the wait for information ended; the case returns to review marked so. */
    @Bean
    JavaDelegate recordInformationNotReceivedDelegate(ReviewService reviews) {
        return execution -> {
            reviews.informationNotReceived(cases.idOf(execution));
            INFORMATION_NOT_RECEIVED.set(execution, true);
        };
    }

    /** Service task "Record withdrawal" (interrupting event sub-process): the intake system withdrew the open case. */
    @Bean
    JavaDelegate recordWithdrawalDelegate(CaseActionsService actions) {
        return execution -> actions.recordWithdrawal(cases.idOf(execution), WITHDRAWN_BY.from(execution),
                WITHDRAWAL_REASON.from(execution));
    }

    /**
     * Service task "Record appeal": the denial is appealed; an appeal review opens for pa-physician-reviewers. Sets
     * {@code authoritySummary}, the appeal form's line of who may decide it ({@link ReviewerAuthority#appealSummary}),
     * and {@code noticeLinks}, the form's links to the case's determination notices (the adverse determination's
     * among them).
     */
    @Bean
    JavaDelegate recordAppealDelegate(CaseActionsService actions, ReviewerAuthority authority,
                                      DeterminationNoticeService notices) {
        return execution -> {
            String caseId = cases.idOf(execution);
            actions.recordAppeal(caseId, APPEALED_BY.from(execution), APPEAL_REASON.from(execution));
            var c = cases.of(execution);
            AUTHORITY_SUMMARY.set(execution, authority.appealSummary(authority.planOption(c), c.decidedBy()));
            NOTICE_LINKS.set(execution, notices.formLinks(caseId));
        };
    }

    /** Service task "Record appeal upheld": the physician's {@code UPHELD} decision; the denial stands after appeal. */
    @Bean
    JavaDelegate recordAppealUpheldDelegate(CaseActionsService actions, ReviewerDecisions decisions) {
        return execution -> {
            String caseId = cases.idOf(execution);
            var d = decisions.require(execution.getProcessInstanceId(), ReviewerDecisions.Kind.APPEAL,
                    ProcessConstants.UPHELD, "an upheld appeal");
            actions.recordAppealDecision(caseId, AppealStatus.UPHELD, d.decidedBy(), d.decidedAt(), d.reason());
        };
    }

    /**
     * Service task "Record appeal overturned": the physician's {@code OVERTURNED} decision reverses the denial; the
     * decision is left in {@link ReviewerDecisions} for the approval and its authorization that follow.
     */
    @Bean
    JavaDelegate recordAppealOverturnedDelegate(CaseActionsService actions, ReviewerDecisions decisions) {
        return execution -> {
            String caseId = cases.idOf(execution);
            var d = decisions.peek(execution.getProcessInstanceId())
                    .filter(x -> x.kind() == ReviewerDecisions.Kind.APPEAL && ProcessConstants.OVERTURNED.equals(x.decision()))
                    .orElseThrow(() -> new ProcessEngineException("Refused: an overturned appeal needs an OVERTURNED "
                            + "decision recorded by the appeal task's completion in this transaction"));
            actions.recordAppealDecision(caseId, AppealStatus.OVERTURNED, d.decidedBy(), d.decidedAt(), d.reason());
        };
    }

    /**
     * Service task "Record renewal due and issue notice": the renewal window of the case's authorization opens
     * (status RENEWAL_DUE, renewal notice in the outbox) unless a renewal already continues it.
     */
    @Bean
    JavaDelegate recordRenewalDueDelegate(AuthorizationLifecycleService lifecycle) {
        return execution -> RENEWAL_NOTICE_ISSUED.set(execution, lifecycle.openRenewalWindow(
                lifecycle.authorizationOf(cases.idOf(execution)), clock.now()));
    }

    /**
     * Service task "Record renewal request" (non-interrupting event sub-process of the earlier case): remembers the
     * requestId of the renewal that continues this case's authorization (variable {@code renewalRequestedBy}).
     */
    @Bean
    JavaDelegate recordRenewalRequestDelegate() {
        return execution -> RENEWAL_REQUESTED_BY.set(execution.getProcessInstance(), RENEWAL_REQUEST_ID.from(execution));
    }

    /**
     * Service task "Record authorization end": at validTo the case's authorization becomes EXPIRED (or SUPERSEDED
     * by its renewal) and the case EXPIRED.
     */
    @Bean
    JavaDelegate recordAuthorizationEndDelegate(AuthorizationLifecycleService lifecycle) {
        return execution -> AUTHORIZATION_END_STATUS.set(execution,
                lifecycle.end(lifecycle.authorizationOf(cases.idOf(execution))));
    }

    /**
     * End listener of the process: stamps {@code pa_request.closed_at} with the engine time whenever the case's
     * process ends, whichever end it reaches. The record-keeping period of the case's own records runs from that
     * moment, as Camunda's history removal time does (removal-time strategy {@code end}). Nothing happens when the
     * case's records were already purged.
     */
    @Bean
    ExecutionListener recordCaseClosedListener(PriorAuthorizationRepository repository) {
        return execution -> cases.find(execution).ifPresent(c -> repository.markClosed(c.id(), clock.nowInZone()));
    }
}
