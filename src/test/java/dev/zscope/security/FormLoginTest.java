package dev.zscope.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The whole application with users from configuration, signing in the way the login form does:
 * a plain POST to {@code /login}, without a CSRF token (Vaadin's configurer exempts the login
 * page, and the Vaadin LoginForm sends none).
 */
@SpringBootTest(properties = {
        "zscope.security.users[0].username=alice",
        "zscope.security.users[0].password=" + UserAccountsTest.ALICE_HASH,
        "zscope.security.users[0].roles=ADMIN",
        "zscope.security.users[1].username=victor",
        "zscope.security.users[1].password=" + UserAccountsTest.VICTOR_HASH,
        "zscope.security.users[1].roles=viewer",
        AdminPasswordBootstrap.ENV_PASSWORD + "=must-be-ignored"})
class FormLoginTest {

    private static final Path DATA_DIR =
            Path.of("target", "test-data", UUID.randomUUID().toString()).toAbsolutePath();

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("zscope.data-dir", DATA_DIR::toString);
    }

    @Autowired
    WebApplicationContext context;

    @Autowired
    UserDetailsService users;

    MockMvc mvc;

    @BeforeEach
    void mockMvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    @Test
    void rightPasswordSignsInAndRedirectsAwayFromLogin() throws Exception {
        mvc.perform(post("/login").param("username", "alice").param("password", "alice-pw"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/"))
                .andExpect(authenticated().withUsername("alice").withRoles("ADMIN", "VIEWER"));
    }

    @Test
    void viewerSignsInWithViewerRoleOnly() throws Exception {
        mvc.perform(post("/login").param("username", "victor").param("password", "victor-pw"))
                .andExpect(redirectedUrl("/"))
                .andExpect(authenticated().withUsername("victor").withRoles("VIEWER"));
    }

    @Test
    void wrongPasswordRedirectsToLoginError() throws Exception {
        mvc.perform(post("/login").param("username", "alice").param("password", "alice-pw!"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login?error"))
                .andExpect(unauthenticated());
    }

    @Test
    void unknownUserRedirectsToLoginError() throws Exception {
        mvc.perform(post("/login").param("username", "mallory").param("password", "alice-pw"))
                .andExpect(redirectedUrl("/login?error"))
                .andExpect(unauthenticated());
    }

    @Test
    void configuredUsersMeanNoGeneratedAdmin() {
        assertThatThrownBy(() -> users.loadUserByUsername("admin")).isInstanceOf(UsernameNotFoundException.class);
        assertThat(Files.exists(DATA_DIR.resolve(AdminPasswordBootstrap.HASH_FILE))).isFalse();
        assertThat(users.loadUserByUsername("victor").getAuthorities())
                .extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_VIEWER");
    }
}
