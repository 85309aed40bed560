package com.healthplan.pa.kineret.fhir.subscription;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * FHIR R4 {@code OperationOutcome}s (FHIR R4 operationoutcome.html) for the answers of {@code /fhir}: one issue of
 * severity {@code error} with an issue type code and a plain-language diagnostics text. Never quotes request data.
 */
public final class OperationOutcomes {

    private OperationOutcomes() {
    }

    /**
     * @param type        the issue type ({@code invalid}, {@code not-found}, {@code security}, {@code login}, …)
     * @param diagnostics what went wrong, plain language
     * @return the outcome as FHIR JSON
     */
    public static String json(OperationOutcome.IssueType type, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(diagnostics);
        return BackportSubscriptions.json().encodeResourceToString(outcome);
    }

    /**
     * Writes an outcome as the whole answer ({@code application/fhir+json}), e.g. from a security entry point.
     *
     * @param status HTTP status, e.g. 401 or 403
     * @throws IOException when the answer cannot be written
     */
    public static void write(HttpServletResponse response, int status, OperationOutcome.IssueType type,
                             String diagnostics) throws IOException {
        response.setStatus(status);
        response.setContentType(BackportSubscriptions.FHIR_JSON + ";charset=UTF-8");
        response.getOutputStream().write(json(type, diagnostics).getBytes(StandardCharsets.UTF_8));
    }
}
