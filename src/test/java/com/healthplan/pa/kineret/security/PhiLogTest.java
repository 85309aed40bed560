package com.healthplan.pa.kineret.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.api.ApiExceptionHandler;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.AppTest;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * No protected health information reaches the application's log (everything at INFO and above that the console
 * appender writes, including Camunda's own logging of failed commands, jobs and REST calls) during a case's whole
 * life through the real HTTP interfaces.
 *
 * <p>A review case carrying distinctive PHI (a member id {@code MBR-PHI-<uuid>}, a date of birth, prescriber
 * {@code Dr Phi Testname}, ICD-10-CM {@code M05.79}, a unique therapy drug name and a medical-exception reason)
 * is submitted, refused once by the review listener (a denial without criteria, and one whose "criteria" are
 * PHI typed into the wrong field), then denied by {@code pharmacist} through {@code /engine-rest}; a 400 request
 * carrying the same PHI, including as an unknown enum value, is sent as well. The captured console output must
 * then contain none of those values, while it does hold Camunda's log of the refused completions (naming the
 * rule and the task id, not the data).
 */
@AppTest
@ExtendWith(OutputCaptureExtension.class)
class PhiLogTest {

    private static final String REVIEWER = "pharmacist";

    @LocalServerPort
    int port;

    @Autowired
    ApiExceptionHandler exceptionHandler;

    /**
     * A full review case with PHI, its error paths and the denial: nothing of the PHI in the log.
     *
     * @param output the console output of this test
     */
    @Test
    void aWholeReviewCaseLogsNoProtectedHealthInformation(CapturedOutput output) {
        ApiClient api = new ApiClient(port);
        String unique = UUID.randomUUID().toString();
        String memberId = "MBR-PHI-" + unique;
        String dateOfBirth = "1967-11-23";
        String prescriberName = "Dr Phi Testname";
        String icd10 = "M05.79";
        String therapyDrug = "Phidrugumab" + unique.substring(0, 8);
        String exceptionReason = "Phi exception reason " + unique + ": hives after every etanercept dose";
        String requestId = "PHI-LOG-" + unique;

        ObjectNode request = AcceptanceCases.named("04-ra-standard-one-preferred.json").request().deepCopy();
        request.put("requestId", requestId);
        ((ObjectNode) request.get("member")).put("id", memberId).put("dateOfBirth", dateOfBirth);
        ((ObjectNode) request.get("prescriber")).put("name", prescriberName);
        ((ObjectNode) request.get("diagnosis")).put("icd10", icd10);
        ((ArrayNode) request.get("therapyHistory")).addObject()
                .put("drug", therapyDrug).put("durationDays", 100).put("outcome", "INTOLERANCE");
        ((ObjectNode) request.get("medicalException")).put("requested", true).put("reason", exceptionReason);
        List<String> drugs = new ArrayList<>();
        request.get("therapyHistory").forEach(t -> drugs.add(t.get("drug").asText()));

        // 1. A bad request (400) carrying the PHI, with the member id also as an unknown enum value.
        ObjectNode bad = request.deepCopy();
        bad.put("requestId", requestId + "-BAD");
        ((ObjectNode) bad.get("diagnosis")).put("diseaseActivity", memberId);
        ApiClient.Response rejected = api.submit(bad.toString());
        Assertions.assertThat(rejected.status()).as(rejected.body()).isEqualTo(400);
        Assertions.assertThat(rejected.body()).as("the 400 names the field").contains("diagnosis.diseaseActivity")
                .as("the 400 does not echo the value").doesNotContain(memberId);
        ObjectNode invalid = request.deepCopy();
        invalid.put("requestId", requestId + "-INVALID");
        ((ObjectNode) invalid.get("member")).put("dateOfBirth", "2999-01-01");
        ((ObjectNode) invalid.get("diagnosis")).put("icd10", "Q99.PHI");
        Assertions.assertThat(api.submit(invalid.toString()).status()).isEqualTo(400);

        // 2. The case: submitted, routed to review.
        ApiClient.Response submitted = api.submit(request.toString());
        Assertions.assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String id = submitted.json().get("id").asText();
        JsonNode inReview = api.awaitDetermination(id, Duration.ofSeconds(60));
        Assertions.assertThat(inReview.get("status").asText()).as("%s", inReview).isEqualTo("IN_REVIEW");

        JsonNode tasks = api.get("/engine-rest/task?processInstanceBusinessKey=" + requestId, REVIEWER).json();
        Assertions.assertThat(tasks).as("review tasks of %s", requestId).hasSize(1);
        String taskId = tasks.get(0).get("id").asText();

        // 3. Refused by the review listener: a denial without criteria, and "criteria" that are PHI.
        ApiClient.Response noCriteria = complete(api, taskId,
                "{\"decision\": {\"value\": \"DENIED\"}, \"reason\": {\"value\": \"Denied for " + exceptionReason + "\"}}");
        Assertions.assertThat(noCriteria.status()).as(noCriteria.body()).isGreaterThanOrEqualTo(400);
        Assertions.assertThat(noCriteria.body()).contains("at least one criterion");
        ApiClient.Response phiAsCriteria = complete(api, taskId,
                "{\"decision\": {\"value\": \"DENIED\"}, \"reason\": {\"value\": \"Denied\"},"
                        + " \"deniedCriteria\": {\"value\": \"" + icd10 + ", " + memberId + "\"}}");
        Assertions.assertThat(phiAsCriteria.status()).as(phiAsCriteria.body()).isGreaterThanOrEqualTo(400);
        Assertions.assertThat(phiAsCriteria.body()).contains("Not open criteria of this case").doesNotContainIgnoringCase(memberId);

        // 4. The denial.
        String reason = "The Standard Option needs two preferred products; one was tried (" + requestId + ").";
        ApiClient.Response denied = complete(api, taskId,
                "{\"decision\": {\"value\": \"DENIED\"}, \"reason\": {\"value\": \"" + reason + "\"},"
                        + " \"deniedCriteria\": {\"value\": \"[\\\"PREFERRED_PRODUCTS\\\"]\", \"type\": \"Json\"}}");
        Assertions.assertThat(denied.status()).as(denied.body()).isEqualTo(204);
        JsonNode decided = api.awaitStatus(id, "DENIED");
        Assertions.assertThat(decided.at("/decision/decidedBy").asText()).isEqualTo(REVIEWER);

        // 5. The log: it ran, and none of the PHI is in it.
        String log = output.getAll();
        Assertions.assertThat(log).as("the refused completions are in the captured log, naming the rule and the task")
                .contains("A denial must name at least one criterion it rests on")
                .contains("Not open criteria of this case")
                .contains(taskId);
        assertNoPhi(log, memberId, dateOfBirth, prescriberName, icd10, exceptionReason, drugs);
    }

