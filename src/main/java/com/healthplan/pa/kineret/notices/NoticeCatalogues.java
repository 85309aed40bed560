package com.healthplan.pa.kineret.notices;

import com.healthplan.pa.kineret.rules.TabSeparatedResource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The plain-language texts of the determination notices kept as data under {@code src/main/resources/notices}:
 * {@value #REMEDIES} (criterion ID of RULES.md → what information would change it) and {@value #INDICATIONS}
 * (indication code → its name). Read once at start-up.
 */
@Component
public class NoticeCatalogues {

    /** Classpath resource of the remedies: columns {@code criterionId}, {@code remedy}. */
    public static final String REMEDIES = "notices/criterion-remedies.tsv";
    /** Classpath resource of the indication names: columns {@code indication}, {@code name}. */
    public static final String INDICATIONS = "notices/indication-names.tsv";

    private final Map<String, String> remedies = read(REMEDIES, "criterionId", "remedy");
    private final Map<String, String> indications = read(INDICATIONS, "indication", "name");

    /** @return criterion ID → remedy sentence, in file order */
    public Map<String, String> remedies() {
        return remedies;
    }

    /** @return the remedy sentence of a criterion, if the catalogue has one */
    public Optional<String> remedy(String criterionId) {
        return Optional.ofNullable(remedies.get(criterionId));
    }

    /** @return the indication's plain-language name, or the code itself when the catalogue lacks it */
    public String indicationName(String indication) {
        return indication == null ? "Not determined" : indications.getOrDefault(indication, indication);
    }

    /** @throws IllegalStateException when the file is missing, a row is short, a key repeats or a text is blank */
    private static Map<String, String> read(String resource, String keyColumn, String valueColumn) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Map<String, String> row : TabSeparatedResource.rows(resource, keyColumn, valueColumn)) {
            String key = row.get(keyColumn);
            String value = row.get(valueColumn);
            if (key.isBlank() || value.isBlank() || map.put(key, value) != null) {
                throw new IllegalStateException(resource + ": blank or repeated entry " + key);
            }
        }
        return Map.copyOf(map);
    }
}
