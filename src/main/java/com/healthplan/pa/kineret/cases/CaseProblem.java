package com.healthplan.pa.kineret.cases;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a request on the case file cannot be carried out: the small vocabulary every layer throws and that the API
 * turns into {@code application/problem+json} (RFC 9457, {@code spec/API.md} "Errors"). Each problem carries the
 * last segment of its type URI ({@code not-found}, {@code invalid-request}, …), a title that does not change between
 * occurrences, the detail of this occurrence as message, and extra members of the problem body. Messages never
 * quote request data beyond ids.
 * <ul>
 *   <li>{@link NotFound}: no such case, authorization or notice, or one the caller may not see (404)</li>
 *   <li>{@link InvalidRequest}: a body or parameters that cannot be accepted, with field errors (400)</li>
 *   <li>{@link Conflict}: the request contradicts what is stored, e.g. a requestId used again (409)</li>
 *   <li>{@link NotAllowed}: the case's state does not allow the action (409)</li>
 * </ul>
 */
public abstract sealed class CaseProblem extends RuntimeException
        permits CaseProblem.NotFound, CaseProblem.InvalidRequest, CaseProblem.Conflict, CaseProblem.NotAllowed {

    private static final long serialVersionUID = 1L;

    private final String type;
    private final String title;
    private final transient Map<String, Object> properties;

    private CaseProblem(String type, String title, String detail, Map<String, Object> properties) {
        super(detail);
        this.type = type;
        this.title = title;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** @return the last segment of the problem type URI, e.g. {@code not-found} */
    public String type() {
        return type;
    }

    /** @return the problem title */
    public String title() {
        return title;
    }

    /** @return extra members of the problem body in order (values may be null) */
    public Map<String, Object> properties() {
        return properties;
    }

    /** One invalid field or parameter: a JSON path such as {@code member.dateOfBirth} or a parameter name. */
    public record FieldError(String field, String message) { }

    /** Something that does not exist or that the caller may not see (type {@code not-found}). */
    public static final class NotFound extends CaseProblem {
        private static final long serialVersionUID = 1L;

        /**
         * @param title  e.g. {@code Case not found}, {@code Authorization not found}
         * @param detail what was looked for
         */
        public NotFound(String title, String detail) {
            super("not-found", title, detail, Map.of());
        }

        /** @return a missing or invisible case: title {@code Case not found} */
        public static NotFound ofCase(String detail) {
            return new NotFound("Case not found", detail);
        }
    }

    /** A body or parameters that cannot be accepted (type {@code invalid-request}, member {@code errors}). */
    public static final class InvalidRequest extends CaseProblem {
        private static final long serialVersionUID = 1L;

        /** Title of an invalid request body. */
        public static final String BODY_TITLE = "Invalid prior-authorization request";
        /** Title of invalid query parameters. */
        public static final String PARAMETERS_TITLE = "Invalid request parameters";

        private final transient List<FieldError> errors;

        /**
         * @param title  {@link #BODY_TITLE} or {@link #PARAMETERS_TITLE}
         * @param detail explanation for the problem's {@code detail}
         * @param errors one entry per invalid field or parameter
         */
        public InvalidRequest(String title, String detail, List<FieldError> errors) {
            super("invalid-request", title, detail, Map.of("errors", List.copyOf(errors)));
            this.errors = List.copyOf(errors);
        }

        /** An invalid request body ({@link #BODY_TITLE}). */
        public InvalidRequest(String detail, List<FieldError> errors) {
            this(BODY_TITLE, detail, errors);
        }

        /** @return the field errors */
        public List<FieldError> errors() {
            return errors;
        }
    }

    /** The request contradicts what is stored. */
    public static final class Conflict extends CaseProblem {
        private static final long serialVersionUID = 1L;

        /**
         * @param type       problem type, e.g. {@code request-id-conflict}
         * @param title      problem title
         * @param detail     explanation of this occurrence
         * @param properties extra members of the problem body (values may be null)
         */
        public Conflict(String type, String title, String detail, Map<String, Object> properties) {
            super(type, title, detail, properties);
        }
    }

    /** The case's state does not allow the action; subclasses name the kind of action. */
    public static non-sealed class NotAllowed extends CaseProblem {
        private static final long serialVersionUID = 1L;

        /**
         * @param type   problem type, e.g. {@code action-not-allowed}
         * @param title  problem title
         * @param detail the case's state and why it does not allow the action
         */
        public NotAllowed(String type, String title, String detail) {
            super(type, title, detail, Map.of());
        }
    }
}
