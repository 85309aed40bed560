package com.healthplan.pa.kineret.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.cases.CaseProblem;
import com.healthplan.pa.kineret.cases.CaseScope;
import com.healthplan.pa.kineret.cases.CaseStatus;
import com.healthplan.pa.kineret.cases.PriorAuthorizationCase;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRepository;
import com.healthplan.pa.kineret.intake.IntakeService;
import com.healthplan.pa.kineret.intake.RequestParser;
import com.healthplan.pa.kineret.process.CaseActionsService;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The HL7 Da Vinci PAS operations {@code POST /fhir/Claim/$submit} and {@code POST /fhir/Claim/$inquire} (FHIR R4,
 * type-level operations of Claim). The body is the PAS request Bundle (JSON or XML), or a Parameters resource whose
 * parameter {@code resource} is that Bundle (the Claim-submit OperationDefinition of FHIR R4); the answer is the PAS
 * response Bundle with the case's ClaimResponse ({@link PasClaimResponses}).
 *
 * <p>{@code $submit} reads the Bundle into the JSON API's request ({@link PasBundleMapper}) and hands it to the JSON
 * API's own parser ({@link RequestParser}: the same validation) and intake ({@link IntakeService}: the same storage,
 * process and rules, and the same idempotency: the same Claim identifier with the same content answers the stored
 * case again; with other content 409). A Claim of status {@code cancelled} withdraws the case of its identifier
 * (as {@code POST /api/prior-authorizations/{id}/withdraw}). {@code $inquire} answers the current ClaimResponse of
 * the case whose requestId is the Claim's identifier. The callers are those of the JSON API (HTTP Basic; submitting
 * needs {@code pa-intake}; an intake account sees its organisation's cases only, others answer 404).
 *
 * <p>Errors are OperationOutcomes: 400 for a body that is not a well-formed FHIR resource, not a Bundle, or a
 * Bundle that does not give a valid request (one issue per problem, with the FHIRPath of the element); 404 for an
 * unknown or invisible case; 409 for a requestId used with other content, or a withdrawal of a decided case; 503 with
 * {@code Retry-After} when the database is unreachable (nothing stored). The request body is read here rather than
 * by the server ({@code manualRequest}) so that each of these is answered with its own message.
 */
@Component
public class PasClaimOperations {

    private static final Pattern HAPI_CODE = Pattern.compile("HAPI-[0-9]+");

    private final FhirContext fhir;
    private final PasBundleMapper mapper;
    private final RequestParser parser;
    private final IntakeService intake;
    private final PriorAuthorizationRepository cases;
    private final CaseScope scope;
    private final CaseActionsService actions;
    private final PasClaimResponses responses;

    /** Wires the FHIR context, the Bundle reader and the JSON API's parser, intake, case file and case actions. */
    public PasClaimOperations(FhirContext fhir, PasBundleMapper mapper, RequestParser parser, IntakeService intake,
                              PriorAuthorizationRepository cases, CaseScope scope, CaseActionsService actions,
                              PasClaimResponses responses) {
        this.fhir = fhir;
        this.mapper = mapper;
        this.parser = parser;
        this.intake = intake;
        this.cases = cases;
        this.scope = scope;
        this.actions = actions;
        this.responses = responses;
    }

    /**
     * {@code Claim/$submit}: submits (or, for a cancelled Claim, withdraws) a prior-authorization request.
     *
     * @param request the HTTP request (its body is read here)
     * @return the PAS response Bundle with the ClaimResponse (outcome {@code queued} and review action A4 until the
     *         rules have run; {@code $inquire} or {@code GET /fhir/ClaimResponse/{id}} then give the determination)
     */
    @Operation(name = "$submit", type = Claim.class, manualRequest = true, idempotent = false)
    public Bundle submit(RequestDetails request) {
        Principal caller = caller();
        Bundle bundle = readBundle(request);
        Claim claim = mapper.claim(bundle);
        if (claim.getStatus() == Claim.ClaimStatus.CANCELLED) {
            return withdraw(claim, caller);
        }
        RequestParser.Parsed parsed = parse(mapper.toRequest(bundle));
        IntakeService.Submission submission = database(() -> {
            try {
                return intake.submit(parsed.tree(), parsed.request(), caller.getName());
            } catch (CaseProblem.Conflict e) {
                throw new ResourceVersionConflictException(e.getMessage(), OperationOutcomes.single(
                        OperationOutcome.IssueSeverity.ERROR, OperationOutcome.IssueType.CONFLICT, e.getMessage()));
            }
        });
        return PasClaimResponses.bundle(responses.of(submission.stored()));
    }

