package dev.zscope.anomaly;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Starts the anomaly history's read-back once the first HTTP request has been answered, so that
 * the first page (the login page, usually) is served by a machine that is not also parsing a
 * million-row log. After that one request it only reads a flag. If no request comes, the
 * read-back starts anyway a few seconds after the application is ready
 * ({@link AnomalyService#whenReady()}).
 */
@Component
class HistoryAfterFirstRequest implements Filter {

    private final Runnable readBack;
    private final AtomicBoolean served = new AtomicBoolean();

    @Autowired
    HistoryAfterFirstRequest(AnomalyService anomalies) {
        this(anomalies::readBackHistory);
    }

    HistoryAfterFirstRequest(Runnable readBack) {
        this.readBack = readBack;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } finally {
            if (!served.get() && served.compareAndSet(false, true)) {
                readBack.run();
            }
        }
    }
}
