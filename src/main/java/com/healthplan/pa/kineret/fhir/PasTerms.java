package com.healthplan.pa.kineret.fhir;

/**
 * The code systems, identifier systems, extensions and resource ids of the FHIR R4 interface: HL7's own
 * ({@code terminology.hl7.org}, {@code hl7.org/fhir/sid}), X12's (HL7 Da Vinci PAS, X12 278 Review Action Codes,
 * element 306; Certification Type Codes, element 1322), NLM's RxNorm, and the product's own under {@link #BASE}.
 */
public final class PasTerms {

    /** The product's FHIR namespace: its CodeSystems, StructureDefinitions and Questionnaire are under it. */
    public static final String BASE = "https://healthplan.example/fhir/kineret-pa";

    /** Id of the policy's Questionnaire ({@code GET /fhir/Questionnaire/{id}}). */
    public static final String QUESTIONNAIRE_ID = "kineret-pa-5-70-050";
    /** Canonical URL of the policy's Questionnaire (a QuestionnaireResponse's {@code questionnaire}). */
    public static final String QUESTIONNAIRE_URL = BASE + "/Questionnaire/" + QUESTIONNAIRE_ID;
    /** Code system of the Questionnaire's coded answers (the intake API's enum values). */
    public static final String ANSWERS = BASE + "/CodeSystem/kineret-pa-answers";
    /** Code system of the criteria (RULES.md ids, e.g. {@code PREFERRED_PRODUCTS}). */
    public static final String CRITERIA = BASE + "/CodeSystem/kineret-pa-criteria";
    /** Code system of a criterion's result: {@code MET}, {@code NOT_MET}, {@code UNKNOWN}. */
    public static final String CRITERION_RESULTS = BASE + "/CodeSystem/kineret-pa-criterion-result";
    /** Extension on ClaimResponse: the case's status (the intake API's {@code status}), valueCode. */
    public static final String EXT_CASE_STATUS = BASE + "/StructureDefinition/case-status";
    /** Extension on ClaimResponse: the indication the rules found (RULES.md), valueCode. */
    public static final String EXT_INDICATION = BASE + "/StructureDefinition/indication";
    /** Extension on ClaimResponse: the route the rules chose (AUTO_APPROVE, CLINICAL_REVIEW, ...), valueCode. */
    public static final String EXT_ROUTE = BASE + "/StructureDefinition/route";
    /** Extension on ClaimResponse: the policy and its version, valueString. */
    public static final String EXT_POLICY_VERSION = BASE + "/StructureDefinition/policy-version";
    /** Identifier system of the case ids (ClaimResponse.identifier). */
    public static final String CASE_ID_SYSTEM = BASE + "/sid/case-id";
    /** Identifier system of member ids (Patient.identifier, Coverage.subscriberId). */
    public static final String MEMBER_ID_SYSTEM = BASE + "/sid/member-id";
    /** Identifier system of authorization numbers (ClaimResponse.preAuthRef). */
    public static final String AUTHORIZATION_SYSTEM = BASE + "/sid/authorization";

    /** HL7 Da Vinci PAS Review Action (on ClaimResponse.item.adjudication), with sub-extensions below. */
    public static final String EXT_REVIEW_ACTION = "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/extension-reviewAction";
    /** PAS Review Action Code, a sub-extension of {@link #EXT_REVIEW_ACTION}. */
    public static final String EXT_REVIEW_ACTION_CODE =
            "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/extension-reviewActionCode";
    /** PAS Certification Type on Claim.item (X12 1322: I initial, R renewal). */
    public static final String EXT_CERTIFICATION_TYPE =
            "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/extension-certificationType";
    /** X12 278 Review Action Codes (element 306): A1 certified in total, A3 not certified, A4 pended. */
    public static final String X12_REVIEW_ACTION = "https://codesystem.x12.org/005010/306";
    /** X12 Certification Type Codes (element 1322). */
    public static final String X12_CERTIFICATION_TYPE = "https://codesystem.x12.org/005010/1322";

    /** NPI (CMS National Provider Identifier). */
    public static final String NPI = "http://hl7.org/fhir/sid/us-npi";
    /** ICD-10-CM. */
    public static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    /** RxNorm (NLM). */
    public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    /** FDA National Drug Code. */
    public static final String NDC = "http://hl7.org/fhir/sid/ndc";
    /** CDC CVX vaccine codes. */
    public static final String CVX = "http://hl7.org/fhir/sid/cvx";
    /** LOINC. */
    public static final String LOINC = "http://loinc.org";
    /** LOINC 29463-7 Body weight. */
    public static final String LOINC_BODY_WEIGHT = "29463-7";
    /** UCUM units. */
    public static final String UCUM = "http://unitsofmeasure.org";
    /** HL7 process priority (Claim.priority): stat, normal, deferred. */
    public static final String PROCESS_PRIORITY = "http://terminology.hl7.org/CodeSystem/processpriority";
    /** HL7 claim type (Claim.type): pharmacy, professional, institutional, ... */
    public static final String CLAIM_TYPE = "http://terminology.hl7.org/CodeSystem/claim-type";
    /** HL7 coverage class (Coverage.class.type): plan, group, ... */
    public static final String COVERAGE_CLASS = "http://terminology.hl7.org/CodeSystem/coverage-class";
    /** HL7 v2 table 0203 identifier types (MB member number). */
    public static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";
    /** HL7 adjudication categories (ClaimResponse.item.adjudication.category). */
    public static final String ADJUDICATION = "http://terminology.hl7.org/CodeSystem/adjudication";
    /** HL7 related-claim relationship (Claim.related.relationship): prior, associated. */
    public static final String RELATED_CLAIM = "http://terminology.hl7.org/CodeSystem/ex-relatedclaimrelationship";

    private PasTerms() {
    }
}
