package com.healthplan.pa.kineret.rules;

import com.healthplan.pa.kineret.dmn.CatalogueReaders;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Property-style checks of the name reading, over every name of the drug catalogue and many random decorations
 * (fixed seeds, so a failure repeats): decorating a name as EHRs do — strength, dose form, device, trademark marks,
 * case, stray spaces, Unicode dashes — never changes its ingredient or DMARD class; a random word that is no
 * catalogue name is never recognised, so it can never make a criterion MET.
 */
class NameDecorationPropertyTest {

    private static final EntryReader READER = CatalogueReaders.reader();
    private static final List<String> DRUG_NAMES = CatalogueReaders.names("kineret-drug-catalogue");
    private static final List<String> STRENGTHS = List.of("40 MG/0.4ML", "2.5 MG", "100 MG/ML", "162 mg/0.9 mL",
            "11 mg", "0.4 ML", "50mg", "15 MG 24HR", "1,000 units");
    private static final List<String> FORMS = List.of("Pen", "Oral Tablet", "Auto-Injector", "Kit",
            "Prefilled Syringe", "Injection", "Injectable Solution", "capsule", "vial", "Extended Release Oral Tablet",
            "Pen Injector", "single-dose", "starter kit");
    private static final List<String> MARKS = List.of("\u00ae", "\u2122", "(R)", "(TM)", " \u00ae", "");

    @Test
    void decorationsNeverChangeTheIngredientOrClass() {
        Assertions.assertThat(DRUG_NAMES).hasSizeGreaterThan(150);
        Random random = new Random(20250401L);
        int checked = 0;
        for (String name : DRUG_NAMES) {
            EntryReader.MedicationReading plain = READER.medication(name, null, null, null);
            Assertions.assertThat(plain.recognised()).as("catalogue name %s", name).isTrue();
            for (int i = 0; i < 8; i++) {
                String decorated = decorate(name, random);
                EntryReader.MedicationReading reading = READER.medication(decorated, null, null, null);
                Assertions.assertThat(reading.recognised()).as("%s decorated as \"%s\"", name, decorated).isTrue();
                Assertions.assertThat(reading.entry().genericName()).as("ingredient of \"%s\"", decorated)
                        .isEqualTo(plain.entry().genericName());
                Assertions.assertThat(reading.entry().dmardClass()).as("class of \"%s\"", decorated)
                        .isEqualTo(plain.entry().dmardClass());
                Assertions.assertThat(reading.partial()).as("\"%s\" is read whole", decorated).isFalse();
                checked++;
            }
        }
        Assertions.assertThat(checked).isGreaterThan(1200);
    }

    @Test
    void aRandomUnknownWordIsNeverRecognised() {
        Set<String> known = DRUG_NAMES.stream().flatMap(n -> List.of(n.split("[ /-]")).stream())
                .collect(Collectors.toSet());
        Set<String> vaccines = Set.copyOf(CatalogueReaders.names("kineret-vaccine-catalogue"));
        Random random = new Random(5_70_050L);
        int checked = 0;
        while (checked < 1000) {
            String word = randomWord(random);
            if (known.contains(word) || vaccines.contains(word)) {
                continue;
            }
            String entry = random.nextBoolean() ? word : capitalise(word) + " " + STRENGTHS.get(random.nextInt(STRENGTHS.size()));
            Assertions.assertThat(READER.medication(entry, null, null, null).recognised()).as("\"%s\"", entry).isFalse();
            Assertions.assertThat(READER.vaccine(entry + " vaccine", null).live()).as("\"%s vaccine\"", entry).isNull();
            checked++;
        }
    }

    private static String decorate(String name, Random random) {
        String n = name;
        if (random.nextInt(3) == 0) {
            n = n.replace("-", List.of("\u2010", "\u2011", "\u2013", "\u2212", "-").get(random.nextInt(5)));
        }
        n = switch (random.nextInt(4)) {
            case 0 -> n.toUpperCase(Locale.ROOT);
            case 1 -> capitalise(n);
            case 2 -> n;
            default -> mixed(n, random);
        };
        n = n + MARKS.get(random.nextInt(MARKS.size()));
        if (random.nextBoolean()) {
            n = n + " " + STRENGTHS.get(random.nextInt(STRENGTHS.size()));
        }
        if (random.nextBoolean()) {
            n = n + " " + FORMS.get(random.nextInt(FORMS.size()));
        }
        if (random.nextInt(4) == 0) {
            n = "  " + n.replace(" ", "  ") + " ";
        }
        return n;
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String mixed(String s, Random random) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        return sb.toString();
    }

    private static String randomWord(Random random) {
        int length = 5 + random.nextInt(8);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }
}