    /**
     * The 500 handler logs the failure (class and stack trace) but never the exception's message, which may
     * carry request values (for example a database error quoting the row it could not store).
     *
     * @param output the console output of this test
     */
    @Test
    void theInternalErrorHandlerLogsNoExceptionMessage(CapturedOutput output) {
        String memberId = "MBR-PHI-" + UUID.randomUUID();
        RuntimeException failure = new IllegalStateException("Failing row contains (" + memberId + ", 1967-11-23, M05.79)",
                new IllegalArgumentException("value " + memberId + " too long"));
        ResponseEntity<ProblemDetail> answer = exceptionHandler.unexpected(failure);
        Assertions.assertThat(answer.getStatusCode().value()).isEqualTo(500);
        Assertions.assertThat(String.valueOf(answer.getBody())).doesNotContain(memberId);
        String log = output.getAll();
        Assertions.assertThat(log).as("the failure is logged with its classes and stack trace")
                .contains("Unexpected failure in the intake API")
                .contains(IllegalStateException.class.getName())
                .contains(IllegalArgumentException.class.getName())
                .contains("at " + PhiLogTest.class.getName());
        Assertions.assertThat(log).doesNotContain(memberId).doesNotContain("1967-11-23").doesNotContain("Failing row");
    }

    private static ApiClient.Response complete(ApiClient api, String taskId, String variables) {
        return api.send("POST", "/engine-rest/task/" + taskId + "/complete", REVIEWER, REVIEWER, "application/json",
                HttpRequest.BodyPublishers.ofString("{\"variables\": " + variables + "}"));
    }

    private static void assertNoPhi(String log, String memberId, String dateOfBirth, String prescriberName, String icd10,
                                    String exceptionReason, List<String> drugs) {
        Assertions.assertThat(log).as("member id in the log (any case)").doesNotContainIgnoringCase(memberId)
                .as("date of birth in the log").doesNotContain(dateOfBirth)
                .as("prescriber name in the log").doesNotContainIgnoringCase(prescriberName)
                .as("medical-exception reason in the log").doesNotContain(exceptionReason)
                .as("part of the medical-exception reason in the log").doesNotContain(exceptionReason.substring(0, 30));
        Pattern icdToken = Pattern.compile("(?<![A-Za-z0-9.])" + Pattern.quote(icd10) + "(?![0-9])");
        Assertions.assertThat(icdToken.matcher(log).find()).as("ICD-10 code %s as a token in the log", icd10).isFalse();
        String lower = log.toLowerCase(Locale.ROOT);
        for (String drug : drugs) {
            Assertions.assertThat(lower).as("therapy drug %s in the log", drug).doesNotContain(drug.toLowerCase(Locale.ROOT));
        }
    }
}
