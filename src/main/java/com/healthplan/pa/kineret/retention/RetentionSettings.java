package com.healthplan.pa.kineret.retention;

import com.healthplan.pa.kineret.plan.KineretProperties;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Component;

/**
 * The retention period of a case's records, in one place for Camunda's history and the project's own tables.
 *
 * <p>A case's records are kept while its process runs (decision, then the authorization's life of up to 18
 * calendar months, renewal and appeal windows included) and for the record-keeping period after its process
 * ends: {@code kineret.retention.record-keeping}, an ISO-8601 period, default {@code P10Y} (the 10 years that
 * CMS asks of Part D sponsors, 42 CFR 423.505(d); set it to the plan's own schedule, never below {@code P1Y}).
 *
 * <p>Camunda's history time to live is counted in days from the end of the process (removal-time strategy
 * {@code end}). Decision evaluations made outside a business rule task (the catalogue look-ups) are not tied to
 * the process's end, so they are kept {@value #LONGEST_CASE_MONTHS} calendar months longer: the longest a case
 * stays open (an 18-month authorization that starts when the previous one ends, plus review and appeal time).
 */
@Component
public class RetentionSettings {

    /** Upper bound of a case's open life in calendar months, added to the TTL of decisions. */
    public static final int LONGEST_CASE_MONTHS = 24;

    private final Period recordKeeping;

    /**
     * @param properties {@code kineret.retention.record-keeping}: ISO-8601 period after a case closes
     * @throws IllegalArgumentException when the period is shorter than one year
     */
    public RetentionSettings(KineretProperties properties) {
        Period recordKeeping = properties.retention().recordKeeping();
        LocalDate today = LocalDate.of(2000, 1, 1);
        if (today.plus(recordKeeping).isBefore(today.plusYears(1))) {
            throw new IllegalArgumentException("kineret.retention.record-keeping must be at least P1Y, was " + recordKeeping);
        }
        this.recordKeeping = recordKeeping;
    }

    /** @return the record-keeping period after a case closes */
    public Period recordKeeping() {
        return recordKeeping;
    }

    /**
     * @return Camunda history time to live of the process, in days: the record-keeping period counted from
     *         2000-01-01 (leap days included, so never shorter than the period)
     */
    public int processHistoryDays() {
        return days(recordKeeping);
    }

    /** @return history time to live of decision definitions in days: record keeping plus the longest case */
    public int decisionHistoryDays() {
        return days(recordKeeping.plusMonths(LONGEST_CASE_MONTHS));
    }

    private static int days(Period period) {
        LocalDate start = LocalDate.of(2000, 1, 1);
        return Math.toIntExact(ChronoUnit.DAYS.between(start, start.plus(period).plusDays(1)));
    }
}
