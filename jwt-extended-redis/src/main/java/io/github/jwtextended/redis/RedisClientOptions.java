package io.github.jwtextended.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The Lettuce client options of a {@link RedisRevocationStore}: commands rejected at once while
 * disconnected, every command bounded by the store's timeout except {@code WAIT}, which may also
 * take the replica acknowledgement timeout it asks Redis for; TLS trusting the JDK's authorities,
 * or only those of a PEM file when one is given. Lettuce verifies the server's certificate and host
 * name on every {@code rediss://} connection (its default, left as is).
 *
 * <p>Thread safety: stateless.
 */
final class RedisClientOptions {
    private RedisClientOptions() {
    }

    static ClientOptions of(Duration timeout, Duration connectTimeout, Duration replicaAckTimeout, Path tlsCaFile) {
        long commandMillis = timeout.toMillis();
        long waitMillis = commandMillis + replicaAckTimeout.toMillis();
        TimeoutOptions.TimeoutSource source = new TimeoutOptions.TimeoutSource() {
            @Override
            public long getTimeout(RedisCommand<?, ?, ?> command) {
                return command.getType() == CommandType.WAIT ? waitMillis : commandMillis;
            }

            @Override
            public TimeUnit getTimeUnit() {
                return TimeUnit.MILLISECONDS;
            }
        };
        ClientOptions.Builder options = ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.builder().timeoutCommands().timeoutSource(source).build())
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).keepAlive(true).build());
        if (tlsCaFile != null) {
            options.sslOptions(SslOptions.builder().jdkSslProvider().trustManager(tlsCaFile.toFile()).build());
        }
        return options.build();
    }
}
