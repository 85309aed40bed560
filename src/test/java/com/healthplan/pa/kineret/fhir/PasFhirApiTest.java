package com.healthplan.pa.kineret.fhir;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BasicAuthInterceptor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.AppTest;
import com.healthplan.pa.kineret.support.PasBundles;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.assertj.core.api.Assertions;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The FHIR interface beyond the acceptance cases: a HAPI FHIR generic client's round trip ({@code Claim/$submit} with
 * a Parameters body, then reading the ClaimResponse), the CapabilityStatement, the Questionnaire, bad Bundles (400
 * OperationOutcome, nothing stored), idempotency (409 for other content under the same Claim identifier), a
 * reviewer's approval and adverse determination of pended cases as seen in {@code $inquire}, withdrawal by a cancelled
 * Claim, and who may call what (401 and 403 as OperationOutcome; another organisation's case answers 404).
 */
@AppTest
class PasFhirApiTest {

    private static final String CASE_ALL_MET = "01-ra-initial-all-met.json";
    private static final String CASE_ONE_PREFERRED = "04-ra-standard-one-preferred.json";

    @LocalServerPort
    int port;
    @Autowired
    BuildProperties build;

    private ApiClient api() {
        return new ApiClient(port);
    }

    private static ObjectNode request(String file) {
        return PasFhir.fresh(AcceptanceCases.named(file).request(), "PAS-API-");
    }

    private IGenericClient client(String user) {
        PasFhir.FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = PasFhir.FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
        client.registerInterceptor(new BasicAuthInterceptor(user, user));
        return client;
    }

    @Test
    void genericClientSubmitsAndReadsTheClaimResponse() {
        ObjectNode request = request(CASE_ALL_MET);
        Parameters in = new Parameters();
        in.addParameter().setName("resource").setResource(PasBundles.fromRequest(request));
        IGenericClient client = client("intake");
        Bundle out = client.operation().onType(Claim.class).named("$submit").withParameters(in)
                .returnResourceType(Bundle.class).execute();
        ClaimResponse submitted = (ClaimResponse) out.getEntryFirstRep().getResource();
        String caseId = submitted.getIdElement().getIdPart();
        Assertions.assertThat(submitted.getUse()).isEqualTo(ClaimResponse.Use.PREAUTHORIZATION);

        JsonNode view = api().awaitDetermination(caseId, Duration.ofSeconds(30));
        Assertions.assertThat(view.get("status").asText()).isEqualTo("APPROVED");
        ClaimResponse read = client.read().resource(ClaimResponse.class).withId(caseId).execute();
        Assertions.assertThat(read.getIdElement().getIdPart()).isEqualTo(caseId);
        Assertions.assertThat(PasFhir.reviewAction(read)).isEqualTo("A1");
        Assertions.assertThat(read.getPreAuthRef()).isEqualTo(view.at("/authorization/id").asText());
        Assertions.assertThat(read.getRequest().getIdentifier().getValue()).isEqualTo(request.get("requestId").asText());
    }

    @Test
    void readmeExampleBundleIsApproved() throws java.io.IOException {
        String text = java.nio.file.Files.readString(java.nio.file.Path.of("src/test/resources/fhir/example-pas-bundle.json"));
        Bundle bundle = PasFhir.parse(Bundle.class, text);
        String requestId = "PAS-EXAMPLE-" + java.util.UUID.randomUUID();
        PasBundlesOf.first(bundle, Claim.class).getIdentifierFirstRep().setValue(requestId);
        ClaimResponse submitted = PasFhir.claimResponse(PasFhir.submit(api(), "intake", bundle));
        JsonNode view = api().awaitDetermination(submitted.getIdElement().getIdPart(), Duration.ofSeconds(30));
        Assertions.assertThat(view.get("status").asText()).as(view.toString()).isEqualTo("APPROVED");
        ClaimResponse r = PasFhir.claimResponse(PasFhir.inquire(api(), "intake", requestId));
        Assertions.assertThat(PasFhir.reviewAction(r)).isEqualTo("A1");
    }

    @Test
    void capabilityStatementListsTheOperationsAndResources() {
        ApiClient.Response r = api().send("GET", "/fhir/metadata", (String) null, null, null, null);
        Assertions.assertThat(r.status()).as("open without credentials").isEqualTo(200);
        CapabilityStatement metadata = PasFhir.parse(CapabilityStatement.class, r.body());
        Assertions.assertThat(metadata.getFhirVersion().toCode()).isEqualTo("4.0.1");
        var rest = metadata.getRestFirstRep();
        Set<String> operations = new TreeSet<>();
        Set<String> reads = new TreeSet<>();
        rest.getResource().forEach(resource -> {
            resource.getOperation().forEach(op -> operations.add(resource.getType() + "/$" + op.getName()));
            resource.getInteraction().forEach(i -> reads.add(resource.getType() + " " + i.getCode().toCode()));
        });
        rest.getOperation().forEach(op -> operations.add("$" + op.getName()));
        Assertions.assertThat(operations).as(operations.toString())
                .anyMatch(o -> o.endsWith("$submit")).anyMatch(o -> o.endsWith("$inquire"));
        Assertions.assertThat(reads).contains("ClaimResponse read", "Questionnaire read", "Subscription create",
                "Subscription read", "Subscription delete");
        Assertions.assertThat(metadata.getSoftware().getName()).startsWith("Kineret prior authorization");
        Assertions.assertThat(metadata.getSoftware().getVersion()).as("the application's version, not HAPI's")
                .isEqualTo(build.getVersion()).isNotBlank();
        Assertions.assertThat(rest.getSecurity().getServiceFirstRep().getCodingFirstRep().getCode()).isEqualTo("Basic");
    }

    @Test
    void questionnaireIsServedAndItsLinkIdsAreTheResponsesOnes() {
        Questionnaire q = client("intake").read().resource(Questionnaire.class).withId("kineret-pa-5-70-050").execute();
        Assertions.assertThat(q.getUrl()).isEqualTo(PasBundles.QUESTIONNAIRE_URL);
        Assertions.assertThat(q.getStatus().toCode()).isEqualTo("active");
        List<String> linkIds = new ArrayList<>();
        collect(q.getItem(), linkIds);
        Assertions.assertThat(linkIds).contains("tb-screening", "hbv-status", "active-infection", "planned-vaccine",
                "therapy", "disease-activity", "clinical-response", "medical-exception-requested").doesNotHaveDuplicates();
        Assertions.assertThat(api().get("/fhir/Questionnaire/other", "intake").status()).isEqualTo(404);

        Bundle bundle = PasBundles.fromRequest(request("26-renewal-worsened.json"));
        var response = PasBundlesOf.first(bundle, org.hl7.fhir.r4.model.QuestionnaireResponse.class);
        List<String> answered = new ArrayList<>();
        collectAnswered(response.getItem(), answered);
        Assertions.assertThat(linkIds).containsAll(answered);
        Assertions.assertThat(answered).contains("renewal", "clinical-response", "therapy", "therapy-drug");
    }

    private static void collect(List<Questionnaire.QuestionnaireItemComponent> items, List<String> out) {
        items.forEach(i -> {
            out.add(i.getLinkId());
            collect(i.getItem(), out);
        });
    }

    private static void collectAnswered(List<org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent> items,
                                        List<String> out) {
        items.forEach(i -> {
            out.add(i.getLinkId());
            collectAnswered(i.getItem(), out);
        });
    }

    /** A bad Bundle, what the OperationOutcome must mention, and that nothing was stored. */
    private void refused(String name, String body, String requestId, String mention) {
        ApiClient.Response r = PasFhir.post(api(), "/fhir/Claim/$submit", "intake", body);
        OperationOutcome outcome = PasFhir.outcome(r, 400);
        Assertions.assertThat(outcome.getIssue()).as(name).isNotEmpty()
                .allMatch(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR);
        Assertions.assertThat(PasFhir.text(outcome)).as(name).contains(mention);
        if (requestId != null) {
            Assertions.assertThat(api().get("/api/prior-authorizations?requestId=" + requestId, "admin").status())
                    .as(name + ": nothing stored").isEqualTo(404);
        }
    }

    private void refusedBundle(String name, Consumer<Bundle> change, String mention) {
        ObjectNode request = request(CASE_ALL_MET);
        Bundle bundle = PasBundles.fromRequest(request);
        change.accept(bundle);
        refused(name, PasFhir.json(bundle), request.get("requestId").asText(), mention);
    }

    @Test
    void badBundlesAnswer400WithAnOperationOutcome() {
        refusedBundle("missing Patient", b -> b.getEntry().removeIf(e -> e.getResource() instanceof Patient),
                "Bundle.entry.resource.ofType(Patient)");
        refusedBundle("ICD-9-CM diagnosis", b -> PasBundlesOf.first(b, Condition.class).setCode(new CodeableConcept(
                new Coding("http://hl7.org/fhir/sid/icd-9-cm", "714.0", null))), "ICD-10-CM");
        refusedBundle("unknown RxCUI", b -> PasBundlesOf.first(b, MedicationRequest.class).getMedicationCodeableConcept()
                .addCoding(new Coding(PasBundles.RXNORM, "999999999", null)), "unknown RxCUI");
        refusedBundle("another drug's RxCUI", b -> PasBundlesOf.first(b, MedicationRequest.class)
                .getMedicationCodeableConcept().addCoding(new Coding(PasBundles.RXNORM, "6851", null)), "RxCUI");
        refusedBundle("missing Claim", b -> b.getEntry().removeIf(e -> e.getResource() instanceof Claim),
                "a Claim is required");
        refusedBundle("unknown linkId", b -> PasBundlesOf.first(b, org.hl7.fhir.r4.model.QuestionnaireResponse.class)
                .addItem().setLinkId("no-such-question"), "no-such-question");
        refusedBundle("answer not an option", b -> PasBundlesOf.first(b, org.hl7.fhir.r4.model.QuestionnaireResponse.class)
                .getItem().stream().filter(i -> "safety".equals(i.getLinkId())).findFirst().orElseThrow().getItem().stream()
                .filter(i -> "tb-screening".equals(i.getLinkId())).findFirst().orElseThrow().getAnswerFirstRep()
                .setValue(new Coding(PasBundles.ANSWERS, "MAYBE", null)), "answer options");
        refusedBundle("invalid NPI", b -> PasBundlesOf.first(b, org.hl7.fhir.r4.model.Practitioner.class)
                .getIdentifierFirstRep().setValue("1234567890"), "prescriber.npi");
        refused("not a Bundle", PasFhir.json(new Patient().setActive(true)), null, "must be a PAS request Bundle");
        refused("malformed JSON", "{\"resourceType\": \"Bundle\", \"type\": ", null, "well-formed");
        refused("not FHIR at all", "requestId=1", null, "not FHIR JSON or XML");
        refused("empty body", "", null, "a body is required");
    }

    @Test
    void sameClaimIdentifierWithOtherContentIs409() {
        ObjectNode request = request(CASE_ALL_MET);
        ClaimResponse first = PasFhir.claimResponse(PasFhir.submit(api(), "intake", PasBundles.fromRequest(request)));
        request.with("prescription").put("quantity", 56);
        OperationOutcome conflict = PasFhir.outcome(PasFhir.submit(api(), "intake", PasBundles.fromRequest(request)), 409);
        Assertions.assertThat(PasFhir.text(conflict)).contains("different content");
        Assertions.assertThat(api().get("/api/prior-authorizations?requestId=" + request.get("requestId").asText(), "intake")
                .json().get("id").asText()).isEqualTo(first.getIdElement().getIdPart());
    }

    private String taskOf(String requestId) {
        JsonNode tasks = api().get("/engine-rest/task?processInstanceBusinessKey=" + requestId, "pharmacist").json();
        Assertions.assertThat(tasks).hasSize(1);
        return tasks.get(0).get("id").asText();
    }

    private void complete(String requestId, String user, String variables) {
        String task = taskOf(requestId);
        Assertions.assertThat(api().send("POST", "/engine-rest/task/" + task + "/claim", user, user, "application/json",
                HttpRequest.BodyPublishers.ofString("{\"userId\": \"" + user + "\"}")).status()).isEqualTo(204);
        ApiClient.Response done = api().send("POST", "/engine-rest/task/" + task + "/complete", user, user,
                "application/json", HttpRequest.BodyPublishers.ofString("{\"variables\": " + variables + "}"));
        Assertions.assertThat(done.status()).as(done.body()).isEqualTo(204);
    }

    private String submitPended(ObjectNode request) {
        ClaimResponse submitted = PasFhir.claimResponse(PasFhir.submit(api(), "intake", PasBundles.fromRequest(request)));
        String caseId = submitted.getIdElement().getIdPart();
        Assertions.assertThat(api().awaitDetermination(caseId, Duration.ofSeconds(30)).get("status").asText())
                .isEqualTo("IN_REVIEW");
        ClaimResponse pended = PasFhir.claimResponse(PasFhir.inquire(api(), "intake", request.get("requestId").asText()));
        Assertions.assertThat(PasFhir.reviewAction(pended)).isEqualTo("A4");
        Assertions.assertThat(PasFhir.notes(pended)).anyMatch(n -> n.startsWith("PREFERRED_PRODUCTS NOT_MET (5.70.050"));
        return caseId;
    }

    @Test
    void reviewersApprovalShowsAsA1WithTheReason() {
        ObjectNode request = request(CASE_ONE_PREFERRED);
        String caseId = submitPended(request);
        String reason = "Adalimumab trial documented in the chart; exception to the preferred-product rule.";
        complete(request.get("requestId").asText(), "pharmacist",
                "{\"decision\": {\"value\": \"APPROVED\"}, \"reason\": {\"value\": \"" + reason + "\"}}");
        JsonNode view = api().awaitStatus(caseId, "APPROVED");
        ClaimResponse r = PasFhir.claimResponse(PasFhir.inquire(api(), "intake", request.get("requestId").asText()));
        Assertions.assertThat(PasFhir.reviewAction(r)).isEqualTo("A1");
        Assertions.assertThat(((CodeableConcept) PasFhir.reviewActionPart(r, "reasonCode").getValue()).getText())
                .isEqualTo(reason);
        Assertions.assertThat(r.getPreAuthRef()).isEqualTo(view.at("/authorization/id").asText());
        Assertions.assertThat(r.getDisposition()).contains("clinical reviewer");
        Assertions.assertThat(PasFhir.json(PasFhir.parse(ClaimResponse.class,
                api().get("/fhir/ClaimResponse/" + caseId, "pharmacist").body()))).isEqualTo(PasFhir.json(r));
    }

    @Test
    void reviewersAdverseDeterminationShowsAsA3WithTheReason() {
        ObjectNode request = request(CASE_ONE_PREFERRED);
        String caseId = submitPended(request);
        String reason = "Only one preferred product tried; the plan option requires two.";
        complete(request.get("requestId").asText(), "pharmacist", "{\"decision\": {\"value\": \"DENIED\"}, \"reason\": "
                + "{\"value\": \"" + reason + "\"}, \"deniedCriteria\": {\"value\": \"PREFERRED_PRODUCTS\"}}");
        api().awaitStatus(caseId, "DENIED");
        ClaimResponse r = PasFhir.claimResponse(PasFhir.inquire(api(), "intake", request.get("requestId").asText()));
        Assertions.assertThat(PasFhir.reviewAction(r)).isEqualTo("A3");
        Assertions.assertThat(((CodeableConcept) PasFhir.reviewActionPart(r, "reasonCode").getValue()).getText())
                .isEqualTo(reason);
        Assertions.assertThat(r.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.COMPLETE);
        Assertions.assertThat(r.hasPreAuthRef()).isFalse();
        Assertions.assertThat(r.getDisposition()).contains("adverse determination");
    }

    @Test
    void cancelledClaimWithdrawsTheCase() {
        ObjectNode request = request(CASE_ONE_PREFERRED);
        String caseId = submitPended(request);
        Bundle cancel = PasFhir.inquiry(request.get("requestId").asText());
        PasBundlesOf.first(cancel, Claim.class).setStatus(Claim.ClaimStatus.CANCELLED);
        ClaimResponse r = PasFhir.claimResponse(PasFhir.submit(api(), "intake", cancel));
        Assertions.assertThat(r.getStatus()).isEqualTo(ClaimResponse.ClaimResponseStatus.CANCELLED);
        Assertions.assertThat(api().get("/api/prior-authorizations/" + caseId, "intake").json().get("status").asText())
                .isEqualTo("WITHDRAWN");
        Assertions.assertThat(PasFhir.reviewAction(r)).isNull();
        Assertions.assertThat(PasFhir.claimResponse(PasFhir.submit(api(), "intake", cancel)).getStatus())
                .as("cancelling again answers the same").isEqualTo(ClaimResponse.ClaimResponseStatus.CANCELLED);
    }

    @Test
    void accessFollowsTheJsonApisGroups() {
        ObjectNode request = request(CASE_ALL_MET);
        String body = PasFhir.json(PasBundles.fromRequest(request));
        OperationOutcome none = PasFhir.outcome(api().send("POST", "/fhir/Claim/$submit", (String) null, null,
                PasFhir.FHIR_JSON, HttpRequest.BodyPublishers.ofString(body)), 401);
        Assertions.assertThat(none.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.LOGIN);
        PasFhir.outcome(api().send("POST", "/fhir/Claim/$submit", "intake", "wrong", PasFhir.FHIR_JSON,
                HttpRequest.BodyPublishers.ofString(body)), 401);
        OperationOutcome reviewer = PasFhir.outcome(PasFhir.post(api(), "/fhir/Claim/$submit", "pharmacist", body), 403);
        Assertions.assertThat(reviewer.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.FORBIDDEN);
        PasFhir.outcome(PasFhir.post(api(), "/fhir/Claim/$submit", "supervisor", body), 403);
        Assertions.assertThat(api().get("/api/prior-authorizations?requestId=" + request.get("requestId").asText(), "admin")
                .status()).as("nothing stored").isEqualTo(404);

        String caseId = PasFhir.claimResponse(PasFhir.post(api(), "/fhir/Claim/$submit", "intake", body))
                .getIdElement().getIdPart();
        Assertions.assertThat(api().get("/fhir/ClaimResponse/" + caseId, "supervisor").status()).isEqualTo(200);
        Assertions.assertThat(api().get("/fhir/ClaimResponse/" + caseId, "physician").status()).isEqualTo(200);
        PasFhir.outcome(api().get("/fhir/ClaimResponse/" + caseId, "intake2"), 404);
        PasFhir.outcome(PasFhir.inquire(api(), "intake2", request.get("requestId").asText()), 404);
        PasFhir.outcome(api().get("/fhir/ClaimResponse/no-such-case", "intake"), 404);
        PasFhir.outcome(api().send("GET", "/fhir/ClaimResponse/" + caseId, (String) null, null, null, null), 401);
    }

    /** Finding resources in a Bundle. */
    static final class PasBundlesOf {
        private PasBundlesOf() {
        }

        static <T extends Resource> T first(Bundle bundle, Class<T> type) {
            return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance)
                    .map(type::cast).findFirst().orElseThrow(() -> new AssertionError("no " + type.getSimpleName()));
        }
    }
}
