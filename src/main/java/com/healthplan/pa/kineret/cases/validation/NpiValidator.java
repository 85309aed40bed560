package com.healthplan.pa.kineret.cases.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks an NPI with the Luhn algorithm over {@code 80840} + the first nine digits, as CMS specifies
 * (ISO/IEC 7812 card-issuer prefix for US health applications).
 */
public class NpiValidator implements ConstraintValidator<Npi, String> {

    private static final String HEALTH_PREFIX = "80840";

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || isValidNpi(value);
    }

    /**
     * @param npi candidate NPI
     * @return true when {@code npi} is exactly 10 ASCII digits and its last digit is the Luhn check digit
     */
    public static boolean isValidNpi(String npi) {
        if (npi.length() != 10 || !npi.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        String digits = HEALTH_PREFIX + npi.substring(0, 9);
        int sum = 0;
        boolean doubleIt = true; // rightmost digit of the payload is doubled
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        int check = (10 - (sum % 10)) % 10;
        return check == npi.charAt(9) - '0';
    }
}
