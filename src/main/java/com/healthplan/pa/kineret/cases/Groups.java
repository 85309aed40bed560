package com.healthplan.pa.kineret.cases;

/**
 * The Camunda groups that act on the case file (README "Demo users"): who submits, who reviews, who supervises and
 * who administers. Security, the case scope ({@link CaseScope}), the review tasks' candidate groups and the
 * authorization grants all name them from here.
 */
public final class Groups {

    /** Camunda's administrators group. */
    public static final String ADMIN = "camunda-admin";
    /** Intake systems. */
    public static final String INTAKE = "pa-intake";
    /** Clinical pharmacists and physicians; candidate group of the review user tasks. */
    public static final String CLINICAL_REVIEWERS = "pa-clinical-reviewers";
    /** Physicians. */
    public static final String PHYSICIAN_REVIEWERS = "pa-physician-reviewers";
    /** Supervisors. */
    public static final String SUPERVISORS = "pa-supervisors";
    /** Monitoring systems that scrape the actuator's Prometheus endpoint ({@code /actuator/prometheus}) and nothing else. */
    public static final String METRICS = "pa-metrics";

    private Groups() {
    }
}
