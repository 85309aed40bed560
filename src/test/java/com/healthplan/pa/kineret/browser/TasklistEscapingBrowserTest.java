package com.healthplan.pa.kineret.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.AppTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Request data is shown in Camunda Tasklist as text, never as markup or a template, in a real browser.
 *
 * <p>The request of acceptance case {@code 05-ra-medical-exception.json} is submitted under a fresh
 * {@code requestId} with payloads in its free-text fields: {@code <script>window.__pwned=1</script>} and
 * {@code {{7*7}}} in {@code prescriber.name} and {@code medicalException.reason}, and a therapy drug named
 * {@code <img src=x onerror=window.__pwned=1>}. The script {@code src/test/browser/tasklist-escaping.mjs} then
 * drives Debian's Chromium through Tasklist as {@code pharmacist} to the review task and its Camunda Form, and
 * checks that the form shows the literal {@code <script>…</script>}, {@code {{7*7}}} and {@code <img …>} texts
 * (never {@code 49} in their place), that {@code window.__pwned} is undefined, and that no {@code <script>} or
 * event-handler element made from a payload exists in the page. The prescriber's name is not shown by the form;
 * it is sent all the same, so that it would be caught if a later form showed it unescaped.
 *
 * <p>Needs {@code node} (20 or newer), {@code npm ci --prefix src/test/browser} and Chromium
 * ({@code apt-get install -y chromium}, or {@code CHROMIUM_PATH}); without them the test fails, saying what to
 * install. Screenshots go to {@code target/browser/escaping-*.png}.
 */
@AppTest
@Tag("own-jvm")
class TasklistEscapingBrowserTest {

    private static final String USER = "pharmacist";
    private static final String SCRIPT_PAYLOAD = "<script>window.__pwned=1</script>";
    private static final String TEMPLATE_PAYLOAD = "{{7*7}}";
    private static final String IMG_PAYLOAD = "<img src=x onerror=window.__pwned=1>";

    @LocalServerPort
    int port;

    /** A reviewer opens a case whose free text holds HTML and template payloads: the form shows them as text. */
    @Test
    void tasklistShowsMarkupAndTemplatesInRequestDataAsText() throws Exception {
        Path basedir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path script = basedir.resolve("src/test/browser/tasklist-escaping.mjs");
        String node = BrowserScript.requireBrowserTooling(basedir);

        ApiClient api = new ApiClient(port);
        String requestId = "ESCAPING-" + UUID.randomUUID();
        ObjectNode request = AcceptanceCases.named("05-ra-medical-exception.json").request().deepCopy();
        request.put("requestId", requestId);
        ((ObjectNode) request.get("prescriber")).put("name", "Dr " + SCRIPT_PAYLOAD + " calc " + TEMPLATE_PAYLOAD + " end");
        String reason = "Injection-site reactions " + SCRIPT_PAYLOAD + " calc " + TEMPLATE_PAYLOAD + " end";
        ((ObjectNode) request.get("medicalException")).put("reason", reason);
        ((ArrayNode) request.get("therapyHistory")).addObject()
                .put("drug", IMG_PAYLOAD).put("durationDays", 90).put("outcome", "INTOLERANCE");
        ApiClient.Response submitted = api.submit(request.toString());
        Assertions.assertThat(submitted.status()).as("submit %s: %s", requestId, submitted.body()).isEqualTo(201);
        String id = submitted.json().get("id").asText();
        JsonNode inReview = api.awaitDetermination(id, Duration.ofSeconds(60));
        Assertions.assertThat(inReview.get("status").asText()).as("status before the review: %s", inReview).isEqualTo("IN_REVIEW");

        Path screenshots = basedir.resolve("target/browser");
        Files.createDirectories(screenshots);
        try (Stream<Path> old = Files.list(screenshots)) {
            for (Path png : old.filter(p -> p.getFileName().toString().matches("escaping-.*\\.png")).toList()) {
                Files.delete(png);
            }
        }

        List<String> command = List.of(node, script.toString(),
                "--base-url", "http://localhost:" + port,
                "--request-id", requestId,
                "--user", USER,
                "--password", USER,
                "--expect-text", SCRIPT_PAYLOAD,
                "--expect-text", TEMPLATE_PAYLOAD,
                "--expect-text", "calc " + TEMPLATE_PAYLOAD + " end",
                "--expect-text", IMG_PAYLOAD,
                "--forbid-text", "calc 49 end",
                "--screenshots", screenshots.toString());
        BrowserScript.Result result = BrowserScript.run(command, basedir);
        Assertions.assertThat(result.exitCode())
                .as("tasklist-escaping.mjs exit code (screenshots in %s); its output:%n%s", screenshots, result.output())
                .isEqualTo(0);
        Assertions.assertThat(result.output()).contains("window.__pwned is undefined")
                .contains("every payload is shown as text");
        try (Stream<Path> shots = Files.list(screenshots)) {
            Assertions.assertThat(shots.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("escaping-")))
                    .as("screenshots").isNotEmpty();
        }
        JsonNode stored = api.get("/api/prior-authorizations/" + id, "intake").json();
        Assertions.assertThat(stored.get("status").asText()).as("the case is still in review").isEqualTo("IN_REVIEW");
    }
}
