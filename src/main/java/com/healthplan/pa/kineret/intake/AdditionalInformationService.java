package com.healthplan.pa.kineret.intake;

import com.healthplan.pa.kineret.cases.DeterminationKind;
import com.healthplan.pa.kineret.cases.CaseAudit;
import com.healthplan.pa.kineret.cases.CaseProblem;
import com.healthplan.pa.kineret.cases.CaseProcess;
import com.healthplan.pa.kineret.cases.CaseStatus;
import com.healthplan.pa.kineret.cases.PriorAuthorizationCase;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRepository;
import com.healthplan.pa.kineret.plan.PlanClock;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.List;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Additional information for a case pended by a reviewer ({@code POST /api/prior-authorizations/{id}/information}).
 * The body is a JSON merge patch (RFC 7396) of the original request: fields it names replace those of the stored
 * request, {@code null} removes one. The amended request must be valid as a whole (same rules as a submission);
 * the identity fields ({@link #IDENTITY_FIELDS}: {@code requestId}, {@code requestType}, {@code requestDate},
 * {@code member.id}, {@code member.dateOfBirth}, {@code previousAuthorizationId}) cannot change (400 naming them). The amended request, the patch and the message
 * {@code KineretAdditionalInformation} to the waiting process instance are stored in one transaction; the process
 * then evaluates the decision tables again.
 */
@Service
public class AdditionalInformationService {

    private final PriorAuthorizationRepository repository;
    private final RequestParser parser;
    private final IntakeService intake;
    private final RuntimeService runtime;
    private final TransactionTemplate transactions;
    private final PlanClock clock;
    private final CaseAudit audit;

    /** Wires the collaborators; {@code clock} gives the engine's time in the plan's zone. */
    public AdditionalInformationService(PriorAuthorizationRepository repository, RequestParser parser,
                                        IntakeService intake, RuntimeService runtime, TransactionTemplate transactions,
                                        CaseAudit audit,
                                        PlanClock clock) {
        this.audit = audit;
        this.repository = repository;
        this.parser = parser;
        this.intake = intake;
        this.runtime = runtime;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The case is not waiting for information (problem {@code not-pending-information}, HTTP 409). */
    public static class NotPendingException extends CaseProblem.NotAllowed {
        private static final long serialVersionUID = 1L;

        /** @param message why */
        public NotPendingException(String message) {
            super("not-pending-information", "Case not waiting for information", message);
        }
    }

    /**
     * @param caseId      case id
     * @param patchBody   JSON merge patch (RFC 7396) text
     * @param submittedBy authenticated user id of the intake system
     * @return the case after the information was accepted
     * @throws java.util.NoSuchElementException for an unknown case
     * @throws NotPendingException when the case is not {@code PENDING_INFORMATION}
     * @throws CaseProblem.InvalidRequest when the patch or the amended request is invalid
     */
    public PriorAuthorizationCase submit(String caseId, String patchBody, String submittedBy) {
        PriorAuthorizationCase c = repository.findById(caseId).orElseThrow();
        if (c.status() != CaseStatus.PENDING_INFORMATION) {
            throw new NotPendingException("Case " + caseId + " is " + c.status() + ", not waiting for information");
        }
        JsonValue patch = readObject(patchBody);
        JsonObject stored = (JsonObject) readObject(c.requestJson());
        JsonValue amended = Json.createMergePatch(patch).apply(stored);
        if (!(amended instanceof JsonObject merged)) {
            throw new CaseProblem.InvalidRequest("The amended request is not a JSON object",
                    List.of(new CaseProblem.FieldError("$", "must be a JSON object")));
        }
        List<CaseProblem.FieldError> fixedChanged = new java.util.ArrayList<>();
        for (String fixed : IDENTITY_FIELDS) {
            if (!java.util.Objects.equals(valueAt(stored, fixed), valueAt(merged, fixed))) {
                fixedChanged.add(new CaseProblem.FieldError(fixed, "cannot be changed"));
            }
        }
        if (!fixedChanged.isEmpty()) {
            throw new CaseProblem.InvalidRequest(fixedChanged.stream().map(CaseProblem.FieldError::field)
                    .collect(java.util.stream.Collectors.joining(", ")) + " cannot be changed by additional information",
                    fixedChanged);
        }
        RequestParser.Parsed parsed = parser.parse(merged.toString());
        String canonical = intake.canonicalJson(parsed.tree());
        OffsetDateTime now = clock.nowInZone();
        return transactions.execute(tx -> {
            repository.updateRequestJson(caseId, canonical);
            repository.insertInformationSubmission(caseId, submittedBy, now, patch.toString());
            audit.record(caseId, DeterminationKind.INTAKE, "INFORMATION_RECEIVED", submittedBy,
                    java.util.Date.from(now.toInstant()), auditReason(patch.toString()), null, null, null);
            try {
                runtime.createMessageCorrelation(CaseProcess.MESSAGE_ADDITIONAL_INFORMATION)
                        .processInstanceId(c.processInstanceId())
                        .correlateWithResult();
            } catch (MismatchingMessageCorrelationException e) {
                tx.setRollbackOnly();
                throw new NotPendingException("Case " + caseId + " is not waiting for information");
            }
            return repository.findById(caseId).orElseThrow();
        });
    }

    /**
     * Fields that identify the request, its member and its date: additional information never changes them (a new
     * member, a new date of birth or request date, or another previous authorization would be another request).
     * Paths are dot-separated, as in field errors.
     */
    static final List<String> IDENTITY_FIELDS = List.of("requestId", "requestType", "requestDate", "member.id",
            "member.dateOfBirth", "previousAuthorizationId");

    /** Longest audit reason the determination table holds ({@code pa_determination.reason}, VARCHAR(4000)). */
    static final int MAX_AUDIT_REASON = 4000;

    /**
     * @return "Additional information: " and the patch, cut to {@value #MAX_AUDIT_REASON} characters (ending in
     *         "…"); the whole patch is kept in {@code pa_information_submission}
     */
    static String auditReason(String patch) {
        String reason = "Additional information: " + patch;
        return reason.length() <= MAX_AUDIT_REASON ? reason : reason.substring(0, MAX_AUDIT_REASON - 1) + "…";
    }

    private static JsonValue valueAt(JsonObject object, String path) {
        JsonValue value = object;
        for (String name : path.split("\\.")) {
            if (!(value instanceof JsonObject o) || !o.containsKey(name)) {
                return null;
            }
            value = o.get(name);
        }
        return value == JsonValue.NULL ? null : value;
    }

    private static JsonValue readObject(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text == null ? "" : text))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new CaseProblem.InvalidRequest("The body must be a JSON object (a JSON merge patch, RFC 7396)",
                        List.of(new CaseProblem.FieldError("$", "must be a JSON object")));
            }
            return value;
        } catch (JsonException e) {
            throw new CaseProblem.InvalidRequest("Malformed JSON", List.of(new CaseProblem.FieldError("$", "malformed JSON")));
        }
    }
}
