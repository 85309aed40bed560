package com.healthplan.pa.kineret.fhir;

import ca.uhn.fhir.context.FhirContext;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRequest;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.assertj.core.api.Assertions;
import org.hl7.fhir.r4.model.Questionnaire;
import org.junit.jupiter.api.Test;

/**
 * The Questionnaire data file against the intake request model: every item's {@code definition} names a field of
 * {@link PriorAuthorizationRequest} ({@code []} a list), every choice item offers exactly that field's enum values in
 * {@link PasTerms#ANSWERS}, and a drug or vaccine item's code fields ({@code rxcui}, {@code ndc}, {@code cvx}) exist
 * beside its name.
 */
class PasQuestionnaireTest {

    private final PasQuestionnaire questionnaire = new PasQuestionnaire(FhirContext.forR4Cached());

    @Test
    void everyDefinitionNamesAFieldOfTheRequestAndEveryChoiceItsValues() {
        Questionnaire q = questionnaire.questionnaire();
        Assertions.assertThat(q.getUrl()).isEqualTo(PasTerms.QUESTIONNAIRE_URL);
        Assertions.assertThat(q.getIdElement().getIdPart()).isEqualTo(PasTerms.QUESTIONNAIRE_ID);
        List<Questionnaire.QuestionnaireItemComponent> items = new ArrayList<>();
        collect(q.getItem(), items);
        int defined = 0;
        for (Questionnaire.QuestionnaireItemComponent item : items) {
            String field = questionnaire.fields().get(item.getLinkId());
            if (field == null) {
                Assertions.assertThat(item.getType()).as(item.getLinkId() + " without definition")
                        .isEqualTo(Questionnaire.QuestionnaireItemType.GROUP);
                continue;
            }
            defined++;
            Type type = typeOf(field);
            if (field.endsWith("[]")) {
                Assertions.assertThat(item.getRepeats()).as(item.getLinkId() + " repeats").isTrue();
            }
            if (item.getType() == Questionnaire.QuestionnaireItemType.CHOICE) {
                Assertions.assertThat(type).as(field).isInstanceOf(Class.class);
                Class<?> enumType = (Class<?>) type;
                Assertions.assertThat(enumType.isEnum()).as(field + " is an enum").isTrue();
                Assertions.assertThat(new TreeSet<>(item.getAnswerOption().stream().map(o -> o.getValueCoding().getCode()).toList()))
                        .as(field).isEqualTo(new TreeSet<>(Arrays.stream(enumType.getEnumConstants()).map(Object::toString).toList()));
                Assertions.assertThat(item.getAnswerOption()).allMatch(o -> PasTerms.ANSWERS.equals(o.getValueCoding().getSystem()));
            }
            if (item.getType() == Questionnaire.QuestionnaireItemType.OPENCHOICE) {
                String parent = field.substring(0, field.lastIndexOf('.'));
                List<String> codes = "safety.plannedVaccines[]".equals(parent) ? List.of("cvx") : List.of("rxcui", "ndc");
                codes.forEach(code -> Assertions.assertThat(typeOf(parent + "." + code)).as(parent + "." + code)
                        .isEqualTo(String.class));
            }
        }
        Assertions.assertThat(defined).isGreaterThanOrEqualTo(20);
    }

    @Test
    void fieldsOfValidationErrorsPointBackToTheirItems() {
        Map<String, String> expected = Map.of("safety.tbScreening", "tb-screening",
                "therapyHistory[1].outcome", "therapy-outcome", "therapyHistory[0].rxcui", "therapy-drug",
                "safety.plannedVaccines[2].cvx", "planned-vaccine-vaccine", "clinicalResponse", "clinical-response");
        expected.forEach((field, linkId) -> Assertions.assertThat(questionnaire.linkIdOf(field)).as(field).isEqualTo(linkId));
        Assertions.assertThat(questionnaire.linkIdOf("member.id")).isNull();
    }

    private static void collect(List<Questionnaire.QuestionnaireItemComponent> items,
                                List<Questionnaire.QuestionnaireItemComponent> out) {
        for (Questionnaire.QuestionnaireItemComponent item : items) {
            out.add(item);
            collect(item.getItem(), out);
        }
    }

    /** The Java type a request field path leads to ({@code []}: the list's element type). */
    private static Type typeOf(String field) {
        Type type = PriorAuthorizationRequest.class;
        for (String part : field.split("\\.")) {
            boolean list = part.endsWith("[]");
            String name = list ? part.substring(0, part.length() - 2) : part;
            Class<?> owner = (Class<?>) type;
            RecordComponent component = Arrays.stream(owner.getRecordComponents()).filter(c -> c.getName().equals(name))
                    .findFirst().orElseThrow(() -> new AssertionError("no field " + name + " in " + owner.getSimpleName()
                            + " (" + field + ")"));
            type = component.getGenericType();
            if (list) {
                Assertions.assertThat(component.getType()).as(field).isEqualTo(List.class);
                type = ((ParameterizedType) type).getActualTypeArguments()[0];
            }
        }
        return type;
    }
}
