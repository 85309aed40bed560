package com.healthplan.pa.kineret.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRepository;
import com.healthplan.pa.kineret.process.ProcessConstants;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.AppTest;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every kind of bad input of {@code spec/API.md} (400, 409, 413, 401, 403): the status, an
 * {@code application/problem+json} body with {@code type}, {@code title}, {@code status}, {@code detail} (and
 * field errors for 400), and nothing stored: no case row and no process instance.
 */
@AppTest
class IntakeBadInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    PriorAuthorizationRepository repository;
    @Autowired
    HistoryService history;
    @Autowired
    IdentityService identity;

    ApiClient api;
    long casesBefore;
    long instancesBefore;

    /**
     * Wrong passwords go to a user of their own: Camunda delays further logins of a user after a failed one
     * (brute-force protection), which must not lock out the demo users the other tests use.
     */
    static final String WRONG_PASSWORD_USER = "passwordprobe";

    @BeforeEach
    void countStoredState() {
        if (identity.createUserQuery().userId(WRONG_PASSWORD_USER).count() == 0) {
            var user = identity.newUser(WRONG_PASSWORD_USER);
            user.setPassword("right");
            identity.saveUser(user);
            identity.createMembership(WRONG_PASSWORD_USER, "pa-intake");
        }
        api = new ApiClient(port);
        casesBefore = repository.count();
        instancesBefore = history.createHistoricProcessInstanceQuery().processDefinitionKey(ProcessConstants.PROCESS_KEY).count();
    }

    /** A valid request (acceptance case 01) under a fresh requestId. */
    static ObjectNode validRequest() {
        ObjectNode request = AcceptanceCases.named("01-ra-initial-all-met.json").request().deepCopy();
        request.put("requestId", "BAD-" + UUID.randomUUID());
        return request;
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                bad("missing requestId", "requestId", r -> r.remove("requestId")),
                bad("missing requestType", "requestType", r -> r.remove("requestType")),
                bad("missing benefit", "benefit", r -> r.remove("benefit")),
                bad("missing planOption", "planOption", r -> r.remove("planOption")),
                bad("missing member.id", "member.id", r -> ((ObjectNode) r.get("member")).remove("id")),
                bad("missing member.dateOfBirth", "member.dateOfBirth", r -> ((ObjectNode) r.get("member")).remove("dateOfBirth")),
                bad("missing prescriber.npi", "prescriber.npi", r -> ((ObjectNode) r.get("prescriber")).remove("npi")),
                bad("missing diagnosis.icd10", "diagnosis.icd10", r -> ((ObjectNode) r.get("diagnosis")).remove("icd10")),
                bad("missing prescription.dosePerDayMg", "prescription.dosePerDayMg", r -> ((ObjectNode) r.get("prescription")).remove("dosePerDayMg")),
                bad("missing member object", "member", r -> r.remove("member")),
                bad("wrong type: dose as text", "prescription.dosePerDayMg", r -> ((ObjectNode) r.get("prescription")).put("dosePerDayMg", "a lot")),
                bad("wrong type: dose as numeric string", "prescription.dosePerDayMg", r -> ((ObjectNode) r.get("prescription")).put("dosePerDayMg", "100")),
                bad("wrong type: quantity as fraction", "prescription.quantity", r -> ((ObjectNode) r.get("prescription")).put("quantity", 28.5)),
                bad("wrong type: activeInfection as text", "safety.activeInfection", r -> ((ObjectNode) r.get("safety")).put("activeInfection", "no")),
                bad("wrong type: member as array", "member", r -> r.putArray("member")),
                bad("wrong type: requestId as number", "requestId", r -> r.put("requestId", 12345)),
                bad("wrong type: therapyHistory as object", "therapyHistory", r -> r.putObject("therapyHistory")),
                bad("unknown enum: requestType", "requestType", r -> r.put("requestType", "FIRST")),
                bad("unknown enum: planOption", "planOption", r -> r.put("planOption", "GOLD")),
                bad("unknown enum: therapy outcome", "therapyHistory[0].outcome", r -> ((ObjectNode) r.get("therapyHistory").get(0)).put("outcome", "FAILED")),
                bad("unknown enum: tbScreening", "safety.tbScreening", r -> ((ObjectNode) r.get("safety")).put("tbScreening", "POSITIVE")),
                bad("malformed date of birth", "member.dateOfBirth", r -> ((ObjectNode) r.get("member")).put("dateOfBirth", "1980-13-45")),
                bad("date of birth in the future", "member.dateOfBirth", r -> ((ObjectNode) r.get("member")).put("dateOfBirth", LocalDate.now().plusDays(2).toString())),
                bad("weight zero", "member.weightKg", r -> ((ObjectNode) r.get("member")).put("weightKg", 0)),
                bad("weight negative", "member.weightKg", r -> ((ObjectNode) r.get("member")).put("weightKg", -70)),
                bad("dose zero", "prescription.dosePerDayMg", r -> ((ObjectNode) r.get("prescription")).put("dosePerDayMg", 0)),
                bad("dose negative", "prescription.dosePerDayMg", r -> ((ObjectNode) r.get("prescription")).put("dosePerDayMg", -100)),
                bad("ICD-10 not of ICD-10-CM shape", "diagnosis.icd10", r -> ((ObjectNode) r.get("diagnosis")).put("icd10", "RA")),
                bad("ICD-10 starting with a digit", "diagnosis.icd10", r -> ((ObjectNode) r.get("diagnosis")).put("icd10", "5M0.79")),
                bad("NPI with a wrong check digit", "prescriber.npi", r -> ((ObjectNode) r.get("prescriber")).put("npi", "1234567890")),
                bad("NPI too short", "prescriber.npi", r -> ((ObjectNode) r.get("prescriber")).put("npi", "123456789")),
                bad("date of birth after the request date", "member.dateOfBirth", r -> ((ObjectNode) r.get("member")).put("dateOfBirth", "2026-03-03")),
                bad("NUL character in a text", "member.id", r -> ((ObjectNode) r.get("member")).put("id", "MBR\u0000X")),
                bad("too many therapy entries", "therapyHistory", r -> {
                    var history = r.putArray("therapyHistory");
                    for (int i = 0; i < 101; i++) {
                        history.addObject().put("drug", "methotrexate").put("outcome", "INTOLERANCE");
                    }
                }),
                bad("blank therapy drug", "therapyHistory[0].drug", r -> ((ObjectNode) r.get("therapyHistory").get(0)).put("drug", " ")),
                bad("therapy entry with neither drug nor code", "therapyHistory[0].drug", r -> ((ObjectNode) r.get("therapyHistory").get(0)).remove("drug")),
                bad("RxCUI with letters", "therapyHistory[0].rxcui", r -> ((ObjectNode) r.get("therapyHistory").get(0)).put("rxcui", "RX6851")),
                bad("RxCUI as a number", "therapyHistory[0].rxcui", r -> ((ObjectNode) r.get("therapyHistory").get(0)).put("rxcui", 6851)),
                bad("NDC of no NDC shape", "prescription.ndc", r -> ((ObjectNode) r.get("prescription")).put("ndc", "66658-23")),
                bad("blank medication name", "safety.concurrentMedications[1].name", r -> ((ArrayNode) r.get("safety").get("concurrentMedications")).set(1, TextNode.valueOf(" "))),
                bad("medication object with neither name nor code", "safety.concurrentMedications[0].name", r -> ((ArrayNode) r.get("safety").get("concurrentMedications")).set(0, JsonNodeFactory.instance.objectNode())),
                bad("medication NDC with letters", "safety.concurrentMedications[0].ndc", r -> ((ArrayNode) r.get("safety").get("concurrentMedications")).set(0, JsonNodeFactory.instance.objectNode().put("ndc", "0074-AB54-02"))),
                bad("medication as a number", "safety.concurrentMedications[0]", r -> ((ArrayNode) r.get("safety").get("concurrentMedications")).set(0, JsonNodeFactory.instance.numberNode(6851))),
                bad("medication name over 100 characters", "safety.concurrentMedications[0].name", r -> ((ArrayNode) r.get("safety").get("concurrentMedications")).set(0, TextNode.valueOf("m".repeat(101)))),
                bad("CVX of four digits", "safety.plannedVaccines[0].cvx", r -> ((ArrayNode) r.get("safety").get("plannedVaccines")).add(JsonNodeFactory.instance.objectNode().put("cvx", "1210"))),
                bad("vaccine object with neither name nor code", "safety.plannedVaccines[0].name", r -> ((ArrayNode) r.get("safety").get("plannedVaccines")).add(JsonNodeFactory.instance.objectNode())));
    }

    private static Arguments bad(String name, String field, Consumer<ObjectNode> change) {
        ObjectNode request = validRequest();
        change.accept(request);
        return Arguments.of(name, field, request.toString());
    }

    /** The OpenAPI document says that a medication or vaccine entry is a string (a name) or a coded object. */
    @Test
    void apiDocsDescribeEntriesAsNameOrCodedObject() {
        JsonNode docs = api.get("/v3/api-docs", "intake").json();
        JsonNode safety = docs.at("/components/schemas/Safety/properties");
        for (String[] list : new String[][] {{"concurrentMedications", "MedicationEntry"}, {"plannedVaccines", "VaccineEntry"}}) {
            JsonNode oneOf = safety.at("/" + list[0] + "/items/oneOf");
            Assertions.assertThat(oneOf.toString()).as(list[0]).contains("\"type\":\"string\"")
                    .contains("#/components/schemas/" + list[1]);
        }
        Assertions.assertThat(docs.at("/components/schemas/MedicationEntry/properties").has("rxcui")).isTrue();
        Assertions.assertThat(docs.at("/components/schemas/MedicationEntry/properties").has("ndc")).isTrue();
        Assertions.assertThat(docs.at("/components/schemas/VaccineEntry/properties").has("cvx")).isTrue();
        Assertions.assertThat(docs.at("/components/schemas/TherapyTrial/properties").has("rxcui")).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void invalidFieldIsRefusedWith400AndNamed(String name, String field, String body) {
        ApiClient.Response r = api.submit(body);
        assertProblem(r, 400);
        Assertions.assertThat(r.json().get("errors")).as("errors of %s", r.body()).isNotEmpty();
        Assertions.assertThat(r.json().get("errors").findValuesAsText("field")).as(r.body()).contains(field);
        r.json().get("errors").forEach(e -> Assertions.assertThat(e.get("message").asText()).isNotBlank());
        assertNothingStored();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"requestId\": }", "not json", "[1,2]", "\"text\"", "{\"a\":1} {\"b\":2}",
            "{\"requestId\":\"X\",\"requestId\":\"Y\"}", "", "null"})
    void malformedJsonIsRefusedWith400(String body) {
        ApiClient.Response r = api.submit(body);
        assertProblem(r, 400);
        assertNothingStored();
    }

    @Test
    void nestingBeyondTheParserLimitIsRefusedWith400() {
        ApiClient.Response r = api.submit("{\"a\":".repeat(3000) + "1" + "}".repeat(3000));
        assertProblem(r, 400);
        assertNothingStored();
    }

    @Test
    void sameRequestIdWithSameContentAnswers200WithTheSameCase() {
        String body = validRequest().toString();
        ApiClient.Response first = api.submit(body);
        Assertions.assertThat(first.status()).isEqualTo(201);
        ApiClient.Response retry = api.submit(body);
        Assertions.assertThat(retry.status()).isEqualTo(200);
        Assertions.assertThat(retry.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        Assertions.assertThat(repository.count()).isEqualTo(casesBefore + 1);
        Assertions.assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(ProcessConstants.PROCESS_KEY).count())
                .isEqualTo(instancesBefore + 1);
    }

    @Test
    void sameRequestIdWithReorderedKeysAndSpacingIsTheSameContent() throws Exception {
        ObjectNode request = validRequest();
        ApiClient.Response first = api.submit(request.toString());
        Assertions.assertThat(first.status()).isEqualTo(201);
        ObjectNode reordered = JSON.createObjectNode();
        java.util.List<String> names = new java.util.ArrayList<>();
        request.fieldNames().forEachRemaining(names::add);
        java.util.Collections.reverse(names);
        names.forEach(n -> reordered.set(n, request.get(n)));
        Assertions.assertThat(reordered.toString()).isNotEqualTo(request.toString());
        Assertions.assertThat(api.submit(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(reordered)).status())
                .isEqualTo(200);
    }

    @Test
    void sameRequestIdWithDifferentContentAnswers409() {
        ObjectNode request = validRequest();
        Assertions.assertThat(api.submit(request.toString()).status()).isEqualTo(201);
        ((ObjectNode) request.get("prescription")).put("dosePerDayMg", 50);
        ApiClient.Response conflict = api.submit(request.toString());
        assertProblem(conflict, 409);
        Assertions.assertThat(conflict.json().get("requestId").asText()).isEqualTo(request.get("requestId").asText());
        Assertions.assertThat(repository.count()).isEqualTo(casesBefore + 1);
        Assertions.assertThat(repository.findByRequestId(request.get("requestId").asText()).orElseThrow().requestJson())
                .contains("\"dosePerDayMg\":100");
    }

    @Test
    void bodyOver1MiBWithContentLengthAnswers413() {
        ApiClient.Response r = api.submit(oversized());
        assertProblem(r, 413);
        assertNothingStored();
    }

    @Test
    void chunkedBodyOver1MiBAnswers413() {
        byte[] bytes = oversized().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ApiClient.Response r = api.send("POST", "/api/prior-authorizations", "intake", "intake", "application/json",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
        assertProblem(r, 413);
        assertNothingStored();
    }

    @Test
    void bodyJustUnder1MiBIsNotRefusedForSize() {
        ObjectNode request = validRequest();
        String padding = " ".repeat(1024 * 1024 - request.toString().length() - 1);
        ApiClient.Response r = api.submit(request.toString() + padding);
        Assertions.assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @Test
    void noCredentialsAnswers401() {
        ApiClient.Response r = api.send("POST", "/api/prior-authorizations", null, null, "application/json",
                HttpRequest.BodyPublishers.ofString(validRequest().toString()));
        assertProblem(r, 401);
        Assertions.assertThat(r.header("WWW-Authenticate")).startsWith("Basic");
        assertNothingStored();
    }

    @Test
    void wrongPasswordAnswers401() {
        ApiClient.Response r = api.send("POST", "/api/prior-authorizations", WRONG_PASSWORD_USER, "wrong", "application/json",
                HttpRequest.BodyPublishers.ofString(validRequest().toString()));
        assertProblem(r, 401);
        assertNothingStored();
    }

    @Test
    void userOutsideIntakeAnswers403() {
        ApiClient.Response r = api.send("POST", "/api/prior-authorizations", "pharmacist", "pharmacist", "application/json",
                HttpRequest.BodyPublishers.ofString(validRequest().toString()));
        assertProblem(r, 403);
        assertNothingStored();
    }

    @Test
    void readWithoutCredentialsAnswers401AndUnknownCaseAnswers404() {
        assertProblem(api.send("GET", "/api/prior-authorizations/x", null, null, null, null), 401);
        assertProblem(api.get("/api/prior-authorizations/" + UUID.randomUUID(), "intake"), 404);
        assertProblem(api.get("/api/prior-authorizations?requestId=NOPE-" + UUID.randomUUID(), "supervisor"), 404);
    }

    @Test
    void engineRestNeedsCredentials() {
        Assertions.assertThat(api.send("GET", "/engine-rest/task", null, null, null, null).status()).isEqualTo(401);
        Assertions.assertThat(api.send("GET", "/engine-rest/task", WRONG_PASSWORD_USER, "wrong", null, null).status()).isEqualTo(401);
        Assertions.assertThat(api.get("/engine-rest/task", "pharmacist").status()).isEqualTo(200);
    }

    @Test
    void wrongContentTypeIsAProblemNotA500() {
        ApiClient.Response r = api.send("POST", "/api/prior-authorizations", "intake", "intake", "text/plain",
                HttpRequest.BodyPublishers.ofString(validRequest().toString()));
        assertProblem(r, 415);
        assertNothingStored();
    }

    private static String oversized() {
        ObjectNode request = validRequest();
        request.put("padding", "x".repeat(1024 * 1024));
        return request.toString();
    }

    private void assertProblem(ApiClient.Response r, int status) {
        Assertions.assertThat(r.status()).as(r.body()).isEqualTo(status);
        Assertions.assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode p = r.json();
        Assertions.assertThat(p.get("status").asInt()).isEqualTo(status);
        Assertions.assertThat(p.get("type").asText()).startsWith("https://pa.healthplan.example/problems/");
        Assertions.assertThat(p.get("title").asText()).isNotBlank();
        Assertions.assertThat(p.get("detail").asText()).isNotBlank();
        Assertions.assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private void assertNothingStored() {
        Assertions.assertThat(repository.count()).as("stored cases").isEqualTo(casesBefore);
        Assertions.assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(ProcessConstants.PROCESS_KEY).count())
                .as("process instances").isEqualTo(instancesBefore);
    }
}
