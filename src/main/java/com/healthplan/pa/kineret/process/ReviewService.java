package com.healthplan.pa.kineret.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.healthplan.pa.kineret.intake.CaseStatus;
import com.healthplan.pa.kineret.intake.PriorAuthorizationCase;
import com.healthplan.pa.kineret.intake.PriorAuthorizationRepository;
import com.healthplan.pa.kineret.plan.KineretProperties;
import com.healthplan.pa.kineret.plan.PlanClock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The review side of a case: its decision deadline (hours from receipt, from decision table
 * {@code kineret-decision-deadline}), escalation at 75 % of it, the overdue mark, the pend for information and
 * the summary a reviewer reads in the Tasklist form.
 */
@Service
public class ReviewService {

    /** Share of the deadline after which the case is escalated to supervisors. */
    static final double ESCALATION_SHARE = 0.75;
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    private final PriorAuthorizationRepository repository;
    private final ObjectMapper objectMapper;
    private final PlanClock clock;
    private final String informationWait;

    /**
     * @param properties {@code kineret.review.information-wait}: ISO-8601 duration to wait for requested information
     */
    public ReviewService(PriorAuthorizationRepository repository, ObjectMapper objectMapper,
                         PlanClock clock,
                         KineretProperties properties) {
        this.repository = repository;
        this.objectMapper = objectMapper;
        this.clock = clock;
        this.informationWait = properties.review().informationWait();
    }

    /** The decision deadline and the escalation moment (75 % of it), both from receipt. */
    public record Deadline(Date dueBy, Date escalateAt) { }

    /**
     * Fixes the case's decision deadline.
     *
     * @param deadlineHours hours from receipt (decision table output)
     * @return due date and escalation date
     */
    public Deadline startClock(String caseId, int deadlineHours) {
        PriorAuthorizationCase c = find(caseId);
        OffsetDateTime received = c.receivedAt();
        OffsetDateTime dueBy = received.plusHours(deadlineHours);
        OffsetDateTime escalateAt = received.plusSeconds(Math.round(deadlineHours * 3600 * ESCALATION_SHARE));
        repository.setDueBy(caseId, dueBy);
        return new Deadline(Date.from(dueBy.toInstant()), Date.from(escalateAt.toInstant()));
    }

    /** @return ISO-8601 duration to wait for requested information, e.g. {@code P14D} */
    public String informationWaitPeriod() {
        return informationWait;
    }

    /** Marks the case escalated to supervisors. */
    public void escalate(String caseId, Date at) {
        repository.markEscalated(caseId, clock.inZone(at));
    }

    /** Marks the case overdue: the decision deadline passed without a determination. */
    public void markOverdue(String caseId, Date at) {
        repository.markOverdue(caseId, clock.inZone(at));
    }

    /** Additional information arrived: the case is evaluated again (status RECEIVED until routed). */
    public void informationReceived(String caseId) {
        repository.setStatus(caseId, CaseStatus.RECEIVED);
    }

    /** Requested information did not arrive in time: the case returns to review. */
    public void informationNotReceived(String caseId) {
        repository.setStatus(caseId, CaseStatus.IN_REVIEW);
    }

    /**
     * The reviewer's summary of a case, as process variables for the review form: member, plan, diagnosis,
     * prescription, therapy history, safety answers, every criterion (failing first) and the medical exception.
     * Values are plain text (the form shows them as text, never as markup).
     *
     * @param informationNotReceived whether requested information did not arrive in time
     * @return variable name → text
     */
    public Map<String, Object> summary(String caseId, boolean informationNotReceived) {
        PriorAuthorizationCase c = find(caseId);
        JsonNode r = json(c.requestJson());
        Map<String, Object> v = new LinkedHashMap<>();
        JsonNode member = r.path("member");
        Integer age = com.healthplan.pa.kineret.rules.ClinicalFactsService.ageOn(
                java.time.LocalDate.parse(member.path("dateOfBirth").asText()), c.requestDate());
        v.put("memberSummary", "Member " + member.path("id").asText() + ", born " + member.path("dateOfBirth").asText()
                + (age == null ? "" : " (age " + age + " on " + c.requestDate() + ")")
                + ", weight " + (member.hasNonNull("weightKg") ? member.get("weightKg").asText() + " kg" : "not reported"));
        v.put("planSummary", r.path("planOption").asText() + " option, " + r.path("benefit").asText() + " benefit; "
                + r.path("requestType").asText() + " request of " + c.requestDate() + ", urgency " + c.urgency());
        JsonNode dx = r.path("diagnosis");
        v.put("diagnosisSummary", "ICD-10-CM " + dx.path("icd10").asText()
                + optional(" subtype ", dx, "subtype") + optional(", disease activity ", dx, "diseaseActivity")
                + optional(", DAS28 ", dx, "das28") + optional(", CDAI ", dx, "cdai")
                + optional(", clinical response ", r, "clinicalResponse"));
        JsonNode rx = r.path("prescription");
        v.put("prescriptionSummary", (rx.hasNonNull("drug") || rx.hasNonNull("rxcui") || rx.hasNonNull("ndc") ? entry(rx, "drug") : "Kineret") + " "
                + rx.path("dosePerDayMg").asText() + " mg/day; quantity "
                + (rx.hasNonNull("quantity") ? rx.get("quantity").asText() + " syringes" : "not reported")
                + " for " + (rx.hasNonNull("daysSupply") ? rx.get("daysSupply").asText() + " days" : "days supply not reported"));
        List<String> trials = new ArrayList<>();
        r.path("therapyHistory").forEach(t -> trials.add("- " + entry(t, "drug")
                + optional(" (", t, "route", ")") + ": " + t.path("outcome").asText()
                + (t.hasNonNull("durationDays") ? " after " + t.get("durationDays").asText() + " days" : ", duration not reported")));
        v.put("therapyHistorySummary", trials.isEmpty() ? "No past therapy reported" : String.join("\n", trials));
        JsonNode s = r.path("safety");
        v.put("safetySummary", String.join("\n",
                "TB screening: " + orNotReported(s, "tbScreening"),
                "Active infection: " + orNotReported(s, "activeInfection")
                        + "; active tuberculosis: " + orNotReported(s, "activeTuberculosis")
                        + "; active hepatitis B: " + orNotReported(s, "activeHepatitisB"),
                "HBV status: " + orNotReported(s, "hbvStatus"),
                "Concurrent medications: " + list(s.path("concurrentMedications")),
                "Planned vaccines: " + list(s.path("plannedVaccines"))));
        v.put("criteriaSummary", criteriaSummary(c.criteriaJson()));
        JsonNode me = r.path("medicalException");
        v.put("medicalExceptionSummary", me.path("requested").asBoolean(false)
                ? "Requested: " + (me.hasNonNull("reason") ? me.get("reason").asText() : "no reason given")
                : "Not requested");
        v.put(ProcessVariables.DEADLINE_SUMMARY.name(), deadlineSummary(c));
        v.put("informationSummary", informationSummary(c, informationNotReceived));
        return v;
    }

