package dev.zscope.detection;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Invalid detector settings, one {@link Problem} per setting at fault, so that a form can put each
 * message at its own field instead of matching message text. The message joins them for a command
 * line.
 */
public final class SettingException extends IllegalArgumentException {

    /**
     * One rejected setting.
     *
     * @param key     the setting's key ({@link Setting#key()}); the unknown key itself for an unknown one
     * @param message a sentence fit to show a user as it is
     */
    public record Problem(String key, String message) {
    }

    private final transient List<Problem> problems;

    public SettingException(String key, String message) {
        this(List.of(new Problem(key, message)));
    }

    public SettingException(List<Problem> problems) {
        super(problems.stream().map(Problem::message).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
