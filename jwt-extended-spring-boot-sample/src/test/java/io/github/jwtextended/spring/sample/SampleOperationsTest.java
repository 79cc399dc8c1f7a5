package io.github.jwtextended.spring.sample;

import io.github.jwtextended.example.flow.FlowContract;
import io.github.jwtextended.example.flow.OperationsContract;

import java.util.Map;

/** The example's /metrics and health checks against the Spring Boot sample (SQLite). */
class SampleOperationsTest extends OperationsContract {
    @Override
    protected FlowContract.RunningServer start(Map<String, String> env) {
        return SampleServers.running(env);
    }
}
