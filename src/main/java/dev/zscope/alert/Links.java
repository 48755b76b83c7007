package dev.zscope.alert;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Links in notifications, made from {@code zscope.public-url}: the address people open Zscope at,
 * which the server cannot know by itself behind a proxy.
 */
record Links(String publicUrl) {

    Links {
        publicUrl = publicUrl == null || publicUrl.isBlank() ? "http://localhost:8080" : publicUrl.strip();
        while (publicUrl.endsWith("/")) {
            publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
        }
    }

    /** The stream's dashboard. */
    String dashboard(String stream) {
        return publicUrl + "/?stream=" + URLEncoder.encode(stream, StandardCharsets.UTF_8);
    }

    /** The alert in the Alerts view. */
    String alert(long id) {
        return publicUrl + "/alerts?alert=" + id;
    }
}
