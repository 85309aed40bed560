package com.healthplan.pa.kineret.dmn;

import org.assertj.core.api.Assertions;

import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Direct tests of {@code kineret-drug-catalogue}: policy 5.70.050 Appendix 2 (List of DMARDs) and
 * Appendix 3 (preferred products) as data, looked up by normalised drug name and route.
 */
public class DrugCatalogueTableTest extends DmnTestSupport {

    private static final DmnDecision DECISION = parse("kineret-drug-catalogue");

    private static DmnDecisionTableResult lookup(String name, String route) {
        return evaluate(DECISION, vars("drugName", name, "route", route));
    }

    private static Map<String, Object> entry(String name, String route) {
        DmnDecisionTableResult result = lookup(name, route);
        Assertions.assertThat(result).as("catalogue entry for %s", name).hasSize(1);
        return result.getSingleResult().getEntryMap();
    }

    /** Every Appendix 2 row by generic and brand name, with the policy's misspellings and the correct spellings. */
    @ParameterizedTest(name = "{0} -> {1} {2} {3}")
    @CsvSource(nullValues = "NULL", value = {
        "azathioprine, azathioprine, CONVENTIONAL, NULL",
        "azasan, azathioprine, CONVENTIONAL, NULL",
        "imuran, azathioprine, CONVENTIONAL, NULL",
        "cyclophosphamide, cyclophosphamide, CONVENTIONAL, NULL",
        "cytosan, cyclophosphamide, CONVENTIONAL, NULL",
        "cytoxan, cyclophosphamide, CONVENTIONAL, NULL",
        "cyclosporine, cyclosporine, CONVENTIONAL, NULL",
        "neoral, cyclosporine, CONVENTIONAL, NULL",
        "gengraf, cyclosporine, CONVENTIONAL, NULL",
        "sandimmune, cyclosporine, CONVENTIONAL, NULL",
        "hydroxychloroquine, hydroxychloroquine, CONVENTIONAL, NULL",
        "plaquenil, hydroxychloroquine, CONVENTIONAL, NULL",
        "leflunomide, leflunomide, CONVENTIONAL, NULL",
        "arava, leflunomide, CONVENTIONAL, NULL",
        "methotrexate, methotrexate, CONVENTIONAL, NULL",
        "rheumatrex, methotrexate, CONVENTIONAL, NULL",
        "trexall, methotrexate, CONVENTIONAL, NULL",
        "mycophenolate, mycophenolate, CONVENTIONAL, NULL",
        "cellcept, mycophenolate, CONVENTIONAL, NULL",
        "sulfasalazine, sulfasalazine, CONVENTIONAL, NULL",
        "azulfidine, sulfasalazine, CONVENTIONAL, NULL",
        "sulfazine, sulfasalazine, CONVENTIONAL, NULL",
        "abatacept, abatacept, BIOLOGIC, NULL",
        "orencia, abatacept, BIOLOGIC, NULL",
        "adalimumab, adalimumab, BIOLOGIC, HUMIRA",
        "humira, adalimumab, BIOLOGIC, HUMIRA",
        "anakinra, anakinra, BIOLOGIC, NULL",
        "kineret, anakinra, BIOLOGIC, NULL",
        "bimekizumab, bimekizumab, BIOLOGIC, NULL",
        "bimzelx, bimekizumab, BIOLOGIC, NULL",
        "brodalumab, brodalumab, BIOLOGIC, NULL",
        "siliq, brodalumab, BIOLOGIC, NULL",
        "certolizumab, certolizumab, BIOLOGIC, NULL",
        "cimzia, certolizumab, BIOLOGIC, NULL",
        "etanercept, etanercept, BIOLOGIC, ENBREL",
        "enbrel, etanercept, BIOLOGIC, ENBREL",
        "golimumab, golimumab, BIOLOGIC, NULL",
        "simponi, golimumab, BIOLOGIC, NULL",
        "simponi aria, golimumab, BIOLOGIC, NULL",
        "guselkumab, guselkumab, BIOLOGIC, NULL",
        "tremfya, guselkumab, BIOLOGIC, NULL",
        "infliximab, infliximab, BIOLOGIC, NULL",
        "remicade, infliximab, BIOLOGIC, NULL",
        "ixekizumab, ixekizumab, BIOLOGIC, NULL",
        "taltz, ixekizumab, BIOLOGIC, NULL",
        "risankizumab, risankizumab, BIOLOGIC, NULL",
        "skyrizi, risankizumab, BIOLOGIC, NULL",
        "rituximab, rituximab, BIOLOGIC, NULL",
        "rituxan, rituximab, BIOLOGIC, NULL",
        "sarilumab, sarilumab, BIOLOGIC, NULL",
        "kevzara, sarilumab, BIOLOGIC, NULL",
        "secukinumab, secukinumab, BIOLOGIC, NULL",
        "cosentyx, secukinumab, BIOLOGIC, NULL",
        "spesolimab, spesolimab, BIOLOGIC, NULL",
        "spevigo, spesolimab, BIOLOGIC, NULL",
        "tildrakizumab, tildrakizumab, BIOLOGIC, NULL",
        "ilumya, tildrakizumab, BIOLOGIC, NULL",
        "ustekinumab, ustekinumab, BIOLOGIC, NULL",
        "stelara, ustekinumab, BIOLOGIC, NULL",
        "vedolizumab, vedolizumab, BIOLOGIC, NULL",
        "entyvio, vedolizumab, BIOLOGIC, NULL",
        "apremilast, apremilast, TARGETED_SYNTHETIC, NULL",
        "otezla, apremilast, TARGETED_SYNTHETIC, NULL",
        "baricitinib, baricitinib, TARGETED_SYNTHETIC, NULL",
        "olumiant, baricitinib, TARGETED_SYNTHETIC, NULL",
        "deucravacitinib, deucravacitinib, TARGETED_SYNTHETIC, NULL",
        "sotyktu, deucravacitinib, TARGETED_SYNTHETIC, NULL",
        "tofacitinib, tofacitinib, TARGETED_SYNTHETIC, XELJANZ",
        "xeljanz, tofacitinib, TARGETED_SYNTHETIC, XELJANZ",
        "xeljanz xr, tofacitinib, TARGETED_SYNTHETIC, XELJANZ",
        "xeljanz/xr, tofacitinib, TARGETED_SYNTHETIC, XELJANZ",
        "upadacitinib, upadacitinib, TARGETED_SYNTHETIC, RINVOQ",
        "upadactinib, upadacitinib, TARGETED_SYNTHETIC, RINVOQ",
        "rinvoq, upadacitinib, TARGETED_SYNTHETIC, RINVOQ",
    })
    void appendix2(String name, String generic, String dmardClass, String preferred) {
        Assertions.assertThat(entry(name, null)).containsEntry("genericName", generic).containsEntry("dmardClass", dmardClass)
                .containsEntry("preferredProduct", preferred);
    }

