package com.healthplan.pa.kineret.cases;

/**
 * The names by which the case file meets its BPMN process {@code kineret-prior-authorization}
 * (processes/kineret-prior-authorization.bpmn): the process key, the variables a case's instance starts with and the
 * messages correlated from outside the engine (additional information, renewal). Intake and the authorization
 * lifecycle start and signal instances with them; the process's own vocabulary ({@code process.ProcessConstants})
 * refers to the same values. Values are fixed: running instances resolve them by name.
 */
public final class CaseProcess {

    /** BPMN process id of processes/kineret-prior-authorization.bpmn. */
    public static final String PROCESS_KEY = "kineret-prior-authorization";
    /** Process variable: id of the case row in {@code pa_request} (UUID). */
    public static final String VAR_CASE_ID = "caseId";
    /** Process variable: the intake system's requestId (also the business key). */
    public static final String VAR_REQUEST_ID = "requestId";
    /** Process variable: {@code STANDARD} or {@code EXPEDITED}, input of {@code kineret-decision-deadline}. */
    public static final String VAR_URGENCY = "urgency";
    /** Process variable: the member's plan option (start variable, input of the decision tables). */
    public static final String VAR_PLAN_OPTION = "planOption";
    /** Message variable: the requestId of the renewal that continues the authorization of this case. */
    public static final String VAR_RENEWAL_REQUEST_ID = "renewalRequestId";
    /** Message correlated when the intake system sends additional information. */
    public static final String MESSAGE_ADDITIONAL_INFORMATION = "KineretAdditionalInformation";
    /** Message correlated to the earlier case's instance when a renewal of its authorization is requested. */
    public static final String MESSAGE_RENEWAL_REQUESTED = "KineretRenewalRequested";

    private CaseProcess() {
    }
}
