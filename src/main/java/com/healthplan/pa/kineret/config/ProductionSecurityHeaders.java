package com.healthplan.pa.kineret.config;

import com.healthplan.pa.kineret.plan.KineretProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Profile {@code prod}: security headers on every response, set before anything else handles the request (so
 * that Spring Security, which does not overwrite a header already present, keeps them):
 * {@code Strict-Transport-Security} (also on plain HTTP, since TLS ends at the load balancer),
 * {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: no-referrer}, and
 * {@code X-Frame-Options: SAMEORIGIN} (the Camunda webapps frame their own pages), {@code DENY} under
 * {@code /api/}, where nothing is meant to be framed.
 */
@Configuration
@Profile(ProductionSafetyCheck.PROFILE)
public class ProductionSecurityHeaders {

    /**
     * @param properties {@code kineret.security-headers.hsts}: the {@code Strict-Transport-Security} value
     *                   (default one year)
     * @return the header filter, ahead of Spring Security's
     */
    @Bean
    public FilterRegistrationBean<OncePerRequestFilter> productionSecurityHeadersFilter(
            KineretProperties properties) {
        String hsts = properties.securityHeaders().hsts();
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                response.setHeader("Strict-Transport-Security", hsts);
                response.setHeader("X-Content-Type-Options", "nosniff");
                response.setHeader("Referrer-Policy", "no-referrer");
                boolean api = request.getRequestURI().startsWith(request.getContextPath() + "/api/");
                response.setHeader("X-Frame-Options", api ? "DENY" : "SAMEORIGIN");
                chain.doFilter(request, response);
            }
        });
        registration.setName("kineret-security-headers");
        registration.addUrlPatterns("/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }
}
