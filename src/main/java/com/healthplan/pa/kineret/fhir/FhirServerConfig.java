package com.healthplan.pa.kineret.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import com.healthplan.pa.kineret.fhir.subscription.SubscriptionProvider;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Coding;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The FHIR R4 interface at {@code /fhir/*}: HAPI FHIR's {@link RestfulServer} as a servlet beside Spring MVC, with the
 * Da Vinci PAS operations ({@link PasClaimOperations}) and the reads of ClaimResponse and Questionnaire
 * ({@link PasReadProviders}).
 *
 * <p>Why HAPI's server and not a Spring controller with a FHIR parser: the server gives what a FHIR client expects
 * without code of our own: {@code GET /fhir/metadata} (the CapabilityStatement, generated from the providers, so it
 * lists exactly the operations and resources served), OperationOutcome bodies for every error it raises (unknown
 * resource type or operation, wrong method, 404), FHIR content negotiation ({@code _format}, {@code Accept}: JSON
 * by default, XML on request) and the {@code OperationDefinition} of each operation. Access control stays in Spring
 * Security ({@code config/SecurityConfig}), in front of the servlet, with the JSON API's accounts and groups.
 */
@Configuration
public class FhirServerConfig {

    /** URL mapping of the FHIR servlet. */
    public static final String MAPPING = "/fhir/*";

    /** @return the FHIR R4 context (thread-safe, costly to create: one per application) */
    @Bean
    public FhirContext fhirContext() {
        return FhirContext.forR4();
    }

    /**
     * @return the FHIR servlet at {@value #MAPPING}
     */
    @Bean
    public ServletRegistrationBean<RestfulServer> fhirServlet(FhirContext fhir, PasClaimOperations operations,
                                                              PasReadProviders.ClaimResponses claimResponses,
                                                              PasReadProviders.Questionnaires questionnaires,
                                                              SubscriptionProvider subscriptions,
                                                              ObjectProvider<BuildProperties> build) {
        BuildProperties info = build.getIfAvailable();
        RestfulServer server = new PasServer(fhir, List.of(claimResponses, questionnaires, subscriptions),
                List.of(operations), new CapabilityStatementDetails(info == null ? null : info.getVersion()));
        ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, MAPPING);
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }

    /**
     * What HAPI's generated CapabilityStatement does not know: the application's own name and version
     * ({@code software}) and how clients authenticate ({@code rest.security}: HTTP Basic, RFC 7617, service code
     * {@code Basic} of {@code http://terminology.hl7.org/CodeSystem/restful-security-service}; only
     * {@code /fhir/metadata} is open).
     */
    static final class CapabilityStatementDetails {
        static final String SECURITY_SYSTEM = "http://terminology.hl7.org/CodeSystem/restful-security-service";
        private final String version;

        /** @param version the application's version (Maven project version), or null when not built by Maven */
        CapabilityStatementDetails(String version) {
            this.version = version;
        }

        /** @param statement the CapabilityStatement HAPI generated (FHIR R4) */
        @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
        public void complete(IBaseConformance statement) {
            CapabilityStatement cs = (CapabilityStatement) statement;
            cs.getSoftware().setName("Kineret prior authorization (policy 5.70.050)").setVersion(version);
            CapabilityStatement.CapabilityStatementRestSecurityComponent security = cs.getRestFirstRep().getSecurity();
            security.setCors(false);
            security.getService().clear();
            security.addService().addCoding(new Coding(SECURITY_SYSTEM, "Basic", "Basic"));
            security.setDescription("HTTP Basic (RFC 7617) with the accounts and groups of the JSON API: Claim/$submit "
                    + "and Subscription for pa-intake; $inquire and the reads for every PA group; /fhir/metadata open.");
        }
    }

    /** HAPI's RESTful server with this product's providers; JSON unless the client asks for XML. */
    static final class PasServer extends RestfulServer {
        private static final long serialVersionUID = 1L;
        private final transient List<IResourceProvider> resources;
        private final transient List<Object> plain;
        private final transient CapabilityStatementDetails details;

        PasServer(FhirContext fhir, List<IResourceProvider> resources, List<Object> plain,
                  CapabilityStatementDetails details) {
            super(fhir);
            this.resources = resources;
            this.plain = plain;
            this.details = details;
        }

        @Override
        protected void initialize() {
            setDefaultResponseEncoding(EncodingEnum.JSON);
            setServerName("Kineret prior authorization (policy 5.70.050), HL7 Da Vinci PAS");
            setImplementationDescription("Prior authorization of Kineret (anakinra): Claim/$submit, Claim/$inquire, "
                    + "ClaimResponse, Questionnaire, Subscription (rest-hook notifications)");
            setResourceProviders(resources);
            setPlainProviders(plain);
            registerInterceptor(details);
        }
    }
}
