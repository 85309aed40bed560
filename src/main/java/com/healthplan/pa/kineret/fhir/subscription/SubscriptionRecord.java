package com.healthplan.pa.kineret.fhir.subscription;

import java.time.OffsetDateTime;

/**
 * A stored Subscription (table {@code fhir_subscription}).
 *
 * @param id               the Subscription's logical id (UUID), assigned by this service
 * @param owner            the intake account that created it: it is notified about the cases it submitted
 * @param status           {@code active} or {@code off} (FHIR R4 {@code subscription-status})
 * @param endpoint         {@code channel.endpoint}, checked against the allow-list when it was created
 * @param resourceJson     the Subscription as accepted, FHIR JSON (its {@code status} is the column's)
 * @param eventsSinceStart events generated for it so far (the last event number given out)
 * @param createdAt        when it was created (UTC)
 */
public record SubscriptionRecord(String id, String owner, String status, String endpoint, String resourceJson,
                                 long eventsSinceStart, OffsetDateTime createdAt) {

    /** Status of a subscription that notifies. */
    public static final String ACTIVE = "active";
    /** Status of a subscription turned off (DELETE): it notifies no more. */
    public static final String OFF = "off";

    /** @return whether it notifies */
    public boolean active() {
        return ACTIVE.equals(status);
    }
}
