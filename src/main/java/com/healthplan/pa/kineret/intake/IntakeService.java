package com.healthplan.pa.kineret.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.healthplan.pa.kineret.api.PriorAuthorizationRequest;
import com.healthplan.pa.kineret.plan.PlanClock;
import com.healthplan.pa.kineret.process.ProcessConstants;
import com.healthplan.pa.kineret.process.ProcessVariables;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts validated prior-authorization requests: stores each one and starts its process instance in one
 * database transaction, so that an accepted request is never lost and a failed one leaves nothing behind.
 *
 * <p>Idempotency ({@code spec/API.md}): the same {@code requestId} with the same content (compared as
 * canonical JSON, keys sorted, SHA-256) answers the stored case again; different content is a
 * {@link RequestConflictException}. Uniqueness rests on the database constraint, not on a prior query.
 */
@Service
public class IntakeService {

    private final PriorAuthorizationRepository repository;
    private final RuntimeService runtimeService;
    private final TransactionTemplate transactions;
    private final ObjectMapper canonicalMapper;
    private final PlanClock clock;

    /**
     * @param zone the health plan's time zone (property {@code kineret.zone}); "day of receipt" is taken in it, on
     *             the process engine's clock
     */
    public IntakeService(PriorAuthorizationRepository repository, RuntimeService runtimeService,
                         TransactionTemplate transactions, ObjectMapper objectMapper,
                         PlanClock clock) {
        this.repository = repository;
        this.runtimeService = runtimeService;
        this.transactions = transactions;
        this.canonicalMapper = objectMapper.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        this.clock = clock;
    }

    /** Outcome of a submission: the case, and whether it was created now (201) or found as a retry (200). */
    public record Submission(PriorAuthorizationCase stored, boolean created) { }

    /**
     * Stores the request and starts process {@code kineret-prior-authorization} with the requestId as business key.
     *
     * @param body    the request body as parsed JSON (hashed for idempotency)
     * @param request the same body, bound and validated
     * @return the new or the previously stored case
     * @throws RequestConflictException when the requestId is known with different content, or was submitted by
     *                                   another intake account (then without the existing case's id)
     * @throws org.springframework.dao.DataAccessException when the database is unreachable (nothing is stored)
     */
    public Submission submit(JsonNode body, PriorAuthorizationRequest request) {
        return submit(body, request, null);
    }

    /**
     * As {@link #submit(JsonNode, PriorAuthorizationRequest)}, recording who submitted it.
     *
     * @param submittedBy authenticated user of the intake system, or null
     */
    public Submission submit(JsonNode body, PriorAuthorizationRequest request, String submittedBy) {
        String canonical = canonicalJson(body);
        String hash = sha256(canonical);
        OffsetDateTime receivedAt = clock.nowInZone();
        LocalDate requestDate = request.requestDate() != null ? request.requestDate() : receivedAt.toLocalDate();
        PriorAuthorizationCase fresh = PriorAuthorizationCase.received(UUID.randomUUID().toString(), request.requestId(),
                hash, canonical, request.requestType().name(), request.member().id(), requestDate,
                request.urgency() == null ? PriorAuthorizationRequest.Urgency.STANDARD.name() : request.urgency().name(),
                receivedAt);
        try {
            PriorAuthorizationCase stored = transactions.execute(tx -> {
                repository.insert(fresh);
                if (submittedBy != null) {
                    repository.setSubmittedBy(fresh.id(), submittedBy);
                }
                String processInstanceId = runtimeService.startProcessInstanceByKey(ProcessConstants.PROCESS_KEY,
                        request.requestId(),
                        Variables.createVariables()
                                .putValue(ProcessVariables.CASE_ID.name(), fresh.id())
                                .putValue(ProcessVariables.REQUEST_ID.name(), request.requestId())
                                .putValue(ProcessVariables.URGENCY.name(), fresh.urgency())
                                .putValue(ProcessVariables.PLAN_OPTION.name(), request.planOption().name()))
                        .getId();
                repository.setProcessInstanceId(fresh.id(), processInstanceId);
                return repository.findById(fresh.id()).orElseThrow();
            });
            return new Submission(stored, true);
        } catch (DuplicateKeyException duplicate) {
            PriorAuthorizationCase existing = repository.findByRequestId(request.requestId()).orElseThrow(() -> duplicate);
            if (submittedBy != null && !submittedBy.equals(repository.findSubmittedBy(existing.id()).orElse(null))) {
                // another intake account's requestId: neither its case nor its id is shown
                throw new RequestConflictException(request.requestId(), null);
            }
            if (!existing.contentSha256().equals(hash)) {
                throw new RequestConflictException(request.requestId(), existing.id());
            }
            return new Submission(existing, false);
        }
    }

    /** @return the request as stored, bound to the request type (the stored JSON was validated on receipt) */
    public PriorAuthorizationRequest readRequest(PriorAuthorizationCase c) {
        try {
            return canonicalMapper.readValue(c.requestJson(), PriorAuthorizationRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored request of case " + c.id() + " is not readable", e);
        }
    }

    /** @return the JSON text with object keys sorted (the stored and hashed form of a request) */
    public String canonicalJson(JsonNode body) {
        try {
            return canonicalMapper.writeValueAsString(canonicalMapper.treeToValue(body, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request body is not serialisable", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
