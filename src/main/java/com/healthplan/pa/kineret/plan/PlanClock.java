package com.healthplan.pa.kineret.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The application's clock: the process engine's time ({@link ClockUtil}, which tests and operators may move) in the
 * plan's time zone ({@code kineret.zone}). Every "now" of the application and every conversion of an engine
 * {@link Date} to a stored time or a calendar day goes through it, so that timers, stored times and day counts agree.
 */
@Component
@EnableConfigurationProperties(KineretProperties.class)
public class PlanClock {

    private final ZoneId zone;

    /** @param properties {@code kineret.zone} */
    public PlanClock(KineretProperties properties) {
        this.zone = properties.zone();
    }

    /** @return the plan's time zone */
    public ZoneId zone() {
        return zone;
    }

    /** @return the engine's current time */
    public Date now() {
        return ClockUtil.getCurrentTime();
    }

    /** @return the engine's current time as an instant */
    public Instant instant() {
        return now().toInstant();
    }

    /** @return the engine's current time in the plan's zone */
    public OffsetDateTime nowInZone() {
        return inZone(now());
    }

    /** @return the engine's current calendar day in the plan's zone */
    public LocalDate today() {
        return nowInZone().toLocalDate();
    }

    /**
     * @param at an engine time
     * @return the same instant in the plan's zone
     */
    public OffsetDateTime inZone(Date at) {
        return at.toInstant().atZone(zone).toOffsetDateTime();
    }
}
