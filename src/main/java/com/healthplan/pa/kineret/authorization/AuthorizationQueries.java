package com.healthplan.pa.kineret.authorization;

import com.healthplan.pa.kineret.intake.AuthorizationRecord;
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
 * {@link AuthorizationRepository#MAPPER}; dates are calendar dates, {@code validTo} exclusive.
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

    /** @return the member's authorizations with their cases' requestIds, ordered by {@code validFrom} (empty if none) */
    public List<AuthorizationWithRequestId> byMemberWithRequestIds(String memberId) {
        return jdbc.sql("SELECT " + COLUMNS_WITH_REQUEST_ID + " FROM pa_authorization WHERE member_id = ? "
                + "ORDER BY valid_from, valid_to, id").param(memberId).query(WITH_REQUEST_ID).list();
    }

    /** @return the member's authorizations, ordered by {@code validFrom} (empty if none) */
    public List<AuthorizationRecord> byMember(String memberId) {
        return jdbc.sql("SELECT " + AuthorizationRepository.COLUMNS + " FROM pa_authorization WHERE member_id = ? "
                + "ORDER BY valid_from, valid_to, id").param(memberId).query(AuthorizationRepository.MAPPER).list();
    }

    /** @return the member's authorizations valid on {@code date} ({@code validFrom <= date < validTo}), by {@code validFrom} */
    public List<AuthorizationRecord> byMemberOn(String memberId, LocalDate date) {
        return jdbc.sql("SELECT " + AuthorizationRepository.COLUMNS + " FROM pa_authorization WHERE member_id = ? "
                        + "AND valid_from <= ? AND valid_to > ? ORDER BY valid_from, valid_to, id")
                .params(memberId, date, date).query(AuthorizationRepository.MAPPER).list();
    }

    /**
     * @param limit most notices to return, positive
     * @return renewal notices not yet acknowledged, oldest {@code issuedAt} first
     */
    public List<RenewalNotice> openRenewalNotices(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        return jdbc.sql("SELECT id, authorization_id, member_id, valid_to, issued_at FROM pa_renewal_notice "
                + "WHERE acknowledged_at IS NULL ORDER BY issued_at, id LIMIT ?").param(limit).query(NOTICE).list();
    }

    /**
     * Acknowledges a renewal notice: records who and when, once; acknowledging it again changes nothing.
     *
     * @param id             notice id
     * @param acknowledgedBy user id of the intake system
     * @param at             time of the acknowledgement
     * @return true if the notice exists (acknowledged now or before), false if unknown
     */
    public boolean acknowledgeRenewalNotice(String id, String acknowledgedBy, OffsetDateTime at) {
        int updated = jdbc.sql("UPDATE pa_renewal_notice SET acknowledged_at = ?, acknowledged_by = ? "
                        + "WHERE id = ? AND acknowledged_at IS NULL")
                .params(Timestamp.from(at.toInstant()), acknowledgedBy, id).update();
        if (updated > 0) {
            return true;
        }
        return jdbc.sql("SELECT COUNT(*) FROM pa_renewal_notice WHERE id = ?").param(id).query(Integer.class).single() > 0;
    }
}
