package com.healthplan.pa.kineret.dmn;

import org.assertj.core.api.Assertions;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Direct tests of {@code kineret-diagnosis-criteria} (COLLECT): policy 5.70.050 Prior-Approval and
 * Prior-Approval Renewal "Diagnoses" plus Prior-Approval Limits (Quantity), criterion by criterion as
 * in RULES.md. Every evaluation must give each of the eight criteria exactly once.
 */
public class DiagnosisCriteriaTableTest extends DmnTestSupport {

    private static final DmnDecision DECISION = parse("kineret-diagnosis-criteria");

    /** The criteria this table produces, each exactly once for every input. */
    public static final List<String> CRITERIA = List.of("DIAGNOSIS_COVERED", "RA_AGE", "RA_DISEASE_ACTIVITY",
            "RA_CONVENTIONAL_DMARD", "RA_DOSE", "QUANTITY_LIMIT", "PREFERRED_PRODUCTS", "WEIGHT_BASED_DOSE");

    /** Facts of an RA initial request that meets every criterion (acceptance case 01). */
    private static Map<String, Object> raInitial() {
        Map<String, Object> f = new HashMap<>();
        f.put("icd10", "M05.79");
        f.put("subtype", null);
        f.put("indication", "RA");
        f.put("requestType", "INITIAL");
        f.put("requestDate", "2026-03-02");
        f.put("benefit", "PHARMACY");
        f.put("planOption", "STANDARD");
        f.put("ageYears", 45);
        f.put("diseaseActivity", "MODERATE");
        f.put("das28", null);
        f.put("cdai", null);
        f.put("dmardIntoleranceOrContraindication", false);
        f.put("dmardInadequateResponseMaxDays", 120);
        f.put("dmardInadequateResponseUndatedCount", 0);
        f.put("dmardNames", "methotrexate");
        f.put("dosePerDayMg", 100.0);
        f.put("weightKg", 72.5);
        f.put("quantity", 28);
        f.put("daysSupply", 28);
        f.put("preferredProductsTried", 2);
        f.put("preferredProductNames", "Enbrel, Humira");
        return f;
    }

    /** Facts of a CAPS (NOMID) initial request: 100 mg/day at 20 kg (acceptance case 11). */
    private static Map<String, Object> nomid() {
        Map<String, Object> f = raInitial();
        f.putAll(map("icd10", "M04.2", "subtype", "NOMID", "indication", "CAPS_NOMID", "ageYears", 6,
                "diseaseActivity", null, "dmardInadequateResponseMaxDays", null, "dmardNames", "",
                "weightKg", 20.0, "preferredProductsTried", 0, "preferredProductNames", ""));
        return f;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... kv) {
        Map<String, Object> m = new HashMap<>(base);
        m.putAll(map(kv));
        return m;
    }

    private static Map<String, Map<String, Object>> rows(Map<String, Object> facts) {
        return rowsByCriterion(evaluate(DECISION, facts), CRITERIA);
    }

    private static Map<String, String> run(Map<String, Object> facts) {
        return results(rows(facts));
    }

    private static String result(Map<String, Object> facts, String criterion) {
        return run(facts).get(criterion);
    }

    /** Acceptance case 01: an RA initial request meets every RA criterion; weight rule does not apply. */
    @Test
    void raInitialAllMet() {
        Map<String, String> r = run(raInitial());
        Assertions.assertThat(r).containsEntry("DIAGNOSIS_COVERED", "MET").containsEntry("RA_AGE", "MET")
                .containsEntry("RA_DISEASE_ACTIVITY", "MET").containsEntry("RA_CONVENTIONAL_DMARD", "MET")
                .containsEntry("RA_DOSE", "MET").containsEntry("QUANTITY_LIMIT", "MET")
                .containsEntry("PREFERRED_PRODUCTS", "MET").containsEntry("WEIGHT_BASED_DOSE", "NOT_APPLICABLE");
    }

