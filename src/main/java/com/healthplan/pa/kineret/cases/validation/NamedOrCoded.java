package com.healthplan.pa.kineret.cases.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A medication or vaccine entry must say what it is: a non-blank name, or a code (RxNorm RxCUI, NDC or CDC CVX).
 * The violation is reported on the entry's name field ({@link Identified#nameField()}), so that a blank name with
 * no code gives the same field error as a blank name did before codes existed. Applies to types implementing
 * {@link Identified}; {@code null} is valid.
 */
@Documented
@Constraint(validatedBy = NamedOrCodedValidator.class)
@Target({ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface NamedOrCoded {
    /** Message when neither a name nor a code is given. */
    String message() default "must not be blank unless a code is given";

    /** Validation groups. */
    Class<?>[] groups() default {};

    /** Payload. */
    Class<? extends Payload>[] payload() default {};

    /** An entry that may be identified by a name or by a code. */
    interface Identified {
        /** @return the name as sent, may be null */
        String nameValue();

        /** @return true when at least one code is present (its format is checked by its own constraint) */
        boolean hasCode();

        /** @return the JSON field that holds the name, e.g. {@code name} or {@code drug} */
        String nameField();
    }
}
