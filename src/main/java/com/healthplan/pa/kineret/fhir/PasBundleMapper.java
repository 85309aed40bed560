package com.healthplan.pa.kineret.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.rules.CodeTables;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Timing;
import org.springframework.stereotype.Component;

/**
 * Reads a Da Vinci PAS request Bundle (HL7 Da Vinci Prior Authorization Support, FHIR R4) into the intake request of
 * the JSON API ({@code PriorAuthorizationRequest}, {@code spec/API.md}), field by field, as JSON: the result then goes
 * through the JSON API's own parser, validation, intake and rules, so there is one decision path. What the Bundle
 * does not say stays absent (the rules read it as UNKNOWN); nothing is guessed.
 *
 * <table>
 *   <caption>Mapping</caption>
 *   <tr><th>intake field</th><th>FHIR element</th></tr>
 *   <tr><td>requestId</td><td>Claim.identifier (the first with a value)</td></tr>
 *   <tr><td>requestType</td><td>Claim.item[0] PAS certificationType extension, X12 1322: {@code I} INITIAL,
 *       {@code R} RENEWAL</td></tr>
 *   <tr><td>requestDate</td><td>Claim.created (its calendar date as written)</td></tr>
 *   <tr><td>urgency</td><td>Claim.priority (processpriority): {@code stat} EXPEDITED, {@code normal} STANDARD</td></tr>
 *   <tr><td>benefit</td><td>Claim.type (claim-type): {@code pharmacy} PHARMACY; {@code professional},
 *       {@code institutional} MEDICAL</td></tr>
 *   <tr><td>planOption</td><td>Coverage.class of type {@code plan} (coverage-class): its value</td></tr>
 *   <tr><td>member.id</td><td>Patient.identifier of type MB (v2-0203) or of system {@link PasTerms#MEMBER_ID_SYSTEM};
 *       else Coverage.subscriberId</td></tr>
 *   <tr><td>member.dateOfBirth</td><td>Patient.birthDate (a full date)</td></tr>
 *   <tr><td>member.weightKg</td><td>Observation coded LOINC 29463-7, valueQuantity in UCUM {@code kg}</td></tr>
 *   <tr><td>prescriber.npi, name</td><td>Practitioner (Claim.provider, else MedicationRequest.requester, else the only
 *       one): identifier of system us-npi; name.text, else given and family</td></tr>
 *   <tr><td>diagnosis.icd10</td><td>Condition (Claim.diagnosis[0].diagnosisReference, else the only one) or
 *       Claim.diagnosis[0].diagnosisCodeableConcept: the coding of system icd-10-cm</td></tr>
 *   <tr><td>prescription.rxcui, ndc, drug</td><td>MedicationRequest (Claim.prescription, else the only one)
 *       medicationCodeableConcept (or the referenced Medication.code): codings of RxNorm and NDC, text</td></tr>
 *   <tr><td>prescription.dosePerDayMg</td><td>dosageInstruction[0].doseAndRate[0]: rateQuantity in UCUM
 *       {@code mg/d}, or doseQuantity in {@code mg} × timing.repeat.frequency per period (h, d, wk)</td></tr>
 *   <tr><td>prescription.quantity</td><td>dispenseRequest.quantity.value (100 mg syringes)</td></tr>
 *   <tr><td>prescription.daysSupply</td><td>dispenseRequest.expectedSupplyDuration in UCUM {@code d} or {@code wk}</td></tr>
 *   <tr><td>previousAuthorizationId</td><td>Claim.related.reference of relationship {@code prior}</td></tr>
 *   <tr><td>diagnosis.subtype, diseaseActivity, das28, cdai; therapyHistory; safety; clinicalResponse;
 *       medicalException</td><td>QuestionnaireResponse of the policy's Questionnaire ({@link PasQuestionnaire})</td></tr>
 * </table>
 *
 * <p>Codes: where an element carries codings, one of the expected system must be among them (others are ignored);
 * codings of other systems only, e.g. an ICD-9-CM diagnosis, are a 400. The prescribed drug must be Kineret: an RxCUI
 * or NDC that the catalogues ({@code src/main/resources/catalogues}) do not know, or know as another drug, is a 400.
 * Codes of therapy history and concurrent medications are passed on as sent: one the catalogues do not know reads as
 * UNKNOWN for the rules, as in the JSON API.
 *
 * @throws ca.uhn.fhir.rest.server.exceptions.InvalidRequestException (400, OperationOutcome) from {@link #toRequest}
 */
