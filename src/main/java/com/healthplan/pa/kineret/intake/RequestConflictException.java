package com.healthplan.pa.kineret.intake;

/** A requestId was sent again with different content (HTTP 409, {@code spec/API.md}). */
public class RequestConflictException extends RuntimeException {
    private final String requestId;
    private final String existingCaseId;

    /**
     * @param requestId      the external request id sent again
     * @param existingCaseId id of the case stored under it, or null when the caller may not see that case (another
     *                       intake account submitted it)
     */
    public RequestConflictException(String requestId, String existingCaseId) {
        super(existingCaseId == null ? "requestId " + requestId + " is already used by another intake account"
                : "requestId " + requestId + " was already submitted with different content");
        this.requestId = requestId;
        this.existingCaseId = existingCaseId;
    }

    /** @return the external request id */
    public String requestId() {
        return requestId;
    }

    /** @return id of the case already stored under the requestId */
    public String existingCaseId() {
        return existingCaseId;
    }
}
