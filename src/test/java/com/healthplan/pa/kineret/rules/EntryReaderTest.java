package com.healthplan.pa.kineret.rules;

import com.healthplan.pa.kineret.dmn.CatalogueReaders;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real-world medication and vaccine strings, as EHRs, pharmacy systems and RxNorm write them, read by
 * {@link EntryReader} over the shipped catalogues and vocabularies (RULES.md "Reading names and codes"): each gives
 * its molecule, or is not recognised (the criteria then say UNKNOWN, never MET).
 */
class EntryReaderTest {

    private static final EntryReader READER = CatalogueReaders.reader();

    /** Name (and route) → ingredient, preferred product, route-dependent product; UNKNOWN when not recognised. */
    @ParameterizedTest(name = "[{index}] {0} / {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        // the examples of the issue that were dropped or misread before
        "Humira Pen 40 MG/0.4ML | NULL | adalimumab | HUMIRA | NULL",
        "Xeljanz XR 11 mg | NULL | tofacitinib | XELJANZ | NULL",
        "adalimumab 40 MG in 0.4 ML Auto-Injector [Humira] | NULL | adalimumab | HUMIRA | NULL",
        "HUMIRA(R) | NULL | adalimumab | HUMIRA | NULL",
        "Humira\u00ae | NULL | adalimumab | HUMIRA | NULL",
        "Humira\u2122 Pen | NULL | adalimumab | HUMIRA | NULL",
        "adalimumab\u2010adaz | NULL | adalimumab | HUMIRA | NULL",
        "adalimumab\u2013aaty 40 mg/0.4 mL | NULL | adalimumab | HUMIRA | NULL",
        "adalimumab\u2212bwwd | NULL | adalimumab | HUMIRA | NULL",
        "Humria | NULL | UNKNOWN | NULL | NULL",
        "adalimumub | NULL | UNKNOWN | NULL | NULL",
        "Zentravia 40 mg pen | NULL | UNKNOWN | NULL | NULL",
        "methotrexate 2.5 MG Oral Tablet | NULL | methotrexate | NULL | NULL",
        "Enbrel SureClick | NULL | etanercept | ENBREL | NULL",
        "Actemra ACTPen | NULL | tocilizumab | ACTEMRA_SC | NULL",
        "Actemra | Subcutaneous injection | tocilizumab | ACTEMRA_SC | NULL",
        "Actemra | SubQ | tocilizumab | ACTEMRA_SC | NULL",
        "Actemra | NULL | tocilizumab | NULL | ACTEMRA_SC",
        "Actemra | IV infusion | tocilizumab | NULL | NULL",
        "Actemra | intramuscular | tocilizumab | NULL | ACTEMRA_SC",
        "Actemra ACTPen | IV | tocilizumab | NULL | ACTEMRA_SC",
        "Actemra 162 MG/0.9ML Prefilled Syringe | NULL | tocilizumab | ACTEMRA_SC | NULL",
        "tocilizumab 20 MG/ML Injectable Solution [Actemra] | NULL | tocilizumab | NULL | ACTEMRA_SC",
        "Tofidence | NULL | tocilizumab | NULL | NULL",
        "Avtozma | SC | tocilizumab | ACTEMRA_SC | NULL",
        "tocilizumab-anoh | subcutaneous | tocilizumab | ACTEMRA_SC | NULL",
        "Tyenne 162 mg/0.9 mL autoinjector | NULL | tocilizumab | ACTEMRA_SC | NULL",
        // devices, strengths, forms, brackets, parentheses and biosimilars
        "Enbrel Mini 50 MG/ML cartridge | NULL | etanercept | ENBREL | NULL",
        "etanercept-szzs (Erelzi) | NULL | etanercept | ENBREL | NULL",
        "Hyrimoz (adalimumab-adaz) 40 mg/0.4 mL pen | NULL | adalimumab | HUMIRA | NULL",
        "Amjevita 40 MG/0.8ML Prefilled Syringe | NULL | adalimumab | HUMIRA | NULL",
        "adalimumab-fkjp 40 MG/0.8ML Prefilled Syringe [Hulio] | NULL | adalimumab | HUMIRA | NULL",
        "SIMLANDI | NULL | adalimumab | HUMIRA | NULL",
        "Starjemza | NULL | ustekinumab | NULL | NULL",
        "ustekinumab-hmny 45 MG/0.5ML | NULL | ustekinumab | NULL | NULL",
        "Rinvoq 15 MG 24HR Extended Release Oral Tablet | NULL | upadacitinib | RINVOQ | NULL",
        "RINVOQ LQ 1 MG/ML Oral Solution | NULL | upadacitinib | RINVOQ | NULL",
        "upadactinib | NULL | upadacitinib | RINVOQ | NULL",
        "Xeljanz 5 mg tablet | NULL | tofacitinib | XELJANZ | NULL",
        "tofacitinib citrate | NULL | tofacitinib | XELJANZ | NULL",
        "Olumiant 2 MG Oral Tablet | NULL | baricitinib | NULL | NULL",
        "Otezla 30 mg | NULL | apremilast | NULL | NULL",
        "Orencia ClickJect 125 MG/ML Auto-Injector | NULL | abatacept | NULL | NULL",
        "Cimzia 200 MG/ML Prefilled Syringe Kit | NULL | certolizumab | NULL | NULL",
        "Simponi Aria 50 MG/4ML Injection | NULL | golimumab | NULL | NULL",
        "Remicade 100 MG Injection | NULL | infliximab | NULL | NULL",
        "Inflectra (infliximab-dyyb) | NULL | infliximab | NULL | NULL",
        "Kevzara 200 MG/1.14ML pen | NULL | sarilumab | NULL | NULL",
        "Cosentyx Sensoready Pen | NULL | secukinumab | NULL | NULL",
        "Kineret 100 MG/0.67ML Prefilled Syringe | NULL | anakinra | NULL | NULL",
        "Plaquenil 200 mg tablet | NULL | hydroxychloroquine | NULL | NULL",
        "hydroxychloroquine sulfate 200 MG Oral Tablet | NULL | hydroxychloroquine | NULL | NULL",
        "Arava 20 mg | NULL | leflunomide | NULL | NULL",
        "sulfasalazine 500 MG Delayed Release Oral Tablet | NULL | sulfasalazine | NULL | NULL",
        "Azulfidine EN-tabs | NULL | sulfasalazine | NULL | NULL",
        "Otrexup 15 MG/0.4ML Auto-Injector | NULL | methotrexate | NULL | NULL",
        "METHOTREXATE SODIUM 25 MG/ML INJECTION | NULL | methotrexate | NULL | NULL",
        "CellCept 500 mg | NULL | mycophenolate | NULL | NULL",
        "Imuran 50mg | NULL | azathioprine | NULL | NULL",
        "Cytosan | NULL | cyclophosphamide | NULL | NULL",
        "  enbrel   | NULL | etanercept | ENBREL | NULL",
        // common co-medications that are not DMARDs
        "folic acid 1 MG Oral Tablet | NULL | folic acid | NULL | NULL",
        "Prednisone 5 mg tab | NULL | prednisone | NULL | NULL",
        "naproxen sodium 220 MG Oral Tablet | NULL | naproxen | NULL | NULL",
        "Celebrex 200mg capsule | NULL | celecoxib | NULL | NULL",
        "vitamin D3 1000 units | NULL | cholecalciferol | NULL | NULL",
        "Medrol 4 MG Oral Tablet | NULL | methylprednisolone | NULL | NULL",
        // what cannot be read
        "lisinopril 10 mg | NULL | UNKNOWN | NULL | NULL",
        "insulin glargine 100 units/mL pen | NULL | UNKNOWN | NULL | NULL",
        "Humira (etanercept) | NULL | UNKNOWN | NULL | NULL",
        "40 mg pen | NULL | UNKNOWN | NULL | NULL",
    })
    void medicationName(String name, String route, String ingredient, String preferred, String routeDependent) {
        EntryReader.MedicationReading reading = READER.medication(name, null, null, route);
        if ("UNKNOWN".equals(ingredient)) {
            Assertions.assertThat(reading.recognised()).as("%s is not recognised: %s", name, reading).isFalse();
            return;
        }
        Assertions.assertThat(reading.recognised()).as("%s is recognised", name).isTrue();
        Assertions.assertThat(reading.entry().genericName()).isEqualTo(ingredient);
        Assertions.assertThat(reading.entry().preferredProduct()).as("preferred product").isEqualTo(preferred);
        Assertions.assertThat(reading.entry().routeDependentProduct()).as("route-dependent product").isEqualTo(routeDependent);
        Assertions.assertThat(reading.readBy()).isEqualTo("NAME");
    }

    /** Only a leading part read: the rest of the name could be another drug, so a non-DMARD reading is partial. */
    @ParameterizedTest(name = "{0} -> {1}, partial")
    @CsvSource(delimiter = '|', value = {
        "methotrexate plus Zentravia | methotrexate",
        "Tylenol Extra Strength | acetaminophen",
        "HUMIRA PEN-CD/UC/HS STARTER | adalimumab",
    })
    void partialReading(String name, String ingredient) {
        EntryReader.MedicationReading reading = READER.medication(name, null, null, null);
        Assertions.assertThat(reading.entry().genericName()).isEqualTo(ingredient);
        Assertions.assertThat(reading.partial()).isTrue();
    }

    /** Vaccine names → live (true), not live (false) or UNKNOWN. */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "influenza vaccine | UNKNOWN",
        "Influenza Vaccine | UNKNOWN",
        "flu vaccine | UNKNOWN",
        "influenza | UNKNOWN",
        "mpox vaccine | UNKNOWN",
        "zoster vaccine | UNKNOWN",
        "chikungunya vaccine | UNKNOWN",
        "mystery vax | UNKNOWN",
        "influenza vaccine, live, intranasal | true",
        "influenza virus vaccine, live, attenuated, for intranasal use | true",
        "Influenza virus vaccine, live [FluMist] | true",
        "Flu vaccine nasal spray | true",
        "Ervebo | true",
        "ERVEBO\u00ae | true",
        "FluMist Trivalent | true",
        "FluMist Quadrivalent 2024-2025 | true",
        "Zostavax\u00ae | true",
        "ZOSTER VACCINE LIVE | true",
        "polio vaccine, oral | true",
        "typhoid vaccine, oral | true",
        "M-M-R II | true",
        "Yellow fever vaccine | true",
        "influenza vaccine, inactivated | false",
        "Fluzone High-Dose Quadrivalent 2024-2025 | false",
        "Shingrix 50 MCG/0.5ML | false",
        "zoster vaccine recombinant, adjuvanted | false",
        "Prevnar 20 | false",
        "COVID-19 mRNA vaccine | false",
        "flu shot | false",
        "Jynneos | false",
        "influenza vaccine, live, inactivated | UNKNOWN",
        "Shingrix live | UNKNOWN",
    })
    void vaccineName(String name, String expected) {
        EntryReader.VaccineReading reading = READER.vaccine(name, null);
        Boolean live = "UNKNOWN".equals(expected) ? null : Boolean.valueOf(expected);
        Assertions.assertThat(reading.live()).as("%s", name).isEqualTo(live);
    }

    /** Routes as free text. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "NULL", value = {"SC, SC", "Subcutaneous injection, SC", "SubQ, SC", "sub-q, SC",
        "s.c., SC", "IV, IV", "intravenous infusion, IV", "I.V., IV", "oral, ORAL", "PO, ORAL", "by mouth, ORAL",
        "injection, NULL", "intramuscular, NULL", "SC or IV, NULL", "'', NULL", "NULL, NULL"})
    void route(String route, String expected) {
        Assertions.assertThat(NameNormalizer.route(route)).isEqualTo(expected);
    }
}
