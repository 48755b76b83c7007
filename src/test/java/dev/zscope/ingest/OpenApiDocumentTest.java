package dev.zscope.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI document lists every endpoint of {@code /api} the application serves, each with its
 * request body (where it takes one) and its response bodies; and who may read it and Swagger UI.
 * The endpoints are taken from Spring MVC's own mappings, so an endpoint added without a
 * description fails here.
 */
class OpenApiDocumentTest extends IngestApiTestBase {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private DocumentContext document() throws Exception {
        String body = mvc.perform(get("/v3/api-docs").header(HttpHeaders.AUTHORIZATION, "Bearer " + READER))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return JsonPath.parse(body);
    }

    /** Every (method, path) Spring MVC serves under /api, paths in OpenAPI's {name} form. */
    private List<String[]> apiOperations() {
        List<String[]> out = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String path : info.getDirectPaths().isEmpty() ? info.getPatternValues() : info.getDirectPaths()) {
                if (!path.startsWith("/api/")) {
                    continue;
                }
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    out.add(new String[] {method.name().toLowerCase(Locale.ROOT), path});
                }
            }
        }
        return out;
    }

    @Test
    void everyApiEndpointIsDescribedWithItsBodies() throws Exception {
        DocumentContext doc = document();
        assertThat(doc.read("$.openapi", String.class)).startsWith("3.1");
        List<String[]> operations = apiOperations();
        assertThat(operations).extracting(o -> o[0] + " " + o[1]).contains("post /api/v1/streams/{stream}/points",
                "get /api/v1/streams", "get /api/v1/anomalies", "put /api/v1/streams/{stream}/hints");
        for (String[] op : operations) {
            String at = "$.paths['" + op[1] + "']." + op[0];
            Map<String, Object> operation = doc.read(at);
            assertThat(operation).as(op[0] + " " + op[1] + " is described").isNotNull();
            assertThat((Object) doc.read(at + ".summary")).as(at + " summary").isNotNull();
            Map<String, Map<String, Object>> responses = doc.read(at + ".responses");
            assertThat(responses).as(at).containsKey("200").containsKey("401").containsKey("403");
            boolean noBody = op[0].equals("delete"); // ends a silence: 200 without a body
            responses.forEach((code, response) -> {
                if (!(noBody && code.equals("200"))) {
                    assertThat(response).as(at + " response " + code + " has a body").containsKey("content");
                }
            });
            if (op[0].equals("post") && op[1].endsWith("/points")) {
                Map<String, Object> content = doc.read(at + ".requestBody.content");
                assertThat(content).as(at + " request body").containsKeys("application/json", "text/csv");
            } else if (op[0].equals("post")) {
                Map<String, Object> content = doc.read(at + ".requestBody.content");
                assertThat(content).as(at + " request body").containsKey("application/json");
            }
            if (op[0].equals("put")) {
                Map<String, Object> content = doc.read(at + ".requestBody.content");
                assertThat(content).as(at + " request body").containsKey("application/json");
            }
        }
    }

    @Test
    void theIngestBodyIsAPointOrAnArrayOfPointsOrCsv() throws Exception {
        DocumentContext doc = document();
        String body = "$.paths['/api/v1/streams/{stream}/points'].post.requestBody";
        assertThat(doc.read(body + ".required", Boolean.class)).isTrue();
        List<Map<String, Object>> oneOf = doc.read(body + ".content['application/json'].schema.oneOf");
        assertThat(oneOf).hasSize(2);
        assertThat(oneOf.get(0)).containsEntry("$ref", "#/components/schemas/Point");
        assertThat(oneOf.get(1)).containsEntry("type", "array")
                .containsEntry("items", Map.of("$ref", "#/components/schemas/Point"));
        Map<String, Object> point = doc.read("$.components.schemas.Point.properties");
        assertThat(point).containsKeys("timestamp", "value");
        assertThat(doc.read("$.components.schemas.Point.required", List.class)).contains("value");
        assertThat(doc.read(body + ".content['text/csv'].schema.type", String.class)).isEqualTo("string");
        assertThat(doc.read("$.paths['/api/v1/anomalies'].get.responses.200.content", Map.class))
                .containsKeys("application/json", "text/csv");
        assertThat(doc.read("$.paths['/api/v1/anomalies'].get.parameters[*].name", List.class))
                .contains("stream", "from", "to", "minSeverity", "limit", "cursor").doesNotContain("Accept");
        assertThat(doc.read("$.components.securitySchemes.bearer.scheme", String.class)).isEqualTo("bearer");
        assertThat(doc.read("$.paths", Map.class).keySet()).allMatch(p -> p.toString().startsWith("/api/"));
    }

    @Test
    void theDocumentIsForReadTokensAndSignedInUsers() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(problem(401, "bearer token is required", 0));
        mvc.perform(get("/v3/api-docs").header(HttpHeaders.AUTHORIZATION, "Bearer " + WRITER))
                .andExpect(problem(403, "lacks the 'read' scope", 0));
        mvc.perform(get("/v3/api-docs").with(user("viewer").roles("VIEWER"))).andExpect(status().isOk());
    }

    @Test
    void swaggerUiIsForSignedInUsers() throws Exception {
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isFound())
                .andExpect(header().string(HttpHeaders.LOCATION, org.hamcrest.Matchers.endsWith("/login")));
        mvc.perform(get("/swagger-ui/index.html").header(HttpHeaders.AUTHORIZATION, "Bearer " + READER))
                .andExpect(status().isForbidden());
        mvc.perform(get("/swagger-ui/index.html").with(user("viewer").roles("VIEWER"))).andExpect(status().isOk());
        mvc.perform(get("/v3/api-docs/swagger-config").with(user("viewer").roles("VIEWER"))).andExpect(status().isOk());
    }
}