    /** Biosimilars: Humira's count as HUMIRA and Enbrel's as ENBREL (Appendix 3 "including all preferred biosimilars"). */
    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(nullValues = "NULL", value = {
        "amjevita, adalimumab, HUMIRA", "cyltezo, adalimumab, HUMIRA", "hyrimoz, adalimumab, HUMIRA",
        "hadlima, adalimumab, HUMIRA", "yusimry, adalimumab, HUMIRA", "hulio, adalimumab, HUMIRA",
        "idacio, adalimumab, HUMIRA", "yuflyma, adalimumab, HUMIRA", "abrilada, adalimumab, HUMIRA",
        "simlandi, adalimumab, HUMIRA",
        "erelzi, etanercept, ENBREL", "eticovo, etanercept, ENBREL",
        "inflectra, infliximab, NULL", "renflexis, infliximab, NULL", "avsola, infliximab, NULL", "zymfentra, infliximab, NULL",
        "truxima, rituximab, NULL", "ruxience, rituximab, NULL", "riabni, rituximab, NULL",
        "tofidence, tocilizumab, NULL",
        "wezlana, ustekinumab, NULL", "selarsdi, ustekinumab, NULL", "pyzchiva, ustekinumab, NULL",
        "otulfi, ustekinumab, NULL", "imuldosa, ustekinumab, NULL", "yesintek, ustekinumab, NULL",
        "steqeyma, ustekinumab, NULL", "starjemza, ustekinumab, NULL",
    })
    void biosimilars(String name, String generic, String preferred) {
        Assertions.assertThat(entry(name, null)).containsEntry("genericName", generic).containsEntry("dmardClass", "BIOLOGIC")
                .containsEntry("preferredProduct", preferred);
    }

