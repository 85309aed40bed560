package com.healthplan.pa.kineret.notices;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The notice template rendered to PDF without the application: every value is escaped, Unicode text (an em dash,
 * accented names) shows with the embedded font, and the text a PDF reader extracts is the snapshot's.
 */
class NoticeRendererTest {

    private final NoticeRenderer renderer = new NoticeRenderer();

    private static NoticeSnapshot adverse() {
        return new NoticeSnapshot("ADVERSE_DETERMINATION", "PRESCRIBER", "Adverse determination", "Health Plan",
                "Kineret (anakinra) prior authorization, policy 5.70.050", "2026-12-03", "case-1", "REQ-<1>&\"x\"",
                "det-1", "M-100", "1234567893", "Kineret", "RA", "Rheumatoid arthritis", "INITIAL", "EXPEDITED",
                "DENIED", "2026-12-03", new NoticeSnapshot.Decider("physician", "Zoë Müller", "MD, physician reviewer"),
                "Latent TB untreated — see chart <script>alert(1)</script>", "5.70.050 (2025-04-01)", null,
                List.of(new NoticeSnapshot.Criterion("TB_SCREENING", "NOT_MET", "Not met", "tbScreening POSITIVE_UNTREATED",
                        "5.70.050 AND ALL 1", "A negative tuberculosis screening result.")),
                null, new NoticeSnapshot.Appeal("2027-06-01", "14:05", "America/New_York", "180 calendar days",
                        "Write to the Appeals Unit.", "Ask for an expedited appeal."),
                null, null);
    }

    private Map<String, Object> asStored(NoticeSnapshot s) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        return mapper.readValue(mapper.writeValueAsString(s), new TypeReference<Map<String, Object>>() { });
    }

    @Test
    void adverseDeterminationRendersEscapedUnicodeText() throws IOException {
        Map<String, Object> snapshot = asStored(adverse());
        String xhtml = renderer.xhtml(snapshot);
        Assertions.assertThat(xhtml).doesNotContain("<script>").contains("&lt;script&gt;");
        byte[] pdf = renderer.pdf(snapshot);
        Assertions.assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            Assertions.assertThat(text).contains("Adverse determination", "REQ-<1>&\"x\"",
                    "Latent TB untreated — see chart <script>alert(1)</script>", "Zoë Müller, MD, physician reviewer",
                    "TB_SCREENING — 5.70.050 AND ALL 1", "A negative tuberculosis screening result.",
                    "Appeal by: 2027-06-01", "Ask for an expedited appeal.", "Prescriber NPI 1234567893");
        }
    }

    @Test
    void templateHashIsTheSha256OfTheTemplateFile() throws Exception {
        byte[] template;
        try (var in = getClass().getClassLoader().getResourceAsStream(NoticeRenderer.TEMPLATE)) {
            template = in.readAllBytes();
        }
        Assertions.assertThat(renderer.templateSha256()).hasSize(64).isEqualTo(java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(template)));
    }
}
