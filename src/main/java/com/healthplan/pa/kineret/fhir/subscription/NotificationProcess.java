package com.healthplan.pa.kineret.fhir.subscription;

import com.healthplan.pa.kineret.process.Var;

/**
 * The names process {@code kineret-fhir-notification} ({@code processes/kineret-fhir-notification.bpmn}) is met by:
 * one instance per outbox row of {@code fhir_notification}, whose id is the instance's business key; its service
 * task <em>Deliver notification</em> ({@code asyncBefore}) is a job of Camunda's job executor, retried by the cycle of
 * variable {@link #RETRY_CYCLE} and an incident once the retries are used up.
 */
public final class NotificationProcess {

    /** Key of the delivery process. */
    public static final String PROCESS_KEY = "kineret-fhir-notification";
    /** Id of the delivery service task (an incident in Cockpit names it). */
    public static final String DELIVER_TASK = "Task_DeliverNotification";
    /**
     * Camunda's {@code failedJobRetryTimeCycle} of the delivery, set at start from
     * {@code kineret.fhir.subscriptions.retry-cycle} (the model reads it as {@code ${notificationRetryCycle}}).
     */
    public static final Var<String> RETRY_CYCLE = Var.of("notificationRetryCycle", String.class);

    private NotificationProcess() {
    }
}
