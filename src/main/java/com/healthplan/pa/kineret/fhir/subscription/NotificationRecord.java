package com.healthplan.pa.kineret.fhir.subscription;

import java.time.OffsetDateTime;

/**
 * One notification of the outbox (table {@code fhir_notification}): written in the transaction of the determination
 * it reports, delivered by a process instance of {@code kineret-fhir-notification} whose business key is its id.
 *
 * @param id              UUID, the delivery instance's business key
 * @param subscriptionId  the Subscription notified
 * @param caseId          the case the determination was made on ({@code ClaimResponse/{caseId}} is the focus)
 * @param determinationId the audit-trail entry ({@code pa_determination.id}) that caused it
 * @param eventNumber     the subscription's event number (1, 2, …; backport IG {@code event-number})
 * @param createdAt       when it was recorded (UTC)
 * @param attempts        delivery attempts so far
 * @param lastAttemptAt   when the last attempt was made, or null
 * @param lastResult      the last attempt's result ({@code HTTP 503}, {@code connection failed: ConnectException}), or null
 * @param deliveredAt     when the endpoint answered 2xx, or null
 * @param cancelledAt     when delivery was given up because the subscription was off, or null
 */
public record NotificationRecord(String id, String subscriptionId, String caseId, String determinationId,
                                 long eventNumber, OffsetDateTime createdAt, int attempts, OffsetDateTime lastAttemptAt,
                                 String lastResult, OffsetDateTime deliveredAt, OffsetDateTime cancelledAt) { }
