package com.healthplan.pa.kineret.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import com.healthplan.pa.kineret.support.ApiClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code GET /api/metrics/prior-authorization} (JSON and CSV) and {@code /actuator/prometheus} over a database of
 * their own: seven acceptance cases submitted through the API (two approved automatically, one approved by a
 * pharmacist, one expedited case denied, one denial overturned on appeal, one withdrawn, one expedited case left in
 * review), so that every count is known. The times to determination are computed here from the timestamps the API
 * shows (receipt, the audit trail's first approval or denial). Runs in a JVM of its own (tag {@code own-jvm}): its
 * database must hold no other test's cases.
 */
@Tag("shared-context")
@Tag("own-jvm")
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:kineret-metrics-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "camunda.bpm.job-execution.max-wait=500"
})
class PriorAuthorizationMetricsTest {

    private static final String PATH = "/api/metrics/prior-authorization";
    private static final ZoneId PLAN_ZONE = ZoneId.of("America/New_York");

    @LocalServerPort
    int port;

    private ApiClient api() {
        return new ApiClient(port);
    }

    private JsonNode submit(String file, String urgency) {
        AcceptanceCases.Case c = AcceptanceCases.named(file);
        ObjectNode request = c.request().deepCopy();
        request.put("requestId", "METRICS-" + UUID.randomUUID());
        if (urgency != null) {
            request.put("urgency", urgency);
        }
        ApiClient.Response created = api().submit(request.toString());
        Assertions.assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode determined = api().awaitDetermination(created.json().get("id").asText(), Duration.ofSeconds(30));
        Assertions.assertThat(determined.get("status").asText()).as(file).isEqualTo(c.expect().get("status").asText());
        return determined;
    }

    private ApiClient.Response post(String path, String user, String json) {
        return api().send("POST", path, user, user, "application/json", HttpRequest.BodyPublishers.ofString(json));
    }

    private void completeTask(JsonNode c, String user, String variables) {
        JsonNode tasks = api().get("/engine-rest/task?processInstanceBusinessKey=" + c.get("requestId").asText(), user).json();
        Assertions.assertThat(tasks).hasSize(1);
        ApiClient.Response done = post("/engine-rest/task/" + tasks.get(0).get("id").asText() + "/complete", user,
                "{\"variables\": " + variables + "}");
        Assertions.assertThat(done.status()).as(done.body()).isEqualTo(204);
    }

    /** Hours from receipt to the first APPROVED or DENIED entry of the case's audit trail. */
    private double hoursToDetermination(JsonNode c) {
        String id = c.get("id").asText();
        OffsetDateTime received = OffsetDateTime.parse(api().get("/api/prior-authorizations/" + id, "supervisor").json()
                .get("receivedAt").asText());
        for (JsonNode entry : api().get("/api/prior-authorizations/" + id + "/determinations", "supervisor").json()) {
            String outcome = entry.get("outcome").asText();
            if (outcome.equals("APPROVED") || outcome.equals("DENIED")) {
                return Duration.between(received, OffsetDateTime.parse(entry.get("decidedAt").asText())).toMillis() / 3_600_000.0;
            }
        }
        throw new AssertionError("no determination of " + id);
    }

    private ApiClient.Response metrics(String query, String user, String accept) {
        return api().send("GET", PATH + query, Map.of("Authorization", ApiClient.basic(user, user), "Accept", accept), null, null);
    }

