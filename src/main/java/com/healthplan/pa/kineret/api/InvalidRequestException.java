package com.healthplan.pa.kineret.api;

import java.util.List;

/** A request body that cannot be accepted (HTTP 400 with field errors, {@code spec/API.md}). */
public class InvalidRequestException extends RuntimeException {
    private final transient List<Problems.FieldError> errors;

    /**
     * @param detail explanation for the problem's {@code detail}
     * @param errors one entry per invalid field
     */
    public InvalidRequestException(String detail, List<Problems.FieldError> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    /** @return the field errors */
    public List<Problems.FieldError> errors() {
        return errors;
    }
}
