package com.healthplan.pa.kineret.dmn;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Direct tests of {@code kineret-decision-deadline}: hours from receipt by urgency (and plan option). */
public class DecisionDeadlineTableTest extends DmnTestSupport {

    private static final DmnDecision DECISION = parse("kineret-decision-deadline");

    /** EXPEDITED is 24 hours and STANDARD (or no urgency) 72 hours for every plan option. */
    @ParameterizedTest(name = "{0} / {1} -> {2} h")
    @CsvSource(nullValues = "NULL", value = {
        "EXPEDITED, STANDARD,   24",
        "EXPEDITED, BASIC,      24",
        "EXPEDITED, BLUE_FOCUS, 24",
        "STANDARD,  STANDARD,   72",
        "STANDARD,  BLUE_FOCUS, 72",
        "NULL,      BASIC,      72"})
    void deadlineHours(String urgency, String planOption, int hours) {
        var result = evaluate(DECISION, vars("urgency", urgency, "planOption", planOption));
        Assertions.assertThat(result).hasSize(1);
        Assertions.assertThat(((Number) result.getSingleResult().getEntry("deadlineHours")).intValue()).isEqualTo(hours);
    }
}
