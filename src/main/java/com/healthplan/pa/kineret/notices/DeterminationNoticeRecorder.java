package com.healthplan.pa.kineret.notices;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.healthplan.pa.kineret.cases.AppealStatus;
import com.healthplan.pa.kineret.cases.DeterminationRecord;
import com.healthplan.pa.kineret.cases.DeterminationRecorded;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRepository;
import com.healthplan.pa.kineret.plan.KineretProperties;
import com.healthplan.pa.kineret.plan.PlanClock;
import com.healthplan.pa.kineret.rules.CriterionResult;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes the determination notices, one to the prescriber and one to the member, in the transaction that records
 * the determination ({@link DeterminationRecorded}, published by {@code CaseAudit} for every audit-trail entry), so
 * that the notices exist exactly when the determination does. Which entries give notices:
 * <ul>
 *   <li>{@code APPROVED} (by the system or a reviewer): {@link NoticeKind#APPROVAL}; when the case's appeal was
 *       just {@code OVERTURNED}, {@link NoticeKind#APPEAL_OVERTURNED} instead (the overturn approves: one notice, with
 *       the approval's content, for the {@code APPEAL_OVERTURNED} entry);</li>
 *   <li>{@code DENIED}: {@link NoticeKind#ADVERSE_DETERMINATION} (29 CFR 2560.503-1(g): the specific reason, the
 *       policy provisions it rests on, what information would change it, how and by when to appeal);</li>
 *   <li>{@code REQUEST_INFORMATION}: {@link NoticeKind#REQUEST_FOR_INFORMATION} (what, and by when);</li>
 *   <li>{@code APPEAL_UPHELD}: {@link NoticeKind#APPEAL_UPHELD} (as a denial, with external review rights,
 *       45 CFR 147.136);</li>
 *   <li>{@code APPEAL_OVERTURNED}: nothing by itself; the approval that follows it in the same transaction reports
 *       it (its audit-trail entry is read back).</li>
 * </ul>
 * What a notice says ({@link NoticeSnapshot}) is taken from the case's record, its authorization and the audit
 * trail only. Cost: an automatic approval adds two statements, the read of the case with its authorization and one
 * insert of both rows.
 */
@Component
public class DeterminationNoticeRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(DeterminationNoticeRecorder.class);
    /** 45 CFR 147.136(d)(2)(i): an external review can be requested within four months of the final notice. */
    static final int EXTERNAL_REVIEW_MONTHS = 4;

    private final DeterminationNoticeRepository notices;
    private final PriorAuthorizationRepository cases;
    private final ReviewerDirectory reviewers;
    private final NoticeCatalogues catalogues;
    private final ObjectMapper objectMapper;
    private final PlanClock clock;
    private final KineretProperties.Notices settings;
    private final KineretProperties.Appeal appealWindow;
    private final Duration informationWait;

    /**
     * @param properties {@code kineret.notices.*} and {@code kineret.review.information-wait}
     */
    public DeterminationNoticeRecorder(DeterminationNoticeRepository notices, PriorAuthorizationRepository cases,
                                       ReviewerDirectory reviewers, NoticeCatalogues catalogues,
                                       ObjectMapper objectMapper, PlanClock clock, KineretProperties properties) {
        this.notices = notices;
        this.cases = cases;
        this.reviewers = reviewers;
        this.catalogues = catalogues;
        this.objectMapper = objectMapper;
        this.clock = clock;
        this.settings = properties.notices();
        this.appealWindow = properties.appeal();
        this.informationWait = Duration.parse(properties.review().informationWait());
    }

    /**
     * Records the notices an audit-trail entry causes, if any.
     *
     * @throws IllegalStateException when the case is gone or its stored request or criteria are not readable: the
     *                               determination's transaction then rolls back with it
     */
    @EventListener
    public void onDetermination(DeterminationRecorded event) {
        DeterminationRecord d = event.determination();
        switch (d.outcome()) {
            case "APPROVED", "DENIED", "REQUEST_INFORMATION", "APPEAL_UPHELD" -> record(d);
            // an overturn's notice is written with the approval that follows it in the same transaction
            default -> { }
        }
    }

    private void record(DeterminationRecord d) {
        DeterminationNoticeRepository.CaseForNotice c = notices.caseForNotice(d.caseId())
                .orElseThrow(() -> new IllegalStateException("no case " + d.caseId()));
        NoticeKind kind = switch (d.outcome()) {
            case "APPROVED" -> AppealStatus.OVERTURNED.name().equals(c.appealStatus())
                    ? NoticeKind.APPEAL_OVERTURNED : NoticeKind.APPROVAL;
            case "DENIED" -> NoticeKind.ADVERSE_DETERMINATION;
            case "REQUEST_INFORMATION" -> NoticeKind.REQUEST_FOR_INFORMATION;
            default -> NoticeKind.APPEAL_UPHELD;
        };
        String determinationId = kind == NoticeKind.APPEAL_OVERTURNED
                ? latest(c.id(), "APPEAL_OVERTURNED").map(DeterminationRecord::id).orElse(d.id()) : d.id();
        String determination = kind == NoticeKind.APPEAL_OVERTURNED ? "APPEAL_OVERTURNED" : d.outcome();
        OffsetDateTime now = clock.nowInZone();
        List<DeterminationNoticeRepository.NewNotice> rows = new ArrayList<>();
        for (NoticeRecipient recipient : NoticeRecipient.values()) {
            NoticeSnapshot snapshot = snapshot(kind, recipient, determination, determinationId, c, d, now.toLocalDate());
            rows.add(new DeterminationNoticeRepository.NewNotice(UUID.randomUUID().toString(), d.caseId(),
                    determinationId, kind, recipient, json(snapshot), now));
        }
        notices.insert(rows);
        LOG.info("Determination notices {} recorded for case {} ({})", kind, d.caseId(), determinationId);
    }

    private NoticeSnapshot snapshot(NoticeKind kind, NoticeRecipient recipient, String determination,
                                    String determinationId, DeterminationNoticeRepository.CaseForNotice c,
                                    DeterminationRecord d, LocalDate noticeDate) {
        JsonNode request = read(c.requestJson(), c.id());
        String npi = recipient == NoticeRecipient.PRESCRIBER ? text(request.at("/prescriber/npi")) : null;
        NoticeSnapshot.Decider decider = reviewers.describe(d.decidedBy());
        NoticeSnapshot.Approval approval = null;
        List<NoticeSnapshot.Criterion> criteria = List.of();
        NoticeSnapshot.Information information = null;
        NoticeSnapshot.Appeal appeal = null;
        NoticeSnapshot.AppealOutcome appealOutcome = null;
        NoticeSnapshot.ExternalReview externalReview = null;
        switch (kind) {
            case APPROVAL -> approval = approval(c);
            case APPEAL_OVERTURNED -> {
                approval = approval(c);
                appealOutcome = appealOutcome(c, latest(c.id(), "DENIED").orElse(null));
            }
            case ADVERSE_DETERMINATION -> {
                criteria = criteria(d.criteriaCited(), d.criteriaJson(), c.id());
                ZonedDateTime ends = appealWindow.endsAt(d.decidedAt(), clock.zone());
                appeal = new NoticeSnapshot.Appeal(ends.toLocalDate().toString(),
                        ends.toLocalTime().truncatedTo(ChronoUnit.MINUTES).toString(), clock.zone().getId(),
                        windowText(appealWindow.period()), settings.appealInstructions(),
                        "EXPEDITED".equals(c.urgency()) ? settings.expeditedAppealInstructions() : null);
            }
            case REQUEST_FOR_INFORMATION -> information = new NoticeSnapshot.Information(d.informationRequested(),
                    d.decidedAt().plus(informationWait).atZoneSameInstant(clock.zone()).toLocalDate().toString());
            case APPEAL_UPHELD -> {
                DeterminationRecord denial = latest(c.id(), "DENIED").orElse(null);
                criteria = denial == null ? List.of() : criteria(denial.criteriaCited(), denial.criteriaJson(), c.id());
                appealOutcome = appealOutcome(c, denial);
                externalReview = new NoticeSnapshot.ExternalReview(
                        noticeDate.plusMonths(EXTERNAL_REVIEW_MONTHS).toString(), settings.externalReviewInstructions());
            }
        }
        return new NoticeSnapshot(kind.name(), recipient.name(), kind.title(), settings.planName(),
                settings.productName(), noticeDate.toString(), c.id(), c.requestId(), determinationId, c.memberId(),
                npi, drug(request.path("prescription")), c.indication(), catalogues.indicationName(c.indication()),
                c.requestType(), c.urgency(), determination, date(d.decidedAt()), decider, d.reason(),
                d.policyVersion() != null ? d.policyVersion() : c.policyVersion(), approval, criteria, information,
                appeal, appealOutcome, externalReview);
    }

    private static NoticeSnapshot.Approval approval(DeterminationNoticeRepository.CaseForNotice c) {
        if (c.authorizationId() == null) {
            throw new IllegalStateException("approved case " + c.id() + " has no authorization");
        }
        return new NoticeSnapshot.Approval(c.authorizationId(), c.validFrom().toString(),
                c.validTo().minusDays(1).toString(), c.validTo().toString(), c.durationMonths(), c.quantityLimit(),
                c.maxDosePerDayMg() == null ? null : c.maxDosePerDayMg().stripTrailingZeros().toPlainString());
    }

    private NoticeSnapshot.AppealOutcome appealOutcome(DeterminationNoticeRepository.CaseForNotice c,
                                                       DeterminationRecord denial) {
        return new NoticeSnapshot.AppealOutcome(c.appealReason(),
                c.appealFiledAt() == null ? null : date(c.appealFiledAt()),
                denial == null ? null : date(denial.decidedAt()), denial == null ? null : denial.reason(),
                denial == null ? null : reviewers.describe(denial.decidedBy()));
    }

    /**
     * @param outcome e.g. {@code DENIED} (the determination an appeal concerns) or {@code APPEAL_OVERTURNED} (the
     *                entry an overturn's notice reports)
     * @return the case's latest audit-trail entry with that outcome, this transaction's included
     */
    private Optional<DeterminationRecord> latest(String caseId, String outcome) {
        DeterminationRecord last = null;
        for (DeterminationRecord e : cases.findDeterminations(caseId)) {
            if (outcome.equals(e.outcome())) {
                last = e;
            }
        }
        return Optional.ofNullable(last);
    }

    /** @return the cited criteria with their recorded result, detail and reference, in the order cited */
    private List<NoticeSnapshot.Criterion> criteria(String cited, String criteriaJson, String caseId) {
        if (cited == null || cited.isBlank()) {
            return List.of();
        }
        Map<String, CriterionResult> recorded = new HashMap<>();
        if (criteriaJson != null) {
            try {
                for (CriterionResult r : objectMapper.readValue(criteriaJson, CriterionResult[].class)) {
                    recorded.put(r.id(), r);
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored criteria of case " + caseId + " are not readable", e);
            }
        }
        return Arrays.stream(cited.split(",")).map(String::trim).filter(id -> !id.isEmpty()).map(id -> {
            CriterionResult r = recorded.get(id);
            String result = r == null ? "UNKNOWN" : r.result();
            return new NoticeSnapshot.Criterion(id, result, resultText(result), r == null ? null : r.detail(),
                    r == null ? null : r.reference(),
                    catalogues.remedy(id).orElse("Records that show this criterion of the policy is met."));
        }).toList();
    }

    private static String resultText(String result) {
        return switch (result) {
            case "NOT_MET" -> "Not met";
            case "UNKNOWN" -> "Could not be confirmed from the information sent";
            case "MET" -> "Met";
            default -> "Does not apply";
        };
    }

    private static String drug(JsonNode prescription) {
        String name = text(prescription.path("drug"));
        if (name != null) {
            return name;
        }
        List<String> codes = new ArrayList<>();
        if (text(prescription.path("rxcui")) != null) {
            codes.add("RxCUI " + text(prescription.path("rxcui")));
        }
        if (text(prescription.path("ndc")) != null) {
            codes.add("NDC " + text(prescription.path("ndc")));
        }
        return "Kineret (anakinra)" + (codes.isEmpty() ? "" : ", " + String.join(", ", codes));
    }

    private String date(OffsetDateTime at) {
        return at.atZoneSameInstant(clock.zone()).toLocalDate().toString();
    }

    private static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() || node.asText().isBlank() ? null : node.asText();
    }

    private JsonNode read(String json, String caseId) {
        try {
            return objectMapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored request of case " + caseId + " is not readable", e);
        }
    }

    private String json(NoticeSnapshot snapshot) {
        try {
            return objectMapper.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notice snapshot not serialisable", e);
        }
    }

    /** @return the appeal window in words, e.g. {@code 180 calendar days} for P180D, {@code 6 months} for P6M */
    static String windowText(Period p) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (p.getYears() != 0) {
            parts.add(p.getYears() + (p.getYears() == 1 ? " year" : " years"));
        }
        if (p.getMonths() != 0) {
            parts.add(p.getMonths() + (p.getMonths() == 1 ? " month" : " months"));
        }
        if (p.getDays() != 0 || parts.isEmpty()) {
            parts.add(p.getDays() + (p.getDays() == 1 ? " calendar day" : " calendar days"));
        }
        return String.join(" and ", parts);
    }
}
