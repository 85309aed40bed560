package com.healthplan.pa.kineret.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The words that drug and vaccine names carry besides the product itself, kept as data: dose forms, devices,
 * packages and routes in {@code vocabulary/drug-name-words.tsv}, live / not-live markers in
 * {@code vocabulary/vaccine-words.tsv} (RULES.md "Reading names and codes"). Phrases are matched on whole
 * words, longest first.
 */
public final class NameVocabulary {

    /** What a drug-name word is. */
    public enum Kind { ROUTE, FORM, FILLER }

    /**
     * A word or phrase of a drug name or route.
     *
     * @param words the phrase split into words (lower case)
     * @param kind  route, dose form / device / package, or joining word
     * @param route the route it implies: {@code SC}, {@code IV}, {@code ORAL}, or null
     */
    public record DrugWord(List<String> words, Kind kind, String route) { }

    /**
     * A word or phrase that marks a vaccine as live or not live.
     *
     * @param words the phrase split into words (lower case)
     * @param live  true for a live marker, false for a not-live marker
     */
    public record VaccineWord(List<String> words, boolean live) { }

    private static final class Holder {
        private static final NameVocabulary STANDARD = new NameVocabulary(
                TabSeparatedResource.rows("vocabulary/drug-name-words.tsv", "phrase", "kind"),
                TabSeparatedResource.rows("vocabulary/vaccine-words.tsv", "phrase", "live"));
    }

    private final List<DrugWord> drugWords;
    private final List<VaccineWord> vaccineWords;

    NameVocabulary(List<Map<String, String>> drugRows, List<Map<String, String>> vaccineRows) {
        List<DrugWord> d = new ArrayList<>();
        for (Map<String, String> row : drugRows) {
            String route = row.get("route");
            d.add(new DrugWord(words(row.get("phrase")), Kind.valueOf(row.get("kind").toUpperCase(Locale.ROOT)),
                    route == null || route.isBlank() ? null : route.trim().toUpperCase(Locale.ROOT)));
        }
        d.sort(Comparator.comparingInt((DrugWord w) -> w.words().size()).reversed());
        List<VaccineWord> v = new ArrayList<>();
        for (Map<String, String> row : vaccineRows) {
            String live = row.get("live").trim().toLowerCase(Locale.ROOT);
            if (!live.equals("true") && !live.equals("false")) {
                throw new IllegalStateException("vaccine-words.tsv: live must be true or false: " + live);
            }
            v.add(new VaccineWord(words(row.get("phrase")), Boolean.parseBoolean(live)));
        }
        v.sort(Comparator.comparingInt((VaccineWord w) -> w.words().size()).reversed());
        this.drugWords = List.copyOf(d);
        this.vaccineWords = List.copyOf(v);
    }

    /** @return the vocabulary shipped with the application (loaded once from the classpath) */
    public static NameVocabulary standard() {
        return Holder.STANDARD;
    }

    /** @return drug-name words and phrases, longest phrase first */
    public List<DrugWord> drugWords() {
        return drugWords;
    }

    /** @return vaccine live / not-live markers, longest phrase first */
    public List<VaccineWord> vaccineWords() {
        return vaccineWords;
    }

    private static List<String> words(String phrase) {
        return Arrays.asList(phrase.trim().toLowerCase(Locale.ROOT).split("\\s+"));
    }
}
