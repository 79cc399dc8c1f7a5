package io.github.jwtextended.spring.sample;

import io.github.jwtextended.example.secret.SecretKeyFile;
import io.github.jwtextended.example.settings.CommonSettings;
import io.github.jwtextended.example.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the example server's settings into the Spring and starter properties they stand for,
 * before any bean is made: {@code HOST}/{@code PORT} become {@code server.address}/{@code server.port};
 * {@code REDIS_URL} chooses {@code jwt.revocation.store=redis} (else {@code jdbc}, on the sample's
 * database); {@code REVOCATION_TIMEOUT_MS} becomes {@code jwt.revocation.timeout}; without
 * {@code JWT_SECRET_KEY} (or flask's {@code SECRET_KEY}) the signing key is read from, or created
 * in, {@code DATA_DIR/jwt-secret.key}; {@code JWT_TOKEN_LOCATION} defaults to
 * {@code cookies,headers}. These are the lowest-precedence properties: anything set explicitly wins.
 * The checked settings ({@link CommonSettings}, read by {@link SampleSettings}) become a bean.
 *
 * <p>Thread safety: runs once, on the thread starting the application.
 */
public final class SampleEnvironment implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    static final String SOURCE = "jwt-extended-sample";
    private static final Logger LOG = LoggerFactory.getLogger(SampleEnvironment.class);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        CommonSettings settings = SampleSettings.from(env::getProperty);
        try {
            Database.createDataDir(settings.dataDir());
        } catch (IOException e) {
            throw new SampleSettings.Invalid("DATA_DIR " + settings.dataDir() + " cannot be created: " + e.getMessage());
        }
        Binder binder = Binder.get(env);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("server.address", settings.host());
        props.put("server.port", settings.port());
        if (!binder.bind("jwt.token-location", String.class).isBound()) {
            props.put("jwt.token-location", CommonSettings.TOKEN_LOCATION_DEFAULT);
        }
        if (!nonEmpty(binder.bind("jwt.secret-key", String.class).orElse(null))) {
            String flask = env.getProperty("SECRET_KEY");
            props.put("jwt.secret-key", nonEmpty(flask) ? flask : generatedSecret(settings));
        }
        props.put("jwt.revocation.timeout", settings.revocationTimeout().toMillis() + "ms");
        if (settings.redisUrl() != null) {
            props.put("jwt.revocation.store", "redis");
            props.put("jwt.redis.url", settings.redisUrl());
            props.put("jwt.redis.near-cache", settings.nearCache());
            if (settings.redisTlsCaFile() != null) {
                props.put("jwt.redis.tls-ca-file", settings.redisTlsCaFile().toString());
            }
            if (settings.redisSentinel() != null) {
                if (settings.redisSentinel().user() != null) {
                    props.put("jwt.redis.sentinel-username", settings.redisSentinel().user());
                }
                props.put("jwt.redis.sentinel-password", new String(settings.redisSentinel().password()));
            }
            props.put("jwt.redis.min-replicas-ack", settings.redisMinReplicasAck());
            props.put("jwt.redis.replica-ack-timeout", settings.redisReplicaAckTimeout().toMillis() + "ms");
        } else {
            props.put("jwt.revocation.store", "jdbc");
            props.put("jwt.revocation.create-table", false); // the migrations own the schema
            props.put("jwt.revocation.near-cache", settings.nearCache());
            props.put("jwt.revocation.near-cache-staleness", settings.nearCacheStaleness().toMillis() + "ms");
        }
        env.getPropertySources().addLast(new MapPropertySource(SOURCE, props));
        context.getBeanFactory().registerSingleton("sampleSettings", settings);
    }

    private static boolean nonEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    private static String generatedSecret(CommonSettings settings) {
        try {
            return SecretKeyFile.loadOrCreateForServer(settings.dataDir(), LOG);
        } catch (IOException e) {
            throw new SampleSettings.Invalid("cannot read or create the signing key in DATA_DIR " + settings.dataDir()
                    + ": " + e.getMessage());
        } catch (IllegalStateException e) {
            throw new SampleSettings.Invalid(e.getMessage());
        }
    }
}