    /** References and details follow the policy sections and read as plain English (Diagnoses 1.a-e, Limits). */
    @Test
    void referencesAndDetails() {
        Map<String, Map<String, Object>> rows = rows(raInitial());
        Assertions.assertThat(rows.get("RA_AGE")).containsEntry("reference", "5.70.050 Prior-Approval, Diagnoses 1.a")
                .containsEntry("detail", "age 45 on 2026-03-02");
        Assertions.assertThat(rows.get("RA_DISEASE_ACTIVITY")).containsEntry("reference", "5.70.050 Prior-Approval, Diagnoses 1.b");
        Assertions.assertThat((String) rows.get("RA_CONVENTIONAL_DMARD").get("reference")).startsWith("5.70.050 Prior-Approval, Diagnoses 1.c");
        Assertions.assertThat(rows.get("RA_DOSE")).containsEntry("reference", "5.70.050 Prior-Approval, Diagnoses 1.d")
                .containsEntry("detail", "100 mg/day (limit 100 mg/day)");
        Assertions.assertThat((String) rows.get("PREFERRED_PRODUCTS").get("reference")).startsWith("5.70.050 Prior-Approval, Diagnoses 1.e");
        Assertions.assertThat(rows.get("QUANTITY_LIMIT")).containsEntry("reference", "5.70.050 Prior-Approval Limits, Quantity");
        Assertions.assertThat(rows.get("DIAGNOSIS_COVERED")).containsEntry("reference", "5.70.050 Prior-Approval, Diagnoses 1");
        Assertions.assertThat((String) rows.get("DIAGNOSIS_COVERED").get("detail")).contains("RA").contains("M05.79");

        Map<String, Map<String, Object>> renewal = rows(with(raInitial(), "requestType", "RENEWAL"));
        Assertions.assertThat(renewal.get("RA_AGE")).containsEntry("reference", "5.70.050 Prior-Approval Renewal, Diagnoses 1.a");
        Assertions.assertThat(renewal.get("RA_DOSE")).containsEntry("reference", "5.70.050 Prior-Approval Renewal, Diagnoses 1.b");
        Assertions.assertThat((String) renewal.get("PREFERRED_PRODUCTS").get("reference"))
                .startsWith("5.70.050 Prior-Approval Renewal, Diagnoses 1.c");
        Assertions.assertThat(renewal.get("QUANTITY_LIMIT")).containsEntry("reference", "5.70.050 Prior-Approval Renewal Limits, Quantity");

        Map<String, Map<String, Object>> caps = rows(nomid());
        Assertions.assertThat(caps.get("WEIGHT_BASED_DOSE")).containsEntry("reference", "5.70.050 Prior-Approval, Diagnoses 2.b")
                .containsEntry("detail", "5.00 mg/kg/day (100 mg/day at 20 kg), within 8 mg/kg/day");
        Assertions.assertThat(rows(with(nomid(), "indication", "DIRA", "icd10", "M04.8")).get("WEIGHT_BASED_DOSE"))
                .containsEntry("reference", "5.70.050 Prior-Approval, Diagnoses 3.a");
    }

    /** RA a: 18 years of age or older; 17 is not enough, a missing age is UNKNOWN. */
    @ParameterizedTest(name = "age {0} -> {1}")
    @CsvSource(nullValues = "NULL", value = {"17, NOT_MET", "18, MET", "19, MET", "0, NOT_MET", "NULL, UNKNOWN"})
    void raAge(Integer age, String expected) {
        Assertions.assertThat(result(with(raInitial(), "ageYears", age), "RA_AGE")).isEqualTo(expected);
        Assertions.assertThat(result(with(raInitial(), "ageYears", age, "requestType", "RENEWAL"), "RA_AGE")).isEqualTo(expected);
    }

