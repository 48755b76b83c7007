package dev.zscope.cluster;

import dev.zscope.anomaly.AnomalyService;
import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.engine.AnomalyObserver;
import dev.zscope.engine.DetectionEngine;
import dev.zscope.engine.RemoteDetection;
import dev.zscope.engine.StreamStore;
import dev.zscope.ingest.TokenReplica;
import dev.zscope.settings.SettingsProperties;
import dev.zscope.settings.SettingsReplica;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Cluster mode of a web node (roles {@code all} and {@code web}), on when
 * {@code zscope.cluster.bootstrap-servers} is set; without it none of these beans exist and the
 * server runs alone, exactly as it always did. The features know nothing of Kafka: the engine
 * sends points through its {@link RemoteDetection}, the registry is a {@link StreamStore}, settings
 * and tokens are shared through their features' replica interfaces.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "zscope.cluster", name = "bootstrap-servers")
class ClusterConfiguration {

    /** The node's id, kept in its data directory. */
    record ClusterNode(String id) {
    }

    @Bean
    ClusterNode clusterNode(ClusterProperties properties) {
        if (properties.role() == ClusterRole.DETECTOR) {
            throw new IllegalStateException("zscope.cluster.role=detector must be given on the command line"
                    + " (--zscope.cluster.role=detector) or as the environment variable ZSCOPE_CLUSTER_ROLE: it"
                    + " decides which application starts");
        }
        return new ClusterNode(NodeId.of(properties.dataDirectory()));
    }

    @Bean
    SharedRecords sharedRecords(ClusterProperties properties, ClusterNode node) {
        return new SharedRecords(properties);
    }

    @Bean
    ClusterProducer clusterProducer(ClusterProperties properties, ClusterNode node) {
        return new ClusterProducer(properties, node.id());
    }

    @Bean
    RemoteDetection kafkaPointSender(ClusterProducer producer, ClusterProperties properties) {
        return new KafkaPointSender(producer, properties);
    }

    @Bean
    @Primary
    StreamStore replicatedStreamStore(@Qualifier("jdbcStreamStore") StreamStore local, SharedRecords shared,
                                      ClusterProducer producer, ClusterProperties properties) {
        return new ReplicatedStreamStore(local, shared, producer, properties.topics());
    }

    @Bean
    SettingsReplica kafkaSettingsReplica(ClusterProducer producer, SharedRecords shared, ClusterProperties properties,
                                         ClusterNode node) {
        return new KafkaSettingsReplica(producer, shared, properties, shared.settingsPartitions(), node.id(),
                Clock.systemUTC());
    }

    @Bean
    TokenReplica kafkaTokenReplica(ClusterProducer producer, SharedRecords shared, ClusterProperties properties) {
        return new KafkaTokenReplica(producer, shared, properties);
    }

    @Bean
    RegistryFollower registryFollower(DetectionEngine engine, SharedRecords shared) {
        return new RegistryFollower(engine, shared);
    }

    @Bean
    ResultsFollower resultsFollower(ClusterProperties properties, ClusterNode node, DetectionEngine engine,
                                    AnomalyService anomalies) {
        return new ResultsFollower(properties, node.id(), engine, anomalies, Clock.systemUTC());
    }

    @Bean
    AlertFeed alertFeed(ClusterProperties properties, ClusterNode node, ObjectProvider<AnomalyObserver> observers) {
        return new AlertFeed(properties, node.id(), observers.orderedStream().toList());
    }

    @Bean
    @Conditional(DetectsHere.class)
    DetectorRunner detectorRunner(ClusterProperties properties, SettingsProperties settings) {
        return new DetectorRunner(properties, new DetectorChoice(settings.detector(), settings.detectorSettings()));
    }

    /** Role {@code all}: this web node runs detection too. */
    static final class DetectsHere implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment()).bind("zscope.cluster.role", ClusterRole.class)
                    .orElse(ClusterRole.ALL).detects();
        }
    }
}
