package com.healthplan.pa.kineret.cases.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A National Provider Identifier: 10 digits whose last digit is the Luhn check digit computed over the
 * prefix {@code 80840} and the first nine digits (CMS, "Requirements for Check Digit for the NPI").
 * {@code null} is valid (use {@code @NotBlank} to require it).
 */
@Documented
@Constraint(validatedBy = NpiValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Npi {
    /** Message when the value is not a valid NPI. */
    String message() default "must be a 10-digit NPI with a valid check digit";

    /** Validation groups. */
    Class<?>[] groups() default {};

    /** Payload. */
    Class<? extends Payload>[] payload() default {};
}
