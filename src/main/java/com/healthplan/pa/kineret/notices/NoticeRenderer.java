package com.healthplan.pa.kineret.notices;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a determination notice to PDF: the template {@value #TEMPLATE} (XHTML) is filled from the notice's stored
 * snapshot by Thymeleaf 3.1 in XML mode ({@code th:text} escapes every value) and laid out by openhtmltopdf on
 * Apache PDFBox 3, with the DejaVu Sans font embedded (subset) so that every character of the texts (e.g. "—")
 * shows. Thread-safe; rendering takes CPU time and is done on first read, never in the determination's transaction.
 */
@Component
public class NoticeRenderer {

    /** The notice template, on the classpath. */
    public static final String TEMPLATE = "notices/determination-notice.html";
    private static final String FONT_FAMILY = "DejaVu Sans";
    private static final String FONT_REGULAR = "notices/fonts/DejaVuSans.ttf";
    private static final String FONT_BOLD = "notices/fonts/DejaVuSans-Bold.ttf";

    private final TemplateEngine engine;
    private final String templateSha256;

    /** @throws IllegalStateException when the template or a font is missing from the classpath */
    public NoticeRenderer() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setTemplateMode(TemplateMode.XML);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        this.engine = new TemplateEngine();
        this.engine.setTemplateResolver(resolver);
        this.templateSha256 = sha256(resource(TEMPLATE));
        resource(FONT_REGULAR);
        resource(FONT_BOLD);
    }

    /** @return SHA-256 (64 lower-case hex digits) of the template's bytes, stored with every PDF rendered from it */
    public String templateSha256() {
        return templateSha256;
    }

    /**
     * @param snapshot the notice's snapshot as stored ({@link NoticeSnapshot} read back as a JSON object)
     * @return the XHTML the PDF is laid out from
     */
    public String xhtml(Map<String, Object> snapshot) {
        Context context = new Context();
        context.setVariable("n", snapshot);
        return engine.process(TEMPLATE, context);
    }

    /**
     * @param snapshot the notice's snapshot as stored
     * @return the PDF's bytes
     * @throws IllegalStateException when the layout fails
     */
    public byte[] pdf(Map<String, Object> snapshot) {
        String xhtml = xhtml(snapshot);
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useFont(() -> stream(FONT_REGULAR), FONT_FAMILY, 400, BaseRendererBuilder.FontStyle.NORMAL, true);
            builder.useFont(() -> stream(FONT_BOLD), FONT_FAMILY, 700, BaseRendererBuilder.FontStyle.NORMAL, true);
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new IllegalStateException("notice not rendered", e);
        }
        return out.toByteArray();
    }

    private static InputStream stream(String name) {
        InputStream in = NoticeRenderer.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the classpath");
        }
        return in;
    }

    private static byte[] resource(String name) {
        try (InputStream in = stream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(name + " not readable", e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
    }
}
