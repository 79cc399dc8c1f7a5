package io.github.jwtextended.example;

import io.github.jwtextended.example.flow.FlowContract;

import java.util.Map;

/** The shared flow on the embedded default: SQLite in the data folder. */
class SqliteFlowTest extends FlowContract {
    @Override
    protected RunningServer start(Map<String, String> env) {
        return TestServers.running(env);
    }

    @Override
    protected Map<String, String> databaseEnv() {
        return Map.of();
    }
}
