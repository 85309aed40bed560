package com.healthplan.pa.kineret.rules;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalises free-text drug, vaccine, route and ICD-10-CM values before they are looked up in the catalogue
 * decision tables. Only spelling hygiene and the shape of names live here (RULES.md "Reading names and codes");
 * which names and words mean what is data: the DMN catalogues and {@link NameVocabulary}.
 *
 * <p>What it removes from a drug name: case, stray spaces, ®, ™, ©, (R), (TM), (C), Unicode dashes (made
 * {@code -}), strengths and volumes ({@code 40 MG/0.4ML}, {@code 2.5 MG}, {@code 100 MG/ML}, {@code 24HR}),
 * dose-form, device, package and route words of the vocabulary ({@code Pen}, {@code SureClick},
 * {@code Oral Tablet}, {@code Auto-Injector}, {@code Kit}), and a four-letter biosimilar suffix on any word
 * ({@code adalimumab-adaz} is adalimumab; USAN nonproprietary naming of biological products). RxNorm
 * {@code [Brand]} brackets and parentheses become aliases that are read on their own.
 */
public final class NameNormalizer {

    /** USAN biosimilar/originator suffix: a hyphen and four lower-case letters, e.g. {@code -adaz}. */
    private static final Pattern BIOSIMILAR_SUFFIX = Pattern.compile("^([a-z]+)-[a-z]{4}$");
    private static final Pattern TRADEMARKS = Pattern.compile("[\\u00AE\\u2122\\u2120\\u00A9]|\\((?:r|tm|sm|c)\\)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DASHES = Pattern.compile("[\\u2010-\\u2015\\u2212\\uFE58\\uFE63\\uFF0D]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]*)\\]|\\(([^)]*)\\)");
    private static final String NUMBER = "\\d+(?:[.,]\\d+)?";
    private static final Pattern STRENGTH = Pattern.compile("(?<![a-z])" + NUMBER
            + "\\s*(?:mg|mcg|\\u00b5g|ug|g|ml|l|%|units?|iu|meq|mmol|hr|h)(?![a-z])"
            + "(?:\\s*/\\s*(?:" + NUMBER + "\\s*)?(?:mg|mcg|ml|l|actuat|hr|h|day|dose|kg)(?![a-z]))?");
    private static final Pattern LONE_NUMBER = Pattern.compile("(?<![a-z0-9])" + NUMBER + "(?![a-z0-9])");
    private static final Pattern WORD_SEPARATORS = Pattern.compile("[\\s,;]+");

    private NameNormalizer() {
    }

    /**
     * A drug name read into words.
     *
     * @param words        the name's remaining words, in order, without strengths and vocabulary words
     * @param aliases      the words of each bracketed or parenthesised part ({@code [Humira]}), read the same way
     * @param impliedRoute the route the name's own words imply ({@code SC}, {@code IV}, {@code ORAL}), or null when
     *                     none or conflicting ones do
     */
    public record DrugName(List<String> words, List<List<String>> aliases, String impliedRoute) {
        /** @return the words joined by single spaces, or null when none is left */
        public String joined() {
            return words.isEmpty() ? null : String.join(" ", words);
        }
    }

    /**
     * Spelling hygiene shared by drug and vaccine names.
     *
     * @param name a name as sent
     * @return lower case, Unicode-compatibility normalised (NFKC), without trademark signs, with Unicode dashes as
     *         {@code -}, single-spaced and trimmed; {@code null} for null or blank input
     */
    public static String clean(String name) {
        if (name == null) {
            return null;
        }
        // marks first: NFKC would turn the trade mark sign into the letters "TM"
        String n = TRADEMARKS.matcher(name).replaceAll("");
        n = Normalizer.normalize(n, Normalizer.Form.NFKC);
        n = TRADEMARKS.matcher(n).replaceAll("");
        n = DASHES.matcher(n).replaceAll("-");
        n = SPACES.matcher(n.trim()).replaceAll(" ").toLowerCase(Locale.ROOT);
        n = n.replace(" / ", "/").replace(" - ", "-");
        return n.isEmpty() ? null : n;
    }

    /**
     * @param name drug or vaccine name as sent (brand or generic, any case, stray spaces, ® or ™)
     * @return {@link #clean} and, when the whole name is one word with a four-letter biosimilar suffix, without it
     *         ({@code "Adalimumab-ADAZ "} → {@code "adalimumab"}); {@code null} for null or blank input
     */
    public static String name(String name) {
        String n = clean(name);
        if (n == null) {
            return null;
        }
        var m = BIOSIMILAR_SUFFIX.matcher(n);
        return m.matches() ? m.group(1) : n;
    }

    /**
     * Reads a drug name as EHRs, pharmacy systems and RxNorm write it.
     *
     * @param name       the name as sent, may be null
     * @param vocabulary dose-form, device, package and route words
     * @return its words, aliases and implied route (no words when nothing is left)
     */
    public static DrugName drugName(String name, NameVocabulary vocabulary) {
        String n = clean(name);
        if (n == null) {
            return new DrugName(List.of(), List.of(), null);
        }
        Bracketed parts = bracketed(n);
        Set<String> routes = new LinkedHashSet<>();
        List<String> words = words(parts.main(), vocabulary, routes);
        List<List<String>> aliases = new ArrayList<>();
        for (String alias : parts.aliases()) {
            List<String> aliasWords = words(alias, vocabulary, routes);
            if (!aliasWords.isEmpty()) {
                aliases.add(aliasWords);
            }
        }
        return new DrugName(words, aliases, routes.size() == 1 ? routes.iterator().next() : null);
    }

    /**
     * A name split into its main part and its bracketed or parenthesised parts.
     *
     * @param main    the name without the bracketed parts, single-spaced and trimmed
     * @param aliases the text inside each {@code [...]} or {@code (...)}, trimmed, in order
     */
    public record Bracketed(String main, List<String> aliases) { }

    /**
     * @param cleaned a name after {@link #clean}
     * @return its main part and the contents of its brackets and parentheses ({@code "x 40 MG [Humira]"} →
     *         {@code "x 40 mg"}, {@code ["humira"]})
     */
    public static Bracketed bracketed(String cleaned) {
        List<String> aliases = new ArrayList<>();
        Matcher m = BRACKETED.matcher(cleaned);
        StringBuilder main = new StringBuilder();
        while (m.find()) {
            aliases.add((m.group(1) != null ? m.group(1) : m.group(2)).trim());
            m.appendReplacement(main, " ");
        }
        m.appendTail(main);
        return new Bracketed(SPACES.matcher(main.toString()).replaceAll(" ").trim(), aliases);
    }

    /**
     * Walks words left to right; where one of the phrases starts, the longest is consumed and reported, otherwise
     * the word is.
     *
     * @param words   the words
     * @param phrases phrases sorted longest first
     * @param wordsOf a phrase's words
     * @param onPhrase called for each phrase found
     * @param onWord   called for each word not in a phrase
     * @param <P> the phrase type
     */
    static <P> void scan(List<String> words, List<P> phrases, Function<P, List<String>> wordsOf,
                         Consumer<P> onPhrase, Consumer<String> onWord) {
        int i = 0;
        while (i < words.size()) {
            P hit = null;
            for (P phrase : phrases) {
                if (matchesAt(words, i, wordsOf.apply(phrase))) {
                    hit = phrase;
                    break;
                }
            }
            if (hit == null) {
                onWord.accept(words.get(i));
                i++;
            } else {
                onPhrase.accept(hit);
                i += wordsOf.apply(hit).size();
            }
        }
    }

    /**
     * Reads a free-text route of administration with the vocabulary's route and device words.
     *
     * @param route route as sent ({@code SC}, {@code Subcutaneous injection}, {@code SubQ}, {@code IV infusion},
     *              {@code by mouth}, …), may be null
     * @param vocabulary route words
     * @return {@code SC}, {@code IV} or {@code ORAL} when the words name exactly one route, otherwise null
     */
    public static String route(String route, NameVocabulary vocabulary) {
        String r = clean(route);
        if (r == null) {
            return null;
        }
        Set<String> routes = new LinkedHashSet<>();
        words(r, vocabulary, routes);
        return routes.size() == 1 ? routes.iterator().next() : null;
    }

    /** @see #route(String, NameVocabulary) with the standard vocabulary */
    public static String route(String route) {
        return route(route, NameVocabulary.standard());
    }

    /**
     * @param code ICD-10-CM code as sent, with or without the dot, any case
     * @return upper case with the dot after the third character ({@code "m0579"} → {@code "M05.79"})
     */
    public static String icd10(String code) {
        String c = code.trim().toUpperCase(Locale.ROOT).replace(".", "");
        return c.length() > 3 ? c.substring(0, 3) + "." + c.substring(3) : c;
    }

    /** Strengths and lone numbers out, then vocabulary phrases out (longest first), then biosimilar suffixes. */
    private static List<String> words(String text, NameVocabulary vocabulary, Set<String> routes) {
        String t = STRENGTH.matcher(text).replaceAll(" ");
        t = LONE_NUMBER.matcher(t).replaceAll(" ");
        List<String> tokens = new ArrayList<>();
        for (String token : WORD_SEPARATORS.split(t)) {
            String w = token.replaceAll("^[/.:+-]+|[/:+-]+$", "");
            if (!w.isEmpty()) {
                tokens.add(w);
            }
        }
        List<String> kept = new ArrayList<>();
        scan(tokens, vocabulary.drugWords(), NameVocabulary.DrugWord::words, hit -> {
            if (hit.route() != null) {
                routes.add(hit.route());
            }
        }, word -> {
            Matcher m = BIOSIMILAR_SUFFIX.matcher(word);
            kept.add(m.matches() ? m.group(1) : word);
        });
        return kept;
    }

    private static boolean matchesAt(List<String> tokens, int at, List<String> phrase) {
        if (at + phrase.size() > tokens.size()) {
            return false;
        }
        for (int k = 0; k < phrase.size(); k++) {
            if (!tokens.get(at + k).equals(phrase.get(k))) {
                return false;
            }
        }
        return true;
    }
}
