package com.healthplan.pa.kineret.notices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Every criterion of {@code spec/RULES.md} ("Criteria" table) has a remedy sentence in
 * {@code notices/criterion-remedies.tsv}, and the catalogue names no other criterion.
 */
class CriterionRemediesTest {

    private static Set<String> criteriaOfRules() throws IOException {
        String dir = System.getProperty("pa.shared.dir");
        Assertions.assertThat(dir).as("system property pa.shared.dir (pom.xml)").isNotNull();
        Path rules = Path.of(dir, "spec", "RULES.md");
        Assertions.assertThat(rules).as("RULES.md").exists();
        String text = Files.readString(rules);
        int start = text.indexOf("\n## Criteria");
        int end = text.indexOf("\n## ", start + 1);
        Assertions.assertThat(start).as("section Criteria of RULES.md").isPositive();
        Matcher m = Pattern.compile("(?m)^\\| `([A-Z][A-Z0-9_]+)` \\|").matcher(text.substring(start, end));
        Set<String> ids = new LinkedHashSet<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    @Test
    void everyCriterionOfTheRulesHasARemedy() throws IOException {
        Set<String> criteria = criteriaOfRules();
        Assertions.assertThat(criteria).hasSizeGreaterThanOrEqualTo(14).contains("TB_SCREENING", "CLINICAL_RESPONSE");
        Assertions.assertThat(new NoticeCatalogues().remedies().keySet()).containsExactlyInAnyOrderElementsOf(criteria);
        Assertions.assertThat(new NoticeCatalogues().remedies().values()).allSatisfy(r ->
                Assertions.assertThat(r).endsWith(".").hasSizeGreaterThan(20));
    }
}
