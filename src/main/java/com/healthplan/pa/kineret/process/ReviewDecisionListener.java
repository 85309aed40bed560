package com.healthplan.pa.kineret.process;

import com.healthplan.pa.kineret.cases.PriorAuthorizationCase;
import com.healthplan.pa.kineret.plan.PlanClock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import com.healthplan.pa.kineret.rules.CriterionResult;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;

/**
 * Complete listener of the review user tasks; it enforces the rules of an adverse determination and records
 * who decided and when. Who may issue which determination is decision table {@code kineret-reviewer-authority}
 * ({@link ReviewerAuthority}: by default a denial on a clinical criterion only by {@code pa-physician-reviewers},
 * an administrative denial, an approval or a request for information by {@code pa-clinical-reviewers}; URAC /
 * NCQA UM standards), checked with the groups of the engine's current authentication and the plan option of the
 * case's stored request; a denial citing several criteria needs the authority of each. A refused completion leaves
 * the task open (Tasklist shows the message in the form).
 *
 * <ul>
 *   <li>{@code decision}: {@code APPROVED}, {@code DENIED} or {@code REQUEST_INFORMATION}.</li>
 *   <li>{@code APPROVED}: {@code reason} is the reviewer's rationale for overriding open criteria (required).</li>
 *   <li>{@code DENIED}: a plain-language {@code reason} and at least one criterion ID in {@code deniedCriteria}
 *       (list, JSON array or comma-separated), each one the system recorded for this case as NOT_MET or UNKNOWN
 *       ({@link ReviewService#storedCriteria}; the criteria variables are not read).</li>
 *   <li>{@code REQUEST_INFORMATION}: {@code informationRequested} says what is needed.</li>
 * </ul>
 * A decision that passes is recorded for the rest of the transaction in {@link ReviewerDecisions} (decider =
 * the authenticated user, reason, denied criteria, information requested): the delegates that record the
 * determination read it from there, never from process variables. For the forms it also sets process variables
 * {@code decidedBy}, {@code decidedAt} (Date) and {@code deniedCriteriaIds} (comma-joined).
 *
 * @throws FormFieldValidationException (REST: 400) with a plain-language message when a rule is not met
 */
@Component("reviewDecisionListener")
public class ReviewDecisionListener implements TaskListener {

    private static final Set<String> DECISIONS = Set.of(ProcessConstants.APPROVED, ProcessConstants.DENIED,
            ProcessConstants.REQUEST_INFORMATION);

    private final ReviewerDecisions decisions;
    private final TrustedCases cases;
    private final ReviewService reviews;
    private final PlanClock clock;
    private final ReviewerAuthority authority;

    /**
     * @param decisions      where a validated decision is recorded for the delegates that follow
     * @param cases          the case of the task's process instance
     * @param reviews        the criteria results stored for the case
     * @param clock          the engine's time of the decision
     * @param authority      who may issue which determination (decision table {@code kineret-reviewer-authority})
     */
    public ReviewDecisionListener(ReviewerDecisions decisions, TrustedCases cases, ReviewService reviews,
                                  PlanClock clock, ReviewerAuthority authority) {
        this.clock = clock;
        this.authority = authority;
        this.decisions = decisions;
        this.cases = cases;
        this.reviews = reviews;
    }

