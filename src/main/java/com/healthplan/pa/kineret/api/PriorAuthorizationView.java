package com.healthplan.pa.kineret.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A prior-authorization case as the intake API shows it ({@code GET /api/prior-authorizations/{id}},
 * {@code spec/API.md}). Vocabulary of {@code status}, {@code indication}, {@code route} and criteria is
 * {@code spec/RULES.md}. Timestamps are ISO-8601 with offset; {@code authorization.validTo} is the first day the
 * authorization no longer holds.
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
        OffsetDateTime dueBy) {

    /** One criterion: RULES.md ID, result, policy reference and detail. */
    public record Criterion(String id, String result, String reference, String detail) { }

    /** The determination: {@code APPROVED} or {@code DENIED}, who decided ({@code system} or a user id), when and why. */
    public record Decision(String outcome, String decidedBy, OffsetDateTime decidedAt, String reason) { }

    /** The authorization an approval grants; dates ISO-8601, {@code validTo} exclusive. */
    public record Authorization(String id, LocalDate validFrom, LocalDate validTo, String quantityLimit) { }
}