@Component
public class PasBundleMapper {

    /** The catalogue ingredient of the prescribed drug (dmn/kineret-drug-catalogue.dmn spelling). */
    static final String KINERET_INGREDIENT = "anakinra";
    private static final String SUMMARY = "The PAS request Bundle cannot be read";

    /** Intake field (prefix) → the FHIR element it is read from, for the issues of the JSON API's validation. */
    private static final Map<String, String> SOURCES = Map.ofEntries(
            Map.entry("requestId", "Claim.identifier"),
            Map.entry("requestType", "Claim.item.extension('" + PasTerms.EXT_CERTIFICATION_TYPE + "')"),
            Map.entry("requestDate", "Claim.created"),
            Map.entry("urgency", "Claim.priority"),
            Map.entry("benefit", "Claim.type"),
            Map.entry("planOption", "Coverage.class.where(type.coding.code='plan').value"),
            Map.entry("member", "Patient"),
            Map.entry("member.id", "Patient.identifier"),
            Map.entry("member.dateOfBirth", "Patient.birthDate"),
            Map.entry("member.weightKg", "Observation.where(code.coding.code='29463-7').valueQuantity"),
            Map.entry("prescriber", "Practitioner"),
            Map.entry("prescriber.npi", "Practitioner.identifier.where(system='" + PasTerms.NPI + "')"),
            Map.entry("prescriber.name", "Practitioner.name"),
            Map.entry("diagnosis", "Condition"),
            Map.entry("diagnosis.icd10", "Condition.code"),
            Map.entry("prescription", "MedicationRequest"),
            Map.entry("prescription.drug", "MedicationRequest.medicationCodeableConcept.text"),
            Map.entry("prescription.rxcui", "MedicationRequest.medicationCodeableConcept.coding"),
            Map.entry("prescription.ndc", "MedicationRequest.medicationCodeableConcept.coding"),
            Map.entry("prescription.dosePerDayMg", "MedicationRequest.dosageInstruction.doseAndRate"),
            Map.entry("prescription.quantity", "MedicationRequest.dispenseRequest.quantity"),
            Map.entry("prescription.daysSupply", "MedicationRequest.dispenseRequest.expectedSupplyDuration"),
            Map.entry("previousAuthorizationId", "Claim.related.reference"));

    private final PasQuestionnaire questionnaire;
    private final CodeTables codes = CodeTables.standard();

    /** @param questionnaire the policy's Questionnaire (the QuestionnaireResponse's answers) */
    public PasBundleMapper(PasQuestionnaire questionnaire) {
        this.questionnaire = questionnaire;
    }

    /**
     * @param bundle a PAS request Bundle
     * @return its one Claim
     * @throws ca.uhn.fhir.rest.server.exceptions.InvalidRequestException (400) when there is none or more than one
     */
    public Claim claim(Bundle bundle) {
        List<Claim> claims = all(bundle, Claim.class);
        if (claims.size() != 1) {
            OperationOutcomes.Issues issues = new OperationOutcomes.Issues();
            issues.add("Bundle.entry.resource.ofType(Claim)", claims.isEmpty() ? "a Claim is required"
                    : "exactly one Claim is required, found " + claims.size());
            issues.throwIfAny(SUMMARY);
        }
        return claims.get(0);
    }

