package dev.zscope.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The simulated streams: the first uses the settings as given, each further one a shape of its own
 * (another seed, a longer period, a larger wave), so the product shows many different streams
 * without outside data. Owned by the engine's ticker thread; {@link #apply} may come from any
 * thread and takes effect from the next tick.
 */
public final class Simulators {

    private final List<String> names = new ArrayList<>();
    private final List<SimulatedSource> sources = new ArrayList<>();

    public Simulators(String firstName, int count) {
        for (int i = 0; i < count; i++) {
            names.add(i == 0 ? firstName : firstName + "-" + (i + 1));
            sources.add(new SimulatedSource(derive(SimulatorSettings.defaults(), i)));
        }
    }

    public List<String> names() {
        return List.copyOf(names);
    }

    public synchronized void apply(SimulatorSettings settings) {
        for (int i = 0; i < sources.size(); i++) {
            sources.get(i).apply(derive(settings, i));
        }
    }

    public synchronized void tick(BiConsumer<String, SimulatedSource.Sample> sink) {
        for (int i = 0; i < sources.size(); i++) {
            sink.accept(names.get(i), sources.get(i).next());
        }
    }

    /** Stream i: seed + i, period × (1 + i/2), amplitude × (1 + i/4). */
    static SimulatorSettings derive(SimulatorSettings s, int i) {
        if (i == 0) {
            return s;
        }
        return new SimulatorSettings(s.level(), s.amplitude() * (1 + i / 4.0),
                (int) Math.min(Integer.MAX_VALUE, s.periodPoints() * (1 + i / 2.0)), s.noise(),
                s.spikeRate(), s.spikeMagnitude(), s.shiftRate(), s.shiftMagnitude(), s.seed() + i);
    }
}
