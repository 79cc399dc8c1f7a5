package io.github.jwtextended.example;

import io.github.jwtextended.example.flow.FlowContract;
import io.github.jwtextended.example.flow.PostgresSchema;

import java.util.Map;

/**
 * The shared flow with {@code DATABASE_URL} naming PostgreSQL ({@code TEST_POSTGRES_URL}, default
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}), in a schema of its own that is
 * dropped afterwards. Skipped when PostgreSQL is unreachable, unless {@code -Djwt.requireServices=true}.
 */
class PostgresFlowTest extends FlowContract {
    PostgresSchema schema;

    static String url() {
        return PostgresSchema.url();
    }

    @Override
    protected RunningServer start(Map<String, String> env) {
        return TestServers.running(env);
    }

    @Override
    protected Map<String, String> databaseEnv() {
        if (schema == null) {
            schema = PostgresSchema.create("jwt_example_");
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
