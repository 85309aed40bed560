package com.healthplan.pa.kineret.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads medication and vaccine entries as intake sends them (RULES.md "Reading names and codes"): a code wins over a
 * name; classification is by ingredient, so every strength, dose form, device and biosimilar of a molecule is that
 * molecule; what cannot be read is reported as not recognised (the criteria then say UNKNOWN, never MET).
 *
 * <p>Medications: an RxNorm RxCUI or NDC found in {@link CodeTables} gives the ingredient, which the drug catalogue
 * ({@code dmn/kineret-drug-catalogue.dmn}) classifies; otherwise the name is read with {@link NameNormalizer} and
 * looked up word prefix by word prefix, longest first, for its main part and each bracketed alias ({@code [Humira]}).
 * Names whose parts name different ingredients are not recognised. A route comes from the route field or, when that
 * is absent, from device words ({@code ACTPen}, {@code SureClick}); a route field that cannot be read, or that
 * contradicts the device, leaves the route unknown.
 *
 * <p>Vaccines: a CDC CVX code found in the CVX table decides; otherwise the vaccine catalogue
 * ({@code dmn/kineret-vaccine-catalogue.dmn}) by exact name, bracketed alias or longest word prefix, then the CVX
 * short descriptions, then the live / not-live words of {@link NameVocabulary}; a name with both kinds of words, or
 * none, is not classified.
 */
public final class EntryReader {

    /** The drug catalogue decision table, looked up by normalised name and route ({@code SC}, {@code IV} or null). */
    @FunctionalInterface
    public interface DrugCatalogue {
        /**
         * @param name  a normalised name (lower case, single-spaced)
         * @param route {@code SC}, {@code IV}, {@code ORAL} or null
         * @return the catalogue row, or empty when the name is not in the catalogue
         */
        Optional<CatalogueEntry> lookup(String name, String route);
    }

    /** The vaccine catalogue decision table, looked up by normalised name. */
    @FunctionalInterface
    public interface VaccineCatalogue {
        /**
         * @param name a normalised name
         * @return live (true) or not live (false), or empty when the name is not in the catalogue
         */
        Optional<Boolean> live(String name);
    }

    /**
     * A row of the drug catalogue.
     *
     * @param genericName           the ingredient
     * @param dmardClass            {@code CONVENTIONAL}, {@code BIOLOGIC}, {@code TARGETED_SYNTHETIC} (Appendix 2) or
     *                              {@code NONE} (a known co-medication that is not a DMARD)
     * @param preferredProduct      the Appendix 3 product it is, or null
     * @param routeDependentProduct the Appendix 3 product it would be if its route were known, or null
     */
    public record CatalogueEntry(String genericName, String dmardClass, String preferredProduct,
                                 String routeDependentProduct) { }

    /**
     * A medication entry as read.
     *
     * @param shown   the entry as the reviewer sees it: the name as sent, with its codes and, when a code was read,
     *                what it was read as ({@code "folic acid (NDC 00074-0554-02) read as adalimumab"})
     * @param entry   its catalogue row, or null when it is not recognised
     * @param partial true when only a leading part of the name was recognised (other words are left over)
     * @param readBy  {@code RXCUI}, {@code NDC}, {@code NAME}, or null when not recognised
     */
    public record MedicationReading(String shown, CatalogueEntry entry, boolean partial, String readBy) {
        /** @return true when the entry was classified */
        public boolean recognised() {
            return entry != null;
        }
    }

    /**
     * A vaccine entry as read.
     *
     * @param shown  the entry as the reviewer sees it
     * @param live   true (live), false (not live), or null when it cannot be told
     * @param readBy {@code CVX}, {@code NAME}, or null when not classified
     */
    public record VaccineReading(String shown, Boolean live, String readBy) { }

    private final DrugCatalogue drugs;
    private final VaccineCatalogue vaccines;
    private final CodeTables codes;
    private final NameVocabulary vocabulary;

    /**
     * @param drugs      the drug catalogue
     * @param vaccines   the vaccine catalogue
     * @param codes      RxNorm, NDC and CVX tables
     * @param vocabulary drug-name and vaccine-name words
     */
    public EntryReader(DrugCatalogue drugs, VaccineCatalogue vaccines, CodeTables codes, NameVocabulary vocabulary) {
        this.drugs = drugs;
        this.vaccines = vaccines;
        this.codes = codes;
        this.vocabulary = vocabulary;
    }

    /**
     * @param name  the name as sent (may be null when a code is given)
     * @param rxcui RxNorm RxCUI, may be null
     * @param ndc   NDC, may be null
     * @param route route as sent (free text), may be null
     * @return the reading; never null
     */
    public MedicationReading medication(String name, String rxcui, String ndc, String route) {
        String shown = shown(name, "RxCUI", rxcui, "NDC", ndc);
        boolean routeSent = route != null && !route.isBlank();
        String sentRoute = NameNormalizer.route(route, vocabulary);
        Optional<CodeTables.DrugCode> byRxcui = codes.rxcui(rxcui);
        Optional<CodeTables.DrugCode> code = byRxcui.isPresent() ? byRxcui : codes.ndc(ndc);
        if (code.isPresent()) {
            String implied = NameNormalizer.drugName(code.get().name(), vocabulary).impliedRoute();
            Optional<CatalogueEntry> entry = drugs.lookup(code.get().ingredient(), route(routeSent, sentRoute, implied));
            if (entry.isPresent()) {
                // the reviewer sees what the code was read as, also when the name sent says otherwise
                return new MedicationReading(shown + " read as " + code.get().ingredient(), entry.get(), false,
                        byRxcui.isPresent() ? "RXCUI" : "NDC");
            }
        }
        NameNormalizer.DrugName drugName = NameNormalizer.drugName(name, vocabulary);
        String r = route(routeSent, sentRoute, drugName.impliedRoute());
        List<Hit> hits = new ArrayList<>();
        for (List<String> alias : drugName.aliases()) {
            longestPrefix(alias, r).ifPresent(hits::add);
        }
        longestPrefix(drugName.words(), r).ifPresent(hits::add);
        Set<String> ingredients = new LinkedHashSet<>();
        hits.forEach(h -> ingredients.add(h.entry().genericName()));
        if (ingredients.size() != 1) {
            return new MedicationReading(shown, null, false, null);
        }
        boolean partial = hits.stream().allMatch(Hit::partial);
        return new MedicationReading(shown, hits.get(0).entry(), partial, "NAME");
    }

