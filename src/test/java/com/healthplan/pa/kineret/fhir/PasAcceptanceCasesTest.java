package com.healthplan.pa.kineret.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.AppTest;
import com.healthplan.pa.kineret.support.PasBundles;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeMap;
import org.assertj.core.api.Assertions;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every acceptance case of {@code ../shared/cases} through the FHIR interface: the case's request, under a fresh
 * requestId, translated into a PAS request Bundle by {@link PasBundles} (generic over the request's fields),
 * submitted to {@code Claim/$submit}; once the rules have run, the ClaimResponse of {@code Claim/$inquire} and of
 * {@code GET /fhir/ClaimResponse/{id}} gives the case's expected indication, route, status, NOT_MET and UNKNOWN
 * criteria, and the same criteria (ids and results) as {@code GET /api/prior-authorizations/{id}}; an approval has
 * review action A1 with the authorization number, its period (12 or 18 calendar months) and its quantity limit, every
 * other case A4 with each criterion not met as a note with its policy reference. Submitting the same Bundle again
 * answers the same case.
 */
@AppTest
class PasAcceptanceCasesTest {

    @LocalServerPort
    int port;

    static List<AcceptanceCases.Case> cases() {
        return AcceptanceCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void caseIsDecidedAsExpectedThroughPas(AcceptanceCases.Case c) {
        ApiClient api = new ApiClient(port);
        ObjectNode request = PasFhir.fresh(c.request(), "PAS-");
        String requestId = request.get("requestId").asText();
        Bundle bundle = PasBundles.fromRequest(request);

        ClaimResponse submitted = PasFhir.claimResponse(PasFhir.submit(api, "intake", bundle));
        String caseId = submitted.getIdElement().getIdPart();
        Assertions.assertThat(submitted.getRequest().getIdentifier().getValue()).isEqualTo(requestId);
        JsonNode view = api.awaitDetermination(caseId, Duration.ofSeconds(60));
        Assertions.assertThat(view.get("requestId").asText()).isEqualTo(requestId);

        ClaimResponse inquired = PasFhir.claimResponse(PasFhir.inquire(api, "intake", requestId));
        ApiClient.Response read = api.get("/fhir/ClaimResponse/" + caseId, "intake");
        Assertions.assertThat(read.status()).as(read.body()).isEqualTo(200);
        ClaimResponse byId = PasFhir.parse(ClaimResponse.class, read.body());
        Assertions.assertThat(PasFhir.json(byId)).as("GET ClaimResponse and $inquire").isEqualTo(PasFhir.json(inquired));

        JsonNode expect = c.expect();
        ClaimResponse r = inquired;
        Assertions.assertThat(r.getIdElement().getIdPart()).isEqualTo(caseId);
        Assertions.assertThat(PasFhir.code(r, PasBundles.BASE + "/StructureDefinition/indication")).as("indication")
                .isEqualTo(expect.get("indication").asText()).isEqualTo(view.get("indication").asText());
        Assertions.assertThat(PasFhir.code(r, PasBundles.BASE + "/StructureDefinition/route")).as("route")
                .isEqualTo(expect.get("route").asText()).isEqualTo(view.get("route").asText());
        Assertions.assertThat(PasFhir.code(r, PasBundles.BASE + "/StructureDefinition/case-status")).as("status")
                .isEqualTo(expect.get("status").asText()).isEqualTo(view.get("status").asText());
        TreeMap<String, String> criteria = PasFhir.criteria(r);
        Assertions.assertThat(criteria).as("criteria as the JSON API gives them").isEqualTo(PasFhir.criteria(view));
        Assertions.assertThat(PasFhir.withResult(criteria, "NOT_MET")).as("NOT_MET").isEqualTo(PasFhir.set(expect.get("notMet")));
        Assertions.assertThat(PasFhir.withResult(criteria, "UNKNOWN")).as("UNKNOWN").isEqualTo(PasFhir.set(expect.get("unknown")));

        if (expect.has("authorizationMonths")) {
            JsonNode authorization = view.get("authorization");
            Assertions.assertThat(PasFhir.reviewAction(r)).isEqualTo("A1");
            Assertions.assertThat(r.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.COMPLETE);
            Assertions.assertThat(r.getPreAuthRef()).isEqualTo(authorization.get("id").asText());
            Assertions.assertThat(((StringType) PasFhir.reviewActionPart(r, "number").getValue()).getValue())
                    .isEqualTo(authorization.get("id").asText());
            LocalDate start = LocalDate.parse(r.getPreAuthPeriod().getStartElement().getValueAsString());
            LocalDate end = LocalDate.parse(r.getPreAuthPeriod().getEndElement().getValueAsString());
            Assertions.assertThat(start.toString()).isEqualTo(authorization.get("validFrom").asText());
            Assertions.assertThat(end.plusDays(1)).as("last day of the period")
                    .isEqualTo(start.plusMonths(expect.get("authorizationMonths").asInt()));
            Assertions.assertThat(r.getItemFirstRep().getAdjudication().stream()
                    .filter(a -> "quantity-limit".equals(a.getCategory().getCodingFirstRep().getCode()))
                    .map(a -> a.getReason().getText()).toList())
                    .containsExactly(authorization.get("quantityLimit").asText());
        } else {
            Assertions.assertThat(PasFhir.reviewAction(r)).as("pended, never denied by the rules").isEqualTo("A4");
            Assertions.assertThat(r.getOutcome()).isEqualTo(ClaimResponse.RemittanceOutcome.QUEUED);
            Assertions.assertThat(r.hasPreAuthRef()).isFalse();
            view.get("criteria").forEach(criterion -> {
                if (!"MET".equals(criterion.get("result").asText())) {
                    Assertions.assertThat(PasFhir.notes(r)).as("note of %s", criterion)
                            .anyMatch(n -> n.startsWith(criterion.get("id").asText() + " " + criterion.get("result").asText())
                                    && n.contains(criterion.get("reference").asText()));
                }
            });
        }

        ClaimResponse again = PasFhir.claimResponse(PasFhir.submit(api, "intake", bundle));
        Assertions.assertThat(again.getIdElement().getIdPart()).as("the same Bundle again: the same case").isEqualTo(caseId);
    }
}
