package io.github.jwtextended.example;

import io.github.jwtextended.example.flow.FlowContract;
import io.github.jwtextended.example.flow.LoginProtectionContract;

import java.util.Map;

/** The shared login-limit, login-CSRF and body-limit checks against the Javalin example (SQLite). */
class LoginProtectionTest extends LoginProtectionContract {
    @Override
    protected FlowContract.RunningServer start(Map<String, String> env) {
        return TestServers.running(env);
    }
}
