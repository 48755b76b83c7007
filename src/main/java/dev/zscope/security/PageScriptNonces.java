package dev.zscope.security;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.communication.IndexHtmlResponse;
import java.security.SecureRandom;
import java.util.Base64;
import org.jsoup.nodes.Element;
import org.springframework.stereotype.Component;

/**
 * Lets the inline scripts of the page Vaadin serves run without allowing inline scripts at all.
 *
 * <p>That page starts with a few inline scripts of Vaadin's own (browser check, bootstrap flags,
 * the CSRF form-data hook). Each page response gets a fresh random nonce: it is set on every
 * inline {@code <script>} of the page, and the page's Content-Security-Policy allows scripts with
 * that nonce ({@link SecurityHeaders#pagePolicy(String)}) instead of {@code 'unsafe-inline'}. So
 * markup injected into the page cannot run script, while Vaadin's own scripts do. The page is
 * complete when Vaadin calls this listener; only the response's headers and bytes follow.
 */
@Component
class PageScriptNonces implements VaadinServiceInitListener {

    /** 128 random bits, as CSP recommends at least. */
    private static final int NONCE_BYTES = 16;

    private final SecureRandom random = new SecureRandom();

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.addIndexHtmlRequestListener(this::addNonces);
    }

    void addNonces(IndexHtmlResponse page) {
        String nonce = newNonce();
        for (Element script : page.getDocument().select("script:not([src])")) {
            script.attr("nonce", nonce);
        }
        page.getVaadinResponse().setHeader(SecurityHeaders.CSP_HEADER, SecurityHeaders.pagePolicy(nonce));
    }

    private String newNonce() {
        byte[] bytes = new byte[NONCE_BYTES];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
