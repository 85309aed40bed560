package com.healthplan.pa.kineret.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Data access for {@code pa_request} and {@code pa_authorization} (Flyway migration V1).
 * Uniqueness of {@code requestId} is the database constraint {@code uq_pa_request_request_id}: an insert of a
 * known requestId throws {@link org.springframework.dao.DuplicateKeyException}.
 * All writes join the caller's transaction, which is the process engine's transaction inside delegates.
 */
@Repository
public class PriorAuthorizationRepository {

    private static final String CASE_COLUMNS = "id, request_id, content_sha256, request_json, request_type, member_id, "
            + "request_date, urgency, status, indication, route, criteria_json, policy_version, decision_outcome, "
            + "decided_by, decided_at, decision_reason, process_instance_id, received_at, due_by, escalated_at, overdue_since, "
            + "information_requested, previous_authorization_id, appeal_status, appeal_reason, appeal_filed_at, "
            + "appeal_decided_by, appeal_decided_at, appeal_decision_reason";

    private final JdbcClient jdbc;

    /** @param jdbc JDBC client on the application data source */
    public PriorAuthorizationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts a new case in status {@code RECEIVED}.
     *
     * @throws org.springframework.dao.DuplicateKeyException if its requestId is already stored
     */
    public void insert(PriorAuthorizationCase c) {
        jdbc.sql("INSERT INTO pa_request (id, request_id, content_sha256, request_json, request_type, member_id, "
                        + "request_date, urgency, status, received_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(c.id(), c.requestId(), c.contentSha256(), c.requestJson(), c.requestType(), c.memberId(),
                        c.requestDate(), c.urgency(), c.status().name(), ts(c.receivedAt()), ts(c.receivedAt()))
                .update();
    }

    /** Records who submitted the case (the authenticated intake user). */
    public void setSubmittedBy(String id, String user) {
        jdbc.sql("UPDATE pa_request SET submitted_by = ? WHERE id = ?").params(user, id).update();
    }

    /** @return who submitted the case, if recorded */
    public Optional<String> findSubmittedBy(String id) {
        return jdbc.sql("SELECT submitted_by FROM pa_request WHERE id = ?").param(id).query(String.class).optional();
    }

    /** Records the process instance that decides the case. */
    public void setProcessInstanceId(String id, String processInstanceId) {
        jdbc.sql("UPDATE pa_request SET process_instance_id = ? WHERE id = ?").params(processInstanceId, id).update();
    }

    /** Records the indication, the criteria results (JSON array) and the policy version they were evaluated under. */
    public void recordCriteria(String id, String indication, String criteriaJson, String policyVersion) {
        jdbc.sql("UPDATE pa_request SET indication = ?, criteria_json = ?, policy_version = ?, updated_at = ? WHERE id = ?")
                .params(indication, criteriaJson, policyVersion, ts(now()), id)
                .update();
    }

    /** Records the route and the resulting status. */
    public void recordRoute(String id, String route, CaseStatus status) {
        jdbc.sql("UPDATE pa_request SET route = ?, status = ?, updated_at = ? WHERE id = ?")
                .params(route, status.name(), ts(now()), id)
                .update();
    }

    /** Records a determination (approval or adverse determination) and the status it leads to. */
    public void recordDecision(String id, CaseStatus status, String outcome, String decidedBy,
                               OffsetDateTime decidedAt, String reason) {
        jdbc.sql("UPDATE pa_request SET status = ?, decision_outcome = ?, decided_by = ?, decided_at = ?, "
                        + "decision_reason = ?, updated_at = ? WHERE id = ?")
                .params(status.name(), outcome, decidedBy, ts(decidedAt), reason, ts(now()), id)
                .update();
    }

    /** Records the decision deadline. */
    public void setDueBy(String id, OffsetDateTime dueBy) {
        jdbc.sql("UPDATE pa_request SET due_by = ?, updated_at = ? WHERE id = ?").params(ts(dueBy), ts(now()), id).update();
    }

    /** Records the escalation to supervisors at 75 % of the deadline (first time only). */
    public void markEscalated(String id, OffsetDateTime at) {
        jdbc.sql("UPDATE pa_request SET escalated_at = COALESCE(escalated_at, ?), updated_at = ? WHERE id = ?")
                .params(ts(at), ts(now()), id).update();
    }

    /** Records that the decision deadline passed without a determination (first time only). */
    public void markOverdue(String id, OffsetDateTime at) {
        jdbc.sql("UPDATE pa_request SET overdue_since = COALESCE(overdue_since, ?), updated_at = ? WHERE id = ?")
                .params(ts(at), ts(now()), id).update();
    }

    /** Records when the case's process ended (any end: authorization ended, denial final, withdrawn, cancelled). */
    public void markClosed(String id, OffsetDateTime at) {
        jdbc.sql("UPDATE pa_request SET closed_at = ?, updated_at = ? WHERE id = ?").params(ts(at), ts(at), id).update();
    }

