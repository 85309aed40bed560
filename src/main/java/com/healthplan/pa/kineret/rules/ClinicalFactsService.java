package com.healthplan.pa.kineret.rules;

import com.healthplan.pa.kineret.api.PriorAuthorizationRequest;
import com.healthplan.pa.kineret.api.PriorAuthorizationRequest.TherapyTrial;
import com.healthplan.pa.kineret.api.PriorAuthorizationRequest.TrialOutcome;
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
 * {@code dmn/kineret-diagnosis-criteria.dmn} and {@code dmn/kineret-safety-criteria.dmn}). Drug and vaccine
 * names are classified by the catalogue decision tables (Appendix 2 and 3 as data); thresholds (90 days,
 * 8 mg/kg, age 18, scores) stay in the decision tables. Missing single values stay {@code null} so that the
 * tables answer {@code UNKNOWN}; absent lists count as "none reported" (RULES.md).
 */
@Service
public class ClinicalFactsService {

    private static final String CONVENTIONAL = "CONVENTIONAL";
    private static final String ANAKINRA = "anakinra";

    private final DecisionService decisions;

    /** @param decisions Camunda decision service that evaluates the deployed catalogue tables */
    public ClinicalFactsService(DecisionService decisions) {
        this.decisions = decisions;
    }

    /** A drug name classified by {@code kineret-drug-catalogue}. */
    public record DrugClass(String genericName, String dmardClass, String preferredProduct) { }

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
        f.put("weightKg", number(request.member().weightKg()));
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
     * @param drug  drug name as sent
     * @param route route as sent, may be null
     * @return the catalogue entry, or empty when the name is not in the catalogue
     */
    public Optional<DrugClass> classifyDrug(String drug, String route) {
        DmnDecisionResult result = decisions.evaluateDecisionByKey(DecisionKeys.DRUG_CATALOGUE)
                .variables(Variables.createVariables().putValue("drugName", NameNormalizer.name(drug))
                        .putValue("route", NameNormalizer.route(route)))
                .evaluate();
        if (result.isEmpty()) {
            return Optional.empty();
        }
        var entry = result.getFirstResult();
        return Optional.of(new DrugClass(entry.getEntry("genericName"), entry.getEntry("dmardClass"),
                entry.getEntry("preferredProduct")));
    }

    /**
     * @param vaccine vaccine name as sent
     * @return true if live, false if not live, empty if the catalogue cannot classify it
     */
    public Optional<Boolean> isLiveVaccine(String vaccine) {
        DmnDecisionResult result = decisions.evaluateDecisionByKey(DecisionKeys.VACCINE_CATALOGUE)
                .variables(Variables.createVariables().putValue("vaccineName", NameNormalizer.name(vaccine)))
                .evaluate();
        return result.isEmpty() ? Optional.empty() : Optional.ofNullable(result.getFirstResult().getEntry("live"));
    }

    private void putTherapyFacts(Map<String, Object> f, PriorAuthorizationRequest request) {
        boolean intoleranceOrContraindication = false;
        Integer maxInadequateDays = null;
        int undated = 0;
        Set<String> dmards = new LinkedHashSet<>();
        Set<String> preferred = new LinkedHashSet<>();
        List<TherapyTrial> history = request.therapyHistory() == null ? List.of() : request.therapyHistory();
        for (TherapyTrial trial : history) {
            Optional<DrugClass> drug = classifyDrug(trial.drug(), trial.route());
            if (drug.isEmpty()) {
                continue;
            }
            DrugClass d = drug.get();
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
            if (d.preferredProduct() != null && isPreferred(request.planOption().name(), d.preferredProduct())) {
                preferred.add(d.preferredProduct());
            }
        }
        f.put("dmardIntoleranceOrContraindication", intoleranceOrContraindication);
        f.put("dmardInadequateResponseMaxDays", maxInadequateDays);
        f.put("dmardInadequateResponseUndatedCount", undated);
        f.put("dmardNames", String.join(", ", dmards));
        f.put("preferredProductsTried", preferred.size());
        f.put("preferredProductNames", String.join(", ", preferred));
    }

    private boolean isPreferred(String planOption, String product) {
        DmnDecisionResult result = decisions.evaluateDecisionByKey(DecisionKeys.PREFERRED_PRODUCTS)
                .variables(Variables.createVariables().putValue("planOption", planOption)
                        .putValue("preferredProduct", product))
                .evaluate();
        return !result.isEmpty() && Boolean.TRUE.equals(result.getFirstResult().getEntry("preferred"));
    }

    private void putSafetyFacts(Map<String, Object> f, PriorAuthorizationRequest request) {
        var safety = request.safety();
        f.put("tbScreening", safety == null ? null : name(safety.tbScreening()));
        f.put("activeInfection", safety == null ? null : safety.activeInfection());
        f.put("activeTuberculosis", safety == null ? null : safety.activeTuberculosis());
        f.put("activeHepatitisB", safety == null ? null : safety.activeHepatitisB());
        f.put("hbvStatus", safety == null ? null : name(safety.hbvStatus()));

        List<String> combination = new ArrayList<>();
        for (String medication : listOrEmpty(safety == null ? null : safety.concurrentMedications())) {
            classifyDrug(medication, null)
                    .filter(d -> d.dmardClass() != null && !CONVENTIONAL.equals(d.dmardClass()))
                    .filter(d -> !ANAKINRA.equals(d.genericName()))
                    .ifPresent(d -> combination.add(medication.trim()));
        }
        f.put("concurrentBiologicOrTsdmardCount", combination.size());
        f.put("concurrentBiologicOrTsdmardNames", String.join(", ", combination));

        List<String> live = new ArrayList<>();
        List<String> unclassified = new ArrayList<>();
        for (String vaccine : listOrEmpty(safety == null ? null : safety.plannedVaccines())) {
            Optional<Boolean> isLive = isLiveVaccine(vaccine);
            if (isLive.isEmpty()) {
                unclassified.add(vaccine.trim());
            } else if (isLive.get()) {
                live.add(vaccine.trim());
            }
        }
        f.put("liveVaccineCount", live.size());
        f.put("liveVaccineNames", String.join(", ", live));
        f.put("unclassifiedVaccineCount", unclassified.size());
        f.put("unclassifiedVaccineNames", String.join(", ", unclassified));
    }

    private static List<String> listOrEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static Double number(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }
}
