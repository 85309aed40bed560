package com.healthplan.pa.kineret.api;

import com.healthplan.pa.kineret.intake.AdditionalInformationService;
import com.healthplan.pa.kineret.intake.RequestConflictException;
import com.healthplan.pa.kineret.process.CaseActionsService;
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
 * Maps intake API failures to {@code application/problem+json} (RFC 9457): 400 with field errors, 404, 409,
 * 503 with {@code Retry-After} when the database is unreachable, and 500 without internals for anything else.
 * Spring MVC's own errors (415, 405, 406, …) come as problem details from the base class.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);
    /** Seconds a client should wait before retrying after a 503. */
    static final String RETRY_AFTER_SECONDS = "30";

    /** @return 400 with the field errors */
    @ExceptionHandler(InvalidRequestException.class)
    public ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
        return problem(Problems.invalid(e.getMessage(), e.errors()));
    }

    /** @return 404 */
    @ExceptionHandler(PriorAuthorizationController.CaseNotFoundException.class)
    public ResponseEntity<ProblemDetail> notFound(PriorAuthorizationController.CaseNotFoundException e) {
        return problem(Problems.of(HttpStatus.NOT_FOUND, "not-found", "Case not found", e.getMessage()));
    }

    /** @return 409 naming the existing case */
    @ExceptionHandler(RequestConflictException.class)
    public ResponseEntity<ProblemDetail> conflict(RequestConflictException e) {
        ProblemDetail p = Problems.of(HttpStatus.CONFLICT, "request-id-conflict", "requestId already used",
                e.getMessage() + "; send a new requestId for a new request");
        p.setProperty("requestId", e.requestId());
        p.setProperty("existingId", e.existingCaseId());
        return problem(p);
    }

    /** @return 409: the case is not waiting for information */
    @ExceptionHandler(AdditionalInformationService.NotPendingException.class)
    public ResponseEntity<ProblemDetail> notPending(AdditionalInformationService.NotPendingException e) {
        return problem(Problems.of(HttpStatus.CONFLICT, "not-pending-information", "Case not waiting for information",
                e.getMessage()));
    }

    /** @return 409: the case's state does not allow the action (withdrawal, appeal) */
    @ExceptionHandler(CaseActionsService.ActionNotAllowedException.class)
    public ResponseEntity<ProblemDetail> actionNotAllowed(CaseActionsService.ActionNotAllowedException e) {
        return problem(Problems.of(HttpStatus.CONFLICT, "action-not-allowed", "Not allowed in the case's state", e.getMessage()));
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
