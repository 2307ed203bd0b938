package io.ferry.server.web;

import io.ferry.oci.FerryVersion;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /v3/api-docs}: title, version and the accepted logins. */
@Configuration
class ApiDocsConfig {

  @Bean
  OpenAPI ferryOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Ferry console API")
                .version(FerryVersion.get())
                .description(
                    "Every endpoint needs a login: an API token (Authorization: Bearer fry_…),"
                        + " HTTP Basic, or a console session. Errors are RFC 9457 problem"
                        + " documents."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "token", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                .addSecuritySchemes(
                    "basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
        .addSecurityItem(new SecurityRequirement().addList("token"))
        .addSecurityItem(new SecurityRequirement().addList("basic"));
  }
}
