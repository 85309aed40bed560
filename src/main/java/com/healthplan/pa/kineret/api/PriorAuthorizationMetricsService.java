package com.healthplan.pa.kineret.api;

import com.healthplan.pa.kineret.cases.CaseStatus;
import com.healthplan.pa.kineret.cases.DeterminationKind;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRepository;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRepository.CaseOutcome;
import com.healthplan.pa.kineret.plan.PlanClock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * The plan's prior-authorization metrics over the cases <em>received</em> in a period of calendar days in the plan's
 * zone ({@code kineret.zone}), computed from the product's own tables ({@code pa_request}, {@code pa_determination}).
 *
 * <p>Each case falls in exactly one outcome, by its first final determination (the earliest {@code APPROVED} or
 * {@code DENIED} entry of its audit trail): approved automatically (by the system), approved by a reviewer, denied
 * (the adverse determination stands: no appeal, appeal pending or upheld), approved after appeal (the appeal
 * overturned the denial); without a final determination: withdrawn, pended (still open: {@code RECEIVED},
 * {@code IN_REVIEW}, {@code PENDING_INFORMATION}). A case approved and later withdrawn or expired stays approved.
 *
 * <p>Time to determination: from receipt to the first final determination, in hours (decimal, to 1/10,000 h), by
 * urgency; the median (the mean of the two middle values for an even count) and the 90th percentile by the
 * nearest-rank method (the smallest value with at least 90 % of the values at or below it). Deadline: the share of
 * the cases with a first final determination and a decision deadline ({@code dueBy}, set at receipt by urgency)
 * that were determined at or before it.
 */
@Service
public class PriorAuthorizationMetricsService {

    /** The urgencies of the intake contract (spec/API.md), in the order reported. */
    public static final List<String> URGENCIES = List.of("STANDARD", "EXPEDITED");

    private static final Set<CaseStatus> OPEN = Set.of(CaseStatus.RECEIVED, CaseStatus.IN_REVIEW,
            CaseStatus.PENDING_INFORMATION);

    /** The outcome a case is counted under; {@link #tag()} is its Prometheus tag value. */
    public enum Outcome {
        /** Approved by the system (every criterion met). */
        APPROVED_AUTOMATICALLY,
        /** Approved by a clinical reviewer. */
        APPROVED_BY_REVIEWER,
        /** Adverse determination that stands. */
        DENIED,
        /** Adverse determination overturned on appeal. */
        APPROVED_AFTER_APPEAL,
        /** Withdrawn before a final determination. */
        WITHDRAWN,
        /** Still open: received, in review or pending information. */
        PENDED;

        /** @return the lower-case name, e.g. {@code approved_after_appeal} */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Times to determination and deadline figures of one urgency.
     *
     * @param determined          cases with a first final determination
     * @param medianHours         median hours from receipt to it, or null when none
     * @param p90Hours            90th percentile (nearest rank) in hours, or null when none
     * @param withDeadline        determined cases that had a decision deadline
     * @param withinDeadline      of those, determined at or before {@code dueBy}
     * @param withinDeadlineShare {@code withinDeadline / withDeadline} (0 to 1, 4 decimals), or null when none
     */
    public record UrgencyFigures(int determined, Double medianHours, Double p90Hours, int withDeadline,
                                 int withinDeadline, Double withinDeadlineShare) { }

    /**
     * The metrics of a period.
     *
     * @param from                 first calendar day (plan's zone), or null for all cases
     * @param to                   last calendar day, inclusive, or null for all cases
     * @param zone                 the plan's time zone id, e.g. {@code America/New_York}
     * @param requests             cases received
     * @param approvedAutomatically approved by the system
     * @param approvedByReviewer   approved by a reviewer
     * @param denied               adverse determination that stands
     * @param approvedAfterAppeal  denial overturned on appeal
     * @param withdrawn            withdrawn before a final determination
     * @param pended               still open
     * @param byUrgency            {@code STANDARD} and {@code EXPEDITED} figures
     * @param withinDeadlineShare  share of both urgencies together, or null when no case had a deadline
     */
    public record Metrics(LocalDate from, LocalDate to, String zone, int requests, int approvedAutomatically,
                          int approvedByReviewer, int denied, int approvedAfterAppeal, int withdrawn, int pended,
                          Map<String, UrgencyFigures> byUrgency, Double withinDeadlineShare) {

        /** @return the count of an outcome */
        public int count(Outcome outcome) {
            return switch (outcome) {
                case APPROVED_AUTOMATICALLY -> approvedAutomatically;
                case APPROVED_BY_REVIEWER -> approvedByReviewer;
                case DENIED -> denied;
                case APPROVED_AFTER_APPEAL -> approvedAfterAppeal;
                case WITHDRAWN -> withdrawn;
                case PENDED -> pended;
            };
        }
    }

    private final PriorAuthorizationRepository repository;
    private final PlanClock clock;

