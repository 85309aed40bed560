package com.healthplan.pa.kineret.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI 3 document of the intake API ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}). */
@Configuration
public class OpenApiConfig {

    /** @return API metadata and the HTTP Basic security scheme */
    @Bean
    public OpenAPI intakeApi() {
        return new OpenAPI()
                .info(new Info().title("Kineret prior authorization — intake API")
                        .version("1")
                        .description("Submit and read prior-authorization requests for Kineret (anakinra) under "
                                + "policy 5.70.050. Errors are application/problem+json (RFC 9457)."))
                .components(new Components().addSecuritySchemes("basicAuth",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")));
    }
}