    /**
     * {@code Claim/$inquire}: the current ClaimResponse of the case whose requestId is the Claim's identifier.
     *
     * @param request the HTTP request: a PAS inquiry Bundle (its Claim's identifier is read)
     * @return the PAS response Bundle with the ClaimResponse
     */
    @Operation(name = "$inquire", type = Claim.class, manualRequest = true, idempotent = false)
    public Bundle inquire(RequestDetails request) {
        Principal caller = caller();
        Claim claim = mapper.claim(readBundle(request));
        return PasClaimResponses.bundle(responses.of(visible(mapper.requestId(claim), caller)));
    }

    /** The JSON API's own parsing and validation; its field errors become issues at the FHIR elements they came from. */
    private RequestParser.Parsed parse(ObjectNode json) {
        try {
            return parser.parse(json.toString());
        } catch (CaseProblem.InvalidRequest e) {
            throw OperationOutcomes.invalid("The PAS request does not give a valid prior-authorization request",
                    e.errors().stream().map(f -> new OperationOutcomes.Issue(mapper.sourceOf(f.field()),
                            f.field() + ": " + f.message())).toList());
        }
    }

    private Bundle withdraw(Claim claim, Principal caller) {
        PriorAuthorizationCase c = visible(mapper.requestId(claim), caller);
        if (c.status() != CaseStatus.WITHDRAWN) {
            String caseId = c.id();
            try {
                c = database(() -> actions.withdraw(caseId, caller.getName(),
                        "Claim cancelled (Claim/$submit with Claim.status cancelled)"));
            } catch (CaseActionsService.ActionNotAllowedException e) {
                throw new ResourceVersionConflictException(e.getMessage(), OperationOutcomes.single(
                        OperationOutcome.IssueSeverity.ERROR, OperationOutcome.IssueType.BUSINESSRULE, e.getMessage()));
            }
        }
        return PasClaimResponses.bundle(responses.of(c));
    }

    private PriorAuthorizationCase visible(String requestId, Principal caller) {
        return cases.findByRequestId(requestId).filter(c -> scope.allows(c.id(), caller))
                .orElseThrow(() -> new ResourceNotFoundException("No prior-authorization case for this Claim.identifier"));
    }

    /**
     * @return the Bundle of the body: the body itself, or parameter {@code resource} of a Parameters body
     * @throws ca.uhn.fhir.rest.server.exceptions.InvalidRequestException (400) otherwise
     */
    private Bundle readBundle(RequestDetails request) {
        byte[] body = request.loadRequestContents();
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw bad("$", "a body is required: the PAS request Bundle");
        }
        EncodingEnum encoding = EncodingEnum.detectEncodingNoDefault(text);
        if (encoding == null) {
            throw bad("$", "the body is not FHIR JSON or XML");
        }
        IParser reader = (encoding == EncodingEnum.XML ? fhir.newXmlParser() : fhir.newJsonParser())
                .setParserErrorHandler(new StrictErrorHandler());
        IBaseResource resource;
        try {
            resource = reader.parseResource(text);
        } catch (DataFormatException e) {
            Matcher code = HAPI_CODE.matcher(String.valueOf(e.getMessage()));
            throw bad("$", "the body is not a well-formed FHIR R4 resource" + (code.find() ? " (" + code.group() + ")" : ""));
        }
        if (resource instanceof Parameters parameters) {
            var parameter = parameters.getParameter("resource");
            resource = parameter == null ? null : parameter.getResource();
        }
        if (resource instanceof Bundle bundle) {
            return bundle;
        }
        throw bad("$", "the body must be a PAS request Bundle (or Parameters whose parameter resource is that Bundle)");
    }

    private static BaseServerResponseException bad(String expression, String text) {
        return OperationOutcomes.invalid("The PAS request cannot be read", List.of(new OperationOutcomes.Issue(expression, text)));
    }

    private static <T> T database(Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessResourceFailureException | CannotCreateTransactionException e) {
            throw OperationOutcomes.databaseUnreachable();
        }
    }

    /**
     * @return the authenticated caller (HTTP Basic, checked by the {@code /fhir} security chain)
     * @throws ca.uhn.fhir.rest.server.exceptions.AuthenticationException (401) when there is none
     */
    public static Principal caller() {
        Principal caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null) {
            throw new ca.uhn.fhir.rest.server.exceptions.AuthenticationException("Authentication required");
        }
        return caller;
    }
}
