package com.healthplan.pa.kineret.api;

import com.healthplan.pa.kineret.cases.CaseProblem;
import com.healthplan.pa.kineret.cases.CaseScope;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRequest;
import com.healthplan.pa.kineret.intake.AdditionalInformationService;
import com.healthplan.pa.kineret.intake.IntakeService;
import com.healthplan.pa.kineret.intake.RequestParser;
import com.healthplan.pa.kineret.process.CaseActionsService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The intake REST API for Kineret prior-authorization requests ({@code spec/API.md}). HTTP Basic credentials
 * of a Camunda user are required: submitting needs group {@code pa-intake}, reading any PA group. An intake account
 * sees and acts on the cases it submitted only ({@link CaseScope}); another account's case answers 404.
 */
@RestController
@RequestMapping(path = "/api/prior-authorizations", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
@Tag(name = "Prior authorizations", description = "Submit and read Kineret prior-authorization requests (policy 5.70.050)")
@SecurityRequirement(name = "basicAuth")
public class PriorAuthorizationController {

    private static final String PATH = "/api/prior-authorizations/";
    private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private final RequestParser parser;
    private final IntakeService intake;
    private final PriorAuthorizationQueryService queries;
    private final AdditionalInformationService information;
    private final CaseActionsService actions;
    private final CaseAuditService audit;
    private final CaseScope scope;

    /** Wires the parser, the intake services, the read side and the case scope of intake accounts. */
    public PriorAuthorizationController(RequestParser parser, IntakeService intake, PriorAuthorizationQueryService queries,
                                        AdditionalInformationService information, CaseActionsService actions,
                                        CaseAuditService audit, CaseScope scope) {
        this.audit = audit;
        this.scope = scope;
        this.parser = parser;
        this.intake = intake;
        this.queries = queries;
        this.information = information;
        this.actions = actions;
    }

    /**
     * Submits a request. 201 with {@code Location} when stored now; 200 with the stored case for a retry with the
     * same content; 409 for the same requestId with different content; 400 with field errors for bad input;
     * 413 over 1 MiB; 503 with {@code Retry-After} when the database is unreachable (nothing stored).
     *
     * @param body JSON request (UTF-8)
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Submit a prior-authorization request",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = PriorAuthorizationRequest.class))),
            responses = {
                    @ApiResponse(responseCode = "201", description = "Accepted and stored; its process instance runs",
                            content = @Content(schema = @Schema(implementation = PriorAuthorizationView.class))),
                    @ApiResponse(responseCode = "200", description = "Same requestId and content as before: the stored case",
                            content = @Content(schema = @Schema(implementation = PriorAuthorizationView.class))),
                    @ApiResponse(responseCode = "400", description = "Invalid request", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class))),
                    @ApiResponse(responseCode = "401", description = "No or wrong credentials", content = @Content(mediaType = PROBLEM)),
                    @ApiResponse(responseCode = "403", description = "User not allowed to submit", content = @Content(mediaType = PROBLEM)),
                    @ApiResponse(responseCode = "409", description = "Same requestId, different content", content = @Content(mediaType = PROBLEM)),
                    @ApiResponse(responseCode = "413", description = "Body over 1 MiB", content = @Content(mediaType = PROBLEM)),
                    @ApiResponse(responseCode = "503", description = "Database unreachable; retry later", content = @Content(mediaType = PROBLEM))})
    public ResponseEntity<PriorAuthorizationView> submit(@RequestBody(required = false) String body,
                                                         java.security.Principal principal) {
        RequestParser.Parsed parsed = parser.parse(body);
        IntakeService.Submission submission = intake.submit(parsed.tree(), parsed.request(),
                principal == null ? null : principal.getName());
        PriorAuthorizationView view = queries.view(submission.stored());
        if (submission.created()) {
            return ResponseEntity.created(URI.create(PATH + view.id())).body(view);
        }
        return ResponseEntity.ok().location(URI.create(PATH + view.id())).body(view);
    }

    /** @param id case id returned at submission; 404 if unknown */
    @GetMapping("/{id}")
    @Operation(summary = "Read a case by its id")
    public PriorAuthorizationView byId(@PathVariable String id, java.security.Principal principal) {
        return visible(id, principal);
    }

    /** @param requestId the intake system's requestId; 404 if unknown */
    @GetMapping(params = "requestId")
    @Operation(summary = "Read a case by the intake system's requestId")
    public PriorAuthorizationView byRequestId(@RequestParam String requestId, java.security.Principal principal) {
        return queries.byRequestId(requestId).filter(v -> scope.allows(v.id(), principal))
                .orElseThrow(() -> CaseProblem.NotFound.ofCase("No prior-authorization case with requestId " + requestId));
    }

    private PriorAuthorizationView visible(String id, java.security.Principal principal) {
        return queries.byId(id).filter(v -> scope.allows(v.id(), principal))
                .orElseThrow(() -> CaseProblem.NotFound.ofCase("No prior-authorization case with id " + id));
    }

    /**
     * Sends additional information for a case that a reviewer pended ({@code PENDING_INFORMATION}): a JSON merge
     * patch (RFC 7396) of the original request. 202 when accepted (the decision tables run again); 400 when the
     * patch or the amended request is invalid; 404 for an unknown case; 409 when the case is not waiting for
     * information.
     *
     * @param id   case id
     * @param body JSON merge patch
     */
    @PostMapping(path = "/{id}/information", consumes = {"application/merge-patch+json", MediaType.APPLICATION_JSON_VALUE})
    @Operation(summary = "Send additional information for a pended case (JSON merge patch of the request, RFC 7396)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = "application/merge-patch+json",
                            schema = @Schema(implementation = PriorAuthorizationRequest.class))),
            responses = {
                    @ApiResponse(responseCode = "202", description = "Accepted; the case is evaluated again",
                            content = @Content(schema = @Schema(implementation = PriorAuthorizationView.class))),
                    @ApiResponse(responseCode = "400", description = "Invalid patch or amended request", content = @Content(mediaType = PROBLEM)),
                    @ApiResponse(responseCode = "404", description = "Unknown case", content = @Content(mediaType = PROBLEM)),
                    @ApiResponse(responseCode = "409", description = "The case is not waiting for information", content = @Content(mediaType = PROBLEM))})
    public ResponseEntity<PriorAuthorizationView> information(@PathVariable String id,
                                                              @RequestBody(required = false) String body,
                                                              java.security.Principal principal) {
        visible(id, principal);
        var updated = information.submit(id, body, principal.getName());
        return ResponseEntity.accepted().body(queries.view(updated));
    }

    /** Body of a withdrawal or an appeal: a plain-language reason (required for an appeal). */
    public record ActionRequest(@io.swagger.v3.oas.annotations.media.Schema(maxLength = 4000) String reason) { }

    /**
     * Withdraws an open case (RECEIVED, IN_REVIEW or PENDING_INFORMATION); its open review tasks end. 200 with the
     * case (status WITHDRAWN); 404 unknown; 409 when the case is already decided or withdrawn.
     */
    @PostMapping(path = "/{id}/withdraw", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Withdraw an open case")
    public PriorAuthorizationView withdraw(@PathVariable String id, @RequestBody(required = false) ActionRequest body,
                                           java.security.Principal principal) {
        String reason = body == null ? null : body.reason();
        checkLength("reason", reason);
        return queries.view(actions.withdraw(existing(id, principal), principal.getName(), reason));
    }

    /**
     * Appeals a denial within the appeal window ({@code kineret.appeal.window}, default 180 days from the adverse determination): a physician reviewer other
     * than the denier decides it. 202 with the case (appeal PENDING); 400 without a reason; 404 unknown; 409 when the
     * case is not denied, already appealed, or the window has passed.
     */
    @PostMapping(path = "/{id}/appeal", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Appeal a denial")
    public ResponseEntity<PriorAuthorizationView> appeal(@PathVariable String id, @RequestBody(required = false) ActionRequest body,
                                                         java.security.Principal principal) {
        String reason = body == null ? null : body.reason();
        if (reason == null || reason.isBlank()) {
            throw new CaseProblem.InvalidRequest("An appeal needs a reason",
                    java.util.List.of(new CaseProblem.FieldError("reason", "must not be blank")));
        }
        checkLength("reason", reason);
        return ResponseEntity.accepted().body(queries.view(actions.appeal(existing(id, principal), principal.getName(), reason.trim())));
    }

    private String existing(String id, java.security.Principal principal) {
        return visible(id, principal).id();
    }

    private static void checkLength(String field, String value) {
        if (value != null && value.length() > 4000) {
            throw new CaseProblem.InvalidRequest(field + " is too long",
                    java.util.List.of(new CaseProblem.FieldError(field, "must be at most 4000 characters")));
        }
    }

    /**
     * Who did what and when on a case (reviewers, supervisors and admins): submitted, evaluated, claimed, decided,
     * information requested and received, withdrawn, appealed — from the case's determinations and Camunda's user
     * operation log; oldest first.
     *
     * @param id case id; 404 if unknown
     */
    @GetMapping("/{id}/audit")
    @Operation(summary = "Audit trail of a case: who did what and when")
    public java.util.List<CaseAuditService.AuditEntry> audit(@PathVariable String id, java.security.Principal principal) {
        return audit.entries(existing(id, principal));
    }

    /** @param id case id; 404 if unknown */
    @GetMapping("/{id}/determinations")
    @Operation(summary = "The audit trail of a case: every determination by the system or a reviewer")
    public java.util.List<PriorAuthorizationView.Determination> determinations(@PathVariable String id,
                                                                               java.security.Principal principal) {
        visible(id, principal);
        return queries.determinations(id)
                .orElseThrow(() -> CaseProblem.NotFound.ofCase("No prior-authorization case with id " + id));
    }

    /**
     * @return never: a GET without requestId or id answers 400
     * @throws CaseProblem.InvalidRequest always
     */
    @GetMapping
    @Operation(summary = "Read a case by requestId (the parameter is required)")
    public ResponseEntity<ProblemDetail> withoutQuery() {
        throw new CaseProblem.InvalidRequest("Give the requestId to look up",
                java.util.List.of(new CaseProblem.FieldError("requestId", "is required")));
    }

}
