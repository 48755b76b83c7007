package dev.zscope.alert;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which rule each stream runs: its own from the UI, else its own from configuration, else the
 * default. Read by the evaluator at every tick, so a change applies at once.
 */
final class RuleBook implements AlertBook.Rules {

    /** Where a stream's rule comes from. */
    enum Origin { DEFAULT, CONFIGURED, UI }

    private final AlertRule defaults;
    private final Map<String, AlertRule> configured = new ConcurrentHashMap<>();
    private final Map<String, AlertRule> fromUi = new ConcurrentHashMap<>();
    private final Map<String, AlertProperties.RuleConfig> uiConfigs = new ConcurrentHashMap<>();

    RuleBook(AlertProperties properties, Map<String, AlertProperties.RuleConfig> stored) {
        this.defaults = properties.defaultRule();
        properties.streams().forEach((stream, r) -> configured.put(stream, r.over(defaults)));
        stored.forEach(this::put);
    }

    @Override
    public AlertRule of(String stream) {
        AlertRule r = fromUi.get(stream);
        if (r != null) {
            return r;
        }
        r = configured.get(stream);
        return r != null ? r : defaults;
    }

    Origin origin(String stream) {
        return fromUi.containsKey(stream) ? Origin.UI : configured.containsKey(stream) ? Origin.CONFIGURED : Origin.DEFAULT;
    }

    AlertRule defaults() {
        return defaults;
    }

    /** The stream's rule from the UI as entered (unset fields inherit), or null. */
    AlertProperties.RuleConfig uiConfig(String stream) {
        return uiConfigs.get(stream);
    }

    /** Sets (or with null removes) a stream's rule from the UI; throws if it is invalid. */
    void put(String stream, AlertProperties.RuleConfig r) {
        if (r == null) {
            fromUi.remove(stream);
            uiConfigs.remove(stream);
            return;
        }
        AlertRule base = configured.getOrDefault(stream, defaults);
        AlertRule rule = r.over(base);
        fromUi.put(stream, rule);
        uiConfigs.put(stream, r);
    }
}
