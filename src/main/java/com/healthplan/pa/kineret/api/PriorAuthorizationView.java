package com.healthplan.pa.kineret.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A prior-authorization case as the intake API shows it ({@code GET /api/prior-authorizations/{id}},
 * {@code spec/API.md}). Vocabulary of {@code status}, {@code indication}, {@code route} and criteria is
 * {@code spec/RULES.md}. Timestamps are ISO-8601 with offset; {@code authorization.validTo} is the first day the
 * authorization no longer holds. {@code dueBy} is the decision deadline (24 hours from receipt when expedited,
 * 72 hours when standard); {@code overdue} is true once it passed while the case was open;
 * {@code informationRequested} is what a reviewer asked the prescriber for.
 */
@Schema(description = "Prior-authorization case with its determination")
public record PriorAuthorizationView(
        String id,
        String requestId,
        String requestType,
        String status,
        String indication,
        String route,
        List<Criterion> criteria,
        String policyVersion,
        Decision decision,
        Authorization authorization,
        OffsetDateTime receivedAt,
        OffsetDateTime dueBy,
        boolean overdue,
        OffsetDateTime escalatedAt,
        String informationRequested,
        String previousAuthorizationId,
        Appeal appeal) {

    /** An appeal of the denial: status PENDING, UPHELD or OVERTURNED, its reason and the physician's decision. */
    public record Appeal(String status, String reason, OffsetDateTime filedAt, String decidedBy, OffsetDateTime decidedAt,
                         String decisionReason) { }

    /** One criterion: RULES.md ID, result, policy reference and detail. */
    public record Criterion(String id, String result, String reference, String detail) { }

    /** The determination: {@code APPROVED} or {@code DENIED}, who decided ({@code system} or a user id), when and why. */
    public record Decision(String outcome, String decidedBy, OffsetDateTime decidedAt, String reason) { }

    /**
     * One determination of the audit trail: by the system (an evaluation with its route, or an automatic approval) or
     * by a reviewer (approval, adverse determination, request for information), with the criteria results, policy
     * version and decision table versions ({@code key → {version, versionTag}}) it rests on.
     */
    public record Determination(String kind, String outcome, String decidedBy, OffsetDateTime decidedAt, String reason,
                                List<String> criteriaCited, String informationRequested, String route,
                                List<Criterion> criteria, String policyVersion, Object decisionVersions) { }

    /**
     * The authorization an approval grants; dates ISO-8601, {@code validTo} exclusive; status {@code ACTIVE},
     * {@code RENEWAL_DUE}, {@code EXPIRED} or {@code SUPERSEDED}.
     */
    public record Authorization(String id, LocalDate validFrom, LocalDate validTo, String quantityLimit, String status) { }
}
