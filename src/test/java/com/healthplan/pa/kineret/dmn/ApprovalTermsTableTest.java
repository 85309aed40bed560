package com.healthplan.pa.kineret.dmn;

import org.assertj.core.api.Assertions;

import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Direct tests of {@code kineret-approval-terms}: duration and quantity limit from policy 5.70.050
 * Prior-Approval Limits (Duration 12 months) and Prior-Approval Renewal Limits (Duration 18 months).
 */
public class ApprovalTermsTableTest extends DmnTestSupport {

    private static final DmnDecision DECISION = parse("kineret-approval-terms");

    private static Map<String, Object> terms(String requestType, String indication, Double weightKg) {
        return evaluate(DECISION, vars("requestType", requestType, "indication", indication, "weightKg", weightKg))
                .getSingleResult().getEntryMap();
    }

    /** Initial approvals last 12 months, renewals 18, for every indication. */
    @ParameterizedTest(name = "{0} {1} -> {2} months")
    @CsvSource({
        "INITIAL, RA, 12", "RENEWAL, RA, 18",
        "INITIAL, CAPS_NOMID, 12", "RENEWAL, CAPS_NOMID, 18",
        "INITIAL, DIRA, 12", "RENEWAL, DIRA, 18",
        "INITIAL, SJIA, 12", "RENEWAL, AOSD, 18",
        "INITIAL, GOUT_CPPD, 12", "RENEWAL, CAR_T_TOXICITY, 18",
    })
    void duration(String requestType, String indication, int months) {
        Assertions.assertThat(terms(requestType, indication, 30.0)).containsEntry("durationMonths", months);
    }

    /** RA: 84 syringes per 84 days and the 100 mg/day maintenance dose (Diagnoses 1.d). */
    @Test
    void raQuantity() {
        Assertions.assertThat(terms("INITIAL", "RA", 72.5))
                .containsEntry("quantityLimit", "84 syringes per 84 days")
                .containsEntry("maxDosePerDayMg", 100.0);
        Assertions.assertThat(terms("RENEWAL", "RA", null))
                .containsEntry("quantityLimit", "84 syringes per 84 days")
                .containsEntry("maxDosePerDayMg", 100.0);
    }

    /** CAPS (NOMID) and DIRA: 8 mg/kg per day turned into mg/day from the weight on the request. */
    @Test
    void weightBasedQuantity() {
        Assertions.assertThat(terms("INITIAL", "CAPS_NOMID", 20.0))
                .containsEntry("quantityLimit", "160 mg/day (8 mg/kg/day at 20 kg)")
                .containsEntry("maxDosePerDayMg", 160.0);
        Assertions.assertThat(terms("RENEWAL", "DIRA", 12.5))
                .containsEntry("quantityLimit", "100 mg/day (8 mg/kg/day at 12.5 kg)")
                .containsEntry("maxDosePerDayMg", 100.0);
        Assertions.assertThat(terms("INITIAL", "DIRA", 7.3))
                .containsEntry("quantityLimit", "58.4 mg/day (8 mg/kg/day at 7.3 kg)")
                .containsEntry("maxDosePerDayMg", 58.4);
    }

    /** CAPS (NOMID) / DIRA without a weight: the limit stays in mg/kg and no mg/day maximum is given. */
    @Test
    void weightBasedQuantityWithoutWeight() {
        Assertions.assertThat(terms("INITIAL", "DIRA", null))
                .containsEntry("quantityLimit", "8 mg/kg/day (weight not reported)")
                .containsEntry("maxDosePerDayMg", null);
        Assertions.assertThat(terms("RENEWAL", "CAPS_NOMID", null))
                .containsEntry("durationMonths", 18)
                .containsEntry("quantityLimit", "8 mg/kg/day (weight not reported)");
    }

    /** sJIA, AOSD, gout/CPPD and CAR-T toxicity: "No limit" in the Limits table. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"SJIA", "AOSD", "GOUT_CPPD", "CAR_T_TOXICITY", "NOT_COVERED"})
    void noLimit(String indication) {
        Assertions.assertThat(terms("INITIAL", indication, 40.0))
                .containsEntry("quantityLimit", "No limit")
                .containsEntry("maxDosePerDayMg", null);
    }

    /** A request type that is neither INITIAL nor RENEWAL gives no terms at all. */
    @Test
    void unknownRequestTypeGivesNoTerms() {
        Assertions.assertThat(evaluate(DECISION, vars("requestType", null, "indication", "RA", "weightKg", 70.0))).isEmpty();
    }
}
