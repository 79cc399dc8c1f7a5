package io.github.jwtextended.spring.sample;

import io.github.jwtextended.example.flow.FlowContract;

import java.util.Map;

/** The example server's black-box flow against the Spring Boot sample, on the embedded default: SQLite in the data folder. */
class SqliteSampleFlowTest extends FlowContract {
    @Override
    protected RunningServer start(Map<String, String> env) {
        return SampleServers.running(env);
    }

    @Override
    protected Map<String, String> databaseEnv() {
        return Map.of();
    }
}
