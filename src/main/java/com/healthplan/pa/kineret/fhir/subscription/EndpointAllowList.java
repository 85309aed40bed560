package com.healthplan.pa.kineret.fhir.subscription;

import com.healthplan.pa.kineret.plan.KineretProperties;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Which {@code channel.endpoint}s a Subscription may name ({@code kineret.fhir.subscriptions.allowed-endpoints},
 * {@code require-https}). The endpoint is supplied by the caller and the product sends requests to it, so it must
 * match a configured prefix, compared as URLs (RFC 3986), not as text: same scheme and host (case-insensitive), the
 * prefix's port when the prefix gives one (any port when it does not), and a path that is the prefix's path or
 * continues it after a {@code /}. User information, fragments and schemes other than {@code http} and {@code https}
 * are refused; so is {@code http} when {@code require-https} is set (the {@code prod} profile). An empty list allows
 * nothing.
 */
@Component
public class EndpointAllowList {

    private final List<URI> allowed;
    private final boolean requireHttps;

    /**
     * @param properties {@code kineret.fhir.subscriptions}
     * @throws IllegalStateException when a configured prefix is not an absolute http(s) URL with a host, or is not
     *                               https while https is required
     */
    @Autowired
    public EndpointAllowList(KineretProperties properties) {
        this(properties.fhir().subscriptions().allowedEndpoints(), properties.fhir().subscriptions().requireHttps());
    }

    /**
     * @param prefixes     the allowed URL prefixes
     * @param requireHttps refuse every endpoint that is not https
     * @throws IllegalStateException when a prefix is not an absolute http(s) URL with a host, or is not https while
     *                               https is required
     */
    public EndpointAllowList(List<String> prefixes, boolean requireHttps) {
        this.requireHttps = requireHttps;
        this.allowed = prefixes.stream().map(prefix -> parse(prefix.trim())
                .filter(uri -> !requireHttps || "https".equals(uri.getScheme()))
                .orElseThrow(() -> new IllegalStateException("kineret.fhir.subscriptions.allowed-endpoints: not an "
                        + "absolute " + (requireHttps ? "https" : "http(s)") + " URL with a host: " + prefix))).toList();
    }

    /**
     * @param endpoint a Subscription's {@code channel.endpoint}
     * @return why it is refused (plain language, without the endpoint itself), or empty when it is allowed
     */
    public Optional<String> refusal(String endpoint) {
        Optional<URI> parsed = endpoint == null ? Optional.empty() : parse(endpoint.trim());
        if (parsed.isEmpty()) {
            return Optional.of("channel.endpoint must be an absolute http or https URL with a host, without user "
                    + "information or fragment");
        }
        URI uri = parsed.get();
        if (requireHttps && !"https".equals(uri.getScheme())) {
            return Optional.of("channel.endpoint must use https");
        }
        if (allowed.stream().noneMatch(prefix -> matches(prefix, uri))) {
            return Optional.of("channel.endpoint is not among the endpoints this service may notify "
                    + "(kineret.fhir.subscriptions.allowed-endpoints)");
        }
        return Optional.empty();
    }

    private static boolean matches(URI prefix, URI uri) {
        if (!prefix.getScheme().equals(uri.getScheme()) || !prefix.getHost().equals(uri.getHost())) {
            return false;
        }
        if (prefix.getPort() != -1 && port(prefix) != port(uri)) {
            return false;
        }
        String prefixPath = prefix.getRawPath() == null || prefix.getRawPath().isEmpty() ? "/" : prefix.getRawPath();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (path.contains("/../") || path.endsWith("/..") || path.contains("/./")) {
            return false;
        }
        return path.equals(prefixPath) || path.startsWith(prefixPath.endsWith("/") ? prefixPath : prefixPath + "/");
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

    private static Optional<URI> parse(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                return Optional.empty();
            }
            return Optional.of(new URI(scheme, null, uri.getHost().toLowerCase(Locale.ROOT), uri.getPort(),
                    uri.getPath(), uri.getQuery(), null));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