    /**
     * @param repository the case table and its audit trail
     * @param clock      the plan's time zone and today
     */
    public PriorAuthorizationMetricsService(PriorAuthorizationRepository repository, PlanClock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** @return today in the plan's zone (engine time) */
    public LocalDate today() {
        return clock.today();
    }

    /**
     * @param from first calendar day in the plan's zone
     * @param to   last calendar day, inclusive, not before {@code from}
     * @return the metrics of the cases received from {@code from} 00:00 to {@code to + 1} 00:00 in the plan's zone
     * @throws IllegalArgumentException when {@code to} is before {@code from}
     */
    public Metrics forPeriod(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to is before from");
        }
        List<CaseOutcome> cases = repository.findOutcomes(from.atStartOfDay(clock.zone()).toOffsetDateTime(),
                to.plusDays(1).atStartOfDay(clock.zone()).toOffsetDateTime());
        return compute(from, to, cases);
    }

    /**
     * @param c a case
     * @return the outcome it is counted under, or null for none (a status outside the vocabulary above)
     */
    public static Outcome outcome(CaseOutcome c) {
        if ("APPROVED".equals(c.firstOutcome())) {
            return DeterminationKind.SYSTEM.name().equals(c.firstKind()) ? Outcome.APPROVED_AUTOMATICALLY
                    : Outcome.APPROVED_BY_REVIEWER;
        }
        if ("DENIED".equals(c.firstOutcome())) {
            return "OVERTURNED".equals(c.appealStatus()) ? Outcome.APPROVED_AFTER_APPEAL : Outcome.DENIED;
        }
        if (c.status() == CaseStatus.WITHDRAWN) {
            return Outcome.WITHDRAWN;
        }
        return OPEN.contains(c.status()) ? Outcome.PENDED : null;
    }

    /** @return counts by outcome of the cases of one urgency (for the Prometheus gauges) */
    public Map<Outcome, Integer> countsByOutcome(List<CaseOutcome> cases, String urgency) {
        Map<Outcome, Integer> counts = new LinkedHashMap<>();
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0);
        }
        cases.stream().filter(c -> urgency.equals(c.urgency())).map(PriorAuthorizationMetricsService::outcome)
                .filter(java.util.Objects::nonNull).forEach(o -> counts.merge(o, 1, Integer::sum));
        return counts;
    }

    /** @return every stored case with its first final determination */
    public List<CaseOutcome> allOutcomes() {
        return repository.findOutcomes(null, null);
    }

    /**
     * @param from  first day, or null
     * @param to    last day, or null
     * @param cases the cases received in the period
     * @return their metrics
     */
    public Metrics compute(LocalDate from, LocalDate to, List<CaseOutcome> cases) {
        Map<Outcome, Integer> counts = new LinkedHashMap<>();
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0);
        }
        cases.stream().map(PriorAuthorizationMetricsService::outcome).filter(java.util.Objects::nonNull)
                .forEach(o -> counts.merge(o, 1, Integer::sum));
        Map<String, UrgencyFigures> byUrgency = new LinkedHashMap<>();
        int withDeadline = 0;
        int within = 0;
        for (String urgency : URGENCIES) {
            UrgencyFigures f = figures(cases.stream().filter(c -> urgency.equals(c.urgency())).toList());
            byUrgency.put(urgency, f);
            withDeadline += f.withDeadline();
            within += f.withinDeadline();
        }
        return new Metrics(from, to, clock.zone().getId(), cases.size(), counts.get(Outcome.APPROVED_AUTOMATICALLY),
                counts.get(Outcome.APPROVED_BY_REVIEWER), counts.get(Outcome.DENIED),
                counts.get(Outcome.APPROVED_AFTER_APPEAL), counts.get(Outcome.WITHDRAWN), counts.get(Outcome.PENDED),
                byUrgency, share(within, withDeadline));
    }

    private static UrgencyFigures figures(List<CaseOutcome> cases) {
        List<Double> hours = new ArrayList<>();
        int withDeadline = 0;
        int within = 0;
        for (CaseOutcome c : cases) {
            if (c.firstDecidedAt() == null) {
                continue;
            }
            hours.add(Duration.between(c.receivedAt(), c.firstDecidedAt()).toMillis() / 3_600_000.0);
            if (c.dueBy() != null) {
                withDeadline++;
                if (!c.firstDecidedAt().isAfter(c.dueBy())) {
                    within++;
                }
            }
        }
        hours.sort(null);
        return new UrgencyFigures(hours.size(), round(median(hours)), round(nearestRank(hours, 90)), withDeadline,
                within, share(within, withDeadline));
    }

    /** @return the median of sorted values (mean of the two middle ones for an even count), or null when empty */
    static Double median(List<Double> sorted) {
        int n = sorted.size();
        if (n == 0) {
            return null;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** @return the {@code percent}-th percentile of sorted values by the nearest-rank method, or null when empty */
    static Double nearestRank(List<Double> sorted, int percent) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (percent * sorted.size() + 99) / 100;
        return sorted.get(Math.max(rank, 1) - 1);
    }

    private static Double share(int part, int whole) {
        return whole == 0 ? null : round((double) part / whole);
    }

    private static Double round(Double v) {
        return v == null ? null : Math.round(v * 10_000) / 10_000.0;
    }
}
