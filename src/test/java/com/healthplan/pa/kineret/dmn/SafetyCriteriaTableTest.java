package com.healthplan.pa.kineret.dmn;

import org.assertj.core.api.Assertions;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Direct tests of {@code kineret-safety-criteria} (COLLECT): policy 5.70.050 Prior-Approval "AND ALL
 * of the following" 1-5 and Prior-Approval Renewal "AND ALL of the following" 1-4 (RULES.md).
 */
public class SafetyCriteriaTableTest extends DmnTestSupport {

    private static final DmnDecision DECISION = parse("kineret-safety-criteria");

    /** The criteria this table produces, each exactly once for every input. */
    public static final List<String> CRITERIA = List.of("TB_SCREENING", "NO_ACTIVE_INFECTION", "HBV_SCREENING",
            "NO_BIOLOGIC_OR_TSDMARD_COMBINATION", "NO_LIVE_VACCINE", "CLINICAL_RESPONSE");

    private static Map<String, Object> initial() {
        Map<String, Object> f = new HashMap<>();
        f.put("requestType", "INITIAL");
        f.put("tbScreening", "NEGATIVE");
        f.put("activeInfection", false);
        f.put("activeTuberculosis", null);
        f.put("activeHepatitisB", null);
        f.put("hbvStatus", "NOT_AT_RISK");
        f.put("concurrentBiologicOrTsdmardCount", 0);
        f.put("concurrentBiologicOrTsdmardNames", "");
        f.put("liveVaccineCount", 0);
        f.put("liveVaccineNames", "");
        f.put("unclassifiedVaccineCount", 0);
        f.put("unclassifiedVaccineNames", "");
        f.put("clinicalResponse", null);
        return f;
    }