    /** RA b: MODERATE/HIGH, DAS28 > 3.2 or CDAI > 10 (boundaries are not enough); nothing reported is UNKNOWN. */
    @ParameterizedTest(name = "activity={0} das28={1} cdai={2} -> {3}")
    @CsvSource(nullValues = "NULL", value = {
        "MODERATE,  NULL, NULL, MET",
        "HIGH,      NULL, NULL, MET",
        "LOW,       NULL, NULL, NOT_MET",
        "REMISSION, NULL, NULL, NOT_MET",
        "NULL,      3.2,  NULL, NOT_MET",
        "NULL,      3.21, NULL, MET",
        "NULL,      NULL, 10,   NOT_MET",
        "NULL,      NULL, 10.1, MET",
        "NULL,      3.2,  10,   NOT_MET",
        "NULL,      3.2,  10.1, MET",
        "NULL,      3.21, 10,   MET",
        "LOW,       5.0,  NULL, MET",
        "LOW,       2.0,  25.0, MET",
        "LOW,       2.0,  5.0,  NOT_MET",
        "HIGH,      2.0,  5.0,  MET",
        "NULL,      NULL, NULL, UNKNOWN",
    })
    void raDiseaseActivity(String activity, Double das28, Double cdai, String expected) {
        Map<String, Map<String, Object>> rows = rows(with(raInitial(), "diseaseActivity", activity, "das28", das28, "cdai", cdai));
        Assertions.assertThat(rows.get("RA_DISEASE_ACTIVITY")).containsEntry("result", expected);
        if ("UNKNOWN".equals(expected)) {
            Assertions.assertThat(rows.get("RA_DISEASE_ACTIVITY")).containsEntry("detail", "no DAS28, CDAI or activity level reported");
        }
    }

    /** RA c: 3-month trial = 90 days for inadequate response; intolerance/contraindication at any duration; undated is UNKNOWN. */
    @ParameterizedTest(name = "intolerance={0} maxDays={1} undated={2} -> {3}")
    @CsvSource(nullValues = "NULL", value = {
        "false, 89,   0, NOT_MET",
        "false, 90,   0, MET",
        "false, 365,  0, MET",
        "false, 60,   0, NOT_MET",
        "false, NULL, 0, NOT_MET",
        "false, NULL, 1, UNKNOWN",
        "false, 89,   2, UNKNOWN",
        "false, 90,   1, MET",
        "true,  NULL, 0, MET",
        "true,  21,   0, MET",
        "true,  NULL, 3, MET",
        "NULL,  NULL, 0, UNKNOWN",
        "NULL,  120,  0, MET",
        "false, NULL, NULL, UNKNOWN",
    })
    void raConventionalDmard(Boolean intolerance, Integer maxDays, Integer undated, String expected) {
        Assertions.assertThat(result(with(raInitial(), "dmardIntoleranceOrContraindication", intolerance,
                "dmardInadequateResponseMaxDays", maxDays, "dmardInadequateResponseUndatedCount", undated),
                "RA_CONVENTIONAL_DMARD")).isEqualTo(expected);
    }

    /** RA d / renewal b: at most 100 mg per day. */
    @ParameterizedTest(name = "dose {0} -> {1}")
    @CsvSource(nullValues = "NULL", value = {"100, MET", "50, MET", "100.5, NOT_MET", "200, NOT_MET", "NULL, UNKNOWN"})
    void raDose(Double dose, String expected) {
        Assertions.assertThat(result(with(raInitial(), "dosePerDayMg", dose), "RA_DOSE")).isEqualTo(expected);
        Assertions.assertThat(result(with(raInitial(), "dosePerDayMg", dose, "requestType", "RENEWAL"), "RA_DOSE")).isEqualTo(expected);
    }

    /** Prior-Approval Limits: RA 84 syringes per 84 days, i.e. at most 84 and at most one a day of supply. */
    @ParameterizedTest(name = "quantity {0} for {1} days -> {2}")
    @CsvSource(nullValues = "NULL", value = {
        "84, 84, MET", "28, 28, MET", "84, 90, MET", "85, 85, NOT_MET", "85, 90, NOT_MET",
        "28, 14, NOT_MET", "84, 83, NOT_MET", "NULL, 28, UNKNOWN", "28, NULL, UNKNOWN", "NULL, NULL, UNKNOWN",
        "85, NULL, NOT_MET", "168, NULL, NOT_MET", "84, NULL, UNKNOWN",
    })
    void quantityLimit(Integer quantity, Integer daysSupply, String expected) {
        Assertions.assertThat(result(with(raInitial(), "quantity", quantity, "daysSupply", daysSupply), "QUANTITY_LIMIT")).isEqualTo(expected);
        Assertions.assertThat(result(with(raInitial(), "quantity", quantity, "daysSupply", daysSupply, "requestType", "RENEWAL"),
                "QUANTITY_LIMIT")).isEqualTo(expected);
    }

