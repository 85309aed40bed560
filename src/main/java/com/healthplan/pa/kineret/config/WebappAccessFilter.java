package com.healthplan.pa.kineret.config;

import com.healthplan.pa.kineret.cases.Groups;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Closes Camunda's webapps (Tasklist, Cockpit, Admin, Welcome and their APIs under {@code /camunda/api/*}, including
 * the engine API {@code /camunda/api/engine/...}) to accounts that have no work there: only members of
 * {@code camunda-admin}, {@code pa-clinical-reviewers}, {@code pa-physician-reviewers} and {@code pa-supervisors}.
 * An intake account ({@code pa-intake}) that logs in with its correct password gets 403 and no session; a wrong
 * password goes on to Camunda's login and answers 401 like any other (nothing tells which accounts exist). A
 * session that already holds such a user (e.g. from before its groups changed) is dropped and answers 403. As on
 * {@code /engine-rest}, the engine API's password check of any account ({@code POST .../identity/verify}) is
 * {@code camunda-admin}'s (403 to other sessions; see {@link EngineRestAccessFilter}).
 */
@Configuration
public class WebappAccessFilter {

    /** Groups whose members may use the webapps. */
    public static final Set<String> ALLOWED = Set.of(Groups.ADMIN, Groups.CLINICAL_REVIEWERS,
            Groups.PHYSICIAN_REVIEWERS, Groups.SUPERVISORS);

    private static final String LOGIN = "/camunda/api/admin/auth/user/";

    /** Registers the filter on the webapps' API paths, after the login throttle. */
    @Bean
    public FilterRegistrationBean<OncePerRequestFilter> webappAccess(ObjectProvider<IdentityService> identity) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Filter(identity));
        registration.setName("kineret-webapp-access");
        registration.addUrlPatterns("/camunda/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    private static boolean allowed(List<String> groups) {
        return groups != null && groups.stream().anyMatch(ALLOWED::contains);
    }

    private static final class Filter extends OncePerRequestFilter {
        private final ObjectProvider<IdentityService> identity;

        Filter(ObjectProvider<IdentityService> identity) {
            this.identity = identity;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if ("POST".equals(request.getMethod()) && path.startsWith(LOGIN) && path.contains("/login/")) {
                String user = request.getParameter("username");
                String password = request.getParameter("password");
                if (user != null && password != null) {
                    IdentityService ids = identity.getObject();
                    List<String> groups = ids.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
                    if (!groups.isEmpty() && !allowed(groups) && ids.checkPassword(user, password)) {
                        forbidden(response);
                        return;
                    }
                }
            } else {
                HttpSession session = request.getSession(false);
                Authentications auths = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
                if (auths != null && auths.getAuthentications().stream()
                        .anyMatch(a -> !allowed(a.getGroupIds()))) {
                    session.invalidate();
                    forbidden(response);
                    return;
                }
                if (auths != null && !auths.getAuthentications().isEmpty()
                        && EngineRestAccessFilter.isPasswordVerification(request) && auths.getAuthentications().stream()
                        .noneMatch(a -> a.getGroupIds() != null && a.getGroupIds().contains(Groups.ADMIN))) {
                    EngineRestAccessFilter.forbidden(response, EngineRestAccessFilter.PASSWORD_VERIFICATION_REFUSED);
                    return;
                }
            }
            chain.doFilter(request, response);
        }

        private static void forbidden(HttpServletResponse response) throws IOException {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"https://pa.healthplan.example/problems/forbidden\",\"title\":"
                    + "\"Forbidden\",\"status\":403,\"detail\":\"The Camunda webapps are not open to this user; "
                    + "intake systems use /api\"}");
        }
    }
}