    @Test
    void figuresOfKnownCasesInJsonCsvAndPrometheus() {
        JsonNode auto1 = submit("01-ra-initial-all-met.json", null);
        JsonNode auto2 = submit("02-ra-medical-benefit-no-preferred.json", null);
        JsonNode byReviewer = submit("04-ra-standard-one-preferred.json", null);
        completeTask(byReviewer, "pharmacist", "{\"decision\": {\"value\": \"APPROVED\"},"
                + " \"reason\": {\"value\": \"Prescriber documents a contraindication to the preferred products\"}}");
        api().awaitStatus(byReviewer.get("id").asText(), "APPROVED");
        JsonNode deniedExpedited = submit("06-ra-age-17.json", "EXPEDITED");
        completeTask(deniedExpedited, "physician", "{\"decision\": {\"value\": \"DENIED\"}, \"reason\": {\"value\": \"Under 18\"},"
                + " \"deniedCriteria\": {\"value\": \"RA_AGE\"}}");
        api().awaitStatus(deniedExpedited.get("id").asText(), "DENIED");
        JsonNode appealed = submit("20-tb-positive-untreated.json", null);
        completeTask(appealed, "physician", "{\"decision\": {\"value\": \"DENIED\"}, \"reason\": {\"value\": \"Latent TB untreated\"},"
                + " \"deniedCriteria\": {\"value\": \"TB_SCREENING\"}}");
        api().awaitStatus(appealed.get("id").asText(), "DENIED");
        ApiClient.Response appeal = post("/api/prior-authorizations/" + appealed.get("id").asText() + "/appeal", "intake",
                "{\"reason\": \"Latent TB treatment started\"}");
        Assertions.assertThat(appeal.status()).as(appeal.body()).isEqualTo(202);
        completeTask(appealed, "physician2", "{\"appealDecision\": {\"value\": \"OVERTURNED\"},"
                + " \"appealDecisionReason\": {\"value\": \"Treatment for latent TB is documented\"}}");
        api().awaitStatus(appealed.get("id").asText(), "APPROVED");
        JsonNode withdrawn = submit("07-ra-low-activity.json", null);
        ApiClient.Response withdrawal = post("/api/prior-authorizations/" + withdrawn.get("id").asText() + "/withdraw",
                "intake", "{\"reason\": \"Therapy changed\"}");
        Assertions.assertThat(withdrawal.status()).as(withdrawal.body()).isEqualTo(200);
        submit("08-ra-short-dmard-trial.json", "EXPEDITED");

        List<Double> standard = new ArrayList<>(List.of(hoursToDetermination(auto1), hoursToDetermination(auto2),
                hoursToDetermination(byReviewer), hoursToDetermination(appealed)));
        standard.sort(null);
        double standardMedian = (standard.get(1) + standard.get(2)) / 2;
        double standardP90 = standard.get(3);
        double expedited = hoursToDetermination(deniedExpedited);

        LocalDate today = LocalDate.now(PLAN_ZONE);
        String period = "?from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
        ApiClient.Response json = metrics(period, "supervisor", "application/json");
        Assertions.assertThat(json.status()).as(json.body()).isEqualTo(200);
        JsonNode m = json.json();
        Assertions.assertThat(m.get("from").asText()).isEqualTo(today.minusDays(1).toString());
        Assertions.assertThat(m.get("to").asText()).isEqualTo(today.plusDays(1).toString());
        Assertions.assertThat(m.get("requests").asInt()).isEqualTo(7);
        Assertions.assertThat(m.get("approvedAutomatically").asInt()).isEqualTo(2);
        Assertions.assertThat(m.get("approvedByReviewer").asInt()).isEqualTo(1);
        Assertions.assertThat(m.get("denied").asInt()).isEqualTo(1);
        Assertions.assertThat(m.get("approvedAfterAppeal").asInt()).isEqualTo(1);
        Assertions.assertThat(m.get("withdrawn").asInt()).isEqualTo(1);
        Assertions.assertThat(m.get("pended").asInt()).isEqualTo(1);
        JsonNode s = m.at("/byUrgency/STANDARD");
        Assertions.assertThat(s.get("determined").asInt()).isEqualTo(4);
        Assertions.assertThat(s.get("medianHours").asDouble()).isCloseTo(standardMedian, Offset.offset(0.0002));
        Assertions.assertThat(s.get("p90Hours").asDouble()).isCloseTo(standardP90, Offset.offset(0.0002));
        // every case gets its decision deadline at receipt; all four were determined well before it
        Assertions.assertThat(s.get("withDeadline").asInt()).isEqualTo(4);
        Assertions.assertThat(s.get("withinDeadline").asInt()).isEqualTo(4);
        Assertions.assertThat(s.get("withinDeadlineShare").asDouble()).isEqualTo(1.0);
        JsonNode e = m.at("/byUrgency/EXPEDITED");
        Assertions.assertThat(e.get("determined").asInt()).isEqualTo(1);
        Assertions.assertThat(e.get("medianHours").asDouble()).isCloseTo(expedited, Offset.offset(0.0002));
        Assertions.assertThat(e.get("p90Hours").asDouble()).isCloseTo(expedited, Offset.offset(0.0002));
        Assertions.assertThat(e.get("withDeadline").asInt()).isEqualTo(1);
        Assertions.assertThat(e.get("withinDeadline").asInt()).isEqualTo(1);
        Assertions.assertThat(m.get("withinDeadlineShare").asDouble()).isEqualTo(1.0);

        ApiClient.Response csv = metrics(period, "admin", "text/csv");
        Assertions.assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        Assertions.assertThat(csv.contentType()).startsWith("text/csv");
        Map<String, String> rows = parseCsv(csv.body());
        Assertions.assertThat(rows).containsEntry("requests,", "7").containsEntry("approvedAutomatically,", "2")
                .containsEntry("approvedByReviewer,", "1").containsEntry("denied,", "1")
                .containsEntry("approvedAfterAppeal,", "1").containsEntry("withdrawn,", "1").containsEntry("pended,", "1")
                .containsEntry("determined,STANDARD", "4").containsEntry("determined,EXPEDITED", "1")
                .containsEntry("withDeadline,STANDARD", "4").containsEntry("withinDeadline,EXPEDITED", "1")
                .containsEntry("from,", today.minusDays(1).toString()).containsEntry("zone,", "America/New_York");
        Assertions.assertThat(Double.parseDouble(rows.get("medianHours,STANDARD"))).isCloseTo(standardMedian, Offset.offset(0.0002));
        Assertions.assertThat(Double.parseDouble(rows.get("p90Hours,STANDARD"))).isCloseTo(standardP90, Offset.offset(0.0002));
        Assertions.assertThat(Double.parseDouble(rows.get("medianHours,EXPEDITED"))).isCloseTo(expedited, Offset.offset(0.0002));
        Assertions.assertThat(Double.parseDouble(rows.get("withinDeadlineShare,"))).isEqualTo(1.0);

        JsonNode before = metrics("?from=2020-01-01&to=2020-01-31", "supervisor", "application/json").json();
        Assertions.assertThat(before.get("requests").asInt()).as("no case received in January 2020").isZero();
        Assertions.assertThat(before.at("/byUrgency/STANDARD/medianHours").isNull()).isTrue();
        JsonNode byDefault = metrics("", "supervisor", "*/*").json();
        Assertions.assertThat(byDefault.get("to").asText()).isEqualTo(today.toString());
        Assertions.assertThat(byDefault.get("from").asText()).isEqualTo(today.minusDays(29).toString());
        Assertions.assertThat(byDefault.get("requests").asInt()).isEqualTo(7);

        ApiClient.Response scrape = api().get("/actuator/prometheus", "metrics");
        Assertions.assertThat(scrape.status()).as(scrape.body()).isEqualTo(200);
        Assertions.assertThat(scrape.body())
                .contains("kineret_pa_cases{outcome=\"approved_automatically\",urgency=\"STANDARD\"} 2.0")
                .contains("kineret_pa_cases{outcome=\"approved_by_reviewer\",urgency=\"STANDARD\"} 1.0")
                .contains("kineret_pa_cases{outcome=\"approved_after_appeal\",urgency=\"STANDARD\"} 1.0")
                .contains("kineret_pa_cases{outcome=\"withdrawn\",urgency=\"STANDARD\"} 1.0")
                .contains("kineret_pa_cases{outcome=\"denied\",urgency=\"EXPEDITED\"} 1.0")
                .contains("kineret_pa_cases{outcome=\"pended\",urgency=\"EXPEDITED\"} 1.0")
                .contains("kineret_pa_cases{outcome=\"denied\",urgency=\"STANDARD\"} 0.0")
                .contains("kineret_pa_time_to_determination_hours{quantile=\"0.5\",urgency=\"STANDARD\"}")
                .contains("kineret_pa_time_to_determination_hours{quantile=\"0.9\",urgency=\"EXPEDITED\"}")
                .contains("kineret_pa_within_deadline_ratio{urgency=\"STANDARD\"} 1.0");
    }

