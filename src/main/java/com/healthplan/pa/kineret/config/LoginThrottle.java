package com.healthplan.pa.kineret.config;

import com.healthplan.pa.kineret.api.RequestSizeLimitFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Throttling of failed logins per <em>source address and account</em>, in front of every place a password is
 * checked: HTTP Basic on {@code /api/*}, {@code /fhir/*} and {@code /engine-rest/*}, and the webapps' login
 * ({@code POST /camunda/api/admin/auth/user/{engine}/login/{app}}, form field {@code username}). A webapp login and
 * HTTP Basic count as the same account: wrong passwords for {@code intake} in the login form also make
 * {@code intake}'s Basic calls from that address wait, and nobody else's. Camunda's own
 * per-account lock is switched off ({@code loginDelayBase: 0}, {@code loginMaxAttempts} at its maximum in
 * {@code application.yml}), because it counts failures per account only: anybody could lock any known account,
 * e.g. the intake system's, by sending wrong passwords for it.
 *
 * <p>Rules ({@value #FREE_FAILURES} failures are free; then each further failure doubles the wait):
 * <ul>
 *   <li>after failure number {@code n > }{@value #FREE_FAILURES} of a (source, account) pair, that pair is refused
 *       for {@code 2^(n - }{@value #FREE_FAILURES}{@code  - 1)} seconds, at most {@value #MAX_LOCK_SECONDS} s: 401
 *       with {@code Retry-After} and no password check;</li>
 *   <li>a successful login (any answer but 401) clears the pair's count; a count is forgotten
 *       {@value #FORGET_AFTER_MINUTES} minutes after its last failure;</li>
 *   <li>the same account from another address is not affected, so a caller who does not know the password cannot
 *       lock out the account's owner; at most {@value #MAX_TRACKED} pairs are tracked (oldest dropped first).</li>
 * </ul>
 * The source address is the servlet's remote address: behind the production load balancer it is the client's
 * ({@code server.forward-headers-strategy: framework} in profile {@code prod}).
 *
 * <p>The login form ({@code application/x-www-form-urlencoded}) is read into memory and goes on as
 * {@link RequestSizeLimitFilter.CachedBodyRequest}, which answers {@code getParameter("username")} from it and gives
 * the same bytes to Camunda's login resource (Jersey) as its entity: the container's own form parsing would consume
 * the body before the JAX-RS resource reads it. {@link RequestSizeLimitFilter} runs first, so the body is at most
 * {@link RequestSizeLimitFilter#MAX_BODY_BYTES}. A login request that is not such a form, or has no
 * {@code username}, is counted for the source address alone.
 */
@Configuration
public class LoginThrottle {

    /** Failures of a (source, account) pair before the first wait. */
    public static final int FREE_FAILURES = 3;
    /** Longest wait, in seconds. */
    public static final int MAX_LOCK_SECONDS = 60;
    /** Minutes after which a pair's count is forgotten. */
    public static final int FORGET_AFTER_MINUTES = 15;
    /** Largest number of (source, account) pairs kept in memory. */
    public static final int MAX_TRACKED = 10_000;

    private static final String LOGIN_PATH = "/camunda/api/admin/auth/user/";
    private static final String FORM = "application/x-www-form-urlencoded";

    /** Count and wait of one (source, account) pair; times in epoch milliseconds. */
    record Failures(int count, long lockedUntil, long lastFailure) { }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    /** A throttle on the system clock. */
    public LoginThrottle() {
        this(Clock.systemUTC());
    }

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Registers the filter before every authentication filter. */
    @Bean
    public FilterRegistrationBean<OncePerRequestFilter> loginThrottleFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new ThrottleFilter());
        registration.setName("kineret-login-throttle");
        registration.addUrlPatterns("/api/*", "/fhir/*", "/engine-rest/*", LOGIN_PATH + "*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /**
     * @return seconds the pair must still wait, 0 when it may try now
     */
    long waitSeconds(String key) {
        Failures f = failures.get(key);
        long now = clock.millis();
        return f == null || f.lockedUntil() <= now ? 0 : Math.max(1, (f.lockedUntil() - now + 999) / 1000);
    }

    /** Counts a failed login of the pair. */
    void failed(String key) {
        long now = clock.millis();
        if (failures.size() >= MAX_TRACKED && !failures.containsKey(key)) {
            prune(now);
        }
        failures.compute(key, (k, f) -> {
            int count = f == null || now - f.lastFailure() > Duration.ofMinutes(FORGET_AFTER_MINUTES).toMillis()
                    ? 1 : f.count() + 1;
            long lock = count <= FREE_FAILURES ? 0
                    : Math.min(MAX_LOCK_SECONDS, 1L << Math.min(30, count - FREE_FAILURES - 1)) * 1000L;
            return new Failures(count, now + lock, now);
        });
    }

    /** Clears the pair after a successful login. */
    void succeeded(String key) {
        failures.remove(key);
    }

    private void prune(long now) {
        long forget = Duration.ofMinutes(FORGET_AFTER_MINUTES).toMillis();
        failures.values().removeIf(f -> now - f.lastFailure() > forget);
        Iterator<Map.Entry<String, Failures>> oldest = failures.entrySet().stream()
                .sorted(Map.Entry.comparingByValue((a, b) -> Long.compare(a.lastFailure(), b.lastFailure())))
                .limit(Math.max(0, failures.size() - MAX_TRACKED + 1)).toList().iterator();
        oldest.forEachRemaining(e -> failures.remove(e.getKey(), e.getValue()));
    }

    /**
     * @param loginUsername the {@code username} of a webapp login form ({@link #loginForm}), or null
     * @return {@code source|account} for a request with HTTP Basic credentials and for a webapp login form,
     *         {@code source|webapp-login} for another webapp login request (see the class comment), or null when the
     *         request carries no credentials (nothing to throttle)
     */
    static String key(HttpServletRequest request, String loginUsername) {
        String source = request.getRemoteAddr();
        if (isLogin(request)) {
            if (!"POST".equals(request.getMethod())) {
                return null;
            }
            return source + "|" + (loginUsername == null || loginUsername.isEmpty() ? "webapp-login" : loginUsername);
        }
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String user;
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            user = colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            user = "";
        }
        return source + "|" + user;
    }

    private static boolean isLogin(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith(LOGIN_PATH) && path.contains("/login/");
    }

    /** @return the body of a webapp login form POST, or null for any other request (its body is not read) */
    private static byte[] loginForm(HttpServletRequest request) throws IOException {
        if (!"POST".equals(request.getMethod()) || !isLogin(request) || request.getContentType() == null
                || !request.getContentType().regionMatches(true, 0, FORM, 0, FORM.length())) {
            return null;
        }
        return request.getInputStream().readNBytes(RequestSizeLimitFilter.MAX_BODY_BYTES);
    }

    private final class ThrottleFilter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            byte[] form = loginForm(request);
            if (form != null) {
                request = new RequestSizeLimitFilter.CachedBodyRequest(request, form);
            }
            String key = key(request, form == null ? null : request.getParameter("username"));
            if (key == null) {
                chain.doFilter(request, response);
                return;
            }
            long wait = waitSeconds(key);
            if (wait > 0) {
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                response.setHeader("Retry-After", Long.toString(wait));
                response.setHeader("WWW-Authenticate", "Basic realm=\"kineret-pa\", charset=\"UTF-8\"");
                response.setContentType("application/problem+json");
                response.getWriter().write("{\"type\":\"https://pa.healthplan.example/problems/unauthorized\","
                        + "\"title\":\"Authentication required\",\"status\":401,\"detail\":\"Too many failed logins "
                        + "for this account from this address; retry in " + wait + " s\"}");
                return;
            }
            chain.doFilter(request, response);
            if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
                failed(key);
            } else {
                succeeded(key);
            }
        }
    }
}
