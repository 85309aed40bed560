package com.healthplan.pa.kineret.process;

import com.healthplan.pa.kineret.cases.DeterminationKind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.healthplan.pa.kineret.authorization.AuthorizationLifecycleService;
import com.healthplan.pa.kineret.authorization.AuthorizationRecord;
import com.healthplan.pa.kineret.authorization.AuthorizationRepository;
import com.healthplan.pa.kineret.cases.CaseAudit;
import com.healthplan.pa.kineret.cases.CaseStatus;
import com.healthplan.pa.kineret.cases.PriorAuthorizationCase;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRepository;
import com.healthplan.pa.kineret.authorization.AuthorizationStatus;
import com.healthplan.pa.kineret.plan.KineretProperties;
import com.healthplan.pa.kineret.plan.PlanClock;
import com.healthplan.pa.kineret.rules.CriterionResult;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.stereotype.Service;

/**
 * Records what the process determines about a case: criteria results, route, approvals with their
 * authorization, adverse determinations and requests for information (RULES.md "Route" and "Approval").
 * Every determination is also kept in the audit trail ({@link CaseAudit}, {@code pa_determination}) with the
 * criteria results, policy version and decision table versions it rests on. Called from the process's delegates inside the
 * engine's transaction.
 */
@Service
public class DeterminationService {

    /** Who decides an automatic approval. */
    public static final String SYSTEM = "system";
    private static final String PREFERRED_PRODUCTS = "PREFERRED_PRODUCTS";

    private final PriorAuthorizationRepository repository;
    private final ObjectMapper objectMapper;
    private final CaseAudit audit;
    private final AuthorizationRepository authorizations;
    private final AuthorizationLifecycleService lifecycle;
    private final String policyVersion;
    private final PlanClock clock;

    /**
     * @param properties    {@code kineret.policy-version}: version label of policy 5.70.050 the tables implement
     * @param clock         the plan's clock: approval dates are calendar dates in its zone
     */
    public DeterminationService(PriorAuthorizationRepository repository, ObjectMapper objectMapper,
                                CaseAudit audit, AuthorizationRepository authorizations,
                                AuthorizationLifecycleService lifecycle,
                                KineretProperties properties, PlanClock clock) {
        this.repository = repository;
        this.authorizations = authorizations;
        this.lifecycle = lifecycle;
        this.audit = audit;
        this.objectMapper = objectMapper;
        this.policyVersion = properties.policyVersion();
        this.clock = clock;
    }

    /**
     * Which criteria are open (NOT_MET or UNKNOWN) and how PREFERRED_PRODUCTS came out (the route table's input),
     * and a reviewer's summary of the open criteria: one line each, {@code ID: RESULT — detail (reference)}.
     */
    public record CriteriaSummary(int openCount, String openIds, String preferredProductsResult, String openDetails) { }

    /**
     * Stores the indication and every criterion result of both tables (diagnosis first, then safety).
     *
     * @param diagnosisRows COLLECT rows of {@code kineret-diagnosis-criteria}
     * @param safetyRows    COLLECT rows of {@code kineret-safety-criteria}
     * @return the summary the route decision reads
     */
    public CriteriaSummary recordCriteria(String caseId, String indication,
                                          List<Map<String, Object>> diagnosisRows,
                                          List<Map<String, Object>> safetyRows) {
        List<CriterionResult> criteria = new ArrayList<>();
        diagnosisRows.forEach(r -> criteria.add(CriterionResult.fromDecisionRow(r)));
        safetyRows.forEach(r -> criteria.add(CriterionResult.fromDecisionRow(r)));
        repository.recordCriteria(caseId, indication, toJson(criteria), policyVersion);
        List<CriterionResult> open = criteria.stream().filter(CriterionResult::isOpen).toList();
        String preferred = criteria.stream().filter(c -> PREFERRED_PRODUCTS.equals(c.id()))
                .map(CriterionResult::result).findFirst().orElse(CriterionResult.NOT_APPLICABLE);
        String details = open.stream()
                .map(c -> c.id() + ": " + c.result() + " — " + c.detail() + " (" + c.reference() + ")")
                .collect(Collectors.joining("\n"));
        return new CriteriaSummary(open.size(), open.stream().map(CriterionResult::id).collect(Collectors.joining(",")),
                preferred, details);
    }

