package com.healthplan.pa.kineret.authorization;

import com.healthplan.pa.kineret.api.Problems;
import java.util.List;

/** Missing or invalid query parameters of the authorization API (HTTP 400 with {@code errors: [{field, message}]}). */
public class InvalidParametersException extends RuntimeException {

    private final transient List<Problems.FieldError> errors;

    /**
     * @param detail explanation for the problem's {@code detail}
     * @param errors one entry per invalid parameter ({@code field} is the parameter name)
     */
    public InvalidParametersException(String detail, List<Problems.FieldError> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    /** @return the field errors */
    public List<Problems.FieldError> errors() {
        return errors;
    }
}
