package dev.zscope.settings;

import java.util.function.Consumer;

/**
 * Settings shared by several servers (cluster mode): what an admin saves on one server is
 * published, and every server, this one included, applies what was published, in the order it was.
 * The settings feature defines it so that it need not know who implements it; without one, the
 * settings are this server's alone.
 */
public interface SettingsReplica {

    /** Publishes settings an admin saved on this server. */
    void publish(ZscopeSettings settings);

    /**
     * Calls {@code listener} with the settings in force across servers: at once with the latest
     * published ones if there are any, then with each change, on a thread of the replica's.
     *
     * @return whether any settings had been published before (false on a fresh cluster)
     */
    boolean follow(Consumer<ZscopeSettings> listener);
}