    /**
     * @param claim the Claim of a PAS Bundle
     * @return its request id (Claim.identifier)
     * @throws ca.uhn.fhir.rest.server.exceptions.InvalidRequestException (400) when it has none
     */
    public String requestId(Claim claim) {
        Optional<String> id = claim.getIdentifier().stream().map(Identifier::getValue).filter(v -> v != null && !v.isBlank())
                .findFirst();
        if (id.isEmpty()) {
            OperationOutcomes.Issues issues = new OperationOutcomes.Issues();
            issues.add("Claim.identifier", "is required: the request's id (requestId)");
            issues.throwIfAny(SUMMARY);
        }
        return id.get();
    }

    /**
     * @param field an intake field path of a validation error, e.g. {@code safety.tbScreening} or {@code member.id}
     * @return the FHIR element it came from (FHIRPath), or null when unknown
     */
    public String sourceOf(String field) {
        String linkId = questionnaire.linkIdOf(field);
        if (linkId != null) {
            return "QuestionnaireResponse.item.where(linkId='" + linkId + "')";
        }
        String key = field.replaceAll("\\[[0-9]+]", "");
        while (!key.isEmpty()) {
            if (SOURCES.containsKey(key)) {
                return SOURCES.get(key);
            }
            int dot = key.lastIndexOf('.');
            key = dot < 0 ? "" : key.substring(0, dot);
        }
        return null;
    }

    /**
     * @param bundle a PAS request Bundle (type {@code collection}, PAS: Claim first)
     * @return the intake request as the JSON API takes it (not yet validated: the JSON API's parser does that)
     * @throws ca.uhn.fhir.rest.server.exceptions.InvalidRequestException (400, one issue per problem)
     */
    public ObjectNode toRequest(Bundle bundle) {
        OperationOutcomes.Issues issues = new OperationOutcomes.Issues();
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode request = json.objectNode();
        Claim claim = claim(bundle);
        request.put("requestId", requestId(claim));
        if (claim.hasUse() && claim.getUse() != Claim.Use.PREAUTHORIZATION) {
            issues.add("Claim.use", "must be preauthorization");
        }
        claimFields(claim, request, issues);

        Patient patient = single(bundle, Patient.class, claim.getPatient(), "Patient", true, issues);
        Coverage coverage = coverage(bundle, claim, issues);
        ObjectNode member = request.putObject("member");
        String memberId = patient == null ? null : patient.getIdentifier().stream().filter(PasBundleMapper::isMemberId)
                .map(Identifier::getValue).filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
        if (memberId == null && coverage != null && coverage.hasSubscriberId()) {
            memberId = coverage.getSubscriberId();
        }
        if (memberId != null) {
            member.put("id", memberId);
        } else if (patient != null) {
            issues.add("Patient.identifier", "the member id is required: a Patient.identifier of type MB ("
                    + PasTerms.V2_0203 + ") or Coverage.subscriberId");
        }
        if (patient != null && patient.hasBirthDateElement()) {
            if (patient.getBirthDateElement().getPrecision() != ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY) {
                issues.add("Patient.birthDate", "must be a full date (YYYY-MM-DD)");
            } else {
                member.put("dateOfBirth", patient.getBirthDateElement().getValueAsString());
            }
        }
        weight(bundle, member, issues);
        if (coverage != null) {
            coverage.getClass_().stream()
                    .filter(c -> c.getType().getCoding().stream().anyMatch(t -> PasTerms.COVERAGE_CLASS.equals(t.getSystem())
                            && "plan".equals(t.getCode())))
                    .findFirst().ifPresent(plan -> request.put("planOption", plan.getValue()));
        }

        MedicationRequest prescription = single(bundle, MedicationRequest.class, claim.getPrescription(),
                "MedicationRequest", true, issues);
        Practitioner practitioner = practitioner(bundle, claim, prescription, issues);
        if (practitioner != null) {
            ObjectNode prescriber = request.putObject("prescriber");
            practitioner.getIdentifier().stream().filter(i -> PasTerms.NPI.equals(i.getSystem())).map(Identifier::getValue)
                    .findFirst().ifPresentOrElse(npi -> prescriber.put("npi", npi), () -> issues.add("Practitioner.identifier",
                            "the prescriber's NPI is required (system " + PasTerms.NPI + ")"));
            name(practitioner).ifPresent(n -> prescriber.put("name", n));
        }
        diagnosis(bundle, claim, request, issues);
        if (prescription != null) {
            prescription(bundle, prescription, request.putObject("prescription"), issues);
        }

        List<QuestionnaireResponse> responses = all(bundle, QuestionnaireResponse.class);
        if (responses.size() > 1) {
            issues.add("Bundle.entry.resource.ofType(QuestionnaireResponse)", "at most one QuestionnaireResponse");
        } else if (responses.size() == 1) {
            QuestionnaireResponse response = responses.get(0);
            String canonical = response.getQuestionnaire() == null ? null : response.getQuestionnaire().split("\\|")[0];
            if (!PasTerms.QUESTIONNAIRE_URL.equals(canonical)) {
                issues.add("QuestionnaireResponse.questionnaire", "must be " + PasTerms.QUESTIONNAIRE_URL);
            } else {
                questionnaire.extract(response, request, issues);
            }
        }
        issues.throwIfAny(SUMMARY);
        return request;
    }

