package io.github.jwtextended.example;

import java.util.Map;

/** The flow on the embedded default: SQLite in the data folder. */
class SqliteFlowTest extends FlowContract {
    @Override
    Map<String, String> databaseEnv() {
        return Map.of();
    }
}
