package com.healthplan.pa.kineret.dmn;

import org.assertj.core.api.Assertions;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Direct tests of {@code kineret-preferred-products}: policy 5.70.050 Appendix 3 as data. */
public class PreferredProductsTableTest extends DmnTestSupport {

    private static final DmnDecision DECISION = parse("kineret-preferred-products");

    /** Preferred status per plan option and product (NULL = missing value). */
    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(nullValues = "NULL", value = {
        "STANDARD,   ACTEMRA_SC, true",
        "STANDARD,   ENBREL,     true",
        "STANDARD,   HUMIRA,     true",
        "STANDARD,   RINVOQ,     true",
        "STANDARD,   XELJANZ,    true",
        "BASIC,      ACTEMRA_SC, true",
        "BASIC,      XELJANZ,    true",
        "BASIC,      NULL,       false",
        "STANDARD,   NULL,       false",
        "BLUE_FOCUS, ENBREL,     true",
        "BLUE_FOCUS, HUMIRA,     true",
        "BLUE_FOCUS, ACTEMRA_SC, false",
        "BLUE_FOCUS, RINVOQ,     false",
        "BLUE_FOCUS, XELJANZ,    false",
        "BLUE_FOCUS, NULL,       false",
        "NULL,       HUMIRA,     false",
        "OTHER_PLAN, ENBREL,     false",
    })
    void preferred(String planOption, String product, boolean expected) {
        Object preferred = evaluate(DECISION, vars("planOption", planOption, "preferredProduct", product))
                .getSingleResult().getEntry("preferred");
        Assertions.assertThat(preferred).isEqualTo(expected);
    }
}
