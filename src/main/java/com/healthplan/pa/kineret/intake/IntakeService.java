package com.healthplan.pa.kineret.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.healthplan.pa.kineret.cases.CaseProblem;
import com.healthplan.pa.kineret.cases.CaseProcess;
import com.healthplan.pa.kineret.cases.PriorAuthorizationCase;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRepository;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRequest;
import com.healthplan.pa.kineret.plan.PlanClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * a {@link CaseProblem.Conflict} ({@code request-id-conflict}). Uniqueness rests on the database constraint, not on a prior query.
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
     * @throws CaseProblem.Conflict when the requestId is known with different content, or was submitted by
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
                String processInstanceId = runtimeService.startProcessInstanceByKey(CaseProcess.PROCESS_KEY,
                        request.requestId(),
                        Variables.createVariables()
                                .putValue(CaseProcess.VAR_CASE_ID, fresh.id())
                                .putValue(CaseProcess.VAR_REQUEST_ID, request.requestId())
                                .putValue(CaseProcess.VAR_URGENCY, fresh.urgency())
                                .putValue(CaseProcess.VAR_PLAN_OPTION, request.planOption().name()))
                        .getId();
                repository.setProcessInstanceId(fresh.id(), processInstanceId);
                return repository.findById(fresh.id()).orElseThrow();
            });
            return new Submission(stored, true);
        } catch (DuplicateKeyException duplicate) {
            PriorAuthorizationCase existing = repository.findByRequestId(request.requestId()).orElseThrow(() -> duplicate);
            if (submittedBy != null && !submittedBy.equals(repository.findSubmittedBy(existing.id()).orElse(null))) {
                // another intake account's requestId: neither its case nor its id is shown
                throw requestIdConflict(request.requestId(), null);
            }
            if (!existing.contentSha256().equals(hash)) {
                throw requestIdConflict(request.requestId(), existing.id());
            }
            return new Submission(existing, false);
        }
    }

    /**
     * @param requestId      the external request id sent again
     * @param existingCaseId id of the case stored under it, or null when the caller may not see that case (another
     *                       intake account submitted it)
     * @return problem {@code request-id-conflict} (HTTP 409) with members {@code requestId} and {@code existingId}
     */
    private static CaseProblem.Conflict requestIdConflict(String requestId, String existingCaseId) {
        String detail = existingCaseId == null ? "requestId " + requestId + " is already used by another intake account"
                : "requestId " + requestId + " was already submitted with different content";
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("requestId", requestId);
        members.put("existingId", existingCaseId);
        return new CaseProblem.Conflict("request-id-conflict", "requestId already used",
                detail + "; send a new requestId for a new request", members);
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
