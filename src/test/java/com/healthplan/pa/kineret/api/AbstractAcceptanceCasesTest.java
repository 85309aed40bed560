package com.healthplan.pa.kineret.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import com.healthplan.pa.kineret.support.ApiClient;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every acceptance case of {@code ../shared/cases}, and the product's own cases of
 * {@code src/test/resources/acceptance-cases} (coded requests, names as EHRs write them), through the real HTTP API
 * of the running application: submit,
 * wait for the determination, and compare indication, route, status, the exact NOT_MET and UNKNOWN sets and,
 * for approvals, the authorization's length in calendar months.
 */
abstract class AbstractAcceptanceCasesTest {

    @LocalServerPort
    int port;

    static List<AcceptanceCases.Case> cases() {
        return AcceptanceCases.sharedAndProject();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void caseIsDecidedAsExpected(AcceptanceCases.Case c) {
        ApiClient api = new ApiClient(port);
        ApiClient.Response submitted = api.submit(c.request().toString());
        Assertions.assertThat(submitted.status()).as("submit %s: %s", c.file(), submitted.body()).isEqualTo(201);
        Assertions.assertThat(submitted.header("Location")).endsWith("/api/prior-authorizations/" + submitted.json().get("id").asText());

        JsonNode decided = api.awaitDetermination(submitted.json().get("id").asText(), Duration.ofSeconds(60));
        JsonNode expect = c.expect();
        Assertions.assertThat(decided.get("requestId").asText()).isEqualTo(c.request().get("requestId").asText());
        Assertions.assertThat(decided.get("indication").asText()).as("indication").isEqualTo(expect.get("indication").asText());
        Assertions.assertThat(decided.get("route").asText()).as("route").isEqualTo(expect.get("route").asText());
        Assertions.assertThat(decided.get("status").asText()).as("status").isEqualTo(expect.get("status").asText());
        Assertions.assertThat(idsWithResult(decided, "NOT_MET")).as("NOT_MET criteria").isEqualTo(set(expect.get("notMet")));
        Assertions.assertThat(idsWithResult(decided, "UNKNOWN")).as("UNKNOWN criteria").isEqualTo(set(expect.get("unknown")));
        Assertions.assertThat(decided.get("policyVersion").asText()).isEqualTo("5.70.050 (2025-04-01)");
        decided.get("criteria").forEach(criterion -> {
            Assertions.assertThat(criterion.path("reference").asText()).as("reference of %s", criterion).startsWith("5.70.050");
            Assertions.assertThat(criterion.path("detail").isNull()).as("detail of %s", criterion).isFalse();
        });

        if (expect.has("authorizationMonths")) {
            JsonNode authorization = decided.get("authorization");
            LocalDate from = LocalDate.parse(authorization.get("validFrom").asText());
            LocalDate to = LocalDate.parse(authorization.get("validTo").asText());
            Assertions.assertThat(from.plusMonths(expect.get("authorizationMonths").asInt())).as("validTo").isEqualTo(to);
            Assertions.assertThat(decided.at("/decision/outcome").asText()).isEqualTo("APPROVED");
            Assertions.assertThat(decided.at("/decision/decidedBy").asText()).isEqualTo("system");
        } else {
            Assertions.assertThat(decided.get("authorization").isNull()).as("no authorization before review").isTrue();
            Assertions.assertThat(decided.get("decision").isNull()).as("no automatic denial").isTrue();
        }

        ApiClient.Response byRequestId = api.get("/api/prior-authorizations?requestId=" + c.request().get("requestId").asText(), "pharmacist");
        Assertions.assertThat(byRequestId.status()).isEqualTo(200);
        Assertions.assertThat(byRequestId.json().get("id").asText()).isEqualTo(decided.get("id").asText());
    }

    private static Set<String> idsWithResult(JsonNode view, String result) {
        Set<String> ids = new TreeSet<>();
        view.get("criteria").forEach(c -> {
            if (result.equals(c.get("result").asText())) {
                ids.add(c.get("id").asText());
            }
        });
        return ids;
    }

    private static Set<String> set(JsonNode array) {
        return new TreeSet<>(StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList());
    }
}
