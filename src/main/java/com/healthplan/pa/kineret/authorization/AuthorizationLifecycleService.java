package com.healthplan.pa.kineret.authorization;

import com.healthplan.pa.kineret.cases.CaseProcess;
import com.healthplan.pa.kineret.cases.CaseStatus;
import com.healthplan.pa.kineret.cases.PriorAuthorizationCase;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRepository;
import com.healthplan.pa.kineret.plan.KineretProperties;
import com.healthplan.pa.kineret.plan.PlanClock;
import java.time.LocalDate;
import java.time.Period;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;

/**
 * The life of an authorization after its approval (policy 5.70.050 "Duration": 12 months initial, 18 months
 * renewal; RULES.md "Approval"): when it starts (a renewal approved while the earlier authorization is still
 * active starts when that one ends, without gap or overlap), when its renewal window opens (a configurable lead
 * time before {@code validTo}, default 30 days) with a renewal notice in the outbox, and how it ends
 * ({@code EXPIRED}, or {@code SUPERSEDED} when a renewal continues it). Dates are calendar dates in the plan's zone;
 * timer moments are the start of those days.
 */
@Service
public class AuthorizationLifecycleService {

    private final AuthorizationRepository authorizations;
    private final PriorAuthorizationRepository cases;
    private final RuntimeService runtime;
    private final PlanClock clock;
    private final Period renewalLead;

    /**
     * @param properties {@code kineret.authorization.renewal-lead}: ISO-8601 period before {@code validTo} at which
     *                   the renewal window opens
     */
    public AuthorizationLifecycleService(AuthorizationRepository authorizations, PriorAuthorizationRepository cases,
                                         RuntimeService runtime, PlanClock clock,
                                         KineretProperties properties) {
        this.authorizations = authorizations;
        this.cases = cases;
        this.runtime = runtime;
        this.clock = clock;
        this.renewalLead = properties.authorization().renewalLead();
    }

    /** The dates of a new authorization. */
    public record Term(LocalDate validFrom, LocalDate validTo, LocalDate renewalDueOn, AuthorizationRecord continues) { }

    /**
     * @param previousAuthorizationId the authorization a renewal continues, or null
     * @param approvedOn              approval date
     * @param months                  duration in calendar months
     * @return the term: from the approval date, or from the end of a previous authorization still holding on it
     */
    public Term term(String previousAuthorizationId, LocalDate approvedOn, int months) {
        AuthorizationRecord previous = previousAuthorizationId == null ? null
                : authorizations.findById(previousAuthorizationId).orElse(null);
        boolean continues = previous != null && previous.status().holds() && previous.supersededBy() == null
                && approvedOn.isBefore(previous.validTo());
        LocalDate from = continues ? previous.validTo() : approvedOn;
        LocalDate to = from.plusMonths(months);
        return new Term(from, to, to.minus(renewalLead), continues ? previous : null);
    }

    /** Links the authorization a renewal continues to the renewal. */
    public void supersede(AuthorizationRecord previous, String renewalId) {
        authorizations.setSupersededBy(previous.id(), renewalId);
    }

    /** @return the moment a timer on a calendar date fires: the start of that day in the plan's zone */
    public Date startOf(LocalDate day) {
        return Date.from(day.atStartOfDay(clock.zone()).toInstant());
    }

    /**
     * Links a renewal request to the authorization it renews, when that authorization is known: records it on the
     * renewal case and correlates message {@code KineretRenewalRequested} to the process instance of the earlier
     * case (which waits in the authorization's life).
     *
     * @return the previous authorization, or empty when the id is unknown or names an authorization of another
     *         member (never linked, never superseded; the renewal is still decided by the renewal rules)
     */
    public Optional<AuthorizationRecord> linkRenewal(String caseId, String requestId, String previousAuthorizationId) {
        // only an authorization of the same member: a renewal must never continue (and supersede) another member's
        String memberId = cases.findById(caseId).map(PriorAuthorizationCase::memberId).orElse(null);
        Optional<AuthorizationRecord> previous = authorizations.findById(previousAuthorizationId)
                .filter(p -> p.memberId().equals(memberId));
        previous.ifPresent(p -> {
            cases.setPreviousAuthorizationId(caseId, p.id());
            cases.findById(p.caseId()).map(PriorAuthorizationCase::processInstanceId).ifPresent(pid ->
                    runtime.createMessageCorrelation(CaseProcess.MESSAGE_RENEWAL_REQUESTED)
                            .processInstanceId(pid)
                            .setVariableLocal(CaseProcess.VAR_RENEWAL_REQUEST_ID, requestId)
                            .correlateAllWithResult());
        });
        return previous;
    }

    /**
     * @param caseId a case that was approved
     * @return the id of the authorization issued for the case ({@code authorization.pa_request_id})
     * @throws java.util.NoSuchElementException when the case has no authorization
     */
    public String authorizationOf(String caseId) {
        return authorizations.findByCaseId(caseId).orElseThrow().id();
    }

    /**
     * The renewal window opens: status {@code RENEWAL_DUE} and a renewal notice in the outbox, unless a renewal
     * already continues the authorization.
     *
     * @return true when a notice was issued
     */
    public boolean openRenewalWindow(String authorizationId, Date at) {
        AuthorizationRecord a = authorizations.findById(authorizationId).orElseThrow();
        if (a.supersededBy() != null) {
            return false;
        }
        authorizations.setStatus(a.id(), AuthorizationStatus.RENEWAL_DUE);
        return authorizations.issueRenewalNotice(a, clock.inZone(at));
    }

    /**
     * The authorization reaches {@code validTo}: {@code SUPERSEDED} when a renewal continues it, else
     * {@code EXPIRED}; its case's status becomes {@code EXPIRED}.
     *
     * @return the authorization's final status
     */
    public String end(String authorizationId) {
        AuthorizationRecord a = authorizations.findById(authorizationId).orElseThrow();
        AuthorizationStatus status = a.supersededBy() != null ? AuthorizationStatus.SUPERSEDED : AuthorizationStatus.EXPIRED;
        authorizations.setStatus(a.id(), status);
        cases.setStatus(a.caseId(), CaseStatus.EXPIRED);
        return status.name();
    }
}
