package com.healthplan.pa.kineret.api;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Problem details of the intake API ({@code application/problem+json}, RFC 9457): a {@code type} URI per kind of
 * problem, {@code title}, {@code status}, {@code detail} and, for validation, {@code errors: [{field, message}]}.
 */
public final class Problems {

    /** Base of the problem type URIs. */
    public static final String TYPE_BASE = "https://pa.healthplan.example/problems/";

    private Problems() {
    }

    /** One invalid field: a JSON path such as {@code member.dateOfBirth} or {@code therapyHistory[0].outcome}. */
    public record FieldError(String field, String message) { }

    /**
     * @param status HTTP status
     * @param type   last segment of the problem type URI, e.g. {@code invalid-request}
     * @param title  short summary that does not change between occurrences
     * @param detail explanation of this occurrence (never a stack trace)
     * @return the problem
     */
    public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create(TYPE_BASE + type));
        p.setTitle(title);
        return p;
    }

    /** @return a 400 problem listing the invalid fields */
    public static ProblemDetail invalid(String detail, List<FieldError> errors) {
        ProblemDetail p = of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid prior-authorization request", detail);
        p.setProperty("errors", errors);
        return p;
    }
}