    /** RA e / Appendix 3: two preferred products on Standard/Basic, one on Blue Focus; pharmacy benefit only. */
    @ParameterizedTest(name = "{0} {1} tried {2} -> {3}")
    @CsvSource(nullValues = "NULL", value = {
        "PHARMACY, STANDARD,   2, MET",
        "PHARMACY, STANDARD,   1, NOT_MET",
        "PHARMACY, STANDARD,   0, NOT_MET",
        "PHARMACY, BASIC,      2, MET",
        "PHARMACY, BASIC,      1, NOT_MET",
        "PHARMACY, BLUE_FOCUS, 1, MET",
        "PHARMACY, BLUE_FOCUS, 0, NOT_MET",
        "PHARMACY, BLUE_FOCUS, 3, MET",
        "MEDICAL,  STANDARD,   0, NOT_APPLICABLE",
        "MEDICAL,  BLUE_FOCUS, 0, NOT_APPLICABLE",
        "MEDICAL,  NULL,       NULL, NOT_APPLICABLE",
        "NULL,     STANDARD,   2, UNKNOWN",
        "PHARMACY, NULL,       2, UNKNOWN",
        "PHARMACY, STANDARD,   NULL, UNKNOWN",
    })
    void preferredProducts(String benefit, String planOption, Integer tried, String expected) {
        Map<String, Object> facts = with(raInitial(), "benefit", benefit, "planOption", planOption, "preferredProductsTried", tried);
        Assertions.assertThat(result(facts, "PREFERRED_PRODUCTS")).isEqualTo(expected);
        Assertions.assertThat(result(with(facts, "requestType", "RENEWAL"), "PREFERRED_PRODUCTS")).isEqualTo(expected);
    }

    /**
     * RA e / Appendix 3 with trials whose product or route cannot be told (Actemra with no route: Actemra SC is
     * preferred, IV is not; a drug name not recognised): UNKNOWN only when they could make up the number, never MET.
     */
    @ParameterizedTest(name = "{0} tried {1}, possibly {2} -> {3}")
    @CsvSource(nullValues = "NULL", value = {
        "STANDARD,   1, 2, UNKNOWN",
        "STANDARD,   0, 2, UNKNOWN",
        "STANDARD,   0, 1, NOT_MET",
        "STANDARD,   1, 1, NOT_MET",
        "STANDARD,   1, NULL, NOT_MET",
        "STANDARD,   2, 3, MET",
        "BASIC,      1, 3, UNKNOWN",
        "BLUE_FOCUS, 0, 1, UNKNOWN",
        "BLUE_FOCUS, 0, 0, NOT_MET",
        "BLUE_FOCUS, 1, 2, MET",
    })
    void preferredProductsWithUndeterminedTrials(String planOption, Integer tried, Integer possible, String expected) {
        Map<String, Object> facts = with(raInitial(), "planOption", planOption, "preferredProductsTried", tried,
                "preferredProductsPossible", possible, "preferredProductsUndeterminedNames", "Actemra (route not reported)");
        Map<String, Map<String, Object>> rows = rows(facts);
        Assertions.assertThat(rows.get("PREFERRED_PRODUCTS")).containsEntry("result", expected);
        if ("UNKNOWN".equals(expected)) {
            Assertions.assertThat((String) rows.get("PREFERRED_PRODUCTS").get("detail"))
                    .contains("cannot tell product or route of: Actemra (route not reported)");
        }
        Assertions.assertThat(result(with(facts, "requestType", "RENEWAL"), "PREFERRED_PRODUCTS")).isEqualTo(expected);
    }

    /** RA c: a therapy entry that is not recognised could be a conventional DMARD: UNKNOWN instead of NOT_MET. */
    @ParameterizedTest(name = "intolerance {0}, max {1} days, {2} not recognised -> {3}")
    @CsvSource(nullValues = "NULL", value = {
        "false, 60,   1, UNKNOWN",
        "false, NULL, 2, UNKNOWN",
        "false, 60,   0, NOT_MET",
        "false, 60,   NULL, NOT_MET",
        "false, 120,  1, MET",
        "true,  NULL, 1, MET",
    })
    void raConventionalDmardWithUnrecognisedEntries(Boolean intolerance, Integer maxDays, Integer unrecognised, String expected) {
        Map<String, Map<String, Object>> rows = rows(with(raInitial(), "dmardIntoleranceOrContraindication", intolerance,
                "dmardInadequateResponseMaxDays", maxDays, "dmardInadequateResponseUndatedCount", 0,
                "unclassifiedTherapyCount", unrecognised, "unclassifiedTherapyNames", "Zentravia 10 mg"));
        Assertions.assertThat(rows.get("RA_CONVENTIONAL_DMARD")).containsEntry("result", expected);
        if ("UNKNOWN".equals(expected)) {
            Assertions.assertThat((String) rows.get("RA_CONVENTIONAL_DMARD").get("detail")).endsWith("not recognised: Zentravia 10 mg");
        }
    }

