package com.healthplan.pa.kineret.authorization;

import com.healthplan.pa.kineret.cases.CaseScope;
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
 * Reads of authorizations ({@code pa_authorization}) and of the renewal notice outbox ({@code pa_renewal_notice}) for
 * the authorization API and the claim check, plus the acknowledgement of a notice. Rows are mapped with
 * {@link AuthorizationRepository#MAPPER}; dates are calendar dates, {@code validTo} exclusive. Reads for the API are
 * limited to the authorizations of the cases a caller sees ({@link CaseScope}: an intake account's own and its
 * organisation's cases).
 */
@Repository
public class AuthorizationQueries {

    /** {@link AuthorizationRepository#COLUMNS} and, last, the {@code requestId} of the authorization's case. */
    private static final String COLUMNS_WITH_REQUEST_ID = AuthorizationRepository.COLUMNS
            + ", (SELECT r.request_id FROM pa_request r WHERE r.id = pa_authorization.pa_request_id) AS case_request_id";
    private static final int REQUEST_ID_COLUMN = AuthorizationRepository.COLUMNS.split(",").length + 1;
    private static final RowMapper<AuthorizationWithRequestId> WITH_REQUEST_ID = (rs, n) ->
            new AuthorizationWithRequestId(AuthorizationRepository.MAPPER.mapRow(rs, n), rs.getString(REQUEST_ID_COLUMN));
    private static final RowMapper<RenewalNotice> NOTICE = (rs, n) -> {
        Timestamp issued = rs.getTimestamp(5);
        return new RenewalNotice(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class),
                issued == null ? null : issued.toInstant().atOffset(ZoneOffset.UTC));
    };

    private final JdbcClient jdbc;

    /** @param jdbc JDBC client on the application data source */
    public AuthorizationQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * An authorization with the intake system's {@code requestId} of the case that granted it.
     *
     * @param authorization the stored authorization
     * @param requestId     the case's requestId (null only if the case row were missing)
     */
    public record AuthorizationWithRequestId(AuthorizationRecord authorization, String requestId) { }

    /**
     * An open or acknowledged renewal notice.
     *
     * @param id              notice id
     * @param authorizationId the authorization due for renewal
     * @param memberId        its member
     * @param validTo         the authorization's {@code validTo} (first day it no longer holds)
     * @param issuedAt        when the notice was issued (UTC)
     */
    public record RenewalNotice(String id, String authorizationId, String memberId, LocalDate validTo,
                                OffsetDateTime issuedAt) { }

    /** @return the authorization with this id and its case's requestId, if any */
    public Optional<AuthorizationWithRequestId> byId(String id) {
        return jdbc.sql("SELECT " + COLUMNS_WITH_REQUEST_ID + " FROM pa_authorization WHERE id = ?").param(id)
                .query(WITH_REQUEST_ID).optional();
    }

    /**
     * @param memberId   the member
     * @param visibility whose cases' authorizations to include ({@link CaseScope#visibility})
     * @return the member's authorizations granted by visible cases, with their cases' requestIds, ordered by
     *         {@code validFrom} (empty if none)
     */
    public List<AuthorizationWithRequestId> byMemberWithRequestIds(String memberId, CaseScope.Visibility visibility) {
        return scoped("SELECT " + COLUMNS_WITH_REQUEST_ID + " FROM pa_authorization WHERE member_id = :member"
                + inScope("pa_authorization.pa_request_id", visibility) + " ORDER BY valid_from, valid_to, id", visibility)
                .param("member", memberId).query(WITH_REQUEST_ID).list();
    }

    /**
     * @param memberId   the member
     * @param visibility whose cases' authorizations to include ({@link CaseScope#visibility})
     * @return the member's authorizations granted by visible cases, ordered by {@code validFrom} (empty if none)
     */
    public List<AuthorizationRecord> byMember(String memberId, CaseScope.Visibility visibility) {
        return scoped("SELECT " + AuthorizationRepository.COLUMNS + " FROM pa_authorization WHERE member_id = :member"
                + inScope("pa_authorization.pa_request_id", visibility) + " ORDER BY valid_from, valid_to, id", visibility)
                .param("member", memberId).query(AuthorizationRepository.MAPPER).list();
    }

    /**
     * @return the SQL condition (with a leading {@code AND}) that the case in {@code caseColumn} was submitted by a
     *         visible account; empty when every case is visible, never true when no account is
     */
    private static String inScope(String caseColumn, CaseScope.Visibility visibility) {
        if (visibility.all()) {
            return "";
        }
        if (visibility.accounts().isEmpty()) {
            return " AND 1 = 0";
        }
        return " AND " + caseColumn + " IN (SELECT r.id FROM pa_request r WHERE r.submitted_by IN (:submitters))";
    }

    /** @return the statement with the visible accounts bound to {@code :submitters} where {@link #inScope} used them */
    private JdbcClient.StatementSpec scoped(String sql, CaseScope.Visibility visibility) {
        JdbcClient.StatementSpec statement = jdbc.sql(sql);
        return sql.contains(":submitters") ? statement.param("submitters", visibility.accounts()) : statement;
    }

    /** @return the member's authorizations valid on {@code date} ({@code validFrom <= date < validTo}), by {@code validFrom} */
    public List<AuthorizationRecord> byMemberOn(String memberId, LocalDate date) {
        return jdbc.sql("SELECT " + AuthorizationRepository.COLUMNS + " FROM pa_authorization WHERE member_id = ? "
                        + "AND valid_from <= ? AND valid_to > ? ORDER BY valid_from, valid_to, id")
                .params(memberId, date, date).query(AuthorizationRepository.MAPPER).list();
    }

    /**
     * @param limit      most notices to return, positive
     * @param visibility whose cases' notices to include ({@link CaseScope#visibility})
     * @return renewal notices of visible cases' authorizations not yet acknowledged, oldest {@code issuedAt} first
     */
    public List<RenewalNotice> openRenewalNotices(int limit, CaseScope.Visibility visibility) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        return scoped("SELECT id, authorization_id, member_id, valid_to, issued_at FROM pa_renewal_notice "
                + "WHERE acknowledged_at IS NULL" + noticeInScope(visibility) + " ORDER BY issued_at, id LIMIT :limit",
                visibility).param("limit", limit).query(NOTICE).list();
    }

    /**
     * Acknowledges a renewal notice: records who and when, once; acknowledging it again changes nothing. A notice of
     * a case outside {@code visibility} is left as it is and answered as unknown.
     *
     * @param id             notice id
     * @param acknowledgedBy user id of the intake system
     * @param at             time of the acknowledgement
     * @param visibility     whose cases' notices the caller may acknowledge ({@link CaseScope#visibility})
     * @return true if the notice exists and is visible (acknowledged now or before), false otherwise
     */
    public boolean acknowledgeRenewalNotice(String id, String acknowledgedBy, OffsetDateTime at,
                                            CaseScope.Visibility visibility) {
        int updated = scoped("UPDATE pa_renewal_notice SET acknowledged_at = :at, acknowledged_by = :by "
                        + "WHERE id = :id AND acknowledged_at IS NULL" + noticeInScope(visibility), visibility)
                .param("at", Timestamp.from(at.toInstant())).param("by", acknowledgedBy).param("id", id).update();
        if (updated > 0) {
            return true;
        }
        return scoped("SELECT COUNT(*) FROM pa_renewal_notice WHERE id = :id" + noticeInScope(visibility), visibility)
                .param("id", id).query(Integer.class).single() > 0;
    }

    /** @return {@link #inScope} for the case of a notice's authorization */
    private static String noticeInScope(CaseScope.Visibility visibility) {
        return inScope("(SELECT a.pa_request_id FROM pa_authorization a "
                + "WHERE a.id = pa_renewal_notice.authorization_id)", visibility);
    }
}
