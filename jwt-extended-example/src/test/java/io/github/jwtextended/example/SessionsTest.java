package io.github.jwtextended.example;

import io.github.jwtextended.example.flow.FlowContract;
import io.github.jwtextended.example.flow.SessionsContract;

import java.util.Map;

/** The shared session checks (concurrent refreshes, reuse, the session endpoints, logout) against the Javalin example (SQLite). */
class SessionsTest extends SessionsContract {
    @Override
    protected FlowContract.RunningServer start(Map<String, String> env) {
        return TestServers.running(env);
    }
}