    @Test
    void onlySupervisorsAndAdministratorsReadTheMetrics() {
        for (String user : List.of("intake", "pharmacist", "physician", "metrics")) {
            ApiClient.Response r = metrics("", user, "application/json");
            Assertions.assertThat(r.status()).as(user).isEqualTo(403);
            Assertions.assertThat(r.contentType()).startsWith("application/problem+json");
            Assertions.assertThat(metrics("", user, "text/csv").status()).as(user + " csv").isEqualTo(403);
        }
        Assertions.assertThat(api().get(PATH, null).status()).isEqualTo(401);
        Assertions.assertThat(metrics("", "supervisor", "application/json").status()).isEqualTo(200);
        Assertions.assertThat(metrics("", "admin", "application/json").status()).isEqualTo(200);
    }

    @Test
    void badDatesAreRefusedWithAProblem() {
        for (String query : List.of("?from=2026-13-01", "?to=yesterday", "?from=2026-03-10&to=2026-03-09", "?from=10/03/2026")) {
            ApiClient.Response r = metrics(query, "supervisor", "application/json");
            Assertions.assertThat(r.status()).as(query).isEqualTo(400);
            Assertions.assertThat(r.contentType()).startsWith("application/problem+json");
            Assertions.assertThat(r.json().get("errors")).as(query).isNotEmpty();
        }
    }

