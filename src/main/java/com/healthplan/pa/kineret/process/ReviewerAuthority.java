package com.healthplan.pa.kineret.process;

import com.healthplan.pa.kineret.cases.PriorAuthorizationCase;
import com.healthplan.pa.kineret.intake.IntakeService;
import com.healthplan.pa.kineret.rules.DecisionKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngineException;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

/**
 * Who may issue which determination, from decision table {@code kineret-reviewer-authority} (its latest deployed
 * version; URAC / NCQA UM standards: adverse determinations of medical necessity by a physician or clinical peer,
 * appeals by a clinical peer not involved in the denial). The table is keyed by determination ({@code APPROVED},
 * {@code DENIED}, {@code REQUEST_INFORMATION}, {@code APPEAL_UPHELD}, {@code APPEAL_OVERTURNED}), by the criterion
 * ID a denial rests on (RULES.md; which criteria are clinical and which administrative is the table's data) and by
 * the case's plan option; it answers the Camunda group the reviewer must belong to, whether the reviewer who made
 * the denial is excluded and the rule in plain language. No matching rule means not authorized.
 *
 * <p>The review listeners ({@link ReviewDecisionListener}, {@link AppealDecisionListener}) enforce it with the
 * groups of the engine's current authentication, the plan option of the stored request and the denier of the case's
 * record; the review forms show it ({@link #reviewSummary}, {@link #appealSummary}).
 */
@Service
public class ReviewerAuthority {

    /** Determination of an upheld appeal, as the table names it. */
    public static final String APPEAL_UPHELD = "APPEAL_UPHELD";
    /** Determination of an overturned appeal, as the table names it. */
    public static final String APPEAL_OVERTURNED = "APPEAL_OVERTURNED";

    private final DecisionService decisions;
    private final IntakeService intake;

    /**
     * @param decisions Camunda's decision service (evaluates the latest deployed version of the table)
     * @param intake    reads the stored request of a case (its plan option)
     */
    public ReviewerAuthority(DecisionService decisions, IntakeService intake) {
        this.decisions = decisions;
        this.intake = intake;
    }

    /**
     * One rule of the table.
     *
     * @param criterionClass  {@code clinical} or {@code administrative} for a denial's criterion, else null
     * @param authorizedGroup the Camunda group the reviewer must belong to
     * @param excludesDenier  whether the reviewer who made the denial may not issue it
     * @param authorityRule   the rule in plain language, with its source
     */
    public record Rule(String criterionClass, String authorizedGroup, boolean excludesDenier, String authorityRule) { }

    /**
     * @param determination {@code APPROVED}, {@code DENIED}, {@code REQUEST_INFORMATION}, {@code APPEAL_UPHELD} or
     *                      {@code APPEAL_OVERTURNED}
     * @param criterionId   for a denial: one criterion ID it rests on; null otherwise
     * @param planOption    the case's plan option ({@code STANDARD}, {@code BASIC}, {@code BLUE_FOCUS}), or null
     * @return the matching rule, or empty when none matches (not authorized)
     * @throws FormFieldValidationException (REST: 400) when a changed table cannot be evaluated for these inputs, e.g.
     *         more than one rule matches (hit policy UNIQUE): the determination is refused until it is corrected
     */
    public Optional<Rule> rule(String determination, String criterionId, String planOption) {
        org.camunda.bpm.dmn.engine.DmnDecisionResultEntries row;
        try {
            DmnDecisionResult result = evaluate(determination, criterionId, planOption);
            if (result.isEmpty()) {
                return Optional.empty();
            }
            row = result.getSingleResult();
        } catch (RuntimeException e) {
            if (!fromTheTable(e)) {
                throw e;
            }
            throw refused("Decision table " + DecisionKeys.REVIEWER_AUTHORITY + " gives no single rule for "
                    + describe(determination, criterionId) + " for plan option " + planOption
                    + " (hit policy UNIQUE): the determination is refused until the table is corrected.");
        }
        String group = row.getEntry("authorizedGroup");
        if (group == null || group.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Rule(row.getEntry("criterionClass"), group,
                Boolean.TRUE.equals(row.getEntry("excludesDenier")), row.getEntry("authorityRule")));
    }

    /**
     * The authority of a determination is checked against the table: for a denial once per cited criterion.
     *
     * @param determination see {@link #rule}
     * @param criteria      for a denial the criterion IDs it rests on (already checked against the case's open
     *                      criteria), otherwise empty
     * @param planOption    the case's plan option as stored
     * @param auth          the engine's current authentication (its user and groups)
     * @param denier        the reviewer who made the denial, from the case's record, or null
     * @throws FormFieldValidationException (REST: 400, the task stays open) naming the rule and the group needed when
     *         the reviewer lacks it, is the excluded denier, or no rule covers the determination
     */
    public void check(String determination, Collection<String> criteria, String planOption, Authentication auth,
                      String denier) {
        List<String> cited = criteria == null || criteria.isEmpty() ? java.util.Collections.singletonList(null)
                : List.copyOf(criteria);
        List<String> groups = auth == null || auth.getGroupIds() == null ? List.of() : auth.getGroupIds();
        String user = auth == null ? null : auth.getUserId();
        for (String criterionId : cited) {
            String what = describe(determination, criterionId);
            Rule rule = rule(determination, criterionId, planOption).orElseThrow(() -> refused("No reviewer-authority "
                    + "rule (decision table " + DecisionKeys.REVIEWER_AUTHORITY + ") covers " + what + " for plan option "
                    + planOption + ": the determination is refused."));
            if (!groups.contains(rule.authorizedGroup())) {
                throw refused("Only members of " + rule.authorizedGroup() + " may make " + what + ". "
                        + rule.authorityRule());
            }
            if (rule.excludesDenier() && (user == null || user.equals(denier))) {
                throw refused("The reviewer who made the denial cannot decide its appeal. " + rule.authorityRule());
            }
        }
    }

