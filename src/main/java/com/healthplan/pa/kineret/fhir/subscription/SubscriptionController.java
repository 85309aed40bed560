package com.healthplan.pa.kineret.fhir.subscription;

import com.healthplan.pa.kineret.api.RedactedException;
import java.net.URI;
import java.security.Principal;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * FHIR R4 RESTful interactions on {@code Subscription} (FHIR R4 http.html: create, read, delete) for intake
 * accounts (HTTP Basic, group {@code pa-intake}, see {@code SecurityConfig}):
 * <ul>
 *   <li>{@code POST /fhir/Subscription}: an R4 Subscription of the R4 Subscriptions Backport IG
 *       ({@link SubscriptionService#create}); 201 with {@code Location} and the stored resource (status
 *       {@code active}); 400 {@code OperationOutcome} for anything else (not JSON, another resource type, another
 *       topic, channel type or payload, an endpoint not allowed); 415 for a media type other than FHIR JSON or JSON;</li>
 *   <li>{@code GET /fhir/Subscription/{id}}: the caller's own Subscription with its status; 404 otherwise;</li>
 *   <li>{@code DELETE /fhir/Subscription/{id}}: turns it off (status {@code off}, read back with GET); 204; 404.</li>
 * </ul>
 * Every answer is {@code application/fhir+json}; errors are {@code OperationOutcome}s, never a stack trace.
 */
@RestController
@RequestMapping("/fhir/Subscription")
public class SubscriptionController {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionController.class);
    private static final MediaType FHIR_JSON = MediaType.parseMediaType(BackportSubscriptions.FHIR_JSON);

    private final SubscriptionService subscriptions;

    /** @param subscriptions creates, reads and turns off subscriptions */
    public SubscriptionController(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    /**
     * @param contentType {@code application/fhir+json} or {@code application/json} (parameters such as charset allowed)
     * @param body        the Subscription, FHIR R4 JSON
     * @return 201 with the stored Subscription
     */
    @PostMapping
    public ResponseEntity<String> create(@RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                                         @RequestBody(required = false) String body, Principal principal) {
        requireJson(contentType);
        SubscriptionService.StoredSubscription stored = subscriptions.create(body, principal.getName());
        LOG.info("Subscription {} created by {}", stored.id(), principal.getName());
        return ResponseEntity.created(URI.create("/fhir/Subscription/" + stored.id())).contentType(FHIR_JSON).body(stored.json());
    }

    /** @return the caller's Subscription with its current status */
    @GetMapping("/{id}")
    public ResponseEntity<String> read(@PathVariable String id, Principal principal) {
        return ResponseEntity.ok().contentType(FHIR_JSON).body(subscriptions.read(id, principal.getName()).json());
    }

    /** Turns the caller's Subscription off; 204. */
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id, Principal principal) {
        subscriptions.turnOff(id, principal.getName());
        LOG.info("Subscription {} turned off by {}", id, principal.getName());
        return ResponseEntity.noContent().build();
    }

    /** @return the problem's status with its OperationOutcome */
    @ExceptionHandler(SubscriptionProblem.class)
    public ResponseEntity<String> problem(SubscriptionProblem e) {
        return outcome(HttpStatus.valueOf(e.status()), e.issueType(), e.getMessage());
    }

    /** @return 400: the body could not be read */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<String> unreadable(HttpMessageNotReadableException e) {
        return outcome(HttpStatus.BAD_REQUEST, OperationOutcome.IssueType.INVALID, "The body could not be read");
    }

    /** @return 503 with Retry-After: nothing was stored */
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class})
    public ResponseEntity<String> databaseDown(Exception e) {
        LOG.warn("Database unreachable, Subscription request refused with 503: {}", e.getClass().getSimpleName());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "30")
                .contentType(FHIR_JSON).body(OperationOutcomes.json(OperationOutcome.IssueType.TRANSIENT,
                        "The database is unreachable; nothing was stored. Retry later."));
    }

    /** @return 500 without internals; logged with classes and stack trace, without messages */
    @ExceptionHandler(RuntimeException.class)
    public ResponseEntity<String> unexpected(RuntimeException e) {
        LOG.error("Unexpected failure of a Subscription request", RedactedException.of(e));
        return outcome(HttpStatus.INTERNAL_SERVER_ERROR, OperationOutcome.IssueType.EXCEPTION,
                "The request could not be processed; nothing was stored.");
    }

    private static void requireJson(String contentType) {
        if (contentType == null) {
            return;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (IllegalArgumentException e) {
            throw new SubscriptionProblem(415, OperationOutcome.IssueType.NOTSUPPORTED, "Content-Type is not a media type");
        }
        if (!FHIR_JSON.equalsTypeAndSubtype(type) && !MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)) {
            throw new SubscriptionProblem(415, OperationOutcome.IssueType.NOTSUPPORTED,
                    "Send the Subscription as " + BackportSubscriptions.FHIR_JSON);
        }
    }

    private static ResponseEntity<String> outcome(HttpStatus status, OperationOutcome.IssueType type, String text) {
        return ResponseEntity.status(status).contentType(FHIR_JSON).body(OperationOutcomes.json(type, text));
    }
}
