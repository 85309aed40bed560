package com.healthplan.pa.kineret.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.healthplan.pa.kineret.api.Problems;
import com.healthplan.pa.kineret.cases.Groups;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.glassfish.jersey.servlet.ServletContainer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Least privilege for {@code /engine-rest} (all profiles): only members of {@code camunda-admin} may change
 * deployments — {@code POST /deployment/create}, {@code POST /deployment/{id}/redeploy},
 * {@code DELETE /deployment/{id}}, also under {@code /engine/{name}/} — everyone else gets 403 with a
 * problem+json body. Reading deployments stays open to every authenticated user.
 *
 * <p>The user is the one Camunda's {@code ProcessEngineAuthenticationFilter} (HTTP Basic, see
 * {@link SecurityConfig#engineRestAuthentication()}) has put into {@link IdentityService#getCurrentAuthentication()},
 * so this filter must run after it. That filter has the default, i.e. the last, order, so no order number comes
 * after it; instead this filter is mapped to the REST API's Jersey servlet by servlet name, and the Servlet
 * specification (6.2.4) runs servlet-name mappings after all URL-pattern mappings such as {@code /engine-rest/*}.
 */
@Configuration
public class EngineRestDeploymentGuard {

    /** Path within the REST servlet of a deployment resource, optionally of a named engine. */
    private static final Pattern DEPLOYMENT_PATH = Pattern.compile("^(/engine/[^/]+)?/deployment(/.*)?$");

    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    /**
     * @param jerseyServlet   the servlet of Camunda's REST API ({@code /engine-rest/*}, Spring Boot's Jersey servlet)
     * @param identityService looked up per request: filters are created with the web server, and asking for the
     *                        engine that early would create Camunda's tables before Flyway has run
     * @return the guard, mapped to that servlet
     */
    @Bean
    public FilterRegistrationBean<OncePerRequestFilter> engineRestDeploymentGuardFilter(
            ServletRegistrationBean<ServletContainer> jerseyServlet, ObjectProvider<IdentityService> identityService,
            ObjectMapper objectMapper) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (changesDeployments(request) && !isAdmin(identityService.getObject().getCurrentAuthentication())) {
                    response.setStatus(HttpStatus.FORBIDDEN.value());
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    objectMapper.writeValue(response.getOutputStream(), Problems.of(HttpStatus.FORBIDDEN,
                            "deployment-forbidden", "Forbidden", "Only members of " + Groups.ADMIN
                                    + " may create, redeploy or delete deployments."));
                    return;
                }
                chain.doFilter(request, response);
            }
        });
        registration.setName("kineret-engine-rest-deployment-guard");
        registration.addServletRegistrationBeans(jerseyServlet);
        return registration;
    }

    /**
     * @param request a request to the REST servlet
     * @return whether it would create, redeploy or delete a deployment (any method but GET, HEAD, OPTIONS on a
     *         deployment resource; path parameters and case are ignored, so that no spelling slips through)
     */
    static boolean changesDeployments(HttpServletRequest request) {
        if (READ_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            return false;
        }
        String path = request.getPathInfo() != null ? request.getPathInfo() : request.getServletPath();
        path = path.replaceAll(";[^/]*", "").replaceAll("/{2,}", "/").toLowerCase(Locale.ROOT);
        return DEPLOYMENT_PATH.matcher(path).matches();
    }

    private static boolean isAdmin(Authentication authentication) {
        return authentication != null && authentication.getGroupIds() != null
                && authentication.getGroupIds().contains(Groups.ADMIN);
    }
}
