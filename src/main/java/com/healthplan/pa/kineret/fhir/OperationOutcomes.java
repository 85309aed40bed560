package com.healthplan.pa.kineret.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * OperationOutcome resources (FHIR R4 {@code OperationOutcome}) for the errors of {@code /fhir}: one issue per
 * problem, with the FHIRPath {@code expression} of the element at fault where it is known. Like the intake API's
 * problem details, diagnostics name elements and fields, never the values sent (they may be PHI).
 */
public final class OperationOutcomes {

    /** FHIR media type of the JSON answers. */
    public static final String FHIR_JSON = "application/fhir+json";

    private OperationOutcomes() {
    }

    /**
     * One problem of a request.
     *
     * @param expression  FHIRPath of the element at fault (e.g. {@code Condition.code}), or null
     * @param diagnostics what is wrong, in plain words
     */
    public record Issue(String expression, String diagnostics) { }

    /** Issues collected while a request is read; {@link #throwIfAny} ends the reading with a 400. */
    public static final class Issues {
        private final List<Issue> list = new ArrayList<>();

        /** Adds an issue. */
        public void add(String expression, String diagnostics) {
            list.add(new Issue(expression, diagnostics));
        }

        /** @return true when nothing was added */
        public boolean isEmpty() {
            return list.isEmpty();
        }

        /**
         * @param summary what the issues mean together, e.g. {@code The PAS request Bundle cannot be read}
         * @throws InvalidRequestException (400) with every issue, when there is any
         */
        public void throwIfAny(String summary) {
            if (!list.isEmpty()) {
                throw invalid(summary, list);
            }
        }
    }

    /**
     * @param issues the problems (at least one)
     * @return an OperationOutcome with one {@code error} issue of type {@code invalid} per problem
     */
    public static OperationOutcome invalidOutcome(List<Issue> issues) {
        OperationOutcome outcome = new OperationOutcome();
        for (Issue issue : issues) {
            var i = outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.INVALID)
                    .setDiagnostics(issue.diagnostics());
            if (issue.expression() != null) {
                i.addExpression(issue.expression());
            }
        }
        return outcome;
    }

    /** @return a 400 whose body is the OperationOutcome of the issues; the summary is the exception's message */
    public static InvalidRequestException invalid(String summary, List<Issue> issues) {
        return new InvalidRequestException(summary, invalidOutcome(issues));
    }

    /**
     * @param severity the issue's severity
     * @param type     the issue type (e.g. {@code login}, {@code forbidden}, {@code not-found})
     * @param text     diagnostics
     * @return an OperationOutcome with that single issue
     */
    public static OperationOutcome single(IssueSeverity severity, IssueType type, String text) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(severity).setCode(type).setDiagnostics(text);
        return outcome;
    }

    /** Diagnostics of the 503 answered while the database is unreachable (nothing was stored). */
    public static final String DATABASE_UNREACHABLE = "The database is unreachable; nothing was stored. Retry later.";

    /**
     * @return the 503 of the FHIR server while the database is unreachable, with {@code Retry-After: 30}; nothing was
     *     stored
     */
    public static UnclassifiedServerFailureException databaseUnreachable() {
        UnclassifiedServerFailureException unavailable = new UnclassifiedServerFailureException(503, DATABASE_UNREACHABLE);
        unavailable.addResponseHeader("Retry-After", "30");
        return unavailable;
    }

    /**
     * Writes an OperationOutcome as the whole answer, outside the FHIR server (the 401, 403 and 503 of access control).
     *
     * @param status HTTP status
     * @param type   issue type ({@code login} for 401, {@code forbidden} for 403, {@code transient} for 503)
     * @param text   diagnostics
     * @throws IOException when the answer cannot be written
     */
    public static void write(HttpServletResponse response, FhirContext fhir, int status, IssueType type, String text)
            throws IOException {
        response.setStatus(status);
        response.setContentType(FHIR_JSON);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(fhir.newJsonParser()
                .encodeResourceToString(single(IssueSeverity.ERROR, type, text)).getBytes(StandardCharsets.UTF_8));
    }
}
