package com.healthplan.pa.kineret.process;

/** Keys and variable names shared by the BPMN process {@code kineret-prior-authorization} and its Java glue. */
public final class ProcessConstants {
    /** BPMN process id of processes/kineret-prior-authorization.bpmn. */
    public static final String PROCESS_KEY = "kineret-prior-authorization";
    /** Process variable: id of the case row in {@code pa_request} (UUID). */
    public static final String VAR_CASE_ID = "caseId";
    /** Process variable: the intake system's requestId (also the business key). */
    public static final String VAR_REQUEST_ID = "requestId";
    /** Process variable: indication from decision {@code kineret-indication}. */
    public static final String VAR_INDICATION = "indication";
    /** Process variable: COLLECT result of {@code kineret-diagnosis-criteria}. */
    public static final String VAR_DIAGNOSIS_CRITERIA = "diagnosisCriteria";
    /** Process variable: COLLECT result of {@code kineret-safety-criteria}. */
    public static final String VAR_SAFETY_CRITERIA = "safetyCriteria";
    /** Process variable: number of criteria NOT_MET or UNKNOWN. */
    public static final String VAR_OPEN_CRITERIA_COUNT = "openCriteriaCount";
    /** Process variable: comma-joined IDs of criteria NOT_MET or UNKNOWN. */
    public static final String VAR_OPEN_CRITERIA = "openCriteria";
    /** Process variable: one line per open criterion with result, detail and policy reference (review form). */
    public static final String VAR_OPEN_CRITERIA_DETAILS = "openCriteriaDetails";
    /** Process variable: result of PREFERRED_PRODUCTS. */
    public static final String VAR_PREFERRED_PRODUCTS_RESULT = "preferredProductsResult";
    /** Process variable: route from decision {@code kineret-route}. */
    public static final String VAR_ROUTE = "route";
    /** Process variable: single result of {@code kineret-approval-terms}. */
    public static final String VAR_APPROVAL_TERMS = "approvalTerms";
    /** Task variable set by the reviewer: {@code APPROVED} or {@code DENIED}. */
    public static final String VAR_DECISION = "decision";
    /** Task variable set by the reviewer: plain-language reason. */
    public static final String VAR_REASON = "reason";
    /** Process variable: user id of the reviewer who completed the review task. */
    public static final String VAR_DECIDED_BY = "decidedBy";
    /** Candidate group of the review user tasks. */
    public static final String GROUP_CLINICAL_REVIEWERS = "pa-clinical-reviewers";

    private ProcessConstants() {
    }
}
