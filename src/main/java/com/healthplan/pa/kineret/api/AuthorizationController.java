package com.healthplan.pa.kineret.api;

import com.healthplan.pa.kineret.authorization.AuthorizationQueries;
import com.healthplan.pa.kineret.authorization.AuthorizationView;
import com.healthplan.pa.kineret.authorization.ClaimCheckResult;
import com.healthplan.pa.kineret.authorization.ClaimCheckService;
import com.healthplan.pa.kineret.cases.CaseProblem;
import com.healthplan.pa.kineret.cases.CaseScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The authorization read API, the claim-time check and the renewal notice outbox. HTTP Basic credentials of a
 * Camunda user are required: reading needs any PA group; acknowledging a renewal notice needs {@code pa-intake} (or
 * {@code camunda-admin}). Dates are ISO-8601 ({@code YYYY-MM-DD}); {@code validTo} is the first day an authorization
 * no longer holds; quantities are syringes of 100 mg. Errors are {@code application/problem+json} (RFC 9457): 400
 * with {@code errors: [{field, message}]} for missing or invalid parameters, 404 for an unknown id.
 *
 * <p>What a caller sees is scoped like the cases ({@link CaseScope}): an intake account reads, checks claims against
 * and lists or acknowledges renewal notices of the authorizations of its own and its organisation's cases only;
 * another account's authorization or notice answers 404 like an unknown id, and is left out of the by-member list
 * and the claim check. Admins, reviewers and supervisors see every authorization.
 */