    /**
     * Appendix 3 "Actemra (SC)": tocilizumab is the preferred product only when given subcutaneously; with no route
     * (or one that is neither SC nor IV) it is route-dependent: whether it was Actemra SC cannot be told. ACTPen is
     * subcutaneous only; Tofidence is intravenous only.
     */
    @ParameterizedTest(name = "{0} {1} -> {2} / {3}")
    @CsvSource(nullValues = "NULL", value = {
        "actemra, SC, ACTEMRA_SC, NULL", "tocilizumab, SC, ACTEMRA_SC, NULL", "tyenne, SC, ACTEMRA_SC, NULL",
        "avtozma, SC, ACTEMRA_SC, NULL",
        "actemra, IV, NULL, NULL", "tocilizumab, IV, NULL, NULL", "tyenne, IV, NULL, NULL", "avtozma, IV, NULL, NULL",
        "actemra, NULL, NULL, ACTEMRA_SC", "tocilizumab, ORAL, NULL, ACTEMRA_SC", "avtozma, NULL, NULL, ACTEMRA_SC",
        "actemra actpen, NULL, ACTEMRA_SC, NULL", "actemra actpen, IV, ACTEMRA_SC, NULL",
        "tofidence, NULL, NULL, NULL", "tofidence, SC, NULL, NULL",
    })
    void tocilizumabRoute(String name, String route, String preferred, String routeDependent) {
        Assertions.assertThat(entry(name, route)).containsEntry("genericName", "tocilizumab").containsEntry("dmardClass", "BIOLOGIC")
                .containsEntry("preferredProduct", preferred).containsEntry("routeDependentProduct", routeDependent);
    }

    /** Route does not change anything for other drugs. */
    @Test
    void routeIrrelevantElsewhere() {
        Assertions.assertThat(entry("humira", "IV")).containsEntry("preferredProduct", "HUMIRA");
        Assertions.assertThat(entry("methotrexate", "SC")).containsEntry("dmardClass", "CONVENTIONAL");
        Assertions.assertThat(entry("infliximab", "IV")).containsEntry("preferredProduct", null);
    }

    /**
     * Common co-medications that are not DMARDs are data too (class NONE), so that an ordinary list ("methotrexate,
     * folic acid, prednisone") stays classifiable (RULES.md "Reading names and codes").
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"folic acid, folic acid", "folate, folic acid", "leucovorin, leucovorin", "prednisone, prednisone",
        "medrol, methylprednisolone", "dexamethasone, dexamethasone", "ibuprofen, ibuprofen", "aleve, naproxen",
        "celebrex, celecoxib", "meloxicam, meloxicam", "diclofenac sodium, diclofenac", "tylenol, acetaminophen",
        "aspirin, aspirin", "colchicine, colchicine", "allopurinol, allopurinol", "omeprazole, omeprazole",
        "vitamin d3, cholecalciferol", "calcium, calcium carbonate", "fosamax, alendronate"})
    void coMedicationsThatAreNotDmards(String name, String generic) {
        Assertions.assertThat(entry(name, null)).containsEntry("genericName", generic).containsEntry("dmardClass", "NONE")
                .containsEntry("preferredProduct", null).containsEntry("routeDependentProduct", null);
    }

    /** Unknown names (a typo, a drug the catalogue does not list) give no rule at all; so does a missing name. */
    @ParameterizedTest(name = "[{index}] name <{0}>")
    @CsvSource(nullValues = "NULL", value = {"humria", "lisinopril", "insulin glargine", "NULL", "''"})
    void unknownNameGivesEmptyResult(String name) {
        Assertions.assertThat(lookup(name, null)).isEmpty();
    }
}