    /** QUANTITY_LIMIT: the detail of a quantity over 84 with no days supply says so. */
    @Test
    void quantityOver84WithoutDaysSupplyDetail() {
        Map<String, Map<String, Object>> rows = rows(with(raInitial(), "quantity", 90, "daysSupply", null));
        Assertions.assertThat(rows.get("QUANTITY_LIMIT")).containsEntry("result", "NOT_MET")
                .containsEntry("detail", "90 syringes (days supply not reported) exceeds 84 syringes per 84 days");
    }

    /** CAPS b / DIRA a: at most 8 mg/kg/day (exactly 8 is MET); a missing weight is UNKNOWN. */
    @ParameterizedTest(name = "{0}: {1} mg/day at {2} kg -> {3}")
    @CsvSource(nullValues = "NULL", value = {
        "CAPS_NOMID, 160,   20,   MET",
        "CAPS_NOMID, 160.1, 20,   NOT_MET",
        "CAPS_NOMID, 100,   12.5, MET",
        "CAPS_NOMID, 100.5, 12.5, NOT_MET",
        "CAPS_NOMID, 100,   10,   NOT_MET",
        "CAPS_NOMID, 100,   20,   MET",
        "DIRA,       20,    NULL, UNKNOWN",
        "DIRA,       58.4,  7.3,  MET",
        "DIRA,       58.5,  7.3,  NOT_MET",
        "DIRA,       20,    0,    UNKNOWN",
        "CAPS_NOMID, NULL,  20,   UNKNOWN",
    })
    void weightBasedDose(String indication, Double dose, Double weight, String expected) {
        Map<String, Object> facts = with(nomid(), "indication", indication, "dosePerDayMg", dose, "weightKg", weight);
        Assertions.assertThat(result(facts, "WEIGHT_BASED_DOSE")).isEqualTo(expected);
        Assertions.assertThat(result(with(facts, "requestType", "RENEWAL"), "WEIGHT_BASED_DOSE")).isEqualTo(expected);
    }

    /** The 8 mg/kg/day detail names the ratio, the dose and the weight; a missing weight says so. */
    @Test
    void weightBasedDoseDetails() {
        Assertions.assertThat(rows(with(nomid(), "dosePerDayMg", 160.0)).get("WEIGHT_BASED_DOSE"))
                .containsEntry("detail", "8.00 mg/kg/day (160 mg/day at 20 kg), within 8 mg/kg/day");
        Assertions.assertThat(rows(with(nomid(), "weightKg", 10.0)).get("WEIGHT_BASED_DOSE"))
                .containsEntry("detail", "10.00 mg/kg/day (100 mg/day at 10 kg), exceeds 8 mg/kg/day");
        Assertions.assertThat((String) rows(with(nomid(), "weightKg", null)).get("WEIGHT_BASED_DOSE").get("detail"))
                .startsWith("weight not reported");
    }

    /** Renewals: disease activity and the DMARD trial are initial-only (NOT_APPLICABLE); the rest still applies. */
    @Test
    void renewalMakesInitialOnlyCriteriaNotApplicable() {
        Map<String, Object> renewal = with(raInitial(), "requestType", "RENEWAL", "diseaseActivity", null,
                "dmardIntoleranceOrContraindication", false, "dmardInadequateResponseMaxDays", null);
        Assertions.assertThat(run(renewal)).containsEntry("RA_DISEASE_ACTIVITY", "NOT_APPLICABLE")
                .containsEntry("RA_CONVENTIONAL_DMARD", "NOT_APPLICABLE").containsEntry("RA_AGE", "MET")
                .containsEntry("RA_DOSE", "MET").containsEntry("QUANTITY_LIMIT", "MET")
                .containsEntry("PREFERRED_PRODUCTS", "MET").containsEntry("DIAGNOSIS_COVERED", "MET");
    }