    private static void claimFields(Claim claim, ObjectNode request, OperationOutcomes.Issues issues) {
        if (!claim.hasItem()) {
            issues.add("Claim.item", "one item is required (the Kineret service, with its certification type)");
        } else {
            Extension certification = claim.getItemFirstRep().getExtensionByUrl(PasTerms.EXT_CERTIFICATION_TYPE);
            String code = certification == null || !(certification.getValue() instanceof CodeableConcept cc) ? null
                    : code(cc, PasTerms.X12_CERTIFICATION_TYPE);
            String where = "Claim.item.extension('" + PasTerms.EXT_CERTIFICATION_TYPE + "')";
            if (code == null) {
                issues.add(where, "the certification type is required (" + PasTerms.X12_CERTIFICATION_TYPE
                        + ": I initial, R renewal)");
            } else if ("I".equals(code)) {
                request.put("requestType", "INITIAL");
            } else if ("R".equals(code)) {
                request.put("requestType", "RENEWAL");
            } else {
                issues.add(where, "certification type must be I (initial) or R (renewal)");
            }
        }
        if (claim.hasCreatedElement()) {
            if (claim.getCreatedElement().getPrecision().ordinal() < ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY.ordinal()) {
                issues.add("Claim.created", "must give a day");
            } else {
                request.put("requestDate", claim.getCreatedElement().getValueAsString().substring(0, 10));
            }
        }
        if (claim.hasPriority()) {
            String priority = code(claim.getPriority(), PasTerms.PROCESS_PRIORITY);
            if ("stat".equals(priority)) {
                request.put("urgency", "EXPEDITED");
            } else if ("normal".equals(priority)) {
                request.put("urgency", "STANDARD");
            } else {
                issues.add("Claim.priority", "must be stat or normal (" + PasTerms.PROCESS_PRIORITY + ")");
            }
        }
        String type = claim.hasType() ? code(claim.getType(), PasTerms.CLAIM_TYPE) : null;
        if ("pharmacy".equals(type)) {
            request.put("benefit", "PHARMACY");
        } else if ("professional".equals(type) || "institutional".equals(type)) {
            request.put("benefit", "MEDICAL");
        } else {
            issues.add("Claim.type", "must be pharmacy (pharmacy benefit), professional or institutional (medical benefit) ("
                    + PasTerms.CLAIM_TYPE + ")");
        }
        claim.getRelated().stream()
                .filter(r -> r.hasReference() && r.getReference().hasValue()
                        && code(r.getRelationship(), PasTerms.RELATED_CLAIM) != null
                        && "prior".equals(code(r.getRelationship(), PasTerms.RELATED_CLAIM)))
                .findFirst().ifPresent(r -> request.put("previousAuthorizationId", r.getReference().getValue()));
    }

