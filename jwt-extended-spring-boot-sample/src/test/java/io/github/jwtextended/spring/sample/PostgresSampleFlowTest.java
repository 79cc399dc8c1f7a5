package io.github.jwtextended.spring.sample;

import io.github.jwtextended.example.flow.FlowContract;
import io.github.jwtextended.example.flow.PostgresSchema;

import java.util.Map;

/**
 * The example server's black-box flow against the Spring Boot sample with {@code DATABASE_URL}
 * naming PostgreSQL, in a schema of its own that is dropped afterwards (see {@link PostgresSchema}).
 */
class PostgresSampleFlowTest extends FlowContract {
    private PostgresSchema schema;

    @Override
    protected RunningServer start(Map<String, String> env) {
        return SampleServers.running(env);
    }

    @Override
    protected Map<String, String> databaseEnv() {
        if (schema == null) {
            schema = PostgresSchema.create("jwt_sample_");
        }
        return Map.of("DATABASE_URL", schema.databaseUrl());
    }

    @Override
    protected void cleanUpDatabase() {
        if (schema != null) {
            schema.drop();
        }
    }
}
