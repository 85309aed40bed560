package com.healthplan.pa.kineret.process;

import com.healthplan.pa.kineret.cases.PriorAuthorizationCase;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.springframework.stereotype.Component;

/**
 * The review's deadlines as the process model reads them (bean {@code reviewDeadlines}): the due date of the review
 * user tasks, the boundary timers "Decision deadline passed" and "Decision deadline at 75 %", the gateway "Already
 * escalated?" and the information wait. Each is read from the case record ({@code pa_request.received_at},
 * {@code due_by}, {@code escalated_at}) of the process instance ({@link TrustedCases}) or from configuration, never
 * from a process variable, so that no variable written through Camunda's APIs can move a deadline or skip an
 * escalation. The decision deadline itself is fixed once by service task "Record decision deadline"
 * ({@link ReviewService#startClock}) from decision table {@code kineret-decision-deadline} (RULES.md, decision
 * timeframes).
 */
@Component("reviewDeadlines")
public class ReviewDeadlines {

    /**
     * A deadline variable named in an expression of the model ({@code ${dueBy}}, {@code ${escalated == true}}), not
     * a method of this bean ({@code ${reviewDeadlines.dueBy(execution)}}).
     */
    private static final Pattern DEADLINE_VARIABLE_READ = Pattern.compile(
            "\\$\\{[^}]*(?<![.\\w])(dueBy|escalateAt|escalated|informationWaitPeriod)(?![\\w(])");

    private final TrustedCases cases;
    private final ReviewService reviews;
    /** Process definition id → whether its model reads the deadline variables (one entry per deployed version). */
    private final Map<String, Boolean> modelsReadingVariables = new ConcurrentHashMap<>();

    /**
     * @param cases   the case of the process instance
     * @param reviews the configured information wait
     */
    public ReviewDeadlines(TrustedCases cases, ReviewService reviews) {
        this.cases = cases;
        this.reviews = reviews;
    }

    /**
     * @param execution an execution of the case's process instance
     * @return the decision deadline ({@code pa_request.due_by}), as the engine's {@link Date}
     * @throws ProcessEngineException when the deadline was not fixed yet (an incident: the model reads it only after
     *                                "Record decision deadline")
     */
    public Date dueBy(DelegateExecution execution) {
        return Date.from(deadline(cases.of(execution)).toInstant());
    }

    /**
     * @param execution an execution of the case's process instance
     * @return the moment 75 % of the time from receipt to the decision deadline
     *         has passed, when supervisors are alerted
     * @throws ProcessEngineException when the deadline was not fixed yet
     */
    public Date escalateAt(DelegateExecution execution) {
        PriorAuthorizationCase c = cases.of(execution);
        return Date.from(ReviewService.escalationMoment(c.receivedAt(), deadline(c)).toInstant());
    }

    /**
     * @param execution an execution of the case's process instance
     * @return true once the case was escalated to supervisors ({@code pa_request.escalated_at} set)
     */
    public boolean escalated(DelegateExecution execution) {
        return cases.of(execution).escalatedAt() != null;
    }

    /** @return ISO-8601 duration to wait for requested information ({@code kineret.review.information-wait}) */
    public String informationWaitPeriod() {
        return reviews.informationWaitPeriod();
    }

    /**
     * Sets deadline variables ({@code dueBy}, {@code escalateAt}, {@code escalated}, {@code informationWaitPeriod})
     * only when the model version of the execution's process definition reads them: the versions deployed before
     * this bean existed, whose instances may still be waiting. The current model reads this bean instead, so its
     * instances store none of them. Whether a model reads them is decided once per process definition and node.
     *
     * @param execution an execution of a {@code kineret-prior-authorization} instance
     * @param variables variable name → value, for the earlier models
     */
    public void setForEarlierModels(DelegateExecution execution, Map<String, Object> variables) {
        boolean reads = modelsReadingVariables.computeIfAbsent(execution.getProcessDefinitionId(),
                id -> readsDeadlineVariables(Bpmn.convertToString(execution.getBpmnModelInstance())));
        if (reads) {
            execution.setVariables(variables);
        }
    }

    /**
     * @param bpmnXml a BPMN 2.0 model as XML
     * @return true when an expression ({@code ${...}}) of it names a deadline variable
     */
    static boolean readsDeadlineVariables(String bpmnXml) {
        return DEADLINE_VARIABLE_READ.matcher(bpmnXml).find();
    }

    private static OffsetDateTime deadline(PriorAuthorizationCase c) {
        if (c.dueBy() == null) {
            throw new ProcessEngineException("No decision deadline is recorded for case " + c.id());
        }
        return c.dueBy();
    }
}
