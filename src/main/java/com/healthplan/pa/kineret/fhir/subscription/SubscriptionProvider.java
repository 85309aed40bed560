package com.healthplan.pa.kineret.fhir.subscription;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import com.healthplan.pa.kineret.fhir.OperationOutcomes;
import com.healthplan.pa.kineret.fhir.PasClaimOperations;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * FHIR R4 RESTful interactions on {@code Subscription} (FHIR R4 http.html: create, read, delete) in the {@code /fhir}
 * server (HAPI FHIR's {@code RestfulServer}, {@code fhir/FhirServerConfig}), for intake accounts (HTTP Basic, group
 * {@code pa-intake}, see {@code SecurityConfig}):
 * <ul>
 *   <li>{@code POST /fhir/Subscription}: an R4 Subscription of the R4 Subscriptions Backport IG
 *       ({@link SubscriptionService#create}); 201 with {@code Location} and the stored resource (status
 *       {@code active}); 400 {@code OperationOutcome} for anything else (not FHIR JSON, another resource type,
 *       another topic, channel type or payload, an endpoint not allowed); 415 for a media type other than FHIR
 *       JSON or JSON;</li>
 *   <li>{@code GET /fhir/Subscription/{id}}: the caller's own Subscription with its status; 404 otherwise;</li>
 *   <li>{@code DELETE /fhir/Subscription/{id}}: turns it off (status {@code off}, read back with GET); 404.</li>
 * </ul>
 * Errors are {@code OperationOutcome}s, never a stack trace; 503 with {@code Retry-After} while the database is
 * unreachable (nothing stored).
 */
@Component
public class SubscriptionProvider implements IResourceProvider {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionProvider.class);

    private final SubscriptionService subscriptions;

    /** @param subscriptions creates, reads and turns off subscriptions */
    public SubscriptionProvider(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public Class<Subscription> getResourceType() {
        return Subscription.class;
    }

    /**
     * @param body the request body as sent (FHIR R4 JSON), checked by {@link SubscriptionService#create}
     * @return 201 with the stored Subscription
     */
    @Create
    public MethodOutcome create(@ResourceParam String body, HttpServletRequest request) {
        requireJson(request.getContentType());
        String owner = PasClaimOperations.caller().getName();
        SubscriptionService.StoredSubscription stored = answer(() -> subscriptions.create(body, owner));
        LOG.info("Subscription {} created by {}", stored.id(), owner);
        MethodOutcome outcome = new MethodOutcome(new IdType("Subscription", stored.id()), true);
        outcome.setResource(BackportSubscriptions.json().parseResource(Subscription.class, stored.json()));
        return outcome;
    }

    /** @return the caller's Subscription with its current status */
    @Read
    public Subscription read(@IdParam IdType id) {
        String owner = PasClaimOperations.caller().getName();
        SubscriptionService.StoredSubscription stored = answer(() -> subscriptions.read(id.getIdPart(), owner));
        return BackportSubscriptions.json().parseResource(Subscription.class, stored.json());
    }

    /** Turns the caller's Subscription off. */
    @Delete
    public MethodOutcome delete(@IdParam IdType id) {
        String owner = PasClaimOperations.caller().getName();
        answer(() -> {
            subscriptions.turnOff(id.getIdPart(), owner);
            return null;
        });
        LOG.info("Subscription {} turned off by {}", id.getIdPart(), owner);
        return new MethodOutcome();
    }

    /** @throws BaseServerResponseException 415 for a media type other than FHIR JSON or JSON */
    private static void requireJson(String contentType) {
        if (contentType == null) {
            return;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!type.equals(BackportSubscriptions.FHIR_JSON) && !type.equals("application/json")) {
            throw exception(new SubscriptionProblem(415, OperationOutcome.IssueType.NOTSUPPORTED,
                    "Send the Subscription as " + BackportSubscriptions.FHIR_JSON));
        }
    }

    private static <T> T answer(Supplier<T> work) {
        try {
            return work.get();
        } catch (SubscriptionProblem e) {
            throw exception(e);
        } catch (DataAccessResourceFailureException | CannotCreateTransactionException e) {
            LOG.warn("Database unreachable, Subscription request refused with 503: {}", e.getClass().getSimpleName());
            throw OperationOutcomes.databaseUnreachable();
        }
    }

    private static BaseServerResponseException exception(SubscriptionProblem e) {
        OperationOutcome outcome = OperationOutcomes.single(OperationOutcome.IssueSeverity.ERROR, e.issueType(),
                e.getMessage());
        return switch (e.status()) {
            case 404 -> new ResourceNotFoundException(e.getMessage(), outcome);
            case 400 -> new InvalidRequestException(e.getMessage(), outcome);
            default -> new UnclassifiedServerFailureException(e.status(), e.getMessage(), outcome);
        };
    }
}
