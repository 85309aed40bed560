package com.healthplan.pa.kineret.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Timing;

/**
 * Translates an intake request of the JSON API (an acceptance case's {@code request}) into a Da Vinci PAS request
 * Bundle, field by field and generically: the fixed fields (README "FHIR (Da Vinci PAS)" mapping table) into Claim,
 * Patient, Coverage, Practitioner, Condition, MedicationRequest and the body-weight Observation, and every other
 * field into the QuestionnaireResponse item whose {@code definition} in the policy's Questionnaire
 * ({@code src/main/resources/fhir/questionnaire-kineret-pa.json}) names it. A field of the request that nothing
 * carries fails the translation ({@link AssertionError}), so that no case is submitted with less than it says.
 */
public final class PasBundles {

    public static final String BASE = "https://healthplan.example/fhir/kineret-pa";
    public static final String QUESTIONNAIRE_URL = BASE + "/Questionnaire/kineret-pa-5-70-050";
    public static final String ANSWERS = BASE + "/CodeSystem/kineret-pa-answers";
    public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public static final String NDC = "http://hl7.org/fhir/sid/ndc";
    public static final String CVX = "http://hl7.org/fhir/sid/cvx";
    public static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    public static final String NPI = "http://hl7.org/fhir/sid/us-npi";
    public static final String CERTIFICATION_TYPE =
            "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/extension-certificationType";
    private static final String UCUM = "http://unitsofmeasure.org";
    private static final Map<String, String> CODE_SYSTEMS = Map.of("rxcui", RXNORM, "ndc", NDC, "cvx", CVX);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode request;
    private final Set<String> used = new TreeSet<>();

    private PasBundles(JsonNode request) {
        this.request = request;
    }

    /**
     * @param request an intake request (JSON API shape)
     * @return the PAS request Bundle saying the same
     * @throws AssertionError when a field of the request has no place in the Bundle
     */
    public static Bundle fromRequest(JsonNode request) {
        PasBundles t = new PasBundles(request);
        Bundle bundle = t.translate();
        Set<String> left = new TreeSet<>(leaves(request, ""));
        left.removeAll(t.used);
        if (!left.isEmpty()) {
            throw new AssertionError("fields without a place in the PAS Bundle: " + left);
        }
        return bundle;
    }

