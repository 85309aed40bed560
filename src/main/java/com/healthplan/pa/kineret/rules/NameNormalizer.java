package com.healthplan.pa.kineret.rules;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalises free-text drug, vaccine, route and ICD-10-CM values before they are looked up in the catalogue
 * decision tables. Only spelling hygiene lives here; which names mean what is data in the DMN catalogues.
 */
public final class NameNormalizer {

    /** USAN biosimilar/originator suffix: a hyphen and four lower-case letters, e.g. {@code -adaz}. */
    private static final Pattern BIOSIMILAR_SUFFIX = Pattern.compile("^([a-z]+)-[a-z]{4}$");
    private static final Pattern TRADEMARKS = Pattern.compile("[\\u00AE\\u2122\\u00A9]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private NameNormalizer() {
    }

    /**
     * @param name drug or vaccine name as sent (brand or generic, any case, stray spaces, ® or ™)
     * @return lower case, trimmed, single-spaced, without trademark signs and without a four-letter biosimilar
     *         suffix ({@code "Adalimumab-ADAZ "} → {@code "adalimumab"}); {@code null} for null or blank input
     */
    public static String name(String name) {
        if (name == null) {
            return null;
        }
        String n = Normalizer.normalize(name, Normalizer.Form.NFKC);
        n = TRADEMARKS.matcher(n).replaceAll("");
        n = SPACES.matcher(n.trim()).replaceAll(" ").toLowerCase(Locale.ROOT);
        n = n.replace(" / ", "/").replace(" - ", "-");
        var m = BIOSIMILAR_SUFFIX.matcher(n);
        if (m.matches()) {
            n = m.group(1);
        }
        return n.isEmpty() ? null : n;
    }

    /**
     * @param route route of administration as sent ({@code SC}, {@code subcutaneous}, {@code IV}, {@code oral}, …)
     * @return {@code SC}, {@code IV}, {@code ORAL}, the upper-cased input for anything else, or null
     */
    public static String route(String route) {
        String r = name(route);
        if (r == null) {
            return null;
        }
        return switch (r) {
            case "sc", "subq", "sub-q", "subcut", "subcutaneous", "sq", "s.c." -> "SC";
            case "iv", "intravenous", "i.v.", "infusion" -> "IV";
            case "po", "oral", "by mouth", "p.o." -> "ORAL";
            default -> r.toUpperCase(Locale.ROOT);
        };
    }

    /**
     * @param code ICD-10-CM code as sent, with or without the dot, any case
     * @return upper case with the dot after the third character ({@code "m0579"} → {@code "M05.79"})
     */
    public static String icd10(String code) {
        String c = code.trim().toUpperCase(Locale.ROOT).replace(".", "");
        return c.length() > 3 ? c.substring(0, 3) + "." + c.substring(3) : c;
    }
}
