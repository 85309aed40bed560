package com.healthplan.pa.kineret.api;

import com.healthplan.pa.kineret.cases.CaseProblem;
import com.healthplan.pa.kineret.cases.CaseScope;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRepository;
import com.healthplan.pa.kineret.notices.DeterminationNoticeRepository;
import com.healthplan.pa.kineret.notices.DeterminationNoticeService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The determination notices over {@code /api} (HTTP Basic): a case's notices and their PDFs, for whoever may read
 * the case ({@link CaseScope}: an intake account its organisation's cases, reviewers, supervisors and admins every
 * case; any other case answers 404 like an unknown id), and the outbox of unacknowledged notices with its
 * acknowledgement for delivery systems ({@code pa-intake}, {@code camunda-admin}), like the renewal notices. Errors are
 * {@code application/problem+json} (RFC 9457).
 */
@RestController
@Tag(name = "Determination notices", description = "The notices of every determination to the prescriber and the "
        + "member (PDF), and their outbox for delivery systems")
@SecurityRequirement(name = "basicAuth")
public class DeterminationNoticeController {

    private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private final DeterminationNoticeService notices;
    private final PriorAuthorizationRepository cases;
    private final CaseScope scope;

    /** Wires the notices, the case table and the callers' case scope. */
    public DeterminationNoticeController(DeterminationNoticeService notices, PriorAuthorizationRepository cases,
                                         CaseScope scope) {
        this.notices = notices;
        this.cases = cases;
        this.scope = scope;
    }

    /**
     * One notice as listed.
     *
     * @param kind           {@code APPROVAL}, {@code ADVERSE_DETERMINATION}, {@code REQUEST_FOR_INFORMATION},
     *                       {@code APPEAL_UPHELD}, {@code APPEAL_OVERTURNED}
     * @param recipient      {@code PRESCRIBER} or {@code MEMBER}
     * @param determinationId the audit-trail entry it reports ({@code GET .../determinations})
     * @param determination  that entry's outcome
     * @param createdAt      when it was written (ISO-8601 with offset)
     * @param acknowledgedAt when a delivery system acknowledged it, or null
     * @param href           where its PDF is read
     */
    public record NoticeView(String id, String caseId, String requestId, String kind, String recipient,
                             String determinationId, String determination, OffsetDateTime createdAt,
                             OffsetDateTime acknowledgedAt, String href) {
        static NoticeView of(DeterminationNoticeRepository.NoticeRow n) {
            return new NoticeView(n.id(), n.caseId(), n.requestId(), n.kind().name(), n.recipient().name(),
                    n.determinationId(), n.determination(), n.createdAt(), n.acknowledgedAt(), pdfPath(n.caseId(), n.id()));
        }
    }

    /** @return the path of a notice's PDF under {@code /api} */
    static String pdfPath(String caseId, String noticeId) {
        return "/api/prior-authorizations/" + caseId + "/notices/" + noticeId;
    }

