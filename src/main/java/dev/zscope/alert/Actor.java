package dev.zscope.alert;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is acting: the signed-in user, or the API token's name. Recorded on silences, acknowledgements, labels. */
final class Actor {

    private Actor() {
    }

    static String name() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        String name = a == null ? null : a.getName();
        return name == null || name.isBlank() ? "unknown" : name.length() <= 100 ? name : name.substring(0, 100);
    }
}
