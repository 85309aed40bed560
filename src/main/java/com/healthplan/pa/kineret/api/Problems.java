package com.healthplan.pa.kineret.api;

import java.net.URI;
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
}