    /** @return the policy's Questionnaire as JSON (the data file of the application) */
    public static JsonNode questionnaire() {
        try (InputStream in = PasBundles.class.getClassLoader().getResourceAsStream("fhir/questionnaire-kineret-pa.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode take(String path) {
        JsonNode node = request;
        for (String part : path.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        if (node == null || node.isNull()) {
            return null;
        }
        used.add(path);
        return node;
    }

    private Bundle translate() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        bundle.setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + UUID.randomUUID()));
        Claim claim = new Claim();
        claim.setStatus(Claim.ClaimStatus.ACTIVE).setUse(Claim.Use.PREAUTHORIZATION);
        claim.addIdentifier().setSystem("urn:example:intake-system").setValue(take("requestId").asText());
        JsonNode type = take("requestType");
        Claim.ItemComponent item = claim.addItem().setSequence(1);
        item.setProductOrService(new CodeableConcept().setText("Kineret (anakinra)"));
        if (type != null) {
            item.addExtension(CERTIFICATION_TYPE, new CodeableConcept(new Coding("https://codesystem.x12.org/005010/1322",
                    "INITIAL".equals(type.asText()) ? "I" : "R", null)));
        }
        JsonNode date = take("requestDate");
        if (date != null) {
            claim.setCreatedElement(new DateTimeType(date.asText()));
        }
        JsonNode urgency = take("urgency");
        if (urgency != null) {
            claim.setPriority(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/processpriority",
                    "EXPEDITED".equals(urgency.asText()) ? "stat" : "normal", null)));
        }
        JsonNode benefit = take("benefit");
        if (benefit != null) {
            claim.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/claim-type",
                    "PHARMACY".equals(benefit.asText()) ? "pharmacy" : "professional", null)));
        }
        JsonNode previous = take("previousAuthorizationId");
        if (previous != null) {
            claim.addRelated().setRelationship(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/ex-relatedclaimrelationship", "prior", null)))
                    .setReference(new Identifier().setValue(previous.asText()));
        }
        claim.setInsurer(new Reference().setDisplay("Health plan"));
        add(bundle, claim);

        Patient patient = new Patient();
        JsonNode memberId = take("member.id");
        if (memberId != null) {
            patient.addIdentifier().setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v2-0203",
                    "MB", null))).setSystem(BASE + "/sid/member-id").setValue(memberId.asText());
        }
        JsonNode birth = take("member.dateOfBirth");
        if (birth != null) {
            patient.setBirthDateElement(new DateType(birth.asText()));
        }
        claim.setPatient(add(bundle, patient));

        Coverage coverage = new Coverage().setStatus(Coverage.CoverageStatus.ACTIVE);
        coverage.setBeneficiary(claim.getPatient());
        if (memberId != null) {
            coverage.setSubscriberId(memberId.asText());
        }
        JsonNode plan = take("planOption");
        if (plan != null) {
            coverage.addClass_().setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/coverage-class",
                    "plan", null))).setValue(plan.asText());
        }
        claim.addInsurance().setSequence(1).setFocal(true).setCoverage(add(bundle, coverage));

        JsonNode weight = take("member.weightKg");
        if (weight != null) {
            Observation o = new Observation().setStatus(Observation.ObservationStatus.FINAL);
            o.setCode(new CodeableConcept(new Coding("http://loinc.org", "29463-7", "Body weight")));
            o.setSubject(claim.getPatient());
            o.setValue(new Quantity().setValue(weight.decimalValue()).setSystem(UCUM).setCode("kg").setUnit("kg"));
            add(bundle, o);
        }

        Practitioner practitioner = new Practitioner();
        JsonNode npi = take("prescriber.npi");
        if (npi != null) {
            practitioner.addIdentifier().setSystem(NPI).setValue(npi.asText());
        }
        JsonNode name = take("prescriber.name");
        if (name != null) {
            practitioner.addName().setText(name.asText());
        }
        claim.setProvider(add(bundle, practitioner));

        JsonNode icd10 = take("diagnosis.icd10");
        if (icd10 != null) {
            Condition condition = new Condition().setSubject(claim.getPatient());
            condition.setCode(new CodeableConcept(new Coding(ICD10CM, icd10.asText(), null)));
            claim.addDiagnosis().setSequence(1).setDiagnosis(add(bundle, condition));
        }

        MedicationRequest m = new MedicationRequest().setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE)
                .setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        m.setSubject(claim.getPatient()).setRequester(claim.getProvider());
        CodeableConcept drug = new CodeableConcept();
        JsonNode drugName = take("prescription.drug");
        if (drugName != null) {
            drug.setText(drugName.asText());
        }
        JsonNode rxcui = take("prescription.rxcui");
        if (rxcui != null) {
            drug.addCoding(new Coding(RXNORM, rxcui.asText(), null));
        }
        JsonNode ndc = take("prescription.ndc");
        if (ndc != null) {
            drug.addCoding(new Coding(NDC, ndc.asText(), null));
        }
        m.setMedication(drug);
        JsonNode dose = take("prescription.dosePerDayMg");
        if (dose != null) {
            Dosage dosage = m.addDosageInstruction();
            dosage.setTiming(new Timing().setRepeat(new Timing.TimingRepeatComponent().setFrequency(1)
                    .setPeriod(1).setPeriodUnit(Timing.UnitsOfTime.D)));
            dosage.addDoseAndRate().setDose(new Quantity().setValue(dose.decimalValue()).setSystem(UCUM).setCode("mg")
                    .setUnit("mg"));
        }
        JsonNode quantity = take("prescription.quantity");
        if (quantity != null) {
            m.getDispenseRequest().setQuantity(new Quantity().setValue(quantity.decimalValue()).setUnit("syringe"));
        }
        JsonNode days = take("prescription.daysSupply");
        if (days != null) {
            Duration supply = new Duration();
            supply.setValue(days.decimalValue()).setSystem(UCUM).setCode("d").setUnit("days");
            m.getDispenseRequest().setExpectedSupplyDuration(supply);
        }
        claim.setPrescription(add(bundle, m));

        QuestionnaireResponse response = new QuestionnaireResponse().setQuestionnaire(QUESTIONNAIRE_URL)
                .setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        response.setSubject(claim.getPatient());
        response.getItem().addAll(items(questionnaire().get("item"), request, "", ""));
        if (response.hasItem()) {
            claim.addSupportingInfo().setSequence(1).setCategory(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/claiminformationcategory", "info", null)))
                    .setValue(add(bundle, response));
        }
        return bundle;
    }

    /** The answers of the Questionnaire's items, read from {@code node} (the request or one list element). */
    private List<QuestionnaireResponse.QuestionnaireResponseItemComponent> items(JsonNode questions, JsonNode node,
                                                                                 String base, String pointer) {
        List<QuestionnaireResponse.QuestionnaireResponseItemComponent> out = new ArrayList<>();
        for (JsonNode q : questions) {
            String linkId = q.get("linkId").asText();
            String field = q.has("definition") ? q.get("definition").asText().replaceFirst("^[^#]*#", "") : null;
            String relative = field == null ? null : base.isEmpty() ? field : field.substring(base.length() + 1);
            if ("group".equals(q.get("type").asText())) {
                if (field != null && field.endsWith("[]")) {
                    String list = relative.substring(0, relative.length() - 2);
                    JsonNode array = at(node, list);
                    if (array != null && array.isArray()) {
                        for (int i = 0; i < array.size(); i++) {
                            var group = new QuestionnaireResponse.QuestionnaireResponseItemComponent().setLinkId(linkId);
                            group.getItem().addAll(items(q.get("item"), array.get(i), field,
                                    join(pointer, list) + "[" + i + "]"));
                            out.add(group);
                        }
                        if (array.isEmpty()) {
                            used.add(join(pointer, list));
                        }
                    }
                } else {
                    var children = items(q.get("item"), node, base, pointer);
                    if (!children.isEmpty()) {
                        var group = new QuestionnaireResponse.QuestionnaireResponseItemComponent().setLinkId(linkId);
                        group.getItem().addAll(children);
                        out.add(group);
                    }
                }
                continue;
            }
            var answers = answers(q, node, relative, pointer);
            if (!answers.isEmpty()) {
                var item = new QuestionnaireResponse.QuestionnaireResponseItemComponent().setLinkId(linkId);
                item.getAnswer().addAll(answers);
                out.add(item);
            }
        }
        return out;
    }

    private List<QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent> answers(JsonNode q, JsonNode node,
                                                                                          String relative, String pointer) {
        List<QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent> answers = new ArrayList<>();
        String type = q.get("type").asText();
        if ("open-choice".equals(type)) {
            if (node.isTextual() && !relative.contains(".")) {
                // the string form of a list element ("methotrexate"): its name
                answers.add(answer(new StringType(node.asText())));
                used.add(pointer);
                return answers;
            }
            JsonNode name = at(node, relative);
            if (name != null && !name.isNull()) {
                answers.add(answer(new StringType(name.asText())));
                used.add(join(pointer, relative));
            }
            String parent = relative.contains(".") ? relative.substring(0, relative.lastIndexOf('.') + 1) : "";
            for (Map.Entry<String, String> code : CODE_SYSTEMS.entrySet()) {
                JsonNode value = at(node, parent + code.getKey());
                if (value != null && !value.isNull()) {
                    answers.add(answer(new Coding(code.getValue(), value.asText(), null)));
                    used.add(join(pointer, parent + code.getKey()));
                }
            }
            return answers;
        }
        JsonNode value = at(node, relative);
        if (value == null || value.isNull()) {
            return answers;
        }
        used.add(join(pointer, relative));
        switch (type) {
            case "choice" -> answers.add(answer(new Coding(ANSWERS, value.asText(), null)));
            case "boolean" -> answers.add(answer(new BooleanType(value.asBoolean())));
            case "decimal" -> answers.add(answer(new DecimalType(value.decimalValue())));
            case "integer" -> answers.add(answer(new IntegerType(value.asInt())));
            default -> answers.add(answer(new StringType(value.asText())));
        }
        return answers;
    }

    private static QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent answer(org.hl7.fhir.r4.model.Type value) {
        return new QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent().setValue(value);
    }

    private static JsonNode at(JsonNode node, String path) {
        JsonNode n = node;
        for (String part : path.split("\\.")) {
            n = n == null ? null : n.get(part);
        }
        return n;
    }

    private static String join(String pointer, String relative) {
        return pointer.isEmpty() ? relative : pointer + "." + relative;
    }

    private static Reference add(Bundle bundle, Resource resource) {
        String fullUrl = "urn:uuid:" + UUID.randomUUID();
        bundle.addEntry().setFullUrl(fullUrl).setResource(resource);
        return new Reference(fullUrl);
    }

    /** Leaf paths of a JSON tree ({@code a.b}, list elements {@code a[0].b}); an empty list is a leaf, an empty object none. */
    private static List<String> leaves(JsonNode node, String path) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (!f.getValue().isNull()) {
                    out.addAll(leaves(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey()));
                }
            }
        } else if (node.isArray() && !node.isEmpty()) {
            for (int i = 0; i < node.size(); i++) {
                out.addAll(leaves(node.get(i), path + "[" + i + "]"));
            }
        } else {
            out.add(path);
        }
        return out;
    }
}
