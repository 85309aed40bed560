package com.healthplan.pa.kineret.api;

import com.healthplan.pa.kineret.cases.CaseProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where failures of {@code /api} (intake, cases, authorizations, renewal notices) become
 * {@code application/problem+json} (RFC 9457, {@code spec/API.md}): the case file's {@link CaseProblem}s (400 with
 * field errors, 404, 409), 503 with {@code Retry-After} when the database is unreachable, and 500 without internals
 * for anything else.
 * Spring MVC's own errors (415, 405, 406, …) come as problem details from the base class.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);
    /** Seconds a client should wait before retrying after a 503. */
    static final String RETRY_AFTER_SECONDS = "30";

    /**
     * @return the problem of the case file's vocabulary: 404 ({@link CaseProblem.NotFound}), 400 with field errors
     *     ({@link CaseProblem.InvalidRequest}), 409 ({@link CaseProblem.Conflict}, {@link CaseProblem.NotAllowed}),
     *     with the problem's type, title, detail and extra members
     */
    @ExceptionHandler(CaseProblem.class)
    public ResponseEntity<ProblemDetail> caseProblem(CaseProblem e) {
        ProblemDetail p = Problems.of(status(e), e.type(), e.title(), e.getMessage());
        e.properties().forEach(p::setProperty);
        return problem(p);
    }

    private static HttpStatus status(CaseProblem e) {
        if (e instanceof CaseProblem.NotFound) {
            return HttpStatus.NOT_FOUND;
        }
        if (e instanceof CaseProblem.InvalidRequest) {
            return HttpStatus.BAD_REQUEST;
        }
        return HttpStatus.CONFLICT;
    }

    /** @return 503 with Retry-After: nothing was stored */
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class})
    public ResponseEntity<ProblemDetail> databaseDown(Exception e) {
        LOG.warn("Database unreachable, request refused with 503: {}", e.getClass().getSimpleName());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable",
                        "The database is unreachable; nothing was stored. Retry later."));
    }

    /**
     * @return 500 without internals; the cause is logged with its classes and stack trace but without any
     *     exception message, which may quote request data (PHI), see {@link RedactedException}
     */
    @ExceptionHandler(RuntimeException.class)
    public ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
        LOG.error("Unexpected failure in the intake API", RedactedException.of(e));
        return problem(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The request could not be processed; it was not stored."));
    }

    /** Spring MVC's own problems (415, 405, 406, …) get a type URI of this API instead of {@code about:blank}. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail p && (p.getType() == null || "about:blank".equals(p.getType().toString()))) {
            p.setType(java.net.URI.create(Problems.TYPE_BASE + "http-" + status.value()));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