@RestController
@RequestMapping(produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
@Tag(name = "Authorizations", description = "Read Kineret authorizations, check pharmacy claims against them and pick up "
        + "renewal notices (policy 5.70.050)")
@SecurityRequirement(name = "basicAuth")
public class AuthorizationController {

    /** Default number of renewal notices per page. */
    static final int DEFAULT_NOTICE_LIMIT = 100;
    /** Most renewal notices per page. */
    static final int MAX_NOTICE_LIMIT = 1000;
    private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private final AuthorizationQueries queries;
    private final ClaimCheckService claimCheck;
    private final CaseScope scope;

    /** Wires the read side, the claim check and the callers' case scope. */
    public AuthorizationController(AuthorizationQueries queries, ClaimCheckService claimCheck, CaseScope scope) {
        this.queries = queries;
        this.claimCheck = claimCheck;
        this.scope = scope;
    }

    /**
     * Checks a pharmacy claim for Kineret: covered when an authorization of the member is valid on {@code date}
     * ({@code validFrom <= date < validTo}) and the claim is within its quantity limit (policy 5.70.050
     * "Prior-Approval Limits"). 400 with field errors for a missing or invalid parameter.
     *
     * @param memberId   member id, required
     * @param date       date of service, ISO-8601, required
     * @param quantity   syringes (100 mg each), a positive whole number, required
     * @param daysSupply days supplied, a positive whole number, required
     */
    @GetMapping("/api/authorizations/check")
    @Operation(summary = "Check a pharmacy claim against the member's authorizations",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The answer: covered or not, with reasons",
                            content = @Content(schema = @Schema(implementation = ClaimCheckResult.class))),
                    @ApiResponse(responseCode = "400", description = "Missing or invalid parameter",
                            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class))),
                    @ApiResponse(responseCode = "401", description = "No or wrong credentials", content = @Content(mediaType = PROBLEM)),
                    @ApiResponse(responseCode = "403", description = "User not in a PA group", content = @Content(mediaType = PROBLEM))})
    public ClaimCheckResult check(
            @Parameter(description = "Member id", required = true) @RequestParam(required = false) String memberId,
            @Parameter(description = "Date of service, YYYY-MM-DD", required = true, schema = @Schema(type = "string", format = "date"))
            @RequestParam(required = false) String date,
            @Parameter(description = "Syringes of 100 mg, positive", required = true, schema = @Schema(type = "integer", minimum = "1"))
            @RequestParam(required = false) String quantity,
            @Parameter(description = "Days supplied, positive", required = true, schema = @Schema(type = "integer", minimum = "1"))
            @RequestParam(required = false) String daysSupply, Principal principal) {
        List<CaseProblem.FieldError> errors = new ArrayList<>();
        requireText("memberId", memberId, errors);
        LocalDate day = parseDate("date", date, errors);
        int syringes = parsePositive("quantity", quantity, errors);
        int days = parsePositive("daysSupply", daysSupply, errors);
        if (!errors.isEmpty()) {
            throw new CaseProblem.InvalidRequest(CaseProblem.InvalidRequest.PARAMETERS_TITLE, "Give memberId, date (YYYY-MM-DD), quantity and daysSupply "
                    + "(positive whole numbers)", errors);
        }
        return claimCheck.check(memberId.trim(), day, syringes, days, scope.visibility(principal));
    }

    /** @param id authorization id; 404 if unknown or granted by a case the caller does not see */
    @GetMapping("/api/authorizations/{id}")
    @Operation(summary = "Read an authorization by its id",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The authorization",
                            content = @Content(schema = @Schema(implementation = AuthorizationView.class))),
                    @ApiResponse(responseCode = "404", description = "Unknown authorization, or one of a case the caller "
                            + "does not see", content = @Content(mediaType = PROBLEM))})
    public AuthorizationView byId(@PathVariable String id, Principal principal) {
        return queries.byId(id).filter(a -> scope.allows(a.authorization().caseId(), principal))
                .map(a -> AuthorizationView.of(a.authorization(), a.requestId()))
                .orElseThrow(() -> new CaseProblem.NotFound("Authorization not found",
                        "No authorization with id " + id));
    }

    /** @param memberId member id, required; the answer is empty when the member has no authorization */
    @GetMapping("/api/authorizations")
    @Operation(summary = "List a member's authorizations, oldest validFrom first",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The member's authorizations (possibly none)",
                            content = @Content(array = @ArraySchema(schema = @Schema(implementation = AuthorizationView.class)))),
                    @ApiResponse(responseCode = "400", description = "memberId missing or blank", content = @Content(mediaType = PROBLEM))})
    public List<AuthorizationView> byMember(
            @Parameter(description = "Member id", required = true) @RequestParam(required = false) String memberId,
            Principal principal) {
        List<CaseProblem.FieldError> errors = new ArrayList<>();
        requireText("memberId", memberId, errors);
        if (!errors.isEmpty()) {
            throw new CaseProblem.InvalidRequest(CaseProblem.InvalidRequest.PARAMETERS_TITLE, "Give the memberId whose authorizations to list", errors);
        }
        return queries.byMemberWithRequestIds(memberId.trim(), scope.visibility(principal)).stream()
                .map(a -> AuthorizationView.of(a.authorization(), a.requestId())).toList();
    }

    /** @param limit most notices to return, 1 to 1000 (default 100) */
    @GetMapping("/api/renewal-notices")
    @Operation(summary = "Open (unacknowledged) renewal notices, oldest first, for intake systems",
            responses = {
                    @ApiResponse(responseCode = "200", description = "Open notices",
                            content = @Content(array = @ArraySchema(schema = @Schema(implementation = AuthorizationQueries.RenewalNotice.class)))),
                    @ApiResponse(responseCode = "400", description = "Invalid limit", content = @Content(mediaType = PROBLEM))})
    public List<AuthorizationQueries.RenewalNotice> renewalNotices(
            @Parameter(description = "Most notices to return, 1-1000", schema = @Schema(type = "integer", defaultValue = "100"))
            @RequestParam(required = false) String limit, Principal principal) {
        return queries.openRenewalNotices(noticeLimit(limit), scope.visibility(principal));
    }

    /**
     * The {@code limit} of a notice outbox page (renewal notices, determination notices).
     *
     * @param limit the query parameter as sent, or null
     * @return {@value #DEFAULT_NOTICE_LIMIT} when absent, else the number, 1 to {@value #MAX_NOTICE_LIMIT}
     * @throws CaseProblem.InvalidRequest (400) when it is not a whole number in that range
     */
    static int noticeLimit(String limit) {
        if (limit == null) {
            return DEFAULT_NOTICE_LIMIT;
        }
        List<CaseProblem.FieldError> errors = new ArrayList<>();
        int max = parsePositive("limit", limit, errors);
        if (errors.isEmpty() && max > MAX_NOTICE_LIMIT) {
            errors.add(new CaseProblem.FieldError("limit", "must be at most " + MAX_NOTICE_LIMIT));
        }
        if (!errors.isEmpty()) {
            throw new CaseProblem.InvalidRequest(CaseProblem.InvalidRequest.PARAMETERS_TITLE, "limit must be a whole number from 1 to " + MAX_NOTICE_LIMIT, errors);
        }
        return max;
    }

    /**
     * Acknowledges a renewal notice (intake systems, after they picked it up): 204, also when it was acknowledged
     * before; 404 if unknown or of a case the caller does not see (the notice is then left as it is).
     *
     * @param id notice id
     */
    @PostMapping("/api/renewal-notices/{id}/acknowledge")
    @Operation(summary = "Acknowledge a renewal notice (idempotent)",
            responses = {
                    @ApiResponse(responseCode = "204", description = "Acknowledged (now or before)"),
                    @ApiResponse(responseCode = "403", description = "User not in pa-intake", content = @Content(mediaType = PROBLEM)),
                    @ApiResponse(responseCode = "404", description = "Unknown notice, or one of a case the caller does not see",
                            content = @Content(mediaType = PROBLEM))})
    public ResponseEntity<Void> acknowledge(@PathVariable String id, Principal principal) {
        if (!queries.acknowledgeRenewalNotice(id, principal.getName(), OffsetDateTime.now(ZoneOffset.UTC),
                scope.visibility(principal))) {
            throw new CaseProblem.NotFound("Renewal notice not found", "No renewal notice with id " + id);
        }
        return ResponseEntity.noContent().build();
    }

    private static void requireText(String field, String value, List<CaseProblem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new CaseProblem.FieldError(field, "is required"));
        }
    }

    private static LocalDate parseDate(String field, String value, List<CaseProblem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new CaseProblem.FieldError(field, "is required"));
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(new CaseProblem.FieldError(field, "must be an ISO-8601 date (YYYY-MM-DD)"));
            return null;
        }
    }

    private static int parsePositive(String field, String value, List<CaseProblem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new CaseProblem.FieldError(field, "is required"));
            return 0;
        }
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            errors.add(new CaseProblem.FieldError(field, "must be a whole number"));
            return 0;
        }
        if (n <= 0) {
            errors.add(new CaseProblem.FieldError(field, "must be positive"));
        }
        return n;
    }
}
