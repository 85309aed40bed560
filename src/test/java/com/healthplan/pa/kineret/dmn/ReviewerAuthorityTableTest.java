package com.healthplan.pa.kineret.dmn;

import org.assertj.core.api.Assertions;

import java.util.List;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Direct tests of {@code kineret-reviewer-authority}: who may issue which determination (URAC / NCQA UM standards:
 * adverse determinations of medical necessity by a physician, appeals by a physician not involved in the denial;
 * administrative denials on 5.70.050 Prior-Approval Limits and Appendix 3 also by a pharmacist).
 */
public class ReviewerAuthorityTableTest extends DmnTestSupport {

    private static final DmnDecision DECISION = parse("kineret-reviewer-authority");

    /** Every criterion ID of RULES.md. */
    private static final List<String> CRITERIA = List.of("DIAGNOSIS_COVERED", "RA_AGE", "RA_DISEASE_ACTIVITY",
            "RA_CONVENTIONAL_DMARD", "RA_DOSE", "QUANTITY_LIMIT", "PREFERRED_PRODUCTS", "WEIGHT_BASED_DOSE",
            "TB_SCREENING", "NO_ACTIVE_INFECTION", "HBV_SCREENING", "NO_BIOLOGIC_OR_TSDMARD_COMBINATION",
            "NO_LIVE_VACCINE", "CLINICAL_RESPONSE");

    private static DmnDecisionTableResult authority(String determination, String criterionId, String planOption) {
        return evaluate(DECISION, vars("determination", determination, "criterionId", criterionId,
                "planOption", planOption));
    }

    /** One rule per determination, criterion and plan option (NULL = no value). */
    @ParameterizedTest(name = "{0} {1} {2} -> {3} excludes denier {4}")
    @CsvSource(nullValues = "NULL", value = {
        "APPROVED,            NULL,               STANDARD,   NULL,           pa-clinical-reviewers,  false",
        "APPROVED,            NULL,               BLUE_FOCUS, NULL,           pa-clinical-reviewers,  false",
        "REQUEST_INFORMATION, NULL,               BASIC,      NULL,           pa-clinical-reviewers,  false",
        "REQUEST_INFORMATION, NULL,               NULL,       NULL,           pa-clinical-reviewers,  false",
        "DENIED,              RA_AGE,             STANDARD,   clinical,       pa-physician-reviewers, false",
        "DENIED,              TB_SCREENING,       BLUE_FOCUS, clinical,       pa-physician-reviewers, false",
        "DENIED,              QUANTITY_LIMIT,     STANDARD,   administrative, pa-clinical-reviewers,  false",
        "DENIED,              QUANTITY_LIMIT,     BLUE_FOCUS, administrative, pa-clinical-reviewers,  false",
        "DENIED,              PREFERRED_PRODUCTS, BASIC,      administrative, pa-clinical-reviewers,  false",
        "DENIED,              PREFERRED_PRODUCTS, BLUE_FOCUS, administrative, pa-clinical-reviewers,  false",
        "APPEAL_UPHELD,       NULL,               STANDARD,   NULL,           pa-physician-reviewers, true",
        "APPEAL_OVERTURNED,   NULL,               BLUE_FOCUS, NULL,           pa-physician-reviewers, true",
    })
    void rule(String determination, String criterionId, String planOption, String criterionClass, String group,
              boolean excludesDenier) {
        var row = authority(determination, criterionId, planOption).getSingleResult();
        Assertions.assertThat((String) row.getEntry("criterionClass")).isEqualTo(criterionClass);
        Assertions.assertThat((String) row.getEntry("authorizedGroup")).isEqualTo(group);
        Assertions.assertThat((Boolean) row.getEntry("excludesDenier")).isEqualTo(excludesDenier);
        Assertions.assertThat((String) row.getEntry("authorityRule")).isNotBlank()
                .containsAnyOf("URAC", "5.70.050");
    }

    /** Every criterion is classified: the two administrative ones by pharmacists too, all others by physicians only. */
    @Test
    void everyCriterionIsClassified() {
        for (String id : CRITERIA) {
            var row = authority("DENIED", id, "STANDARD").getSingleResult();
            boolean administrative = id.equals("QUANTITY_LIMIT") || id.equals("PREFERRED_PRODUCTS");
            Assertions.assertThat((String) row.getEntry("authorizedGroup")).as(id)
                    .isEqualTo(administrative ? "pa-clinical-reviewers" : "pa-physician-reviewers");
            Assertions.assertThat((String) row.getEntry("criterionClass")).as(id)
                    .isEqualTo(administrative ? "administrative" : "clinical");
            Assertions.assertThat((String) row.getEntry("authorityRule")).as(id)
                    .contains(administrative ? "administrative" : "physician reviewer only");
        }
    }

    /** No rule for what the table does not know: the determination is then refused (fail closed). */
    @ParameterizedTest(name = "{0} {1} -> no rule")
    @CsvSource(nullValues = "NULL", value = {
        "DENIED,          NULL",
        "DENIED,          NOT_A_CRITERION",
        "DENIED,          ra_age",
        "WITHDRAWN,       NULL",
        "UPHELD,          NULL",
        "NULL,            NULL",
        "NULL,            RA_AGE",
    })
    void noRule(String determination, String criterionId) {
        Assertions.assertThat(authority(determination, criterionId, "STANDARD").getResultList()).isEmpty();
    }
}
