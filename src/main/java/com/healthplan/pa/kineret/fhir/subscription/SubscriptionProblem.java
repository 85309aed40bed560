package com.healthplan.pa.kineret.fhir.subscription;

import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * A request to {@code /fhir/Subscription} that is refused: answered with its HTTP status and an
 * {@code OperationOutcome} (FHIR R4 http.html: 400 for invalid content, 404 for an unknown id, 415 for another
 * media type). The message is plain language and never quotes request data.
 */
public class SubscriptionProblem extends RuntimeException {

    private final int status;
    private final transient OperationOutcome.IssueType issueType;

    /**
     * @param status    HTTP status
     * @param issueType the OperationOutcome's issue type
     * @param message   what is wrong, plain language
     */
    public SubscriptionProblem(int status, OperationOutcome.IssueType issueType, String message) {
        super(message);
        this.status = status;
        this.issueType = issueType;
    }

    /** @return a 400 with issue type {@code invalid} */
    public static SubscriptionProblem invalid(String message) {
        return new SubscriptionProblem(400, OperationOutcome.IssueType.INVALID, message);
    }

    /** @return a 404 with issue type {@code not-found} */
    public static SubscriptionProblem notFound(String id) {
        return new SubscriptionProblem(404, OperationOutcome.IssueType.NOTFOUND, "No Subscription " + id);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the OperationOutcome's issue type */
    public OperationOutcome.IssueType issueType() {
        return issueType;
    }
}
