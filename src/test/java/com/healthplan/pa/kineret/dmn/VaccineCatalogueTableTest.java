package com.healthplan.pa.kineret.dmn;

import org.assertj.core.api.Assertions;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Direct tests of {@code kineret-vaccine-catalogue}: live or not, for policy 5.70.050 Prior-Approval
 * AND ALL 5 and Renewal AND ALL 4 ("NOT given concurrently with live vaccines").
 */
public class VaccineCatalogueTableTest extends DmnTestSupport {

    private static final DmnDecision DECISION = parse("kineret-vaccine-catalogue");

    private static DmnDecisionTableResult lookup(String name) {
        return evaluate(DECISION, vars("vaccineName", name));
    }

    /** Live vaccines by brand, generic name and abbreviation. */
    @ParameterizedTest(name = "{0} is live ({1})")
    @CsvSource({
        "zostavax, zoster (live)", "zoster vaccine live, zoster (live)",
        "m-m-r ii, MMR (live)", "mmr, MMR (live)", "priorix, MMR (live)",
        "varivax, varicella (live)", "varicella, varicella (live)", "proquad, MMRV (live)",
        "yf-vax, yellow fever (live)", "stamaril, yellow fever (live)",
        "vivotif, typhoid oral (live)", "ty21a, typhoid oral (live)",
        "flumist, influenza (live attenuated)", "laiv, influenza (live attenuated)",
        "rotateq, rotavirus (live)", "rotarix, rotavirus (live)",
        "vaxchora, cholera (live)", "bcg, BCG (live)", "acam2000, 'smallpox (live, replicating)'",
        "dengvaxia, dengue (live)", "ixchiq, chikungunya (live)", "qdenga, dengue (live)",
        "ervebo, Ebola Zaire (live)", "flumist trivalent, influenza (live attenuated)",
        "'influenza vaccine, live, intranasal', influenza (live attenuated)",
    })
    void live(String name, String group) {
        Assertions.assertThat(lookup(name).getSingleResult().getEntryMap()).containsEntry("live", true).containsEntry("vaccineGroup", group);
    }

    /** Not-live vaccines (inactivated, recombinant, subunit, toxoid, mRNA, non-replicating). */
    @ParameterizedTest(name = "{0} is not live")
    @CsvSource({
        "shingrix", "recombinant zoster vaccine", "fluzone", "fluzone high-dose", "flucelvax", "fluad", "afluria", "fluarix",
        "flulaval", "flublok", "flu shot", "'influenza vaccine, inactivated'", "comirnaty", "spikevax", "nuvaxovid", "novavax", "mnexspike",
        "prevnar 13", "prevnar 15", "prevnar 20", "vaxneuvance", "pneumovax 23", "capvaxive",
        "engerix-b", "recombivax hb", "heplisav-b", "prehevbrio", "havrix", "vaqta", "twinrix",
        "boostrix", "adacel", "tdap", "tenivac", "tdvax", "daptacel", "infanrix", "pediarix", "pentacel", "vaxelis",
        "kinrix", "quadracel", "gardasil 9", "menveo", "menquadfi", "bexsero", "trumenba", "penbraya", "penmenvy",
        "acthib", "pedvaxhib", "hiberix", "ipol", "arexvy", "abrysvo", "mresvia", "imovax", "rabavert", "typhim vi",
        "ixiaro", "jynneos", "ticovac",
    })
    void notLive(String name) {
        Assertions.assertThat(lookup(name).getSingleResult().getEntryMap()).containsEntry("live", false);
    }

    /**
     * Unknown and ambiguous names (live or not cannot be told) give an empty result: the caller reports UNKNOWN.
     * "influenza vaccine" may be the live intranasal one; "mpox vaccine" may be ACAM2000 (live, replicating).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "NULL", value = {"mystery vax", "shingles vaccine", "zoster vaccine", "typhoid vaccine",
        "smallpox vaccine", "polio vaccine", "influenza", "influenza vaccine", "flu vaccine", "mpox vaccine",
        "chikungunya vaccine", "NULL"})
    void unknownNameGivesEmptyResult(String name) {
        Assertions.assertThat(lookup(name)).isEmpty();
    }
}
