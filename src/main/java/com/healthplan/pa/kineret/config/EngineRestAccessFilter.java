package com.healthplan.pa.kineret.config;

import com.healthplan.pa.kineret.cases.Groups;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Closes Camunda's REST API ({@code /engine-rest}) to users who have no work there: only members of
 * {@code camunda-admin}, {@code pa-clinical-reviewers}, {@code pa-physician-reviewers} and {@code pa-supervisors}
 * pass; an intake system ({@code pa-intake}) gets 403 and uses {@code /api}. Runs after Camunda's
 * {@code ProcessEngineAuthenticationFilter}, which has set the authenticated user; what each role may do inside
 * is Camunda's authorization service's business ({@link AuthorizationGrants}). Camunda's password check of any
 * account, {@code POST /identity/verify}, is {@code camunda-admin}'s: for anybody else it would be a way to try
 * passwords outside the login throttle ({@link LoginThrottle}); 403.
 */
public class EngineRestAccessFilter extends OncePerRequestFilter {

    private static final Set<String> ALLOWED = Set.of(Groups.ADMIN, Groups.CLINICAL_REVIEWERS,
            Groups.PHYSICIAN_REVIEWERS, Groups.SUPERVISORS);

    /** {@code POST /identity/verify} under {@code /engine-rest} or the webapps' engine API, of any engine. */
    private static final Pattern PASSWORD_VERIFICATION = Pattern.compile(
            "(/engine-rest|/camunda/api/engine)(/engine/[^/]+)?/identity/verify/?");

    private final ObjectProvider<IdentityService> identity;

    /** @param identity Camunda's identity service (holds the request's authentication), looked up on first use */
    public EngineRestAccessFilter(ObjectProvider<IdentityService> identity) {
        this.identity = identity;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = identity.getObject().getCurrentAuthentication();
        List<String> groups = auth == null || auth.getGroupIds() == null ? List.of() : auth.getGroupIds();
        if (auth != null && groups.stream().noneMatch(ALLOWED::contains)) {
            forbidden(response, "The Camunda REST API is not open to this user; use /api");
            return;
        }
        if (auth != null && !groups.contains(Groups.ADMIN) && isPasswordVerification(request)) {
            forbidden(response, PASSWORD_VERIFICATION_REFUSED);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Why a password verification is refused. */
    static final String PASSWORD_VERIFICATION_REFUSED = "Checking the password of an account is reserved to camunda-admin";

    /**
     * Whether the request is Camunda's {@code POST .../identity/verify}, read from the servlet path and path info
     * (decoded and normalised by the container, without path parameters).
     */
    static boolean isPasswordVerification(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return "POST".equalsIgnoreCase(request.getMethod()) && PASSWORD_VERIFICATION.matcher(path).matches();
    }

    /** Answers 403 as problem+json with the given detail. */
    static void forbidden(HttpServletResponse response, String detail) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/problem+json");
        response.getWriter().write("{\"type\":\"https://pa.healthplan.example/problems/forbidden\",\"title\":\"Forbidden\","
                + "\"status\":403,\"detail\":\"" + detail + "\"}");
    }
}