    /**
     * @param name the vaccine name as sent (may be null when a code is given)
     * @param cvx  CDC CVX code, may be null
     * @return the reading; never null
     */
    public VaccineReading vaccine(String name, String cvx) {
        String shown = shown(name, "CVX", cvx, null, null);
        Optional<CodeTables.VaccineCode> code = codes.cvx(cvx);
        if (code.isPresent()) {
            shown = shown + " read as \"" + code.get().description() + "\"";
        }
        if (code.isPresent() && code.get().live() != null) {
            return new VaccineReading(shown, code.get().live(), "CVX");
        }
        Boolean byName = vaccineByName(name);
        if (code.isPresent()) {
            // the code itself does not tell (an unspecified formulation): only a name that says live is taken
            return Boolean.TRUE.equals(byName) ? new VaccineReading(shown, true, "NAME")
                    : new VaccineReading(shown, null, null);
        }
        return new VaccineReading(shown, byName, byName == null ? null : "NAME");
    }

    private Boolean vaccineByName(String name) {
        String cleaned = NameNormalizer.clean(name);
        if (cleaned == null) {
            return null;
        }
        Optional<Boolean> exact = vaccines.live(NameNormalizer.name(name));
        if (exact.isPresent()) {
            return exact.get();
        }
        NameNormalizer.Bracketed parts = NameNormalizer.bracketed(cleaned);
        List<String> texts = new ArrayList<>();
        texts.add(parts.main());
        texts.addAll(parts.aliases());
        Set<Boolean> seen = new LinkedHashSet<>();
        for (String text : texts) {
            Boolean live = vaccineText(text);
            if (live != null) {
                seen.add(live);
            }
        }
        return seen.size() == 1 ? seen.iterator().next() : null;
    }

    /** One text: catalogue by longest word prefix (left-over words must not contradict), CVX description, markers. */
    private Boolean vaccineText(String text) {
        if (text.isEmpty()) {
            return null;
        }
        List<String> tokens = List.of(text.split(" "));
        Set<Boolean> markers = markers(tokens);
        for (int k = tokens.size(); k >= 1; k--) {
            String candidate = String.join(" ", tokens.subList(0, k)).replaceAll("[,;:]+$", "");
            Optional<Boolean> hit = vaccines.live(candidate);
            if (hit.isEmpty() && k == tokens.size()) {
                hit = codes.cvxByDescription(candidate).map(CodeTables.VaccineCode::live);
                if (hit.isPresent() && hit.get() == null) {
                    return null;
                }
            }
            if (hit.isPresent()) {
                Set<Boolean> rest = markers(tokens.subList(k, tokens.size()));
                return rest.isEmpty() || rest.equals(Set.of(hit.get())) ? hit.get() : null;
            }
        }
        return markers.size() == 1 ? markers.iterator().next() : null;
    }

    private Set<Boolean> markers(List<String> rawTokens) {
        List<String> tokens = new ArrayList<>();
        for (String t : rawTokens) {
            String w = t.replaceAll("^[,;:()]+|[,;:()]+$", "");
            if (!w.isEmpty()) {
                tokens.add(w);
            }
        }
        Set<Boolean> found = new LinkedHashSet<>();
        NameNormalizer.scan(tokens, vocabulary.vaccineWords(), NameVocabulary.VaccineWord::words,
                hit -> found.add(hit.live()), word -> { });
        return found;
    }

    private record Hit(CatalogueEntry entry, boolean partial) { }

    private Optional<Hit> longestPrefix(List<String> words, String route) {
        for (int k = words.size(); k >= 1; k--) {
            Optional<CatalogueEntry> entry = drugs.lookup(String.join(" ", words.subList(0, k)), route);
            if (entry.isPresent()) {
                return Optional.of(new Hit(entry.get(), k < words.size()));
            }
        }
        return Optional.empty();
    }

    /** The route sent wins over a device's; an unreadable or contradicted route is unknown (null). */
    private static String route(boolean routeSent, String sentRoute, String impliedRoute) {
        if (!routeSent) {
            return impliedRoute;
        }
        if (sentRoute == null || (impliedRoute != null && !impliedRoute.equals(sentRoute))) {
            return null;
        }
        return sentRoute;
    }

    private static String shown(String name, String label1, String code1, String label2, String code2) {
        List<String> codesShown = new ArrayList<>();
        if (code1 != null && !code1.isBlank()) {
            codesShown.add(label1 + " " + code1.trim());
        }
        if (code2 != null && !code2.isBlank()) {
            codesShown.add(label2 + " " + code2.trim());
        }
        String n = name == null ? "" : name.trim().replaceAll("\\s+", " ");
        if (codesShown.isEmpty()) {
            return n;
        }
        return n.isEmpty() ? String.join(", ", codesShown) : n + " (" + String.join(", ", codesShown) + ")";
    }
}