    private static boolean isMemberId(Identifier identifier) {
        return PasTerms.MEMBER_ID_SYSTEM.equals(identifier.getSystem()) || identifier.getType().getCoding().stream()
                .anyMatch(c -> PasTerms.V2_0203.equals(c.getSystem()) && "MB".equals(c.getCode()));
    }

    private static void weight(Bundle bundle, ObjectNode member, OperationOutcomes.Issues issues) {
        List<Observation> weights = all(bundle, Observation.class).stream()
                .filter(o -> o.getCode().getCoding().stream().anyMatch(c -> PasTerms.LOINC.equals(c.getSystem())
                        && PasTerms.LOINC_BODY_WEIGHT.equals(c.getCode())))
                .toList();
        if (weights.size() > 1) {
            issues.add("Observation", "at most one body-weight Observation (LOINC 29463-7)");
        } else if (weights.size() == 1) {
            Observation o = weights.get(0);
            if (!o.hasValueQuantity() || !o.getValueQuantity().hasValue()) {
                issues.add("Observation.value", "body weight must be a valueQuantity");
            } else if (!isUnit(o.getValueQuantity(), "kg")) {
                issues.add("Observation.valueQuantity", "body weight must be in kg (UCUM)");
            } else {
                member.set("weightKg", number(o.getValueQuantity().getValue()));
            }
        }
    }

    private static Coverage coverage(Bundle bundle, Claim claim, OperationOutcomes.Issues issues) {
        Reference reference = claim.getInsurance().stream().map(Claim.InsuranceComponent::getCoverage).findFirst()
                .orElse(new Reference());
        return single(bundle, Coverage.class, reference, "Coverage", true, issues);
    }

    private static Practitioner practitioner(Bundle bundle, Claim claim, MedicationRequest prescription,
                                             OperationOutcomes.Issues issues) {
        Practitioner byClaim = resolve(bundle, claim.getProvider(), Practitioner.class);
        if (byClaim != null) {
            return byClaim;
        }
        Practitioner byRequest = prescription == null ? null : resolve(bundle, prescription.getRequester(), Practitioner.class);
        if (byRequest != null) {
            return byRequest;
        }
        return single(bundle, Practitioner.class, new Reference(), "Practitioner", true, issues);
    }

    private static Optional<String> name(Practitioner practitioner) {
        return practitioner.getName().stream().findFirst().map(n -> n.hasText() ? n.getText()
                : (n.getGivenAsSingleString() + " " + Optional.ofNullable(n.getFamily()).orElse("")).trim())
                .filter(s -> !s.isBlank());
    }

    private static void diagnosis(Bundle bundle, Claim claim, ObjectNode request, OperationOutcomes.Issues issues) {
        CodeableConcept code;
        String where;
        Claim.DiagnosisComponent first = claim.getDiagnosis().isEmpty() ? null : claim.getDiagnosis().get(0);
        if (first != null && first.hasDiagnosisCodeableConcept()) {
            code = first.getDiagnosisCodeableConcept();
            where = "Claim.diagnosis.diagnosisCodeableConcept";
        } else {
            Condition condition = single(bundle, Condition.class,
                    first != null && first.hasDiagnosisReference() ? first.getDiagnosisReference() : new Reference(),
                    "Condition", true, issues);
            if (condition == null) {
                return;
            }
            code = condition.getCode();
            where = "Condition.code";
        }
        String icd10 = code(code, PasTerms.ICD10CM);
        if (icd10 == null) {
            issues.add(where, code.hasCoding() ? "must be coded in ICD-10-CM (" + PasTerms.ICD10CM + "); found only "
                    + code.getCoding().stream().map(Coding::getSystem).distinct().collect(Collectors.joining(", "))
                    : "an ICD-10-CM coding is required (" + PasTerms.ICD10CM + ")");
        } else {
            request.putObject("diagnosis").put("icd10", icd10);
        }
    }

