package com.healthplan.pa.kineret.notices;

import java.util.List;

/**
 * Exactly what one determination notice says, kept as JSON in {@code pa_determination_notice.snapshot_json} when
 * the determination is recorded and never changed: the PDF is rendered from it, whenever that happens. Taken from
 * the case's record ({@code pa_request}), its stored criteria, its authorization and the audit-trail entry, never
 * from process variables. Dates are ISO-8601 calendar dates in the plan's zone ({@code kineret.zone}). No date of
 * birth, weight or clinical answers beyond what the determination names.
 *
 * @param kind             {@link NoticeKind} name
 * @param recipient        {@link NoticeRecipient} name
 * @param title            the notice's title, e.g. {@code Adverse determination}
 * @param planName         the health plan ({@code kineret.notices.plan-name})
 * @param productName      the product ({@code kineret.notices.product-name})
 * @param noticeDate       date of the notice (the day the determination was recorded)
 * @param caseId           the case's id
 * @param requestId        the request id the prescriber's system sent
 * @param determinationId  the audit-trail entry ({@code pa_determination.id}) the notice reports
 * @param memberId         the member id
 * @param prescriberNpi    the prescriber's NPI, on the prescriber's copy only (null on the member's)
 * @param drug             the drug requested, as the request named it
 * @param indication       indication code ({@code RA}, {@code CAPS_NOMID}, ...)
 * @param indicationName   the indication in plain language
 * @param requestType      {@code INITIAL} or {@code RENEWAL}
 * @param urgency          {@code STANDARD} or {@code EXPEDITED}
 * @param determination    the outcome reported: {@code APPROVED}, {@code DENIED}, {@code REQUEST_INFORMATION},
 *                         {@code APPEAL_UPHELD}, {@code APPEAL_OVERTURNED}
 * @param determinationDate date of the determination
 * @param decidedBy        who decided
 * @param reason           the reviewer's reason (for an appeal outcome: the appeal decision's reason), or the
 *                         automatic approval's
 * @param policyVersion    the policy version the determination was made under
 * @param approval         the authorization granted (approvals and overturned appeals), else null
 * @param criteria         the criteria an adverse determination rests on (also for an upheld appeal), else empty
 * @param information      what is requested and by when (requests for information), else null
 * @param appeal           how and by when to appeal (adverse determinations), else null
 * @param appealOutcome    the appeal and the denial it concerned (appeal outcomes), else null
 * @param externalReview   external review rights (upheld appeals), else null
 */
public record NoticeSnapshot(String kind, String recipient, String title, String planName, String productName,
                             String noticeDate, String caseId, String requestId, String determinationId,
                             String memberId, String prescriberNpi, String drug, String indication,
                             String indicationName, String requestType, String urgency, String determination,
                             String determinationDate, Decider decidedBy, String reason, String policyVersion,
                             Approval approval, List<Criterion> criteria, Information information, Appeal appeal,
                             AppealOutcome appealOutcome, ExternalReview externalReview) {

    /** Copies the criteria (none when null). */
    public NoticeSnapshot {
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
    }

    /**
     * @param userId     Camunda user id, or {@code system}
     * @param name       the reviewer's name (Camunda identity), or a description of the automatic determination
     * @param credential the reviewer's credential (Camunda user info {@code credential}, else a title from their
     *                   groups); null for the system
     */
    public record Decider(String userId, String name, String credential) { }

    /**
     * @param authorizationNumber the authorization's id (the number pharmacies and claims quote)
     * @param validFrom           first day it holds
     * @param validThrough        last day it holds
     * @param validTo             first day it no longer holds ({@code pa_authorization.valid_to})
     * @param durationMonths      12 (initial) or 18 (renewal) calendar months
     * @param quantityLimit       the quantity limit in plain language
     * @param maxDosePerDayMg     the weight-based limit in mg/day, or null
     */
    public record Approval(String authorizationNumber, String validFrom, String validThrough, String validTo,
                           int durationMonths, String quantityLimit, String maxDosePerDayMg) { }

    /**
     * One criterion an adverse determination rests on.
     *
     * @param id         criterion ID of RULES.md
     * @param result     {@code NOT_MET} or {@code UNKNOWN} as recorded
     * @param resultText the result in plain language
     * @param detail     the recorded detail
     * @param reference  its policy 5.70.050 section reference
     * @param remedy     what information would change it ({@code notices/criterion-remedies.tsv})
     */
    public record Criterion(String id, String result, String resultText, String detail, String reference,
                            String remedy) { }

    /**
     * @param requested what the prescriber is asked for
     * @param dueBy     the last day the case waits for it (determination date plus {@code kineret.review.information-wait})
     */
    public record Information(String requested, String dueBy) { }

    /**
     * @param appealBy              the last day to appeal (ISO-8601 date in the plan's zone): the adverse
     *                              determination's time plus {@code kineret.appeal.window}, the window the appeal
     *                              API and the process enforce
     * @param appealByTime          the time of day on {@code appealBy} the window ends (ISO-8601 {@code HH:mm})
     * @param zone                  the plan's time zone (IANA id) of {@code appealBy} and {@code appealByTime}
     * @param window                the window in words, e.g. {@code 180 calendar days}
     * @param instructions          how to appeal ({@code kineret.notices.appeal-instructions})
     * @param expeditedInstructions how to ask for an expedited appeal, for an {@code EXPEDITED} case; else null
     */
    public record Appeal(String appealBy, String appealByTime, String zone, String window, String instructions,
                         String expeditedInstructions) { }

    /**
     * @param appealReason      why the member or prescriber appealed
     * @param appealFiledOn     when the appeal was filed
     * @param denialDate        the date of the adverse determination appealed
     * @param denialReason      its reason
     * @param deniedBy          who made it
     */
    public record AppealOutcome(String appealReason, String appealFiledOn, String denialDate, String denialReason,
                                Decider deniedBy) { }

    /**
     * @param requestBy    the last day to ask for an external review (notice date plus 4 months, 45 CFR 147.136)
     * @param instructions how to ask ({@code kineret.notices.external-review-instructions})
     */
    public record ExternalReview(String requestBy, String instructions) { }
}
