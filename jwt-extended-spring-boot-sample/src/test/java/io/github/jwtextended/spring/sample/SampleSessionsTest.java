package io.github.jwtextended.spring.sample;

import io.github.jwtextended.example.flow.FlowContract;
import io.github.jwtextended.example.flow.SessionsContract;

import java.util.Map;

/** The example server's session checks (concurrent refreshes, reuse, the session endpoints, logout) against the Spring Boot sample (SQLite). */
class SampleSessionsTest extends SessionsContract {
    @Override
    protected FlowContract.RunningServer start(Map<String, String> env) {
        return SampleServers.running(env);
    }
}
