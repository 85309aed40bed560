package com.healthplan.pa.kineret.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.AppTest;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A clinical reviewer denies a case in Camunda Tasklist, in a real browser, and the denial is what the intake
 * API then reports.
 *
 * <p>The request of acceptance case {@code 04-ra-standard-one-preferred.json} (Standard Option, one preferred
 * product tried) is submitted under a fresh {@code requestId} through the API and waits in clinical review. The
 * script {@code src/test/browser/tasklist-review.mjs} then drives Debian's Chromium (playwright-core, no
 * downloaded browser) through the running application's Tasklist as {@code pharmacist}: login, filter
 * "My review tasks", the task whose Request is that {@code requestId}, Claim, the Camunda Form
 * {@code kineret-review} showing the failed criterion {@code PREFERRED_PRODUCTS}, "Deny (adverse
 * determination)", a Reason, Complete. This proves that the deployed form renders in Tasklist, that its fields
 * are bound to the variables the process reads ({@code decision}, {@code reason}), and that a reviewer's denial
 * made in the user interface is recorded as {@code DENIED} with that reason and {@code decidedBy = pharmacist}.
 *
 * <p>Needs {@code node} (20 or newer), {@code npm ci --prefix src/test/browser} and Chromium
 * ({@code apt-get install -y chromium}, or {@code CHROMIUM_PATH}); {@code .ci/run} installs them. Without them
 * the test fails, saying what to install. Screenshots of each step go to {@code target/browser/}.
 */
@AppTest
class TasklistBrowserTest {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(180);
    private static final String USER = "pharmacist";

    @LocalServerPort
    int port;

    @Test
    void pharmacistDeniesTheCaseInTasklist() throws Exception {
        Path basedir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path script = basedir.resolve("src/test/browser/tasklist-review.mjs");
        String node = requireBrowserTooling(basedir);

        ApiClient api = new ApiClient(port);
        String requestId = "BROWSER-" + UUID.randomUUID();
        ObjectNode request = AcceptanceCases.named("04-ra-standard-one-preferred.json").request().deepCopy();
        request.put("requestId", requestId);
        ApiClient.Response submitted = api.submit(request.toString());
        Assertions.assertThat(submitted.status()).as("submit %s: %s", requestId, submitted.body()).isEqualTo(201);
        String id = submitted.json().get("id").asText();
        JsonNode inReview = api.awaitDetermination(id, Duration.ofSeconds(60));
        Assertions.assertThat(inReview.get("status").asText()).as("status before the review: %s", inReview).isEqualTo("IN_REVIEW");

        String reason = "Denied in Tasklist (" + requestId + "): the Standard Option needs an inadequate response to two "
                + "preferred products; one (Enbrel) was tried.";
        Path screenshots = basedir.resolve("target/browser");
        Files.createDirectories(screenshots);
        try (Stream<Path> old = Files.list(screenshots)) {
            for (Path png : old.filter(p -> p.toString().endsWith(".png") && !p.getFileName().toString().startsWith("escaping-")).toList()) {
                Files.delete(png);
            }
        }

        List<String> command = List.of(node, script.toString(),
                "--base-url", "http://localhost:" + port,
                "--request-id", requestId,
                "--user", USER,
                "--password", USER,
                "--reason", reason,
                "--screenshots", screenshots.toString());
        Result result = run(command, basedir);
        Assertions.assertThat(result.exitCode())
                .as("tasklist-review.mjs exit code (screenshots in %s); its output:%n%s", screenshots, result.output())
                .isEqualTo(0);

        JsonNode decided = api.get("/api/prior-authorizations/" + id, "intake").json();
        Assertions.assertThat(decided.get("status").asText()).as("status after the review: %s", decided).isEqualTo("DENIED");
        Assertions.assertThat(decided.at("/decision/outcome").asText()).as("decision.outcome").isEqualTo("DENIED");
        Assertions.assertThat(decided.at("/decision/reason").asText()).as("decision.reason").isEqualTo(reason);
        Assertions.assertThat(decided.at("/decision/decidedBy").asText()).as("decision.decidedBy").isEqualTo(USER);
        Assertions.assertThat(decided.get("authorization").isNull()).as("no authorization for a denial").isTrue();
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs the command in {@code dir}, echoing and collecting its output; kills it after {@link #SCRIPT_TIMEOUT}. */
    private static Result run(List<String> command, Path dir) throws InterruptedException {
        System.out.println("running " + String.join(" ", command));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("could not start " + command.get(0), e);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the script reads no input
        }
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    System.out.println(line);
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "tasklist-review-output");
        reader.start();
        if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            reader.join(5000);
            synchronized (output) {
                throw new AssertionError("tasklist-review.mjs did not finish within " + SCRIPT_TIMEOUT + "; its output:\n" + output);
            }
        }
        reader.join(10000);
        synchronized (output) {
            return new Result(process.exitValue(), output.toString());
        }
    }

    /**
     * @return the path of {@code node}
     * @throws AssertionError naming what to install when node, playwright-core or Chromium is missing
     */
    private static String requireBrowserTooling(Path basedir) {
        List<String> missing = new ArrayList<>();
        Optional<Path> node = onPath("node");
        if (node.isEmpty()) {
            missing.add("node is not on the PATH: install Node.js 20 or newer, with npm");
        }
        if (!Files.isDirectory(basedir.resolve("src/test/browser/node_modules/playwright-core"))) {
            missing.add("src/test/browser/node_modules/playwright-core is missing: run npm ci --prefix src/test/browser");
        }
        String chromium = Optional.ofNullable(System.getenv("CHROMIUM_PATH")).filter(s -> !s.isBlank()).orElse("/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(chromium))) {
            missing.add("no Chromium at " + chromium + ": apt-get install -y chromium (or set CHROMIUM_PATH)");
        }
        if (!missing.isEmpty()) {
            throw new AssertionError("The Tasklist browser test cannot run (.ci/run installs Chromium and playwright-core):\n  - "
                    + String.join("\n  - ", missing));
        }
        return node.orElseThrow().toString();
    }

    private static Optional<Path> onPath(String program) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.of(path.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(s -> Path.of(s, program))
                .filter(Files::isExecutable).findFirst();
    }
}
