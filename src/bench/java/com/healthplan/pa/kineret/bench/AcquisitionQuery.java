package com.healthplan.pa.kineret.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.config.JobAcquisitionIndexes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;

/**
 * The job executor's acquisition query on a job table with many waiting timers, with and without
 * {@link JobAcquisitionIndexes}, in the same run on the same database: what every acquisition of every node costs
 * when the plan holds that many authorizations waiting on their renewal or expiry timers. Runs after the app has
 * stopped, on the job table the run left behind, to which it adds {@code waiting} synthetic timer jobs due in 300
 * days and, for the second figure, {@code due} jobs due a minute ago (each of a process instance of its own, none
 * locked); they are deleted at the end and the indexes are left as the app created them.
 *
 * <p>The query is Camunda 7.24's {@code selectNextJobsToExecute} with its defaults (mapping {@code Job.xml}: due or
 * without due date, not locked, active, no job of the same process instance locked; at most 3 rows), sent as the app
 * sends it: a JDBC prepared statement with the time as parameter, so PostgreSQL plans it as it plans the app's.
 * Each figure is the mean of 200 executions after 100 not counted, in milliseconds.
 */
final class AcquisitionQuery {

    private static final String QUERY = Db.HARNESS_TAG
            + "SELECT RES.ID_, RES.REV_, RES.DUEDATE_, RES.PROCESS_INSTANCE_ID_, RES.EXCLUSIVE_ FROM ACT_RU_JOB RES "
            + "WHERE (RES.RETRIES_ > 0) AND (RES.DUEDATE_ IS NULL OR RES.DUEDATE_ <= ?) "
            + "AND (RES.LOCK_OWNER_ IS NULL OR RES.LOCK_EXP_TIME_ < ?) AND RES.SUSPENSION_STATE_ = 1 "
            + "AND ((RES.EXCLUSIVE_ = true AND NOT EXISTS (SELECT J2.ID_ FROM ACT_RU_JOB J2 "
            + "WHERE J2.PROCESS_INSTANCE_ID_ = RES.PROCESS_INSTANCE_ID_ AND (J2.EXCLUSIVE_ = true) "
            + "AND (J2.LOCK_OWNER_ IS NOT NULL AND J2.LOCK_EXP_TIME_ >= ?))) OR RES.EXCLUSIVE_ = false) LIMIT 3";
    private static final int WARM = 100;
    private static final int MEASURED = 200;

    private AcquisitionQuery() {
    }

    /**
     * @param node    where the figures go: {@code jobsBefore}, {@code waitingAdded}, {@code dueAdded}, and for
     *                {@code idle} (no due job added) and {@code withDue}: {@code msWithIndexes},
     *                {@code msWithoutIndexes}, {@code ratio} (without ÷ with)
     * @throws SQLException when the database cannot be reached or the app's indexes are missing
     */
    static void measure(String url, String user, String password, int waiting, int due, ObjectNode node)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            node.put("jobsBefore", count(s));
            s.execute(insert("bench-acq-w-", waiting, "now() + interval '300 days'"));
            node.put("waitingAdded", waiting).put("dueAdded", due);
            s.execute("ANALYZE ACT_RU_JOB");
            ObjectNode idle = node.putObject("idle");
            idle.put("msWithIndexes", BenchMain.round(meanMillis(c)));
            s.execute(insert("bench-acq-d-", due, "now() - interval '1 minute'"));
            s.execute("ANALYZE ACT_RU_JOB");
            ObjectNode withDue = node.putObject("withDue");
            withDue.put("msWithIndexes", BenchMain.round(meanMillis(c)));
            for (String index : JobAcquisitionIndexes.INDEX_NAMES) {
                s.execute("DROP INDEX " + index);
            }
            s.execute("ANALYZE ACT_RU_JOB");
            withDue.put("msWithoutIndexes", BenchMain.round(meanMillis(c)));
            s.execute("DELETE FROM ACT_RU_JOB WHERE ID_ LIKE 'bench-acq-d-%'");
            s.execute("ANALYZE ACT_RU_JOB");
            idle.put("msWithoutIndexes", BenchMain.round(meanMillis(c)));
            for (String sql : JobAcquisitionIndexes.statements("")) {
                s.execute(sql);
            }
            s.execute("DELETE FROM ACT_RU_JOB WHERE ID_ LIKE 'bench-acq-%'");
            s.execute("ANALYZE ACT_RU_JOB");
            for (ObjectNode n : new ObjectNode[] {idle, withDue}) {
                n.put("ratio", BenchMain.round(n.path("msWithoutIndexes").asDouble() / n.path("msWithIndexes").asDouble()));
            }
        }
    }

    private static double meanMillis(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(QUERY)) {
            long total = 0;
            for (int i = 0; i < WARM + MEASURED; i++) {
                Timestamp now = new Timestamp(System.currentTimeMillis());
                q.setTimestamp(1, now);
                q.setTimestamp(2, now);
                q.setTimestamp(3, now);
                long start = System.nanoTime();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                    }
                }
                if (i >= WARM) {
                    total += System.nanoTime() - start;
                }
            }
            return total / 1e6 / MEASURED;
        }
    }

    private static long count(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery(Db.HARNESS_TAG + "SELECT COUNT(*) FROM ACT_RU_JOB")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String insert(String prefix, int n, String dueDate) {
        return Db.HARNESS_TAG + "INSERT INTO ACT_RU_JOB (ID_, REV_, TYPE_, EXCLUSIVE_, EXECUTION_ID_, PROCESS_INSTANCE_ID_, "
                + "RETRIES_, DUEDATE_, HANDLER_TYPE_, SUSPENSION_STATE_, PRIORITY_, CREATE_TIME_) SELECT '" + prefix
                + "' || g, 1, 'timer', true, '" + prefix + "e' || g, '" + prefix + "p' || g, 3, " + dueDate
                + ", 'timer-transition', 1, 0, now() FROM generate_series(1, " + n + ") g";
    }
}
