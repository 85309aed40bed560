package com.healthplan.pa.kineret.cases;

/**
 * Who or what made an entry of the audit trail ({@code pa_determination.kind}, stored and shown by its name): the
 * system's evaluation of the decision tables, a clinical reviewer (review, request for information, appeal), or the
 * intake system (information received, withdrawal, appeal filed).
 */
public enum DeterminationKind {
    /** The decision tables' evaluation and automatic determinations ({@code decidedBy: system}). */
    SYSTEM,
    /** A reviewer's determination, request for information or appeal decision. */
    REVIEWER,
    /** An event sent by the intake system. */
    INTAKE
}
