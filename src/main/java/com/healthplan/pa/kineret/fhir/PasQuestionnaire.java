package com.healthplan.pa.kineret.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.springframework.stereotype.Component;

/**
 * The policy's Questionnaire ({@code src/main/resources/fhir/questionnaire-kineret-pa.json}, served at
 * {@code GET /fhir/Questionnaire/kineret-pa-5-70-050}) and the extraction of a QuestionnaireResponse's answers into the
 * intake request (HL7 SDC, definition-based extraction). The data file is the mapping: each item's
 * {@code definition} ends in {@code #} and the intake request field it fills ({@code spec/API.md} field names, e.g.
 * {@code safety.tbScreening}; {@code []} marks a list, whose elements are the repetitions of a repeating group).
 *
 * <p>By item type: {@code choice} takes a {@code valueCoding} of {@link PasTerms#ANSWERS} that is one of the item's
 * answer options (the intake API's enum value); {@code boolean}, {@code decimal}, {@code integer}, {@code string} and
 * {@code text} the value of that type; {@code open-choice} (a drug or vaccine) a {@code valueString} (the name, into the
 * defined field) and/or codings, each into the field beside it named by its system (RxNorm → {@code rxcui}, NDC →
 * {@code ndc}, CVX → {@code cvx}), only of the systems of the item's {@code answerValueSet}. Anything else is an
 * issue (400): a linkId the Questionnaire does not have, or not under that group, an answer of the wrong type, a code
 * of another system or not among the options, two answers to a question that takes one.
 */
@Component
public class PasQuestionnaire {

    /** The classpath resource of the Questionnaire. */
    public static final String RESOURCE = "fhir/questionnaire-kineret-pa.json";

    private static final String MEDICATION_CODES = "http://hl7.org/fhir/ValueSet/medication-codes";
    private static final String VACCINE_CODES = "http://hl7.org/fhir/ValueSet/vaccine-code";
    /** Coding system → the intake field beside the name that carries its code, per answer value set. */
    private static final Map<String, Map<String, String>> CODE_FIELDS = Map.of(
            MEDICATION_CODES, Map.of(PasTerms.RXNORM, "rxcui", PasTerms.NDC, "ndc"),
            VACCINE_CODES, Map.of(PasTerms.CVX, "cvx"));

    private final FhirContext fhir;
    private final String text;
    private final Questionnaire questionnaire;
    private final Map<String, QuestionnaireItemComponent> byLinkId = new LinkedHashMap<>();

