package com.healthplan.pa.kineret.process;

import com.healthplan.pa.kineret.cases.CaseProcess;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The process and task variables of {@code kineret-prior-authorization}, typed ({@link Var}). The names are those
 * stored by running instances (which live up to 18 months) and read by the BPMN model, the forms and the decision
 * tables: they never change. Variables only written for the forms or for instances of earlier process versions are
 * listed too, so that no variable name appears anywhere else in the application.
 */
public final class ProcessVariables {

    // --- intake and evaluation

    /** Id of the case row in {@code pa_request} (UUID); set at start, never trusted (see {@link TrustedCases}). */
    public static final Var<String> CASE_ID = Var.of(CaseProcess.VAR_CASE_ID, String.class);
    /** The intake system's requestId (also the business key). */
    public static final Var<String> REQUEST_ID = Var.of(CaseProcess.VAR_REQUEST_ID, String.class);
    /** {@code STANDARD} or {@code EXPEDITED}, input of {@code kineret-decision-deadline}. */
    public static final Var<String> URGENCY = Var.of(CaseProcess.VAR_URGENCY, String.class);
    /** Plan option of the request (e.g. {@code COMMERCIAL}), set at start. */
    public static final Var<String> PLAN_OPTION = Var.of(CaseProcess.VAR_PLAN_OPTION, String.class);
    /** {@code INITIAL} or {@code RENEWAL}: input of {@code kineret-approval-terms}. */
    public static final Var<String> REQUEST_TYPE = Var.of("requestType", String.class);
    /** Member's weight in kg, a derived fact and input of {@code kineret-approval-terms}. */
    public static final Var<Object> WEIGHT_KG = Var.of("weightKg", Object.class);
    /** Indication from decision {@code kineret-indication}. */
    public static final Var<String> INDICATION = Var.of("indication", String.class);
    /** COLLECT result of {@code kineret-diagnosis-criteria}. */
    public static final Var<List<Map<String, Object>>> DIAGNOSIS_CRITERIA = Var.generic("diagnosisCriteria", List.class);
    /** COLLECT result of {@code kineret-safety-criteria}. */
    public static final Var<List<Map<String, Object>>> SAFETY_CRITERIA = Var.generic("safetyCriteria", List.class);
    /** Number of criteria NOT_MET or UNKNOWN. */
    public static final Var<Integer> OPEN_CRITERIA_COUNT = Var.of("openCriteriaCount", Integer.class);
    /** Comma-joined IDs of criteria NOT_MET or UNKNOWN. */
    public static final Var<String> OPEN_CRITERIA = Var.of("openCriteria", String.class);
    /** One line per open criterion with result, detail and policy reference (review form). */
    public static final Var<String> OPEN_CRITERIA_DETAILS = Var.of("openCriteriaDetails", String.class);
    /** Result of PREFERRED_PRODUCTS. */
    public static final Var<String> PREFERRED_PRODUCTS_RESULT = Var.of("preferredProductsResult", String.class);
    /** Route from decision {@code kineret-route} ({@link ProcessConstants.Routes}). */
    public static final Var<String> ROUTE = Var.of("route", String.class);
    /** Hours from receipt to the decision deadline, result of {@code kineret-decision-deadline}. */
    public static final Var<Number> DEADLINE_HOURS = Var.of("deadlineHours", Number.class);
    /** Single result of {@code kineret-approval-terms}. */
    public static final Var<Map<String, Object>> APPROVAL_TERMS = Var.generic("approvalTerms", Map.class);

    // --- review (task variables of the form, then what the complete listener sets for the forms)

    /** Set by the reviewer: {@code APPROVED}, {@code DENIED} or {@code REQUEST_INFORMATION}. */
    public static final Var<String> DECISION = Var.of("decision", String.class);
    /** Set by the reviewer: plain-language reason. */
    public static final Var<String> REASON = Var.of("reason", String.class);
    /** Set by the reviewer: criterion IDs a denial rests on (list, JSON array or comma-joined text). */
    public static final Var<Object> DENIED_CRITERIA = Var.of("deniedCriteria", Object.class);
    /** Set by the reviewer: what the prescriber is asked for (REQUEST_INFORMATION). */
    public static final Var<String> INFORMATION_REQUESTED = Var.of("informationRequested", String.class);
    /** User id of the reviewer who completed the review task (for the forms). */
    public static final Var<String> DECIDED_BY = Var.of("decidedBy", String.class);
    /** Engine time of the review decision (for the forms). */
    public static final Var<Date> DECIDED_AT = Var.of("decidedAt", Date.class);
    /** Comma-joined criterion IDs a denial rests on, as validated (for the forms). */
    public static final Var<String> DENIED_CRITERIA_IDS = Var.of("deniedCriteriaIds", String.class);

