package com.healthplan.pa.kineret.rules;

/** Decision keys of the DMN files in {@code dmn/} (policy 5.70.050). */
public final class DecisionKeys {
    /** ICD-10-CM code and subtype to indication (policy "Diagnoses"). */
    public static final String INDICATION = "kineret-indication";
    /** Diagnosis criteria (policy "Diagnoses" 1-7 and "Prior-Approval Limits"). */
    public static final String DIAGNOSIS_CRITERIA = "kineret-diagnosis-criteria";
    /** Safety criteria (policy "AND ALL of the following", initial and renewal). */
    public static final String SAFETY_CRITERIA = "kineret-safety-criteria";
    /** Route: automatic approval, clinical review or medical-exception review. */
    public static final String ROUTE = "kineret-route";
    /** Approval duration and quantity limit. */
    public static final String APPROVAL_TERMS = "kineret-approval-terms";
    /** Drug catalogue (Appendix 2 and 3). */
    public static final String DRUG_CATALOGUE = "kineret-drug-catalogue";
    /** Appendix 3 preferred products by plan option. */
    public static final String PREFERRED_PRODUCTS = "kineret-preferred-products";
    /** Vaccine catalogue: live or not live. */
    public static final String VACCINE_CATALOGUE = "kineret-vaccine-catalogue";
    /** Reviewer authority: which group may issue which determination, per criterion and plan option. */
    public static final String REVIEWER_AUTHORITY = "kineret-reviewer-authority";

    private DecisionKeys() {
    }
}
