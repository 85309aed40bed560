package com.healthplan.pa.kineret.config;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.healthplan.pa.kineret.api.Problems;
import com.healthplan.pa.kineret.cases.Groups;
import com.healthplan.pa.kineret.fhir.OperationOutcomes;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Access control. {@code /api/**}: HTTP Basic (RFC 7617) against Camunda's identity service, stateless, with
 * the user's Camunda groups as authorities; submitting needs {@code pa-intake} (or {@code camunda-admin}),
 * reading any PA group. 401 and 403 answer problem+json. {@code /fhir/**} (HL7 Da Vinci PAS): the same accounts,
 * groups and rules ({@code Claim/$submit} as submitting, {@code Claim/$inquire} and the reads as reading; the
 * CapabilityStatement {@code /fhir/metadata} open, as FHIR clients read it before they authenticate; the
 * rest-hook {@code Subscription}s for intake accounts only, as submitting), with 401,
 * 403 and 503 as OperationOutcome. {@code /engine-rest/**}: Camunda's own
 * {@link ProcessEngineAuthenticationFilter} with HTTP Basic. {@code /api/metrics/**}: supervisors and administrators.
 * {@code /actuator/**}: health open, Prometheus for administrators and {@code pa-metrics}. The determination
 * notice outbox ({@code /api/determination-notices}) is for {@code pa-intake} and administrators. The webapps keep
 * their own login, which {@code /webapp/prior-authorizations/{id}/notices/{noticeId}} reads from the session.
 */
@Configuration
public class SecurityConfig {


    /** The intake API's filter chain. */
    @Bean
    @Order(1)
    public SecurityFilterChain apiSecurity(HttpSecurity http, ObjectMapper objectMapper,
                                           AuthenticationProvider camundaIdentityAuthentication) throws Exception {
        http.securityMatcher("/api/**")
                .authenticationProvider(camundaIdentityAuthentication)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.POST, "/api/prior-authorizations", "/api/prior-authorizations/*/information",
                                "/api/prior-authorizations/*/withdraw", "/api/prior-authorizations/*/appeal")
                                .hasAnyAuthority(Groups.INTAKE, Groups.ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/renewal-notices/*/acknowledge").hasAnyAuthority(Groups.INTAKE, Groups.ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/determination-notices").hasAnyAuthority(Groups.INTAKE, Groups.ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/determination-notices/*/acknowledge")
                                .hasAnyAuthority(Groups.INTAKE, Groups.ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/metrics/**").hasAnyAuthority(Groups.SUPERVISORS, Groups.ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/prior-authorizations/*/audit").hasAnyAuthority(
                                Groups.CLINICAL_REVIEWERS, Groups.PHYSICIAN_REVIEWERS, Groups.SUPERVISORS, Groups.ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyAuthority(Groups.INTAKE, Groups.CLINICAL_REVIEWERS,
                                Groups.PHYSICIAN_REVIEWERS, Groups.SUPERVISORS, Groups.ADMIN)
                        .anyRequest().hasAuthority(Groups.ADMIN));
        return statelessBasic(http, (req, res, e) -> unauthenticated(res, objectMapper, e),
                (req, res, e) -> problem(res, objectMapper, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                        "Your user's groups do not allow this operation"));
    }

    /** The FHIR interface's filter chain ({@code /fhir/**}, HAPI FHIR's server): as {@code /api}, OperationOutcome errors. */
    @Bean
    @Order(0)
    public SecurityFilterChain fhirSecurity(HttpSecurity http, FhirContext fhir,
                                            AuthenticationProvider camundaIdentityAuthentication) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(paths.matcher("/fhir/**"))
                .authenticationProvider(camundaIdentityAuthentication)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(paths.matcher(HttpMethod.GET, "/fhir/metadata")).permitAll()
                        .requestMatchers(paths.matcher("/fhir/Subscription"), paths.matcher("/fhir/Subscription/**"))
                                .hasAnyAuthority(Groups.INTAKE, Groups.ADMIN)
                        .requestMatchers(paths.matcher(HttpMethod.POST, "/fhir/Claim/$submit"))
                                .hasAnyAuthority(Groups.INTAKE, Groups.ADMIN)
                        .requestMatchers(paths.matcher(HttpMethod.POST, "/fhir/Claim/$inquire"))
                                .hasAnyAuthority(Groups.INTAKE, Groups.CLINICAL_REVIEWERS, Groups.PHYSICIAN_REVIEWERS,
                                        Groups.SUPERVISORS, Groups.ADMIN)
                        .requestMatchers(paths.matcher(HttpMethod.GET, "/fhir/**")).hasAnyAuthority(Groups.INTAKE,
                                Groups.CLINICAL_REVIEWERS, Groups.PHYSICIAN_REVIEWERS, Groups.SUPERVISORS, Groups.ADMIN)
                        .anyRequest().hasAuthority(Groups.ADMIN));
        return statelessBasic(http, (req, res, e) -> fhirUnauthenticated(res, fhir, e),
                (req, res, e) -> OperationOutcomes.write(res, fhir, HttpStatus.FORBIDDEN.value(), IssueType.FORBIDDEN,
                        "Your user's groups do not allow this operation"));
    }

    /**
     * What the {@code /api}, {@code /fhir} and {@code /actuator} chains share: HTTP Basic, no session, no CSRF token
     * (no cookie is ever trusted), no saved request; 401 and 403 answered by the given handlers.
     *
     * @return the built chain
     */
    private static SecurityFilterChain statelessBasic(HttpSecurity http, AuthenticationEntryPoint unauthenticated,
                                                      AccessDeniedHandler forbidden) throws Exception {
        http.httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable());
        return http.build();
    }

    /** 401 (with WWW-Authenticate), or 503 with Retry-After when the identity store is unreachable; OperationOutcome. */
    private static void fhirUnauthenticated(HttpServletResponse res, FhirContext fhir, AuthenticationException e)
            throws IOException {
        if (e instanceof AuthenticationServiceException) {
            res.setHeader("Retry-After", "30");
            OperationOutcomes.write(res, fhir, HttpStatus.SERVICE_UNAVAILABLE.value(), IssueType.TRANSIENT,
                    OperationOutcomes.DATABASE_UNREACHABLE);
        } else {
            res.setHeader("WWW-Authenticate", "Basic realm=\"kineret-pa\", charset=\"UTF-8\"");
            OperationOutcomes.write(res, fhir, HttpStatus.UNAUTHORIZED.value(), IssueType.LOGIN,
                    "Send HTTP Basic credentials of a user of this service");
        }
    }

    /**
     * The actuator ({@code /actuator/**}): {@code /actuator/health} (and its liveness and readiness groups) open, as
     * load balancers and orchestrators read it without credentials; {@code /actuator/prometheus} with HTTP Basic for
     * {@code camunda-admin} and the scrape group {@code pa-metrics} only; 401 and 403 as problem+json.
     */
    @Bean
    @Order(2)
    public SecurityFilterChain actuatorSecurity(HttpSecurity http, ObjectMapper objectMapper,
                                                AuthenticationProvider camundaIdentityAuthentication) throws Exception {
        http.securityMatcher("/actuator/**")
                .authenticationProvider(camundaIdentityAuthentication)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/prometheus").hasAnyAuthority(Groups.METRICS, Groups.ADMIN)
                        .anyRequest().hasAuthority(Groups.ADMIN));
        return statelessBasic(http, (req, res, e) -> unauthenticated(res, objectMapper, e),
                (req, res, e) -> problem(res, objectMapper, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                        "Your user's groups do not allow this operation"));
    }

    /**
     * Everything else (webapps, {@code /engine-rest}, API docs): Spring Security stays out of the way; the
     * Camunda webapps and the engine REST filter authenticate themselves.
     */
    @Bean
    @Order(3)
    public SecurityFilterChain otherSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .headers(h -> h.frameOptions(f -> f.sameOrigin()))
                .requestCache(cache -> cache.disable())
                .securityContext(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER));
        return http.build();
    }

    /** Checks HTTP Basic credentials with Camunda's identity service; authorities are the user's group ids. */
    @Bean
    public AuthenticationProvider camundaIdentityAuthentication(IdentityService identityService) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String user = authentication.getName();
                Object password = authentication.getCredentials();
                if (user == null || password == null) {
                    throw new BadCredentialsException("Bad credentials");
                }
                List<SimpleGrantedAuthority> groups;
                try {
                    if (!identityService.checkPassword(user, password.toString())) {
                        throw new BadCredentialsException("Bad credentials");
                    }
                    groups = identityService.createGroupQuery().groupMember(user).list().stream()
                            .map(Group::getId).map(SimpleGrantedAuthority::new).toList();
                } catch (BadCredentialsException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // the identity store (the database) is unreachable: not the client's fault
                    throw new AuthenticationServiceException("identity service unavailable", e);
                }
                return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }

    /** HTTP Basic authentication for Camunda's REST API at {@code /engine-rest/*}. */
    @Bean
    public FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration = new FilterRegistrationBean<>();
        registration.setName("camunda-engine-rest-auth");
        registration.setFilter(new ProcessEngineAuthenticationFilter());
        registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(org.springframework.core.Ordered.LOWEST_PRECEDENCE - 20);
        return registration;
    }

    /** 401, or 503 with Retry-After when the credentials could not be checked because the database is down. */
    private static void unauthenticated(HttpServletResponse res, ObjectMapper mapper, AuthenticationException e)
            throws IOException {
        if (e instanceof AuthenticationServiceException) {
            res.setHeader("Retry-After", "30");
            problem(res, mapper, HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable",
                    "The database is unreachable; nothing was stored. Retry later.");
        } else {
            problem(res, mapper, HttpStatus.UNAUTHORIZED, "unauthorized", "Authentication required",
                    "Send HTTP Basic credentials of a user of this service. After " + LoginThrottle.FREE_FAILURES
                            + " failed logins for an account from one address, that address waits before it may try "
                            + "that account again (longer after each further failure, at most "
                            + LoginThrottle.MAX_LOCK_SECONDS + " s).");
        }
    }

    /** Closes {@code /engine-rest} to users without work there; ordered after the authentication filter. */
    @Bean
    public FilterRegistrationBean<EngineRestAccessFilter> engineRestAccess(
            org.springframework.beans.factory.ObjectProvider<IdentityService> identityService) {
        FilterRegistrationBean<EngineRestAccessFilter> registration = new FilterRegistrationBean<>(
                new EngineRestAccessFilter(identityService));
        registration.setName("kineret-engine-rest-access");
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(org.springframework.core.Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }

    private static void problem(HttpServletResponse res, ObjectMapper mapper, HttpStatus status, String type,
                                String title, String detail) throws IOException {
        res.setStatus(status.value());
        if (status == HttpStatus.UNAUTHORIZED) {
            res.setHeader("WWW-Authenticate", "Basic realm=\"kineret-pa\", charset=\"UTF-8\"");
        }
        res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        mapper.writeValue(res.getOutputStream(), Problems.of(status, type, title, detail));
    }
}
