package com.healthplan.pa.kineret.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The database's own floor: {@code clients} JDBC connections, each inserting one small row per transaction
 * (autocommit, one {@code INSERT}, as an intake request's smallest possible write) for a fixed time, into table
 * {@code bench_floor} of schema {@code bench}. Measured while the application is not running.
 */
final class Floor {

    private Floor() {
    }

    /** Transactions per second, and how many there were in how long. */
    record Result(double transactionsPerSecond, long transactions, double seconds) { }

    /**
     * @param seconds how long to insert
     * @return committed single-insert transactions per second
     * @throws SQLException when the database refuses
     */
    static Result measure(String jdbcUrl, String user, String password, int clients, double seconds) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS bench");
            s.execute("DROP TABLE IF EXISTS bench.bench_floor");
            s.execute("CREATE TABLE bench.bench_floor (id BIGSERIAL PRIMARY KEY, request_id VARCHAR(100) NOT NULL, "
                    + "status VARCHAR(32) NOT NULL, received_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now())");
        }
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long t0 = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int client = i;
                workers.add(pool.submit(() -> {
                    try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                         PreparedStatement insert = c.prepareStatement(
                                 "INSERT INTO bench.bench_floor (request_id, status) VALUES (?, 'RECEIVED')")) {
                        c.setAutoCommit(true);
                        long n = 0;
                        while (System.nanoTime() < end) {
                            insert.setString(1, "FLOOR-" + client + "-" + n++);
                            insert.executeUpdate();
                            done.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } catch (Exception e) {
            throw new SQLException("floor measurement failed", e);
        } finally {
            pool.shutdownNow();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
            s.execute("DROP TABLE bench.bench_floor");
        }
        return new Result(done.get() / elapsed, done.get(), elapsed);
    }
}
