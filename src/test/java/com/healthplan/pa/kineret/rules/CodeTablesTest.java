package com.healthplan.pa.kineret.rules;

import com.healthplan.pa.kineret.dmn.CatalogueReaders;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The code tables and vocabularies kept as data ({@code catalogues/*.tsv}, {@code vocabulary/*.tsv}): every entry
 * kind is read as RULES.md "Reading names and codes" says — RxCUI and NDC by ingredient, CVX with live, true, false
 * or unknown, dose-form/device/route words dropped from names with the route they imply, vaccine live markers.
 */
class CodeTablesTest {

    private static final EntryReader READER = CatalogueReaders.reader();
    private static final CodeTables CODES = CodeTables.standard();

    static Stream<Map<String, String>> rxnormRows() {
        return TabSeparatedResource.rows("catalogues/rxnorm.tsv", "rxcui", "tty", "ingredient", "name").stream();
    }

    static Stream<Map<String, String>> ndcRows() {
        return TabSeparatedResource.rows("catalogues/ndc.tsv", "ndc", "ingredient", "name").stream();
    }

    /** Every RxCUI of the table reads as its ingredient, and the drug catalogue knows that ingredient. */
    @Test
    void everyRxcuiReadsAsItsIngredient() {
        List<Map<String, String>> rows = rxnormRows().toList();
        Assertions.assertThat(rows).hasSizeGreaterThan(500);
        for (Map<String, String> row : rows) {
            EntryReader.MedicationReading reading = READER.medication(null, row.get("rxcui"), null, null);
            Assertions.assertThat(reading.recognised()).as("RxCUI %s (%s)", row.get("rxcui"), row.get("name")).isTrue();
            Assertions.assertThat(reading.entry().genericName()).as("RxCUI %s", row.get("rxcui")).isEqualTo(row.get("ingredient"));
            Assertions.assertThat(reading.readBy()).isEqualTo("RXCUI");
            Assertions.assertThat(row.get("tty")).isIn("IN", "MIN", "PIN", "BN", "SCD", "SBD", "SCDF", "SBDF", "SCDC",
                    "SBDC", "SCDG", "SBDG", "GPCK", "BPCK");
        }
    }

    /** Every NDC of the table reads as its ingredient, as 5-4-2 with hyphens and as 11 digits. */
    @Test
    void everyNdcReadsAsItsIngredient() {
        List<Map<String, String>> rows = ndcRows().toList();
        Assertions.assertThat(rows).hasSizeGreaterThan(100);
        for (Map<String, String> row : rows) {
            String ndc = row.get("ndc");
            Assertions.assertThat(ndc).matches("[0-9]{5}-[0-9]{4}-[0-9]{2}");
            for (String form : List.of(ndc, ndc.replace("-", ""))) {
                EntryReader.MedicationReading reading = READER.medication(null, null, form, null);
                Assertions.assertThat(reading.recognised()).as("NDC %s", form).isTrue();
                Assertions.assertThat(reading.entry().genericName()).as("NDC %s", form).isEqualTo(row.get("ingredient"));
                Assertions.assertThat(reading.readBy()).isEqualTo("NDC");
            }
        }
    }

    /** The FDA's 10-digit forms are padded where their hyphens say; 10 bare digits are tried all three ways. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "NULL", value = {
        "0074-0554-02, 00074-0554-02", "58406-032-04, 58406-0032-04", "12345-6789-1, 12345-6789-01",
        "00074-0554-02, 00074-0554-02", "00074055402, 00074-0554-02", "0074-0554, 00074-0554", "58406-032, 58406-0032",
        "12-34, NULL", "abc, NULL",
    })
    void ndcForms(String sent, String expected) {
        List<String> forms = CodeTables.ndc11(sent);
        if (expected == null) {
            Assertions.assertThat(forms).isEmpty();
        } else {
            Assertions.assertThat(forms).containsExactly(expected);
        }
        Assertions.assertThat(CodeTables.ndc11("0074055402")).containsExactly("00074-0554-02", "00740-0554-02", "00740-5540-02");
    }

    /** A 10-digit NDC without hyphens reads when exactly one of its paddings is known (Humira pen 0074-0554-02). */
    @Test
    void bareTenDigitNdc() {
        Assertions.assertThat(CODES.ndc("0074055402")).map(CodeTables.DrugCode::ingredient).contains("adalimumab");
        Assertions.assertThat(CODES.ndc("9999999999")).isEmpty();
    }

    /** A product code (labeler-product) reads as the ingredient of that product's listed packages. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"00074-0554", "0074-0554", "000740554", "00074-0554-99"})
    void ndcProductCode(String code) {
        Assertions.assertThat(CODES.ndc(code)).map(CodeTables.DrugCode::ingredient).contains("adalimumab");
        Assertions.assertThat(READER.medication(null, null, code, null).entry().genericName()).isEqualTo("adalimumab");
    }

    /** The reviewer sees what a code was read as. */
    @Test
    void shownWithWhatTheCodeWasReadAs() {
        Assertions.assertThat(READER.medication("folic acid", null, "00074-0554-02", null).shown())
                .isEqualTo("folic acid (NDC 00074-0554-02) read as adalimumab");
        Assertions.assertThat(READER.vaccine(null, "121").shown()).isEqualTo("CVX 121 read as \"zoster live\"");
    }

    /** A code wins over a name; an unknown code falls back to the name; neither gives not recognised. */
    @Test
    void codeWinsOverName() {
        Assertions.assertThat(READER.medication("folic acid", null, "00074-0554-02", null).entry().genericName()).isEqualTo("adalimumab");
        Assertions.assertThat(READER.medication("folic acid", "1357536", null, null).entry().genericName()).isEqualTo("tofacitinib");
        EntryReader.MedicationReading fallback = READER.medication("folic acid", "99999999", null, null);
        Assertions.assertThat(fallback.entry().genericName()).isEqualTo("folic acid");
        Assertions.assertThat(fallback.readBy()).isEqualTo("NAME");
        Assertions.assertThat(fallback.shown()).isEqualTo("folic acid (RxCUI 99999999)");
        Assertions.assertThat(READER.medication(null, "99999999", null, null).recognised()).isFalse();
    }

    /** The product name of a code implies the route: Actemra's auto-injector and syringe are subcutaneous. */
    @ParameterizedTest(name = "RxCUI {0} -> {1} / {2}")
    @CsvSource(nullValues = "NULL", value = {
        "2106075, ACTEMRA_SC, NULL", "1441530, ACTEMRA_SC, NULL", "612865, NULL, ACTEMRA_SC",
    })
    void actemraProductImpliesItsRoute(String rxcui, String preferred, String routeDependent) {
        EntryReader.CatalogueEntry entry = READER.medication(null, rxcui, null, null).entry();
        Assertions.assertThat(entry.genericName()).isEqualTo("tocilizumab");
        Assertions.assertThat(entry.preferredProduct()).isEqualTo(preferred);
        Assertions.assertThat(entry.routeDependentProduct()).isEqualTo(routeDependent);
        Assertions.assertThat(READER.medication(null, rxcui, null, "IV").entry().preferredProduct())
                .as("a route sent that contradicts the device, or IV for the ingredient").isNull();
    }

    /** CVX: live, not live, or unknown (an unspecified formulation), with leading zeros not significant. */
    @ParameterizedTest(name = "CVX {0} -> {1}")
    @CsvSource(nullValues = "NULL", value = {
        "03, true", "3, true", "121, true", "111, true", "149, true", "204, true", "19, true", "25, true",
        "187, false", "141, false", "208, false", "88, NULL", "213, NULL", "998, NULL", "999, NULL", "9999, NULL",
    })
    void cvx(String code, Boolean live) {
        Assertions.assertThat(READER.vaccine(null, code).live()).as("CVX %s", code).isEqualTo(live);
    }

    /** A CVX code that cannot tell (influenza unspecified) takes a name that says live, never one that says not live. */
    @Test
    void unspecifiedCvxWithAName() {
        Assertions.assertThat(READER.vaccine("FluMist", "88").live()).isTrue();
        Assertions.assertThat(READER.vaccine("Fluzone", "88").live()).isNull();
        Assertions.assertThat(READER.vaccine("Zostavax", "187").live()).as("the code wins").isFalse();
        Assertions.assertThat(READER.vaccine("Shingrix", "121").live()).as("the code wins").isTrue();
    }

    /** Every drug-name word is dropped from a name, and route and device words imply their route. */
    @Test
    void everyDrugNameWordIsDroppedWithItsRoute() {
        List<Map<String, String>> words = TabSeparatedResource.rows("vocabulary/drug-name-words.tsv", "phrase", "kind");
        Assertions.assertThat(words).extracting(w -> w.get("kind")).contains("ROUTE", "FORM", "FILLER");
        for (Map<String, String> word : words) {
            String phrase = word.get("phrase");
            NameNormalizer.DrugName name = NameNormalizer.drugName("Enbrel " + phrase, NameVocabulary.standard());
            Assertions.assertThat(name.words()).as("\"Enbrel %s\"", phrase).containsExactly("enbrel");
            String route = word.get("route") == null || word.get("route").isBlank() ? null : word.get("route");
            Assertions.assertThat(name.impliedRoute()).as("route implied by \"%s\"", phrase).isEqualTo(route);
            if ("ROUTE".equals(word.get("kind"))) {
                Assertions.assertThat(NameNormalizer.route(phrase)).as("route \"%s\"", phrase).isEqualTo(route);
            }
        }
    }

    /** Every vaccine word marks a vaccine name no catalogue row matches as live or not live. */
    @Test
    void everyVaccineWordMarksLiveOrNot() {
        List<Map<String, String>> words = TabSeparatedResource.rows("vocabulary/vaccine-words.tsv", "phrase", "live");
        for (Map<String, String> word : words) {
            Boolean live = Boolean.valueOf(word.get("live"));
            Assertions.assertThat(READER.vaccine("quarzum vaccine " + word.get("phrase"), null).live())
                    .as("\"quarzum vaccine %s\"", word.get("phrase")).isEqualTo(live);
        }
    }
}
