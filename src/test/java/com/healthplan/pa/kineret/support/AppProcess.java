package com.healthplan.pa.kineret.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application (the Spring Boot jar built by {@code mvn package}) running as a separate JVM on
 * PostgreSQL with the {@code postgres} profile, as an operator runs a node: started, probed through
 * {@code /actuator/health}, stopped gracefully (SIGTERM) or killed (SIGKILL).
 *
 * <p>The jar is the system property {@code pa.app.jar} (set by the failsafe configuration), else
 * {@code target/kineret-prior-authorization-0.1.0-SNAPSHOT.jar}. Its console goes to
 * {@code target/nodes/<name>.log}.
 */
public final class AppProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private AppProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts a node with the default JVM options ({@code -Xmx768m}) and waits until it is healthy.
     *
     * @param name       node name: log file name and Camunda host name ({@code kineret.node-name})
     * @param jdbcUrl    PostgreSQL JDBC URL
     * @param dbUser     database user
     * @param dbPassword database password
     * @param properties further Spring properties, given as {@code --key=value} arguments
     * @return the running, healthy node
     * @throws IllegalStateException when the jar is missing, the JVM exits, or it is not healthy within 180 s
     */
    public static AppProcess start(String name, String jdbcUrl, String dbUser, String dbPassword,
                                   Map<String, String> properties) {
        return start(name, jdbcUrl, dbUser, dbPassword, properties, List.of("-Xmx768m"));
    }

    /**
     * Starts a node with the given JVM options and waits until {@code /actuator/health} answers UP.
     *
     * @param jvmOptions options placed before {@code -jar} (heap size, GC, ...)
     * @see #start(String, String, String, String, Map)
     */
    public static AppProcess start(String name, String jdbcUrl, String dbUser, String dbPassword,
                                   Map<String, String> properties, List<String> jvmOptions) {
        Path jar = Path.of(System.getProperty("pa.app.jar", "target/kineret-prior-authorization-0.1.0-SNAPSHOT.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("application jar " + jar.toAbsolutePath() + " is missing: run `mvn package` first");
        }
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.add("--spring.profiles.active=postgres");
        command.add("--server.port=" + port);
        command.add("--spring.datasource.url=" + jdbcUrl);
        command.add("--spring.datasource.username=" + dbUser);
        command.add("--spring.datasource.password=" + dbPassword);
        command.add("--kineret.node-name=" + name);
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        try {
            Path dir = Files.createDirectories(Path.of("target", "nodes"));
            Path log = dir.resolve(name + ".log");
            Path workDir = Files.createDirectories(dir.resolve(name + "-work"));
            Process process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            AppProcess node = new AppProcess(name, process, port, log);
            node.awaitHealthy();
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("node " + name + " did not start", e);
        }
    }

    private void awaitHealthy() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + name + " exited with " + process.exitValue() + "; see " + log);
            }
            if (healthStatus() == 200) {
                return;
            }
            sleep(Duration.ofMillis(500));
        }
        process.destroyForcibly();
        throw new IllegalStateException("node " + name + " was not healthy within " + START_TIMEOUT + "; see " + log);
    }

    /** @return the HTTP status of {@code GET /actuator/health}: 200 UP, 503 DOWN, -1 when nothing answers */
    public int healthStatus() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** @return the node's HTTP port on localhost */
    public int port() {
        return port;
    }

    /** @return the node's operating-system process id */
    public long pid() {
        return process.pid();
    }

    /** @return the node's name */
    public String name() {
        return name;
    }

    /** @return a client for the node's intake API */
    public ApiClient api() {
        return new ApiClient(port);
    }

    /**
     * @return the node's resident set size in bytes ({@code VmRSS} of {@code /proc/<pid>/status}, Linux)
     * @throws IllegalStateException when the process has ended or {@code /proc} cannot be read
     */
    public long residentMemoryBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024L;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the memory of node " + name, e);
        }
        throw new IllegalStateException("no VmRSS for node " + name);
    }

    /** Kills the JVM with SIGKILL, as a crash would: no shutdown hook runs, locks and transactions are left. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** Stops the node gracefully (SIGTERM: Spring's graceful shutdown, the job executor unlocks its jobs). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            awaitExit();
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
