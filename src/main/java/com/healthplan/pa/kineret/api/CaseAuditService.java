package com.healthplan.pa.kineret.api;

import com.healthplan.pa.kineret.cases.DeterminationRecord;
import com.healthplan.pa.kineret.cases.PriorAuthorizationCase;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRepository;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.stereotype.Service;

/**
 * The audit trail of a case as one timeline: its submission, every determination and case event kept in
 * {@code pa_determination}, and the task operations of Camunda's user operation log (claim, assign, complete,
 * delegate) on its process instance. No clinical data is repeated in it, only who, what and when.
 */
@Service
public class CaseAuditService {

    private final PriorAuthorizationRepository cases;
    private final HistoryService history;

    /** Wires the repository and Camunda's history service. */
    public CaseAuditService(PriorAuthorizationRepository cases, HistoryService history) {
        this.cases = cases;
        this.history = history;
    }

    /**
     * One event: when (ISO-8601 with offset), who (user id or {@code system}), what (e.g. {@code SUBMITTED},
     * {@code EVALUATED}, {@code CLAIMED}, {@code DECIDED}, {@code INFORMATION_REQUESTED}, {@code INFORMATION_RECEIVED},
     * {@code WITHDRAWN}, {@code APPEALED}, {@code APPEAL_DECIDED}, {@code AUTHORIZATION_ENDED}) and a short detail.
     */
    public record AuditEntry(OffsetDateTime at, String who, String action, String detail) { }

    /** @return the case's events, oldest first */
    public List<AuditEntry> entries(String caseId) {
        PriorAuthorizationCase c = cases.findById(caseId).orElseThrow();
        List<AuditEntry> entries = new ArrayList<>();
        entries.add(new AuditEntry(c.receivedAt(), cases.findSubmittedBy(caseId).orElse("unknown"), "SUBMITTED",
                "requestId " + c.requestId() + ", " + c.requestType()));
        for (DeterminationRecord d : cases.findDeterminations(caseId)) {
            entries.add(new AuditEntry(d.decidedAt(), d.decidedBy(), action(d), detail(d)));
        }
        if (c.processInstanceId() != null) {
            Map<String, UserOperationLogEntry> operations = new LinkedHashMap<>();
            history.createUserOperationLogQuery().processInstanceId(c.processInstanceId()).list()
                    .forEach(o -> operations.putIfAbsent(o.getOperationId(), o));
            operations.values().forEach(o -> entries.add(new AuditEntry(
                    o.getTimestamp().toInstant().atOffset(ZoneOffset.UTC), o.getUserId(), operation(o.getOperationType()),
                    o.getEntityType() + (o.getTaskId() != null ? " " + o.getTaskId() : ""))));
        }
        entries.sort(Comparator.comparing(AuditEntry::at));
        return entries;
    }

    private static String action(DeterminationRecord d) {
        return switch (d.outcome()) {
            case "AUTO_APPROVE", "CLINICAL_REVIEW", "MEDICAL_EXCEPTION_REVIEW" -> "EVALUATED";
            case "APPROVED", "DENIED" -> "DECIDED";
            case "REQUEST_INFORMATION" -> "INFORMATION_REQUESTED";
            case "INFORMATION_RECEIVED" -> "INFORMATION_RECEIVED";
            case "WITHDRAWN" -> "WITHDRAWN";
            case "APPEAL_FILED" -> "APPEALED";
            default -> d.outcome().startsWith("APPEAL_") ? "APPEAL_DECIDED" : d.outcome();
        };
    }

    private static String detail(DeterminationRecord d) {
        return switch (d.outcome()) {
            case "AUTO_APPROVE", "CLINICAL_REVIEW", "MEDICAL_EXCEPTION_REVIEW" -> "route " + d.outcome();
            case "DENIED" -> "DENIED" + (d.criteriaCited() == null ? "" : " on " + d.criteriaCited());
            case "APPEAL_UPHELD", "APPEAL_OVERTURNED" -> d.outcome().substring("APPEAL_".length());
            default -> d.outcome();
        };
    }

    private static String operation(String type) {
        return switch (type) {
            case UserOperationLogEntry.OPERATION_TYPE_CLAIM -> "CLAIMED";
            case UserOperationLogEntry.OPERATION_TYPE_ASSIGN -> "ASSIGNED";
            case UserOperationLogEntry.OPERATION_TYPE_COMPLETE -> "TASK_COMPLETED";
            case UserOperationLogEntry.OPERATION_TYPE_DELEGATE -> "DELEGATED";
            default -> type.toUpperCase(java.util.Locale.ROOT);
        };
    }
}
