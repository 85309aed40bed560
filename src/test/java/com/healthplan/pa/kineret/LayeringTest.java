package com.healthplan.pa.kineret;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering of README "Layout", bottom to top: {@code plan}; {@code cases}; {@code rules}; {@code authorization},
 * {@code intake}, {@code notices}; {@code process}, {@code retention}; {@code api}, {@code config}, {@code fhir},
 * {@code operations}, {@code bench}. A package may use the packages below it, never one above it nor (below the top) a sibling.
 * Checked twice: on the compiled classes (ArchUnit) and on the source text, which also sees the compile-time
 * constants ({@code static final String}) that the compiler inlines and the class files no longer name.
 */
class LayeringTest {

    private static final String ROOT = "com.healthplan.pa.kineret";
    /** Level of each package: a package may name only packages of a lower level, or its own. */
    private static final Map<String, Integer> LEVEL = Map.ofEntries(Map.entry("plan", 0),
            Map.entry("cases", 1), Map.entry("rules", 2), Map.entry("authorization", 3), Map.entry("intake", 3),
            Map.entry("notices", 3),
            Map.entry("process", 4), Map.entry("retention", 4), Map.entry("api", 5), Map.entry("config", 5), Map.entry("fhir", 5),
            Map.entry("operations", 5), Map.entry("bench", 5));
    private static final Pattern REFERENCE = Pattern.compile(Pattern.quote(ROOT + ".") + "([a-z]+)\\.");

    @Test
    void classesDependOnlyOnLowerLayers() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Plan").definedBy(ROOT + ".plan..")
                .layer("Cases").definedBy(ROOT + ".cases..")
                .layer("Rules").definedBy(ROOT + ".rules..")
                .layer("Authorization").definedBy(ROOT + ".authorization..")
                .layer("Intake").definedBy(ROOT + ".intake..")
                .layer("Notices").definedBy(ROOT + ".notices..")
                .layer("Process").definedBy(ROOT + ".process..")
                .layer("Retention").definedBy(ROOT + ".retention..")
                .layer("Edge").definedBy(ROOT + ".api..", ROOT + ".config..", ROOT + ".fhir..", ROOT + ".operations..", ROOT + ".bench..")
                .whereLayer("Edge").mayNotBeAccessedByAnyLayer()
                .whereLayer("Process").mayOnlyBeAccessedByLayers("Edge")
                .whereLayer("Retention").mayOnlyBeAccessedByLayers("Edge")
                .whereLayer("Authorization").mayOnlyBeAccessedByLayers("Process", "Retention", "Edge")
                .whereLayer("Intake").mayOnlyBeAccessedByLayers("Process", "Retention", "Edge")
                .whereLayer("Notices").mayOnlyBeAccessedByLayers("Process", "Retention", "Edge")
                .whereLayer("Rules").mayOnlyBeAccessedByLayers("Authorization", "Intake", "Notices", "Process", "Retention",
                        "Edge")
                .whereLayer("Cases").mayOnlyBeAccessedByLayers("Rules", "Authorization", "Intake", "Notices", "Process",
                        "Retention", "Edge")
                .check(classes);
    }

    @Test
    void sourcesNameOnlyLowerLayers() throws IOException {
        Path base = Path.of("src/main/java", ROOT.split("\\."));
        List<String> upward = new ArrayList<>();
        try (Stream<Path> files = Files.walk(base)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = base.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue; // the application class at the root sees everything
                }
                String from = relative.getName(0).toString();
                assertThat(LEVEL).as("level of package %s", from).containsKey(from);
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    String to = m.group(1);
                    assertThat(LEVEL).as("level of package %s named in %s", to, relative).containsKey(to);
                    if (LEVEL.get(to) > LEVEL.get(from)) {
                        upward.add(relative + " -> " + to);
                    }
                }
            }
        }
        assertThat(upward).as("references from a lower package to a higher one").isEmpty();
    }
}
