package com.healthplan.pa.kineret.rules;

import com.healthplan.pa.kineret.cases.PriorAuthorizationRequest.MedicationEntry;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRequest.TherapyTrial;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRequest.TrialOutcome;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRequest.VaccineEntry;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRequest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

/**
 * Turns a request into the flat facts that the criteria decision tables read (variable names in
 * {@code dmn/kineret-diagnosis-criteria.dmn} and {@code dmn/kineret-safety-criteria.dmn}). Medications and vaccines
 * are read by {@link EntryReader} (codes first, then names) and classified by the catalogue decision tables
 * (Appendix 2 and 3 as data); entries that cannot be read are counted and named, so that the criteria they bear on
 * say UNKNOWN with the entries in their detail (RULES.md "Reading names and codes"); thresholds (90 days,
 * 8 mg/kg, age 18, scores) stay in the decision tables. Missing single values stay {@code null} so that the
 * tables answer {@code UNKNOWN}; absent lists count as "none reported" (RULES.md).
 */
@Service
public class ClinicalFactsService {

    private static final String CONVENTIONAL = "CONVENTIONAL";
    private static final String NOT_A_DMARD = "NONE";
    private static final String ANAKINRA = "anakinra";

    private final DecisionService decisions;
    private final EntryReader reader;

    /** @param decisions Camunda decision service that evaluates the deployed catalogue tables */
    public ClinicalFactsService(DecisionService decisions) {
        this.decisions = decisions;
        this.reader = new EntryReader(this::drugCatalogue, this::vaccineCatalogue, CodeTables.standard(),
                NameVocabulary.standard());
    }

    /**
     * @param request     the validated request
     * @param requestDate date of receipt (ISO-8601) on which age is computed
     * @return the facts as variable name → value (String, Integer, Double, Boolean or null)
     */
    public Map<String, Object> facts(PriorAuthorizationRequest request, LocalDate requestDate) {
        Map<String, Object> f = new LinkedHashMap<>();
        var diagnosis = request.diagnosis();
        f.put("icd10", NameNormalizer.icd10(diagnosis.icd10()));
        f.put("subtype", name(diagnosis.subtype()));
        f.put("requestType", request.requestType().name());
        f.put("requestDate", requestDate.toString());
        f.put("benefit", request.benefit().name());
        f.put("planOption", request.planOption().name());
        f.put("ageYears", ageOn(request.member().dateOfBirth(), requestDate));
        f.put("diseaseActivity", name(diagnosis.diseaseActivity()));
        f.put("das28", number(diagnosis.das28()));
        f.put("cdai", number(diagnosis.cdai()));
        f.put("dosePerDayMg", number(request.prescription().dosePerDayMg()));
        f.put("weightKg", weightKg(request));
        f.put("quantity", request.prescription().quantity());
        f.put("daysSupply", request.prescription().daysSupply());
        f.put("clinicalResponse", name(request.clinicalResponse()));
        f.put("medicalExceptionRequested", request.medicalException() != null
                && Boolean.TRUE.equals(request.medicalException().requested()));
        putTherapyFacts(f, request);
        putSafetyFacts(f, request);
        return f;
    }

    /**
     * The fact {@code weightKg} alone, as {@link #facts} derives it (the approval-terms table reads it again after a
     * review), without the catalogue look-ups of the other facts.
     *
     * @return the member's weight in kg, or null when not reported
     */
    public static Double weightKg(PriorAuthorizationRequest request) {
        return number(request.member().weightKg());
    }

    /**
     * Age in whole years on a date; a birthday on that date counts, and 29 February birthdays reach a new
     * age on 1 March in common years ({@link Period} arithmetic).
     *
     * @return years, or null if the date of birth is missing or after {@code on}
     */
    public static Integer ageOn(LocalDate dateOfBirth, LocalDate on) {
        if (dateOfBirth == null || dateOfBirth.isAfter(on)) {
            return null;
        }
        return Period.between(dateOfBirth, on).getYears();
    }

    /**
     * @param name  a normalised drug name
     * @param route {@code SC}, {@code IV}, {@code ORAL} or null
     * @return the {@code kineret-drug-catalogue} row, or empty when the name is not in the catalogue
     */
    private Optional<EntryReader.CatalogueEntry> drugCatalogue(String name, String route) {
        DmnDecisionResult result = decisions.evaluateDecisionByKey(DecisionKeys.DRUG_CATALOGUE)
                .variables(Variables.createVariables().putValue("drugName", name).putValue("route", route))
                .evaluate();
        if (result.isEmpty()) {
            return Optional.empty();
        }
        var entry = result.getFirstResult();
        return Optional.of(new EntryReader.CatalogueEntry(entry.getEntry("genericName"), entry.getEntry("dmardClass"),
                entry.getEntry("preferredProduct"), entry.getEntry("routeDependentProduct")));
    }

    /**
     * @param name a normalised vaccine name
     * @return live or not per {@code kineret-vaccine-catalogue}, or empty when the name is not in the catalogue
     */
    private Optional<Boolean> vaccineCatalogue(String name) {
        DmnDecisionResult result = decisions.evaluateDecisionByKey(DecisionKeys.VACCINE_CATALOGUE)
                .variables(Variables.createVariables().putValue("vaccineName", name))
                .evaluate();
        return result.isEmpty() ? Optional.empty() : Optional.ofNullable(result.getFirstResult().getEntry("live"));
    }

