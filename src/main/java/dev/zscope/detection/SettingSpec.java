package dev.zscope.detection;

/**
 * One setting of a detector, described for people: {@code replay --help}, and later the settings
 * form, list these.
 *
 * @param key          the name used in {@code --set key=value}
 * @param defaultValue the value used when the setting is not given, as text
 * @param description  what it does and its valid range
 */
public record SettingSpec(String key, String defaultValue, String description) {
}
