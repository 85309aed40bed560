package com.healthplan.pa.kineret.cases;

import java.time.OffsetDateTime;

/**
 * One determination kept for the audit trail (table {@code pa_determination}).
 *
 * @param kind                 {@code SYSTEM} (evaluation by the decision tables) or {@code REVIEWER}
 * @param outcome              a route ({@code AUTO_APPROVE}, {@code CLINICAL_REVIEW}, {@code MEDICAL_EXCEPTION_REVIEW})
 *                             for a system evaluation; {@code APPROVED}, {@code DENIED} or {@code REQUEST_INFORMATION}
 * @param decidedBy            {@code system} or the reviewer's user id
 * @param decidedAt            engine time of the determination (ISO-8601 with offset)
 * @param criteriaCited        comma-joined criterion IDs an adverse determination rests on
 * @param criteriaJson         the criteria results it was made on (JSON array of {@code {id, result, reference, detail}})
 * @param policyVersion        policy version label, e.g. {@code 5.70.050 (2025-04-01)}
 * @param decisionVersionsJson decision table versions in force (JSON object key → {@code {version, versionTag}})
 */
public record DeterminationRecord(
        String id,
        String caseId,
        String kind,
        String outcome,
        String decidedBy,
        OffsetDateTime decidedAt,
        String reason,
        String criteriaCited,
        String informationRequested,
        String route,
        String criteriaJson,
        String policyVersion,
        String decisionVersionsJson) { }