    private void prescription(Bundle bundle, MedicationRequest m, ObjectNode prescription, OperationOutcomes.Issues issues) {
        CodeableConcept medication = null;
        if (m.hasMedicationCodeableConcept()) {
            medication = m.getMedicationCodeableConcept();
        } else if (m.hasMedicationReference()) {
            Medication referenced = resolve(bundle, m.getMedicationReference(), Medication.class);
            medication = referenced == null ? null : referenced.getCode();
        }
        if (medication == null || medication.isEmpty()) {
            issues.add("MedicationRequest.medication", "the prescribed drug is required (RxNorm or NDC coding, or text)");
        } else {
            drug(medication, prescription, issues);
        }
        dose(m, prescription, issues);
        if (m.getDispenseRequest().hasQuantity()) {
            Quantity quantity = m.getDispenseRequest().getQuantity();
            if (!quantity.hasValue()) {
                issues.add("MedicationRequest.dispenseRequest.quantity", "needs a value (100 mg syringes)");
            } else {
                prescription.set("quantity", number(quantity.getValue()));
            }
        }
        if (m.getDispenseRequest().hasExpectedSupplyDuration()) {
            Duration supply = m.getDispenseRequest().getExpectedSupplyDuration();
            BigDecimal days = !supply.hasValue() ? null : isUnit(supply, "d") ? supply.getValue()
                    : isUnit(supply, "wk") ? supply.getValue().multiply(BigDecimal.valueOf(7)) : null;
            if (days == null) {
                issues.add("MedicationRequest.dispenseRequest.expectedSupplyDuration", "must be a value in d or wk (UCUM)");
            } else {
                prescription.set("daysSupply", number(days));
            }
        }
    }

    private void drug(CodeableConcept medication, ObjectNode prescription, OperationOutcomes.Issues issues) {
        String where = "MedicationRequest.medicationCodeableConcept";
        if (medication.hasText()) {
            prescription.put("drug", medication.getText());
        }
        String rxcui = code(medication, PasTerms.RXNORM);
        String ndc = code(medication, PasTerms.NDC);
        if (medication.hasCoding() && rxcui == null && ndc == null) {
            issues.add(where + ".coding", "the prescribed drug must be coded in RxNorm (" + PasTerms.RXNORM + ") or NDC ("
                    + PasTerms.NDC + ")");
            return;
        }
        if (rxcui != null) {
            prescription.put("rxcui", rxcui);
            if (!codes.rxcui(rxcui).map(CodeTables.DrugCode::ingredient).filter(KINERET_INGREDIENT::equals).isPresent()) {
                issues.add(where + ".coding.where(system='" + PasTerms.RXNORM + "')", codes.rxcui(rxcui).isPresent()
                        ? "the prescribed drug must be Kineret (anakinra); this RxCUI is another drug"
                        : "unknown RxCUI: not a Kineret (anakinra) concept of the RxNorm catalogue");
            }
        }
        if (ndc != null) {
            prescription.put("ndc", ndc);
            if (!codes.ndc(ndc).map(CodeTables.DrugCode::ingredient).filter(KINERET_INGREDIENT::equals).isPresent()) {
                issues.add(where + ".coding.where(system='" + PasTerms.NDC + "')", codes.ndc(ndc).isPresent()
                        ? "the prescribed drug must be Kineret (anakinra); this NDC is another drug"
                        : "unknown NDC: not a Kineret (anakinra) package of the NDC catalogue");
            }
        }
    }

