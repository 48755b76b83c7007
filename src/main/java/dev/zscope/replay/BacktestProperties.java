package dev.zscope.replay;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The backtest's limits, bound from {@code zscope.backtest.*}.
 *
 * @param maxUploadSize the largest file the backtest page accepts; the browser refuses a larger file
 *                      before sending it, and the server stops a larger upload as soon as it has
 *                      read one byte too many (whatever size the request claimed) and deletes what
 *                      it received; default 1GB
 */
@Validated
@ConfigurationProperties("zscope.backtest")
public record BacktestProperties(@DefaultValue("1GB") @NotNull DataSize maxUploadSize) {

    public BacktestProperties {
        if (maxUploadSize.toBytes() < 1) {
            throw new IllegalArgumentException("zscope.backtest.max-upload-size must be at least 1B, not "
                    + maxUploadSize);
        }
    }
}
