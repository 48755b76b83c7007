package dev.zscope.detection;

import java.io.DataInput;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A kind of detector as users choose it: its name, what it is for, its {@link Setting}s, how its
 * settings record is made from them, how a detector is made from that record and, for kinds that
 * keep state across a restart, how one is read back.
 *
 * @param name         the name used in {@code --detector=name}
 * @param summary      one line on what it detects well
 * @param settings     its settings, each stated once
 * @param settingsOf   makes the settings record from validated values (and checks across settings)
 * @param factory      makes a detector from a settings record
 * @param stateVersion the version of the state format {@link Detector#writeState} writes
 * @param stateReader  reads a state back into a detector; null when the kind keeps none
 * @param <S>          the settings record
 */
public record DetectorKind<S>(String name, String summary, List<Setting> settings,
                              Function<SettingValues, S> settingsOf, Function<S, Detector> factory,
                              int stateVersion, StateReader<S> stateReader) {

    /** Reads a state into a new detector with the given settings. */
    @FunctionalInterface
    public interface StateReader<S> {
        Detector read(S settings, DataInput in) throws IOException;
    }

    public DetectorKind {
        Objects.requireNonNull(name, "name");
        settings = List.copyOf(settings);
    }

    /** This kind under another name (the {@code default} alias). */
    public DetectorKind<S> alias(String alias, String aliasSummary) {
        return new DetectorKind<>(alias, aliasSummary, settings, settingsOf, factory, stateVersion, stateReader);
    }

    /**
     * The settings record for {@code text} over the defaults, without making a detector.
     *
     * @throws SettingException for unknown keys and invalid values, one problem per setting
     */
    public S validate(Map<String, String> text) {
        return settingsOf.apply(SettingValues.parse(settings, text));
    }

    /** A new detector with {@code text} over the defaults; see {@link #validate}. */
    public Detector create(Map<String, String> text) {
        return factory.apply(validate(text));
    }

    /** Whether a detector of this kind can be saved and restored. */
    public boolean keepsState() {
        return stateReader != null;
    }

    /** A detector with {@code text} over the defaults in the state {@code in} holds. */
    public Detector restore(Map<String, String> text, DataInput in) throws IOException {
        if (stateReader == null) {
            throw new UnsupportedOperationException(name + " keeps no state");
        }
        return stateReader.read(validate(text), in);
    }

    /** The setting called {@code key}, if this kind has one. */
    public java.util.Optional<Setting> setting(String key) {
        return settings.stream().filter(s -> s.key().equals(key)).findFirst();
    }
}
