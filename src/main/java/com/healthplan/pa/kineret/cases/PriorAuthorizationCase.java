package com.healthplan.pa.kineret.cases;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * One stored prior-authorization case (table {@code pa_request}): the request as received, its SHA-256
 * content hash (hex, 64 characters) for idempotent retries, and the determination recorded so far.
 * {@code criteriaJson} is a JSON array of {@code {id, result, reference, detail}}.
 */
public record PriorAuthorizationCase(
        String id,
        String requestId,
        String contentSha256,
        String requestJson,
        String requestType,
        String memberId,
        LocalDate requestDate,
        String urgency,
        CaseStatus status,
        String indication,
        String route,
        String criteriaJson,
        String policyVersion,
        String decisionOutcome,
        String decidedBy,
        OffsetDateTime decidedAt,
        String decisionReason,
        String processInstanceId,
        OffsetDateTime receivedAt,
        OffsetDateTime dueBy,
        OffsetDateTime escalatedAt,
        OffsetDateTime overdueSince,
        String informationRequested,
        String previousAuthorizationId,
        Appeal appeal) {

    /**
     * An appeal of an adverse determination: {@code status} {@code PENDING}, {@code UPHELD} or {@code OVERTURNED};
     * the member's or prescriber's reason; the physician reviewer's decision with its reason.
     */
    public record Appeal(String status, String reason, OffsetDateTime filedAt, String decidedBy, OffsetDateTime decidedAt,
                         String decisionReason) { }

    /** @return a new case in status RECEIVED, as stored on receipt */
    public static PriorAuthorizationCase received(String id, String requestId, String contentSha256, String requestJson,
                                                  String requestType, String memberId, java.time.LocalDate requestDate,
                                                  String urgency, OffsetDateTime receivedAt) {
        return new PriorAuthorizationCase(id, requestId, contentSha256, requestJson, requestType, memberId, requestDate,
                urgency, CaseStatus.RECEIVED, null, null, null, null, null, null, null, null, null, receivedAt,
                null, null, null, null, null, null);
    }

    /** @return true while no final determination is recorded (RECEIVED, IN_REVIEW, PENDING_INFORMATION) */
    public boolean isOpen() {
        return status == CaseStatus.RECEIVED || status == CaseStatus.IN_REVIEW || status == CaseStatus.PENDING_INFORMATION;
    }
}
