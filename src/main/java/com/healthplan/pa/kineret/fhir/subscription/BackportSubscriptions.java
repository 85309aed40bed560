package com.healthplan.pa.kineret.fhir.subscription;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;

/**
 * The names of the HL7 FHIR R4 Subscriptions Backport IG (http://hl7.org/fhir/uv/subscriptions-backport, STU 1.1)
 * and the Da Vinci PAS IG (http://hl7.org/fhir/us/davinci-pas) this product's Subscriptions use, and the one FHIR R4
 * context (HAPI FHIR) they are parsed and written with.
 */
public final class BackportSubscriptions {

    /** Profile of an R4 Subscription in the backport IG ({@code Subscription.meta.profile}). */
    public static final String SUBSCRIPTION_PROFILE =
            "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-subscription";
    /** Profile of the R4 {@code Parameters} resource that carries a subscription status (first entry of a notification). */
    public static final String STATUS_PROFILE =
            "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-subscription-status-r4";
    /** Profile of the notification Bundle. */
    public static final String NOTIFICATION_PROFILE =
            "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-subscription-notification-r4";
    /** Extension on {@code channel.payload}: how much a notification carries ({@code empty}, {@code id-only}, {@code full-resource}). */
    public static final String PAYLOAD_CONTENT_EXTENSION =
            "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-payload-content";
    /** The only payload content offered: the notification names the focus resource, never its content (no PHI). */
    public static final String ID_ONLY = "id-only";
    /** The PAS topic: a pended claim's ClaimResponse was updated ({@code Subscription.criteria} in R4). */
    public static final String PAS_TOPIC = "http://hl7.org/fhir/us/davinci-pas/SubscriptionTopic/PASSubscriptionTopic";
    /** The only channel type offered. */
    public static final String REST_HOOK = "rest-hook";
    /** Media type of FHIR JSON (FHIR R4 http.html#mime-type). */
    public static final String FHIR_JSON = "application/fhir+json";

    private static final FhirContext R4 = FhirContext.forR4Cached();

    private BackportSubscriptions() {
    }

    /** @return the FHIR R4 context (HAPI's cached one: its creation scans the R4 model once per JVM) */
    public static FhirContext r4() {
        return R4;
    }

    /** @return a new JSON parser and writer of FHIR R4 resources (parsers are cheap and not thread-safe) */
    public static IParser json() {
        return R4.newJsonParser();
    }
}
