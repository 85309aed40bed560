package com.healthplan.pa.kineret.process;

/** Route values of decision {@code kineret-route} (RULES.md "Route"). */
public final class Routes {
    /** Every criterion MET or NOT_APPLICABLE. */
    public static final String AUTO_APPROVE = "AUTO_APPROVE";
    /** Anything else than the two other routes. */
    public static final String CLINICAL_REVIEW = "CLINICAL_REVIEW";
    /** Only PREFERRED_PRODUCTS open and a medical exception requested. */
    public static final String MEDICAL_EXCEPTION_REVIEW = "MEDICAL_EXCEPTION_REVIEW";

    private Routes() {
    }
}
