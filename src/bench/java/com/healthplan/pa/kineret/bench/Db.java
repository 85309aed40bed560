package com.healthplan.pa.kineret.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The harness's own connection to the benchmark database: counts, statistics and the one write it makes to
 * the engine's tables (moving timer due dates, {@link #update}). Not thread-safe; one per harness.
 */
final class Db implements AutoCloseable {

    /** Leads every statement of the harness, so that statement counts can leave them out. */
    static final String HARNESS_TAG = "/* bench-harness */ ";

    private final Connection connection;
    private boolean statementsAvailable;

    /** @throws SQLException when the database cannot be reached */
    Db(String jdbcUrl, String user, String password) throws SQLException {
        connection = DriverManager.getConnection(jdbcUrl, user, password);
        connection.setAutoCommit(true);
    }

    /** @return the single number the query answers (first column of the first row) */
    long count(String sql, Object... args) throws SQLException {
        try (PreparedStatement s = prepare(sql, args); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    /** @return every row as column label → value */
    List<Map<String, Object>> rows(String sql, Object... args) throws SQLException {
        try (PreparedStatement s = prepare(sql, args); ResultSet r = s.executeQuery()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns; i++) {
                    row.put(r.getMetaData().getColumnLabel(i), r.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** @return rows changed */
    int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement s = prepare(sql, args)) {
            return s.executeUpdate();
        }
    }

    /** @return the database's size in bytes ({@code pg_database_size}) */
    long size() throws SQLException {
        return count("SELECT pg_database_size(current_database())");
    }

    /**
     * Transactions and rows of the whole database so far ({@code pg_stat_database}): xact_commit, xact_rollback,
     * tup_inserted, tup_updated, tup_deleted. Cumulative; take differences. The statistics collector lags by up
     * to half a second.
     */
    Map<String, Long> activity() throws SQLException {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Map<String, Object> row : rows("SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted "
                + "FROM pg_stat_database WHERE datname = current_database()")) {
            row.forEach((k, v) -> m.put(k, ((Number) v).longValue()));
        }
        return m;
    }

    /**
     * Starts counting statements ({@code pg_stat_statements}, when the server preloads it).
     *
     * @return whether statement counts are available
     */
    boolean resetStatements() {
        try (Statement s = connection.createStatement()) {
            s.execute(HARNESS_TAG + "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            s.execute(HARNESS_TAG + "SELECT pg_stat_statements_reset()");
            statementsAvailable = true;
        } catch (SQLException e) {
            statementsAvailable = false;
        }
        return statementsAvailable;
    }

    /**
     * @param limit how many statements, most time first
     * @return statements since {@link #resetStatements()}: query (normalized, at most 160 characters), calls,
     *         total execution time (ms), rows; empty when unavailable
     */
    List<Map<String, Object>> statements(int limit) throws SQLException {
        if (!statementsAvailable) {
            return List.of();
        }
        return rows("SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 160) AS query, calls, "
                + "round(total_exec_time::numeric, 1) AS total_ms, rows FROM pg_stat_statements "
                + "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                + "AND query NOT LIKE '%bench-harness%' ORDER BY total_exec_time DESC LIMIT " + limit);
    }

    /** @return total statement calls since {@link #resetStatements()} (the harness's own, tagged {@link #HARNESS_TAG}, left out), or -1 */
    long statementCalls() throws SQLException {
        if (!statementsAvailable) {
            return -1;
        }
        return count("SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database "
                + "WHERE datname = current_database()) AND query NOT LIKE '%bench-harness%'");
    }

    /**
     * @return execution time (ms) of the harness's own statements (tagged {@link #HARNESS_TAG}: polling, copies)
     *         since {@link #resetStatements()}, or -1: load that the harness itself puts on the database
     */
    double harnessMillis() throws SQLException {
        if (!statementsAvailable) {
            return -1;
        }
        return ((Number) rows("SELECT coalesce(sum(total_exec_time), 0) AS ms FROM pg_stat_statements WHERE dbid = "
                + "(SELECT oid FROM pg_database WHERE datname = current_database()) AND query LIKE '%bench-harness%'")
                .get(0).get("ms")).doubleValue();
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement s = connection.prepareStatement(HARNESS_TAG + sql);
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
        return s;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
