package com.healthplan.pa.kineret.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.healthplan.pa.kineret.cases.CaseScope;
import java.security.Principal;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.springframework.stereotype.Component;

/** The read interactions of {@code /fhir}: ClaimResponse by case id, and the policy's Questionnaire. */
public final class PasReadProviders {

    private PasReadProviders() {
    }

    /**
     * {@code GET /fhir/ClaimResponse/{id}}: the current ClaimResponse of the case with that id (the id of
     * {@code GET /api/prior-authorizations/{id}}); 404 (OperationOutcome) for an unknown case or one the caller may not
     * see (an intake account sees its organisation's cases only, as in the JSON API).
     */
    @Component
    public static class ClaimResponses implements IResourceProvider {
        private final PasClaimResponses responses;
        private final CaseScope scope;

        /** Wires the ClaimResponse builder and the case scope. */
        public ClaimResponses(PasClaimResponses responses, CaseScope scope) {
            this.responses = responses;
            this.scope = scope;
        }

        @Override
        public Class<ClaimResponse> getResourceType() {
            return ClaimResponse.class;
        }

        /**
         * @param id the case id
         * @return the case's ClaimResponse
         * @throws ResourceNotFoundException (404) for an unknown or invisible case
         */
        @Read
        public ClaimResponse read(@IdParam IdType id) {
            Principal caller = PasClaimOperations.caller();
            String caseId = id.getIdPart();
            return responses.forCase(caseId).filter(r -> scope.allows(caseId, caller))
                    .orElseThrow(() -> new ResourceNotFoundException(id));
        }
    }

    /** {@code GET /fhir/Questionnaire/kineret-pa-5-70-050}: the policy's Questionnaire ({@link PasQuestionnaire}). */
    @Component
    public static class Questionnaires implements IResourceProvider {
        private final PasQuestionnaire questionnaire;

        /** @param questionnaire the policy's Questionnaire */
        public Questionnaires(PasQuestionnaire questionnaire) {
            this.questionnaire = questionnaire;
        }

        @Override
        public Class<Questionnaire> getResourceType() {
            return Questionnaire.class;
        }

        /**
         * @param id {@value PasTerms#QUESTIONNAIRE_ID}
         * @return the Questionnaire
         * @throws ResourceNotFoundException (404) for any other id
         */
        @Read
        public Questionnaire read(@IdParam IdType id) {
            if (!PasTerms.QUESTIONNAIRE_ID.equals(id.getIdPart())) {
                throw new ResourceNotFoundException(id);
            }
            return questionnaire.questionnaire();
        }
    }
}
