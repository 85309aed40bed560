package com.healthplan.pa.kineret.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over 1 MiB (1,048,576 bytes) on <em>every</em> path (the intake API, {@code /engine-rest},
 * the webapps), with 413 and a problem+json body ({@code spec/API.md}). A declared {@code Content-Length} over the
 * limit is refused before anything is read. A body without a declared length ({@code Transfer-Encoding: chunked}),
 * on any path, and every body under {@code /api/} (the path as decoded, so {@code /%61pi/...} is {@code /api/...})
 * is read into memory up to the limit before the request goes on, and refused with 413 when it is longer: the
 * application never sees, let alone acts on, a part of an oversized body, and never holds more than 1 MiB of it.
 * The 413 is the problem+json of {@code spec/API.md} with {@code Connection: close} (the rest of the body is not
 * read). It is the first filter of every request, so that no other filter, authentication or login throttling
 * included, reads a body before it is limited.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    /** Largest accepted body in bytes: 1 MiB. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private final ObjectMapper objectMapper;

    /** @param objectMapper writes the problem body */
    public RequestSizeLimitFilter(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    private static final org.springframework.web.util.UrlPathHelper PATHS = new org.springframework.web.util.UrlPathHelper();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            tooLarge(response);
            return;
        }
        boolean undeclaredBody = request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") != null;
        if (!undeclaredBody && !PATHS.getPathWithinApplication(request).startsWith("/api/")) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            tooLarge(response);
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setHeader("Connection", "close");
        objectMapper.writeValue(response.getOutputStream(), Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large",
                "Request body too large", "The body exceeds 1 MiB (1048576 bytes); nothing was stored."));
    }

    /**
     * The request with its body already read into memory: {@link #getInputStream()} and {@link #getReader()} read
     * it again from the start, and {@link #getContentLengthLong()} is its length. The request parameters are those of
     * the query string followed, for a form body ({@code application/x-www-form-urlencoded}), by the body's fields,
     * decoded in the request's character encoding (UTF-8 if none or unknown), as the servlet container would give them.
     */
    public static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED_VALUE;
        private final byte[] body;
        private Map<String, String[]> parameters;

        /**
         * @param request the request whose body has been read
         * @param body    the body's bytes, at most {@link #MAX_BODY_BYTES}
         */
        public CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            InputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    try {
                        return in.available() == 0;
                    } catch (IOException e) {
                        return true;
                    }
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), charset()));
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            if (parameters == null) {
                Map<String, List<String>> merged = new LinkedHashMap<>();
                super.getParameterMap().forEach((name, values) ->
                        merged.computeIfAbsent(name, n -> new ArrayList<>()).addAll(List.of(values)));
                String type = getContentType();
                if (type != null && type.regionMatches(true, 0, FORM, 0, FORM.length())) {
                    Charset charset = charset();
                    for (String field : new String(body, charset).split("&")) {
                        int eq = field.indexOf('=');
                        try {
                            String name = URLDecoder.decode(eq < 0 ? field : field.substring(0, eq), charset);
                            String value = eq < 0 ? "" : URLDecoder.decode(field.substring(eq + 1), charset);
                            if (!name.isEmpty()) {
                                merged.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                            }
                        } catch (IllegalArgumentException e) {
                            // a broken %-escape: the field is skipped, as the container skips it
                        }
                    }
                }
                Map<String, String[]> map = new LinkedHashMap<>();
                merged.forEach((name, values) -> map.put(name, values.toArray(String[]::new)));
                parameters = Collections.unmodifiableMap(map);
            }
            return parameters;
        }

        /** @return the request's character encoding, UTF-8 when none or an unknown one is given */
        private Charset charset() {
            String encoding = getCharacterEncoding();
            try {
                return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            } catch (IllegalArgumentException e) {
                return StandardCharsets.UTF_8;
            }
        }

        @Override
        public String getParameter(String name) {
            String[] values = getParameterMap().get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = getParameterMap().get(name);
            return values == null ? null : values.clone();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(getParameterMap().keySet());
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
