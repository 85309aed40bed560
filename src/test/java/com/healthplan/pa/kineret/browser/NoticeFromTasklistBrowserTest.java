package com.healthplan.pa.kineret.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.AppTest;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A determination notice opened from Tasklist, in a real browser: a case is denied by {@code physician} and
 * appealed through {@code /api}; the script {@code src/test/browser/tasklist-notice.mjs} logs in to Tasklist as
 * {@code physician2}, opens the appeal review task, finds the adverse determination notice in the form's list of
 * notices and clicks it; the browser receives the PDF with its Tasklist session (no HTTP Basic credentials), and
 * this test reads the saved bytes with PDFBox: the notice of this case.
 *
 * <p>Needs {@code node} (20 or newer), {@code npm ci --prefix src/test/browser} and Chromium
 * ({@code apt-get install -y chromium}, or {@code CHROMIUM_PATH}); without them the test fails, saying what to
 * install. Screenshots go to {@code target/browser/notice-*.png}.
 */
@AppTest
@Tag("own-jvm")
class NoticeFromTasklistBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void physicianOpensTheAdverseDeterminationNoticeFromTheAppealReviewForm() throws Exception {
        Path basedir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path script = basedir.resolve("src/test/browser/tasklist-notice.mjs");
        String node = BrowserScript.requireBrowserTooling(basedir);

        ApiClient api = new ApiClient(port);
        String requestId = "NOTICE-UI-" + UUID.randomUUID();
        ObjectNode request = AcceptanceCases.named("20-tb-positive-untreated.json").request().deepCopy();
        request.put("requestId", requestId);
        ApiClient.Response submitted = api.submit(request.toString());
        Assertions.assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String caseId = submitted.json().get("id").asText();
        Assertions.assertThat(api.awaitDetermination(caseId, Duration.ofSeconds(60)).get("status").asText())
                .isEqualTo("IN_REVIEW");
        String task = api.get("/engine-rest/task?processInstanceBusinessKey=" + requestId, "physician").json()
                .get(0).get("id").asText();
        ApiClient.Response denied = api.send("POST", "/engine-rest/task/" + task + "/complete", "physician", "physician",
                "application/json", HttpRequest.BodyPublishers.ofString("{\"variables\": {\"decision\": {\"value\": \"DENIED\"},"
                        + " \"reason\": {\"value\": \"Latent TB untreated\"}, \"deniedCriteria\": {\"value\": \"TB_SCREENING\"}}}"));
        Assertions.assertThat(denied.status()).as(denied.body()).isEqualTo(204);
        api.awaitStatus(caseId, "DENIED");
        ApiClient.Response appealed = api.send("POST", "/api/prior-authorizations/" + caseId + "/appeal", "intake", "intake",
                "application/json", HttpRequest.BodyPublishers.ofString("{\"reason\": \"Treatment has started\"}"));
        Assertions.assertThat(appealed.status()).as(appealed.body()).isEqualTo(202);

        Path screenshots = basedir.resolve("target/browser");
        Files.createDirectories(screenshots);
        Path saved = screenshots.resolve("notice-" + requestId + ".pdf");
        BrowserScript.Result result = BrowserScript.run(List.of(node, script.toString(),
                "--base-url", "http://localhost:" + port, "--request-id", requestId,
                "--user", "physician2", "--password", "physician2",
                "--link-text", "Adverse determination, to the prescriber",
                "--save", saved.toString(), "--screenshots", screenshots.toString()), basedir);
        Assertions.assertThat(result.exitCode())
                .as("tasklist-notice.mjs (screenshots in %s); its output:%n%s", screenshots, result.output())
                .isEqualTo(0);

        try (PDDocument pdf = Loader.loadPDF(Files.readAllBytes(saved))) {
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            Assertions.assertThat(text).contains("Adverse determination", "Request ID " + requestId,
                    "Latent TB untreated", "To the prescriber", "Case " + caseId);
        }
        JsonNode listed = api.get("/api/prior-authorizations/" + caseId + "/notices", "physician2").json();
        Assertions.assertThat(listed.findValuesAsText("kind")).containsExactly("ADVERSE_DETERMINATION", "ADVERSE_DETERMINATION");
    }
}
