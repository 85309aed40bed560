package com.healthplan.pa.kineret.cases;

/**
 * Status of an appeal of an adverse determination ({@code pa_request.appeal_status}, stored and shown by its name;
 * policy 5.70.050 and spec/API.md "Appeal").
 */
public enum AppealStatus {
    /** Filed, waiting for the appeal review by a physician who did not deny. */
    PENDING,
    /** The denial stands. */
    UPHELD,
    /** The denial is reversed and the request approved. */
    OVERTURNED
}
