package com.healthplan.pa.kineret.dmn;

import org.assertj.core.api.Assertions;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Direct tests of {@code kineret-indication}: ICD-10-CM code (plus subtype for M04.2 / M04.8) to
 * the indication of policy 5.70.050 Prior-Approval, Diagnoses 1-7 (RULES.md "Indication").
 */
public class IndicationTableTest extends DmnTestSupport {

    private static final DmnDecision DECISION = parse("kineret-indication");

    private static String indication(String icd10, String subtype) {
        return evaluate(DECISION, vars("icd10", icd10, "subtype", subtype)).getSingleResult().getEntry("indication");
    }

    /** Every code family of RULES.md maps to its indication; empty subtype column means none. */
    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource({
        "M05.79,  , RA",
        "M05.00,  , RA",
        "M05.9,   , RA",
        "M06.00,  , RA",
        "M06.079, , RA",
        "M06.29,  , RA",
        "M06.39,  , RA",
        "M06.89,  , RA",
        "M06.9,   , RA",
        "M06.1,   , AOSD",
        "M08.20,  , SJIA",
        "M08.2A,  , SJIA",
        "M04.2, NOMID, CAPS_NOMID",
        "M04.8, DIRA,  DIRA",
        "M10.9,   , GOUT_CPPD",
        "M10.071, , GOUT_CPPD",
        "M1A.071, , GOUT_CPPD",
        "M1A.9XX0,, GOUT_CPPD",
        "M11.10,  , GOUT_CPPD",
        "M11.29,  , GOUT_CPPD",
        "D89.832, , CAR_T_TOXICITY",
        "D89.839, , CAR_T_TOXICITY",
        "G92.00,  , CAR_T_TOXICITY",
        "G92.03,  , CAR_T_TOXICITY",
        "L40.0,   , NOT_COVERED",
        "M06.4,   , NOT_COVERED",
        "M08.00,  , NOT_COVERED",
        "M11.0,   , NOT_COVERED",
        "M11.80,  , NOT_COVERED",
        "D89.81,  , NOT_COVERED",
        "G92.8,   , NOT_COVERED",
        "M04.1,   , NOT_COVERED",
        "M04.8, OTHER, NOT_COVERED",
        "M04.8,   , NOT_COVERED",
    })
    void mapsCodeFamilies(String icd10, String subtype, String expected) {
        Assertions.assertThat(indication(icd10, subtype)).isEqualTo(expected);
    }

    /** M06.1 is adult-onset Still's disease (Diagnoses 5), not RA, although it sits under M06. */
    @Test
    void m061IsAosdNotRa() {
        Assertions.assertThat(indication("M06.1", null)).isEqualTo("AOSD");
    }

    /** M06.4 (inflammatory polyarthropathy) is neither RA nor any other covered indication. */
    @Test
    void m064IsNotCovered() {
        Assertions.assertThat(indication("M06.4", null)).isEqualTo("NOT_COVERED");
    }

    /** M04.2 is covered only as NOMID (Diagnoses 2.a); Muckle-Wells, FCAS or no subtype are not. */
    @ParameterizedTest(name = "M04.2 with subtype {0}")
    @CsvSource(value = {"MWS", "FCAS", "OTHER", "NULL"}, nullValues = "NULL")
    void capsOtherThanNomidIsNotCovered(String subtype) {
        Assertions.assertThat(indication("M04.2", subtype)).isEqualTo("NOT_COVERED");
    }

    /** A missing code is not covered (the criteria table then reports it as UNKNOWN). */
    @Test
    void nullCodeIsNotCovered() {
        Assertions.assertThat(indication(null, null)).isEqualTo("NOT_COVERED");
        Assertions.assertThat(indication(null, "NOMID")).isEqualTo("NOT_COVERED");
    }
}
