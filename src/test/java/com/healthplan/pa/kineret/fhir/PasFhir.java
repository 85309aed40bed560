package com.healthplan.pa.kineret.fhir;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.PasBundles;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.assertj.core.api.Assertions;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.OperationOutcome;

/** Test helpers for {@code /fhir}: raw HTTP calls with FHIR JSON, and readers of the PAS response. */
final class PasFhir {

    static final FhirContext FHIR = FhirContext.forR4Cached();
    static final String FHIR_JSON = "application/fhir+json";
    static final String REVIEW_ACTION = "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/extension-reviewAction";
    static final String REVIEW_ACTION_CODE = "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/extension-reviewActionCode";
    static final String CRITERIA = PasBundles.BASE + "/CodeSystem/kineret-pa-criteria";

    private PasFhir() {
    }

    /** @return the request of an acceptance case under a fresh requestId (prefix + UUID) */
    static ObjectNode fresh(JsonNode request, String prefix) {
        ObjectNode copy = request.deepCopy();
        copy.put("requestId", prefix + UUID.randomUUID());
        return copy;
    }

    static String json(IBaseResource resource) {
        return FHIR.newJsonParser().encodeResourceToString(resource);
    }

    static <T extends IBaseResource> T parse(Class<T> type, String body) {
        return FHIR.newJsonParser().parseResource(type, body);
    }

    static ApiClient.Response post(ApiClient api, String path, String user, String body) {
        return api.send("POST", path, user, user, FHIR_JSON, HttpRequest.BodyPublishers.ofString(body));
    }

    static ApiClient.Response submit(ApiClient api, String user, Bundle bundle) {
        return post(api, "/fhir/Claim/$submit", user, json(bundle));
    }

    /** @return the ClaimResponse of a PAS response Bundle (its first entry) */
    static ClaimResponse claimResponse(ApiClient.Response r) {
        Assertions.assertThat(r.status()).as(r.body()).isEqualTo(200);
        Assertions.assertThat(r.contentType()).startsWith(FHIR_JSON);
        Bundle bundle = parse(Bundle.class, r.body());
        Assertions.assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        Assertions.assertThat(bundle.getEntryFirstRep().getResource()).isInstanceOf(ClaimResponse.class);
        return (ClaimResponse) bundle.getEntryFirstRep().getResource();
    }

    static ApiClient.Response inquire(ApiClient api, String user, String requestId) {
        return post(api, "/fhir/Claim/$inquire", user, json(inquiry(requestId)));
    }

    /** @return a PAS inquiry Bundle: a Claim with the identifier */
    static Bundle inquiry(String requestId) {
        org.hl7.fhir.r4.model.Claim claim = new org.hl7.fhir.r4.model.Claim();
        claim.setStatus(org.hl7.fhir.r4.model.Claim.ClaimStatus.ACTIVE).setUse(org.hl7.fhir.r4.model.Claim.Use.PREAUTHORIZATION);
        claim.addIdentifier().setSystem("urn:example:intake-system").setValue(requestId);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(claim);
        return bundle;
    }

    /** @return the OperationOutcome of an error answer, after checking its status and media type */
    static OperationOutcome outcome(ApiClient.Response r, int status) {
        Assertions.assertThat(r.status()).as(r.body()).isEqualTo(status);
        Assertions.assertThat(r.contentType()).startsWith(FHIR_JSON);
        return parse(OperationOutcome.class, r.body());
    }

    /** @return every diagnostics and expression of an OperationOutcome, joined */
    static String text(OperationOutcome outcome) {
        return outcome.getIssue().stream().map(i -> i.getExpression().stream().map(e -> e.getValue())
                .collect(Collectors.joining(",")) + " " + i.getDiagnostics()).collect(Collectors.joining("; "));
    }

    static String code(ClaimResponse r, String extension) {
        Extension e = r.getExtensionByUrl(extension);
        return e == null ? null : ((CodeType) e.getValue()).getValue();
    }

    /** @return the PAS review action code (X12 306) of item 1, or null */
    static String reviewAction(ClaimResponse r) {
        Extension action = r.getItemFirstRep().getAdjudicationFirstRep().getExtensionByUrl(REVIEW_ACTION);
        if (action == null) {
            return null;
        }
        return ((CodeableConcept) action.getExtensionByUrl(REVIEW_ACTION_CODE).getValue()).getCodingFirstRep().getCode();
    }

    /** @return a sub-extension of the review action, or null */
    static Extension reviewActionPart(ClaimResponse r, String url) {
        Extension action = r.getItemFirstRep().getAdjudicationFirstRep().getExtensionByUrl(REVIEW_ACTION);
        return action == null ? null : action.getExtensionByUrl(url);
    }

    /** @return criterion id → result, from the adjudications of item 1 */
    static TreeMap<String, String> criteria(ClaimResponse r) {
        TreeMap<String, String> criteria = new TreeMap<>();
        r.getItemFirstRep().getAdjudication().stream()
                .filter(a -> CRITERIA.equals(a.getCategory().getCodingFirstRep().getSystem()))
                .forEach(a -> criteria.put(a.getCategory().getCodingFirstRep().getCode(),
                        a.getReason().getCodingFirstRep().getCode()));
        return criteria;
    }

    /** @return criterion id → result of a JSON API case view */
    static TreeMap<String, String> criteria(JsonNode view) {
        TreeMap<String, String> criteria = new TreeMap<>();
        view.get("criteria").forEach(c -> criteria.put(c.get("id").asText(), c.get("result").asText()));
        return criteria;
    }

    static Set<String> withResult(TreeMap<String, String> criteria, String result) {
        return criteria.entrySet().stream().filter(e -> result.equals(e.getValue())).map(java.util.Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> set(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static List<String> notes(ClaimResponse r) {
        return r.getProcessNote().stream().map(ClaimResponse.NoteComponent::getText).toList();
    }
}