    /** @return the review form's deadline line: "Decide by …" in the plan's zone, marked when overdue; empty before the deadline is fixed */
    public String deadlineSummary(String caseId) {
        return deadlineSummary(find(caseId));
    }

    private String deadlineSummary(PriorAuthorizationCase c) {
        return c.dueBy() == null ? "" : "Decide by " + c.dueBy().atZoneSameInstant(clock.zone()).format(SHOWN)
                + (c.overdueSince() != null ? " — OVERDUE" : "");
    }

    private String informationSummary(PriorAuthorizationCase c, boolean notReceived) {
        if (c.informationRequested() == null) {
            return "No information requested";
        }
        return "Requested: " + c.informationRequested() + (notReceived
                ? "\nINFORMATION NOT RECEIVED within " + informationWait
                : "\nAdditional information received; the criteria above are re-evaluated with it");
    }

    private String criteriaSummary(String criteriaJson) {
        List<String> failing = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        json(criteriaJson == null ? "[]" : criteriaJson).forEach(cr -> {
            String result = cr.path("result").asText();
            String line = cr.path("id").asText() + ": " + result + " — " + cr.path("detail").asText()
                    + " (" + cr.path("reference").asText() + ")";
            if ("NOT_MET".equals(result) || "UNKNOWN".equals(result)) {
                failing.add(line);
            } else {
                rest.add(line);
            }
        });
        failing.addAll(rest);
        return String.join("\n", failing);
    }

    private static String optional(String prefix, JsonNode node, String field) {
        return optional(prefix, node, field, "");
    }

    private static String optional(String prefix, JsonNode node, String field, String suffix) {
        return node.hasNonNull(field) ? prefix + node.get(field).asText() + suffix : "";
    }

    private static String orNotReported(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : "not reported";
    }

    private static String list(JsonNode array) {
        if (!array.isArray() || array.isEmpty()) {
            return "none reported";
        }
        List<String> items = new ArrayList<>();
        array.forEach(i -> items.add(entry(i, "name")));
        return String.join(", ", items);
    }

    /**
     * A medication or vaccine entry as sent: a string, or an object with a name and codes
     * ({@code "Humira Pen (RxCUI 1234, NDC 00074-0554-02)"}).
     */
    private static String entry(JsonNode node, String nameField) {
        if (!node.isObject()) {
            return node.asText();
        }
        List<String> codes = new ArrayList<>();
        for (String[] code : new String[][] {{"rxcui", "RxCUI"}, {"ndc", "NDC"}, {"cvx", "CVX"}}) {
            if (node.hasNonNull(code[0])) {
                codes.add(code[1] + " " + node.get(code[0]).asText());
            }
        }
        String name = node.hasNonNull(nameField) ? node.get(nameField).asText() : "";
        if (codes.isEmpty()) {
            return name;
        }
        return name.isEmpty() ? String.join(", ", codes) : name + " (" + String.join(", ", codes) + ")";
    }

    private PriorAuthorizationCase find(String caseId) {
        return repository.findById(caseId).orElseThrow(() -> new IllegalStateException("no case " + caseId));
    }

    private JsonNode json(String text) {
        try {
            return objectMapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not readable", e);
        }
    }
}