    /** Non-RA covered indications: every RA criterion, the syringe limit and Appendix 3 are NOT_APPLICABLE. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"AOSD, M06.1", "SJIA, M08.20", "GOUT_CPPD, M1A.071", "CAR_T_TOXICITY, D89.832"})
    void otherIndications(String indication, String icd10) {
        Map<String, Object> facts = with(raInitial(), "indication", indication, "icd10", icd10, "ageYears", 9,
                "diseaseActivity", null, "dosePerDayMg", 300.0, "quantity", 200, "preferredProductsTried", 0);
        Assertions.assertThat(run(facts)).containsEntry("DIAGNOSIS_COVERED", "MET").containsEntry("RA_AGE", "NOT_APPLICABLE")
                .containsEntry("RA_DISEASE_ACTIVITY", "NOT_APPLICABLE").containsEntry("RA_CONVENTIONAL_DMARD", "NOT_APPLICABLE")
                .containsEntry("RA_DOSE", "NOT_APPLICABLE").containsEntry("QUANTITY_LIMIT", "NOT_APPLICABLE")
                .containsEntry("PREFERRED_PRODUCTS", "NOT_APPLICABLE").containsEntry("WEIGHT_BASED_DOSE", "NOT_APPLICABLE");
    }

    /** Acceptance case 11: NOMID within 8 mg/kg/day meets everything that applies. */
    @Test
    void nomidWithinDose() {
        Assertions.assertThat(run(nomid())).containsEntry("DIAGNOSIS_COVERED", "MET").containsEntry("WEIGHT_BASED_DOSE", "MET")
                .containsEntry("RA_AGE", "NOT_APPLICABLE").containsEntry("QUANTITY_LIMIT", "NOT_APPLICABLE")
                .containsEntry("PREFERRED_PRODUCTS", "NOT_APPLICABLE");
    }

    /** "Investigational for all other indications": NOT_COVERED is NOT_MET and the detail names the code. */
    @Test
    void notCoveredDiagnosis() {
        Map<String, Map<String, Object>> rows = rows(with(raInitial(), "indication", "NOT_COVERED", "icd10", "L40.0"));
        Assertions.assertThat(rows.get("DIAGNOSIS_COVERED")).containsEntry("result", "NOT_MET");
        Assertions.assertThat((String) rows.get("DIAGNOSIS_COVERED").get("detail")).contains("L40.0");
        Assertions.assertThat(results(rows)).containsEntry("RA_AGE", "NOT_APPLICABLE").containsEntry("WEIGHT_BASED_DOSE", "NOT_APPLICABLE");

        Map<String, Map<String, Object>> mws = rows(with(nomid(), "indication", "NOT_COVERED", "subtype", "MWS"));
        Assertions.assertThat((String) mws.get("DIAGNOSIS_COVERED").get("detail")).contains("M04.2").contains("MWS");
        Assertions.assertThat(results(mws)).containsEntry("DIAGNOSIS_COVERED", "NOT_MET").containsEntry("WEIGHT_BASED_DOSE", "NOT_APPLICABLE");
    }

    /** A missing code or indication is UNKNOWN, not a guess. */
    @Test
    void missingDiagnosisIsUnknown() {
        Assertions.assertThat(result(with(raInitial(), "indication", "NOT_COVERED", "icd10", null), "DIAGNOSIS_COVERED")).isEqualTo("UNKNOWN");
        Assertions.assertThat(result(with(raInitial(), "indication", null, "icd10", "M05.79"), "DIAGNOSIS_COVERED")).isEqualTo("UNKNOWN");
        Assertions.assertThat(result(with(raInitial(), "indication", null, "icd10", null), "DIAGNOSIS_COVERED")).isEqualTo("UNKNOWN");
    }

