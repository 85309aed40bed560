package com.healthplan.pa.kineret.retention;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Purges the project's own records of cases closed longer ago than the record-keeping period
 * ({@link RetentionSettings}): the request, its determinations, information submissions, authorization and
 * renewal notice, its FHIR Subscription notifications ({@code fhir_notification}) and its determination notices
 * ({@code pa_determination_notice}, PDFs included). Cases still open
 * ({@code closed_at} null) are never touched. Runs in batches of {@value #BATCH} cases, one transaction each, so a
 * purge of a large backlog neither holds long locks nor loses work already done if it is interrupted; safe to run
 * on several nodes at once (deleting twice deletes nothing).
 */
@Service
public class RecordRetentionService {

    /** Cases per transaction. */
    public static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final RetentionSettings settings;

    /** Wires the database and the settings. */
    public RecordRetentionService(JdbcClient jdbc, TransactionTemplate transactions, RetentionSettings settings) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.settings = settings;
    }

    /**
     * Purges every case closed before {@code now} minus the record-keeping period.
     *
     * @param now the current (engine) time
     * @return the number of cases purged
     * @throws org.springframework.dao.DataAccessException when the database fails (batches already done stay done)
     */
    public int purge(Instant now) {
        Timestamp cutoff = Timestamp.from(now.atOffset(ZoneOffset.UTC).minus(settings.recordKeeping()).toInstant());
        int total = 0;
        int purged;
        do {
            purged = transactions.execute(tx -> purgeBatch(cutoff));
            total += purged;
        } while (purged == BATCH);
        return total;
    }

    private int purgeBatch(Timestamp cutoff) {
        List<String> ids = jdbc.sql("SELECT id FROM pa_request WHERE closed_at < ? ORDER BY closed_at LIMIT " + BATCH)
                .param(cutoff).query(String.class).list();
        if (ids.isEmpty()) {
            return 0;
        }
        String in = "(" + String.join(",", Collections.nCopies(ids.size(), "?")) + ")";
        jdbc.sql("DELETE FROM pa_renewal_notice WHERE authorization_id IN (SELECT id FROM pa_authorization WHERE pa_request_id IN "
                + in + ")").params(ids).update();
        jdbc.sql("DELETE FROM pa_authorization WHERE pa_request_id IN " + in).params(ids).update();
        jdbc.sql("DELETE FROM pa_determination WHERE pa_request_id IN " + in).params(ids).update();
        jdbc.sql("DELETE FROM pa_information_submission WHERE pa_request_id IN " + in).params(ids).update();
        jdbc.sql("DELETE FROM fhir_notification WHERE pa_request_id IN " + in).params(ids).update();
        jdbc.sql("DELETE FROM pa_determination_notice WHERE pa_request_id IN " + in).params(ids).update();
        return jdbc.sql("DELETE FROM pa_request WHERE id IN " + in).params(ids).update();
    }
}
