package com.healthplan.pa.kineret.dmn;

import org.assertj.core.api.Assertions;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Direct tests of {@code kineret-route} (RULES.md "Route"; the medical-exception path comes from
 * policy 5.70.050 Prior-Approval, Diagnoses 1.e "unless the patient has a valid medical exception").
 */
public class RouteTableTest extends DmnTestSupport {

    private static final DmnDecision DECISION = parse("kineret-route");

    /** Route for open-criteria count, PREFERRED_PRODUCTS result and exception flag (NULL = missing). */
    @ParameterizedTest(name = "open={0} preferred={1} exception={2} -> {3}")
    @CsvSource(nullValues = "NULL", value = {
        "0, MET,            false, AUTO_APPROVE",
        "0, NOT_APPLICABLE, true,  AUTO_APPROVE",
        "0, NULL,           NULL,  AUTO_APPROVE",
        "1, NOT_MET,        true,  MEDICAL_EXCEPTION_REVIEW",
        "1, UNKNOWN,        true,  MEDICAL_EXCEPTION_REVIEW",
        "1, NOT_MET,        false, CLINICAL_REVIEW",
        "1, NOT_MET,        NULL,  CLINICAL_REVIEW",
        "1, MET,            true,  CLINICAL_REVIEW",
        "1, NOT_APPLICABLE, true,  CLINICAL_REVIEW",
        "2, NOT_MET,        true,  CLINICAL_REVIEW",
        "3, MET,            false, CLINICAL_REVIEW",
        "NULL, MET,         false, CLINICAL_REVIEW",
    })
    void route(Integer open, String preferred, Boolean exception, String expected) {
        String route = evaluate(DECISION, vars("openCriteriaCount", open, "preferredProductsResult", preferred,
                "medicalExceptionRequested", exception)).getSingleResult().getEntry("route");
        Assertions.assertThat(route).isEqualTo(expected);
    }
}
