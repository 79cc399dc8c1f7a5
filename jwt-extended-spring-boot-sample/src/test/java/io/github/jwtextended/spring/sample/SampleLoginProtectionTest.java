package io.github.jwtextended.spring.sample;

import io.github.jwtextended.example.flow.FlowContract;
import io.github.jwtextended.example.flow.LoginProtectionContract;

import java.util.Map;

/** The example server's login-limit, login-CSRF and body-limit checks against the Spring Boot sample (SQLite). */
class SampleLoginProtectionTest extends LoginProtectionContract {
    @Override
    protected FlowContract.RunningServer start(Map<String, String> env) {
        return SampleServers.running(env);
    }
}
