package com.healthplan.pa.kineret.fhir.subscription;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import com.healthplan.pa.kineret.plan.PlanClock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, reads and turns off the Subscriptions of intake accounts: R4 Subscriptions in the R4 Subscriptions
 * Backport IG's profile {@code backport-subscription} on the Da Vinci PAS topic
 * ({@link BackportSubscriptions#PAS_TOPIC}), channel {@code rest-hook}, payload {@code application/fhir+json} with
 * payload content {@code id-only}. A subscription belongs to the account that created it: it is notified about the
 * cases that account submitted, and only that account reads or turns it off (another account gets 404, as if the id
 * were unknown).
 */
@Service
public class SubscriptionService {

    /** Most {@code channel.header} entries accepted. */
    static final int MAX_HEADERS = 10;
    /** Longest {@code channel.header} entry accepted, in characters. */
    static final int MAX_HEADER_LENGTH = 1000;
    private static final Pattern HEADER = Pattern.compile("([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \\t]*([^\\x00-\\x08\\x0A-\\x1F\\x7F]*)");
    /** Headers the delivery sets itself or the HTTP client refuses (RFC 9110, RFC 9112). */
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "connection", "content-length", "content-type",
            "expect", "upgrade", "transfer-encoding", "te", "trailer", "keep-alive", "proxy-connection", "accept");

    private final SubscriptionRepository repository;
    private final EndpointAllowList endpoints;
    private final PlanClock clock;

    /**
     * @param repository the subscriptions and their outbox
     * @param endpoints  the allowed {@code channel.endpoint}s
     * @param clock      the application's clock (engine time)
     */
    public SubscriptionService(SubscriptionRepository repository, EndpointAllowList endpoints, PlanClock clock) {
        this.repository = repository;
        this.endpoints = endpoints;
        this.clock = clock;
    }

    /**
     * Checks and stores a Subscription; it is {@code active} at once (no handshake: the endpoint is on the
     * configured allow-list).
     *
     * @param body  the request body, FHIR R4 JSON
     * @param owner the authenticated intake account
     * @return the stored Subscription (id assigned by this service, status {@code active}), FHIR JSON
     * @throws SubscriptionProblem 400 when the body is not an R4 Subscription as described above or its endpoint is
     *                             not allowed
     */
    @Transactional
    public StoredSubscription create(String body, String owner) {
        Subscription subscription = parse(body);
        check(subscription);
        String id = UUID.randomUUID().toString();
        Date now = clock.now();
        subscription.setId(id);
        subscription.setStatus(Subscription.SubscriptionStatus.ACTIVE);
        subscription.setError(null);
        if (!subscription.getMeta().hasProfile(BackportSubscriptions.SUBSCRIPTION_PROFILE)) {
            subscription.getMeta().addProfile(BackportSubscriptions.SUBSCRIPTION_PROFILE);
        }
        subscription.getMeta().setLastUpdatedElement(new InstantType(now));
        String json = BackportSubscriptions.json().encodeResourceToString(subscription);
        SubscriptionRecord stored = new SubscriptionRecord(id, owner, SubscriptionRecord.ACTIVE,
                subscription.getChannel().getEndpoint().trim(), json, 0, clock.inZone(now));
        repository.insert(stored, clock.inZone(now));
        return new StoredSubscription(id, json);
    }

    /**
     * @return the owner's Subscription with its current status, FHIR JSON
     * @throws SubscriptionProblem 404 when there is none with this id for this account
     */
    @Transactional(readOnly = true)
    public StoredSubscription read(String id, String owner) {
        SubscriptionRecord s = owned(id, owner);
        return new StoredSubscription(id, resourceOf(s));
    }

    /**
     * Turns the owner's Subscription off: it notifies no more, and notifications not yet delivered are given up.
     * Turning off a subscription already off changes nothing.
     *
     * @throws SubscriptionProblem 404 when there is none with this id for this account
     */
    @Transactional
    public void turnOff(String id, String owner) {
        owned(id, owner);
        repository.setStatus(id, SubscriptionRecord.OFF, clock.nowInZone());
    }

    /**
     * @param s a stored subscription
     * @return its resource with the stored status
     */
    static String resourceOf(SubscriptionRecord s) {
        IParser parser = BackportSubscriptions.json();
        Subscription subscription = parser.parseResource(Subscription.class, s.resourceJson());
        subscription.setStatus(s.active() ? Subscription.SubscriptionStatus.ACTIVE : Subscription.SubscriptionStatus.OFF);
        return parser.encodeResourceToString(subscription);
    }

    /**
     * @param s a stored subscription
     * @return its {@code channel.header} entries as (name, value) pairs, as checked when it was created
     */
    static List<String[]> headersOf(SubscriptionRecord s) {
        Subscription subscription = BackportSubscriptions.json().parseResource(Subscription.class, s.resourceJson());
        List<String[]> headers = new ArrayList<>();
        for (StringType header : subscription.getChannel().getHeader()) {
            Matcher m = HEADER.matcher(header.getValue());
            if (m.matches()) {
                headers.add(new String[] {m.group(1), m.group(2).trim()});
            }
        }
        return headers;
    }

    private SubscriptionRecord owned(String id, String owner) {
        return repository.findById(id).filter(s -> s.owner().equals(owner))
                .orElseThrow(() -> SubscriptionProblem.notFound(id));
    }

    private static Subscription parse(String body) {
        if (body == null || body.isBlank()) {
            throw SubscriptionProblem.invalid("The body must be an R4 Subscription resource in FHIR JSON");
        }
        IParser parser = BackportSubscriptions.json();
        parser.setParserErrorHandler(new StrictErrorHandler());
        IBaseResource resource;
        try {
            resource = parser.parseResource(body);
        } catch (DataFormatException | IllegalArgumentException | ClassCastException e) {
            throw SubscriptionProblem.invalid("The body is not an R4 resource in FHIR JSON: " + e.getMessage());
        }
        if (!(resource instanceof Subscription subscription)) {
            throw SubscriptionProblem.invalid("resourceType must be Subscription, not "
                    + BackportSubscriptions.r4().getResourceType(resource));
        }
        return subscription;
    }

    private void check(Subscription s) {
        String criteria = s.getCriteria();
        if (criteria == null || !(criteria.equals(BackportSubscriptions.PAS_TOPIC)
                || criteria.startsWith(BackportSubscriptions.PAS_TOPIC + "|"))) {
            throw SubscriptionProblem.invalid("criteria must be the PAS topic " + BackportSubscriptions.PAS_TOPIC);
        }
        Subscription.SubscriptionChannelComponent channel = s.getChannel();
        if (channel.getType() != Subscription.SubscriptionChannelType.RESTHOOK) {
            throw SubscriptionProblem.invalid("channel.type must be " + BackportSubscriptions.REST_HOOK);
        }
        endpoints.refusal(channel.getEndpoint()).ifPresent(reason -> {
            throw SubscriptionProblem.invalid(reason);
        });
        if (!BackportSubscriptions.FHIR_JSON.equals(channel.getPayload())) {
            throw SubscriptionProblem.invalid("channel.payload must be " + BackportSubscriptions.FHIR_JSON);
        }
        Extension content = channel.getPayloadElement().getExtensionByUrl(BackportSubscriptions.PAYLOAD_CONTENT_EXTENSION);
        if (content == null || !(content.getValue() instanceof CodeType code)
                || !BackportSubscriptions.ID_ONLY.equals(code.getValue())) {
            throw SubscriptionProblem.invalid("channel.payload needs the extension "
                    + BackportSubscriptions.PAYLOAD_CONTENT_EXTENSION + " with valueCode " + BackportSubscriptions.ID_ONLY
                    + " (notifications carry no clinical content)");
        }
        List<StringType> headers = channel.getHeader();
        if (headers.size() > MAX_HEADERS) {
            throw SubscriptionProblem.invalid("at most " + MAX_HEADERS + " channel.header entries");
        }
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i).getValue();
            Matcher m = header == null ? null : HEADER.matcher(header);
            if (m == null || header.length() > MAX_HEADER_LENGTH || !m.matches()) {
                throw SubscriptionProblem.invalid("channel.header[" + i + "] must be 'Name: value' (an HTTP field, "
                        + "at most " + MAX_HEADER_LENGTH + " characters)");
            }
            if (RESERVED_HEADERS.contains(m.group(1).toLowerCase(Locale.ROOT))) {
                throw SubscriptionProblem.invalid("channel.header[" + i + "] names a header the notification sets itself");
            }
        }
        if (s.hasEnd() && s.getEnd().toInstant().isBefore(clock.instant())) {
            throw SubscriptionProblem.invalid("end is in the past");
        }
    }

    /**
     * A Subscription as stored.
     *
     * @param id   its logical id
     * @param json the resource, FHIR JSON
     */
    public record StoredSubscription(String id, String json) { }
}