    /** Sets the status only. */
    public void setStatus(String id, CaseStatus status) {
        jdbc.sql("UPDATE pa_request SET status = ?, updated_at = ? WHERE id = ?").params(status.name(), ts(now()), id).update();
    }

    /** Pends the case: status PENDING_INFORMATION with what the reviewer asks for. */
    public void recordInformationRequest(String id, String informationRequested) {
        jdbc.sql("UPDATE pa_request SET status = ?, information_requested = ?, updated_at = ? WHERE id = ?")
                .params(CaseStatus.PENDING_INFORMATION.name(), informationRequested, ts(now()), id).update();
    }

    /** Replaces the stored request with the request amended by additional information (the hash of the original stays). */
    public void updateRequestJson(String id, String requestJson) {
        jdbc.sql("UPDATE pa_request SET request_json = ?, updated_at = ? WHERE id = ?").params(requestJson, ts(now()), id).update();
    }

    /** Keeps a submission of additional information (a JSON merge patch, RFC 7396). */
    public void insertInformationSubmission(String caseId, String submittedBy, OffsetDateTime receivedAt, String patchJson) {
        jdbc.sql("INSERT INTO pa_information_submission (id, pa_request_id, submitted_by, received_at, patch_json) "
                        + "VALUES (?, ?, ?, ?, ?)")
                .params(java.util.UUID.randomUUID().toString(), caseId, submittedBy, ts(receivedAt), patchJson).update();
    }

    /** Records the authorization a renewal continues. */
    public void setPreviousAuthorizationId(String id, String authorizationId) {
        jdbc.sql("UPDATE pa_request SET previous_authorization_id = ?, updated_at = ? WHERE id = ?")
                .params(authorizationId, ts(now()), id).update();
    }

    /** Records an appeal as filed (status PENDING). */
    public void recordAppealFiled(String id, String reason, OffsetDateTime filedAt) {
        jdbc.sql("UPDATE pa_request SET appeal_status = ?, appeal_reason = ?, appeal_filed_at = ?, updated_at = ? "
                        + "WHERE id = ?")
                .params(AppealStatus.PENDING.name(), reason, ts(filedAt), ts(now()), id).update();
    }

    /** Records the appeal decision ({@code UPHELD} or {@code OVERTURNED}). */
    public void recordAppealDecision(String id, AppealStatus status, String decidedBy, OffsetDateTime decidedAt, String reason) {
        jdbc.sql("UPDATE pa_request SET appeal_status = ?, appeal_decided_by = ?, appeal_decided_at = ?, "
                        + "appeal_decision_reason = ?, updated_at = ? WHERE id = ?")
                .params(status.name(), decidedBy, ts(decidedAt), reason, ts(now()), id).update();
    }

    /** Keeps a determination for the audit trail. */
    public void insertDetermination(DeterminationRecord d) {
        jdbc.sql("INSERT INTO pa_determination (id, pa_request_id, kind, outcome, decided_by, decided_at, reason, "
                        + "criteria_cited, information_requested, route, criteria_json, policy_version, decision_versions_json) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(d.id(), d.caseId(), d.kind(), d.outcome(), d.decidedBy(), ts(d.decidedAt()), d.reason(),
                        d.criteriaCited(), d.informationRequested(), d.route(), d.criteriaJson(), d.policyVersion(),
                        d.decisionVersionsJson())
                .update();
    }

