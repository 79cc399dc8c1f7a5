package io.github.jwtextended.example;

import io.github.jwtextended.example.flow.FlowContract;
import io.github.jwtextended.example.flow.OperationsContract;

import java.util.Map;

/** The shared /metrics and health checks against the Javalin example (SQLite). */
class OperationsTest extends OperationsContract {
    @Override
    protected FlowContract.RunningServer start(Map<String, String> env) {
        return TestServers.running(env);
    }
}
