package com.healthplan.pa.kineret.authorization;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes and single reads of authorizations ({@code pa_authorization}) and renewal notices
 * ({@code pa_renewal_notice}, the outbox intake systems pick renewal notices up from). Writes join the caller's
 * transaction (the process engine's, inside delegates).
 */
@Repository
public class AuthorizationRepository {

    /** Columns of {@link #MAPPER}, in order. */
    public static final String COLUMNS = "id, pa_request_id, member_id, indication, request_type, valid_from, valid_to, "
            + "duration_months, quantity_limit, max_dose_per_day_mg, status, previous_authorization_id, superseded_by, "
            + "renewal_due_on";

    /** Maps a row selected with {@link #COLUMNS}. */
    public static final RowMapper<AuthorizationRecord> MAPPER = (rs, n) -> new AuthorizationRecord(rs.getString(1),
            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), date(rs, 6), date(rs, 7), rs.getInt(8),
            rs.getString(9), rs.getBigDecimal(10), AuthorizationStatus.valueOf(rs.getString(11)), rs.getString(12), rs.getString(13), date(rs, 14));

    private final JdbcClient jdbc;

    /** @param jdbc JDBC client on the application data source */
    public AuthorizationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new authorization. */
    public void insert(AuthorizationRecord a) {
        jdbc.sql("INSERT INTO pa_authorization (id, pa_request_id, member_id, indication, request_type, valid_from, "
                        + "valid_to, duration_months, quantity_limit, max_dose_per_day_mg, status, previous_authorization_id, "
                        + "superseded_by, renewal_due_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(a.id(), a.caseId(), a.memberId(), a.indication(), a.requestType(), a.validFrom(), a.validTo(),
                        a.durationMonths(), a.quantityLimit(), a.maxDosePerDayMg(), a.status().name(), a.previousAuthorizationId(),
                        a.supersededBy(), a.renewalDueOn(), Timestamp.from(Clock.systemUTC().instant()))
                .update();
    }

    /** @return the authorization with this id, if any */
    public Optional<AuthorizationRecord> findById(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM pa_authorization WHERE id = ?").param(id).query(MAPPER).optional();
    }

    /** @return the authorization granted for this case, if any */
    public Optional<AuthorizationRecord> findByCaseId(String caseId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM pa_authorization WHERE pa_request_id = ?").param(caseId)
                .query(MAPPER).optional();
    }

    /** Sets the lifecycle status (stored as its name). */
    public void setStatus(String id, AuthorizationStatus status) {
        jdbc.sql("UPDATE pa_authorization SET status = ? WHERE id = ?").params(status.name(), id).update();
    }

    /** Links an authorization to the renewal that continues it. */
    public void setSupersededBy(String id, String renewalId) {
        jdbc.sql("UPDATE pa_authorization SET superseded_by = ? WHERE id = ?").params(renewalId, id).update();
    }

    /**
     * Issues the renewal notice of an authorization (at most one: a repeated call changes nothing).
     *
     * @return true if a notice was issued now
     */
    public boolean issueRenewalNotice(AuthorizationRecord a, OffsetDateTime at) {
        return jdbc.sql("INSERT INTO pa_renewal_notice (id, authorization_id, member_id, valid_to, issued_at) "
                        + "SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM pa_renewal_notice WHERE authorization_id = ?)")
                .params(UUID.randomUUID().toString(), a.id(), a.memberId(), a.validTo(), Timestamp.from(at.toInstant()), a.id())
                .update() == 1;
    }

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }
}
