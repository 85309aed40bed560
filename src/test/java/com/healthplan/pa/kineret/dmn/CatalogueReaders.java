package com.healthplan.pa.kineret.dmn;

import com.healthplan.pa.kineret.rules.CodeTables;
import com.healthplan.pa.kineret.rules.EntryReader;
import com.healthplan.pa.kineret.rules.NameVocabulary;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;

/**
 * An {@link EntryReader} over the catalogue decision tables of {@code dmn/}, evaluated by a standalone DMN engine
 * (no process engine), with the shipped code tables and vocabularies: the reader exactly as the application builds
 * it, for direct tests.
 */
public final class CatalogueReaders extends DmnTestSupport {

    private static final DmnDecision DRUGS = parse("kineret-drug-catalogue");
    private static final DmnDecision VACCINES = parse("kineret-vaccine-catalogue");

    private CatalogueReaders() {
    }

    /** @return the reader over the shipped catalogues, code tables and vocabularies */
    public static EntryReader reader() {
        return new EntryReader(CatalogueReaders::drug, CatalogueReaders::vaccine, CodeTables.standard(),
                NameVocabulary.standard());
    }

    private static Optional<EntryReader.CatalogueEntry> drug(String name, String route) {
        DmnDecisionTableResult result = evaluate(DRUGS, vars("drugName", name, "route", route));
        if (result.isEmpty()) {
            return Optional.empty();
        }
        var row = result.getFirstResult();
        return Optional.of(new EntryReader.CatalogueEntry(row.getEntry("genericName"), row.getEntry("dmardClass"),
                row.getEntry("preferredProduct"), row.getEntry("routeDependentProduct")));
    }

    private static Optional<Boolean> vaccine(String name) {
        DmnDecisionTableResult result = evaluate(VACCINES, vars("vaccineName", name));
        return result.isEmpty() ? Optional.empty() : Optional.ofNullable(result.getFirstResult().getEntry("live"));
    }

    /**
     * Every name listed in a catalogue file's name column (the quoted strings of its first input entries).
     *
     * @param decisionId {@code kineret-drug-catalogue} or {@code kineret-vaccine-catalogue}
     * @return the names, in file order, without duplicates
     */
    public static List<String> names(String decisionId) {
        try (var in = CatalogueReaders.class.getClassLoader().getResourceAsStream("dmn/" + decisionId + ".dmn")) {
            String xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            Set<String> names = new LinkedHashSet<>();
            Matcher entry = Pattern.compile("<inputEntry id=\"[^\"]+-name\"><text>([^<]*)</text>").matcher(xml);
            while (entry.find()) {
                Matcher name = Pattern.compile("&quot;([^&]*)&quot;").matcher(entry.group(1));
                while (name.find()) {
                    names.add(name.group(1));
                }
            }
            return new ArrayList<>(names);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
