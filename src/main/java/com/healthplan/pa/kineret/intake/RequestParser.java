package com.healthplan.pa.kineret.intake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.healthplan.pa.kineret.cases.CaseProblem;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRequest;
import com.healthplan.pa.kineret.plan.PlanClock;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Parses and validates an intake request body strictly: malformed JSON, duplicate keys, wrong JSON types (no
 * coercion of {@code "100"} to a number), unknown enum values and impossible values (Bean Validation on
 * {@link PriorAuthorizationRequest}) all become an {@link CaseProblem.InvalidRequest} with field errors.
 * Unknown properties are ignored, so that clients may send fields added later (API.md: add only). A
 * {@code requestDate} after today (the plan's time zone, on the process engine's clock) is refused.
 */
@Component
public class RequestParser {

    private final ObjectMapper mapper;
    private final Validator validator;
    private final PlanClock clock;

    /**
     * @param objectMapper the application's mapper (java.time support), copied and made strict
     * @param clock        the engine's time in the plan's zone: "today" for {@code requestDate}
     */
    @SuppressWarnings("deprecation")
    public RequestParser(ObjectMapper objectMapper, Validator validator,
                         PlanClock clock) {
        this.validator = validator;
        this.clock = clock;
        this.mapper = objectMapper.copy()
                .configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
                .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
                .configure(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY, true)
                .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true)
                .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
        for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean,
                LogicalType.DateTime, LogicalType.Enum)) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.String, type == LogicalType.DateTime || type == LogicalType.Enum
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    /** A parsed and valid request with its JSON tree (the tree is what idempotency compares). */
    public record Parsed(JsonNode tree, PriorAuthorizationRequest request) { }

    /**
     * @param body the raw request body (UTF-8 text)
     * @return the parsed request
     * @throws CaseProblem.InvalidRequest with one field error per problem found
     */
    public Parsed parse(String body) {
        JsonNode tree;
        try {
            tree = body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new CaseProblem.InvalidRequest("Malformed JSON" + where,
                    List.of(new CaseProblem.FieldError("$", "malformed JSON" + where)));
        }
        if (tree == null || !tree.isObject()) {
            throw new CaseProblem.InvalidRequest("The body must be a JSON object",
                    List.of(new CaseProblem.FieldError("$", "must be a JSON object")));
        }
        PriorAuthorizationRequest request;
        try {
            request = mapper.treeToValue(tree, PriorAuthorizationRequest.class);
        } catch (JsonProcessingException e) {
            throw new CaseProblem.InvalidRequest("A field has the wrong type or an unknown value",
                    List.of(new CaseProblem.FieldError(path(e), typeMessage(e))));
        } catch (IllegalArgumentException e) {
            throw new CaseProblem.InvalidRequest("A field has the wrong type or an unknown value",
                    List.of(new CaseProblem.FieldError("$", "unreadable value")));
        }
        List<CaseProblem.FieldError> errors = new ArrayList<>();
        validator.validate(request).forEach(v -> errors.add(new CaseProblem.FieldError(field(v), v.getMessage())));
        collectNulCharacters(tree, "", errors);
        if (request.member() != null && request.member().dateOfBirth() != null && request.requestDate() != null
                && request.member().dateOfBirth().isAfter(request.requestDate())) {
            errors.add(new CaseProblem.FieldError("member.dateOfBirth", "must not be after requestDate"));
        }
        // a future requestDate would age the member (a 17-year-old made 18) and date the criteria ahead of receipt
        java.time.LocalDate today = clock.today();
        if (request.requestDate() != null && request.requestDate().isAfter(today)) {
            errors.add(new CaseProblem.FieldError("requestDate", "must not be in the future (today is " + today
                    + " in the plan's time zone)"));
        }
        errors.sort(Comparator.comparing(CaseProblem.FieldError::field).thenComparing(CaseProblem.FieldError::message));
        if (!errors.isEmpty()) {
            throw new CaseProblem.InvalidRequest(errors.size() + " field(s) are missing or invalid", errors);
        }
        return new Parsed(tree, request);
    }

    /** Text with U+0000 cannot be stored (PostgreSQL refuses it) and is never meaningful in a request. */
    private static void collectNulCharacters(JsonNode node, String path, List<CaseProblem.FieldError> errors) {
        if (node.isTextual() && node.textValue().indexOf('\u0000') >= 0) {
            errors.add(new CaseProblem.FieldError(path, "must not contain the NUL character"));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(f ->
                    collectNulCharacters(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), errors));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectNulCharacters(node.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    private static String field(ConstraintViolation<?> v) {
        return v.getPropertyPath().toString().replace(".<list element>", "").replace("<list element>", "");
    }

    private static String path(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return "$";
        }
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "$" : sb.toString();
    }

    private static String typeMessage(JsonProcessingException e) {
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            // never echo the value: it is request data and may be PHI (messages name fields, not values)
            return "unknown value; allowed: " + Arrays.stream(f.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "must be " + describe(m.getTargetType());
        }
        return "invalid value";
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type)) {
            return type == Integer.class ? "a whole number" : "a number";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        if (type == java.time.LocalDate.class) {
            return "an ISO-8601 date (YYYY-MM-DD)";
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "a JSON object";
    }
}
