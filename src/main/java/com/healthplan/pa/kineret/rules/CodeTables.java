package com.healthplan.pa.kineret.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The code tables shipped as data (RULES.md "Reading names and codes"), each with its source and date in its
 * header:
 * <ul>
 *   <li>{@code catalogues/rxnorm.tsv}: RxNorm RxCUI (ingredient, brand and product concepts) → ingredient
 *       (RxNorm IN/MIN), with the RxNorm name;</li>
 *   <li>{@code catalogues/ndc.tsv}: FDA National Drug Code (11-digit 5-4-2 package or 5-4 product code) →
 *       ingredient, with the product name;</li>
 *   <li>{@code catalogues/cvx.tsv}: CDC CVX vaccine code → live ({@code true}, {@code false} or
 *       {@code unknown}), with the CDC short description.</li>
 * </ul>
 * Ingredients are the generic names of {@code dmn/kineret-drug-catalogue.dmn}, which classifies them.
 */
public final class CodeTables {

    /**
     * A drug code's entry.
     *
     * @param ingredient the ingredient (generic name, lower case), as the drug catalogue knows it
     * @param name       the RxNorm or product name of the code (shows dose form and device, e.g. "Pen Injector")
     */
    public record DrugCode(String ingredient, String name) { }

    /**
     * A CVX code's entry.
     *
     * @param live        true, false, or null when the code does not tell (e.g. an unspecified formulation)
     * @param description CDC short description
     */
    public record VaccineCode(Boolean live, String description) { }

    private static final class Holder {
        private static final CodeTables STANDARD = new CodeTables(
                TabSeparatedResource.rows("catalogues/rxnorm.tsv", "rxcui", "ingredient", "name"),
                TabSeparatedResource.rows("catalogues/ndc.tsv", "ndc", "ingredient", "name"),
                TabSeparatedResource.rows("catalogues/cvx.tsv", "cvx", "live", "description"));
    }

    private final Map<String, DrugCode> rxcui = new HashMap<>();
    private final Map<String, DrugCode> ndc = new HashMap<>();
    private final Map<String, DrugCode> productOfPackages = new HashMap<>();
    private final Map<Integer, VaccineCode> cvx = new HashMap<>();
    private final Map<String, VaccineCode> cvxByDescription = new HashMap<>();

