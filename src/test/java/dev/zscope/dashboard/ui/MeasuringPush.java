package dev.zscope.dashboard.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.communication.PushConnection;
import com.vaadin.flow.server.communication.UidlWriter;

/**
 * Stands in for a mocked UI's WebSocket: on every push it writes the UIDL message exactly as
 * Vaadin's Atmosphere connection would (so the server pays the same serialisation) and, instead
 * of sending it, counts its size and notes how old the chart's newest point was when the message
 * was ready. That age is the server's share of the engine-to-browser lag.
 */
final class MeasuringPush implements PushConnection {

    private final transient UI ui;
    private final transient LiveChart chart;
    private final transient PushStats stats;
    private String lastNewest;

    MeasuringPush(UI ui, LiveChart chart, PushStats stats) {
        this.ui = ui;
        this.chart = chart;
        this.stats = stats;
    }

    @Override
    public void push() {
        long t0 = System.nanoTime();
        String message = new UidlWriter().createUidl(ui, true).toString();
        long nanos = System.nanoTime() - t0;
        String newest = chart.getElement().getAttribute(LiveChart.NEWEST_ATTRIBUTE);
        long lag = -1;
        if (newest != null && !newest.equals(lastNewest)) {
            lastNewest = newest;
            lag = System.currentTimeMillis() - Long.parseLong(newest);
        }
        stats.push(message.length(), nanos, lag);
    }

    @Override
    public void disconnect() {
    }

    @Override
    public boolean isConnected() {
        return true;
    }
}