    /**
     * @param fhir the FHIR R4 context
     * @throws IllegalStateException when the data file is missing, malformed, or gives two items one linkId
     */
    public PasQuestionnaire(FhirContext fhir) {
        this.fhir = fhir;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Questionnaire " + RESOURCE + " is not on the classpath");
            }
            this.text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.questionnaire = parse();
        index(questionnaire.getItem());
    }

    private Questionnaire parse() {
        return fhir.newJsonParser().setParserErrorHandler(new StrictErrorHandler()).parseResource(Questionnaire.class, text);
    }

    private void index(List<QuestionnaireItemComponent> items) {
        for (QuestionnaireItemComponent item : items) {
            if (byLinkId.put(item.getLinkId(), item) != null) {
                throw new IllegalStateException("Questionnaire " + RESOURCE + " has linkId " + item.getLinkId() + " twice");
            }
            index(item.getItem());
        }
    }

    /** @return a fresh copy of the Questionnaire (callers may change it) */
    public Questionnaire questionnaire() {
        return parse();
    }

    /** @return every linkId of the Questionnaire with the intake field it fills (null for a plain group), in order */
    public Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        byLinkId.forEach((linkId, item) -> fields.put(linkId, field(item)));
        return fields;
    }

    /**
     * @param field an intake field path with list indexes, e.g. {@code therapyHistory[2].outcome}
     * @return the linkId whose answer fills it, or null
     */
    public String linkIdOf(String field) {
        String plain = field.replaceAll("\\[[0-9]+]", "[]");
        for (Map.Entry<String, QuestionnaireItemComponent> e : byLinkId.entrySet()) {
            String f = field(e.getValue());
            if (f != null && !f.endsWith("[]") && (plain.equals(f) || codeFields(e.getValue()).stream()
                    .anyMatch(code -> plain.equals(sibling(f, code))))) {
                return e.getKey();
            }
        }
        return null;
    }

    /**
     * Writes the answers of a QuestionnaireResponse into the intake request.
     *
     * @param response the QuestionnaireResponse of the PAS request Bundle
     * @param request  the intake request being built (fields are added to it)
     * @param issues   where problems are recorded (FHIRPath expressions by linkId)
     */
    public void extract(QuestionnaireResponse response, ObjectNode request, OperationOutcomes.Issues issues) {
        items(response.getItem(), questionnaire.getItem(), request, "", issues);
    }

    private void items(List<QuestionnaireResponseItemComponent> answered, List<QuestionnaireItemComponent> allowed,
                       ObjectNode target, String base, OperationOutcomes.Issues issues) {
        Set<String> seen = new HashSet<>();
        for (QuestionnaireResponseItemComponent item : answered) {
            String linkId = item.getLinkId();
            String where = "QuestionnaireResponse.item.where(linkId='" + linkId + "')";
            QuestionnaireItemComponent question = allowed.stream().filter(q -> q.getLinkId().equals(linkId)).findFirst()
                    .orElse(null);
            if (question == null) {
                issues.add(where, byLinkId.containsKey(linkId)
                        ? "linkId is not an item of this group of Questionnaire " + PasTerms.QUESTIONNAIRE_URL
                        : "linkId is not an item of Questionnaire " + PasTerms.QUESTIONNAIRE_URL);
                continue;
            }
            if (!seen.add(linkId) && !question.getRepeats()) {
                issues.add(where, "item does not repeat");
                continue;
            }
            String field = field(question);
            if (question.getType() == Questionnaire.QuestionnaireItemType.GROUP) {
                if (!item.getAnswer().isEmpty()) {
                    issues.add(where, "a group has items, not answers");
                }
                if (field != null && field.endsWith("[]")) {
                    ObjectNode element = array(target, relative(field, base), issues, where).addObject();
                    items(item.getItem(), question.getItem(), element, field, issues);
                } else {
                    items(item.getItem(), question.getItem(), target, base, issues);
                }
                continue;
            }
            if (!item.getItem().isEmpty()) {
                issues.add(where, "a question's items are not read");
            }
            if (field == null || item.getAnswer().isEmpty()) {
                continue;
            }
            answer(question, item.getAnswer(), target, relative(field, base), where, issues);
        }
    }

    private void answer(QuestionnaireItemComponent question, List<QuestionnaireResponseItemAnswerComponent> answers,
                        ObjectNode target, String field, String where, OperationOutcomes.Issues issues) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (question.getType() == Questionnaire.QuestionnaireItemType.OPENCHOICE) {
            Map<String, String> codeFields = codeSystems(question);
            Set<String> written = new HashSet<>();
            for (QuestionnaireResponseItemAnswerComponent a : answers) {
                if (a.hasValueStringType()) {
                    if (written.add(field)) {
                        set(target, field, json.textNode(a.getValueStringType().getValue()), issues, where);
                    } else {
                        issues.add(where, "one name only");
                    }
                } else if (a.hasValueCoding()) {
                    Coding coding = a.getValueCoding();
                    String codeField = coding.getSystem() == null ? null : codeFields.get(coding.getSystem());
                    if (codeField == null) {
                        issues.add(where + ".answer.value", "code system must be one of " + codeFields.keySet());
                    } else if (!coding.hasCode()) {
                        issues.add(where + ".answer.value", "coding has no code");
                    } else if (written.add(sibling(field, codeField))) {
                        set(target, sibling(field, codeField), json.textNode(coding.getCode()), issues, where);
                    } else {
                        issues.add(where, "one code per code system only");
                    }
                } else {
                    issues.add(where + ".answer.value", "must be valueCoding or valueString");
                }
            }
            return;
        }
        if (answers.size() > 1) {
            issues.add(where, "takes one answer");
            return;
        }
        QuestionnaireResponseItemAnswerComponent a = answers.get(0);
        String value = where + ".answer.value";
        switch (question.getType()) {
            case CHOICE -> {
                if (!a.hasValueCoding()) {
                    issues.add(value, "must be valueCoding");
                } else if (!PasTerms.ANSWERS.equals(a.getValueCoding().getSystem())) {
                    issues.add(value, "code system must be " + PasTerms.ANSWERS);
                } else if (question.getAnswerOption().stream().noneMatch(o -> o.hasValueCoding()
                        && o.getValueCoding().getCode().equals(a.getValueCoding().getCode()))) {
                    issues.add(value, "not one of the item's answer options");
                } else {
                    set(target, field, json.textNode(a.getValueCoding().getCode()), issues, where);
                }
            }
            case BOOLEAN -> {
                if (a.hasValueBooleanType()) {
                    set(target, field, json.booleanNode(a.getValueBooleanType().booleanValue()), issues, where);
                } else {
                    issues.add(value, "must be valueBoolean");
                }
            }
            case DECIMAL -> {
                if (a.hasValueDecimalType()) {
                    set(target, field, json.numberNode(a.getValueDecimalType().getValue()), issues, where);
                } else if (a.hasValueIntegerType()) {
                    set(target, field, json.numberNode(a.getValueIntegerType().getValue()), issues, where);
                } else {
                    issues.add(value, "must be valueDecimal");
                }
            }
            case INTEGER -> {
                if (a.hasValueIntegerType()) {
                    set(target, field, json.numberNode(a.getValueIntegerType().getValue()), issues, where);
                } else {
                    issues.add(value, "must be valueInteger");
                }
            }
            case STRING, TEXT -> {
                if (a.hasValueStringType()) {
                    set(target, field, json.textNode(a.getValueStringType().getValue()), issues, where);
                } else {
                    issues.add(value, "must be valueString");
                }
            }
            default -> issues.add(where, "item type " + question.getType().toCode() + " is not read");
        }
    }

    private static List<String> codeFields(QuestionnaireItemComponent item) {
        return List.copyOf(codeSystems(item).values());
    }

    /** @return coding system → intake field of its code, for an item's answer value set (none without one) */
    private static Map<String, String> codeSystems(QuestionnaireItemComponent item) {
        String valueSet = item.getAnswerValueSet();
        return valueSet == null ? Map.of() : CODE_FIELDS.getOrDefault(valueSet, Map.of());
    }

    /** @return the intake field of an item (after {@code #} of its definition), or null */
    private static String field(QuestionnaireItemComponent item) {
        String definition = item.getDefinition();
        int hash = definition == null ? -1 : definition.indexOf('#');
        return hash < 0 ? null : definition.substring(hash + 1);
    }

    private static String relative(String field, String base) {
        return base.isEmpty() ? field : field.substring(base.length() + 1);
    }

    private static String sibling(String field, String name) {
        int dot = field.lastIndexOf('.');
        return dot < 0 ? name : field.substring(0, dot + 1) + name;
    }

    private static ArrayNode array(ObjectNode target, String path, OperationOutcomes.Issues issues, String where) {
        String plain = path.substring(0, path.length() - 2);
        ObjectNode parent = parent(target, plain);
        String name = plain.substring(plain.lastIndexOf('.') + 1);
        JsonNode existing = parent.get(name);
        if (existing instanceof ArrayNode array) {
            return array;
        }
        if (existing != null) {
            issues.add(where, "answers the same field twice");
        }
        return parent.putArray(name);
    }

    private static void set(ObjectNode target, String path, JsonNode value, OperationOutcomes.Issues issues, String where) {
        ObjectNode parent = parent(target, path);
        String name = path.substring(path.lastIndexOf('.') + 1);
        if (parent.has(name)) {
            issues.add(where, "answers the same field twice");
            return;
        }
        parent.set(name, value);
    }

    private static ObjectNode parent(ObjectNode target, String path) {
        ObjectNode node = target;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = node.get(parts[i]);
            node = next instanceof ObjectNode object ? object : node.putObject(parts[i]);
        }
        return node;
    }
}