    /** Every fact null at once: each criterion still fires exactly once and nothing fails. */
    @Test
    void allNull() {
        Map<String, Object> facts = new HashMap<>();
        raInitial().keySet().forEach(k -> facts.put(k, null));
        Map<String, String> r = run(facts);
        Assertions.assertThat(r).containsEntry("DIAGNOSIS_COVERED", "UNKNOWN").containsEntry("RA_AGE", "NOT_APPLICABLE");
        Map<String, String> ra = run(with(facts, "indication", "RA", "icd10", "M05.79"));
        Assertions.assertThat(ra).containsEntry("DIAGNOSIS_COVERED", "MET").containsEntry("RA_AGE", "UNKNOWN")
                .containsEntry("RA_DISEASE_ACTIVITY", "UNKNOWN").containsEntry("RA_CONVENTIONAL_DMARD", "UNKNOWN")
                .containsEntry("RA_DOSE", "UNKNOWN").containsEntry("QUANTITY_LIMIT", "UNKNOWN")
                .containsEntry("PREFERRED_PRODUCTS", "UNKNOWN").containsEntry("WEIGHT_BASED_DOSE", "NOT_APPLICABLE");
        Map<String, String> dira = run(with(facts, "indication", "DIRA", "icd10", "M04.8"));
        Assertions.assertThat(dira).containsEntry("WEIGHT_BASED_DOSE", "UNKNOWN");
    }

    /**
     * Mutual exclusivity and exhaustiveness: over 800 random combinations of boundary values and
     * nulls, each of the eight criteria fires exactly once with a non-blank detail.
     */
    @Test
    void exactlyOneRowPerCriterionForRandomInputs() {
        Random random = new Random(5_70_050L);
        Map<String, List<Object>> domain = new HashMap<>();
        domain.put("indication", Arrays.asList("RA", "CAPS_NOMID", "DIRA", "SJIA", "AOSD", "GOUT_CPPD", "CAR_T_TOXICITY", "NOT_COVERED", null));
        domain.put("icd10", Arrays.asList("M05.79", "M04.2", "L40.0", null));
        domain.put("subtype", Arrays.asList("NOMID", "MWS", null));
        domain.put("requestType", Arrays.asList("INITIAL", "RENEWAL", null));
        domain.put("requestDate", Arrays.asList("2026-03-02", null));
        domain.put("benefit", Arrays.asList("PHARMACY", "MEDICAL", null));
        domain.put("planOption", Arrays.asList("STANDARD", "BASIC", "BLUE_FOCUS", null));
        domain.put("ageYears", Arrays.asList(17, 18, null));
        domain.put("diseaseActivity", Arrays.asList("REMISSION", "LOW", "MODERATE", "HIGH", null));
        domain.put("das28", Arrays.asList(3.2, 3.21, null));
        domain.put("cdai", Arrays.asList(10.0, 10.1, null));
        domain.put("dmardIntoleranceOrContraindication", Arrays.asList(true, false, null));
        domain.put("dmardInadequateResponseMaxDays", Arrays.asList(89, 90, null));
        domain.put("dmardInadequateResponseUndatedCount", Arrays.asList(0, 1, null));
        domain.put("dmardNames", Arrays.asList("", "methotrexate", null));
        domain.put("dosePerDayMg", Arrays.asList(100.0, 100.5, 160.0, null));
        domain.put("weightKg", Arrays.asList(20.0, 0.0, null));
        domain.put("quantity", Arrays.asList(14, 84, 85, null));
        domain.put("daysSupply", Arrays.asList(14, 84, null));
        domain.put("preferredProductsTried", Arrays.asList(0, 1, 2, null));
        domain.put("preferredProductNames", Arrays.asList("", "Enbrel", null));
        domain.put("preferredProductsPossible", Arrays.asList(0, 1, 2, 3, null));
        domain.put("preferredProductsUndeterminedNames", Arrays.asList("", "Actemra (route not reported)", null));
        domain.put("unclassifiedTherapyCount", Arrays.asList(0, 1, null));
        domain.put("unclassifiedTherapyNames", Arrays.asList("", "Zentravia", null));
        for (int i = 0; i < 800; i++) {
            Map<String, Object> facts = new HashMap<>();
            domain.forEach((k, values) -> facts.put(k, values.get(random.nextInt(values.size()))));
            Assertions.assertThat(rows(facts)).as("facts %s", facts).hasSize(CRITERIA.size());
        }
    }
}
