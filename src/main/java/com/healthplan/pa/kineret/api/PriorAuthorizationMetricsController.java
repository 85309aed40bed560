package com.healthplan.pa.kineret.api;

import com.healthplan.pa.kineret.api.PriorAuthorizationMetricsService.Metrics;
import com.healthplan.pa.kineret.api.PriorAuthorizationMetricsService.UrgencyFigures;
import com.healthplan.pa.kineret.cases.CaseProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/metrics/prior-authorization}: the plan's prior-authorization metrics over the cases received in a
 * period (README "Metrics"; figures as {@link PriorAuthorizationMetricsService}), for supervisors and administrators.
 * JSON by default; CSV (RFC 4180, header {@code metric,urgency,value}) with {@code Accept: text/csv}.
 */
@RestController
@Tag(name = "Metrics", description = "Prior-authorization metrics of the plan: requests, outcomes, times to determination")
@SecurityRequirement(name = "basicAuth")
public class PriorAuthorizationMetricsController {

    /** Media type of the CSV answer. */
    public static final String TEXT_CSV = "text/csv";
    /** Days of the default period, today included. */
    static final int DEFAULT_DAYS = 30;
    private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final MediaType CSV = MediaType.parseMediaType(TEXT_CSV);

    private final PriorAuthorizationMetricsService metrics;

    /** @param metrics computes the figures */
    public PriorAuthorizationMetricsController(PriorAuthorizationMetricsService metrics) {
        this.metrics = metrics;
    }

    /**
     * The metrics of the cases received from {@code from} to {@code to} (calendar days in the plan's zone, both
     * included). Without {@code to}: today; without {@code from}: 29 days before {@code to} (30 days in all).
     *
     * @param from   first day, ISO-8601 date (YYYY-MM-DD)
     * @param to     last day, ISO-8601 date, not before {@code from}
     * @param accept the Accept header: CSV when it prefers {@code text/csv} ({@link #wantsCsv}), else JSON
     * @return JSON ({@link Metrics}) or CSV
     * @throws CaseProblem.InvalidRequest (400) for a date that is not ISO-8601 or {@code to} before {@code from}
     */
    @GetMapping(value = "/api/metrics/prior-authorization",
            produces = {MediaType.APPLICATION_JSON_VALUE, TEXT_CSV, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    @Operation(summary = "Prior-authorization metrics of the cases received in a period",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The figures (JSON, or CSV with Accept: text/csv)",
                            content = {@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                    schema = @Schema(implementation = Metrics.class)),
                                    @Content(mediaType = TEXT_CSV, schema = @Schema(type = "string"))}),
                    @ApiResponse(responseCode = "400", description = "A date that is not YYYY-MM-DD, or to before from",
                            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class))),
                    @ApiResponse(responseCode = "401", description = "No or wrong credentials", content = @Content(mediaType = PROBLEM)),
                    @ApiResponse(responseCode = "403", description = "User neither supervisor nor administrator",
                            content = @Content(mediaType = PROBLEM))})
    public ResponseEntity<?> priorAuthorization(
            @Parameter(description = "First day received, YYYY-MM-DD (plan's zone); default: 29 days before to",
                    schema = @Schema(type = "string", format = "date")) @RequestParam(required = false) String from,
            @Parameter(description = "Last day received, included, YYYY-MM-DD; default: today",
                    schema = @Schema(type = "string", format = "date")) @RequestParam(required = false) String to,
            @Parameter(hidden = true) @RequestHeader(value = "Accept", required = false) String accept) {
        List<CaseProblem.FieldError> errors = new ArrayList<>();
        LocalDate last = parseDate("to", to, errors);
        LocalDate first = parseDate("from", from, errors);
        if (errors.isEmpty()) {
            last = last == null ? metrics.today() : last;
            first = first == null ? last.minusDays(DEFAULT_DAYS - 1) : first;
            if (last.isBefore(first)) {
                errors.add(new CaseProblem.FieldError("to", "must not be before from"));
            }
        }
        if (!errors.isEmpty()) {
            throw new CaseProblem.InvalidRequest(CaseProblem.InvalidRequest.PARAMETERS_TITLE,
                    "Give from and to as ISO-8601 dates (YYYY-MM-DD), to not before from", errors);
        }
        Metrics m = metrics.forPeriod(first, last);
        if (wantsCsv(accept)) {
            return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .body(csv(m));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(m);
    }

    /**
     * Content negotiation between JSON (the default) and CSV (RFC 9110 section 12.5.1, quality values): CSV when
     * {@code text/csv} is accepted with a quality above that of {@code application/json} and not below that of a
     * wildcard ({@code *}{@code /*}, {@code application/*}); {@code text/*} alone does not ask for CSV.
     *
     * @param accept the Accept header, or null
     * @return whether to answer CSV; false for an unreadable header
     */
    static boolean wantsCsv(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        double csv = 0;
        double json = 0;
        double wildcard = 0;
        for (MediaType t : types) {
            double q = t.getQualityValue();
            if (t.isWildcardType() || ("application".equals(t.getType()) && t.isWildcardSubtype())) {
                wildcard = Math.max(wildcard, q);
            } else if (t.isWildcardSubtype()) {
                continue;
            } else if (t.isCompatibleWith(CSV)) {
                csv = Math.max(csv, q);
            } else if (t.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                json = Math.max(json, q);
            }
        }
        return csv > 0 && csv > json && csv >= wildcard;
    }

    /**
     * @return the metrics as CSV (RFC 4180, CRLF line ends): header {@code metric,urgency,value}, one row per figure;
     *     {@code urgency} empty for figures of both urgencies, {@code value} empty where there is no figure
     */
    static String csv(Metrics m) {
        StringBuilder out = new StringBuilder("metric,urgency,value\r\n");
        row(out, "from", "", m.from());
        row(out, "to", "", m.to());
        row(out, "zone", "", m.zone());
        row(out, "requests", "", m.requests());
        row(out, "approvedAutomatically", "", m.approvedAutomatically());
        row(out, "approvedByReviewer", "", m.approvedByReviewer());
        row(out, "denied", "", m.denied());
        row(out, "approvedAfterAppeal", "", m.approvedAfterAppeal());
        row(out, "withdrawn", "", m.withdrawn());
        row(out, "pended", "", m.pended());
        for (Map.Entry<String, UrgencyFigures> e : m.byUrgency().entrySet()) {
            UrgencyFigures f = e.getValue();
            row(out, "determined", e.getKey(), f.determined());
            row(out, "medianHours", e.getKey(), f.medianHours());
            row(out, "p90Hours", e.getKey(), f.p90Hours());
            row(out, "withDeadline", e.getKey(), f.withDeadline());
            row(out, "withinDeadline", e.getKey(), f.withinDeadline());
            row(out, "withinDeadlineShare", e.getKey(), f.withinDeadlineShare());
        }
        row(out, "withinDeadlineShare", "", m.withinDeadlineShare());
        return out.toString();
    }

    private static void row(StringBuilder out, String metric, String urgency, Object value) {
        out.append(metric).append(',').append(urgency).append(',').append(value == null ? "" : value).append("\r\n");
    }

    private static LocalDate parseDate(String field, String value, List<CaseProblem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(new CaseProblem.FieldError(field, "must be an ISO-8601 date (YYYY-MM-DD)"));
            return null;
        }
    }
}
