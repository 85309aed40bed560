package com.healthplan.pa.kineret.cases;

/** Status of a prior-authorization case, as exposed by the intake API ({@code spec/API.md}). */
public enum CaseStatus {
    /** Stored, not yet evaluated. */
    RECEIVED,
    /** Waiting for a clinical reviewer's determination. */
    IN_REVIEW,
    /** Waiting for information requested from the prescriber. */
    PENDING_INFORMATION,
    /** Approved: an authorization exists. */
    APPROVED,
    /** Adverse determination by a clinical reviewer. */
    DENIED,
    /** Withdrawn by the intake system. */
    WITHDRAWN,
    /** The authorization has expired. */
    EXPIRED
}