    @Override
    public void notify(DelegateTask task) {
        Object decision = ProcessVariables.DECISION.raw(task);
        if (!(decision instanceof String d) || !DECISIONS.contains(d)) {
            throw refused("Choose a determination: APPROVED, DENIED or REQUEST_INFORMATION.");
        }
        String reason = text(ProcessVariables.REASON.raw(task));
        Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        PriorAuthorizationCase c = cases.of(task.getProcessInstanceId());
        if (!ProcessConstants.DENIED.equals(d)) {
            authority.check(d, List.of(), authority.planOption(c), auth, c.decidedBy());
        }
        String deniedIds = null;
        switch (d) {
            case ProcessConstants.APPROVED -> {
                if (reason == null) {
                    throw refused("An approval by a reviewer needs its rationale in Reason.");
                }
            }
            case ProcessConstants.DENIED -> {
                if (reason == null) {
                    throw refused("A denial needs a plain-language reason.");
                }
                List<String> cited = criterionIds(ProcessVariables.DENIED_CRITERIA.raw(task));
                if (cited.isEmpty()) {
                    throw refused("A denial must name at least one criterion it rests on.");
                }
                Set<String> open = openCriterionIds(c);
                List<String> unknown = cited.stream().filter(id -> !open.contains(id)).toList();
                if (!unknown.isEmpty()) {
                    // name the case's criteria, never the cited text (a reviewer's input; Camunda logs this message)
                    throw refused("Not open criteria of this case (NOT_MET or UNKNOWN): " + unknown.size()
                            + " of the cited IDs; choose from " + (open.isEmpty() ? "none" : String.join(", ", open)) + ".");
                }
                // every cited ID is now one the system recorded for the case: the refusal may name it
                authority.check(d, cited, authority.planOption(c), auth, c.decidedBy());
                deniedIds = String.join(",", cited);
            }
            default -> {
                if (text(ProcessVariables.INFORMATION_REQUESTED.raw(task)) == null) {
                    throw refused("Say which information is needed.");
                }
            }
        }
        if (auth == null || auth.getUserId() == null) {
            throw refused("A review decision needs an authenticated user.");
        }
        String decidedBy = auth.getUserId();
        java.util.Date decidedAt = clock.now();
        decisions.record(task.getProcessInstanceId(), new ReviewerDecisions.Decision(ReviewerDecisions.Kind.REVIEW, d,
                decidedBy, decidedAt, reason, deniedIds,
                ProcessConstants.REQUEST_INFORMATION.equals(d)
                        ? text(ProcessVariables.INFORMATION_REQUESTED.raw(task)) : null));
        ProcessVariables.DECIDED_BY.set(task.getExecution(), decidedBy);
        ProcessVariables.DECIDED_AT.set(task.getExecution(), decidedAt);
        ProcessVariables.DENIED_CRITERIA_IDS.set(task.getExecution(), deniedIds);
    }

    /**
     * @param value a list, a Spin JSON array, a JSON array text or a comma/space-separated text of criterion IDs
     * @return the distinct IDs, trimmed and upper-cased, in the given order
     */
    static List<String> criterionIds(Object value) {
        List<String> raw = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            c.forEach(o -> raw.add(String.valueOf(o)));
        } else if (value instanceof SpinJsonNode node) {
            addJson(node, raw);
        } else if (value != null) {
            String text = value.toString().trim();
            if (text.startsWith("[")) {
                addJson(Spin.JSON(text), raw);
            } else {
                raw.addAll(Arrays.asList(text.split("[,;\\s]+")));
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        raw.stream().map(String::trim).filter(s -> !s.isEmpty()).map(s -> s.toUpperCase(java.util.Locale.ROOT)).forEach(ids::add);
        return List.copyOf(ids);
    }

    private static void addJson(SpinJsonNode node, List<String> out) {
        if (node.isArray()) {
            node.elements().forEach(e -> out.add(e.isString() ? e.stringValue() : e.toString()));
        } else if (node.isString()) {
            out.add(node.stringValue());
        }
    }

    /** The case's criteria results as stored by the system (never its criteria variables): NOT_MET or UNKNOWN. */
    private Set<String> openCriterionIds(PriorAuthorizationCase c) {
        Set<String> ids = new LinkedHashSet<>();
        reviews.storedCriteria(c).stream()
                .filter(CriterionResult::isOpen).forEach(r -> ids.add(r.id()));
        return ids;
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s.trim() : null;
    }

    private static FormFieldValidationException refused(String message) {
        return new FormFieldValidationException(null, message);
    }
}
