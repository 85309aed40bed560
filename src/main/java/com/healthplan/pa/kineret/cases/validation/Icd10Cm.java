package com.healthplan.pa.kineret.cases.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An ICD-10-CM code shape (CMS/NCHS ICD-10-CM Official Guidelines, code structure): a letter other than U,
 * two characters (digit, then digit or letter), and optionally a dot and 1 to 4 characters; the dot may be
 * omitted as in X12 claims ({@code M0579}). Case and surrounding spaces are tolerated. Whether the code
 * exists is not checked here: a well-formed but unknown code is decided as not covered.
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = "\\s*[A-TV-Za-tv-z][0-9][0-9A-Za-z](\\.?[0-9A-Za-z]{1,4})?\\s*")
@ReportAsSingleViolation
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Icd10Cm {
    /** Message when the value is not of ICD-10-CM shape. */
    String message() default "must be an ICD-10-CM code such as M05.79";

    /** Validation groups. */
    Class<?>[] groups() default {};

    /** Payload. */
    Class<? extends Payload>[] payload() default {};
}
