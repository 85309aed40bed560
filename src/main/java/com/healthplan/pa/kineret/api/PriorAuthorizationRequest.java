package com.healthplan.pa.kineret.api;

import com.healthplan.pa.kineret.api.validation.Icd10Cm;
import com.healthplan.pa.kineret.api.validation.Npi;
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

    /** The Kineret prescription: dose in mg/day (&gt; 0), quantity in 100 mg syringes, days supply in days. */
    public record Prescription(
            @Size(max = 100) String drug,
            @NotNull @Positive @DecimalMax("10000") BigDecimal dosePerDayMg,
            @Positive @Max(10000) Integer quantity,
            @Positive @Max(3650) Integer daysSupply) { }

    /** A past therapy trial: drug name (brand or generic, any case), route, duration in days and outcome. */
    public record TherapyTrial(
            @NotBlank @Size(max = 100) String drug,
            @Size(max = 30) String route,
            @PositiveOrZero @Max(36500) Integer durationDays,
            @NotNull TrialOutcome outcome) { }

    /** Safety answers (policy "AND ALL" lists); drug and vaccine names are brand or generic, any case. */
    public record Safety(
            TbScreening tbScreening,
            Boolean activeInfection,
            Boolean activeTuberculosis,
            Boolean activeHepatitisB,
            HbvStatus hbvStatus,
            @Size(max = 100) List<@NotBlank @Size(max = 100) String> concurrentMedications,
            @Size(max = 100) List<@NotBlank @Size(max = 100) String> plannedVaccines) { }

    /** A requested medical exception to the preferred-product rule (policy RA e), with the prescriber's reason. */
    public record MedicalException(Boolean requested, @Size(max = 4000) String reason) { }
}