    private static void dose(MedicationRequest m, ObjectNode prescription, OperationOutcomes.Issues issues) {
        String where = "MedicationRequest.dosageInstruction.doseAndRate";
        if (!m.hasDosageInstruction() || !m.getDosageInstructionFirstRep().hasDoseAndRate()) {
            return;
        }
        Dosage dosage = m.getDosageInstructionFirstRep();
        Dosage.DosageDoseAndRateComponent doseAndRate = dosage.getDoseAndRateFirstRep();
        if (doseAndRate.hasRateQuantity()) {
            Quantity rate = doseAndRate.getRateQuantity();
            if (rate.hasValue() && isUnit(rate, "mg/d")) {
                prescription.set("dosePerDayMg", number(rate.getValue()));
            } else {
                issues.add(where + ".rateQuantity", "must be a value in mg/d (UCUM)");
            }
            return;
        }
        if (!doseAndRate.hasDoseQuantity() || !doseAndRate.getDoseQuantity().hasValue()
                || !isUnit(doseAndRate.getDoseQuantity(), "mg")) {
            issues.add(where + ".doseQuantity", "must be a value in mg (UCUM), or give rateQuantity in mg/d");
            return;
        }
        Timing.TimingRepeatComponent repeat = dosage.getTiming().getRepeat();
        BigDecimal periodDays = !repeat.hasPeriod() || !repeat.hasPeriodUnit() ? null : switch (repeat.getPeriodUnit()) {
            case H -> repeat.getPeriod().divide(BigDecimal.valueOf(24), MathContext.DECIMAL64);
            case D -> repeat.getPeriod();
            case WK -> repeat.getPeriod().multiply(BigDecimal.valueOf(7));
            default -> null;
        };
        if (periodDays == null || periodDays.signum() <= 0) {
            issues.add("MedicationRequest.dosageInstruction.timing.repeat", "frequency per period (h, d or wk) is required "
                    + "to give the dose per day");
            return;
        }
        BigDecimal frequency = BigDecimal.valueOf(repeat.hasFrequency() ? repeat.getFrequency() : 1);
        prescription.set("dosePerDayMg", number(doseAndRate.getDoseQuantity().getValue().multiply(frequency)
                .divide(periodDays, MathContext.DECIMAL64)));
    }

    private static boolean isUnit(Quantity quantity, String ucum) {
        return ucum.equals(quantity.getCode()) && (!quantity.hasSystem() || PasTerms.UCUM.equals(quantity.getSystem()));
    }

    /** A whole number as an integer node (the JSON API refuses 28.0 for a count), anything else as a decimal. */
    private static JsonNode number(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
            return JsonNodeFactory.instance.numberNode(stripped.intValueExact());
        }
        return JsonNodeFactory.instance.numberNode(stripped.scale() < 0 ? stripped.setScale(0) : stripped);
    }

    /** @return the code of the first coding of that system, or null */
    static String code(CodeableConcept concept, String system) {
        return concept == null ? null : concept.getCoding().stream().filter(c -> system.equals(c.getSystem()) && c.hasCode())
                .map(Coding::getCode).findFirst().orElse(null);
    }

    static <T extends Resource> List<T> all(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance)
                .map(type::cast).toList();
    }

    /** The resource a reference points to inside the Bundle (by fullUrl, or by type and id), or null. */
    static <T extends Resource> T resolve(Bundle bundle, Reference reference, Class<T> type) {
        if (reference == null || !reference.hasReference()) {
            return null;
        }
        String ref = reference.getReference();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            IBaseResource r = entry.getResource();
            if (!type.isInstance(r)) {
                continue;
            }
            String typeAndId = r.getIdElement().hasIdPart() ? ((Resource) r).fhirType() + "/" + r.getIdElement().getIdPart() : null;
            if (ref.equals(entry.getFullUrl()) || ref.equals(typeAndId)
                    || (typeAndId != null && ref.endsWith("/" + typeAndId))) {
                return type.cast(r);
            }
        }
        return null;
    }

    /**
     * The resource of a kind: the one the reference points to, else the only one of its type in the Bundle.
     *
     * @param required whether its absence is an issue
     */
    private static <T extends Resource> T single(Bundle bundle, Class<T> type, Reference reference, String name,
                                                 boolean required, OperationOutcomes.Issues issues) {
        T referenced = resolve(bundle, reference, type);
        if (referenced != null) {
            return referenced;
        }
        List<T> found = all(bundle, type);
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.isEmpty() && required) {
            issues.add("Bundle.entry.resource.ofType(" + name + ")", "a " + name + " is required");
        } else if (found.size() > 1) {
            issues.add("Bundle.entry.resource.ofType(" + name + ")", "more than one " + name
                    + " and none referenced from the Claim");
        }
        return null;
    }
}
