package com.healthplan.pa.kineret.fhir.subscription;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Data access for {@code fhir_subscription} and its notification outbox {@code fhir_notification} (Flyway
 * migration V8). Every write joins the caller's transaction (the process engine's inside delegates).
 */
@Repository
public class SubscriptionRepository {

    private static final String SUBSCRIPTION_COLUMNS =
            "id, owner, status, endpoint, resource_json, events_since_start, created_at";
    private static final String NOTIFICATION_COLUMNS = "id, subscription_id, pa_request_id, determination_id, "
            + "event_number, created_at, attempts, last_attempt_at, last_result, delivered_at, cancelled_at";

    private final JdbcClient jdbc;

    /** @param jdbc JDBC client on the application data source */
    public SubscriptionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new subscription (no events yet). */
    public void insert(SubscriptionRecord s, OffsetDateTime at) {
        jdbc.sql("INSERT INTO fhir_subscription (id, owner, status, endpoint, resource_json, events_since_start, "
                        + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)")
                .params(s.id(), s.owner(), s.status(), s.endpoint(), s.resourceJson(), ts(at), ts(at))
                .update();
    }

    /** @return the subscription with this id, if any */
    public Optional<SubscriptionRecord> findById(String id) {
        return jdbc.sql("SELECT " + SUBSCRIPTION_COLUMNS + " FROM fhir_subscription WHERE id = ?").param(id)
                .query(SUBSCRIPTION_MAPPER).optional();
    }

    /** @return the active subscriptions of an account, oldest first */
    public List<SubscriptionRecord> findActiveByOwner(String owner) {
        return jdbc.sql("SELECT " + SUBSCRIPTION_COLUMNS + " FROM fhir_subscription WHERE owner = ? AND status = ? "
                        + "ORDER BY created_at, id")
                .params(owner, SubscriptionRecord.ACTIVE).query(SUBSCRIPTION_MAPPER).list();
    }

    /** Sets a subscription's status ({@code active} or {@code off}). */
    public void setStatus(String id, String status, OffsetDateTime at) {
        jdbc.sql("UPDATE fhir_subscription SET status = ?, updated_at = ? WHERE id = ?").params(status, ts(at), id).update();
    }

    /**
     * Gives out the subscription's next event number; the row stays locked until the caller's transaction ends, so
     * numbers are consecutive and never given twice.
     *
     * @return the new event number (1 for the first event)
     */
    public long nextEventNumber(String subscriptionId, OffsetDateTime at) {
        jdbc.sql("UPDATE fhir_subscription SET events_since_start = events_since_start + 1, updated_at = ? WHERE id = ?")
                .params(ts(at), subscriptionId).update();
        return jdbc.sql("SELECT events_since_start FROM fhir_subscription WHERE id = ?").param(subscriptionId)
                .query(Long.class).single();
    }

    /** Puts a notification in the outbox (not yet attempted). */
    public void insertNotification(NotificationRecord n) {
        jdbc.sql("INSERT INTO fhir_notification (id, subscription_id, pa_request_id, determination_id, event_number, "
                        + "created_at, attempts) VALUES (?, ?, ?, ?, ?, ?, 0)")
                .params(n.id(), n.subscriptionId(), n.caseId(), n.determinationId(), n.eventNumber(), ts(n.createdAt()))
                .update();
    }

    /** @return the notification with this id, if any */
    public Optional<NotificationRecord> findNotification(String id) {
        return jdbc.sql("SELECT " + NOTIFICATION_COLUMNS + " FROM fhir_notification WHERE id = ?").param(id)
                .query(NOTIFICATION_MAPPER).optional();
    }

    /** @return the notifications about a case, oldest first */
    public List<NotificationRecord> findNotificationsOfCase(String caseId) {
        return jdbc.sql("SELECT " + NOTIFICATION_COLUMNS + " FROM fhir_notification WHERE pa_request_id = ? "
                        + "ORDER BY created_at, event_number").param(caseId).query(NOTIFICATION_MAPPER).list();
    }

    /**
     * Records one delivery attempt and its result; {@code delivered} also sets {@code delivered_at}.
     *
     * @param result e.g. {@code HTTP 200}, {@code HTTP 503}, {@code connection failed: ConnectException}
     */
    public void recordAttempt(String id, OffsetDateTime at, String result, boolean delivered) {
        if (delivered) {
            jdbc.sql("UPDATE fhir_notification SET attempts = attempts + 1, last_attempt_at = ?, last_result = ?, "
                            + "delivered_at = ? WHERE id = ?")
                    .params(ts(at), result, ts(at), id).update();
        } else {
            jdbc.sql("UPDATE fhir_notification SET attempts = attempts + 1, last_attempt_at = ?, last_result = ? "
                            + "WHERE id = ?")
                    .params(ts(at), result, id).update();
        }
    }

    /** Gives a notification up: its subscription is off. */
    public void cancel(String id, OffsetDateTime at) {
        jdbc.sql("UPDATE fhir_notification SET cancelled_at = ? WHERE id = ? AND delivered_at IS NULL").params(ts(at), id).update();
    }

    private static Timestamp ts(OffsetDateTime t) {
        return t == null ? null : Timestamp.from(t.toInstant());
    }

    private static OffsetDateTime odt(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant().atOffset(ZoneOffset.UTC);
    }

    private static final RowMapper<SubscriptionRecord> SUBSCRIPTION_MAPPER = (rs, n) -> new SubscriptionRecord(
            rs.getString("id"), rs.getString("owner"), rs.getString("status"), rs.getString("endpoint"),
            rs.getString("resource_json"), rs.getLong("events_since_start"), odt(rs, "created_at"));

    private static final RowMapper<NotificationRecord> NOTIFICATION_MAPPER = (rs, n) -> new NotificationRecord(
            rs.getString("id"), rs.getString("subscription_id"), rs.getString("pa_request_id"),
            rs.getString("determination_id"), rs.getLong("event_number"), odt(rs, "created_at"), rs.getInt("attempts"),
            odt(rs, "last_attempt_at"), rs.getString("last_result"), odt(rs, "delivered_at"), odt(rs, "cancelled_at"));
}
