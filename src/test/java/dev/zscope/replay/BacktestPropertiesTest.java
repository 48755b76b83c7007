package dev.zscope.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

/** {@code zscope.backtest.max-upload-size}: a DataSize, 1GB by default, at least one byte. */
class BacktestPropertiesTest {

    private static BacktestProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("zscope.backtest", BacktestProperties.class);
    }

    @Test
    void defaultsTo1GbAndReadsDataSizes() {
        assertThat(bind(Map.of()).maxUploadSize()).isEqualTo(DataSize.ofGigabytes(1));
        assertThat(bind(Map.of("zscope.backtest.max-upload-size", "200MB")).maxUploadSize())
                .isEqualTo(DataSize.ofMegabytes(200));
        assertThat(bind(Map.of("zscope.backtest.max-upload-size", "5000")).maxUploadSize())
                .isEqualTo(DataSize.ofBytes(5000));
    }

    @Test
    void refusesZeroAndNonsense() {
        assertThatThrownBy(() -> bind(Map.of("zscope.backtest.max-upload-size", "0B")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("at least 1B");
        assertThatThrownBy(() -> bind(Map.of("zscope.backtest.max-upload-size", "lots")))
                .isInstanceOf(BindException.class);
    }
}