    /**
     * @param planOption the case's plan option
     * @return whether the reviewer who made the denial is kept from its appeal: true when a rule for upholding or
     *         overturning excludes the denier, and when no rule covers either (fail closed)
     */
    public boolean appealExcludesDenier(String planOption) {
        for (String determination : List.of(APPEAL_UPHELD, APPEAL_OVERTURNED)) {
            Optional<Rule> rule = rule(determination, null, planOption);
            if (rule.isEmpty() || rule.get().excludesDenier()) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param c a stored case
     * @return the plan option of its stored request ({@code STANDARD}, {@code BASIC}, {@code BLUE_FOCUS}), never a
     *         process variable
     */
    public String planOption(PriorAuthorizationCase c) {
        var option = intake.readRequest(c).planOption();
        return option == null ? null : option.name();
    }

    /**
     * The review form's authority lines for a case, from the table: denial on each open criterion (grouped by rule),
     * approval and request for information, e.g. {@code Deny on RA_AGE (clinical): pa-physician-reviewers — …}.
     *
     * @param planOption   the case's plan option
     * @param openCriteria the criterion IDs the system recorded as NOT_MET or UNKNOWN, in order
     * @return plain text, one line per rule
     * @throws FormFieldValidationException when a changed table gives no single rule ({@link #rule}): the service
     *         task fails and Camunda raises an incident once its retries are spent
     */
    public String reviewSummary(String planOption, List<String> openCriteria) {
        Map<Optional<Rule>, List<String>> denials = new LinkedHashMap<>();
        openCriteria.forEach(id -> denials.computeIfAbsent(rule(ProcessConstants.DENIED, id, planOption),
                r -> new ArrayList<>()).add(id));
        List<String> lines = new ArrayList<>();
        denials.forEach((rule, ids) -> lines.add("Deny on " + String.join(", ", ids)
                + rule.map(r -> r.criterionClass() != null ? " (" + r.criterionClass() + ")" : "").orElse("")
                + ": " + line(rule, null)));
        if (openCriteria.isEmpty()) {
            lines.add("Deny: no open criterion to rest a denial on");
        }
        lines.add("Approve: " + line(rule(ProcessConstants.APPROVED, null, planOption), null));
        lines.add("Request information: " + line(rule(ProcessConstants.REQUEST_INFORMATION, null, planOption), null));
        return String.join("\n", lines);
    }

    /**
     * The appeal form's authority lines, from the table.
     *
     * @param planOption the case's plan option
     * @param denier     the reviewer who made the denial (case record)
     * @return plain text, one line for upholding and overturning when they share a rule, else one each
     */
    public String appealSummary(String planOption, String denier) {
        Optional<Rule> upheld = rule(APPEAL_UPHELD, null, planOption);
        Optional<Rule> overturned = rule(APPEAL_OVERTURNED, null, planOption);
        if (Objects.equals(upheld, overturned)) {
            return "Uphold or overturn: " + line(upheld, denier);
        }
        return "Uphold: " + line(upheld, denier) + "\nOverturn: " + line(overturned, denier);
    }

    /** @return whether the DMN engine refused the table's evaluation (Camunda wraps it in a ProcessEngineException) */
    private static boolean fromTheTable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DmnEngineException) {
                return true;
            }
        }
        return false;
    }

    private static String line(Optional<Rule> rule, String denier) {
        return rule.map(r -> r.authorizedGroup() + (r.excludesDenier()
                        ? ", not the reviewer who made the denial" + (denier != null ? " (" + denier + ")" : "") : "")
                        + " — " + r.authorityRule())
                .orElse("no rule: refused");
    }

    private static String describe(String determination, String criterionId) {
        return switch (determination) {
            case ProcessConstants.DENIED -> "a denial on " + criterionId;
            case ProcessConstants.APPROVED -> "an approval";
            case ProcessConstants.REQUEST_INFORMATION -> "a request for information";
            case APPEAL_UPHELD -> "an upheld appeal";
            case APPEAL_OVERTURNED -> "an overturned appeal";
            default -> "this determination";
        };
    }

    /**
     * Evaluates the table as the system: inside a command (a task's complete listener) Camunda would otherwise check
     * the reviewer's permission to evaluate decision definitions, which reviewers do not hold.
     */
    private DmnDecisionResult evaluate(String determination, String criterionId, String planOption) {
        var variables = Variables.createVariables().putValue("determination", determination)
                .putValue("criterionId", criterionId).putValue("planOption", planOption);
        CommandContext context = Context.getCommandContext();
        if (context == null) {
            return decisions.evaluateDecisionByKey(DecisionKeys.REVIEWER_AUTHORITY).variables(variables).evaluate();
        }
        return context.runWithoutAuthorization(
                () -> decisions.evaluateDecisionByKey(DecisionKeys.REVIEWER_AUTHORITY).variables(variables).evaluate());
    }

    private static FormFieldValidationException refused(String message) {
        return new FormFieldValidationException(null, message);
    }
}
