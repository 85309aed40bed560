package com.healthplan.pa.kineret.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.healthplan.pa.kineret.cases.CaseStatus;
import com.healthplan.pa.kineret.cases.PriorAuthorizationCase;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRepository;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRequest;
import com.healthplan.pa.kineret.intake.IntakeService;
import com.healthplan.pa.kineret.rules.ClinicalFactsService;
import com.healthplan.pa.kineret.rules.CriterionResult;
import java.math.BigDecimal;
import java.time.Duration;
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
    private final IntakeService intake;
    private final PlanClock clock;
    private final String informationWait;
    private final ReviewerAuthority authority;

    /**
     * @param properties {@code kineret.review.information-wait}: ISO-8601 duration to wait for requested information
     * @param authority  who may issue which determination (the form's authority lines)
     */
    public ReviewService(PriorAuthorizationRepository repository, ObjectMapper objectMapper, IntakeService intake,
                         PlanClock clock,
                         KineretProperties properties, ReviewerAuthority authority) {
        this.authority = authority;
        this.repository = repository;
        this.objectMapper = objectMapper;
        this.intake = intake;
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
        repository.setDueBy(caseId, dueBy);
        return new Deadline(Date.from(dueBy.toInstant()), Date.from(escalationMoment(received, dueBy).toInstant()));
    }

    /**
     * @param received when the case was received
     * @param dueBy    its decision deadline
     * @return the moment 75 % ({@link #ESCALATION_SHARE}) of the time from receipt to the deadline has passed, to the
     *         second
     */
    static OffsetDateTime escalationMoment(OffsetDateTime received, OffsetDateTime dueBy) {
        return received.plusSeconds(Math.round(Duration.between(received, dueBy).getSeconds() * ESCALATION_SHARE));
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
     * prescription, therapy history, safety answers, every criterion (failing first), the medical exception and who
     * may issue which determination on the case's open criteria ({@code authoritySummary}, {@link ReviewerAuthority}).
     * Values are plain text (the form shows them as text, never as markup).
     *
     * @param informationNotReceived whether requested information did not arrive in time
     * @return variable name → text
     */
    public Map<String, Object> summary(String caseId, boolean informationNotReceived) {
        PriorAuthorizationCase c = find(caseId);
        PriorAuthorizationRequest r = intake.readRequest(c);
        Map<String, Object> v = new LinkedHashMap<>();
        PriorAuthorizationRequest.Member member = r.member();
        Integer age = ClinicalFactsService.ageOn(member.dateOfBirth(), c.requestDate());
        v.put("memberSummary", "Member " + member.id() + ", born " + member.dateOfBirth()
                + (age == null ? "" : " (age " + age + " on " + c.requestDate() + ")")
                + ", weight " + (member.weightKg() != null ? number(member.weightKg()) + " kg" : "not reported"));
        v.put("planSummary", r.planOption() + " option, " + r.benefit() + " benefit; "
                + r.requestType() + " request of " + c.requestDate() + ", urgency " + c.urgency());
        PriorAuthorizationRequest.Diagnosis dx = r.diagnosis();
        v.put("diagnosisSummary", "ICD-10-CM " + dx.icd10()
                + optional(" subtype ", dx.subtype()) + optional(", disease activity ", dx.diseaseActivity())
                + optional(", DAS28 ", dx.das28()) + optional(", CDAI ", dx.cdai())
                + optional(", clinical response ", r.clinicalResponse()));
        PriorAuthorizationRequest.Prescription rx = r.prescription();
        v.put("prescriptionSummary", (rx.drug() != null || rx.rxcui() != null || rx.ndc() != null
                        ? entry(rx.drug(), rx.rxcui(), rx.ndc(), null) : "Kineret") + " "
                + number(rx.dosePerDayMg()) + " mg/day; quantity "
                + (rx.quantity() != null ? rx.quantity() + " syringes" : "not reported")
                + " for " + (rx.daysSupply() != null ? rx.daysSupply() + " days" : "days supply not reported"));
        List<String> trials = new ArrayList<>();
        orEmpty(r.therapyHistory()).forEach(t -> trials.add("- " + entry(t.drug(), t.rxcui(), t.ndc(), null)
                + (t.route() != null ? " (" + t.route() + ")" : "") + ": " + t.outcome()
                + (t.durationDays() != null ? " after " + t.durationDays() + " days" : ", duration not reported")));
        v.put("therapyHistorySummary", trials.isEmpty() ? "No past therapy reported" : String.join("\n", trials));
        PriorAuthorizationRequest.Safety s = r.safety() != null ? r.safety()
                : new PriorAuthorizationRequest.Safety(null, null, null, null, null, null, null);
        v.put("safetySummary", String.join("\n",
                "TB screening: " + orNotReported(s.tbScreening()),
                "Active infection: " + orNotReported(s.activeInfection())
                        + "; active tuberculosis: " + orNotReported(s.activeTuberculosis())
                        + "; active hepatitis B: " + orNotReported(s.activeHepatitisB()),
                "HBV status: " + orNotReported(s.hbvStatus()),
                "Concurrent medications: " + list(orEmpty(s.concurrentMedications()).stream()
                        .map(m -> entry(m.name(), m.rxcui(), m.ndc(), null)).toList()),
                "Planned vaccines: " + list(orEmpty(s.plannedVaccines()).stream()
                        .map(m -> entry(m.name(), null, null, m.cvx())).toList())));
        v.put("criteriaSummary", criteriaSummary(c));
        v.put(ProcessVariables.AUTHORITY_SUMMARY.name(), authority.reviewSummary(
                r.planOption() == null ? null : r.planOption().name(),
                storedCriteria(c).stream().filter(CriterionResult::isOpen).map(CriterionResult::id).toList()));
        PriorAuthorizationRequest.MedicalException me = r.medicalException();
        v.put("medicalExceptionSummary", me != null && Boolean.TRUE.equals(me.requested())
                ? "Requested: " + (me.reason() != null ? me.reason() : "no reason given")
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

    private String criteriaSummary(PriorAuthorizationCase c) {
        List<String> failing = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (CriterionResult cr : storedCriteria(c)) {
            String line = cr.id() + ": " + cr.result() + " — " + cr.detail() + " (" + cr.reference() + ")";
            if ("NOT_MET".equals(cr.result()) || "UNKNOWN".equals(cr.result())) {
                failing.add(line);
            } else {
                rest.add(line);
            }
        }
        failing.addAll(rest);
        return String.join("\n", failing);
    }

    /**
     * @param c a case as stored
     * @return the criteria results of its last evaluation ({@code pa_request.criteria_json}: diagnosis criteria first,
     *         then safety), empty when the case was not evaluated yet
     * @throws IllegalStateException when the stored criteria are not readable
     */
    public List<CriterionResult> storedCriteria(PriorAuthorizationCase c) {
        if (c.criteriaJson() == null) {
            return List.of();
        }
        try {
            return List.of(objectMapper.readValue(c.criteriaJson(), CriterionResult[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored criteria of case " + c.id() + " are not readable", e);
        }
    }

    /**
     * A number as the request sent it: a whole number as is, a decimal as a {@code double} prints it
     * ({@code 72.5}, {@code 1.0E-4}), the form the stored request's JSON reads back in.
     */
    private static String number(BigDecimal value) {
        return value.scale() == 0 ? value.toString() : Double.toString(value.doubleValue());
    }

    private static String optional(String prefix, Object value) {
        if (value == null) {
            return "";
        }
        return prefix + (value instanceof BigDecimal d ? number(d) : value.toString());
    }

    private static String orNotReported(Object value) {
        return value != null ? value.toString() : "not reported";
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String list(List<String> entries) {
        return entries.isEmpty() ? "none reported" : String.join(", ", entries);
    }

    /**
     * A medication or vaccine entry as sent: its name, its codes, or both
     * ({@code "Humira Pen (RxCUI 1234, NDC 00074-0554-02)"}); null codes are left out.
     */
    private static String entry(String name, String rxcui, String ndc, String cvx) {
        List<String> codes = new ArrayList<>();
        if (rxcui != null) {
            codes.add("RxCUI " + rxcui);
        }
        if (ndc != null) {
            codes.add("NDC " + ndc);
        }
        if (cvx != null) {
            codes.add("CVX " + cvx);
        }
        String shown = name != null ? name : "";
        if (codes.isEmpty()) {
            return shown;
        }
        return shown.isEmpty() ? String.join(", ", codes) : shown + " (" + String.join(", ", codes) + ")";
    }

    private PriorAuthorizationCase find(String caseId) {
        return repository.findById(caseId).orElseThrow(() -> new IllegalStateException("no case " + caseId));
    }
}