    /** @param id case id; 404 if unknown or not visible to the caller */
    @GetMapping(path = "/api/prior-authorizations/{id}/notices", produces = {MediaType.APPLICATION_JSON_VALUE, PROBLEM})
    @Operation(summary = "List a case's determination notices, oldest first",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The notices (none before a determination)",
                            content = @Content(array = @ArraySchema(schema = @Schema(implementation = NoticeView.class)))),
                    @ApiResponse(responseCode = "401", description = "No or wrong credentials", content = @Content(mediaType = PROBLEM)),
                    @ApiResponse(responseCode = "403", description = "User not in a PA group", content = @Content(mediaType = PROBLEM)),
                    @ApiResponse(responseCode = "404", description = "Unknown case, or one the caller does not see",
                            content = @Content(mediaType = PROBLEM))})
    public List<NoticeView> ofCase(@PathVariable String id, Principal principal) {
        visibleCase(id, principal);
        return notices.ofCase(id).stream().map(NoticeView::of).toList();
    }

    /**
     * @param id       case id
     * @param noticeId notice id; 404 if unknown, of another case, or the case is not visible to the caller
     */
    @GetMapping(path = "/api/prior-authorizations/{id}/notices/{noticeId}",
            produces = {MediaType.APPLICATION_PDF_VALUE, PROBLEM})
    @Operation(summary = "Read a determination notice as PDF (rendered on first read, then always the same bytes)",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The notice",
                            content = @Content(mediaType = MediaType.APPLICATION_PDF_VALUE,
                                    schema = @Schema(type = "string", format = "binary"))),
                    @ApiResponse(responseCode = "401", description = "No or wrong credentials", content = @Content(mediaType = PROBLEM)),
                    @ApiResponse(responseCode = "403", description = "User not in a PA group", content = @Content(mediaType = PROBLEM)),
                    @ApiResponse(responseCode = "404", description = "Unknown notice or case, or a case the caller does not see",
                            content = @Content(mediaType = PROBLEM))})
    public ResponseEntity<byte[]> pdf(@PathVariable String id, @PathVariable String noticeId, Principal principal) {
        visibleCase(id, principal);
        return pdfOf(notices, id, noticeId);
    }

    /** @return the notice's PDF with its file name; 404 unless it is a notice of {@code caseId} */
    static ResponseEntity<byte[]> pdfOf(DeterminationNoticeService notices, String caseId, String noticeId) {
        DeterminationNoticeService.Pdf pdf = notices.pdf(noticeId).filter(p -> p.caseId().equals(caseId))
                .orElseThrow(() -> new CaseProblem.NotFound("Notice not found",
                        "No determination notice " + noticeId + " of case " + caseId));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", ContentDisposition.inline().filename(pdf.fileName()).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-store")
                .body(pdf.bytes());
    }

    /** @param limit most notices to return, 1 to 1000 (default 100) */
    @GetMapping(path = "/api/determination-notices", produces = {MediaType.APPLICATION_JSON_VALUE, PROBLEM})
    @Operation(summary = "Unacknowledged determination notices, oldest first, for delivery systems",
            responses = {
                    @ApiResponse(responseCode = "200", description = "Unacknowledged notices of the caller's cases",
                            content = @Content(array = @ArraySchema(schema = @Schema(implementation = NoticeView.class)))),
                    @ApiResponse(responseCode = "400", description = "Invalid limit", content = @Content(mediaType = PROBLEM)),
                    @ApiResponse(responseCode = "401", description = "No or wrong credentials", content = @Content(mediaType = PROBLEM)),
                    @ApiResponse(responseCode = "403", description = "User not in pa-intake", content = @Content(mediaType = PROBLEM))})
    public List<NoticeView> outbox(
            @Parameter(description = "Most notices to return, 1-1000", schema = @Schema(type = "integer", defaultValue = "100"))
            @RequestParam(required = false) String limit, Principal principal) {
        return notices.unacknowledged(AuthorizationController.noticeLimit(limit), scope.visibility(principal)).stream().map(NoticeView::of).toList();
    }

    /**
     * Acknowledges a determination notice (a delivery system, once it has sent it): 204, also when acknowledged
     * before; 404 if unknown or of a case the caller does not see (it is then left as it is).
     *
     * @param noticeId notice id
     */
    @PostMapping(path = "/api/determination-notices/{noticeId}/acknowledge",
            produces = {MediaType.APPLICATION_JSON_VALUE, PROBLEM})
    @Operation(summary = "Acknowledge a determination notice (idempotent)",
            responses = {
                    @ApiResponse(responseCode = "204", description = "Acknowledged (now or before)"),
                    @ApiResponse(responseCode = "401", description = "No or wrong credentials", content = @Content(mediaType = PROBLEM)),
                    @ApiResponse(responseCode = "403", description = "User not in pa-intake", content = @Content(mediaType = PROBLEM)),
                    @ApiResponse(responseCode = "404", description = "Unknown notice, or one of a case the caller does not see",
                            content = @Content(mediaType = PROBLEM))})
    public ResponseEntity<Void> acknowledge(@PathVariable String noticeId, Principal principal) {
        if (!notices.acknowledge(noticeId, principal.getName(), scope.visibility(principal))) {
            throw new CaseProblem.NotFound("Notice not found", "No determination notice with id " + noticeId);
        }
        return ResponseEntity.noContent().build();
    }

    private void visibleCase(String id, Principal principal) {
        if (cases.findById(id).isEmpty() || !scope.allows(id, principal)) {
            throw CaseProblem.NotFound.ofCase("No prior-authorization case with id " + id);
        }
    }
}
