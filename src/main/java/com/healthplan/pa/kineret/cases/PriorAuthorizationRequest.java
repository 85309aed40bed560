package com.healthplan.pa.kineret.cases;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.healthplan.pa.kineret.cases.validation.Icd10Cm;
import com.healthplan.pa.kineret.cases.validation.NamedOrCoded;
import com.healthplan.pa.kineret.cases.validation.Npi;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A prior-authorization request for Kineret as an intake system submits it
 * ({@code POST /api/prior-authorizations}, contract in {@code spec/API.md}, fields in {@code spec/RULES.md}).
 *
 * <p>Units: {@code weightKg} in kg, {@code dosePerDayMg} in mg/day, {@code quantity} in 100 mg syringes,
 * {@code daysSupply} and {@code durationDays} in days; dates are ISO-8601 calendar dates. Absent optional
 * values are evaluated as {@code UNKNOWN} by the decision tables, never guessed. Absent lists mean "none reported".
 *
 * <p>Medications may carry codes beside their names: an RxNorm RxCUI ({@link #RXCUI}) and/or an NDC
 * ({@link #NDC}, FDA National Drug Code in a 10-digit hyphenated form or 11 digits); vaccines a CDC CVX code
 * ({@link #CVX}). A code wins over a name (RULES.md "Reading names and codes"). Concurrent medications and
 * planned vaccines may be sent as a string (the name, as before) or as an object; the API only adds fields.
 */
@Schema(description = "Kineret prior-authorization request (policy 5.70.050)")
public record PriorAuthorizationRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[\\x21-\\x7E]+", message = "must be printable ASCII without spaces")
        String requestId,
        @NotNull RequestType requestType,
        LocalDate requestDate,
        Urgency urgency,
        @NotNull Benefit benefit,
        @NotNull PlanOption planOption,
        @NotNull @Valid Member member,
        @NotNull @Valid Prescriber prescriber,
        @NotNull @Valid Diagnosis diagnosis,
        @NotNull @Valid Prescription prescription,
        @Size(max = 100) List<@NotNull @Valid TherapyTrial> therapyHistory,
        @Valid Safety safety,
        ClinicalResponse clinicalResponse,
        @Valid MedicalException medicalException,
        @Size(max = 64) String previousAuthorizationId) {

    /** Shape of an RxNorm concept unique identifier (RxCUI): 1 to 10 digits. */
    public static final String RXCUI = "[0-9]{1,10}";
    /**
     * Shape of an NDC: labeler-product-package with hyphens in the FDA's 4-4-2, 5-3-2 or 5-4-1 forms or the
     * HIPAA 11-digit 5-4-2 form, a labeler-product code (4-4, 5-3, 5-4), or 10 or 11 digits without hyphens.
     */
    public static final String NDC = "[0-9]{4,5}-[0-9]{3,4}(-[0-9]{1,2})?|[0-9]{10,11}";
    /** Shape of a CDC CVX vaccine code: 1 to 3 digits (leading zeros are not significant). */
    public static final String CVX = "[0-9]{1,3}";
    private static final String RXCUI_MESSAGE = "must be an RxNorm RxCUI (1 to 10 digits)";
    private static final String NDC_MESSAGE = "must be an NDC: 4-4-2, 5-3-2, 5-4-1 or 5-4-2 with hyphens, a 4-4, 5-3 or 5-4 "
            + "product code, or 10 or 11 digits";

    /** {@code INITIAL} is the policy's "Prior-Approval", {@code RENEWAL} its "Prior-Approval Renewal". */
    public enum RequestType { INITIAL, RENEWAL }

    /** Decision urgency; {@code STANDARD} when absent. */
    public enum Urgency { STANDARD, EXPEDITED }

    /** Benefit the claim adjudicates through; the preferred-product rule applies to {@code PHARMACY} only. */
    public enum Benefit { PHARMACY, MEDICAL }

    /** Plan option, the columns of the policy's Appendix 3. */
    public enum PlanOption { STANDARD, BASIC, BLUE_FOCUS }

    /** CAPS and autoinflammatory subtypes that the ICD-10-CM code cannot tell apart (M04.2, M04.8). */
    public enum DiagnosisSubtype { NOMID, MWS, FCAS, DIRA, OTHER }

    /** RA disease-activity category. */
    public enum DiseaseActivity { REMISSION, LOW, MODERATE, HIGH }

    /** Outcome of a past therapy trial. */
    public enum TrialOutcome { INADEQUATE_RESPONSE, INTOLERANCE, CONTRAINDICATION }

    /** Latent-TB screening result (policy "AND ALL 1"). */
    public enum TbScreening { NEGATIVE, POSITIVE_TREATMENT_COMPLETED, POSITIVE_TREATMENT_IN_PROGRESS, POSITIVE_UNTREATED }

    /** Hepatitis B risk and evaluation (policy "AND ALL 3"). */
    public enum HbvStatus { NOT_AT_RISK, AT_RISK_RULED_OUT, AT_RISK_TREATMENT_STARTED, AT_RISK_NOT_EVALUATED }

    /** Response to Kineret since the last approval (renewal 1). */
    public enum ClinicalResponse { IMPROVED, STABLE, WORSENED }

    /** The member: date of birth (ISO-8601, not in the future) and weight in kg (&gt; 0). */
    public record Member(
            @NotBlank @Size(max = 64) String id,
            @NotNull @PastOrPresent LocalDate dateOfBirth,
            @Positive @DecimalMax("700") BigDecimal weightKg) { }

    /** The prescriber; {@code npi} is a 10-digit National Provider Identifier with a valid check digit. */
    public record Prescriber(@NotBlank @Npi String npi, @Size(max = 200) String name) { }

    /** Diagnosis: ICD-10-CM code (e.g. {@code M05.79}), subtype where the code cannot tell, RA activity measures. */
    public record Diagnosis(
            @NotBlank @Icd10Cm String icd10,
            DiagnosisSubtype subtype,
            DiseaseActivity diseaseActivity,
            @DecimalMin("0") @DecimalMax("10") BigDecimal das28,
            @DecimalMin("0") @DecimalMax("76") BigDecimal cdai) { }

    /**
     * The Kineret prescription: dose in mg/day (&gt; 0), quantity in 100 mg syringes, days supply in days; the drug
     * as a name and optionally as an RxNorm RxCUI and/or NDC.
     */
    public record Prescription(
            @Size(max = 100) String drug,
            @NotNull @Positive @DecimalMax("10000") BigDecimal dosePerDayMg,
            @Positive @Max(10000) Integer quantity,
            @Positive @Max(3650) Integer daysSupply,
            @Pattern(regexp = RXCUI, message = RXCUI_MESSAGE) String rxcui,
            @Pattern(regexp = NDC, message = NDC_MESSAGE) String ndc) { }

    /**
     * A past therapy trial: the drug as a name (brand or generic, as the EHR writes it) and/or an RxNorm RxCUI and/or
     * an NDC (a code wins over the name; one of them is required), route (free text, e.g. {@code SC},
     * {@code Subcutaneous injection}), duration in days and outcome.
     */
    @NamedOrCoded
    public record TherapyTrial(
            @Size(max = 100) String drug,
            @Size(max = 30) String route,
            @PositiveOrZero @Max(36500) Integer durationDays,
            @NotNull TrialOutcome outcome,
            @Pattern(regexp = RXCUI, message = RXCUI_MESSAGE) String rxcui,
            @Pattern(regexp = NDC, message = NDC_MESSAGE) String ndc) implements NamedOrCoded.Identified {
        @Override
        public String nameValue() {
            return drug;
        }

        @Override
        public boolean hasCode() {
            return rxcui != null || ndc != null;
        }

        @Override
        public String nameField() {
            return "drug";
        }
    }

    /**
     * A concurrent medication: sent as a string (its name) or as an object with a name and/or an RxNorm RxCUI and/or
     * an NDC. A code wins over the name; one of them is required.
     */
    @NamedOrCoded
    @Schema(description = "A medication: a string (the name as the EHR writes it, brand or generic) or an object "
            + "{name?, rxcui?, ndc?}; a code wins over the name")
    public record MedicationEntry(
            @Size(max = 100) String name,
            @Pattern(regexp = RXCUI, message = RXCUI_MESSAGE) String rxcui,
            @Pattern(regexp = NDC, message = NDC_MESSAGE) String ndc) implements NamedOrCoded.Identified {

        /** The object form {@code {name?, rxcui?, ndc?}}. */
        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public MedicationEntry(@JsonProperty("name") String name, @JsonProperty("rxcui") String rxcui,
                               @JsonProperty("ndc") String ndc) {
            this.name = name;
            this.rxcui = rxcui;
            this.ndc = ndc;
        }

        /**
         * The string form, as before codes existed.
         *
         * @param name the medication's name
         * @return an entry with that name and no code
         */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static MedicationEntry named(String name) {
            return new MedicationEntry(name, null, null);
        }

        @Override
        public String nameValue() {
            return name;
        }

        @Override
        public boolean hasCode() {
            return rxcui != null || ndc != null;
        }

        @Override
        public String nameField() {
            return "name";
        }
    }

    /**
     * A planned vaccine: sent as a string (its name) or as an object with a name and/or a CDC CVX code. A code wins
     * over the name; one of them is required.
     */
    @NamedOrCoded
    @Schema(description = "A vaccine: a string (the name, brand or generic) or an object {name?, cvx?} with the "
            + "CDC CVX code; a code wins over the name")
    public record VaccineEntry(
            @Size(max = 100) String name,
            @Pattern(regexp = CVX, message = "must be a CDC CVX code (1 to 3 digits)") String cvx)
            implements NamedOrCoded.Identified {

        /** The object form {@code {name?, cvx?}}. */
        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public VaccineEntry(@JsonProperty("name") String name, @JsonProperty("cvx") String cvx) {
            this.name = name;
            this.cvx = cvx;
        }

        /**
         * The string form, as before codes existed.
         *
         * @param name the vaccine's name
         * @return an entry with that name and no code
         */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static VaccineEntry named(String name) {
            return new VaccineEntry(name, null);
        }

        @Override
        public String nameValue() {
            return name;
        }

        @Override
        public boolean hasCode() {
            return cvx != null;
        }

        @Override
        public String nameField() {
            return "name";
        }
    }

    /**
     * Safety answers (policy "AND ALL" lists); medications and vaccines are names (brand or generic, as the EHR writes
     * them) or coded entries.
     */
    public record Safety(
            TbScreening tbScreening,
            Boolean activeInfection,
            Boolean activeTuberculosis,
            Boolean activeHepatitisB,
            HbvStatus hbvStatus,
            @ArraySchema(schema = @Schema(oneOf = {String.class, MedicationEntry.class}))
            @Size(max = 100) List<@NotNull @Valid MedicationEntry> concurrentMedications,
            @ArraySchema(schema = @Schema(oneOf = {String.class, VaccineEntry.class}))
            @Size(max = 100) List<@NotNull @Valid VaccineEntry> plannedVaccines) { }

    /** A requested medical exception to the preferred-product rule (policy RA e), with the prescriber's reason. */
    public record MedicalException(Boolean requested, @Size(max = 4000) String reason) { }
}
