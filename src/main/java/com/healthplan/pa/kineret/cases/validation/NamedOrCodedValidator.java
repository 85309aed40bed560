package com.healthplan.pa.kineret.cases.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link NamedOrCoded}: a non-blank name or a code; the violation names the entry's name field. */
public class NamedOrCodedValidator implements ConstraintValidator<NamedOrCoded, NamedOrCoded.Identified> {

    @Override
    public boolean isValid(NamedOrCoded.Identified value, ConstraintValidatorContext context) {
        if (value == null || value.hasCode() || (value.nameValue() != null && !value.nameValue().isBlank())) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                .addPropertyNode(value.nameField()).addConstraintViolation();
        return false;
    }
}
