package dev.zscope.ingest;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** Bearer tokens on the API: 401 without a valid token, 403 without the scope, and each kind of token. */
class IngestAuthTest extends IngestApiTestBase {

    private static final String BODY = "{\"value\":1}";

    @Test
    void noTokenIs401WithABearerChallenge() throws Exception {
        post(freshStream(), MediaType.APPLICATION_JSON_VALUE, BODY, null)
                .andExpect(problem(401, "bearer token is required", 0))
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"zscope\""));
        getStreams(null).andExpect(status().isUnauthorized());
    }

    @Test
    void wrongOrMalformedTokenIs401InvalidToken() throws Exception {
        String stream = freshStream();
        post(stream, MediaType.APPLICATION_JSON_VALUE, BODY, BOOTSTRAP + "x")
                .andExpect(problem(401, "unknown or revoked", 0))
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("error=\"invalid_token\"")));
        getStreams("Basic YWRtaW46YWRtaW4=").andExpect(problem(401, "must be 'Bearer <token>'", 0));
        getStreams("Bearer ").andExpect(status().isUnauthorized());
        org.assertj.core.api.Assertions.assertThat(engine.exists(stream)).isFalse();
    }

    @Test
    void revokedTokenIs401() throws Exception {
        NewToken token = asAdmin(() -> tokens.create("short-lived", EnumSet.of(Scope.WRITE, Scope.READ)));
        String stream = freshStream();
        post(stream, MediaType.APPLICATION_JSON_VALUE, BODY, token.secret()).andExpect(status().isOk());

        asAdmin(() -> tokens.revoke(token.info().id()));

        post(stream, MediaType.APPLICATION_JSON_VALUE, BODY, token.secret())
                .andExpect(problem(401, "unknown or revoked", 0));
        getStreams("Bearer " + token.secret()).andExpect(status().isUnauthorized());
    }

    @Test
    void readOnlyTokenMayListStreamsButNotWrite() throws Exception {
        post(freshStream(), MediaType.APPLICATION_JSON_VALUE, BODY, READER)
                .andExpect(problem(403, "lacks the 'write' scope", 0))
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("insufficient_scope")));
        getStreams("Bearer " + READER).andExpect(status().isOk());
    }

    @Test
    void writeOnlyTokenMayWriteButNotList() throws Exception {
        String stream = freshStream();
        post(stream, MediaType.APPLICATION_JSON_VALUE, BODY, WRITER).andExpect(status().isOk());
        getStreams("Bearer " + WRITER).andExpect(problem(403, "lacks the 'read' scope", 0));
    }

    @Test
    void bootstrapTokenWritesAndReads() throws Exception {
        String stream = freshStream();
        postJson(stream, "[{\"timestamp\":1000,\"value\":1},{\"timestamp\":2000,\"value\":2}]")
                .andExpect(status().isOk());
        getStreams("bearer " + BOOTSTRAP).andExpect(status().isOk())
                .andExpect(acceptedStreams(stream))
                .andExpect(jsonPath("$.streams[?(@.stream=='" + stream + "')].points").value(2))
                .andExpect(jsonPath("$.streams[?(@.stream=='" + stream + "')].lastPointMillis").value(2000));
    }

    /** Token management takes an admin, whoever calls: method security, not only the view. */
    @Test
    void onlyAnAdminCanCreateOrRevokeTokens() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tokens.create("sneaky", Set.of(Scope.WRITE)))
                .isInstanceOf(org.springframework.security.core.AuthenticationException.class);
    }

    @Test
    void adminCreatedTokenWorksAtOnce() throws Exception {
        NewToken token = asAdmin(() -> tokens.create("ci", Set.of(Scope.WRITE)));
        post(freshStream(), "text/csv", "1000,1", token.secret()).andExpect(status().isOk());
    }

    /** The token is checked first; with one, a URL the API does not have is 404, a method it does not have 405. */
    @Test
    void otherApiPathsAndMethodsAreClosed() throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/tokens")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + BOOTSTRAP)).andExpect(problem(404, "the API has no", 0));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/tokens"))
                .andExpect(problem(401, "bearer token is required", 0));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch("/api/v1/streams/x/points")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + BOOTSTRAP))
                .andExpect(problem(405, "PATCH is not allowed", 0))
                .andExpect(header().string(HttpHeaders.ALLOW, "GET, HEAD, POST"));
        // The method is wrong whatever the token's scopes.
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/streams/x/points")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + WRITER))
                .andExpect(problem(405, "use GET, HEAD, POST", 0));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/api/v1/streams")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + WRITER))
                .andExpect(problem(405, "use GET, HEAD", 0)).andExpect(header().string(HttpHeaders.ALLOW, "GET, HEAD"));
    }

    @Test
    void multipartIsRefusedOnceTheTokenIsChecked() throws Exception {
        var file = new org.springframework.mock.web.MockMultipartFile("file", "p.csv", "text/csv", "1000,1\n".getBytes());
        String stream = freshStream();
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .multipart("/api/v1/streams/{s}/points", stream).file(file)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + BOOTSTRAP))
                .andExpect(problem(415, "multipart bodies are not accepted", 0));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .multipart("/api/v1/streams/{s}/points", stream).file(file))
                .andExpect(status().isUnauthorized());
        org.assertj.core.api.Assertions.assertThat(engine.exists(stream)).isFalse();
    }

    @Test
    void aSignedInBrowserSessionGrantsNothingOnTheApi() throws Exception {
        var login = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/login")
                        .param("username", "admin").param("password", "api-test-admin")
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/")).andReturn();
        var session = (org.springframework.mock.web.MockHttpSession) login.getRequest().getSession(false);
        org.assertj.core.api.Assertions.assertThat(session).isNotNull();

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .post("/api/v1/streams/{s}/points", freshStream()).content(BODY)
                        .contentType(MediaType.APPLICATION_JSON).session(session))
                .andExpect(status().isUnauthorized());
    }
}
