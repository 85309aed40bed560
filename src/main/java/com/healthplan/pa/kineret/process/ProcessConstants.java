package com.healthplan.pa.kineret.process;

import com.healthplan.pa.kineret.cases.CaseProcess;
import com.healthplan.pa.kineret.cases.Groups;

/**
 * Keys and variable names shared by the BPMN process {@code kineret-prior-authorization} and its Java glue. The names
 * the case file starts and signals instances with are defined in {@link CaseProcess}, the group names in
 * {@link Groups}; the fields here refer to them.
 */
public final class ProcessConstants {
    /** BPMN process id of processes/kineret-prior-authorization.bpmn. */
    public static final String PROCESS_KEY = CaseProcess.PROCESS_KEY;
    /** Process variable: id of the case row in {@code pa_request} (UUID). */
    public static final String VAR_CASE_ID = CaseProcess.VAR_CASE_ID;
    /** Process variable: the intake system's requestId (also the business key). */
    public static final String VAR_REQUEST_ID = CaseProcess.VAR_REQUEST_ID;
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
    /** Process variable: {@code STANDARD} or {@code EXPEDITED}, input of {@code kineret-decision-deadline}. */
    public static final String VAR_URGENCY = CaseProcess.VAR_URGENCY;
    /** Process variable: criterion IDs a denial rests on (reviewer's choice, list or comma-joined). */
    public static final String VAR_DENIED_CRITERIA = "deniedCriteria";
    /** Process variable: what the reviewer asks the prescriber for (REQUEST_INFORMATION). */
    public static final String VAR_INFORMATION_REQUESTED = "informationRequested";
    /** Process variable: decision deadline (java.util.Date), due date of the review tasks. */
    public static final String VAR_DUE_BY = "dueBy";
    /** Process variable: 75 % of the decision deadline (java.util.Date). */
    public static final String VAR_ESCALATE_AT = "escalateAt";
    /** Process variable: ISO-8601 duration to wait for requested information. */
    public static final String VAR_INFORMATION_WAIT_PERIOD = "informationWaitPeriod";
    /** Process variable: true once escalated to supervisors. */
    public static final String VAR_ESCALATED = "escalated";
    /** Process variable: true when requested information did not arrive in time. */
    public static final String VAR_INFORMATION_NOT_RECEIVED = "informationNotReceived";
    /** Message correlated when the intake system sends additional information. */
    public static final String MESSAGE_ADDITIONAL_INFORMATION = CaseProcess.MESSAGE_ADDITIONAL_INFORMATION;
    /** Message correlated to the earlier case's instance when a renewal of its authorization is requested. */
    public static final String MESSAGE_RENEWAL_REQUESTED = CaseProcess.MESSAGE_RENEWAL_REQUESTED;
    /** Message that withdraws an open case (interrupting event sub-process). */
    public static final String MESSAGE_WITHDRAWAL = "KineretWithdrawal";
    /** Message that files an appeal of a denial. */
    public static final String MESSAGE_APPEAL = "KineretAppeal";
    /** Process variable: id of the authorization the case granted. */
    public static final String VAR_AUTHORIZATION_ID = "authorizationId";
    /** Decision value: the reviewer pends the case for information. */
    public static final String REQUEST_INFORMATION = "REQUEST_INFORMATION";
    /** Candidate group of the review user tasks. */
    public static final String GROUP_CLINICAL_REVIEWERS = Groups.CLINICAL_REVIEWERS;

    private ProcessConstants() {
    }
}