    /**
     * Therapy-history facts. Entries that cannot be read are counted as {@code unclassifiedTherapy*} (they could be a
     * conventional DMARD or a preferred product); trials of a product whose preferred status depends on a route that
     * was not reported (tocilizumab: Actemra SC is preferred, IV is not) count towards
     * {@code preferredProductsPossible} only.
     */
    private void putTherapyFacts(Map<String, Object> f, PriorAuthorizationRequest request) {
        boolean intoleranceOrContraindication = false;
        Integer maxInadequateDays = null;
        int undated = 0;
        Set<String> dmards = new LinkedHashSet<>();
        Set<String> preferred = new LinkedHashSet<>();
        Set<String> routeDependent = new LinkedHashSet<>();
        List<String> undeterminedNames = new ArrayList<>();
        List<String> unclassified = new ArrayList<>();
        String plan = request.planOption().name();
        List<TherapyTrial> history = request.therapyHistory() == null ? List.of() : request.therapyHistory();
        for (TherapyTrial trial : history) {
            EntryReader.MedicationReading reading = reader.medication(trial.drug(), trial.rxcui(), trial.ndc(),
                    trial.route());
            if (!reading.recognised()) {
                unclassified.add(reading.shown());
                undeterminedNames.add(reading.shown() + " (not recognised)");
                continue;
            }
            EntryReader.CatalogueEntry d = reading.entry();
            if (CONVENTIONAL.equals(d.dmardClass())) {
                dmards.add(d.genericName());
                if (trial.outcome() == TrialOutcome.INADEQUATE_RESPONSE) {
                    if (trial.durationDays() == null) {
                        undated++;
                    } else if (maxInadequateDays == null || trial.durationDays() > maxInadequateDays) {
                        maxInadequateDays = trial.durationDays();
                    }
                } else {
                    intoleranceOrContraindication = true;
                }
            }
            if (d.preferredProduct() != null && isPreferred(plan, d.preferredProduct())) {
                preferred.add(d.preferredProduct());
            } else if (d.routeDependentProduct() != null && isPreferred(plan, d.routeDependentProduct())) {
                routeDependent.add(d.routeDependentProduct());
                undeterminedNames.add(reading.shown() + " (route not reported)");
            }
        }
        routeDependent.removeAll(preferred);
        f.put("dmardIntoleranceOrContraindication", intoleranceOrContraindication);
        f.put("dmardInadequateResponseMaxDays", maxInadequateDays);
        f.put("dmardInadequateResponseUndatedCount", undated);
        f.put("dmardNames", String.join(", ", dmards));
        f.put("unclassifiedTherapyCount", unclassified.size());
        f.put("unclassifiedTherapyNames", String.join(", ", unclassified));
        f.put("preferredProductsTried", preferred.size());
        f.put("preferredProductNames", String.join(", ", preferred));
        f.put("preferredProductsPossible", preferred.size() + routeDependent.size() + unclassified.size());
        f.put("preferredProductsUndeterminedNames", String.join(", ", undeterminedNames));
    }

    private boolean isPreferred(String planOption, String product) {
        DmnDecisionResult result = decisions.evaluateDecisionByKey(DecisionKeys.PREFERRED_PRODUCTS)
                .variables(Variables.createVariables().putValue("planOption", planOption)
                        .putValue("preferredProduct", product))
                .evaluate();
        return !result.isEmpty() && Boolean.TRUE.equals(result.getFirstResult().getEntry("preferred"));
    }

    /**
     * Safety facts. A concurrent medication is a combination when it reads as a biologic or targeted synthetic DMARD
     * other than anakinra; it is {@code unclassifiedMedication*} when it cannot be read, or when only a leading part
     * of its name reads as something that is not such a DMARD (the rest could be one).
     */
    private void putSafetyFacts(Map<String, Object> f, PriorAuthorizationRequest request) {
        var safety = request.safety();
        f.put("tbScreening", safety == null ? null : name(safety.tbScreening()));
        f.put("activeInfection", safety == null ? null : safety.activeInfection());
        f.put("activeTuberculosis", safety == null ? null : safety.activeTuberculosis());
        f.put("activeHepatitisB", safety == null ? null : safety.activeHepatitisB());
        f.put("hbvStatus", safety == null ? null : name(safety.hbvStatus()));

        List<String> combination = new ArrayList<>();
        List<String> unclassifiedMedications = new ArrayList<>();
        for (MedicationEntry medication : listOrEmpty(safety == null ? null : safety.concurrentMedications())) {
            EntryReader.MedicationReading reading = reader.medication(medication.name(), medication.rxcui(),
                    medication.ndc(), null);
            EntryReader.CatalogueEntry d = reading.entry();
            boolean targeted = d != null && d.dmardClass() != null && !CONVENTIONAL.equals(d.dmardClass())
                    && !NOT_A_DMARD.equals(d.dmardClass());
            if (targeted && !ANAKINRA.equals(d.genericName())) {
                combination.add(reading.shown());
            } else if (d == null || reading.partial()) {
                unclassifiedMedications.add(reading.shown());
            }
        }
        f.put("concurrentBiologicOrTsdmardCount", combination.size());
        f.put("concurrentBiologicOrTsdmardNames", String.join(", ", combination));
        f.put("unclassifiedMedicationCount", unclassifiedMedications.size());
        f.put("unclassifiedMedicationNames", String.join(", ", unclassifiedMedications));

        List<String> live = new ArrayList<>();
        List<String> unclassified = new ArrayList<>();
        for (VaccineEntry vaccine : listOrEmpty(safety == null ? null : safety.plannedVaccines())) {
            EntryReader.VaccineReading reading = reader.vaccine(vaccine.name(), vaccine.cvx());
            if (reading.live() == null) {
                unclassified.add(reading.shown());
            } else if (reading.live()) {
                live.add(reading.shown());
            }
        }
        f.put("liveVaccineCount", live.size());
        f.put("liveVaccineNames", String.join(", ", live));
        f.put("unclassifiedVaccineCount", unclassified.size());
        f.put("unclassifiedVaccineNames", String.join(", ", unclassified));
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static Double number(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }
}
