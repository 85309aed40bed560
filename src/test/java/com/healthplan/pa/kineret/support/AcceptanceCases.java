package com.healthplan.pa.kineret.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads the acceptance cases of {@code ../shared/cases/*.json} (directory from system property
 * {@code pa.shared.dir}, set by Surefire) and the product's own cases of {@code src/test/resources/acceptance-cases}
 * (coded requests and names as EHRs write them, RULES.md "Reading names and codes"), in the same format. A missing
 * or empty folder is an error, never a skip.
 */
public final class AcceptanceCases {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AcceptanceCases() {
    }

    /** One case file: its name, the request to submit and the expected outcome. */
    public record Case(String file, JsonNode request, JsonNode expect) {
        @Override
        public String toString() {
            return file;
        }
    }

    /** @return the cases folder */
    public static Path folder() {
        return Path.of(System.getProperty("pa.shared.dir", "../shared")).resolve("cases").toAbsolutePath().normalize();
    }

    /** @return the folder of the product's own acceptance cases */
    public static Path projectFolder() {
        return Path.of("src/test/resources/acceptance-cases").toAbsolutePath().normalize();
    }

    /**
     * @return every shared case, sorted by file name
     * @throws IllegalStateException if the folder is missing or holds no case
     */
    public static List<Case> all() {
        return in(folder(), "");
    }

    /**
     * @return every shared case, then every case of the product's own folder (names prefixed {@code project/})
     * @throws IllegalStateException if either folder is missing or holds no case
     */
    public static List<Case> sharedAndProject() {
        return Stream.concat(all().stream(), in(projectFolder(), "project/").stream()).toList();
    }

    private static List<Case> in(Path dir, String prefix) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Acceptance cases folder is missing: " + dir);
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Case> cases = files.filter(p -> p.toString().endsWith(".json")).sorted()
                    .map(p -> read(p, prefix)).toList();
            if (cases.isEmpty()) {
                throw new IllegalStateException("No acceptance case in " + dir);
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the case in the named file (e.g. {@code 04-ra-standard-one-preferred.json}) */
    public static Case named(String fileName) {
        return all().stream().filter(c -> c.file().equals(fileName)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No acceptance case " + fileName + " in " + folder()));
    }

    private static Case read(Path file, String prefix) {
        try {
            JsonNode node = JSON.readTree(file.toFile());
            return new Case(prefix + file.getFileName().toString(), node.get("request"), node.get("expect"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
