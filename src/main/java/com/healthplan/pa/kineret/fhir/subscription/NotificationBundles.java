package com.healthplan.pa.kineret.fhir.subscription;

import java.util.Date;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * The notification a Subscription's endpoint receives, as the R4 Subscriptions Backport IG defines it
 * (profile {@code backport-subscription-notification-r4}): a {@code Bundle} of type {@code history} whose first
 * entry is the {@code Parameters} SubscriptionStatus ({@code backport-subscription-status-r4}) with
 * {@code type = event-notification}, {@code events-since-subscription-start} and one {@code notification-event}
 * ({@code event-number}, {@code timestamp}, {@code focus = ClaimResponse/{caseId}}); payload content
 * {@code id-only}: a second entry names the focus ({@code GET ClaimResponse/{caseId}}) without its content. Nothing
 * else: no member, clinical or decision data.
 */
public final class NotificationBundles {

    private NotificationBundles() {
    }

    /**
     * @param subscription     the subscription notified
     * @param notification     the outbox row (case id and event number)
     * @param eventsSinceStart events of the subscription so far
     * @param at               the notification's time
     * @return the Bundle as FHIR JSON
     */
    public static String notification(SubscriptionRecord subscription, NotificationRecord notification,
                                      long eventsSinceStart, Date at) {
        String focus = "ClaimResponse/" + notification.caseId();
        Parameters status = new Parameters();
        status.setId(UUID.randomUUID().toString());
        status.getMeta().addProfile(BackportSubscriptions.STATUS_PROFILE);
        status.addParameter().setName("subscription").setValue(new Reference("Subscription/" + subscription.id()));
        status.addParameter().setName("topic").setValue(new CanonicalType(BackportSubscriptions.PAS_TOPIC));
        status.addParameter().setName("status").setValue(new CodeType(subscription.status()));
        status.addParameter().setName("type").setValue(new CodeType("event-notification"));
        status.addParameter().setName("events-since-subscription-start")
                .setValue(new StringType(Long.toString(eventsSinceStart)));
        Parameters.ParametersParameterComponent event = status.addParameter().setName("notification-event");
        event.addPart().setName("event-number").setValue(new StringType(Long.toString(notification.eventNumber())));
        event.addPart().setName("timestamp").setValue(new InstantType(Date.from(notification.createdAt().toInstant())));
        event.addPart().setName("focus").setValue(new Reference(focus));

        Bundle bundle = new Bundle();
        bundle.setId(UUID.randomUUID().toString());
        bundle.getMeta().addProfile(BackportSubscriptions.NOTIFICATION_PROFILE);
        bundle.setType(Bundle.BundleType.HISTORY);
        bundle.setTimestamp(at);
        Bundle.BundleEntryComponent statusEntry = bundle.addEntry().setFullUrl("urn:uuid:" + status.getIdElement().getIdPart())
                .setResource(status);
        statusEntry.getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Subscription/" + subscription.id() + "/$status");
        statusEntry.getResponse().setStatus("200");
        Bundle.BundleEntryComponent focusEntry = bundle.addEntry();
        focusEntry.getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(focus);
        focusEntry.getResponse().setStatus("200");
        return BackportSubscriptions.json().encodeResourceToString(bundle);
    }
}
