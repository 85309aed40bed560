package com.healthplan.pa.kineret.notices;

import com.healthplan.pa.kineret.cases.CaseScope;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Data access for {@code pa_determination_notice} (Flyway migration V9) and the one read a notice is written from.
 * Writes join the caller's transaction (the process engine's, inside delegates).
 */
@Repository
public class DeterminationNoticeRepository {

    private static final String LIST_COLUMNS = "n.id, n.pa_request_id, r.request_id, n.determination_id, d.outcome, "
            + "n.kind, n.recipient, n.created_at, n.acknowledged_at";
    private static final String LIST_FROM = " FROM pa_determination_notice n JOIN pa_request r ON r.id = n.pa_request_id "
            + "LEFT JOIN pa_determination d ON d.id = n.determination_id";

    private final JdbcClient jdbc;

    /** @param jdbc JDBC client on the application data source */
    public DeterminationNoticeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What a notice is written from: the case's record and, once approved, its authorization (one statement).
     *
     * @param requestJson          the stored request (JSON)
     * @param authorizationId      null before an approval
     * @param validFrom            first day the authorization holds, or null
     * @param validTo              first day it no longer holds, or null
     * @param maxDosePerDayMg      mg/day, or null
     */
    public record CaseForNotice(String id, String requestId, String requestJson, String requestType, String memberId,
                                String urgency, String indication, String policyVersion, String appealStatus,
                                String appealReason, OffsetDateTime appealFiledAt, String authorizationId,
                                LocalDate validFrom, LocalDate validTo, Integer durationMonths, String quantityLimit,
                                BigDecimal maxDosePerDayMg) { }

    /** One stored notice without its snapshot and PDF. */
    public record NoticeRow(String id, String caseId, String requestId, String determinationId, String determination,
                            NoticeKind kind, NoticeRecipient recipient, OffsetDateTime createdAt,
                            OffsetDateTime acknowledgedAt) { }

    /** A notice's snapshot and, once rendered, its PDF and the SHA-256 (hex) of the template it was rendered from. */
    public record NoticeContent(String id, String caseId, String requestId, NoticeKind kind, NoticeRecipient recipient,
                                String snapshotJson, byte[] pdf, String templateSha256) { }

    /** One row to insert. */
    public record NewNotice(String id, String caseId, String determinationId, NoticeKind kind,
                            NoticeRecipient recipient, String snapshotJson, OffsetDateTime createdAt) { }

    /** @return the case and its authorization (left join: none before an approval), if the case exists */
    public Optional<CaseForNotice> caseForNotice(String caseId) {
        return jdbc.sql("SELECT r.id, r.request_id, r.request_json, r.request_type, r.member_id, r.urgency, r.indication, "
                        + "r.policy_version, r.appeal_status, r.appeal_reason, r.appeal_filed_at, a.id AS authorization_id, "
                        + "a.valid_from, a.valid_to, a.duration_months, a.quantity_limit, a.max_dose_per_day_mg "
                        + "FROM pa_request r LEFT JOIN pa_authorization a ON a.pa_request_id = r.id WHERE r.id = ?")
                .param(caseId)
                .query((rs, n) -> new CaseForNotice(rs.getString("id"), rs.getString("request_id"),
                        rs.getString("request_json"), rs.getString("request_type"), rs.getString("member_id"),
                        rs.getString("urgency"), rs.getString("indication"), rs.getString("policy_version"),
                        rs.getString("appeal_status"), rs.getString("appeal_reason"), odt(rs, "appeal_filed_at"),
                        rs.getString("authorization_id"), rs.getObject("valid_from", LocalDate.class),
                        rs.getObject("valid_to", LocalDate.class), (Integer) rs.getObject("duration_months", Integer.class),
                        rs.getString("quantity_limit"), rs.getBigDecimal("max_dose_per_day_mg")))
                .optional();
    }

