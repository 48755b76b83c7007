package dev.zscope.apidocs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3.1 description of {@code /api/**} (springdoc: {@code /v3/api-docs}, Swagger UI at
 * {@code /swagger-ui.html}): the API's title, and its one security scheme, a bearer token, required
 * by every operation. The operations and their bodies are described where they are served, on the
 * controllers; {@code springdoc.*} in {@code application.properties} limits the document to
 * {@code /api/**} and turns off what would reach other sites.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfig {

    static final String BEARER = "bearer";

    @Bean
    OpenAPI zscopeOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Zscope API").version("v1")
                        .description("Write points into streams and read streams and anomalies back. Every request"
                                + " carries an API token (Authorization: Bearer <token>) with the write scope"
                                + " (writing points) or the read scope (everything else); admins create tokens"
                                + " at /tokens. Refusals are RFC 9457 problem bodies (application/problem+json).")
                        .license(new License().name("Apache License, Version 2.0")
                                .url("https://www.apache.org/licenses/LICENSE-2.0")))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("An API token: write scope to write points, read scope to read")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
