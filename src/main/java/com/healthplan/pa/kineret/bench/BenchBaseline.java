package com.healthplan.pa.kineret.bench;

import com.healthplan.pa.kineret.cases.Groups;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The benchmark's baseline, active only under the Spring profile {@code bench} (never in the default or
 * {@code prod} profiles): deploys {@code bench/bench-baseline.bpmn} (start, {@code asyncAfter}, end) at start-up
 * and serves
 * <ul>
 *   <li>{@code POST /api/bench/baseline-instances} (group {@code pa-intake} or {@code camunda-admin}, HTTP Basic
 *   as for intake): starts one instance in one transaction, like an intake submission starts its case; 201 with
 *   {@code {"processInstanceId": "..."}};</li>
 *   <li>{@code GET /api/bench/baseline-instances} (same groups): {@code {"running": n}}, the instances not yet
 *   ended.</li>
 * </ul>
 * {@code bench/run.sh} sends both workloads through the same clients and reports intake ÷ baseline.
 */
@Configuration
@Profile("bench")
public class BenchBaseline {

    /** Key of the baseline process. */
    public static final String PROCESS_KEY = "bench-baseline";
    private static final String RESOURCE = "bench/bench-baseline.bpmn";

    private final RepositoryService repositoryService;

    /** @param repositoryService where the baseline process is deployed */
    public BenchBaseline(RepositoryService repositoryService) {
        this.repositoryService = repositoryService;
    }

    /** Deploys the baseline process once the engine is up (duplicate filtering: a restart deploys nothing new). */
    @EventListener(ApplicationReadyEvent.class)
    public void deploy() {
        repositoryService.createDeployment().name("bench-baseline").enableDuplicateFiltering(true)
                .addClasspathResource(RESOURCE).deploy();
    }

    /**
     * {@code /api/bench/**}: HTTP Basic against Camunda's identity service, groups {@code pa-intake} or
     * {@code camunda-admin}; ahead of the intake API's chain.
     */
    @Bean
    @Order(0)
    public SecurityFilterChain benchSecurity(HttpSecurity http, AuthenticationProvider camundaIdentityAuthentication)
            throws Exception {
        http.securityMatcher("/api/bench/**")
                .authenticationProvider(camundaIdentityAuthentication)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.POST, "/api/bench/**")
                        .hasAnyAuthority(Groups.INTAKE, Groups.ADMIN)
                        .anyRequest().hasAnyAuthority(Groups.INTAKE, Groups.ADMIN))
                .httpBasic(basic -> basic.authenticationEntryPoint((req, res, e) -> res.sendError(HttpStatus.UNAUTHORIZED.value())))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable());
        return http.build();
    }

    /** The baseline's two endpoints. */
    @RestController
    @Profile("bench")
    @RequestMapping(path = "/api/bench/baseline-instances", produces = MediaType.APPLICATION_JSON_VALUE)
    public static class BaselineController {

        private final RuntimeService runtimeService;

        /** @param runtimeService starts and counts baseline instances */
        public BaselineController(RuntimeService runtimeService) {
            this.runtimeService = runtimeService;
        }

        /**
         * Starts one baseline instance (business key a random UUID); the request body is ignored.
         *
         * @return 201 with {@code processInstanceId}
         */
        @PostMapping
        public ResponseEntity<Map<String, String>> start() {
            String id = runtimeService.startProcessInstanceByKey(PROCESS_KEY, UUID.randomUUID().toString()).getId();
            return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("processInstanceId", id));
        }

        /** @return {@code running}: instances of the baseline process not yet ended */
        @GetMapping
        public Map<String, Long> running() {
            return Map.of("running", runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).count());
        }
    }
}