    /** Inserts the notices of one determination in one statement (one row per recipient). */
    public void insert(List<NewNotice> notices) {
        if (notices.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO pa_determination_notice (id, pa_request_id, determination_id, "
                + "kind, recipient, snapshot_json, created_at) VALUES ");
        Object[] params = new Object[notices.size() * 7];
        int i = 0;
        for (NewNotice n : notices) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?)");
            params[i++] = n.id();
            params[i++] = n.caseId();
            params[i++] = n.determinationId();
            params[i++] = n.kind().name();
            params[i++] = n.recipient().name();
            params[i++] = n.snapshotJson();
            params[i++] = Timestamp.from(n.createdAt().toInstant());
        }
        jdbc.sql(sql.toString()).params(params).update();
    }

    /** @return the case's notices, oldest first (prescriber before member) */
    public List<NoticeRow> byCase(String caseId) {
        return jdbc.sql("SELECT " + LIST_COLUMNS + LIST_FROM + " WHERE n.pa_request_id = ? "
                        + "ORDER BY n.created_at, n.determination_id, n.recipient DESC")
                .param(caseId).query(ROW).list();
    }

    /**
     * @param limit      most notices, positive
     * @param visibility whose cases' notices ({@link CaseScope#visibility})
     * @return unacknowledged notices, oldest first
     */
    public List<NoticeRow> unacknowledged(int limit, CaseScope.Visibility visibility) {
        return scoped("SELECT " + LIST_COLUMNS + LIST_FROM + " WHERE n.acknowledged_at IS NULL" + inScope(visibility)
                + " ORDER BY n.created_at, n.id LIMIT :limit", visibility).param("limit", limit).query(ROW).list();
    }

    /**
     * Acknowledges a notice once; acknowledging it again changes nothing.
     *
     * @return true if the notice exists and is in {@code visibility} (acknowledged now or before)
     */
    public boolean acknowledge(String id, String by, OffsetDateTime at, CaseScope.Visibility visibility) {
        int updated = scoped("UPDATE pa_determination_notice SET acknowledged_at = :at, acknowledged_by = :by "
                + "WHERE id = :id AND acknowledged_at IS NULL" + inScope(visibility).replace("n.pa_request_id",
                "pa_determination_notice.pa_request_id"), visibility)
                .param("at", Timestamp.from(at.toInstant())).param("by", by).param("id", id).update();
        if (updated > 0) {
            return true;
        }
        return scoped("SELECT COUNT(*) FROM pa_determination_notice n WHERE n.id = :id" + inScope(visibility), visibility)
                .param("id", id).query(Integer.class).single() > 0;
    }

    /** @return the notice's snapshot and stored PDF, if the notice exists */
    public Optional<NoticeContent> content(String id) {
        return jdbc.sql("SELECT n.id, n.pa_request_id, r.request_id, n.kind, n.recipient, n.snapshot_json, n.pdf, "
                        + "n.template_sha256 FROM pa_determination_notice n JOIN pa_request r ON r.id = n.pa_request_id "
                        + "WHERE n.id = ?")
                .param(id)
                .query((rs, n) -> new NoticeContent(rs.getString(1), rs.getString(2), rs.getString(3),
                        NoticeKind.valueOf(rs.getString(4)), NoticeRecipient.valueOf(rs.getString(5)), rs.getString(6),
                        rs.getBytes(7), rs.getString(8)))
                .optional();
    }

    /**
     * Stores a rendered PDF unless one is stored already (a concurrent first read rendered it too): the first
     * stored stays.
     *
     * @return true if this call stored it
     */
    public boolean storePdf(String id, byte[] pdf, String templateSha256, OffsetDateTime at) {
        return jdbc.sql("UPDATE pa_determination_notice SET pdf = ?, template_sha256 = ?, rendered_at = ? "
                        + "WHERE id = ? AND pdf IS NULL")
                .params(pdf, templateSha256, Timestamp.from(at.toInstant()), id).update() > 0;
    }


    private static String inScope(CaseScope.Visibility visibility) {
        if (visibility.all()) {
            return "";
        }
        if (visibility.accounts().isEmpty()) {
            return " AND 1 = 0";
        }
        return " AND n.pa_request_id IN (SELECT s.id FROM pa_request s WHERE s.submitted_by IN (:submitters))";
    }

    private JdbcClient.StatementSpec scoped(String sql, CaseScope.Visibility visibility) {
        JdbcClient.StatementSpec statement = jdbc.sql(sql);
        return sql.contains(":submitters") ? statement.param("submitters", visibility.accounts()) : statement;
    }

    private static OffsetDateTime odt(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant().atOffset(ZoneOffset.UTC);
    }

    private static final RowMapper<NoticeRow> ROW = (rs, n) -> new NoticeRow(rs.getString("id"),
            rs.getString("pa_request_id"), rs.getString("request_id"), rs.getString("determination_id"),
            rs.getString("outcome"), NoticeKind.valueOf(rs.getString("kind")),
            NoticeRecipient.valueOf(rs.getString("recipient")), odt(rs, "created_at"), odt(rs, "acknowledged_at"));
}
