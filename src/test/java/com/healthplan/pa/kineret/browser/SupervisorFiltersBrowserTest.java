package com.healthplan.pa.kineret.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.config.IdentitySetup;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.AppTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The supervisor filters in Camunda Tasklist, in a real browser: a pended case is submitted through {@code /api},
 * the engine's clock ({@link ClockUtil}) is moved 80 hours on (past the 72-hour decision deadline of a standard
 * request), and the script {@code src/test/browser/tasklist-filters.mjs} drives Debian's Chromium through Tasklist
 * as {@code supervisor}, who sees {@value IdentitySetup#DEADLINES_AT_RISK_FILTER_NAME} and
 * {@value IdentitySetup#OVERDUE_FILTER_NAME} and finds the case's task "Clinical review" in the latter, and as
 * {@code pharmacist}, who sees neither.
 *
 * <p>Needs {@code node} (20 or newer), {@code npm ci --prefix src/test/browser} and Chromium
 * ({@code apt-get install -y chromium}, or {@code CHROMIUM_PATH}); without them the test fails, saying what to
 * install. Screenshots go to {@code target/browser/filters-*.png}.
 */
@AppTest
@Tag("own-jvm")
class SupervisorFiltersBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void supervisorSeesTheOverdueCaseInTasklistAndAReviewerSeesNoSupervisorFilter() throws Exception {
        Path basedir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path script = basedir.resolve("src/test/browser/tasklist-filters.mjs");
        String node = BrowserScript.requireBrowserTooling(basedir);

        ApiClient api = new ApiClient(port);
        String requestId = "FILTERS-" + UUID.randomUUID();
        ObjectNode request = AcceptanceCases.named("04-ra-standard-one-preferred.json").request().deepCopy();
        request.put("requestId", requestId);
        ApiClient.Response submitted = api.submit(request.toString());
        Assertions.assertThat(submitted.status()).as("submit %s: %s", requestId, submitted.body()).isEqualTo(201);
        JsonNode inReview = api.awaitDetermination(submitted.json().get("id").asText(), Duration.ofSeconds(60));
        Assertions.assertThat(inReview.get("status").asText()).as("status before the review: %s", inReview)
                .isEqualTo("IN_REVIEW");

        Path screenshots = basedir.resolve("target/browser");
        Files.createDirectories(screenshots);
        ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + Duration.ofHours(80).toMillis()));
        try {
            BrowserScript.Result supervisor = BrowserScript.run(command(node, script, screenshots, "supervisor",
                    List.of("--expect-filter", IdentitySetup.DEADLINES_AT_RISK_FILTER_NAME,
                            "--expect-filter", IdentitySetup.OVERDUE_FILTER_NAME,
                            "--open-filter", IdentitySetup.OVERDUE_FILTER_NAME,
                            "--expect-request", requestId,
                            "--expect-task", "Clinical review")), basedir);
            Assertions.assertThat(supervisor.exitCode())
                    .as("tasklist-filters.mjs as supervisor (screenshots in %s); its output:%n%s", screenshots,
                            supervisor.output())
                    .isEqualTo(0);
            Assertions.assertThat(supervisor.output())
                    .contains("\"" + IdentitySetup.OVERDUE_FILTER_NAME + "\" shows \"Clinical review\" of request "
                            + requestId);

            BrowserScript.Result reviewer = BrowserScript.run(command(node, script, screenshots, "pharmacist",
                    List.of("--forbid-filter", IdentitySetup.DEADLINES_AT_RISK_FILTER_NAME,
                            "--forbid-filter", IdentitySetup.OVERDUE_FILTER_NAME)), basedir);
            Assertions.assertThat(reviewer.exitCode())
                    .as("tasklist-filters.mjs as pharmacist (screenshots in %s); its output:%n%s", screenshots,
                            reviewer.output())
                    .isEqualTo(0);
            Assertions.assertThat(reviewer.output()).contains("the filters are as expected");
        } finally {
            ClockUtil.reset();
        }
    }

    private List<String> command(String node, Path script, Path screenshots, String user, List<String> checks) {
        List<String> command = new ArrayList<>(List.of(node, script.toString(),
                "--base-url", "http://localhost:" + port,
                "--user", user,
                "--password", user,
                "--screenshots", screenshots.toString()));
        command.addAll(checks);
        return command;
    }
}