    /**
     * Stores the route (review routes put the case {@code IN_REVIEW}) and keeps the system's evaluation in the
     * audit trail with the criteria results, the policy version and the decision table versions.
     *
     * @param at engine time of the evaluation
     */
    public void recordRoute(String caseId, String route, Date at) {
        repository.recordRoute(caseId, route, ProcessConstants.Routes.AUTO_APPROVE.equals(route) ? CaseStatus.RECEIVED : CaseStatus.IN_REVIEW);
        audit.record(caseId, DeterminationKind.SYSTEM, route, SYSTEM, at, null, null, null, route);
    }

    /**
     * Pends the case for information (status {@code PENDING_INFORMATION}) and keeps the reviewer's request.
     *
     * @param informationRequested what the prescriber is asked for, plain language
     */
    public void requestInformation(String caseId, String decidedBy, Date decidedAt, String informationRequested,
                                   String reason) {
        repository.recordInformationRequest(caseId, informationRequested);
        audit.record(caseId, DeterminationKind.REVIEWER, "REQUEST_INFORMATION", decidedBy, decidedAt, reason, null, informationRequested, null);
    }

    /**
     * Records an approval and creates its authorization: it starts on the approval date (calendar date in the
     * plan's zone) — or, for a renewal approved while the earlier authorization still holds, on that one's
     * {@code validTo} — and lasts {@code durationMonths} calendar months ({@code plusMonths}: 2024-02-29 + 12
     * months = 2025-02-28); {@code validTo} is the first day it no longer holds.
     *
     * @param approvalTerms single result of {@code kineret-approval-terms} (durationMonths, quantityLimit, maxDosePerDayMg)
     * @param decidedBy     {@link #SYSTEM} or the reviewer's user id
     * @param decidedAt     engine time of the determination
     * @return the authorization created
     */
    public AuthorizationRecord approve(String caseId, Map<String, Object> approvalTerms, String decidedBy,
                                       Date decidedAt, String reason) {
        PriorAuthorizationCase c = repository.findById(caseId).orElseThrow(() -> new IllegalStateException("no case " + caseId));
        OffsetDateTime at = clock.inZone(decidedAt);
        int months = ((Number) approvalTerms.get("durationMonths")).intValue();
        Object maxDose = approvalTerms.get("maxDosePerDayMg");
        var term = lifecycle.term(c.previousAuthorizationId(), at.toLocalDate(), months);
        AuthorizationRecord authorization = new AuthorizationRecord(UUID.randomUUID().toString(), caseId, c.memberId(),
                c.indication(), c.requestType(), term.validFrom(), term.validTo(), months,
                String.valueOf(approvalTerms.get("quantityLimit")),
                maxDose == null ? null : new BigDecimal(maxDose.toString()), AuthorizationStatus.ACTIVE, c.previousAuthorizationId(), null,
                term.renewalDueOn());
        authorizations.insert(authorization);
        if (term.continues() != null) {
            lifecycle.supersede(term.continues(), authorization.id());
        }
        repository.recordDecision(caseId, CaseStatus.APPROVED, "APPROVED", decidedBy, at, reason);
        audit.record(caseId, SYSTEM.equals(decidedBy) ? DeterminationKind.SYSTEM : DeterminationKind.REVIEWER, "APPROVED", decidedBy, decidedAt, reason,
                null, null, null);
        return authorization;
    }

    /**
     * Records a clinical reviewer's adverse determination. The product never denies on its own (RULES.md).
     *
     * @param decidedBy     reviewer's user id
     * @param reason        plain-language reason
     * @param criteriaCited comma-joined criterion IDs (RULES.md) the denial rests on
     */
    public void deny(String caseId, String decidedBy, Date decidedAt, String reason, String criteriaCited) {
        repository.recordDecision(caseId, CaseStatus.DENIED, "DENIED", decidedBy,
                clock.inZone(decidedAt), reason);
        audit.record(caseId, DeterminationKind.REVIEWER, "DENIED", decidedBy, decidedAt, reason, criteriaCited, null, null);
    }

    /** @return reason text of an automatic approval, naming the policy version */
    public String automaticApprovalReason() {
        return "Every criterion of policy " + policyVersion + " is met";
    }

    private String toJson(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("criteria not serialisable", e);
        }
    }

}