    /** @return every determination of a case, oldest first */
    public List<DeterminationRecord> findDeterminations(String caseId) {
        return jdbc.sql("SELECT id, pa_request_id, kind, outcome, decided_by, decided_at, reason, criteria_cited, "
                        + "information_requested, route, criteria_json, policy_version, decision_versions_json "
                        + "FROM pa_determination WHERE pa_request_id = ? ORDER BY decided_at, id")
                .param(caseId)
                .query((rs, n) -> new DeterminationRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), odt(rs, "decided_at"), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13)))
                .list();
    }

    /** @return the case with this case id, if any */
    public Optional<PriorAuthorizationCase> findById(String id) {
        return jdbc.sql("SELECT " + CASE_COLUMNS + " FROM pa_request WHERE id = ?").param(id)
                .query(CASE_MAPPER).optional();
    }

    /** @return the case with this external requestId, if any */
    public Optional<PriorAuthorizationCase> findByRequestId(String requestId) {
        return jdbc.sql("SELECT " + CASE_COLUMNS + " FROM pa_request WHERE request_id = ?").param(requestId)
                .query(CASE_MAPPER).optional();
    }

    /**
     * @param processInstanceId id of the case's process instance (set once, when the case is stored)
     * @return the case the process instance was started for, if any
     */
    public Optional<PriorAuthorizationCase> findByProcessInstanceId(String processInstanceId) {
        return jdbc.sql("SELECT " + CASE_COLUMNS + " FROM pa_request WHERE process_instance_id = ?").param(processInstanceId)
                .query(CASE_MAPPER).optional();
    }

    /**
     * One case as the plan's prior-authorization metrics read it: its urgency, status and appeal, when it was received,
     * its decision deadline and its first final determination (the earliest {@code APPROVED} or {@code DENIED} entry of
     * {@code pa_determination}).
     *
     * @param urgency          {@code STANDARD} or {@code EXPEDITED}
     * @param status           the case's current status
     * @param appealStatus     {@code PENDING}, {@code UPHELD}, {@code OVERTURNED}, or null without an appeal
     * @param receivedAt       receipt time
     * @param dueBy            the decision deadline (set at receipt by urgency), or null when none was set
     * @param firstOutcome     {@code APPROVED} or {@code DENIED}, or null before a final determination
     * @param firstKind        {@code SYSTEM} or {@code REVIEWER} ({@link DeterminationKind}), or null
     * @param firstDecidedAt   time of the first final determination, or null
     */
    public record CaseOutcome(String urgency, CaseStatus status, String appealStatus, OffsetDateTime receivedAt,
                              OffsetDateTime dueBy, String firstOutcome, String firstKind, OffsetDateTime firstDecidedAt) { }

    /**
     * @param from    first receipt time included, or null for no lower bound
     * @param toBefore first receipt time excluded, or null for no upper bound
     * @return the cases received in {@code [from, toBefore)} with their first final determination, oldest first
     */
    public List<CaseOutcome> findOutcomes(OffsetDateTime from, OffsetDateTime toBefore) {
        String where = " WHERE r.received_at >= ? AND r.received_at < ?";
        Timestamp lower = from == null ? Timestamp.from(java.time.Instant.EPOCH) : ts(from);
        Timestamp upper = toBefore == null ? Timestamp.valueOf("9999-12-31 00:00:00") : ts(toBefore);
        java.util.Map<String, Object[]> first = new java.util.HashMap<>();
        jdbc.sql("SELECT d.pa_request_id, d.outcome, d.kind, d.decided_at FROM pa_determination d "
                        + "JOIN pa_request r ON r.id = d.pa_request_id" + where
                        + " AND d.outcome IN ('APPROVED', 'DENIED') ORDER BY d.decided_at, d.id")
                .params(lower, upper)
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> first.putIfAbsent(rs.getString(1),
                        new Object[] {rs.getString(2), rs.getString(3), odt(rs, "decided_at")}));
        return jdbc.sql("SELECT r.id, r.urgency, r.status, r.appeal_status, r.received_at, r.due_by FROM pa_request r"
                        + where + " ORDER BY r.received_at, r.id")
                .params(lower, upper)
                .query((rs, n) -> {
                    Object[] d = first.getOrDefault(rs.getString("id"), new Object[3]);
                    return new CaseOutcome(rs.getString("urgency"), CaseStatus.valueOf(rs.getString("status")),
                            rs.getString("appeal_status"), odt(rs, "received_at"), odt(rs, "due_by"), (String) d[0],
                            (String) d[1], (OffsetDateTime) d[2]);
                })
                .list();
    }

    /** @return number of stored cases (for tests and health checks) */
    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM pa_request").query(Long.class).single();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(Clock.systemUTC());
    }

    private static Timestamp ts(OffsetDateTime t) {
        return t == null ? null : Timestamp.from(t.toInstant());
    }

    private static OffsetDateTime odt(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant().atOffset(ZoneOffset.UTC);
    }

    private static final RowMapper<PriorAuthorizationCase> CASE_MAPPER = (rs, n) -> new PriorAuthorizationCase(
            rs.getString("id"), rs.getString("request_id"), rs.getString("content_sha256"),
            rs.getString("request_json"), rs.getString("request_type"), rs.getString("member_id"),
            rs.getObject("request_date", java.time.LocalDate.class), rs.getString("urgency"),
            CaseStatus.valueOf(rs.getString("status")), rs.getString("indication"), rs.getString("route"),
            rs.getString("criteria_json"), rs.getString("policy_version"), rs.getString("decision_outcome"),
            rs.getString("decided_by"), odt(rs, "decided_at"), rs.getString("decision_reason"),
            rs.getString("process_instance_id"), odt(rs, "received_at"), odt(rs, "due_by"), odt(rs, "escalated_at"),
            odt(rs, "overdue_since"), rs.getString("information_requested"), rs.getString("previous_authorization_id"),
            rs.getString("appeal_status") == null ? null : new PriorAuthorizationCase.Appeal(rs.getString("appeal_status"),
                    rs.getString("appeal_reason"), odt(rs, "appeal_filed_at"), rs.getString("appeal_decided_by"),
                    odt(rs, "appeal_decided_at"), rs.getString("appeal_decision_reason")));
}