    // --- deadlines (written for instances of earlier process versions; this version reads bean reviewDeadlines)

    /** Decision deadline, due date of the review tasks. */
    public static final Var<Date> DUE_BY = Var.of("dueBy", Date.class);
    /** 75 % of the decision deadline. */
    public static final Var<Date> ESCALATE_AT = Var.of("escalateAt", Date.class);
    /** ISO-8601 duration to wait for requested information. */
    public static final Var<String> INFORMATION_WAIT_PERIOD = Var.of("informationWaitPeriod", String.class);
    /** True once escalated to supervisors. */
    public static final Var<Boolean> ESCALATED = Var.of("escalated", Boolean.class);
    /** True once the decision deadline passed without a determination. */
    public static final Var<Boolean> OVERDUE = Var.of("overdue", Boolean.class);
    /**
     * The review and appeal review forms' links to the case's determination notices (Markdown, set by the engine
     * before each review task; never written by a reviewer).
     */
    public static final Var<String> NOTICE_LINKS = Var.of("noticeLinks", String.class);
    /** The form's deadline line. */
    public static final Var<String> DEADLINE_SUMMARY = Var.of("deadlineSummary", String.class);
    /** The forms' authority lines: who may issue which determination ({@link ReviewerAuthority}). */
    public static final Var<String> AUTHORITY_SUMMARY = Var.of("authoritySummary", String.class);
    /** True when requested information did not arrive in time. */
    public static final Var<Boolean> INFORMATION_NOT_RECEIVED = Var.of("informationNotReceived", Boolean.class);

    // --- outcome and the authorization's life

    /** Id of the authorization the case granted. */
    public static final Var<String> AUTHORIZATION_ID = Var.of("authorizationId", String.class);
    /** First day of the authorization (ISO-8601 date). */
    public static final Var<String> VALID_FROM = Var.of("validFrom", String.class);
    /** First day the authorization no longer holds (ISO-8601 date). */
    public static final Var<String> VALID_TO = Var.of("validTo", String.class);
    /** Moment the renewal window opens (timer). */
    public static final Var<Date> RENEWAL_DUE_AT = Var.of("renewalDueAt", Date.class);
    /** Moment the authorization ends (timer). */
    public static final Var<Date> EXPIRES_AT = Var.of("expiresAt", Date.class);
    /** Whether a renewal notice was issued when the window opened. */
    public static final Var<Boolean> RENEWAL_NOTICE_ISSUED = Var.of("renewalNoticeIssued", Boolean.class);
    /** Status the authorization ended with ({@code EXPIRED} or {@code SUPERSEDED}). */
    public static final Var<String> AUTHORIZATION_END_STATUS = Var.of("authorizationEndStatus", String.class);
    /** Authorization a renewal was linked to, else null. */
    public static final Var<String> PREVIOUS_AUTHORIZATION_ID = Var.of("previousAuthorizationId", String.class);
    /** Message variable (local): requestId of the renewal that continues the authorization. */
    public static final Var<String> RENEWAL_REQUEST_ID = Var.of(CaseProcess.VAR_RENEWAL_REQUEST_ID, String.class);
    /** requestId of the renewal that continues this case's authorization. */
    public static final Var<String> RENEWAL_REQUESTED_BY = Var.of("renewalRequestedBy", String.class);
    /** ISO-8601 period in which the denial can be appealed (timer of the appeal window). */
    public static final Var<String> APPEAL_WINDOW = Var.of("appealWindow", String.class);

    // --- withdrawal and appeal

    /** Message variable: who withdrew the case. */
    public static final Var<String> WITHDRAWN_BY = Var.of("withdrawnBy", String.class);
    /** Message variable: why the case was withdrawn. */
    public static final Var<String> WITHDRAWAL_REASON = Var.of("withdrawalReason", String.class);
    /** Message variable: who appealed the denial. */
    public static final Var<String> APPEALED_BY = Var.of("appealedBy", String.class);
    /** Message variable: why the denial is appealed. */
    public static final Var<String> APPEAL_REASON = Var.of("appealReason", String.class);
    /** Set by the physician: {@code UPHELD} or {@code OVERTURNED}. */
    public static final Var<String> APPEAL_DECISION = Var.of("appealDecision", String.class);
    /** Set by the physician: plain-language reason of the appeal decision. */
    public static final Var<String> APPEAL_DECISION_REASON = Var.of("appealDecisionReason", String.class);
    /** Who decided the appeal (for the forms). */
    public static final Var<String> APPEAL_DECIDED_BY = Var.of("appealDecidedBy", String.class);
    /** When the appeal was decided (for the forms). */
    public static final Var<Date> APPEAL_DECIDED_AT = Var.of("appealDecidedAt", Date.class);

    private ProcessVariables() {
    }
}
