package com.healthplan.pa.kineret.notices;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.healthplan.pa.kineret.cases.CaseScope;
import com.healthplan.pa.kineret.plan.PlanClock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Reads the determination notices: a case's list, the outbox of unacknowledged notices for delivery systems, and
 * a notice's PDF. The PDF is rendered from the stored snapshot on its first read and stored with the template's
 * SHA-256; every later read returns the stored bytes. Two first reads at once may both render, but only the first
 * to store wins ({@code UPDATE ... WHERE pdf IS NULL}) and both answer its bytes.
 */
@Service
public class DeterminationNoticeService {

    private static final Logger LOG = LoggerFactory.getLogger(DeterminationNoticeService.class);
    /**
     * Path prefix under which a user logged in to Camunda's webapps reads a notice's PDF with that session:
     * {@code /webapp/prior-authorizations/{caseId}/notices/{noticeId}}.
     */
    public static final String WEBAPP_PATH = "/webapp/prior-authorizations/";

    private final DeterminationNoticeRepository notices;
    private final NoticeRenderer renderer;
    private final ObjectMapper objectMapper;
    private final PlanClock clock;

    /** Wires the table, the renderer and the clock. */
    public DeterminationNoticeService(DeterminationNoticeRepository notices, NoticeRenderer renderer,
                                      ObjectMapper objectMapper, PlanClock clock) {
        this.notices = notices;
        this.renderer = renderer;
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    /**
     * A notice's PDF.
     *
     * @param bytes          the PDF as stored
     * @param fileName       a file name for {@code Content-Disposition}: ASCII letters, digits, {@code .-_} only
     * @param templateSha256 SHA-256 of the template it was rendered from
     */
    public record Pdf(String noticeId, String caseId, byte[] bytes, String fileName, String templateSha256) { }

    /** @return the case's notices, oldest first */
    public List<DeterminationNoticeRepository.NoticeRow> ofCase(String caseId) {
        return notices.byCase(caseId);
    }

    /**
     * @param limit      most notices, positive
     * @param visibility whose cases' notices
     * @return unacknowledged notices, oldest first
     * @throws IllegalArgumentException when {@code limit} is not positive
     */
    public List<DeterminationNoticeRepository.NoticeRow> unacknowledged(int limit, CaseScope.Visibility visibility) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        return notices.unacknowledged(limit, visibility);
    }

    /**
     * Acknowledges a notice (idempotent).
     *
     * @return false when the notice is unknown or outside {@code visibility} (it is then left as it is)
     */
    public boolean acknowledge(String noticeId, String by, CaseScope.Visibility visibility) {
        return notices.acknowledge(noticeId, by, clock.nowInZone(), visibility);
    }

    /**
     * @param noticeId the notice's id
     * @return the notice's PDF, rendered and stored on the first read; empty when the notice is unknown
     * @throws IllegalStateException when the stored snapshot is not readable or the layout fails
     */
    public Optional<Pdf> pdf(String noticeId) {
        Optional<DeterminationNoticeRepository.NoticeContent> found = notices.content(noticeId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        DeterminationNoticeRepository.NoticeContent n = found.get();
        if (n.pdf() == null) {
            long started = System.nanoTime();
            byte[] rendered = renderer.pdf(snapshot(n));
            boolean stored = notices.storePdf(n.id(), rendered, renderer.templateSha256(), clock.nowInZone());
            LOG.info("Determination notice {} rendered in {} ms ({} bytes){}", n.id(),
                    (System.nanoTime() - started) / 1_000_000, rendered.length, stored ? "" : ", stored before");
            n = notices.content(noticeId).orElseThrow();
        }
        return Optional.of(new Pdf(n.id(), n.caseId(), n.pdf(), fileName(n), n.templateSha256()));
    }

    /** @return the path of a notice's PDF for the webapps' users ({@link #WEBAPP_PATH}) */
    public static String webappPath(String caseId, String noticeId) {
        return WEBAPP_PATH + caseId + "/notices/" + noticeId;
    }

    /**
     * The review forms' list of the case's notices (process variable {@code noticeLinks}, shown by a text component
     * of the Camunda Forms, which renders Markdown): one link per notice to its PDF under {@link #WEBAPP_PATH},
     * newest first. Built from the system's own records only: the ids are UUIDs and every other word is fixed.
     *
     * @return Markdown text
     */
    public String formLinks(String caseId) {
        List<DeterminationNoticeRepository.NoticeRow> rows = new java.util.ArrayList<>(notices.byCase(caseId));
        if (rows.isEmpty()) {
            return "**Determination notices:** none yet.";
        }
        rows.sort(java.util.Comparator.comparing(DeterminationNoticeRepository.NoticeRow::createdAt).reversed());
        StringBuilder md = new StringBuilder("**Determination notices** (PDF, opened with your Tasklist login):\n");
        for (DeterminationNoticeRepository.NoticeRow n : rows) {
            md.append("\n- [").append(n.kind().title()).append(", to the ")
                    .append(n.recipient().name().toLowerCase(Locale.ROOT)).append(", ")
                    .append(n.createdAt().atZoneSameInstant(clock.zone()).toLocalDate()).append("](")
                    .append(webappPath(n.caseId(), n.id())).append(")");
        }
        return md.toString();
    }

    /** @return the notice's snapshot as stored, as a JSON object */
    public Map<String, Object> snapshot(DeterminationNoticeRepository.NoticeContent n) {
        try {
            return objectMapper.readValue(n.snapshotJson(), new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("snapshot of notice " + n.id() + " is not readable", e);
        }
    }

    private static String fileName(DeterminationNoticeRepository.NoticeContent n) {
        String requestId = n.requestId().replaceAll("[^A-Za-z0-9._-]", "_");
        return "notice-" + requestId + "-" + n.kind().name().toLowerCase(Locale.ROOT).replace('_', '-') + "-"
                + n.recipient().name().toLowerCase(Locale.ROOT) + ".pdf";
    }
}
