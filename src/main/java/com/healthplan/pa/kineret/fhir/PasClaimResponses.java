package com.healthplan.pa.kineret.fhir;

import com.healthplan.pa.kineret.api.PriorAuthorizationQueryService;
import com.healthplan.pa.kineret.api.PriorAuthorizationView;
import com.healthplan.pa.kineret.cases.PriorAuthorizationCase;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRepository;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRequest;
import com.healthplan.pa.kineret.intake.IntakeService;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Service;

/**
 * The ClaimResponse of a case (HL7 Da Vinci PAS response, FHIR R4), built from what the case file records: the same
 * status, criteria and determination as {@code GET /api/prior-authorizations/{id}}. Its id is the case id, so
 * {@code ClaimResponse/{caseId}} always names the current response of that case.
 *
 * <ul>
 *   <li>{@code status}: {@code cancelled} for a withdrawn case, else {@code active}; {@code outcome}: {@code queued}
 *       while the case is open (received, in review, pending information), else {@code complete}.</li>
 *   <li>{@code item[0].adjudication[0]} carries the PAS Review Action, X12 278 element 306: {@code A1} (certified in
 *       total) for an approval, with the authorization number; {@code A3} (not certified) for an adverse determination,
 *       always a clinical reviewer's, with the reviewer's reason as {@code reasonCode.text}; {@code A4} (pended) while
 *       open. A withdrawn case has none.</li>
 *   <li>Approved: {@code preAuthRef} is the authorization number, {@code preAuthPeriod} runs from its first to its
 *       last day (the authorization's {@code validTo} is exclusive; the period's end is the day before), 12 or 18
 *       calendar months; the quantity limit is an adjudication of category {@code quantity-limit} and a note.</li>
 *   <li>Every criterion is an adjudication of {@code item[0]}: category = criterion id ({@link PasTerms#CRITERIA},
 *       display = policy reference), reason = result ({@link PasTerms#CRITERION_RESULTS}, text = detail). Each
 *       criterion not MET is also a {@code processNote} with its policy reference; so are the information a reviewer
 *       requested and the determination's reason.</li>
 *   <li>Extensions under {@link PasTerms#BASE}: the case status, indication, route and policy version.</li>
 * </ul>
 */
@Service
public class PasClaimResponses {

    /** Code system of the product's own adjudication categories ({@code quantity-limit}). */
    public static final String ADJUDICATION_CATEGORIES = PasTerms.BASE + "/CodeSystem/kineret-pa-adjudication";

    private final PriorAuthorizationRepository cases;
    private final PriorAuthorizationQueryService views;
    private final IntakeService intake;

    /** Wires the case file, its API view and the stored requests. */
    public PasClaimResponses(PriorAuthorizationRepository cases, PriorAuthorizationQueryService views,
                             IntakeService intake) {
        this.cases = cases;
        this.views = views;
        this.intake = intake;
    }

    /**
     * @param caseId the case id (the {@code id} of {@code GET /api/prior-authorizations/{id}})
     * @return the case's current ClaimResponse (id = case id), or empty for an unknown case; callers check access
     */
    public Optional<ClaimResponse> forCase(String caseId) {
        return cases.findById(caseId).map(this::of);
    }

