package com.healthplan.pa.kineret.api;

import com.healthplan.pa.kineret.api.PriorAuthorizationMetricsService.Metrics;
import com.healthplan.pa.kineret.api.PriorAuthorizationMetricsService.Outcome;
import com.healthplan.pa.kineret.api.PriorAuthorizationMetricsService.UrgencyFigures;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * The figures of {@link PriorAuthorizationMetricsService} over every stored case as Micrometer gauges, served by the
 * actuator's Prometheus endpoint ({@code /actuator/prometheus}, Prometheus text exposition format):
 * <ul>
 *   <li>{@code kineret_pa_cases{outcome, urgency}}: cases by outcome ({@link Outcome#tag()}) and urgency</li>
 *   <li>{@code kineret_pa_time_to_determination_hours{urgency, quantile}}: hours from receipt to the first final
 *   determination, {@code quantile} 0.5 (median) and 0.9 (nearest rank); NaN without determinations</li>
 *   <li>{@code kineret_pa_within_deadline_ratio{urgency}}: share determined by {@code dueBy}; NaN without deadlines</li>
 * </ul>
 * The tables are read at most once per {@value #REFRESH_SECONDS} s however many gauges a scrape reads; when the
 * database does not answer, the gauges are NaN.
 */
@Component
public class PriorAuthorizationMetricsBinder implements MeterBinder {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PriorAuthorizationMetricsBinder.class);

    /** Seconds a reading of the tables serves the gauges. */
    static final long REFRESH_SECONDS = 10;

    private record Snapshot(Instant at, Metrics all, Map<String, Map<Outcome, Integer>> counts) { }

    private final PriorAuthorizationMetricsService metrics;
    private volatile Snapshot snapshot;

    /** @param metrics computes the figures */
    public PriorAuthorizationMetricsBinder(PriorAuthorizationMetricsService metrics) {
        this.metrics = metrics;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String urgency : PriorAuthorizationMetricsService.URGENCIES) {
            for (Outcome outcome : Outcome.values()) {
                gauge(registry, "kineret.pa.cases", "Prior-authorization cases by outcome and urgency", null,
                        s -> s.counts().get(urgency).get(outcome), "outcome", outcome.tag(), "urgency", urgency);
            }
            gauge(registry, "kineret.pa.time.to.determination", "Hours from receipt to the first final determination",
                    "hours", s -> value(s.all().byUrgency().get(urgency).medianHours()), "urgency", urgency, "quantile", "0.5");
            gauge(registry, "kineret.pa.time.to.determination", "Hours from receipt to the first final determination",
                    "hours", s -> value(s.all().byUrgency().get(urgency).p90Hours()), "urgency", urgency, "quantile", "0.9");
            gauge(registry, "kineret.pa.within.deadline", "Share of final determinations made by the case's deadline",
                    "ratio", s -> value(s.all().byUrgency().get(urgency).withinDeadlineShare()), "urgency", urgency);
        }
    }

    private void gauge(MeterRegistry registry, String name, String description, String unit,
                       ToDoubleFunction<Snapshot> value, String... tags) {
        Gauge.builder(name, this, b -> {
            Snapshot s = b.current();
            return s == null ? Double.NaN : value.applyAsDouble(s);
        }).description(description).baseUnit(unit).tags(tags).strongReference(true).register(registry);
    }

    private static double value(Double v) {
        return v == null ? Double.NaN : v;
    }

    /** @return a reading of the tables not older than {@link #REFRESH_SECONDS}, or null when the database fails */
    private Snapshot current() {
        Snapshot s = snapshot;
        Instant now = Instant.now();
        if (s != null && Duration.between(s.at(), now).getSeconds() < REFRESH_SECONDS) {
            return s;
        }
        synchronized (this) {
            s = snapshot;
            if (s != null && Duration.between(s.at(), now).getSeconds() < REFRESH_SECONDS) {
                return s;
            }
            try {
                var cases = metrics.allOutcomes();
                Map<String, Map<Outcome, Integer>> counts = new java.util.LinkedHashMap<>();
                for (String urgency : PriorAuthorizationMetricsService.URGENCIES) {
                    counts.put(urgency, metrics.countsByOutcome(cases, urgency));
                }
                snapshot = new Snapshot(now, metrics.compute(null, null, cases), counts);
            } catch (RuntimeException e) {
                LOG.warn("Case metrics not read: {}", e.getClass().getName());
                snapshot = null;
            }
            return snapshot;
        }
    }
}
