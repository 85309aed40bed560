package com.healthplan.pa.kineret.process;

import com.healthplan.pa.kineret.cases.AppealStatus;
import com.healthplan.pa.kineret.cases.DeterminationKind;
import com.healthplan.pa.kineret.cases.CaseAudit;
import com.healthplan.pa.kineret.cases.CaseProblem;
import com.healthplan.pa.kineret.cases.CaseStatus;
import com.healthplan.pa.kineret.cases.PriorAuthorizationCase;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRepository;
import com.healthplan.pa.kineret.plan.KineretProperties;
import com.healthplan.pa.kineret.plan.PlanClock;
import java.util.Date;
import java.util.NoSuchElementException;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the intake system can do to a case besides submitting it: withdraw it while it is open, and appeal a
 * denial within the appeal window (default 180 days from the adverse determination). Both are messages to the
 * case's process instance; the process records them ({@code Record withdrawal}, {@code Record appeal}).
 */
@Service
public class CaseActionsService {

    private final PriorAuthorizationRepository cases;
    private final CaseAudit audit;
    private final RuntimeService runtime;
    private final PlanClock clock;
    private final String appealWindow;
    private final KineretProperties.Appeal appeal;

    /**
     * @param properties {@code kineret.appeal.window}: ISO-8601 period in which a denial can be appealed
     */
    public CaseActionsService(PriorAuthorizationRepository cases, CaseAudit audit,
                              RuntimeService runtime, PlanClock clock,
                              KineretProperties properties) {
        this.cases = cases;
        this.audit = audit;
        this.runtime = runtime;
        this.clock = clock;
        this.appealWindow = properties.appeal().window();
        this.appeal = properties.appeal();
    }

    /** The case is not in a state that allows the action (problem {@code action-not-allowed}, HTTP 409). */
    public static class ActionNotAllowedException extends CaseProblem.NotAllowed {
        private static final long serialVersionUID = 1L;

        /** @param message why, in plain language */
        public ActionNotAllowedException(String message) {
            super("action-not-allowed", "Not allowed in the case's state", message);
        }
    }

    /** @return the ISO-8601 period in which a denial can be appealed, e.g. {@code P180D} */
    public String appealWindow() {
        return appealWindow;
    }

    /**
     * Withdraws an open case ({@code RECEIVED}, {@code IN_REVIEW}, {@code PENDING_INFORMATION}); its open tasks end.
     *
     * @throws NoSuchElementException   for an unknown case
     * @throws ActionNotAllowedException when the case is already decided or withdrawn
     */
    @Transactional
    public PriorAuthorizationCase withdraw(String caseId, String user, String reason) {
        PriorAuthorizationCase c = cases.findById(caseId).orElseThrow();
        if (!c.isOpen()) {
            throw new ActionNotAllowedException("Case " + caseId + " is " + c.status() + "; only open cases can be withdrawn");
        }
        correlate(c, ProcessConstants.MESSAGE_WITHDRAWAL, ProcessVariables.WITHDRAWN_BY, user,
                ProcessVariables.WITHDRAWAL_REASON, reason);
        return cases.findById(caseId).orElseThrow();
    }

    /**
     * Appeals a denial: allowed once, while the case is {@code DENIED} and the appeal window since the adverse
     * determination has not passed. Opens an appeal review for {@code pa-physician-reviewers}.
     *
     * @param reason why the member or prescriber disagrees (required)
     * @throws NoSuchElementException   for an unknown case
     * @throws ActionNotAllowedException when the case is not denied, already appealed, or the window has passed
     */
    @Transactional
    public PriorAuthorizationCase appeal(String caseId, String user, String reason) {
        PriorAuthorizationCase c = cases.findById(caseId).orElseThrow();
        if (c.status() != CaseStatus.DENIED) {
            throw new ActionNotAllowedException("Case " + caseId + " is " + c.status() + "; only a denial can be appealed");
        }
        if (c.appeal() != null) {
            throw new ActionNotAllowedException("Case " + caseId + " was already appealed on " + c.appeal().filedAt());
        }
        Date now = clock.now();
        var deadline = appeal.endsAt(c.decidedAt(), clock.zone());
        if (!now.toInstant().isBefore(deadline.toInstant())) {
            throw new ActionNotAllowedException("The appeal window of " + appealWindow + " ended on " + deadline.toLocalDate());
        }
        correlate(c, ProcessConstants.MESSAGE_APPEAL, ProcessVariables.APPEALED_BY, user,
                ProcessVariables.APPEAL_REASON, reason);
        return cases.findById(caseId).orElseThrow();
    }

    /** Process side of a withdrawal: status {@code WITHDRAWN}, kept in the audit trail. */
    public void recordWithdrawal(String caseId, String user, String reason) {
        cases.setStatus(caseId, CaseStatus.WITHDRAWN);
        audit.record(caseId, DeterminationKind.INTAKE, "WITHDRAWN", user, clock.now(), reason, null, null, null);
    }

    /** Process side of an appeal: appeal {@code PENDING}, kept in the audit trail. */
    public void recordAppeal(String caseId, String user, String reason) {
        Date now = clock.now();
        cases.recordAppealFiled(caseId, reason, clock.inZone(now));
        audit.record(caseId, DeterminationKind.INTAKE, "APPEAL_FILED", user, now, reason, null, null, null);
    }

    /**
     * Process side of an appeal decision.
     *
     * @param status {@code UPHELD} or {@code OVERTURNED}
     */
    public void recordAppealDecision(String caseId, AppealStatus status, String decidedBy, Date decidedAt, String reason) {
        cases.recordAppealDecision(caseId, status, decidedBy, clock.inZone(decidedAt), reason);
        audit.record(caseId, DeterminationKind.REVIEWER, "APPEAL_" + status.name(), decidedBy, decidedAt, reason, null, null, null);
    }

    private void correlate(PriorAuthorizationCase c, String message, Var<String> userVariable, String user,
                           Var<String> reasonVariable, String reason) {
        try {
            runtime.createMessageCorrelation(message)
                    .processInstanceId(c.processInstanceId())
                    .setVariables(reasonVariable.put(userVariable.put(Variables.createVariables(), user), reason))
                    .correlateWithResult();
        } catch (MismatchingMessageCorrelationException e) {
            throw new ActionNotAllowedException("Case " + c.id() + " is not waiting for this action any more");
        }
    }
}
