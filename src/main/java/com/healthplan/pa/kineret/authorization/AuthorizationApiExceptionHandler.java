package com.healthplan.pa.kineret.authorization;

import com.healthplan.pa.kineret.api.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problems ({@code application/problem+json}, RFC 9457) of {@link AuthorizationController}: 400 with field errors
 * for invalid query parameters, 404 for an unknown authorization or renewal notice. Ordered before the intake API's
 * {@code ApiExceptionHandler}, which still answers everything else (503, 500, Spring MVC's own errors).
 */
@RestControllerAdvice(assignableTypes = AuthorizationController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AuthorizationApiExceptionHandler {

    /** @return 400 ({@code invalid-request}) listing the invalid parameters */
    @ExceptionHandler(InvalidParametersException.class)
    public ResponseEntity<ProblemDetail> invalid(InvalidParametersException e) {
        ProblemDetail p = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request parameters",
                e.getMessage());
        p.setProperty("errors", e.errors());
        return problem(p);
    }

    /** @return 404 ({@code not-found}) */
    @ExceptionHandler(AuthorizationNotFoundException.class)
    public ResponseEntity<ProblemDetail> notFound(AuthorizationNotFoundException e) {
        return problem(Problems.of(HttpStatus.NOT_FOUND, "not-found", e.title(), e.getMessage()));
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
