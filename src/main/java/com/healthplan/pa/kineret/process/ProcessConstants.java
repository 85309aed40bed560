package com.healthplan.pa.kineret.process;

import com.healthplan.pa.kineret.cases.CaseProcess;
import com.healthplan.pa.kineret.cases.Groups;

/**
 * The vocabulary of process {@code kineret-prior-authorization} besides its variables ({@link ProcessVariables}):
 * process key, messages, candidate groups, decision values and routes (the names the case file meets the process by
 * are defined in {@link CaseProcess}, the group names in {@link Groups}). The values are those of the deployed BPMN
 * model, forms and decision tables, and of running instances; they never change.
 */
public final class ProcessConstants {
    /** BPMN process id of processes/kineret-prior-authorization.bpmn. */
    public static final String PROCESS_KEY = CaseProcess.PROCESS_KEY;
    /** Message correlated when the intake system sends additional information. */
    public static final String MESSAGE_ADDITIONAL_INFORMATION = CaseProcess.MESSAGE_ADDITIONAL_INFORMATION;
    /** Message correlated to the earlier case's instance when a renewal of its authorization is requested. */
    public static final String MESSAGE_RENEWAL_REQUESTED = CaseProcess.MESSAGE_RENEWAL_REQUESTED;
    /** Message that withdraws an open case (interrupting event sub-process). */
    public static final String MESSAGE_WITHDRAWAL = "KineretWithdrawal";
    /** Message that files an appeal of a denial. */
    public static final String MESSAGE_APPEAL = "KineretAppeal";
    /** User task "Clinical review". */
    public static final String TASK_CLINICAL_REVIEW = "Task_ClinicalReview";
    /** User task "Medical exception review". */
    public static final String TASK_MEDICAL_EXCEPTION_REVIEW = "Task_MedicalExceptionReview";
    /** User task "Appeal review". */
    public static final String TASK_APPEAL_REVIEW = "Task_AppealReview";
    /** User task "Decision deadline at risk" (supervisors). */
    public static final String TASK_DEADLINE_AT_RISK = "Task_DeadlineAtRisk";
    /** Review decision: approve. */
    public static final String APPROVED = "APPROVED";
    /** Review decision: adverse determination. */
    public static final String DENIED = "DENIED";
    /** Review decision: the reviewer pends the case for information. */
    public static final String REQUEST_INFORMATION = "REQUEST_INFORMATION";
    /** Appeal decision: the denial stands. */
    public static final String UPHELD = "UPHELD";
    /** Appeal decision: the denial is reversed. */
    public static final String OVERTURNED = "OVERTURNED";

    /** Route values of decision {@code kineret-route} (RULES.md "Route"). */
    public static final class Routes {
        /** Every criterion MET or NOT_APPLICABLE. */
        public static final String AUTO_APPROVE = "AUTO_APPROVE";
        /** Anything else than the two other routes. */
        public static final String CLINICAL_REVIEW = "CLINICAL_REVIEW";
        /** Only PREFERRED_PRODUCTS open and a medical exception requested. */
        public static final String MEDICAL_EXCEPTION_REVIEW = "MEDICAL_EXCEPTION_REVIEW";

        private Routes() {
        }
    }

    private ProcessConstants() {
    }
}