    /**
     * @param stored a stored case
     * @return its current ClaimResponse
     */
    public ClaimResponse of(PriorAuthorizationCase stored) {
        PriorAuthorizationView view = views.view(stored);
        PriorAuthorizationRequest request = intake.readRequest(stored);
        ClaimResponse r = new ClaimResponse();
        r.setId(view.id());
        r.addIdentifier(new Identifier().setSystem(PasTerms.CASE_ID_SYSTEM).setValue(view.id()));
        boolean withdrawn = "WITHDRAWN".equals(view.status());
        boolean open = List.of("RECEIVED", "IN_REVIEW", "PENDING_INFORMATION").contains(view.status());
        r.setStatus(withdrawn ? ClaimResponse.ClaimResponseStatus.CANCELLED : ClaimResponse.ClaimResponseStatus.ACTIVE);
        r.setType(new CodeableConcept(new Coding(PasTerms.CLAIM_TYPE,
                request.benefit() == PriorAuthorizationRequest.Benefit.PHARMACY ? "pharmacy" : "professional", null)));
        r.setUse(ClaimResponse.Use.PREAUTHORIZATION);
        r.setPatient(new Reference().setIdentifier(new Identifier().setSystem(PasTerms.MEMBER_ID_SYSTEM)
                .setValue(request.member().id())));
        OffsetDateTime created = view.decision() != null && view.decision().decidedAt() != null
                ? view.decision().decidedAt() : view.receivedAt();
        r.setCreated(Date.from(created.toInstant()));
        r.setInsurer(new Reference().setDisplay("Health plan utilization management"));
        r.setRequest(new Reference().setType("Claim").setIdentifier(new Identifier().setValue(view.requestId())));
        r.setOutcome(open ? ClaimResponse.RemittanceOutcome.QUEUED : ClaimResponse.RemittanceOutcome.COMPLETE);
        r.addExtension(PasTerms.EXT_CASE_STATUS, new CodeType(view.status()));
        if (view.indication() != null) {
            r.addExtension(PasTerms.EXT_INDICATION, new CodeType(view.indication()));
        }
        if (view.route() != null) {
            r.addExtension(PasTerms.EXT_ROUTE, new CodeType(view.route()));
        }
        if (view.policyVersion() != null) {
            r.addExtension(PasTerms.EXT_POLICY_VERSION, new StringType(view.policyVersion()));
        }

        ClaimResponse.ItemComponent item = r.addItem().setItemSequence(1);
        ClaimResponse.AdjudicationComponent submitted = item.addAdjudication()
                .setCategory(new CodeableConcept(new Coding(PasTerms.ADJUDICATION, "submitted", "Submitted Amount")));
        String reviewAction = reviewAction(view.status());
        PriorAuthorizationView.Authorization authorization = view.authorization();
        if (reviewAction != null) {
            Extension action = submitted.addExtension().setUrl(PasTerms.EXT_REVIEW_ACTION);
            action.addExtension(PasTerms.EXT_REVIEW_ACTION_CODE, new CodeableConcept(
                    new Coding(PasTerms.X12_REVIEW_ACTION, reviewAction, display(reviewAction))));
            if ("A1".equals(reviewAction) && authorization != null) {
                action.addExtension("number", new StringType(authorization.id()));
            }
            if (view.decision() != null && view.decision().reason() != null && !"A4".equals(reviewAction)) {
                action.addExtension("reasonCode", new CodeableConcept().setText(view.decision().reason()));
            }
        }
        if (authorization != null) {
            r.setPreAuthRef(authorization.id());
            r.setPreAuthPeriod(period(authorization.validFrom(), authorization.validTo()));
            if (authorization.quantityLimit() != null) {
                item.addAdjudication().setCategory(new CodeableConcept(new Coding(ADJUDICATION_CATEGORIES, "quantity-limit",
                        "Quantity limit"))).setReason(new CodeableConcept().setText(authorization.quantityLimit()));
            }
        }
        for (PriorAuthorizationView.Criterion c : view.criteria()) {
            item.addAdjudication()
                    .setCategory(new CodeableConcept(new Coding(PasTerms.CRITERIA, c.id(), c.reference())))
                    .setReason(new CodeableConcept(new Coding(PasTerms.CRITERION_RESULTS, c.result(), null))
                            .setText(c.detail()));
        }
        r.setDisposition(disposition(view));
        for (PriorAuthorizationView.Criterion c : view.criteria()) {
            if (!"MET".equals(c.result())) {
                note(r, c.id() + " " + c.result() + " (" + c.reference() + "): " + c.detail());
            }
        }
        if (view.informationRequested() != null) {
            note(r, "Information requested: " + view.informationRequested());
        }
        if (authorization != null && authorization.quantityLimit() != null) {
            note(r, "Quantity limit: " + authorization.quantityLimit());
        }
        if (view.decision() != null && view.decision().reason() != null) {
            note(r, "Determination by " + ("system".equals(view.decision().decidedBy()) ? "the rules" : "a clinical reviewer")
                    + ": " + view.decision().reason());
        }
        return r;
    }

    /**
     * @param response a ClaimResponse
     * @return the PAS response Bundle: type {@code collection}, the ClaimResponse as its first entry
     */
    public static Bundle bundle(ClaimResponse response) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        bundle.setTimestamp(new Date());
        bundle.addEntry().setFullUrl("ClaimResponse/" + response.getIdElement().getIdPart()).setResource(response);
        return bundle;
    }

    /** @return the X12 306 code of a case status, or null (withdrawn) */
    static String reviewAction(String status) {
        return switch (status) {
            case "APPROVED", "EXPIRED" -> "A1";
            case "DENIED" -> "A3";
            case "RECEIVED", "IN_REVIEW", "PENDING_INFORMATION" -> "A4";
            default -> null;
        };
    }

    private static String display(String reviewAction) {
        return switch (reviewAction) {
            case "A1" -> "Certified in total";
            case "A3" -> "Not certified";
            default -> "Pended";
        };
    }

    private static Period period(LocalDate from, LocalDate toExclusive) {
        Period p = new Period();
        p.setStartElement(new org.hl7.fhir.r4.model.DateTimeType(from.toString()));
        p.setEndElement(new org.hl7.fhir.r4.model.DateTimeType(toExclusive.minusDays(1).toString()));
        return p;
    }

    private static String disposition(PriorAuthorizationView view) {
        return switch (view.status()) {
            case "RECEIVED" -> "Received; the rules have not yet evaluated the request";
            case "IN_REVIEW" -> "Pended for " + ("MEDICAL_EXCEPTION_REVIEW".equals(view.route()) ? "medical-exception review"
                    : "clinical review") + " by a clinical reviewer";
            case "PENDING_INFORMATION" -> "Pended: a clinical reviewer requested information from the prescriber";
            case "APPROVED" -> "Approved" + ("system".equals(view.decision() == null ? null : view.decision().decidedBy())
                    ? " by the rules: every criterion is met" : " by a clinical reviewer");
            case "DENIED" -> "Denied (adverse determination) by a clinical reviewer";
            case "WITHDRAWN" -> "Withdrawn by the requester";
            case "EXPIRED" -> "Approved; the authorization has expired";
            default -> view.status();
        };
    }

    private static void note(ClaimResponse r, String text) {
        ClaimResponse.NoteComponent note = r.addProcessNote();
        note.setNumber(r.getProcessNote().size()).setType(Enumerations.NoteType.DISPLAY).setText(text);
    }
}
