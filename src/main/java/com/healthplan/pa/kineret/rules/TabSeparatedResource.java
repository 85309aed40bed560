package com.healthplan.pa.kineret.rules;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a tab-separated data file from the classpath: lines starting with {@code #} are comments (source and
 * date of the data), the first other line names the columns, every further line is one row. Used for the code
 * tables and vocabularies kept as data under {@code src/main/resources}.
 */
public final class TabSeparatedResource {

    private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvParser.Feature.ALLOW_COMMENTS)
            .enable(CsvParser.Feature.TRIM_SPACES).enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

    private TabSeparatedResource() {
    }

    /**
     * @param resource classpath resource, e.g. {@code catalogues/cvx.tsv}
     * @param columns  the columns every row must have (more are allowed)
     * @return the rows as column name → value (empty text for an empty cell), in file order
     * @throws IllegalStateException if the resource is missing, a column is missing, or a row is short
     */
    public static List<Map<String, String>> rows(String resource, String... columns) {
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnSeparator('\t').withComments()
                .withoutQuoteChar();
        try (InputStream in = TabSeparatedResource.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("data file " + resource + " is missing from the classpath");
            }
            List<Map<String, String>> rows = new ArrayList<>();
            try (MappingIterator<Map<String, String>> it = MAPPER.readerForMapOf(String.class).with(schema)
                    .readValues(in)) {
                while (it.hasNext()) {
                    Map<String, String> row = it.next();
                    for (String column : columns) {
                        if (row.get(column) == null) {
                            throw new IllegalStateException(resource + " row " + (rows.size() + 1)
                                    + " has no column " + column);
                        }
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read data file " + resource, e);
        }
    }
}