    private static Map<String, Object> renewal() {
        return with(initial(), "requestType", "RENEWAL", "tbScreening", null, "hbvStatus", null,
                "activeTuberculosis", false, "activeHepatitisB", false, "clinicalResponse", "IMPROVED");
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... kv) {
        Map<String, Object> m = new HashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, Map<String, Object>> rows(Map<String, Object> facts) {
        return rowsByCriterion(evaluate(DECISION, facts), CRITERIA);
    }

    private static String result(Map<String, Object> facts, String criterion) {
        return results(rows(facts)).get(criterion);
    }

    /** Initial request, everything in order: initial criteria MET, renewal-only CLINICAL_RESPONSE NOT_APPLICABLE. */
    @Test
    void initialAllMet() {
        Map<String, Map<String, Object>> rows = rows(initial());
        Assertions.assertThat(results(rows)).containsEntry("TB_SCREENING", "MET").containsEntry("NO_ACTIVE_INFECTION", "MET")
                .containsEntry("HBV_SCREENING", "MET").containsEntry("NO_BIOLOGIC_OR_TSDMARD_COMBINATION", "MET")
                .containsEntry("NO_LIVE_VACCINE", "MET").containsEntry("CLINICAL_RESPONSE", "NOT_APPLICABLE");
        Assertions.assertThat(rows.get("TB_SCREENING")).containsEntry("reference", "5.70.050 Prior-Approval, AND ALL 1");
        Assertions.assertThat(rows.get("NO_ACTIVE_INFECTION")).containsEntry("reference", "5.70.050 Prior-Approval, AND ALL 2");
        Assertions.assertThat(rows.get("HBV_SCREENING")).containsEntry("reference", "5.70.050 Prior-Approval, AND ALL 3");
        Assertions.assertThat((String) rows.get("NO_BIOLOGIC_OR_TSDMARD_COMBINATION").get("reference")).startsWith("5.70.050 Prior-Approval, AND ALL 4");
        Assertions.assertThat(rows.get("NO_LIVE_VACCINE")).containsEntry("reference", "5.70.050 Prior-Approval, AND ALL 5");
    }

    /** Renewal, everything in order: initial-only TB and HBV screening NOT_APPLICABLE, renewal numbering in references. */
    @Test
    void renewalAllMet() {
        Map<String, Map<String, Object>> rows = rows(renewal());
        Assertions.assertThat(results(rows)).containsEntry("TB_SCREENING", "NOT_APPLICABLE").containsEntry("NO_ACTIVE_INFECTION", "MET")
                .containsEntry("HBV_SCREENING", "NOT_APPLICABLE").containsEntry("NO_BIOLOGIC_OR_TSDMARD_COMBINATION", "MET")
                .containsEntry("NO_LIVE_VACCINE", "MET").containsEntry("CLINICAL_RESPONSE", "MET");
        Assertions.assertThat(rows.get("CLINICAL_RESPONSE")).containsEntry("reference", "5.70.050 Prior-Approval Renewal, AND ALL 1");
        Assertions.assertThat(rows.get("NO_ACTIVE_INFECTION")).containsEntry("reference", "5.70.050 Prior-Approval Renewal, AND ALL 2");
        Assertions.assertThat((String) rows.get("NO_BIOLOGIC_OR_TSDMARD_COMBINATION").get("reference"))
                .startsWith("5.70.050 Prior-Approval Renewal, AND ALL 3");
        Assertions.assertThat(rows.get("NO_LIVE_VACCINE")).containsEntry("reference", "5.70.050 Prior-Approval Renewal, AND ALL 4");
    }

    /** AND ALL 1: latent TB negative, or positive with treatment completed or in progress. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "NULL", value = {
        "NEGATIVE, MET", "POSITIVE_TREATMENT_COMPLETED, MET", "POSITIVE_TREATMENT_IN_PROGRESS, MET",
        "POSITIVE_UNTREATED, NOT_MET", "NULL, UNKNOWN",
    })
    void tbScreening(String tb, String expected) {
        Assertions.assertThat(result(with(initial(), "tbScreening", tb), "TB_SCREENING")).isEqualTo(expected);
        Assertions.assertThat(result(with(renewal(), "tbScreening", tb), "TB_SCREENING")).isEqualTo("NOT_APPLICABLE");
    }

    /** AND ALL 3: not at risk for HBV, or at risk and ruled out / treatment started. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "NULL", value = {
        "NOT_AT_RISK, MET", "AT_RISK_RULED_OUT, MET", "AT_RISK_TREATMENT_STARTED, MET",
        "AT_RISK_NOT_EVALUATED, NOT_MET", "NULL, UNKNOWN",
    })
    void hbvScreening(String hbv, String expected) {
        Assertions.assertThat(result(with(initial(), "hbvStatus", hbv), "HBV_SCREENING")).isEqualTo(expected);
        Assertions.assertThat(result(with(renewal(), "hbvStatus", hbv), "HBV_SCREENING")).isEqualTo("NOT_APPLICABLE");
    }

    /**
     * Initial AND ALL 2: activeInfection must be false; any reported active infection, tuberculosis or
     * hepatitis B is NOT_MET (they are active bacterial / viral infections); TB/HBV flags are not required.
     */
    @ParameterizedTest(name = "infection={0} tb={1} hbv={2} -> {3}")
    @CsvSource(nullValues = "NULL", value = {
        "false, NULL,  NULL,  MET",
        "false, false, false, MET",
        "true,  NULL,  NULL,  NOT_MET",
        "true,  false, false, NOT_MET",
        "false, true,  NULL,  NOT_MET",
        "NULL,  NULL,  true,  NOT_MET",
        "NULL,  NULL,  NULL,  UNKNOWN",
        "NULL,  false, false, UNKNOWN",
    })
    void activeInfectionInitial(Boolean infection, Boolean tb, Boolean hbv, String expected) {
        Assertions.assertThat(result(with(initial(), "activeInfection", infection, "activeTuberculosis", tb, "activeHepatitisB", hbv),
                "NO_ACTIVE_INFECTION")).isEqualTo(expected);
    }

    /** Renewal AND ALL 2: active infection, tuberculosis and hepatitis B must all be reported false. */
    @ParameterizedTest(name = "infection={0} tb={1} hbv={2} -> {3}")
    @CsvSource(nullValues = "NULL", value = {
        "false, false, false, MET",
        "true,  false, false, NOT_MET",
        "false, true,  false, NOT_MET",
        "false, false, true,  NOT_MET",
        "NULL,  true,  NULL,  NOT_MET",
        "NULL,  false, false, UNKNOWN",
        "false, NULL,  false, UNKNOWN",
        "false, false, NULL,  UNKNOWN",
        "NULL,  NULL,  NULL,  UNKNOWN",
    })
    void activeInfectionRenewal(Boolean infection, Boolean tb, Boolean hbv, String expected) {
        Assertions.assertThat(result(with(renewal(), "activeInfection", infection, "activeTuberculosis", tb, "activeHepatitisB", hbv),
                "NO_ACTIVE_INFECTION")).isEqualTo(expected);
    }

    /** The NOT_MET detail names every active infection reported (acceptance case 27: renewal with active TB). */
    @Test
    void activeInfectionDetail() {
        Assertions.assertThat(rows(with(renewal(), "activeTuberculosis", true)).get("NO_ACTIVE_INFECTION"))
                .containsEntry("result", "NOT_MET").containsEntry("detail", "active tuberculosis reported");
        Assertions.assertThat(rows(with(initial(), "activeInfection", true, "activeHepatitisB", true)).get("NO_ACTIVE_INFECTION"))
                .containsEntry("detail", "active infection, active hepatitis B reported");
    }

    /** AND ALL 4 / renewal 3: no other biologic or targeted synthetic DMARD; the detail names them. */
    @Test
    void biologicCombination() {
        for (Map<String, Object> base : List.of(initial(), renewal())) {
            Assertions.assertThat(result(with(base, "concurrentBiologicOrTsdmardCount", 0), "NO_BIOLOGIC_OR_TSDMARD_COMBINATION")).isEqualTo("MET");
            Map<String, Object> row = rows(with(base, "concurrentBiologicOrTsdmardCount", 1,
                    "concurrentBiologicOrTsdmardNames", "adalimumab")).get("NO_BIOLOGIC_OR_TSDMARD_COMBINATION");
            Assertions.assertThat(row).containsEntry("result", "NOT_MET");
            Assertions.assertThat((String) row.get("detail")).contains("adalimumab");
            Assertions.assertThat(result(with(base, "concurrentBiologicOrTsdmardCount", null), "NO_BIOLOGIC_OR_TSDMARD_COMBINATION")).isEqualTo("UNKNOWN");
        }
    }

    /**
     * AND ALL 4 / renewal 3 with concurrent medications that cannot be read (neither a DMARD nor a known co-medication):
     * UNKNOWN, never MET; a recognised biologic still makes it NOT_MET. The detail names the entries.
     */
    @ParameterizedTest(name = "biologics={0} unrecognised={1} -> {2}")
    @CsvSource(nullValues = "NULL", value = {
        "0, 1, UNKNOWN", "0, 3, UNKNOWN", "0, 0, MET", "0, NULL, MET", "1, 1, NOT_MET", "1, 0, NOT_MET", "NULL, 1, UNKNOWN",
    })
    void unrecognisedConcurrentMedication(Integer biologics, Integer unrecognised, String expected) {
        for (Map<String, Object> base : List.of(initial(), renewal())) {
            Map<String, Object> row = rows(with(base, "concurrentBiologicOrTsdmardCount", biologics,
                    "concurrentBiologicOrTsdmardNames", biologics != null && biologics > 0 ? "Humira Pen" : "",
                    "unclassifiedMedicationCount", unrecognised,
                    "unclassifiedMedicationNames", unrecognised != null && unrecognised > 0 ? "Zentravia 40 mg" : ""))
                    .get("NO_BIOLOGIC_OR_TSDMARD_COMBINATION");
            Assertions.assertThat(row).containsEntry("result", expected);
            if (unrecognised != null && unrecognised > 0 && biologics != null) {
                Assertions.assertThat((String) row.get("detail")).contains("Zentravia 40 mg");
            }
        }
    }

    /** AND ALL 5 / renewal 4: a live vaccine is NOT_MET; otherwise an unclassified vaccine is UNKNOWN. */
    @ParameterizedTest(name = "live={0} unclassified={1} -> {2}")
    @CsvSource(nullValues = "NULL", value = {
        "0, 0, MET", "1, 0, NOT_MET", "1, 1, NOT_MET", "2, NULL, NOT_MET", "0, 1, UNKNOWN", "0, NULL, UNKNOWN",
        "NULL, 0, UNKNOWN", "NULL, NULL, UNKNOWN",
    })
    void liveVaccine(Integer live, Integer unclassified, String expected) {
        for (Map<String, Object> base : List.of(initial(), renewal())) {
            Assertions.assertThat(result(with(base, "liveVaccineCount", live, "liveVaccineNames", live != null && live > 0 ? "Zostavax" : "",
                    "unclassifiedVaccineCount", unclassified), "NO_LIVE_VACCINE")).isEqualTo(expected);
        }
    }

    /** The vaccine details name the live vaccine or the unrecognised one. */
    @Test
    void liveVaccineDetails() {
        Assertions.assertThat((String) rows(with(initial(), "liveVaccineCount", 1, "liveVaccineNames", "Zostavax")).get("NO_LIVE_VACCINE")
                .get("detail")).contains("Zostavax");
        Assertions.assertThat((String) rows(with(initial(), "unclassifiedVaccineCount", 1, "unclassifiedVaccineNames", "Mystery Vax"))
                .get("NO_LIVE_VACCINE").get("detail")).contains("Mystery Vax");
    }

    /** Renewal AND ALL 1: improved or stabilized; worsened is NOT_MET, missing UNKNOWN; initial NOT_APPLICABLE. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "NULL", value = {"IMPROVED, MET", "STABLE, MET", "WORSENED, NOT_MET", "NULL, UNKNOWN"})
    void clinicalResponse(String response, String expected) {
        Assertions.assertThat(result(with(renewal(), "clinicalResponse", response), "CLINICAL_RESPONSE")).isEqualTo(expected);
        Assertions.assertThat(result(with(initial(), "clinicalResponse", response), "CLINICAL_RESPONSE")).isEqualTo("NOT_APPLICABLE");
    }

    /** Exhaustive over every combination of the values each input can take, including nulls: six rows each time. */
    @Test
    void exactlyOneRowPerCriterionForEveryCombination() {
        List<String> types = Arrays.asList("INITIAL", "RENEWAL", null);
        List<Boolean> flags = Arrays.asList(true, false, null);
        List<Integer> counts = Arrays.asList(0, 1, null);
        List<String> tbs = Arrays.asList("NEGATIVE", "POSITIVE_UNTREATED", null);
        List<String> hbvs = Arrays.asList("NOT_AT_RISK", "AT_RISK_NOT_EVALUATED", null);
        List<String> responses = Arrays.asList("STABLE", "WORSENED", null);
        int combinations = 0;
        for (String type : types) {
            for (Boolean inf : flags) {
                for (Boolean tb : flags) {
                    for (Boolean hb : flags) {
                        for (Integer live : counts) {
                            for (Integer uncl : counts) {
                                Map<String, Object> facts = with(initial(), "requestType", type, "activeInfection", inf,
                                        "activeTuberculosis", tb, "activeHepatitisB", hb, "liveVaccineCount", live,
                                        "unclassifiedVaccineCount", uncl,
                                        "tbScreening", tbs.get(combinations % 3), "hbvStatus", hbvs.get((combinations / 3) % 3),
                                        "clinicalResponse", responses.get((combinations / 9) % 3),
                                        "concurrentBiologicOrTsdmardCount", counts.get((combinations / 2) % 3),
                                        "unclassifiedMedicationCount", counts.get((combinations / 5) % 3));
                                Assertions.assertThat(rows(facts)).as("facts %s", facts).hasSize(CRITERIA.size());
                                combinations++;
                            }
                        }
                    }
                }
            }
        }
        Assertions.assertThat(combinations).isEqualTo(729);
    }
}