    @Test
    void prometheusForAdministratorsAndTheScrapeUserOnlyAndHealthStaysOpen() {
        Assertions.assertThat(api().get("/actuator/prometheus", null).status()).isEqualTo(401);
        Assertions.assertThat(api().send("GET", "/actuator/prometheus", "metrics", "wrong", null, null).status()).isEqualTo(401);
        for (String user : List.of("intake", "pharmacist", "supervisor")) {
            ApiClient.Response r = api().get("/actuator/prometheus", user);
            Assertions.assertThat(r.status()).as(user).isEqualTo(403);
            Assertions.assertThat(r.contentType()).startsWith("application/problem+json");
        }
        for (String user : List.of("admin", "metrics")) {
            ApiClient.Response r = api().get("/actuator/prometheus", user);
            Assertions.assertThat(r.status()).as(user).isEqualTo(200);
            Assertions.assertThat(r.body()).contains("# TYPE kineret_pa_cases gauge", "kineret_pa_time_to_determination_hours",
                    "kineret_pa_within_deadline_ratio");
        }
        Assertions.assertThat(api().get("/actuator/health", null).status()).isEqualTo(200);
        Assertions.assertThat(api().get("/actuator/health/readiness", null).status()).isEqualTo(200);
        Assertions.assertThat(api().get("/api/prior-authorizations/" + UUID.randomUUID(), "metrics").status())
                .as("the scrape user reads no case").isEqualTo(403);
    }

    /** @return value by "metric,urgency" of a CSV with header metric,urgency,value */
    private static Map<String, String> parseCsv(String body) {
        String[] lines = body.split("\r\n");
        Assertions.assertThat(lines[0]).isEqualTo("metric,urgency,value");
        Map<String, String> rows = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            Assertions.assertThat(cells).as(lines[i]).hasSize(3);
            rows.put(cells[0] + "," + cells[1], cells[2]);
        }
        return rows;
    }
}
