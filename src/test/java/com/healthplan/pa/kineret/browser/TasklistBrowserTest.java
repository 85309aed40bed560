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
import java.util.stream.StreamSupport;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Tag;
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
 * {@code kineret-review} showing the failed criterion {@code PREFERRED_PRODUCTS} and, in the detail of
 * {@code NO_BIOLOGIC_OR_TSDMARD_COMBINATION} (UNKNOWN), the concurrent medication the rules could not classify
 * (RULES.md "Reading names and codes": the reviewer sees why) and its reviewer-authority line (a pharmacist may deny
 * on the administrative criterion {@code PREFERRED_PRODUCTS}; the clinical one needs a physician), "Deny (adverse
 * determination)", a Reason, Complete. This proves that the deployed form renders in Tasklist, that its fields
 * are bound to the variables the process reads ({@code decision}, {@code reason}), and that a reviewer's denial
 * made in the user interface is recorded as {@code DENIED} with that reason and {@code decidedBy = pharmacist}.
 *
 * <p>Needs {@code node} (20 or newer), {@code npm ci --prefix src/test/browser} and Chromium
 * ({@code apt-get install -y chromium}, or {@code CHROMIUM_PATH}); {@code .ci/run} installs them. Without them
 * the test fails, saying what to install. Screenshots of each step go to {@code target/browser/}.
 */
@AppTest
@Tag("own-jvm")
class TasklistBrowserTest {

    private static final String USER = "pharmacist";
    /** A concurrent medication no catalogue or code table knows (a brand the catalogue lacks). */
    private static final String UNRECOGNISED_MEDICATION = "Zentravia 40 mg pen";
    /**
     * The form's reviewer-authority line for the administrative criterion PREFERRED_PRODUCTS, which a pharmacist may
     * deny on (decision table {@code kineret-reviewer-authority}).
     */
    private static final String AUTHORITY_LINE = "Deny on PREFERRED_PRODUCTS (administrative): pa-clinical-reviewers";

    @LocalServerPort
    int port;

    @Test
    void pharmacistDeniesTheCaseInTasklist() throws Exception {
        Path basedir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path script = basedir.resolve("src/test/browser/tasklist-review.mjs");
        String node = BrowserScript.requireBrowserTooling(basedir);

        ApiClient api = new ApiClient(port);
        String requestId = "BROWSER-" + UUID.randomUUID();
        ObjectNode request = AcceptanceCases.named("04-ra-standard-one-preferred.json").request().deepCopy();
        request.put("requestId", requestId);
        ((ArrayNode) request.get("safety").get("concurrentMedications")).add(UNRECOGNISED_MEDICATION);
        ApiClient.Response submitted = api.submit(request.toString());
        Assertions.assertThat(submitted.status()).as("submit %s: %s", requestId, submitted.body()).isEqualTo(201);
        String id = submitted.json().get("id").asText();
        JsonNode inReview = api.awaitDetermination(id, Duration.ofSeconds(60));
        Assertions.assertThat(inReview.get("status").asText()).as("status before the review: %s", inReview).isEqualTo("IN_REVIEW");
        JsonNode combination = StreamSupport.stream(inReview.get("criteria").spliterator(), false)
                .filter(c -> c.get("id").asText().equals("NO_BIOLOGIC_OR_TSDMARD_COMBINATION")).findFirst().orElseThrow();
        Assertions.assertThat(combination.get("result").asText()).isEqualTo("UNKNOWN");
        Assertions.assertThat(combination.get("detail").asText()).endsWith(": " + UNRECOGNISED_MEDICATION);

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
                "--expect-text", UNRECOGNISED_MEDICATION,
                "--expect-text", AUTHORITY_LINE,
                "--screenshots", screenshots.toString());
        BrowserScript.Result result = BrowserScript.run(command, basedir);
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
}