    CodeTables(List<Map<String, String>> rxnormRows, List<Map<String, String>> ndcRows,
               List<Map<String, String>> cvxRows) {
        for (Map<String, String> row : rxnormRows) {
            put(rxcui, row.get("rxcui").trim(), new DrugCode(row.get("ingredient").trim(), row.get("name")), "rxnorm");
        }
        for (Map<String, String> row : ndcRows) {
            List<String> forms = ndc11(row.get("ndc").trim());
            if (forms.size() != 1) {
                throw new IllegalStateException("ndc.tsv: not an unambiguous NDC: " + row.get("ndc"));
            }
            DrugCode code = new DrugCode(row.get("ingredient").trim(), row.get("name"));
            put(ndc, forms.get(0), code, "ndc");
            if (forms.get(0).length() == 13) {
                // a package row also identifies its product (labeler-product): one ingredient per product
                String product = forms.get(0).substring(0, 10);
                DrugCode known = productOfPackages.putIfAbsent(product, code);
                if (known != null && !known.ingredient().equals(code.ingredient())) {
                    throw new IllegalStateException("ndc.tsv: product " + product + " has two ingredients");
                }
            }
        }
        for (Map<String, String> row : cvxRows) {
            String live = row.get("live").trim().toLowerCase(Locale.ROOT);
            Boolean isLive = switch (live) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                case "unknown" -> null;
                default -> throw new IllegalStateException("cvx.tsv: live must be true, false or unknown: " + live);
            };
            VaccineCode code = new VaccineCode(isLive, row.get("description"));
            if (cvx.put(Integer.valueOf(row.get("cvx").trim()), code) != null) {
                throw new IllegalStateException("cvx.tsv: duplicate code " + row.get("cvx"));
            }
            String description = NameNormalizer.clean(row.get("description"));
            if (description != null) {
                cvxByDescription.merge(description, code, (a, b) -> java.util.Objects.equals(a.live(), b.live())
                        ? a : new VaccineCode(null, a.description()));
            }
        }
    }

    /** @return the tables shipped with the application (loaded once from the classpath) */
    public static CodeTables standard() {
        return Holder.STANDARD;
    }

    /**
     * @param code an RxCUI (digits), may be null
     * @return its entry, or empty when the code is not in the table
     */
    public Optional<DrugCode> rxcui(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(rxcui.get(code.trim()));
    }

    /**
     * Looks an NDC up by package, then by product (labeler and product segments; a product is known from a product
     * row or from the package rows of that product, so another package of a listed product reads too). A 10-digit
     * NDC without hyphens
     * can be padded three ways (4-4-2, 5-3-2, 5-4-1); it is read only when exactly one ingredient results.
     *
     * @param code an NDC in any form {@link com.healthplan.pa.kineret.cases.PriorAuthorizationRequest#NDC} allows
     * @return its entry, or empty when the code is unknown or ambiguous
     */
    public Optional<DrugCode> ndc(String code) {
        if (code == null) {
            return Optional.empty();
        }
        Set<DrugCode> found = new LinkedHashSet<>();
        for (String form : ndc11(code.trim())) {
            DrugCode hit = ndc.get(form);
            if (hit == null && form.length() == 13) {
                hit = ndc.get(form.substring(0, 10));
            }
            if (hit == null) {
                hit = productOfPackages.get(form.length() == 13 ? form.substring(0, 10) : form);
            }
            if (hit != null) {
                found.add(hit);
            }
        }
        return found.stream().map(DrugCode::ingredient).distinct().count() == 1
                ? Optional.of(found.iterator().next()) : Optional.empty();
    }

    /**
     * @param code a CVX code (1 to 3 digits; leading zeros are not significant), may be null
     * @return its entry, or empty when the code is not in the table
     */
    public Optional<VaccineCode> cvx(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(cvx.get(Integer.valueOf(code.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * @param cleanedName a vaccine name after {@link NameNormalizer#clean}
     * @return the CVX entry whose short description is exactly that name, or empty
     */
    public Optional<VaccineCode> cvxByDescription(String cleanedName) {
        return cleanedName == null ? Optional.empty() : Optional.ofNullable(cvxByDescription.get(cleanedName));
    }

    /**
     * The HIPAA 11-digit forms an NDC may stand for: {@code 5-4-2} packages ({@code 00074-0554-02}) or {@code 5-4}
     * products ({@code 00074-0554}). Hyphenated 10-digit forms are padded where the FDA form says (4-4-2 → labeler,
     * 5-3-2 → product, 5-4-1 → package); 11 digits are split 5-4-2; 10 digits without hyphens give all three paddings.
     *
     * @param code an NDC as sent
     * @return the candidate forms (empty when the shape is not an NDC)
     */
    static List<String> ndc11(String code) {
        List<String> out = new ArrayList<>();
        String[] parts = code.split("-");
        if (parts.length == 3 || parts.length == 2) {
            // FDA segments: labeler 4 or 5 digits, product 3 or 4, package 1 or 2; 10 digits in all (or 11 padded)
            int digits = parts[0].length() + parts[1].length() + (parts.length == 3 ? parts[2].length() : 0);
            if (parts[0].length() < 4 || parts[1].length() < 3 || digits > (parts.length == 3 ? 11 : 9)
                    || (parts.length == 3 && digits < 10) || (parts.length == 2 && digits < 8)) {
                return out;
            }
            String labeler = pad(parts[0], 5);
            String product = pad(parts[1], 4);
            if (labeler == null || product == null) {
                return out;
            }
            if (parts.length == 2) {
                out.add(labeler + "-" + product);
            } else {
                String pack = pad(parts[2], 2);
                if (pack != null) {
                    out.add(labeler + "-" + product + "-" + pack);
                }
            }
            return out;
        }
        if (!code.chars().allMatch(Character::isDigit)) {
            return out;
        }
        if (code.length() == 11) {
            out.add(code.substring(0, 5) + "-" + code.substring(5, 9) + "-" + code.substring(9));
        } else if (code.length() == 10) {
            out.add("0" + code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8));
            out.add(code.substring(0, 5) + "-0" + code.substring(5, 8) + "-" + code.substring(8));
            out.add(code.substring(0, 5) + "-" + code.substring(5, 9) + "-0" + code.substring(9));
        } else if (code.length() == 9) {
            out.add(code.substring(0, 5) + "-" + code.substring(5));
        }
        return out;
    }

    private static String pad(String digits, int length) {
        if (digits.isEmpty() || digits.length() > length || !digits.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return "0".repeat(length - digits.length()) + digits;
    }

    private static <K> void put(Map<K, DrugCode> map, K key, DrugCode value, String table) {
        DrugCode old = map.put(key, value);
        if (old != null && !old.ingredient().equals(value.ingredient())) {
            throw new IllegalStateException(table + ".tsv: code " + key + " has two ingredients");
        }
    }
}
